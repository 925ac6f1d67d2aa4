import type { AgentDef } from '../../department/schema.js';
import type { Act, ToolCall } from './decide.js';
import { draftFor } from './drafts.js';
import { REHEARSAL_NOTE } from './text.js';

/*
 * The rehearsal model's part in the campaign launch workflow (src/workflows/campaign-requests.ts
 * words the requests it reads): analytics input with the metrics to watch, market research input,
 * a strategy with objective, audience, channels, budget marked [DATA NEEDED] and KPIs, the VP's
 * review, the three tracks' deliverables, a combined review, and the launch checklist.
 */

const post = (text: string, type: string): ToolCall => ({ tool: 'post_message', input: { text: `${text}\n${REHEARSAL_NOTE}`, mentions: [], type, priority: 'normal' } });
const submit = (input: Record<string, unknown>): ToolCall => ({ tool: 'submit_deliverable', input });
const review = (id: string, comment: string, verdict: 'approve' | 'changes_requested' = 'approve'): ToolCall => ({ tool: 'review_deliverable', input: { deliverable_id: id, verdict, comment } });
/** What the first combined review asks of the email, so offline a track's revision is seen once. */
export const EMAIL_CHANGES = 'make subject line C as concrete as A and B, and end on the same call to action as the blog post';
const act = (what: string, ...calls: ToolCall[]): Act => ({ lead: `(rehearsal) ${what}.`, calls });

/** A campaign's name from a person's ask ("we need a launch campaign for the Q4 lead gen push" → "Q4 lead gen push"). */
export function campaignTitleOf(topic: string): string {
  const about = /\b(?:campaign|launch)\s+(?:for|of|on|about)\s+(?:the\s+|our\s+)?(.+)$/i.exec(topic)?.[1] ?? topic;
  const clean = about.replace(/[.!?]+$/, '').trim();
  return clean.length >= 3 ? clean.charAt(0).toUpperCase() + clean.slice(1) : 'Campaign launch';
}

/** The campaign step's act for its label; null for a label it does not know. */
export function campaignStepAct(label: string, text: string, title: string, me: AgentDef): Act | null {
  switch (label) {
    case 'Analytics input':
      return act('Analytics input', post([
        `*Analytics input: ${title}*`,
        '*Similar campaigns:* conversion rate landing page → lead [DATA NEEDED]; cost per lead [DATA NEEDED]; best channel by leads: email, then LinkedIn.',
        '*Baseline to beat:* last quarter\'s MQLs per week [DATA NEEDED].',
        '*Metrics to watch:* MQLs per day against target · cost per lead · email open and click rates per subject line · landing page conversion · social click-through by channel.',
        '*Watch out:* holiday launches start slower in week 1; compare like with like.',
      ].join('\n'), 'deliverable'));
    case 'Market research input':
      return act('Market research input', post([
        `*Market research input: ${title}*`,
        '*Audience:* operations and marketing leads at companies of 10–200 people; two segments — evaluating now, and researching for next quarter.',
        '*What they need:* a clear cost picture and a first step they can take without a big project.',
        '*Competitors lately:* webinars and ROI calculators; few offer a short practical guide.',
        '*Timing:* avoid launching on a public holiday; Tuesday to Thursday mornings do best.',
      ].join('\n'), 'deliverable'));
    case 'Strategy proposal': {
      const revising = /\(deliverable (dlvb_[0-9a-f]+), now v(\d+)\)/.exec(text);
      const asked = /What to change: ([\s\S]*?)\. Submit the new version/.exec(text)?.[1] ?? '';
      const content = strategyDraft(title, revising ? { version: Number(revising[2]) + 1, asked } : undefined);
      if (revising) return act('Revising the strategy', submit({ deliverable_id: revising[1], content_type: 'strategic_campaign', title: `Campaign strategy: ${title}`, content }));
      return act('Strategy proposal', submit({ content_type: 'strategic_campaign', title: `Campaign strategy: ${title}`, content }));
    }
    case 'Strategy review': {
      const id = /\(deliverable (dlvb_[0-9a-f]+)\)/.exec(text)?.[1];
      const version = /Review v(\d+)/.exec(text)?.[1] ?? '1';
      if (!id) return null;
      const comment = 'Objective and audience are clear, and the channel mix follows the analytics. Confirm the budget lines marked [DATA NEEDED] before launch.';
      return act('Strategy review', review(id, comment), post(`*Strategy review of v${version}:* approved.\n${comment}`, 'feedback'));
    }
    case 'Campaign content':
      return trackAct('Campaign content', text, { content_type: 'blog_post', title, content: draftFor('blog_post', title, me) });
    case 'Campaign email':
      return trackAct('Campaign email', text, { content_type: 'campaign_email', title: `Campaign email: ${title}`, content: draftFor('campaign_email', title, me) });
    case 'Social posts':
      return trackAct('Social posts', text, { content_type: 'daily_social_post', title: `Social posts: ${title}`, content: socialPosts(title) });
    case 'Combined review': {
      // The rank reviews the kinds it approves (blog post, campaign email); social posts are L4, so feedback only.
      const [content, email] = ['content', 'email'].map((t) => new RegExp(`${t} (dlvb_[0-9a-f]+) v\\d+`).exec(text)?.[1]);
      // The first round sends the email back once; the last round approves what is there.
      if (email && !/last review round/.test(text)) {
        return act(
          'Combined review',
          ...(content ? [review(content, 'Consistent with the strategy and the other tracks.')] : []),
          review(email, EMAIL_CHANGES, 'changes_requested'),
          post(`*Combined review: ${title}* — one change before the launch approval.\n• Email: ${EMAIL_CHANGES}.\n• Blog post and social posts: consistent with the strategy; no changes.`, 'feedback'),
        );
      }
      const ids = [content, email].filter((id): id is string => !!id);
      const summary = [
        `*Combined review: ${title}* — ready for the launch approval.`,
        '• One message across channels: the same promise and call to action in the post, the email and the social posts.',
        '• Dates line up: the post goes live first, the email and the first social posts follow the same morning.',
        '• Before launch: fill in the budget and baseline figures marked [DATA NEEDED]; check every link carries the campaign UTM tags.',
      ].join('\n');
      return act('Combined review', ...ids.map((id) => review(id, 'Consistent with the strategy and the other tracks.')), post(summary, 'feedback'));
    }
    case 'Changes before launch': {
      const asked = /before the launch of “[^”]+”: ([\s\S]*?)\. Say in the thread/.exec(text)?.[1] ?? 'the requested changes';
      return act('Addressing the changes', post(`*Changes before launch:* addressed “${asked}” — the tracks are updated where needed and the launch goes back for approval.`, 'status_update'));
    }
    case 'Launch checklist':
      return act('Launch checklist', post(launchChecklist(title), 'status_update'));
    default:
      return null;
  }
}

