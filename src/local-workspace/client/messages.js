// One message as the page shows it: the author with the name and icon it was posted with
// (a persona's username and icon_emoji, or the bot or person), its blocks or mrkdwn text,
// reactions, the thread link, and the "only visible to you" note on ephemeral messages.
import { renderBlocks } from './blocks.js';
import { h, iconEl, safeHtml, timeOf } from './dom.js';
import { emojiChar } from './emoji.js';
import { renderMrkdwn, renderPlain } from './mrkdwn.js';

/**
 * opts: { lookup, inThread: boolean, me, onOpenThread(message), onAction(message, detail), onEdit(message), onDelete(message) }
 */
export function renderMessage(m, opts) {
  const system = m.subtype === 'channel_join' || m.subtype === 'tombstone';
  const author = m.author ?? { name: 'Unknown', icon: null, isBot: false };
  const el = h('div', {
    class: `message${m.ephemeral ? ' message-ephemeral' : ''}${system ? ' message-system' : ''}`,
    testid: 'message',
    dataset: { ts: m.ts, channelId: m.channel, threadTs: m.thread_ts ?? null, ephemeral: m.ephemeral ? 'true' : 'false', author: author.name },
  });
  el.append(iconEl(author.icon, author.name, { testid: 'message-icon' }));
  const body = h('div', { class: 'message-body' });
  body.append(
    h(
      'div',
      { class: 'message-meta' },
      h('span', { class: 'message-author', testid: 'message-author' }, author.name),
      author.isBot ? h('span', { class: 'badge' }, 'APP') : null,
      h('time', { class: 'message-time', datetime: new Date(Number(m.ts.split('.')[0]) * 1000).toISOString(), title: m.ts }, timeOf(m.ts)),
      m.edited ? h('span', { class: 'edited' }, '(edited)') : null,
    ),
  );
  body.append(content(m, opts));
  if (Array.isArray(m.reactions) && m.reactions.length) {
    body.append(h('div', { class: 'reactions' }, m.reactions.map((r) => h('span', { class: 'reaction', testid: 'reaction', title: `:${r.name}:` }, emojiChar(r.name) ?? `:${r.name}:`, ' ', String(r.count)))));
  }
  if (m.ephemeral) body.append(h('div', { class: 'ephemeral-note', testid: 'ephemeral-note' }, '👁 Only visible to you'));
  const isParent = m.thread_ts && m.thread_ts === m.ts;
  if (!opts.inThread && isParent && m.reply_count > 0) {
    body.append(h('button', { type: 'button', class: 'thread-link', testid: 'thread-link', onclick: () => opts.onOpenThread?.(m) }, `${m.reply_count} ${m.reply_count === 1 ? 'reply' : 'replies'}`));
  }
  el.append(body);
  const tools = h('div', { class: 'message-tools' });
  if (!opts.inThread && !m.ephemeral && !system) {
    tools.append(h('button', { type: 'button', class: 'reply-button', testid: 'reply-button', title: 'Reply in thread', onclick: () => opts.onOpenThread?.(m) }, '💬'));
  }
  // People change only their own messages, as in Slack.
  if (opts.me && m.user === opts.me && !m.bot_id && !m.ephemeral && !system) {
    tools.append(
      h('button', { type: 'button', class: 'edit-button', testid: 'edit-button', title: 'Edit message', onclick: () => opts.onEdit?.(m) }, '✏️'),
      h('button', { type: 'button', class: 'delete-button', testid: 'delete-button', title: 'Delete message', onclick: () => opts.onDelete?.(m) }, '🗑️'),
    );
  }
  if (tools.childElementCount) el.append(tools);
  return el;
}

/**
 * A message pinned at the top of a conversation (the welcome in the DM with the app): read-only,
 * no thread, marked as pinned. opts: { lookup, author: { name, icon } }
 */
export function renderPinned(pinned, opts) {
  const author = opts.author ?? { name: 'Marketing Dept', icon: null };
  return h(
    'div',
    { class: 'message message-pinned', testid: 'pinned-message' },
    iconEl(author.icon, author.name, { testid: 'message-icon' }),
    h(
      'div',
      { class: 'message-body' },
      h('div', { class: 'message-meta' }, h('span', { class: 'message-author' }, author.name), h('span', { class: 'badge' }, 'APP'), h('span', { class: 'pinned-note' }, '📌 Pinned')),
      h('div', { class: 'message-content' }, safeHtml('div', renderMrkdwn(pinned.text, opts.lookup), { class: 'mrkdwn' })),
    ),
  );
}

function content(m, opts) {
  if (Array.isArray(m.blocks) && m.blocks.length) {
    return h('div', { class: 'message-content', testid: 'message-text' }, renderBlocks(m.blocks, { lookup: opts.lookup, onAction: (detail) => opts.onAction?.(m, detail) }));
  }
  const parts = [safeHtml('div', renderMrkdwn(m.text ?? '', opts.lookup), { class: 'mrkdwn' })];
  for (const a of Array.isArray(m.attachments) ? m.attachments : []) parts.push(attachment(a, opts));
  return h('div', { class: 'message-content', testid: 'message-text' }, parts);
}

/** Legacy attachments: enough to read them (pretext, title, text, fields), colour bar included. */
function attachment(a, opts) {
  const color = /^#?[0-9a-f]{6}$/i.test(a.color ?? '') ? (a.color.startsWith('#') ? a.color : `#${a.color}`) : null;
  const el = h('div', { class: 'attachment' });
  if (color) el.style.borderLeftColor = color;
  if (a.pretext) el.append(safeHtml('div', renderMrkdwn(a.pretext, opts.lookup)));
  if (a.title) el.append(safeHtml('div', renderPlain(a.title), { class: 'attachment-title' }));
  if (a.text || a.fallback) el.append(safeHtml('div', renderMrkdwn(a.text ?? a.fallback, opts.lookup)));
  for (const f of Array.isArray(a.fields) ? a.fields : []) el.append(h('div', { class: 'attachment-field' }, h('strong', {}, String(f.title ?? '')), ' ', String(f.value ?? '')));
  return el;
}
