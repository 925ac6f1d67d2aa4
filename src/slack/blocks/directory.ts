import type { types } from '@slack/bolt';
import type { AgentDef, Department, Layer } from '../../department/schema.js';
import { ActionIds } from '../action-ids.js';

type KnownBlock = types.KnownBlock;

const LAYERS: { layer: Layer; title: string }[] = [
  { layer: 'executive', title: 'Executive' },
  { layer: 'management', title: 'Management' },
  { layer: 'specialist', title: 'Specialists' },
];

const iconOf = (a: AgentDef) => ('emoji' in a.icon ? a.icon.emoji : ':bust_in_silhouette:');

/** The department directory `/dept` shows: the org chart by layer, each agent with an Ask button. */
export function directoryBlocks(department: Department): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: department.file.name } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Ask anyone below, or write `/dept <handle> <question>`. In threads, mention the app with a handle: `@Marketing Dept seo …`' }],
    },
  ];
  for (const { layer, title } of LAYERS) {
    const agents = department.agents.filter((a) => a.layer === layer);
    if (agents.length === 0) continue;
    blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: title } });
    for (const agent of agents) blocks.push(agentSection(agent, department));
  }
  return blocks;
}

function agentSection(agent: AgentDef, department: Department): KnownBlock {
  const manager = agent.reports_to === 'human' ? 'the executive team' : (department.byId.get(agent.reports_to)?.name ?? agent.reports_to);
  const home = agent.home_channels.map((c) => `#${c}`).join(', ') || 'no home channel';
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `${iconOf(agent)} *${agent.name}*  \`${agent.handle}\`\n${agent.role}\n_Reports to ${manager} · ${home}_`,
    },
    accessory: {
      type: 'button',
      action_id: ActionIds.askAgent,
      text: { type: 'plain_text', text: 'Ask' },
      value: agent.id,
      accessibility_label: `Ask ${agent.name}`,
    },
  };
}
