import type { TurnPrompt } from '../../agents/turn-prompt.js';
import type { AgentDef } from '../../department/schema.js';
import { STEP_HEADING } from '../../workflows/step-heading.js';
import { campaignStepAct } from './campaign-steps.js';
import type { Act, ToolCall } from './decide.js';
import { draftFor } from './drafts.js';
import { REHEARSAL_NOTE, capFirst } from './text.js';
import { imageBrief, keywordResearch } from './specialist-work.js';

/*
 * The rehearsal model's part in a workflow: each step request (its first line names the step, see
 * src/workflows/step-heading.ts stepHeading; campaign steps in campaign-steps.ts) gets work of the step's real shape, built from the
 * topic — keyword research with a primary keyword and clusters, a draft, a review that asks for one
 * revision pointing at parts of the draft, a brand check, an SEO score — and hand-offs get their
 * promotion post and newsletter item.
 */

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);
const post = (text: string, type: string): ToolCall => ({ tool: 'post_message', input: { text: `${text}\n${REHEARSAL_NOTE}`, mentions: [], type, priority: 'normal' } });
const submit = (input: Record<string, unknown>): ToolCall => ({ tool: 'submit_deliverable', input });

export function workflowStepAct(p: TurnPrompt, me: AgentDef): Act | null {
  const text = p.incoming.text;
  const [, heading, workflow] = STEP_HEADING.exec(text.split('\n')[0] ?? '') ?? [];
  const label = workflow === 'content' || workflow === 'campaign' ? heading : undefined;
  const topic = /“([^”]+)”/.exec(text)?.[1] ?? 'this piece';
  const title = capFirst(topic);
  if (!label) return handoffAct(text, topic, me);
  if (workflow === 'campaign') return campaignStepAct(label, text, title, me);
  const k = words(topic);
  switch (label) {
    case 'Keyword research':
      return act('Keyword research', post(keywordResearch(topic), 'deliverable'));
    case 'Draft': {
      const revising = /deliverable (dlvb_[0-9a-f]+), now v(\d+)/.exec(text);
      const asked = /What to change: ([\s\S]*?)\. Submit the new version/.exec(text)?.[1] ?? '';
      const type = /content_type (\w+)/.exec(text)?.[1] ?? p.work?.deliverables.find((d) => d.id === revising?.[1])?.contentType ?? 'blog_post';
      if (revising) {
        const version = Number(revising[2]) + 1;
        return act('Revising the draft', submit({ deliverable_id: revising[1], content_type: type, title, content: draftFor(type, title, me, { version, asked }) }));
      }
      return act('Drafting', submit({ content_type: type, title, content: draftFor(type, title, me) }));
    }
    case 'Review': {
      const version = Number(/Review v(\d+)/.exec(text)?.[1] ?? 1);
      const id = /\(deliverable (dlvb_[0-9a-f]+)\)/.exec(text)?.[1];
      if (!id) return null;
      // The verdict is recorded (review_deliverable) and said in the thread, where the author reads it.
      const review = (verdict: 'approve' | 'changes_requested', comment: string, said: string): Act => ({
        lead: `(rehearsal) Review of v${version}.`,
        calls: [{ tool: 'review_deliverable', input: { deliverable_id: id, verdict, comment } }, post(`*Review of v${version}:* ${said}\n${comment}`, 'feedback')],
      });
      if (version >= 2 || text.includes('last review round')) {
        return review('approve', 'The opening now leads with a concrete figure and each step has an example. Ready for the checks.', 'approved.');
      }
      return review(
        'changes_requested',
        `1. Opening paragraph: lead with a concrete figure for ${k[0] ?? 'the reader'} (mark it [DATA NEEDED] until we have the source).\n2. Section "Three steps to start": give each step a one-line example.`,
        'good structure; two changes before the checks.',
      );
    }
    case 'Header image brief':
      return act('Image brief', post(imageBrief(topic), 'deliverable'));
    case 'Brand voice check':
      return act('Brand check', post(`*Brand voice check: ${title}* — passes. Clear, practical, no hype. One note: keep "we" for the company and "you" for the reader throughout.`, 'feedback'));
    case 'SEO verification':
      return act('SEO check', post(`*SEO verification: ${title}* — score 92/100. Primary keyword in the title and first paragraph; meta description within 155 characters; add two internal links before publishing.`, 'feedback'));
    default:
      return null;
  }
}

/** After publication, Social Media and Email pick up their part: a promotion post, a newsletter item (both L4 in the seed's policy). */
function handoffAct(text: string, topic: string, me: AgentDef): Act | null {
  if (!text.includes('over to you — promotion posts')) return null;
  const title = capFirst(topic);
  if (me.id === 'social_media_manager') return act('Promotion post', submit({ content_type: 'daily_social_post', title: `Promotion: ${title}`, content: draftFor('daily_social_post', title, me) }));
  if (me.id === 'email_specialist') return act('Newsletter item', submit({ content_type: 'routine_email', title: `Newsletter item: ${title}`, content: draftFor('routine_email', title, me) }));
  return null;
}

const act = (what: string, call: ToolCall): Act => ({ lead: `(rehearsal) ${what}.`, calls: [call] });
