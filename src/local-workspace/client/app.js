// The local workspace page: sidebar (channels, DMs, the app's Home tab), the channel's messages,
// the thread pane, composers, modals, and live updates over server-sent events. It acts as one
// of the workspace's two people at a time; the switcher changes who.
import { api, setActingAs } from './api.js';
import { renderBlocks } from './blocks.js';
import { createComposer } from './composer.js';
import { clear, h } from './dom.js';
import { renderMessage, renderPinned } from './messages.js';
import { createModalLayer } from './modal.js';

const $ = (id) => document.getElementById(id);
const DEFAULT_PERSON = 'U0LOCALHUMAN1';
// ephemerals: what this page was shown "only for you" while open (as in Slack, a reload forgets them).
const state = { boot: null, current: null, messages: [], thread: null, home: null, unread: new Map(), stream: null, ephemerals: [] };
const byTs = (a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

const lookup = {
  user: (id) => state.boot?.users[id]?.name,
  channel: (id) => state.boot?.channels.find((c) => c.id === id)?.label,
};

const modal = createModalLayer({ root: $('modal-root'), lookup: () => lookup, notice });

function notice(text) {
  const el = $('notice');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => (el.hidden = true), 6000);
}

// ── who is at the keyboard ────────────────────────────────────────────────────────────────────

async function actAs(userId) {
  setActingAs(userId);
  localStorage.setItem('lw-user', userId);
  const boot = await api.bootstrap();
  if (!boot.ok) return userId === DEFAULT_PERSON ? notice(boot.error) : actAs(DEFAULT_PERSON);
  state.boot = boot;
  state.unread.clear();
  state.ephemerals = [];
  closeThread();
  showBanner(boot.banner);
  $('team-name').textContent = boot.team.name;
  $('home-app-name').textContent = boot.app.name;
  $('current-user').textContent = boot.me.name;
  const switcher = clear($('user-switcher'));
  for (const p of boot.humans) switcher.append(h('option', { value: p.id }, p.name));
  switcher.value = boot.me.id;
  connectStream();
  renderSidebar();
  const views = await api.views();
  if (views.ok) {
    // A modal does not survive a reload (or a change of person), as in Slack: close what was left open.
    if (views.modals.length) await api.close(views.modals[0].id);
    modal.render([]);
    state.home = views.home;
  }
  const link = permalink();
  const remembered = localStorage.getItem('lw-place');
  if (link && boot.channels.some((c) => c.id === link.channel)) await openChannel(link.channel, link);
  else if (remembered === 'home') await openHome();
  else if (remembered && boot.channels.some((c) => c.id === remembered)) await openChannel(remembered);
  else await openChannel(boot.landing ?? (boot.channels.find((c) => c.name === 'general') ?? boot.channels[0]).id);
}

function showBanner(text) {
  $('banner').textContent = text ?? '';
  $('banner').hidden = !text;
}

/** /archives/C…/p1712345678000100?thread_ts=… (chat.getPermalink) → where to go. */
function permalink() {
  const m = /^\/archives\/([A-Z0-9]+)(?:\/p(\d{16}))?/.exec(location.pathname);
  if (!m) return null;
  const ts = m[2] ? `${m[2].slice(0, 10)}.${m[2].slice(10)}` : null;
  return { channel: m[1], ts, threadTs: new URLSearchParams(location.search).get('thread_ts') };
}

// ── sidebar ───────────────────────────────────────────────────────────────────────────────────

function renderSidebar() {
  const channels = clear($('channel-list'));
  const dms = clear($('dm-list'));
  for (const c of state.boot.channels) {
    const unread = state.unread.get(c.id) ?? 0;
    const active = state.current?.kind === 'channel' && state.current.id === c.id;
    const item = h(
      'button',
      { type: 'button', class: `nav-item${active ? ' active' : ''}${unread ? ' unread' : ''}`, testid: c.isIm ? 'dm-item' : 'channel-item', dataset: { channelId: c.id, channelName: c.name ?? c.label }, onclick: () => openChannel(c.id) },
      c.isIm ? '● ' : '# ',
      h('span', { class: 'nav-label' }, c.label),
      unread ? h('span', { class: 'unread-badge', testid: 'unread-badge' }, String(unread)) : null,
    );
    (c.isIm ? dms : channels).append(h('li', {}, item));
  }
  $('home-tab').classList.toggle('active', state.current?.kind === 'home');
}

