import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lwChannels } from '../../../src/local-workspace/schema.js';
import { listen } from '../../support/live-stream.js';
import { api, startPgliteWorkspace, ui } from './support/pglite-workspace.js';

let t: Awaited<ReturnType<typeof startPgliteWorkspace>>;
let channels: Record<string, string>;

beforeAll(async () => {
  t = await startPgliteWorkspace();
  const list = await api(t.ws, 'conversations.list');
  channels = Object.fromEntries(list.body.channels.map((c: { name: string; id: string }) => [c.name, c.id]));
});
afterAll(() => t.close());

describe('auth and the HTTP surface', () => {
  it('auth.test names the bot user, its bot id and the team', async () => {
    const { status, body } = await api(t.ws, 'auth.test');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, url: t.ws.url, team: 'Local Workspace', user: 'marketing_dept', team_id: 'T0LOCAL', user_id: 'U0LOCALBOT', bot_id: 'B0LOCALBOT', is_enterprise_install: false });
    expect(t.ws.botToken).toMatch(/^xoxb-local-/);
    expect(t.ws.apiUrl).toMatch(/\/api\/$/);
  });

  it('answers missing and bad tokens as Slack does (HTTP 200, ok:false)', async () => {
    expect((await api(t.ws, 'auth.test', {}, null)).body).toEqual({ ok: false, error: 'not_authed' });
    expect((await api(t.ws, 'auth.test', {}, 'xoxb-nope')).body).toEqual({ ok: false, error: 'invalid_auth' });
    expect((await api(t.ws, 'auth.test', {}, null)).status).toBe(200);
    expect((await api(t.ws, 'files.upload')).body).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('takes the token as a parameter, and arguments from GET query strings and JSON bodies', async () => {
    const get = await fetch(`${t.ws.apiUrl}users.info?token=${t.ws.botToken}&user=U0LOCALHUMAN1`);
    expect(await get.json()).toMatchObject({ ok: true, user: { id: 'U0LOCALHUMAN1', real_name: 'Alex Rivera' } });
    const json = await fetch(`${t.ws.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${t.ws.botToken}` },
      body: JSON.stringify({ channel: channels.general, text: 'json body', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: channels.general, message: { text: 'json body', blocks: [{ type: 'divider' }] } });
  });

  it('issues dedicated agent bots their own tokens and identities', async () => {
    const token = t.ws.agentTokens.copywriter!;
    expect(token).toMatch(/^xoxb-local-/);
    const { body } = await api(t.ws, 'auth.test', {}, token);
    expect(body).toMatchObject({ ok: true, user_id: expect.stringMatching(/^U0AGENT/), bot_id: expect.stringMatching(/^B0AGENT/), team_id: 'T0LOCAL' });
    expect((await api(t.ws, 'bots.info', { bot: body.bot_id })).body.bot).toMatchObject({ name: 'Copywriter', user_id: body.user_id });
  });
});

