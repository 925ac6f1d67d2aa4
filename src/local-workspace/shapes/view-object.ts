import type { ViewRow } from '../data/rows.js';

/** A view as views.* return it and as block_actions / view_submission payloads carry it. */
export function viewObject(v: ViewRow): Record<string, unknown> {
  const d = v.definition;
  const modal = v.type === 'modal';
  return {
    id: v.id,
    team_id: v.teamId,
    type: v.type,
    blocks: d.blocks ?? [],
    private_metadata: d.private_metadata ?? '',
    callback_id: d.callback_id ?? '',
    state: { values: v.state },
    hash: v.hash,
    title: d.title ?? (modal ? null : { type: 'plain_text', text: 'View Title', emoji: true }),
    clear_on_close: d.clear_on_close ?? false,
    notify_on_close: d.notify_on_close ?? false,
    close: d.close ?? null,
    submit: d.submit ?? null,
    previous_view_id: v.previousViewId,
    root_view_id: v.rootViewId ?? v.id,
    app_id: v.appId,
    external_id: v.externalId ?? '',
    app_installed_team_id: v.teamId,
    bot_id: v.botId,
    ...(d.submit_disabled !== undefined ? { submit_disabled: d.submit_disabled } : {}),
  };
}
