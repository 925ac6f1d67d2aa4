import type { AgentDef } from '../../department/schema.js';
import { capFirst } from './text.js';

/*
 * What a specialist delivers offline when asked directly, in the shape of its work (a keyword list,
 * a performance readout, a market snapshot, an image brief, posts), built from the ask's topic:
 * the first line stands alone, as a manager's wrap-up quotes it. Numbers a tool or a source would
 * give are marked [DATA NEEDED], never made up.
 */

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);

export function keywordResearch(topic: string): string {
  const k = words(topic);
  return [
    `*Keyword research: ${capFirst(topic)}*`,
    `*Primary keyword:* ${k.slice(0, 3).join(' ') || topic.toLowerCase()} (search volume and difficulty: [DATA NEEDED] from the SEO tool)`,
    `*Secondary:* ${k.slice(0, 2).join(' ')} guide; ${k[0] ?? 'topic'} cost; how to reduce ${k[0] ?? 'costs'}`,
    '*Clusters:* why it matters · how to start · what to measure',
    '*Search intent:* informational, with a how-to angle.',
  ].join('\n');
}

export function imageBrief(topic: string): string {
  const k = words(topic);
  return [
    `*Header image brief: ${capFirst(topic)}*`,
    `Theme: ${k.slice(0, 2).join(' and ') || 'the topic'}, shown as a before/after.`,
    'Options: 1) a simple chart trending down, 2) a small team at one desk, 3) an abstract layered shape in the brand colours.',
    'Format: 1600×900, text-free, alt text in the post.',
  ].join('\n');
}

const performanceReadout = (topic: string) =>
  [
    `*Performance readout: ${capFirst(topic)}*`,
    '*Numbers:* reach [DATA NEEDED] · clicks [DATA NEEDED] · conversions [DATA NEEDED] · cost per result [DATA NEEDED] (from the analytics tool; none are in the department yet)',
    '*Compared with:* the previous period and the same period last year, once the numbers are in.',
    '*What to look at first:* the step where most people drop out, and the channel with the lowest cost per result.',
    '*Next step:* connect the data source, then I send the filled-in readout.',
  ].join('\n');

const marketSnapshot = (topic: string) =>
  [
    `*Market snapshot: ${capFirst(topic)}*`,
    '*Audience:* who asks about this, and the job they want done: [DATA NEEDED: interviews or survey].',
    '*Competitors:* what the three closest ones say and offer on it lately: [DATA NEEDED: a review of their pages and posts].',
    '*Trend:* search interest and mentions over the last 12 months: [DATA NEEDED].',
    '*So what for us:* an angle nobody owns yet, to confirm once the data is in.',
  ].join('\n');

const socialPosts = (topic: string, where: string) =>
  [
    `*${where} posts: ${capFirst(topic)}*`,
    `1) ${capFirst(topic)}: three things we learned, and the one we would do first.`,
    `2) One number about ${topic.toLowerCase()} [DATA NEEDED: the figure], and what it means for a small team.`,
    '3) A question for the comments: what stopped you last time?',
    '_Schedule: day 1 10:00, day 3 12:00, day 5 09:00_',
  ].join('\n');

const copyOptions = (topic: string) =>
  [
    `*Copy options: ${capFirst(topic)}*`,
    `Headlines: A) ${capFirst(topic)}, in plain numbers · B) What ${topic.toLowerCase()} really takes · C) Start ${topic.toLowerCase()} this week`,
    `Body (50 words): the problem in one sentence, what changes with ${topic.toLowerCase()}, one proof point [DATA NEEDED], one call to action.`,
    'Call to action: "Read the guide".',
  ].join('\n');

const caseStudy = (topic: string) =>
  [
    `*Case study outline: ${capFirst(topic)}*`,
    '*Customer:* who they are, in one line: [DATA NEEDED: the customer and their permission to be named].',
    '*Challenge:* what was not working before, in their words.',
    '*What they did:* the steps, with one screenshot or quote per step.',
    '*Results:* two or three numbers with their period: [DATA NEEDED: figures from the customer].',
    '*Quote:* one sentence from the customer: [DATA NEEDED].',
  ].join('\n');

const emailPlan = (topic: string) =>
  [
    `*Email plan: ${capFirst(topic)}*`,
    `Subject lines to test: A) ${capFirst(topic)}: what changes · B) Three steps on ${topic.toLowerCase()} · C) Your short guide`,
    'Segment: active subscribers; send Tuesday 10:00 local; success measure: click rate against the last three sends [DATA NEEDED].',
  ].join('\n');

const WORK: Record<string, (topic: string) => string> = {
  seo_specialist: keywordResearch,
  designer: imageBrief,
  analytics_specialist: performanceReadout,
  market_research: marketSnapshot,
  linkedin_manager: (t) => socialPosts(t, 'LinkedIn'),
  twitter_manager: (t) => socialPosts(t, 'X'),
  copywriter: (t) => (/\bcase stud/i.test(t) ? caseStudy(t) : copyOptions(t)),
  email_specialist: emailPlan,
};

/** The specialist's work on the topic, or null for a role without a shape here. */
export function specialistWork(me: AgentDef, topic: string): string | null {
  return WORK[me.id]?.(topic) ?? null;
}