describe('chat.*', () => {
  it('posts as a persona (username, icon_emoji) and returns Slack\'s shape with a proper ts', async () => {
    const { body } = await api(t.ws, 'chat.postMessage', {
      channel: channels['marketing-content'],
      text: 'Draft ready',
      username: 'Copywriter',
      icon_emoji: ':pencil2:',
      metadata: { event_type: 'dept_message', event_payload: { id: 'msg_1' } },
    });
    expect(body).toMatchObject({
      ok: true,
      channel: channels['marketing-content'],
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      message: { type: 'message', subtype: 'bot_message', text: 'Draft ready', username: 'Copywriter', icons: { emoji: ':pencil2:' }, bot_id: 'B0LOCALBOT', user: 'U0LOCALBOT', app_id: 'A0LOCALAPP', metadata: { event_type: 'dept_message' } },
    });
    expect(body.message.ts).toBe(body.ts);
  });

  it('hands out strictly increasing ts values', async () => {
    const tss: string[] = [];
    for (let i = 0; i < 5; i++) tss.push((await api(t.ws, 'chat.postMessage', { channel: channels.general, text: `n${i}` })).body.ts);
    const micros = tss.map((ts) => Number(ts.replace('.', '')));
    for (let i = 1; i < micros.length; i++) expect(micros[i]).toBeGreaterThan(micros[i - 1]!);
  });

  it('rejects what Slack rejects', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ text: 'no channel' }, 'channel_not_found'],
      [{ channel: 'C0NOPE', text: 'x' }, 'channel_not_found'],
      [{ channel: '#no-such-channel', text: 'x' }, 'channel_not_found'],
      [{ channel: channels.general }, 'no_text'],
      [{ channel: channels.general, blocks: '{not json' }, 'invalid_blocks'],
      [{ channel: channels.general, blocks: [{ text: 'no type' }] }, 'invalid_blocks'],
      [{ channel: channels.general, text: 'x', thread_ts: '1.000001' }, 'thread_not_found'],
      [{ channel: channels.general, text: 'x', metadata: { event_payload: {} } }, 'invalid_metadata_format'],
    ];
    for (const [args, error] of cases) expect((await api(t.ws, 'chat.postMessage', args)).body).toMatchObject({ ok: false, error });
  });

  it('accepts #name and a user id (the DM with that person) as the channel', async () => {
    expect((await api(t.ws, 'chat.postMessage', { channel: '#dept-standup', text: 'by name' })).body).toMatchObject({ ok: true, channel: channels['dept-standup'] });
    const dm = await api(t.ws, 'chat.postMessage', { channel: 'U0LOCALHUMAN2', text: 'psst' });
    expect(dm.body).toMatchObject({ ok: true, channel: expect.stringMatching(/^D/) });
  });

  it('needs membership to post (not_in_channel) and conversations.join fixes it', async () => {
    await t.db.insert(lwChannels).values({ id: 'C0QUIET', teamId: 'T0LOCAL', name: 'quiet-room', created: 1 });
    expect((await api(t.ws, 'chat.postMessage', { channel: 'C0QUIET', text: 'hi' })).body).toEqual({ ok: false, error: 'not_in_channel' });
    const join = await api(t.ws, 'conversations.join', { channel: 'C0QUIET' });
    expect(join.body).toMatchObject({ ok: true, channel: { id: 'C0QUIET', name: 'quiet-room', is_member: true } });
    expect((await api(t.ws, 'conversations.join', { channel: 'C0QUIET' })).body).toMatchObject({ ok: true, warning: 'already_in_channel' });
    expect((await api(t.ws, 'chat.postMessage', { channel: 'C0QUIET', text: 'hi' })).body.ok).toBe(true);
    const history = await api(t.ws, 'conversations.history', { channel: 'C0QUIET' });
    expect(history.body.messages.map((m: { subtype?: string }) => m.subtype)).toEqual([undefined, 'channel_join']);
  });

  it('chat.update and chat.delete work on the caller\'s own messages only', async () => {
    const posted = (await api(t.ws, 'chat.postMessage', { channel: channels.general, text: 'v1', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'v1' } }] })).body;
    const updated = await api(t.ws, 'chat.update', { channel: channels.general, ts: posted.ts, text: 'v2' });
    expect(updated.body).toMatchObject({ ok: true, channel: channels.general, ts: posted.ts, text: 'v2', message: { text: 'v2', blocks: [{ type: 'section' }], edited: { user: 'U0LOCALBOT' } } });
    const other = t.ws.agentTokens.copywriter!;
    expect((await api(t.ws, 'chat.update', { channel: channels.general, ts: posted.ts, text: 'x' }, other)).body).toEqual({ ok: false, error: 'cant_update_message' });
    expect((await api(t.ws, 'chat.delete', { channel: channels.general, ts: posted.ts }, other)).body).toEqual({ ok: false, error: 'cant_delete_message' });
    expect((await api(t.ws, 'chat.update', { channel: channels.general, ts: '1.000001', text: 'x' })).body).toEqual({ ok: false, error: 'message_not_found' });
    expect((await api(t.ws, 'chat.delete', { channel: channels.general, ts: posted.ts })).body).toEqual({ ok: true, channel: channels.general, ts: posted.ts });
    const history = await api(t.ws, 'conversations.history', { channel: channels.general });
    expect(history.body.messages.some((m: { ts: string }) => m.ts === posted.ts)).toBe(false);
  });

  it('chat.postEphemeral is seen only by that person and never in history', async () => {
    const samPage = await listen(`${t.ws.url}ui/stream?as=U0LOCALHUMAN2`);
    const alexPage = await listen(`${t.ws.url}ui/stream?as=U0LOCALHUMAN1`);
    const { body } = await api(t.ws, 'chat.postEphemeral', { channel: channels['dept-approvals'], user: 'U0LOCALHUMAN2', text: 'Only approvers can decide.' });
    expect(body).toEqual({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const history = await api(t.ws, 'conversations.history', { channel: channels['dept-approvals'] });
    expect(history.body.messages.some((m: { ts: string }) => m.ts === body.message_ts)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    await samPage.stop();
    await alexPage.stop();
    // Shown live to Sam's open page only; as in Slack, a page loaded later does not read it back.
    expect(samPage.events.find((e) => e.message?.ts === body.message_ts)?.message).toMatchObject({ ephemeral: true, text: 'Only approvers can decide.' });
    expect(alexPage.events.some((e) => e.message?.ts === body.message_ts)).toBe(false);
    const sam = await ui(t.ws, 'GET', `/ui/channels/${channels['dept-approvals']}/messages`, 'U0LOCALHUMAN2');
    expect(sam.body.messages.some((m: { ts: string }) => m.ts === body.message_ts)).toBe(false);
    expect((await api(t.ws, 'chat.postEphemeral', { channel: channels.general, text: 'x' })).body).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('chat.getPermalink points at the web client', async () => {
    const parent = (await api(t.ws, 'chat.postMessage', { channel: channels.general, text: 'root' })).body;
    const reply = (await api(t.ws, 'chat.postMessage', { channel: channels.general, text: 'reply', thread_ts: parent.ts })).body;
    const link = (await api(t.ws, 'chat.getPermalink', { channel: channels.general, message_ts: reply.ts })).body;
    expect(link.permalink).toBe(`${t.ws.url}archives/${channels.general}/p${reply.ts.replace('.', '')}?thread_ts=${parent.ts}&cid=${channels.general}`);
    expect((await fetch(link.permalink)).headers.get('content-type')).toContain('text/html');
  });

  it('reactions.add adds once', async () => {
    const posted = (await api(t.ws, 'chat.postMessage', { channel: channels.general, text: 'react to me' })).body;
    expect((await api(t.ws, 'reactions.add', { channel: channels.general, timestamp: posted.ts, name: 'eyes' })).body).toEqual({ ok: true });
    expect((await api(t.ws, 'reactions.add', { channel: channels.general, timestamp: posted.ts, name: ':eyes:' })).body).toEqual({ ok: false, error: 'already_reacted' });
    expect((await api(t.ws, 'reactions.add', { channel: channels.general, name: 'eyes' })).body).toEqual({ ok: false, error: 'no_item_specified' });
    const history = await api(t.ws, 'conversations.history', { channel: channels.general, limit: 1 });
    expect(history.body.messages[0].reactions).toEqual([{ name: 'eyes', users: ['U0LOCALBOT'], count: 1 }]);
  });
});

describe('conversations.*, users.*, bots.*', () => {
  it('conversations.info describes channels and DMs', async () => {
    const info = await api(t.ws, 'conversations.info', { channel: channels['dept-approvals'], include_num_members: true });
    expect(info.body).toMatchObject({ ok: true, channel: { id: channels['dept-approvals'], name: 'dept-approvals', is_channel: true, is_im: false, is_private: false, is_member: true, num_members: 4 } });
    const dm = (await api(t.ws, 'conversations.open', { users: 'U0LOCALHUMAN1' })).body;
    expect(dm).toMatchObject({ ok: true, channel: { id: expect.stringMatching(/^D/) } });
    expect((await api(t.ws, 'conversations.info', { channel: dm.channel.id })).body.channel).toMatchObject({ is_im: true, user: 'U0LOCALHUMAN1' });
    expect((await api(t.ws, 'conversations.info', { channel: 'C0NOPE' })).body).toEqual({ ok: false, error: 'channel_not_found' });
    expect((await api(t.ws, 'conversations.info', {})).body).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('a DM is private to its members', async () => {
    const dm = (await api(t.ws, 'conversations.open', { users: 'U0LOCALHUMAN1' })).body.channel.id;
    expect((await api(t.ws, 'conversations.history', { channel: dm }, t.ws.agentTokens.copywriter)).body).toEqual({ ok: false, error: 'channel_not_found' });
    expect((await api(t.ws, 'conversations.open', { users: 'U0NOBODY' })).body).toEqual({ ok: false, error: 'user_not_found' });
    expect((await api(t.ws, 'conversations.open', {})).body).toEqual({ ok: false, error: 'users_list_not_supplied' });
  });

  it('conversations.list filters by type and pages with cursors', async () => {
    const publicOnly = (await api(t.ws, 'conversations.list')).body.channels;
    expect(publicOnly.every((c: { is_im: boolean }) => !c.is_im)).toBe(true);
    expect(publicOnly.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['general', 'dept-standup', 'dept-approvals', 'marketing-content']));
    const ims = (await api(t.ws, 'conversations.list', { types: 'im' })).body.channels;
    expect(ims.length).toBeGreaterThanOrEqual(2);
    const first = (await api(t.ws, 'conversations.list', { limit: 2 })).body;
    expect(first.channels).toHaveLength(2);
    const second = (await api(t.ws, 'conversations.list', { limit: 2, cursor: first.response_metadata.next_cursor })).body;
    expect(second.channels[0].id).not.toBe(first.channels[0].id);
    expect((await api(t.ws, 'conversations.list', { cursor: 'garbage' })).body).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('conversations.history pages newest first; conversations.replies returns the thread', async () => {
    const channel = channels['dept-standup'];
    const root = (await api(t.ws, 'chat.postMessage', { channel, text: 'Standup' })).body;
    for (const text of ['update 1', 'update 2', 'update 3']) await api(t.ws, 'chat.postMessage', { channel, text, thread_ts: root.ts, username: 'CMO', icon_emoji: ':briefcase:' });
    await api(t.ws, 'chat.postMessage', { channel, text: 'after' });
    const page1 = (await api(t.ws, 'conversations.history', { channel, limit: 1 })).body;
    expect(page1).toMatchObject({ ok: true, has_more: true, messages: [{ text: 'after' }] });
    const page2 = (await api(t.ws, 'conversations.history', { channel, limit: 1, cursor: page1.response_metadata.next_cursor })).body;
    expect(page2.messages[0]).toMatchObject({ text: 'Standup', thread_ts: root.ts, reply_count: 3, reply_users: ['U0LOCALBOT'], reply_users_count: 1 });
    const thread = (await api(t.ws, 'conversations.replies', { channel, ts: root.ts })).body;
    expect(thread.messages.map((m: { text: string }) => m.text)).toEqual(['Standup', 'update 1', 'update 2', 'update 3']);
    expect(thread.messages[1]).toMatchObject({ thread_ts: root.ts, parent_user_id: 'U0LOCALBOT', username: 'CMO', icons: { emoji: ':briefcase:' } });
    const byReply = (await api(t.ws, 'conversations.replies', { channel, ts: thread.messages[2].ts })).body;
    expect(byReply.messages).toHaveLength(4);
    const paged = (await api(t.ws, 'conversations.replies', { channel, ts: root.ts, limit: 2 })).body;
    expect(paged).toMatchObject({ has_more: true, messages: [{ text: 'Standup' }, { text: 'update 1' }] });
    const rest = (await api(t.ws, 'conversations.replies', { channel, ts: root.ts, limit: 2, cursor: paged.response_metadata.next_cursor })).body;
    expect(rest.messages.map((m: { text: string }) => m.text)).toEqual(['update 2', 'update 3']);
    expect((await api(t.ws, 'conversations.replies', { channel })).body).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((await api(t.ws, 'conversations.replies', { channel, ts: '1.000001' })).body).toEqual({ ok: false, error: 'thread_not_found' });
  });

  it('returns metadata in history only with include_all_metadata', async () => {
    const channel = channels['marketing-content'];
    await api(t.ws, 'chat.postMessage', { channel, text: 'with metadata', metadata: { event_type: 'dept_message', event_payload: { a: 1 } } });
    expect((await api(t.ws, 'conversations.history', { channel, limit: 1 })).body.messages[0].metadata).toBeUndefined();
    expect((await api(t.ws, 'conversations.history', { channel, limit: 1, include_all_metadata: true })).body.messages[0].metadata).toEqual({ event_type: 'dept_message', event_payload: { a: 1 } });
  });

  it('conversations.members, users.info, users.list, bots.info', async () => {
    const members = (await api(t.ws, 'conversations.members', { channel: channels.general })).body;
    expect(members).toMatchObject({ ok: true, members: expect.arrayContaining(['U0LOCALBOT', 'U0LOCALHUMAN1', 'U0LOCALHUMAN2']), response_metadata: { next_cursor: '' } });
    const bot = (await api(t.ws, 'users.info', { user: 'U0LOCALBOT' })).body.user;
    expect(bot).toMatchObject({ id: 'U0LOCALBOT', is_bot: true, real_name: 'Marketing Dept', profile: { bot_id: 'B0LOCALBOT', api_app_id: 'A0LOCALAPP' } });
    expect((await api(t.ws, 'users.info', { user: 'U0NOPE' })).body).toEqual({ ok: false, error: 'user_not_found' });
    const list = (await api(t.ws, 'users.list')).body;
    expect(list.members.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(['U0LOCALBOT', 'U0LOCALHUMAN1', 'U0LOCALHUMAN2']));
    expect((await api(t.ws, 'bots.info', { bot: 'B0LOCALBOT' })).body.bot).toMatchObject({ id: 'B0LOCALBOT', app_id: 'A0LOCALAPP', user_id: 'U0LOCALBOT', name: 'Marketing Dept' });
    expect((await api(t.ws, 'bots.info', { bot: 'B0NOPE' })).body).toEqual({ ok: false, error: 'bot_not_found' });
    const avatar = await fetch(bot.profile.image_48);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
  });
});

describe('views.*', () => {
  const modal = { type: 'modal', title: { type: 'plain_text', text: 'Request changes' }, submit: { type: 'plain_text', text: 'Send' }, blocks: [{ type: 'input', label: { type: 'plain_text', text: 'Comment' }, element: { type: 'plain_text_input', multiline: true } }] };

  it('views.open needs a valid, fresh, unused trigger_id and a view', async () => {
    expect((await api(t.ws, 'views.open', { trigger_id: '1.2.nope', view: modal })).body).toEqual({ ok: false, error: 'invalid_trigger_id' });
    expect((await api(t.ws, 'views.open', { view: modal })).body).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((await api(t.ws, 'views.open', { trigger_id: '1.2.nope' })).body).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((await api(t.ws, 'views.open', { trigger_id: '1.2.nope', view: { ...modal, type: 'home' } })).body).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('views.publish sets a person\'s Home tab; views.update guards with the hash', async () => {
    const home = { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Department' } }] };
    const published = (await api(t.ws, 'views.publish', { user_id: 'U0LOCALHUMAN1', view: home })).body;
    expect(published).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/), type: 'home', blocks: [{ type: 'header', block_id: expect.any(String) }], hash: expect.any(String), app_id: 'A0LOCALAPP', bot_id: 'B0LOCALBOT' } });
    const again = (await api(t.ws, 'views.publish', { user_id: 'U0LOCALHUMAN1', view: home })).body;
    expect(again.view.id).toBe(published.view.id);
    expect((await api(t.ws, 'views.update', { view_id: published.view.id, hash: published.view.hash, view: home })).body).toEqual({ ok: false, error: 'hash_conflict' });
    expect((await api(t.ws, 'views.update', { view_id: published.view.id, hash: again.view.hash, view: home })).body.ok).toBe(true);
    expect((await api(t.ws, 'views.update', { view_id: 'V0NOPE', view: home })).body).toEqual({ ok: false, error: 'not_found' });
    expect((await api(t.ws, 'views.publish', { user_id: 'U0NOPE', view: home })).body).toEqual({ ok: false, error: 'user_not_found' });
    const seen = await ui(t.ws, 'GET', '/ui/views', 'U0LOCALHUMAN1');
    expect(seen.body.home).toMatchObject({ id: published.view.id, type: 'home' });
    expect((await ui(t.ws, 'GET', '/ui/views', 'U0LOCALHUMAN2')).body.home).toBeNull();
  });
});
