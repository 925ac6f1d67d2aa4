import { KNOWLEDGE_TYPES, type KnowledgeRecord } from '../../src/knowledge/knowledge-index.js';
import { seededRandom } from './seeded-random.js';

/**
 * Filler that pads the index to bench size: marketing-department prose assembled from word lists,
 * deterministic for a seed, ids under `filler:` so they never replace a labelled record. It shares
 * the labelled set's vocabulary (newsletter, LinkedIn, budget, SLA…), so it also acts as
 * distractors when the questions are asked again at full size.
 */


const TOPICS = [
  'the spring webinar', 'the onboarding email sequence', 'the pricing page test', 'the G2 review drive', 'the LinkedIn retargeting campaign',
  'the customer roundtable', 'the help center redesign', 'the partner newsletter', 'the product launch brief', 'the agency retainer',
  'the SEO content cluster', 'the analyst briefing', 'the e-commerce landing page', 'the trial nurture flow', 'the case study pipeline',
  'the brand refresh', 'the event booth', 'the churn survey', 'the referral programme', 'the holiday promotion',
];
const SUBJECTS = ['support leads', 'ops managers', 'trial accounts', 'enterprise prospects', 'small teams', 'renewing customers', 'agencies', 'partners', 'new agents', 'EU contacts'];
const VERBS = ['moved', 'tested', 'paused', 'doubled', 'rewrote', 'approved', 'postponed', 'measured', 'shortened', 'localized', 'reviewed', 'scheduled'];
const OBJECTS = [
  'the subject lines', 'the call to action', 'the hero image', 'the audience targeting', 'the send time', 'the landing page copy', 'the ad budget',
  'the keyword list', 'the speaker line-up', 'the follow-up emails', 'the UTM parameters', 'the lead scoring', 'the social calendar', 'the brief',
];
const OUTCOMES = [
  'open rates rose slightly', 'cost per lead fell', 'sign-ups stayed flat', 'the team needs another week', 'sales asked for a shorter version',
  'legal asked for changes', 'the numbers are in the dashboard', 'results are mixed', 'we will revisit next month', 'it beat the control',
  'the design is with the printer', 'registrations passed the target', 'the draft is waiting for review', 'the vendor missed the deadline',
];
const CHANNELS = ['LinkedIn', 'Google Search', 'the newsletter', 'X', 'YouTube', 'the blog', 'Capterra', 'the partner portal', 'email', 'the community Slack'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SOURCES = ['content_manager', 'campaign_manager', 'email_specialist', 'seo_specialist', 'linkedin_manager', 'analytics_specialist', 'designer', 'copywriter'];

export function fillerRecords(count: number, seed: number): KnowledgeRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = () => `We ${pick(VERBS)} ${pick(OBJECTS)} for ${pick(SUBJECTS)} on ${pick(CHANNELS)}, and ${pick(OUTCOMES)}.`;
  const records: KnowledgeRecord[] = [];
  for (let i = 1; i <= count; i++) {
    const type = pick(KNOWLEDGE_TYPES);
    const topic = pick(TOPICS);
    const month = pick(MONTHS);
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, sentence).join(' '));
    records.push({
      id: `filler:${type}_${String(i).padStart(5, '0')}`,
      type,
      title: `${month} update on ${topic} (${i})`,
      text: [`Notes on ${topic} for ${pick(SUBJECTS)}, ${month}.`, ...paragraphs].join('\n\n'),
      source: pick(SOURCES),
      createdAt: new Date(Date.UTC(2025, Math.floor(random() * 18), 1 + Math.floor(random() * 28))),
      permalink: null,
      conversationId: null,
    });
  }
  return records;
}

/** Short queries in the filler's and the set's words, for latency beside the labelled questions. */
export function randomQueries(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const shapes = [
    () => `what happened with ${pick(TOPICS)}`,
    () => `${pick(OBJECTS)} on ${pick(CHANNELS)}`,
    () => `did we ${pick(VERBS).replace(/ed$/, '')} ${pick(OBJECTS)} in ${pick(MONTHS)}`,
    () => `${pick(CHANNELS)} results for ${pick(SUBJECTS)}`,
  ];
  return Array.from({ length: count }, () => pick(shapes)());
}
