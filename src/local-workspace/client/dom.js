// Tiny DOM helpers: elements are built with textContent and attributes, never from message HTML.
// The only innerHTML anywhere is safeHtml(), fed exclusively by mrkdwn.js (which escapes first).
import { emojiChar } from './emoji.js';
import { isSafeUrl } from './mrkdwn.js';

/** h('button', {class: 'btn', testid: 'x', onclick: fn}, 'text', child…) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.setAttribute('data-testid', value);
    else if (key === 'dataset') for (const [k, v] of Object.entries(value)) { if (v !== undefined && v !== null) el.dataset[k] = String(v); }
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** An element whose content is markup produced by mrkdwn.js (already escaped and sanitised). */
export function safeHtml(tag, html, props = {}) {
  const el = h(tag, props);
  el.innerHTML = html;
  return el;
}

/** An avatar: the emoji of an ":emoji:" icon, an http(s) image, or the name's initials. */
export function iconEl(icon, name, props = {}) {
  const char = emojiChar(icon);
  if (char) return h('span', { class: 'avatar avatar-emoji', title: icon, ...props }, char);
  if (isSafeUrl(icon) && !String(icon).startsWith('mailto:')) return h('img', { class: 'avatar', src: icon, alt: '', referrerpolicy: 'no-referrer', ...props });
  const initials = String(name ?? '?').split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
  return h('span', { class: 'avatar avatar-initials', ...props }, initials || '?');
}

/** "10:42" from a Slack ts. */
export function timeOf(ts) {
  const date = new Date(Number(String(ts).split('.')[0]) * 1000);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}