/** A track's draft, or its revision when the request names the deliverable to revise. */
function trackAct(what: string, text: string, draft: { content_type: string; title: string; content: string }): Act {
  const revising = /\(deliverable (dlvb_[0-9a-f]+), now v(\d+)\)/.exec(text);
  if (!revising) return act(what, submit(draft));
  const asked = /as the combined review asked: ([\s\S]*?)\. Submit the new version/.exec(text)?.[1] ?? 'the requested changes';
  const content = `*Changes in v${Number(revising[2]) + 1}:* addressed “${asked}”.\n\n${draft.content}`;
  return act(`Revising the ${what.toLowerCase()}`, submit({ ...draft, deliverable_id: revising[1], content }));
}

function strategyDraft(title: string, revision?: { version: number; asked: string }): string {
  return [
    ...(revision ? [`*Changes in v${revision.version}:* ${revision.asked ? `addressed “${revision.asked}”` : 'revised as asked'}; the rest is as before.`, ''] : []),
    `*Objective:* ${title} — qualified leads (MQLs) from the campaign: target [DATA NEEDED] in six weeks.`,
    '*Audience:* operations and marketing leads at companies of 10–200 people, in two segments: evaluating now, researching for next quarter.',
    '*Channels:* blog post as the hub · a campaign email to active subscribers (A/B test of subject lines) · LinkedIn and X posts for launch week.',
    '*Budget:* total [DATA NEEDED]; split content 30% · email 20% · paid social 50% [DATA NEEDED: confirm with the VP].',
    '*Timeline:* week 1 strategy and assets · week 2 review · launch on a Tuesday morning (not a holiday) · weekly readout for six weeks.',
    '*KPIs:* MQLs against target · cost per lead [DATA NEEDED: baseline] · email open and click rates · landing page conversion · social click-through.',
    '',
    REHEARSAL_NOTE,
  ].join('\n');
}

const socialPosts = (title: string) =>
  [
    `*LinkedIn — launch day:* ${title}: what it costs, what it saves, and the first step to take this quarter. Read the guide →`,
    `*X — launch day:* ${title}, in three steps. 🧵`,
    '*LinkedIn — day 3:* one number from the guide, and what it means for a team of five. [DATA NEEDED: the figure]',
    '*X — day 5:* a reminder with the guide link and one question for replies.',
    '_Schedule: launch day 10:00, day 3 12:00, day 5 09:00 · campaign UTM tags on every link_',
    '',
    REHEARSAL_NOTE,
  ].join('\n');

const launchChecklist = (title: string) =>
  [
    `*Launch checklist: ${title}* — go live.`,
    '☐ Content (Copywriter): the post is live; links and UTM tags checked — 09:00',
    '☐ Email (Email Specialist): winning subject-line test set up; segment and send time confirmed — 10:00',
    '☐ Social (Social Media Manager): launch-day posts scheduled; day 3 and day 5 queued — 10:00',
    '☐ Analytics: dashboard on the metrics to watch; first readout at the end of day 1',
    '☐ Budget lines marked [DATA NEEDED] confirmed before any paid spend',
  ].join('\n');
