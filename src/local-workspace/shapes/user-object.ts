import { TEAM } from '../constants.js';
import type { UserRow } from '../data/rows.js';

/** Where a user's picture is: their icon URL, or the emoji avatar this server draws. */
export function avatarUrl(user: UserRow, base: string): string {
  return user.icon && /^https?:\/\//.test(user.icon) ? user.icon : `${base}avatars/${user.id}.svg`;
}

const created = (u: UserRow) => Math.floor(u.createdAt.getTime() / 1000);

/** users.info / users.list member object, in Slack's shape. */
export function userObject(u: UserRow, base: string) {
  const image = avatarUrl(u, base);
  return {
    id: u.id,
    team_id: u.teamId,
    name: u.name,
    deleted: false,
    color: u.isBot ? '2b6cb0' : '9f69e7',
    real_name: u.realName,
    tz: 'America/New_York',
    tz_label: 'Eastern Time',
    tz_offset: -14400,
    profile: {
      title: '',
      phone: '',
      skype: '',
      real_name: u.realName,
      real_name_normalized: u.realName,
      display_name: u.isBot ? '' : u.realName,
      display_name_normalized: u.isBot ? '' : u.realName,
      status_text: '',
      status_emoji: '',
      avatar_hash: u.id.slice(-8).toLowerCase(),
      image_24: image,
      image_32: image,
      image_48: image,
      image_72: image,
      image_192: image,
      image_512: image,
      team: u.teamId,
      ...(u.isBot ? { bot_id: u.botId, api_app_id: u.appId, always_active: true } : { first_name: u.realName.split(' ')[0], last_name: u.realName.split(' ').slice(1).join(' ') }),
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: created(u),
    is_email_confirmed: !u.isBot,
    who_can_share_contact_card: 'EVERYONE',
  };
}

/** bots.info `bot` and a message's `bot_profile`. */
export function botObject(u: UserRow, base: string) {
  const image = avatarUrl(u, base);
  return {
    id: u.botId!,
    deleted: false,
    name: u.realName,
    updated: created(u),
    app_id: u.appId!,
    user_id: u.id,
    icons: { image_36: image, image_48: image, image_72: image },
    team_id: TEAM.id,
  };
}
