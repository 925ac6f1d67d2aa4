// What the composer sends, in Slack's message format: &, < and > escaped, chosen mentions as
// <@U…>, bare links wrapped as <https://…>, exactly as Slack's own client sends a message.

/** Slack's three escapes. */
export function escapeSlack(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** tokens: Map of what the person sees ("@Marketing Dept") → what Slack sends ("<@U0LOCALBOT>"). */
export function toSlackText(raw, tokens = new Map()) {
  let text = escapeSlack(raw);
  const labels = [...tokens.keys()].sort((a, b) => b.length - a.length);
  for (const label of labels) text = text.split(escapeSlack(label)).join(tokens.get(label));
  return text.replace(/(^|[\s(])(https?:\/\/[^\s<>]+)/g, '$1<$2>');
}

/** "/dept status now" → { command: "/dept", text: "status now" } when it is a known command. */
export function parseCommand(raw, commands) {
  const m = /^(\/[\w-]+)(?:\s+([\s\S]*))?$/.exec(String(raw).trim());
  if (!m || !commands.includes(m[1])) return null;
  return { command: m[1], text: (m[2] ?? '').trim() };
}

/** The "@word" being typed just before the cursor, if any. */
export function mentionQuery(value, cursor) {
  const before = String(value).slice(0, cursor);
  const m = /(^|\s)@([\w.-]*)$/.exec(before);
  return m ? { query: m[2], start: before.length - m[2].length - 1 } : null;
}
