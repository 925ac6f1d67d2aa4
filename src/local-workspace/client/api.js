// The page's calls to the local workspace (/ui/…). Every call names the person acting (`as`).

let actingAs = null;

export function setActingAs(userId) {
  actingAs = userId;
}

async function call(method, path, body) {
  const url = new URL(path, location.origin);
  const init = { method, headers: {} };
  if (method === 'GET') url.searchParams.set('as', actingAs);
  else {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify({ as: actingAs, ...body });
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, offline: true, error: 'The local workspace did not answer: is `npm start` still running?' };
  }
  let data;
  try {
    data = await res.json();
  } catch {
    data = { ok: false, error: `The local workspace answered ${res.status}.` };
  }
  return data;
}

export const api = {
  bootstrap: () => call('GET', '/ui/bootstrap'),
  messages: (channel) => call('GET', `/ui/channels/${encodeURIComponent(channel)}/messages`),
  thread: (channel, ts) => call('GET', `/ui/channels/${encodeURIComponent(channel)}/threads/${encodeURIComponent(ts)}`),
  views: () => call('GET', '/ui/views'),
  post: (channel, text, threadTs) => call('POST', `/ui/channels/${encodeURIComponent(channel)}/messages`, { text, thread_ts: threadTs }),
  edit: (channel, ts, text) => call('POST', `/ui/channels/${encodeURIComponent(channel)}/messages/${encodeURIComponent(ts)}/edit`, { text }),
  remove: (channel, ts) => call('POST', `/ui/channels/${encodeURIComponent(channel)}/messages/${encodeURIComponent(ts)}/delete`, {}),
  command: (channel, command, text, threadTs) => call('POST', `/ui/channels/${encodeURIComponent(channel)}/commands`, { command, text, thread_ts: threadTs }),
  action: (body) => call('POST', '/ui/actions', body),
  submit: (viewId, inputs) => call('POST', `/ui/views/${encodeURIComponent(viewId)}/submit`, { inputs }),
  close: (viewId) => call('POST', `/ui/views/${encodeURIComponent(viewId)}/close`, {}),
  home: () => call('POST', '/ui/home', {}),
  stream: () => new EventSource(`/ui/stream?as=${encodeURIComponent(actingAs)}`),
};
