import type { TurnPrompt } from '../../agents/turn-prompt.js';
import type { AgentDef, Department } from '../../department/schema.js';
import { STEP_HEADING } from '../../workflows/step-heading.js';
import type { Act, ToolCall } from './decide.js';
import { REHEARSAL_NOTE, mentionsPhrase, relevantResponsibilities } from './text.js';

/*
 * The rehearsal model's part in a disagreement (src/workflows/disagreement-workflow.ts): a person
 * tells a manager two colleagues disagree and it starts the workflow; each side states a position
 * from its own responsibilities, Analytics names the numbers that would settle it, and the shared
 * manager decides on record, dissent and follow-ups included.
 */

const post = (text: string, type: string, mentions: string[] = []): ToolCall => ({ tool: 'post_message', input: { text: `${text}\n${REHEARSAL_NOTE}`, mentions, type, priority: 'normal' } });

/** "SEO and the Copywriter disagree on the primary keyword": the two agents named, when a person says they disagree. */
export function disagreementStart(p: TurnPrompt, me: AgentDef, dept: Department, topic: string): Act | null {
  if (!p.incoming.from.startsWith('human:') || p.work?.workflow || !/\bdisagree/i.test(p.incoming.text)) return null;
  const text = p.incoming.text;
  const at = (a: AgentDef) => Math.min(...[a.name, a.handle].map((n) => text.toLowerCase().indexOf(n.toLowerCase())).filter((i) => i >= 0));
  const parties = dept.agents
    .filter((a) => a.id !== me.id && (mentionsPhrase(text, a.handle) || mentionsPhrase(text, a.name)))
    .sort((a, b) => at(a) - at(b)) // in the order the person named them
    .slice(0, 2);
  if (parties.length !== 2) return null;
  const about = /disagree (?:on|about|over) ([^.!?\n]+)/i.exec(text)?.[1]?.trim() ?? topic;
  return { lead: '(rehearsal) Starting the disagreement workflow.', calls: [{ tool: 'start_workflow', input: { workflow: 'disagreement', topic: about, parties: parties.map((a) => a.id) } }] };
}

export function disagreementStepAct(p: TurnPrompt, me: AgentDef, dept: Department): Act | null {
  const text = p.incoming.text;
  const [, label, workflow] = STEP_HEADING.exec(text.split('\n')[0] ?? '') ?? [];
  if (workflow !== 'disagreement') return null;
  if (!label) return null;
  const topic = /“([^”]+)”/.exec(text)?.[1] ?? 'this question';
  if (label === 'First position' || label === 'Second position') {
    const why = relevantResponsibilities(me, topic, 2);
    return act('My position', post(`*Position — ${me.name}:* on “${topic}”, I would decide from my side's priorities: ${why.join('; ')}.\n*Data:* [DATA NEEDED] the figures that back this (past results for the options).`, 'reply'));
  }
  if (label === 'The data') {
    return act('The numbers', post(`*The data on “${topic}”:*\n• Past results for each option: [DATA NEEDED] from the analytics tool\n• Cost per result and the first-week trend for each: [DATA NEEDED]\n• What would settle it: a one-week A/B test if the numbers are close.`, 'deliverable'));
  }
  if (label === 'Decision by the shared manager') {
    const type = /\(type (\w+)\)/.exec(text)?.[1] ?? 'campaign_strategy';
    const sides = [...new Set(p.history.filter((e) => e.text.startsWith('*Position — ')).map((e) => e.from))].filter((id) => dept.byId.has(id));
    const [a, b] = sides.map((id) => dept.byId.get(id)!);
    const actions = sides.filter((id) => me.manages.includes(id)).map((id) => ({ assigned_to: id, action: `Carry out the decision on “${topic}” in your part of the work` }));
    const decision = a && b ? `Go with ${a.name}'s approach, keeping ${b.name}'s concern as a test` : 'Combine both positions';
    return {
      lead: '(rehearsal) Deciding.',
      calls: [
        {
          tool: 'record_decision',
          input: { type, context: `Disagreement on “${topic}”`, decision, reasoning: 'Both positions are sound; the data we have favours one and a small test covers the other.', actions, dissent: b ? `${b.name} preferred its own approach` : undefined },
        },
        post(`*Decision on “${topic}”:* ${decision}. Recorded with the dissent noted${actions.length ? ' and a task for each of you' : ''}. Thanks both.`, 'decision', sides),
      ],
    };
  }
  return null;
}

const act = (what: string, call: ToolCall): Act => ({ lead: `(rehearsal) ${what}.`, calls: [call] });
