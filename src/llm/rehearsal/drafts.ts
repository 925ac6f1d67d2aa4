import type { AgentDef } from '../../department/schema.js';
import { REHEARSAL_NOTE, capFirst } from './text.js';

/*
 * Rehearsal deliverables: the real shape of the work (a blog draft with its title, meta
 * description, outline and sections; an email with subject-line variants; a social post), built
 * from the brief's topic and labelled as rehearsal content. They show a team what arrives in the
 * thread and on the approval card, not what Claude would write.
 */

/** Kinds of content the rehearsal model recognises in a brief. */
const CONTENT_TYPES: [RegExp, string][] = [
  [/\b(crisis|holding statement|incident statement)\b/i, 'crisis_communication'],
  [/\b(legal|compliance|disclaimer|terms)\b/i, 'legal'],
  [/\b(brand messaging|messaging framework|positioning statement|tagline)\b/i, 'brand_messaging'],
  [/\b(newsletter|campaign email|email campaign|nurture email|email)\b/i, 'campaign_email'],
  [/\b(tweet|linkedin post|social post|instagram post|social media post)\b/i, 'daily_social_post'],
  [/\b(blog|article|post on|post about)\b/i, 'blog_post'],
];

/** Which agents write each kind, first choice first: only they submit it as a deliverable. */
const AUTHORS: Record<string, string[]> = {
  blog_post: ['copywriter'],
  campaign_email: ['email_specialist', 'copywriter'],
  daily_social_post: ['social_media_manager', 'twitter_manager', 'linkedin_manager', 'copywriter'],
  brand_messaging: ['director_of_communications', 'copywriter'],
  crisis_communication: ['director_of_communications'],
  legal: ['director_of_communications'],
};

/** The kind named first wins: "a blog post on email deliverability" is a blog post. */
export function contentTypeOf(text: string): string | null {
  let best: { at: number; type: string } | null = null;
  for (const [re, type] of CONTENT_TYPES) {
    const at = re.exec(text)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { at, type };
  }
  return best?.type ?? null;
}

/** The kind of content this agent would deliver for a brief, if it is one this agent writes. */
export function deliverableFor(me: AgentDef, text: string): string | null {
  const type = contentTypeOf(text);
  return type && AUTHORS[type]?.includes(me.id) ? type : null;
}

/** "AI costs" stays "AI costs" mid-sentence; "Costs" becomes "costs". */
const inSentence = (title: string) => (/^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title);
const words = (topic: string) => topic.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);

/** A headline from the brief's topic ("blog post on AI costs for small businesses" → "AI costs for small businesses"). */
export function titleOf(topic: string): string {
  const about = /\b(?:blog post|article|post|newsletter|email|tweet|statement)\s+(?:on|about|for)\s+(.+)$/i.exec(topic)?.[1] ?? topic;
  return capFirst(about.replace(/[.!?]+$/, '').trim()) || 'Untitled draft';
}

/** The draft of a kind of content, whole; a revision says what changed and why. */
export function draftFor(type: string, title: string, me: AgentDef, revision?: { version: number; asked: string }): string {
  const body = (DRAFTS[type] ?? genericDraft)(title, me);
  const changes = revision ? [`*Changes in v${revision.version}:* ${revision.asked ? `addressed “${revision.asked}”` : 'revised as asked'}; the rest is as before.`, ''] : [];
  return [...changes, ...body, '', REHEARSAL_NOTE].join('\n');
}

type Draft = (title: string, me: AgentDef) => string[];

const blogDraft: Draft = (title) => {
  const [k1 = 'marketing', k2 = 'teams'] = words(title);
  return [
    `*Meta description:* ${title}: what it means, what it costs, and three steps to take this quarter.`,
    `*Primary keyword:* ${words(title).slice(0, 3).join(' ') || inSentence(title)}`,
    '',
    '*Outline*',
    `1. Why ${inSentence(title)} matters now`,
    `2. What it looks like in practice`,
    `3. Three steps to start`,
    `4. What to measure`,
    '',
    `## Why ${inSentence(title)} matters now`,
    `Most teams meet ${k1} long before they plan for it. This section sets out the problem in the reader's words and the cost of waiting.`,
    '',
    '## What it looks like in practice',
    `A short example: a team of five, one ${k2} budget, and the decisions they face in the first month.`,
    '',
    '## Three steps to start',
    '1. Take stock of what you already do.',
    '2. Pick one measurable goal for the quarter.',
    '3. Review after four weeks and adjust.',
    '',
    '## What to measure',
    'Time saved, cost per result, and one quality measure the team agrees on.',
    '',
    '*Call to action:* subscribe for the follow-up guide.',
  ];
};

const emailDraft: Draft = (title) => [
  '*Subject line variants*',
  `A: ${title}: what changes this month`,
  `B: Three steps on ${inSentence(title)}`,
  `C: Your quick guide to ${inSentence(title)}`,
  '*Preview text:* The short version, with one thing to do today.',
  '',
  'Hi {first_name},',
  `${title} is on every team's list this quarter. Here is the short version, and one thing you can do today.`,
  '',
  '*Read the guide →*',
  '',
  '_Segment: active subscribers · Send: Tuesday 10:00 local time_',
];

const socialDraft: Draft = (title) => [
  `${title}: three things we learned, and the one we would do first. 🧵`,
  '',
  `#${words(title).slice(0, 2).map(capFirst).join('') || 'Marketing'} #Marketing`,
  '_Channel: LinkedIn and X · Post: today 12:00_',
];

const statementDraft: Draft = (title) => [
  `*Holding statement: ${title}*`,
  'We are aware of the situation and are looking into it now. The safety and trust of our customers come first.',
  'We will share what we know, and what we are doing about it, by the end of the day.',
  '',
  '*Not to say:* speculation about causes, names, or timelines we cannot keep.',
];

const genericDraft: Draft = (title, me) => [`*${title}*`, `Draft from the ${me.title}: the main points, in order, ready for review.`];

const DRAFTS: Record<string, Draft> = {
  blog_post: blogDraft,
  campaign_email: emailDraft,
  routine_email: emailDraft,
  daily_social_post: socialDraft,
  crisis_communication: statementDraft,
  legal: statementDraft,
};
