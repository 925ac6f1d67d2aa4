// Modals: the top of the person's modal stack, drawn from the view the app opened. Submit sends
// a real view_submission (through the server); an empty ack closes it, response_action errors
// are shown under their inputs. What the person typed survives re-renders. Escape closes the top one.
import { api } from './api.js';
import { collectInputs, renderBlocks } from './blocks.js';
import { clear, h } from './dom.js';

const plainOf = (t) => (t && typeof t.text === 'string' ? t.text : '');

export function createModalLayer({ root, lookup, notice }) {
  let shown = null; // { view, errors, error }

  function render(stack) {
    const top = Array.isArray(stack) ? stack.at(-1) : null;
    if (!top) {
      shown = null;
      clear(root);
      root.hidden = true;
      return;
    }
    const same = shown && shown.view.id === top.id;
    const values = same ? collectInputs(root) : undefined;
    shown = { view: top, errors: same && shown.view.hash === top.hash ? shown.errors : {}, error: null, depth: stack.length };
    draw(values);
  }

  function draw(values) {
    const { view, errors, error, depth } = shown;
    const body = h('div', { class: 'modal-body' });
    body.append(renderBlocks(view.blocks, { lookup: lookup(), errors, state: view.state?.values, values, onAction: (d) => action(d, body) }));
    const submit = view.submit ? h('button', { type: 'submit', class: 'btn btn-primary', testid: 'modal-submit' }, plainOf(view.submit) || 'Submit') : null;
    const form = h(
      'form',
      { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': plainOf(view.title), testid: 'modal', dataset: { viewId: view.id, callbackId: view.callback_id } },
      h(
        'header',
        { class: 'modal-header' },
        depth > 1 ? h('button', { type: 'button', class: 'modal-back', testid: 'modal-back', title: 'Back', onclick: () => close(view.id) }, '←') : null,
        h('h2', { testid: 'modal-title' }, plainOf(view.title)),
        h('button', { type: 'button', class: 'modal-x', testid: 'modal-dismiss', title: 'Close', onclick: () => close(view.id) }, '×'),
      ),
      body,
      error ? h('div', { class: 'modal-error', testid: 'modal-error', role: 'alert' }, error) : null,
      h('footer', { class: 'modal-footer' }, h('button', { type: 'button', class: 'btn', testid: 'modal-close', onclick: () => close(view.id) }, plainOf(view.close) || 'Cancel'), submit),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitView(body, submit);
    });
    clear(root).append(h('div', { class: 'modal-backdrop', testid: 'modal-backdrop' }, form));
    root.hidden = false;
  }

  async function submitView(body, button) {
    const view = shown.view;
    const inputs = collectInputs(body);
    if (button) button.disabled = true;
    const res = await api.submit(view.id, inputs).catch(() => ({ ok: false, error: 'The local workspace did not answer.' }));
    if (button) button.disabled = false;
    if (res.ok) return refresh();
    if (!shown || shown.view.id !== view.id) return;
    shown.errors = res.errors ?? {};
    shown.error = res.errors ? null : res.error ?? 'Something went wrong.';
    draw(inputs);
  }

  async function action(detail, body) {
    const res = await api.action({ view_id: shown.view.id, block_id: detail.blockId, action_id: detail.actionId, selected: detail.selected, inputs: collectInputs(body) });
    if (!res.ok) notice(res.error);
  }

  async function close(viewId) {
    await api.close(viewId);
    await refresh();
  }

  async function refresh() {
    const res = await api.views();
    if (res.ok) render(res.modals);
  }

  // Escape closes the modal on top, as the × and Cancel do (the app hears view_closed if it asked to).
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !shown || e.isComposing) return;
    e.preventDefault();
    close(shown.view.id);
  });

  return { render, refresh };
}
