import type { CampaignStateValue } from './campaign-workflow.js';

/*
 * What each campaign step asks its agent, after the step's heading line. The rehearsal model reads
 * the ids and versions back from these sentences (src/llm/rehearsal/campaign-steps.ts): keep their
 * wording in step with it.
 */
type S = CampaignStateValue;
const quoted = (s: S) => `“${s.topic}”`;
const strategyRef = (s: S) => `the approved strategy (deliverable ${s.proposal?.id}, v${s.proposal?.version})`;

export const CAMPAIGN_REQUESTS = {
  analytics: (s: S) =>
    `Analytics input for the campaign ${quoted(s)}: how similar campaigns performed (conversion rates, cost per lead, best channels), the baseline to beat, and the metrics to watch during the launch. Post it here; the Campaign Manager builds the strategy on it.`,
  research: (s: S) =>
    `Market research input for the campaign ${quoted(s)}: the audience and its segments, what they need, what competitors ran lately, and timing to avoid (holidays, events). Post it here; the Campaign Manager builds the strategy on it.`,
  strategy: (s: S) =>
    s.proposal
      ? `Revise the campaign strategy ${quoted(s)} (deliverable ${s.proposal.id}, now v${s.proposal.version}). What to change: ${s.notes || 'see above'}. Submit the new version with submit_deliverable and deliverable_id ${s.proposal.id}.`
      : `Propose the campaign strategy for ${quoted(s)}: objective, audience, channels, budget, timeline and KPIs, built on the analytics and market research input above. Mark numbers we do not have yet [DATA NEEDED]. Submit it with submit_deliverable (content_type strategic_campaign).`,
  vpReview: (s: S) =>
    `Review v${s.proposal?.version} of the campaign strategy ${quoted(s)} (deliverable ${s.proposal?.id}): objective, audience, channels, budget and KPIs. Record your verdict with review_deliverable: approve it, or request changes naming what to change.${s.round >= 2 ? ' This is the last review round.' : ''}`,
  content: (s: S, contentType: string) =>
    `Write the campaign's content for ${quoted(s)}: a blog post that carries the campaign's message (title, meta description, sections), following ${strategyRef(s)}. Submit it whole with submit_deliverable (content_type ${contentType}). The email and social tracks run at the same time.`,
  email: (s: S, contentType: string) =>
    `Draft the campaign email for ${quoted(s)}: three subject-line variants for an A/B test, preview text, the body and one call to action, following ${strategyRef(s)}. Submit it with submit_deliverable (content_type ${contentType}). The content and social tracks run at the same time.`,
  social: (s: S, contentType: string) =>
    `Write the campaign's social posts for ${quoted(s)}: LinkedIn and X posts for launch day and the week after, following ${strategyRef(s)}. Submit them together with submit_deliverable (content_type ${contentType}). The content and email tracks run at the same time.`,
  combinedReview: (s: S) =>
    `All three tracks of ${quoted(s)} are in: ${['content', 'email', 'social'].map((t) => (s.tracks[t] ? `${t} ${s.tracks[t]!.id} v${s.tracks[t]!.version}` : null)).filter(Boolean).join(', ')}. Compile them and review them together against the strategy: one message across channels, consistent offer and dates, every link and call to action. Record a review_deliverable verdict where your rank approves that kind of work (requesting changes sends that track back to its owner), and say in the thread what the person approving the launch should know.${s.trackRound >= 2 ? ' This is the last review round: what is still open goes to the person with the launch.' : ''}`,
  trackRevision: (s: S, step: string, comment: string) =>
    `Revise your ${step} track of ${quoted(s)} (deliverable ${s.tracks[step]?.id}, now v${s.tracks[step]?.version}) as the combined review asked: ${comment || 'see above'}. Submit the new version with submit_deliverable and deliverable_id ${s.tracks[step]?.id}; the combined review then looks at all three again.`,
  address: (s: S) =>
    `A person asked for changes before the launch of ${quoted(s)}: ${s.notes || 'see their comment above'}. Say in the thread how the campaign addresses them (and ask the owner of a track to revise if it needs it); the launch goes back to them for approval.`,
  launch: (s: S) =>
    `${quoted(s)} is approved${s.approvedBy ? ` by <@${s.approvedBy}>` : ''}. Give the go-live signal: post the launch checklist — what goes live when, who does it (content, email, social), and the checks before each.`,
};
