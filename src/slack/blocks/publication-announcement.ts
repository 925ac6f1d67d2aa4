import type { types } from '@slack/bolt';
import type { Department } from '../../department/schema.js';
import { splitText } from '../../lib/split-text.js';
import { whereItWent } from '../../publishing/where-it-went.js';
import type { PublicationRow } from '../../store/publication-store.js';
import { mrkdwnFromMarkdown } from '../mrkdwn-from-markdown.js';
import { defuseBroadcasts, literalText } from '../text.js';
import { fit } from './fit-text.js';

/** How much of the text the channel shows: a 1,500-word post fits whole; a longer piece is cut, saying so. */
const SHOWN_TEXT_MAX = 12_000;
const SECTION_MAX = 2_900;

const typeWords = (contentType: string) => {
  const words = contentType.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A publication as the department's published channel shows it: what, who approved it, where it went, and the text. */
export function publicationAnnouncement(department: Department, p: PublicationRow): { text: string; blocks: types.KnownBlock[] } {
  const author = department.byId.get(p.author)?.name ?? p.author;
  const approval = p.approvedBy ? `approved by <@${p.approvedBy}>` : 'published without a person\'s approval (autonomy level L4)';
  const head = [`:books: *Published: ${literalText(p.title)}*`, `${typeWords(p.contentType)} · version ${p.version} · by ${author} · ${approval}`, `Went to ${whereItWent(p)}.`];
  const text = defuseBroadcasts(mrkdwnFromMarkdown(p.content));
  const shown = text.length > SHOWN_TEXT_MAX ? text.slice(0, SHOWN_TEXT_MAX).trimEnd() : text;
  const notes = [
    ...(shown.length < text.length ? [`Cut here for Slack: ${text.length - shown.length} more characters are kept in the department's library.`] : []),
    ...(p.rehearsal ? ['🧪 Rehearsal content (offline model) — not written by Claude.'] : []),
  ];
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: fit(head.join('\n')) } },
    { type: 'divider' },
    ...splitText(shown || '_(no text)_', SECTION_MAX).map((piece): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: piece } })),
    ...(notes.length > 0 ? [{ type: 'context' as const, elements: notes.map((n) => ({ type: 'mrkdwn' as const, text: n })) }] : []),
  ];
  return { text: `Published: ${p.title} (${typeWords(p.contentType).toLowerCase()}, version ${p.version})`, blocks };
}
