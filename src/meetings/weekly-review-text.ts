import type { WeeklyReview } from './department-metrics.js';
import { STATUS_WORDS } from './fact-sentence.js';

/**
 * Last week's tasks in Slack mrkdwn for the planning meeting: per owner (by display name when
 * given), what was completed and what slipped, each task with its id; one line when there was neither.
 */
export function weeklyReviewText(review: WeeklyReview, names: ReadonlyMap<string, string> = new Map()): string {
  if (review.owners.length === 0) return 'No tasks were completed or due last week.';
  const completed = review.owners.reduce((n, o) => n + o.completed.length, 0);
  const slipped = review.owners.reduce((n, o) => n + o.slipped.length, 0);
  const lines = [`*Last week:* ${completed} task${completed === 1 ? '' : 's'} completed, ${slipped} slipped`];
  for (const o of review.owners) {
    lines.push(`*${names.get(o.owner) ?? o.owner}*: ${o.completed.length} completed, ${o.slipped.length} slipped`);
    for (const t of o.completed) lines.push(`• Done: ${t.title} [${t.id}]`);
    for (const t of o.slipped) lines.push(`• Slipped: ${t.title} (due ${t.dueDate}, ${STATUS_WORDS[t.status] ?? t.status}) [${t.id}]`);
  }
  return lines.join('\n');
}