// ── a channel and its messages ────────────────────────────────────────────────────────────────

async function openChannel(channelId, focus = {}) {
  const channel = state.boot.channels.find((c) => c.id === channelId);
  if (!channel) return;
  state.current = { kind: 'channel', id: channelId };
  localStorage.setItem('lw-place', channelId);
  state.unread.delete(channelId);
  $('home-pane').hidden = true;
  $('channel-pane').hidden = false;
  $('channel-title').textContent = channel.isIm ? channel.label : `# ${channel.label}`;
  $('channel-title').dataset.channelId = channelId;
  $('channel-topic').textContent = channel.topic ?? '';
  $('composer-input').placeholder = channel.isIm ? `Message ${channel.label}` : `Message #${channel.label}`;
  renderSidebar();
  const res = await api.messages(channelId);
  if (!res.ok) return notice(res.error);
  if (state.current?.id !== channelId) return;
  state.messages = withEphemerals(res.messages, (m) => m.channel === channelId && !m.thread_ts);
  renderMessages();
  if (focus.ts) highlight($('message-list'), focus.ts);
  if (focus.threadTs) await openThread(channelId, focus.threadTs, focus.ts);
  else if (state.thread && state.thread.channel !== channelId) closeThread();
}

const messageOpts = (inThread) => ({
  lookup,
  inThread,
  onOpenThread: (m) => openThread(m.channel, m.ts),
  onAction: (m, detail) => clickInMessage(m, detail),
  me: state.boot?.me.id,
  onEdit: editOwnMessage,
  onDelete: deleteOwnMessage,
});

async function editOwnMessage(m) {
  const text = window.prompt('Edit message', m.text ?? '');
  if (text === null || text.trim() === '' || text === m.text) return;
  const res = await api.edit(m.channel, m.ts, text);
  if (!res.ok) notice(res.error);
  else upsert(res.message, false);
}

async function deleteOwnMessage(m) {
  if (!window.confirm('Delete this message? This cannot be undone.')) return;
  const res = await api.remove(m.channel, m.ts);
  if (!res.ok) notice(res.error);
}

/** Messages read from the server plus the ephemeral ones this page was shown, in ts order. */
function withEphemerals(messages, belongs) {
  const seen = new Set(messages.map((m) => m.ts));
  return [...messages, ...state.ephemerals.filter((m) => belongs(m) && !seen.has(m.ts))].sort(byTs);
}

function renderMessages() {
  const list = clear($('message-list'));
  const channel = state.boot.channels.find((c) => c.id === state.current?.id);
  if (channel?.pinned) list.append(renderPinned(channel.pinned, { lookup, author: state.boot.users[channel.pinned.author] }));
  if (!state.messages.length) list.append(h('div', { class: 'empty', testid: 'empty-channel' }, channel?.topic ? `No messages yet. ${channel.topic}` : 'No messages yet.'));
  for (const m of state.messages) list.append(renderMessage(m, messageOpts(false)));
  list.scrollTop = list.scrollHeight;
}

function highlight(list, ts) {
  const el = list.querySelector(`[data-ts="${CSS.escape(ts)}"]`);
  if (!el) return;
  el.classList.add('highlight');
  el.scrollIntoView({ block: 'center' });
}

async function clickInMessage(m, detail) {
  const res = await api.action({ channel: m.channel, message_ts: m.ts, block_id: detail.blockId, action_id: detail.actionId, selected: detail.selected });
  if (!res.ok) notice(res.error);
}

// ── threads ───────────────────────────────────────────────────────────────────────────────────

async function openThread(channelId, ts, focusTs) {
  const res = await api.thread(channelId, ts);
  if (!res.ok) return notice(res.error);
  state.thread = { channel: channelId, ts, messages: withEphemerals(res.messages, (m) => m.channel === channelId && m.thread_ts === ts && m.ts !== ts) };
  const channel = state.boot.channels.find((c) => c.id === channelId);
  $('thread-channel').textContent = channel ? (channel.isIm ? channel.label : `#${channel.label}`) : '';
  $('thread-pane').hidden = false;
  $('thread-pane').dataset.threadTs = ts;
  $('thread-pane').dataset.channelId = channelId;
  renderThread();
  if (focusTs) highlight($('thread-messages'), focusTs);
  $('thread-composer-input').focus();
}

