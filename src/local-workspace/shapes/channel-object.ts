import { imPartner } from '../data/channels.js';
import type { ChannelRow } from '../data/rows.js';

/**
 * conversations.info / list / open channel object, seen by `viewer` (is_member, the DM's user).
 * DMs have Slack's short IM shape; channels the long one.
 */
export function channelObject(c: ChannelRow, viewer: string, opts: { isMember: boolean; numMembers?: number | undefined }) {
  if (c.isIm) {
    return {
      id: c.id,
      created: c.created,
      is_archived: false,
      is_im: true,
      is_org_shared: false,
      context_team_id: c.teamId,
      updated: c.created * 1000,
      user: imPartner(c, viewer) ?? '',
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    id: c.id,
    name: c.name!,
    is_channel: !c.isPrivate,
    is_group: c.isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: c.isArchived,
    is_general: c.isGeneral,
    unlinked: 0,
    name_normalized: c.name!,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: c.teamId,
    updated: c.created * 1000,
    parent_conversation: null,
    creator: c.creator ?? '',
    is_ext_shared: false,
    shared_team_ids: [c.teamId],
    pending_connected_team_ids: [],
    is_member: opts.isMember,
    topic: { value: c.topic, creator: '', last_set: 0 },
    purpose: { value: c.purpose, creator: '', last_set: 0 },
    previous_names: [],
    ...(opts.numMembers !== undefined ? { num_members: opts.numMembers } : {}),
  };
}
