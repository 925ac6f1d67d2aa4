// Block Kit → DOM, faithful enough to use: header, section (text, fields, accessory), context,
// divider, actions (buttons with styles, selects), image, rich_text (as text), and input blocks
// for modals. Text goes through mrkdwn.js; attributes are set one by one, never as markup.
import { h, safeHtml } from './dom.js';
import { isSafeUrl, renderPlain, renderTextObject } from './mrkdwn.js';

/**
 * opts: { lookup, onAction(detail) → Promise, errors: {block_id: message}, state: view state.values,
 *         values: inputs as typed (collectInputs) }
 * onAction receives { blockId, actionId, selected?, element }.
 */
export function renderBlocks(blocks, opts = {}) {
  const root = h('div', { class: 'blocks' });
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const el = renderBlock(block, opts);
    if (el) root.append(el);
  }
  return root;
}

function text(obj, opts, tag = 'div', props = {}) {
  return safeHtml(tag, renderTextObject(obj, opts.lookup), props);
}

function renderBlock(block, opts) {
  const blockId = block.block_id ?? '';
  const base = { class: `block block-${String(block.type).replace(/[^a-z_]/g, '')}`, dataset: { blockId } };
  switch (block.type) {
    case 'header':
      return h('div', base, text(block.text, opts, 'h3', { class: 'block-header-text' }));
    case 'divider':
      return h('hr', base);
    case 'section': {
      const fields = Array.isArray(block.fields) ? h('div', { class: 'section-fields' }, block.fields.map((f) => text(f, opts, 'div', { class: 'section-field' }))) : null;
      const accessory = block.accessory ? element(block.accessory, blockId, opts) : null;
      return h('div', base, h('div', { class: 'section-main' }, block.text ? text(block.text, opts, 'div', { class: 'section-text' }) : null, fields), accessory ? h('div', { class: 'section-accessory' }, accessory) : null);
    }
    case 'context':
      return h('div', base, (block.elements ?? []).map((e) => (e.type === 'image' ? image(e, 'context-image') : text(e, opts, 'span', { class: 'context-text' }))));
    case 'actions':
      return h('div', base, (block.elements ?? []).map((e) => element(e, blockId, opts)));
    case 'image':
      return h('figure', base, block.title ? text(block.title, opts, 'figcaption') : null, image(block, 'block-image'));
    case 'rich_text':
      return safeHtml('div', renderPlain(richText(block.elements ?? [], opts.lookup)), base);
    case 'input':
      return input(block, opts);
    default:
      return h('div', { ...base, class: 'block block-unsupported' }, `[${String(block.type)} block]`);
  }
}

function image(e, cls) {
  if (!isSafeUrl(e.image_url) || String(e.image_url).startsWith('mailto:')) return h('span', { class: 'image-missing' }, e.alt_text ?? '');
  return h('img', { class: cls, src: e.image_url, alt: e.alt_text ?? '', title: e.alt_text ?? '', referrerpolicy: 'no-referrer', loading: 'lazy' });
}

