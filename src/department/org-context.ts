import type { AgentDef, Department } from './schema.js';

/**
 * The static system prompt of one agent: shared preamble, role prompt, a generated picture of
 * the organisation, decision authority and voice. Built only from configuration and in a fixed
 * order, so the same department yields byte-identical text and the prompt cache keeps hitting.
 * Per-turn material (thread history, retrieved knowledge) belongs in the user message instead.
 */
export function systemPromptFor(department: Department, agentId: string): string {
  const agent = department.byId.get(agentId);
  if (!agent) throw new Error(`systemPromptFor: unknown agent "${agentId}"`);
  return [
    department.preamble,
    `# Your role: ${agent.title}\n\n${agent.prompt}\n\nYour standing responsibilities:\n${bullets(agent.responsibilities)}`,
    orgSection(department, agent),
    authoritySection(department, agent),
    styleSection(agent),
  ].join('\n\n');
}

const bullets = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : '- (none)');
const ref = (a: AgentDef) => `${a.name} (\`${a.id}\`)`;

function orgSection(d: Department, me: AgentDef): string {
  const get = (id: string) => d.byId.get(id)!;
  const manager = me.reports_to === 'human' ? 'the human executive team (you are the top of the department)' : ref(get(me.reports_to));
  const peers = d.agents.filter((a) => a.id !== me.id && a.reports_to === me.reports_to);
  const lines = [
    `# Your place in the department (${d.file.name})`,
    `You are ${me.name} (id \`${me.id}\`, handle @${me.handle})${me.title === me.name ? '' : `, ${me.title}`}, in the ${me.layer} layer.`,
    `- You report to: ${manager}.`,
  ];
  if (me.also_reports_to.length) lines.push(`- You also take work from (dotted line): ${me.also_reports_to.map((id) => ref(get(id))).join(', ')}.`);
  lines.push(`- You manage: ${me.manages.length ? me.manages.map((id) => ref(get(id))).join(', ') : 'nobody directly'}.`);
  lines.push(`- Your peers (same manager): ${peers.length ? peers.map(ref).join(', ') : 'none'}.`);
  if (me.home_channels.length) lines.push(`- Your home channels: ${me.home_channels.map((c) => `#${c}`).join(', ')}.`);
  const ch = d.file.channels;
  lines.push(
    `- Department channels: standups in #${ch.standup}, approvals in #${ch.approvals}, escalations in #${ch.escalations}, decisions in #${ch.decisions}.`,
    '',
    'Directory of the department (mention an agent by its id; indentation shows who reports to whom):',
    ...directory(d),
  );
  return lines.join('\n');
}

/** The org chart as an indented tree from the top down; dotted lines are noted, not repeated. */
function directory(d: Department): string[] {
  const out: string[] = [];
  const walk = (a: AgentDef, depth: number) => {
    const dotted = a.also_reports_to.length ? ` (also works for ${a.also_reports_to.join(', ')})` : '';
    const title = a.title === a.name ? '' : `, ${a.title}`;
    out.push(`${'  '.repeat(depth)}- \`${a.id}\`: ${a.name}${title}, @${a.handle}${dotted}: ${a.role}`);
    for (const child of d.agents.filter((c) => c.reports_to === a.id)) walk(child, depth + 1);
  };
  for (const top of d.agents.filter((a) => a.reports_to === 'human')) walk(top, 0);
  return out;
}

function authoritySection(d: Department, me: AgentDef): string {
  const autonomy = Object.entries(d.file.autonomy.content).map(([kind, row]) => `${kind} ${row.level}`);
  return [
    '# Your decision authority',
    `You decide:\n${bullets(me.authority.decides)}`,
    `You consult before deciding:\n${bullets(me.authority.consults)}`,
    `You escalate (up your reporting line, in the escalation format):\n${bullets(me.authority.escalates)}`,
    ...(autonomy.length
      ? [`Human involvement by kind of work (L4 act then inform, L3 one-click human approval, L2 work it out with humans, L1 humans decide): ${autonomy.join(', ')}.`]
      : []),
  ].join('\n\n');
}

function styleSection(me: AgentDef): string {
  return [
    '# How you communicate',
    `Tone: ${me.style.tone}. Style: ${me.style.style}.`,
    `A message in your voice: "${me.style.example}"`,
  ].join('\n');
}
