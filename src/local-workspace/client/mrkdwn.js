// Slack mrkdwn → HTML, safely. Everything from a message is escaped first; only the markup built
// here (strong, em, del, code, pre, blockquote, br, a, span) ever reaches the page. Links must be
// http(s) or mailto. Shared by the page and the unit tests, so it is plain JavaScript.
import { emojiChar } from './emoji.js';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

/** HTML-escapes text for element content and attribute values (and drops our private markers). */
export function escapeHtml(value) {
  return escapeKeepingMarkers(String(value ?? '').replace(MARKERS, ''));
}

function escapeKeepingMarkers(value) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Slack escapes &, < and > in message text; turn them back into characters before escaping for HTML. */
function decodeSlack(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s"'<>`]+$/i;
const USER_ID = /^[UWB][A-Z0-9]+$/;
const CHANNEL_ID = /^[CDG][A-Z0-9]+$/;

/** True for a link target the page may open. */
export function isSafeUrl(url) {
  return typeof url === 'string' && SAFE_URL.test(url);
}

function emojify(escaped) {
  return escaped.replace(/:([a-z0-9_+-]+(?:::skin-tone-[2-6])?):/g, (whole, name) => {
    const char = emojiChar(name);
    return char ? `<span class="emoji" title=":${name}:">${char}</span>` : whole;
  });
}

/** The readable text of a control sequence (<@U1> → @Name), for code spans and plain fallbacks. */
function readableControl(inner, lookup) {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return `@${lookup.user?.(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${lookup.channel?.(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
  return label ?? target;
}

function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

/** One <…> control sequence as HTML: a mention, a channel, a special mention, a link, or literal text. */
function renderControl(inner, lookup) {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@') && USER_ID.test(target.slice(1))) {
    const id = target.slice(1);
    const name = lookup.user?.(id) ?? label ?? id;
    return `<span class="mention" data-user-id="${id}">@${escapeHtml(decodeSlack(name))}</span>`;
  }
  if (target.startsWith('#') && CHANNEL_ID.test(target.slice(1))) {
    const id = target.slice(1);
    const name = lookup.channel?.(id) ?? label ?? id;
    return `<span class="channel-link" data-channel-id="${id}">#${escapeHtml(decodeSlack(name))}</span>`;
  }
  if (target.startsWith('!')) {
    const kind = target.slice(1).split('^')[0];
    if (kind === 'here' || kind === 'channel' || kind === 'everyone') return `<span class="mention">@${kind}</span>`;
    return escapeHtml(decodeSlack(label ?? target.slice(1)));
  }
  const url = decodeSlack(target);
  if (isSafeUrl(url)) {
    const text = label === undefined ? escapeHtml(url) : emojify(escapeHtml(decodeSlack(label)));
    return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer nofollow">${text}</a>`;
  }
  // Not a Slack control sequence we know (e.g. "<script>"): show it as the literal text it is.
  return escapeHtml(`<${decodeSlack(inner)}>`);
}

function inlineFormat(escaped) {
  return escaped
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w~])~(?!\s)([^~\n]+?)(?<!\s)~(?!\w)/g, '$1<del>$2</del>');
}

/** Lines starting with ">" become block quotes; other line breaks become <br>. */
function blockFormat(escaped) {
  const out = [];
  let quote = null;
  for (const line of escaped.split('\n')) {
    const m = /^&gt;\s?(.*)$/.exec(line);
    if (m) {
      (quote ??= []).push(m[1]);
      continue;
    }
    if (quote) {
      out.push({ quote });
      quote = null;
    }
    out.push({ line });
  }
  if (quote) out.push({ quote });
  let html = '';
  out.forEach((part, i) => {
    if (part.quote) html += `<blockquote>${part.quote.join('<br>')}</blockquote>`;
    else html += (i > 0 && !out[i - 1].quote ? '<br>' : '') + part.line;
  });
  return html;
}

/**
 * Renders Slack mrkdwn to HTML. lookup.user(id) / lookup.channel(id) give display names for
 * <@U…> and <#C…>. Output contains only markup made here; all message text is escaped.
 */
export function renderMrkdwn(text, lookup = {}) {
  const tokens = [];
  const hold = (html) => `${OPEN}${tokens.push(html) - 1}${CLOSE}`;
  const readable = (s) => s.replace(/<([^<>\n]*)>/g, (_, inner) => readableControl(inner, lookup));

  let src = String(text ?? '').replace(MARKERS, '');
  src = src.replace(/```\n?([\s\S]*?)```/g, (_, code) => hold(`<pre class="mrkdwn-pre">${escapeHtml(decodeSlack(readable(code)))}</pre>`));
  src = src.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code class="mrkdwn-code">${escapeHtml(decodeSlack(readable(code)))}</code>`));
  src = src.replace(/<([^<>\n]*)>/g, (_, inner) => hold(renderControl(inner, lookup)));

  // The input's own markers were removed above; the ones left are the placeholders made here.
  let html = escapeKeepingMarkers(decodeSlack(src));
  html = emojify(inlineFormat(html));
  html = blockFormat(html);
  return html.replace(/\uE000(\d+)\uE001/g, (_, i) => tokens[Number(i)] ?? '');
}

/** A plain_text object's text: escaped, emoji shortcodes drawn (Slack's emoji: true), line breaks kept. */
export function renderPlain(text, { emoji = true } = {}) {
  const escaped = escapeHtml(decodeSlack(String(text ?? '')));
  return (emoji ? emojify(escaped) : escaped).replace(/\n/g, '<br>');
}

/** Renders a Block Kit text object (plain_text or mrkdwn). */
export function renderTextObject(obj, lookup = {}) {
  if (!obj || typeof obj !== 'object') return '';
  return obj.type === 'mrkdwn' ? renderMrkdwn(obj.text, lookup) : renderPlain(obj.text, { emoji: obj.emoji !== false });
}
