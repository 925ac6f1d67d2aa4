import type { PromptEntry } from '../../agents/turn-prompt.js';
import type { AgentDef } from '../../department/schema.js';
import { specialistWork } from './specialist-work.js';
import { REHEARSAL_NOTE, capFirst, gist, names, relevantResponsibilities } from './text.js';

/**
 * Templated posts of the rehearsal model. They show the shape of the department's work
 * (who asks whom for what) without pretending to be real marketing output.
 */
const lines = (...ls: (string | false | undefined)[]) => [...ls.filter((l): l is string => !!l), REHEARSAL_NOTE].join('\n');

/** "Thanks Dana. Here is…" for a person, "Content Manager, here is…" for a colleague. */
const greet = (incoming: PromptEntry, rest: string) =>
  incoming.from.startsWith('human:') ? `Thanks ${incoming.fromName}. ${capFirst(rest)}` : `${incoming.fromName}, ${rest}`;

/** A manager splitting a request between its reports: one concrete ask per delegate, from its responsibilities. */
export function assignmentText(delegates: AgentDef[], incoming: PromptEntry, topic: string): string {
  const asks = delegates.map((d) => `• *${d.name}*, please send your part here. Scope: ${relevantResponsibilities(d, incoming.text, 2).join('; ')}.`);
  return lines(
    greet(incoming, delegates.length === 1 ? `I'm handing this to ${names(delegates)}.` : `I'm splitting this between ${names(delegates)}.`),
    `*Topic:* ${topic}`,
    ...asks,
    "I'll pull it together once everyone has delivered.",
  );
}

/** An agent answering itself: a deliverable (specialist), a reply (manager, executive) or feedback on a review request. */
export function directText(me: AgentDef, incoming: PromptEntry, topic: string, kind: 'deliverable' | 'reply' | 'feedback'): string {
  const scope = relevantResponsibilities(me, incoming.text, 3);
  if (kind === 'deliverable') {
    // The first line stands alone: it is what a manager's wrap-up quotes.
    const work = specialistWork(me, topic);
    if (work) return lines(work, `First pass from the ${me.title}; tell me what to change and I will revise.`);
    return lines(`Scope covered: ${scope.join('; ')}.`, `*Topic:* ${topic}`, `First pass from the ${me.title}; tell me what to change and I will revise.`);
  }
  if (kind === 'feedback') {
    return lines(greet(incoming, `I reviewed “${topic}” as ${me.title}.`), 'Checked against:', ...scope.map((r) => `• ${r}`), 'Verdict: fine from my side; no blocking changes.');
  }
  const decides = me.authority.decides.slice(0, 2);
  return lines(
    greet(incoming, `here is my view as ${me.title}.`),
    `*Topic:* ${topic}`,
    'How I would approach it:',
    ...scope.map((r) => `• ${r}`),
    decides.length > 0 && `Within my authority: ${decides.join('; ')}.`,
  );
}

const CLOSING: Record<AgentDef['layer'], string> = {
  executive: 'Noted for the record; we move to the next step.',
  management: 'I will review the pieces together and take it from here.',
  specialist: 'All pieces are in.',
};

/** The manager's wrap-up once every delegate has posted: who delivered what. */
export function wrapUpText(me: AgentDef, topic: string, delivered: { agent: AgentDef; entry: PromptEntry }[]): string {
  return lines(
    `Wrap-up on *${topic}*: everyone I asked has delivered.`,
    ...delivered.map(({ agent, entry }) => `• *${agent.name}* (${entry.type.replace('_', ' ')}): ${gist(entry.text)}`),
    `Thanks, ${names(delivered.map((d) => d.agent))}. ${CLOSING[me.layer]}`,
  );
}
