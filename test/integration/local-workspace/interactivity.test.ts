import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, SAM, listen, startHarness, ui, until, type Harness } from './setup.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const approvalCard = (id: string) => [
  { type: 'header', text: { type: 'plain_text', text: 'Approval needed: blog post' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*AI costs* by <@U0LOCALBOT>' }, fields: [{ type: 'mrkdwn', text: '*Type*\nblog_post' }] },
  {
    type: 'actions',
    block_id: `approval:${id}`,
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value: id },
      { type: 'button', action_id: 'request_changes', text: { type: 'plain_text', text: 'Request changes' }, value: id },
      { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, style: 'danger', value: id },
    ],
  },
];

const commentModal = {
  type: 'modal',
  callback_id: 'request_changes_modal',
  private_metadata: JSON.stringify({ approval: 'apr_1' }),
  title: { type: 'plain_text', text: 'Request changes' },
  submit: { type: 'plain_text', text: 'Send' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: [
    { type: 'input', block_id: 'comment', label: { type: 'plain_text', text: 'What should change?' }, element: { type: 'plain_text_input', action_id: 'text', multiline: true } },
    {
      type: 'input',
      block_id: 'severity',
      optional: true,
      label: { type: 'plain_text', text: 'Severity' },
      element: { type: 'static_select', action_id: 'pick', options: [{ text: { type: 'plain_text', text: 'Minor' }, value: 'minor' }, { text: { type: 'plain_text', text: 'Major' }, value: 'major' }] },
    },
  ],
};

describe('slash commands', () => {
  it('are delivered form-encoded with a trigger_id and a response_url that works', async () => {
    const channel = await h.channel('dept-approvals');
    const alexPage = await listen(`${h.ws.url}ui/stream?as=${ALEX}`);
    const samPage = await listen(`${h.ws.url}ui/stream?as=${SAM}`);
    const res = await ui(h.ws, 'POST', `/ui/channels/${channel}/commands`, ALEX, { command: '/dept', text: 'status' });
    expect(res).toEqual({ ok: true });
    const cmd = await h.app.waitFor((r) => r.form?.command === '/dept' && r.form.text === 'status');
    expect(cmd.form).toMatchObject({
      command: '/dept',
      text: 'status',
      user_id: ALEX,
      user_name: 'alex.rivera',
      channel_id: channel,
      channel_name: 'dept-approvals',
      team_id: 'T0LOCAL',
      team_domain: 'local-workspace',
      api_app_id: 'A0LOCALAPP',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
      response_url: expect.stringMatching(new RegExp(`^${h.ws.url}hooks/response/`)),
    });

    const ephemeral = await fetch(cmd.form!.response_url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Only you see this' }) });
    expect(ephemeral.status).toBe(200);
    const loud = await fetch(cmd.form!.response_url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'in_channel', text: 'Department status: all green' }) });
    expect(await loud.json()).toEqual({ ok: true });

    const history = await h.client.conversations.history({ channel });
    expect(history.messages!.map((m) => m.text)).toContain('Department status: all green');
    expect(history.messages!.map((m) => m.text)).not.toContain('Only you see this');
    // Ephemeral: Alex's open page is shown it, Sam's is not, and nobody reads it back later.
    expect(await until(async () => alexPage.events.find((e) => e.message?.text === 'Only you see this')?.message)).toMatchObject({ ephemeral: true });
    await alexPage.stop();
    await samPage.stop();
    expect(samPage.events.some((e) => e.message?.text === 'Only you see this')).toBe(false);
    const alexView = await ui(h.ws, 'GET', `/ui/channels/${channel}/messages`, ALEX);
    expect(alexView.messages.some((m: { text: string }) => m.text === 'Only you see this')).toBe(false);

    const replaced = await fetch(cmd.form!.response_url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replace_original: true, text: 'Updated status' }) });
    expect(replaced.status).toBe(200);
    const after = await h.client.conversations.history({ channel, limit: 1 });
    expect(after.messages![0]!.text).toBe('Updated status');
    expect((await fetch(`${h.ws.url}hooks/response/nope`, { method: 'POST', body: '{"text":"x"}' })).status).toBe(404);
  });

  it('shows what the app puts in its ack (ephemeral by default)', async () => {
    const channel = await h.channel('general');
    h.app.setResponder((r) => (r.form?.text === 'help' ? { body: JSON.stringify({ text: 'Try /dept status' }) } : undefined));
    const page = await listen(`${h.ws.url}ui/stream?as=${SAM}`);
    await ui(h.ws, 'POST', `/ui/channels/${channel}/commands`, SAM, { command: '/dept', text: 'help' });
    const shown = await until(async () => page.events.find((e) => e.message?.text === 'Try /dept status')?.message);
    await page.stop();
    expect(shown).toMatchObject({ ephemeral: true, author: { name: 'Marketing Dept' } });
    h.app.setResponder(() => undefined);
  });

  it('tells the person when the app does not answer', async () => {
    const channel = await h.channel('general');
    h.app.setResponder((r) => (r.form?.text === 'boom' ? { status: 500 } : undefined));
    const res = await ui(h.ws, 'POST', `/ui/channels/${channel}/commands`, ALEX, { command: '/dept', text: 'boom' });
    expect(res).toEqual({ ok: false, error: '/dept failed with the error "dispatch_failed"' });
    h.app.setResponder(() => undefined);
    expect((await ui(h.ws, 'POST', `/ui/channels/${channel}/commands`, ALEX, { command: '/other', text: '' })).ok).toBe(false);
  });
});