/** An interactive element in a message, Home tab or modal (outside input blocks). */
function element(e, blockId, opts) {
  const dataset = { blockId, actionId: e.action_id };
  if (e.type === 'button') {
    const style = e.style === 'primary' || e.style === 'danger' ? ` btn-${e.style}` : '';
    const button = h('button', { type: 'button', class: `btn${style}`, testid: 'block-button', dataset: { ...dataset, value: e.value ?? null } }, text(e.text, opts, 'span'));
    button.addEventListener('click', async () => {
      if (e.url && isSafeUrl(e.url)) window.open(e.url, '_blank', 'noopener,noreferrer');
      button.disabled = true;
      try {
        await opts.onAction?.({ blockId, actionId: e.action_id, element: e });
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }
  if (e.type === 'static_select' || e.type === 'overflow') {
    const select = selectEl(e, { testid: 'block-select', dataset }, opts, e.type === 'overflow' ? '⋯' : null);
    select.addEventListener('change', () => opts.onAction?.({ blockId, actionId: e.action_id, selected: select.value, element: e }));
    return select;
  }
  if (e.type === 'image') return image(e, 'accessory-image');
  return h('span', { class: 'unsupported' }, `[${String(e.type)}]`);
}

function options(e) {
  const flat = (e.options ?? []).map((o) => ({ o }));
  const grouped = (e.option_groups ?? []).flatMap((g) => (g.options ?? []).map((o) => ({ o, group: g })));
  return [...flat, ...grouped];
}

const plainOf = (t) => (t && typeof t.text === 'string' ? t.text : '');

function selectEl(e, props, opts, placeholder) {
  const select = h('select', { class: 'select', ...props });
  select.append(h('option', { value: '' }, placeholder ?? (plainOf(e.placeholder) || 'Select an option')));
  for (const { o } of options(e)) select.append(h('option', { value: o.value }, plainOf(o.text)));
  const initial = e.initial_option?.value;
  if (initial !== undefined) select.value = initial;
  return select;
}

/** An input block in a modal: label, element (text or select), hint and the error Slack would show. */
function input(block, opts) {
  const blockId = block.block_id ?? '';
  const e = block.element ?? {};
  const id = `input-${blockId}-${e.action_id}`;
  const dataset = { inputBlock: blockId, actionId: e.action_id, elementType: e.type };
  const saved = opts.state?.[blockId]?.[e.action_id];
  // What the person had typed before a re-render (errors shown, view updated) wins over state.
  const typed = opts.values?.[blockId]?.[e.action_id];
  let control;
  if (e.type === 'plain_text_input' || e.type === 'number_input' || e.type === 'email_text_input' || e.type === 'url_text_input') {
    const common = { id, class: 'text-input', testid: 'modal-input', dataset, placeholder: plainOf(e.placeholder) || null, maxlength: e.max_length ?? null };
    control = e.multiline ? h('textarea', { ...common, rows: 4 }) : h('input', { ...common, type: e.type === 'number_input' ? 'number' : 'text' });
    control.value = typed ?? saved?.value ?? e.initial_value ?? '';
  } else if (e.type === 'static_select' || e.type === 'radio_buttons') {
    control = selectEl(e, { id, testid: 'modal-select', dataset }, opts, null);
    if (saved?.selected_option?.value) control.value = saved.selected_option.value;
    if (typed !== undefined) control.value = typed ?? '';
  } else if (e.type === 'datepicker') {
    control = h('input', { id, type: 'date', class: 'text-input', testid: 'modal-input', dataset });
    control.value = typed ?? saved?.selected_date ?? e.initial_date ?? '';
  } else {
    control = h('span', { class: 'unsupported' }, `[${String(e.type)} input]`);
  }
  const error = opts.errors?.[blockId];
  return h(
    'div',
    { class: `block block-input${error ? ' has-error' : ''}`, dataset: { blockId } },
    h('label', { for: id, class: 'input-label' }, plainOf(block.label), block.optional ? h('span', { class: 'optional' }, ' (optional)') : null),
    control,
    block.hint ? h('div', { class: 'input-hint' }, plainOf(block.hint)) : null,
    error ? h('div', { class: 'input-error', testid: 'modal-field-error', role: 'alert' }, String(error)) : null,
  );
}

/** What the person entered in a modal: block_id → action_id → value (the server builds Slack's state). */
export function collectInputs(container) {
  const inputs = {};
  for (const el of container.querySelectorAll('[data-input-block]')) {
    const { inputBlock, actionId } = el.dataset;
    (inputs[inputBlock] ??= {})[actionId] = el.value === '' ? null : el.value;
  }
  return inputs;
}

/** rich_text → plain text (mentions as @Name), shown escaped. */
function richText(elements, lookup) {
  const out = [];
  const walk = (list) => {
    for (const el of list ?? []) {
      if (el.type === 'text') out.push(el.text ?? '');
      else if (el.type === 'link') out.push(el.text || el.url || '');
      else if (el.type === 'user') out.push(`@${lookup?.user?.(el.user_id) ?? el.user_id}`);
      else if (el.type === 'channel') out.push(`#${lookup?.channel?.(el.channel_id) ?? el.channel_id}`);
      else if (el.type === 'emoji') out.push(`:${el.name}:`);
      else if (el.type === 'broadcast') out.push(`@${el.range}`);
      else if (el.type === 'rich_text_list') {
        for (const item of el.elements ?? []) {
          out.push('• ');
          walk(item.elements);
          out.push('\n');
        }
      } else if (Array.isArray(el.elements)) {
        walk(el.elements);
        if (el.type !== 'rich_text_section') out.push('\n');
      }
    }
  };
  walk(elements);
  return out.join('').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
