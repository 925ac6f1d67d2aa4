import type { ServerResponse } from 'node:http';
import { emojiChar } from '../client/emoji.js';
import type { Directory } from '../data/directory.js';
import { escapeHtml } from '../client/mrkdwn.js';

/**
 * A user's picture as Slack's APIs hand out image URLs: people and bots here have emoji icons,
 * so the picture is that emoji (or their initials) drawn in an SVG.
 */
export function serveAvatar(res: ServerResponse, dir: Directory, userId: string): boolean {
  const user = dir.user(userId);
  if (!user) return false;
  const glyph = emojiChar(user.icon ?? '') ?? user.realName.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72" viewBox="0 0 72 72"><rect width="72" height="72" rx="12" fill="${user.isBot ? '#e8f0fe' : '#f3e8fd'}"/><text x="36" y="48" font-size="36" text-anchor="middle" font-family="sans-serif">${escapeHtml(glyph)}</text></svg>`;
  res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600', 'x-content-type-options': 'nosniff' });
  res.end(svg);
  return true;
}
