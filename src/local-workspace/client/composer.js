// The message box: Enter sends, Shift+Enter adds a line, "@" suggests the app, agents and people
// (arrow keys + Enter/Tab to choose), and "/dept …" is sent as a slash command.
import { h, iconEl, clear } from './dom.js';
import { mentionQuery, parseCommand, toSlackText } from './composer-text.js';

/**
 * opts: { form, input, testid, candidates(): [{label, insert, token, hint, icon, dataset}],
 *         commands(): string[], onSend(text), onCommand(command, text), onError(message) }
 * onSend / onCommand answer true when sent, or a reason it was not: the box then says so and keeps the text.
 */
export function createComposer(opts) {
  const { form, input } = opts;
  const tokens = new Map();
  const box = h('ul', { class: 'suggestions', testid: 'mention-suggestions', role: 'listbox', hidden: true });
  form.append(box);
  const failure = h('div', { class: 'composer-error', testid: 'composer-error', role: 'alert', hidden: true });
  form.append(failure);

  function notSent(reason) {
    failure.textContent = `Not sent: ${reason} Your message is still in the box; send it again when you are ready.`;
    failure.hidden = false;
    form.classList.add('not-sent');
  }

  function clearFailure() {
    failure.hidden = true;
    form.classList.remove('not-sent');
  }
  let matches = [];
  let active = 0;
  let range = null;

  function close() {
    box.hidden = true;
    matches = [];
    range = null;
  }

  function refresh() {
    const q = mentionQuery(input.value, input.selectionStart ?? input.value.length);
    if (!q) return close();
    const needle = q.query.toLowerCase();
    matches = opts
      .candidates()
      .filter((c) => !needle || c.label.toLowerCase().includes(needle) || (c.hint ?? '').toLowerCase().includes(needle))
      .slice(0, 8);
    if (!matches.length) return close();
    range = { start: q.start, end: input.selectionStart ?? input.value.length };
    active = Math.min(active, matches.length - 1);
    clear(box);
    matches.forEach((c, i) => {
      box.append(
        h(
          'li',
          { class: `suggestion${i === active ? ' active' : ''}`, role: 'option', testid: 'mention-option', dataset: c.dataset, onmousedown: (e) => { e.preventDefault(); choose(i); } },
          iconEl(c.icon, c.label),
          h('span', { class: 'suggestion-label' }, c.label),
          c.hint ? h('span', { class: 'suggestion-hint' }, c.hint) : null,
        ),
      );
    });
    box.hidden = false;
  }

  function choose(i) {
    const c = matches[i];
    if (!c || !range) return;
    const text = `${c.insert} `;
    input.value = input.value.slice(0, range.start) + text + input.value.slice(range.end);
    const at = range.start + text.length;
    input.setSelectionRange(at, at);
    if (c.token) tokens.set(c.insert, c.token);
    close();
    input.focus();
  }

  async function send() {
    const raw = input.value.trim();
    if (!raw) return;
    const command = raw.startsWith('/') ? parseCommand(raw, opts.commands()) : null;
    if (raw.startsWith('/') && !command && !raw.startsWith('//')) {
      opts.onError?.(`${raw.split(/\s/)[0]} is not a command here. Try ${opts.commands().join(', ')}.`);
      return;
    }
    input.disabled = true;
    clearFailure();
    try {
      const result = command ? await opts.onCommand(command.command, command.text) : await opts.onSend(toSlackText(raw.replace(/^\/\//, '/'), tokens));
      if (typeof result === 'string') notSent(result);
      else if (result !== false) {
        input.value = '';
        tokens.clear();
      }
    } catch (err) {
      notSent(err?.message ?? 'the local workspace did not answer.');
    } finally {
      input.disabled = false;
      input.focus();
    }
  }

  input.addEventListener('input', refresh);
  input.addEventListener('input', clearFailure);
  input.addEventListener('click', refresh);
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (e) => {
    if (!box.hidden && matches.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
        refresh();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(active);
        return;
      }
      if (e.key === 'Escape') return close();
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  return { focus: () => input.focus(), clear: () => { input.value = ''; tokens.clear(); } };
}