function renderThread() {
  const list = clear($('thread-messages'));
  state.thread.messages.forEach((m, i) => {
    list.append(renderMessage(m, messageOpts(true)));
    if (i === 0) list.append(h('div', { class: 'thread-divider', testid: 'thread-divider' }, replies(Math.max(state.thread.messages.filter((x) => !x.ephemeral).length - 1, 0))));
  });
  list.scrollTop = list.scrollHeight;
}

const replies = (n) => `${n} ${n === 1 ? 'reply' : 'replies'}`;

function closeThread() {
  state.thread = null;
  clear($('thread-messages'));
  $('thread-pane').hidden = true;
}

// ── the app's Home tab ────────────────────────────────────────────────────────────────────────

async function openHome() {
  state.current = { kind: 'home' };
  localStorage.setItem('lw-place', 'home');
  $('channel-pane').hidden = true;
  $('home-pane').hidden = false;
  closeThread();
  renderSidebar();
  renderHome();
  const res = await api.home(); // app_home_opened: the app may publish a fresh view
  if (res.ok && res.home) state.home = res.home;
  renderHome();
}

function renderHome() {
  const root = clear($('home-view'));
  if (!state.home) {
    root.append(h('div', { class: 'empty' }, 'The app has not published a Home tab yet.'));
    return;
  }
  root.append(
    renderBlocks(state.home.blocks, {
      lookup,
      onAction: async (detail) => {
        const res = await api.action({ view_id: state.home.id, block_id: detail.blockId, action_id: detail.actionId, selected: detail.selected });
        if (!res.ok) notice(res.error);
      },
    }),
  );
}

// ── live updates ──────────────────────────────────────────────────────────────────────────────

function connectStream() {
  state.stream?.close();
  const stream = api.stream();
  let dropped = false;
  stream.onmessage = (e) => onEvent(JSON.parse(e.data));
  stream.onerror = () => {
    dropped = true;
    $('connection').hidden = false;
  };
  stream.onopen = () => {
    $('connection').hidden = true;
    // After a reconnect, catch up on what happened meanwhile.
    if (dropped && state.current?.kind === 'channel') openChannel(state.current.id);
    dropped = false;
  };
  state.stream = stream;
}

function onEvent(evt) {
  switch (evt.type) {
    case 'message':
    case 'message_changed':
      return upsert(evt.message, evt.type === 'message');
    case 'message_deleted':
      return remove(evt.channel, evt.ts);
    case 'views':
      return modal.render(evt.modals);
    case 'home':
      state.home = evt.view;
      if (state.current?.kind === 'home') renderHome();
      return;
    case 'channel':
      return addChannel(evt.channel);
  }
}

function upsert(m, isNew) {
  if (m.ephemeral) {
    const at = state.ephemerals.findIndex((x) => x.channel === m.channel && x.ts === m.ts);
    if (at >= 0) state.ephemerals[at] = m;
    else state.ephemerals.push(m);
  }
  const reply = m.thread_ts && m.thread_ts !== m.ts;
  const here = state.current?.kind === 'channel' && state.current.id === m.channel;
  if (here && !reply) place($('message-list'), state.messages, m, false);
  if (state.thread && state.thread.channel === m.channel && (m.ts === state.thread.ts || m.thread_ts === state.thread.ts)) place($('thread-messages'), state.thread.messages, m, true);
  if (isNew && !here && !reply && !m.ephemeral && m.user !== state.boot.me.id && state.boot.channels.some((c) => c.id === m.channel)) {
    state.unread.set(m.channel, (state.unread.get(m.channel) ?? 0) + 1);
    renderSidebar();
  }
}

