import type { TurnPrompt } from '../../agents/turn-prompt.js';
import type { AgentDef } from '../../department/schema.js';
import { STEP_HEADING } from '../../workflows/step-heading.js';
import type { Act, ToolCall } from './decide.js';
import { draftFor } from './drafts.js';
import { REHEARSAL_NOTE, capFirst } from './text.js';

/*
 * The rehearsal model's part in a crisis (src/workflows/crisis-workflow.ts): a person raises it with
 * the CMO, who starts the all-hands workflow; each step gets work of its shape — the alert's facts,
 * the data that matters (placeholders where numbers are needed), the plan, the statement for a person
 * to decide, the social response, the debrief.
 */

const CRISIS = /\b(crisis|outage|breach|recall|backlash|price drop|scandal)\b/i;
const post = (text: string, type: string): ToolCall => ({ tool: 'post_message', input: { text: `${text}\n${REHEARSAL_NOTE}`, mentions: [], type, priority: 'urgent' } });

/** A person tells the CMO (the top of the org chart) about a crisis: it starts the all-hands workflow. */
export function crisisStart(p: TurnPrompt, me: AgentDef, topic: string): Act | null {
  if (me.reports_to !== 'human' || !p.incoming.from.startsWith('human:') || p.work?.workflow || !CRISIS.test(p.incoming.text)) return null;
  return { lead: '(rehearsal) All hands: starting the crisis workflow.', calls: [{ tool: 'start_workflow', input: { workflow: 'crisis', topic } }] };
}

export function crisisStepAct(p: TurnPrompt, me: AgentDef): Act | null {
  const text = p.incoming.text;
  const [, label, workflow] = STEP_HEADING.exec(text.split('\n')[0] ?? '') ?? [];
  if (workflow !== 'crisis') return null;
  if (!label) return null;
  const topic = /“([^”]+)”/.exec(text)?.[1] ?? 'the situation';
  const act = (call: ToolCall): Act => ({ lead: `(rehearsal) ${label}.`, calls: [call] });
  switch (label) {
    case 'Alert':
      return act(post(`:rotating_light: *Alert:* ${capFirst(topic)}.\n• What happened: as reported; [DATA NEEDED] the primary source.\n• Coverage: [DATA NEEDED] mentions so far, where.\n• What it threatens: our positioning and this week's campaigns.`, 'escalation'));
    case 'What our data says':
      return act(post(`*What our data says about “${topic}”:*\n• Why customers choose us: [DATA NEEDED] the top reason from win/loss notes.\n• At risk: [DATA NEEDED] pipeline in the affected segment.\n• Watch: sentiment and inbound volume, hourly today.`, 'deliverable'));
    case 'The response plan':
      return act(post(`*Response plan — ${capFirst(topic)}:*\n1. Do not react in kind; state the facts and what we are doing.\n2. Director of Communications: the public statement, for a person to decide.\n3. Social Media Manager: watch sentiment now; respond in the statement's words once it is out.\n4. VP of Marketing: debrief by end of day.`, 'decision'));
    case 'Public statement': {
      const revising = /deliverable (dlvb_[0-9a-f]+), now v(\d+)/.exec(text);
      const asked = /as the person said: ([\s\S]*?)\. Submit it/.exec(text)?.[1] ?? '';
      const title = `Statement: ${capFirst(topic)}`;
      if (revising) return act({ tool: 'submit_deliverable', input: { deliverable_id: revising[1], content_type: 'crisis_communication', title, content: draftFor('crisis_communication', capFirst(topic), me, { version: Number(revising[2]) + 1, asked }) } });
      return act({ tool: 'submit_deliverable', input: { content_type: 'crisis_communication', title, content: draftFor('crisis_communication', capFirst(topic), me) } });
    }
    case 'Monitoring':
      return act(post(`*Monitoring:* mentions of “${topic}” are being watched on LinkedIn and X; response posts are drafted and wait for the approved statement.\n*Sentiment so far:* [DATA NEEDED] from the listening tool.`, 'status_update'));
    case 'Social response':
      return act(post(`*Social response:* posted the statement's key line on LinkedIn and X; replying to questions with the statement's words only. Next sentiment check in an hour.`, 'status_update'));
    case 'Debrief':
      return act(post(`*Debrief — ${capFirst(topic)}:* statement approved and out, social response live, sentiment being watched. Next: a customer-facing FAQ if questions keep coming.`, 'status_update'));
    default:
      return null;
  }
}