describe('block_actions and modals', () => {
  it('a button click is a block_actions payload in Slack\'s shape; response_url replaces the card', async () => {
    const channel = await h.channel('dept-approvals');
    const card = await h.client.chat.postMessage({ channel, text: 'Approval needed: blog post', blocks: approvalCard('apr_1') });
    const res = await ui(h.ws, 'POST', '/ui/actions', SAM, { channel, message_ts: card.ts, block_id: 'approval:apr_1', action_id: 'approve' });
    expect(res).toEqual({ ok: true });
    const click = await h.app.waitFor((r) => r.payload?.type === 'block_actions' && r.payload.actions[0].action_id === 'approve');
    expect(click.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(click.payload).toMatchObject({
      type: 'block_actions',
      user: { id: SAM, username: 'sam.chen', name: 'sam.chen', team_id: 'T0LOCAL' },
      api_app_id: 'A0LOCALAPP',
      team: { id: 'T0LOCAL', domain: 'local-workspace' },
      container: { type: 'message', message_ts: card.ts, channel_id: channel, is_ephemeral: false },
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
      channel: { id: channel, name: 'dept-approvals' },
      message: { ts: card.ts, text: 'Approval needed: blog post', bot_id: 'B0LOCALBOT', blocks: expect.any(Array) },
      state: { values: {} },
      response_url: expect.stringContaining('/hooks/response/'),
      actions: [{ action_id: 'approve', block_id: 'approval:apr_1', value: 'apr_1', type: 'button', style: 'primary', text: { type: 'plain_text', text: 'Approve' }, action_ts: expect.stringMatching(/^\d+\.\d+$/) }],
    });
    const replaced = await fetch(click.payload!.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Approved by Sam', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: Approved by <@U0LOCALHUMAN2>' } }] }),
    });
    expect(replaced.status).toBe(200);
    const history = await h.client.conversations.history({ channel, latest: card.ts, inclusive: true, limit: 1 });
    expect(history.messages![0]).toMatchObject({ ts: card.ts, text: 'Approved by Sam' });
    expect((await ui(h.ws, 'POST', '/ui/actions', SAM, { channel, message_ts: card.ts, block_id: 'approval:apr_1', action_id: 'approve' })).ok).toBe(false);
  });

  it('views.open with the click\'s trigger_id shows a modal; submitting sends view_submission and an empty ack closes it', async () => {
    const channel = await h.channel('dept-approvals');
    const card = await h.client.chat.postMessage({ channel, text: 'Approval needed', blocks: approvalCard('apr_2') });
    await ui(h.ws, 'POST', '/ui/actions', ALEX, { channel, message_ts: card.ts, block_id: 'approval:apr_2', action_id: 'request_changes' });
    const click = await h.app.waitFor((r) => r.payload?.actions?.[0]?.value === 'apr_2');
    const opened = await h.client.views.open({ trigger_id: click.payload!.trigger_id, view: commentModal as never });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', callback_id: 'request_changes_modal', state: { values: {} }, root_view_id: opened.view!.id });
    await expect(h.client.views.open({ trigger_id: click.payload!.trigger_id, view: commentModal as never })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });

    const seen = await ui(h.ws, 'GET', '/ui/views', ALEX);
    expect(seen.modals).toHaveLength(1);
    expect(seen.modals[0]).toMatchObject({ id: opened.view!.id, title: { text: 'Request changes' }, blocks: [{ block_id: 'comment' }, { block_id: 'severity' }] });
    expect((await ui(h.ws, 'GET', '/ui/views', SAM)).modals).toEqual([]);

    const missing = await ui(h.ws, 'POST', `/ui/views/${opened.view!.id}/submit`, ALEX, { inputs: { comment: { text: '' } } });
    expect(missing).toEqual({ ok: false, errors: { comment: 'Please complete this required field.' } });
    expect(h.app.received.some((r) => r.payload?.type === 'view_submission')).toBe(false);

    h.app.setResponder((r) => (r.payload?.type === 'view_submission' && r.payload.view.state.values.comment.text.value === 'too short' ? { body: JSON.stringify({ response_action: 'errors', errors: { comment: 'Say a bit more.' } }) } : undefined));
    const rejected = await ui(h.ws, 'POST', `/ui/views/${opened.view!.id}/submit`, ALEX, { inputs: { comment: { text: 'too short' }, severity: { pick: 'major' } } });
    expect(rejected).toEqual({ ok: false, errors: { comment: 'Say a bit more.' } });
    expect((await ui(h.ws, 'GET', '/ui/views', ALEX)).modals).toHaveLength(1);

    const done = await ui(h.ws, 'POST', `/ui/views/${opened.view!.id}/submit`, ALEX, { inputs: { comment: { text: 'Tighten the intro, cite the source' }, severity: { pick: 'major' } } });
    expect(done).toEqual({ ok: true });
    const submission = await h.app.waitFor((r) => r.payload?.type === 'view_submission' && r.payload.view.state.values.comment.text.value === 'Tighten the intro, cite the source');
    expect(submission.payload).toMatchObject({
      type: 'view_submission',
      team: { id: 'T0LOCAL', domain: 'local-workspace' },
      user: { id: ALEX, username: 'alex.rivera' },
      api_app_id: 'A0LOCALAPP',
      trigger_id: expect.any(String),
      response_urls: [],
      view: {
        id: opened.view!.id,
        type: 'modal',
        callback_id: 'request_changes_modal',
        private_metadata: JSON.stringify({ approval: 'apr_1' }),
        hash: expect.any(String),
        state: {
          values: {
            comment: { text: { type: 'plain_text_input', value: 'Tighten the intro, cite the source' } },
            severity: { pick: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Major' }, value: 'major' } } },
          },
        },
      },
    });
    expect((await ui(h.ws, 'GET', '/ui/views', ALEX)).modals).toEqual([]);
    h.app.setResponder(() => undefined);
  });

  it('response_action update / push replace or stack the modal; closing tells the app when asked', async () => {
    const channel = await h.channel('general');
    await ui(h.ws, 'POST', `/ui/channels/${channel}/commands`, ALEX, { command: '/dept', text: 'new' });
    const cmd = await h.app.waitFor((r) => r.form?.text === 'new');
    const opened = await h.client.views.open({ trigger_id: cmd.form!.trigger_id!, view: { ...commentModal, notify_on_close: true } as never });
    h.app.setResponder((r) =>
      r.payload?.type === 'view_submission'
        ? { body: JSON.stringify({ response_action: 'push', view: { type: 'modal', title: { type: 'plain_text', text: 'Thanks' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Sent.' } }] } }) }
        : undefined,
    );
    expect(await ui(h.ws, 'POST', `/ui/views/${opened.view!.id}/submit`, ALEX, { inputs: { comment: { text: 'ok' } } })).toEqual({ ok: true });
    const stack = (await ui(h.ws, 'GET', '/ui/views', ALEX)).modals;
    expect(stack.map((v: { title: { text: string } }) => v.title.text)).toEqual(['Request changes', 'Thanks']);
    expect(stack[1]).toMatchObject({ previous_view_id: opened.view!.id, root_view_id: opened.view!.id });
    await ui(h.ws, 'POST', `/ui/views/${stack[1].id}/close`, ALEX);
    expect((await ui(h.ws, 'GET', '/ui/views', ALEX)).modals).toHaveLength(1);
    await ui(h.ws, 'POST', `/ui/views/${opened.view!.id}/close`, ALEX);
    const closed = await h.app.waitFor((r) => r.payload?.type === 'view_closed');
    expect(closed.payload).toMatchObject({ type: 'view_closed', user: { id: ALEX }, view: { id: opened.view!.id }, is_cleared: false });
    h.app.setResponder(() => undefined);
  });

  it('a click in the Home tab or a modal is a block_actions with a view container', async () => {
    await h.client.views.publish({
      user_id: SAM,
      view: { type: 'home', blocks: [{ type: 'actions', block_id: 'home_actions', elements: [{ type: 'button', action_id: 'refresh', text: { type: 'plain_text', text: 'Refresh' } }] }] },
    });
    const home = (await ui(h.ws, 'GET', '/ui/views', SAM)).home;
    expect(await ui(h.ws, 'POST', '/ui/actions', SAM, { view_id: home.id, block_id: 'home_actions', action_id: 'refresh' })).toEqual({ ok: true });
    const click = await h.app.waitFor((r) => r.payload?.actions?.[0]?.action_id === 'refresh');
    expect(click.payload).toMatchObject({ type: 'block_actions', container: { type: 'view', view_id: home.id }, view: { id: home.id, type: 'home' }, trigger_id: expect.any(String) });
    expect(click.payload!.response_url).toBeUndefined();
  });
});
