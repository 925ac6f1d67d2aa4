import type { types } from '@slack/bolt';
import type { Department } from '../../department/schema.js';
import { splitText } from '../../lib/split-text.js';
import { whereItWent } from '../../publishing/where-it-went.js';
import type { PublicationRow } from '../../store/publication-store.js';
import { literalText } from '../text.js';
import { slackDate } from './approval-card.js';

const sections = (text: string): types.KnownBlock[] => splitText(text, 2900).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));

/** `/dept published`: the latest publications (matching the words, when given): what, who approved it, when, and where it went. */
export function publicationListBlocks(department: Department, publications: PublicationRow[], words: string): types.KnownBlock[] {
  const title = words ? `Publications matching "${literalText(words)}"` : 'Latest publications';
  if (publications.length === 0) {
    return sections(`*${title}*\n${words ? 'None.' : 'Nothing has been published yet. Approved deliverables are listed here once they are published.'}`);
  }
  const lines = [`*${title}*`];
  for (const p of publications) {
    const author = department.byId.get(p.author)?.name ?? p.author;
    const approval = p.approvedBy ? `approved by <@${p.approvedBy}>` : 'no approval needed (L4)';
    lines.push(
      `• *${literalText(p.title)}* — ${p.contentType.replace(/_/g, ' ')}, version ${p.version}, by ${author} · ${approval} · ${slackDate(p.publishedAt)}` +
        `${p.rehearsal ? ' · rehearsal content' : ''}\n    Went to ${whereItWent(p)}.`,
    );
  }
  return sections(lines.join('\n'));
}