/** Puts a new or changed message in its list, in ts order, keeping the scroll at the bottom. */
function place(list, messages, m, inThread) {
  const at = messages.findIndex((x) => x.ts === m.ts);
  const el = renderMessage(m, messageOpts(inThread));
  if (at >= 0) {
    messages[at] = m;
    list.querySelector(`[data-ts="${CSS.escape(m.ts)}"]`)?.replaceWith(el);
    if (inThread) renderThread();
    return;
  }
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  messages.push(m);
  messages.sort(byTs);
  if (inThread) return renderThread();
  list.querySelector('.empty')?.remove();
  const next = messages[messages.indexOf(m) + 1];
  const before = next ? list.querySelector(`[data-ts="${CSS.escape(next.ts)}"]`) : null;
  list.insertBefore(el, before);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function remove(channel, ts) {
  state.ephemerals = state.ephemerals.filter((m) => m.channel !== channel || m.ts !== ts);
  if (state.current?.id === channel) {
    state.messages = state.messages.filter((m) => m.ts !== ts);
    $('message-list').querySelector(`[data-ts="${CSS.escape(ts)}"]`)?.remove();
  }
  if (state.thread?.channel === channel) {
    if (state.thread.ts === ts) return closeThread();
    state.thread.messages = state.thread.messages.filter((m) => m.ts !== ts);
    renderThread();
  }
}

function addChannel(channel) {
  if (!channel?.id || state.boot.channels.some((c) => c.id === channel.id)) return;
  const partner = channel.user ? state.boot.users[channel.user] : null;
  state.boot.channels.push({ id: channel.id, name: channel.name ?? null, isIm: Boolean(channel.is_im), partner: channel.user ?? null, label: channel.is_im ? (partner?.name ?? 'Direct message') : channel.name, topic: '' });
  renderSidebar();
}

// ── composers ─────────────────────────────────────────────────────────────────────────────────

function candidates() {
  const b = state.boot;
  if (!b) return [];
  const app = b.users[b.app.userId];
  return [
    { label: b.app.name, insert: `@${b.app.name}`, token: `<@${b.app.userId}>`, hint: 'the app', icon: app?.icon, dataset: { userId: b.app.userId, kind: 'app' } },
    ...b.agents.map((a) =>
      a.userId
        ? { label: a.name, insert: `@${a.name}`, token: `<@${a.userId}>`, hint: `@${a.handle}`, icon: a.icon, dataset: { agentId: a.id, handle: a.handle, userId: a.userId, kind: 'agent' } }
        : { label: a.name, insert: `@${a.handle}`, token: null, hint: `@${a.handle}`, icon: a.icon, dataset: { agentId: a.id, handle: a.handle, kind: 'agent' } },
    ),
    ...b.humans.filter((p) => p.id !== b.me.id).map((p) => ({ label: p.name, insert: `@${p.name}`, token: `<@${p.id}>`, hint: 'person', icon: p.icon, dataset: { userId: p.id, kind: 'person' } })),
  ];
}

function composerFor(formId, inputId, target) {
  return createComposer({
    form: $(formId),
    input: $(inputId),
    candidates,
    commands: () => state.boot?.commands ?? [],
    onError: notice,
    onSend: async (text) => {
      const t = target();
      if (!t) return false;
      const res = await api.post(t.channel, text, t.threadTs);
      if (!res.ok) return res.error; // the composer says it was not sent and keeps the text
      upsert(res.message, false); // shown at once even if the live stream lags (deduplicated by ts)
      return true;
    },
    onCommand: async (command, text) => {
      const t = target();
      if (!t) return false;
      const res = await api.command(t.channel, command, text, t.threadTs);
      return res.ok ? true : res.error;
    },
  });
}

composerFor('composer', 'composer-input', () => (state.current?.kind === 'channel' ? { channel: state.current.id } : null));
composerFor('thread-composer', 'thread-composer-input', () => (state.thread ? { channel: state.thread.channel, threadTs: state.thread.ts } : null));

$('thread-close').addEventListener('click', closeThread);
$('home-tab').addEventListener('click', openHome);
$('home-messages').addEventListener('click', () => {
  const dm = state.boot.channels.find((c) => c.isIm && c.partner === state.boot.app.userId);
  if (dm) openChannel(dm.id);
});
$('user-switcher').addEventListener('change', (e) => actAs(e.target.value));

const initial = new URLSearchParams(location.search).get('as') ?? localStorage.getItem('lw-user');
actAs(initial && /^U[A-Z0-9]+$/.test(initial) ? initial : DEFAULT_PERSON).catch((err) => notice(`The local workspace did not answer: ${err.message}`));
