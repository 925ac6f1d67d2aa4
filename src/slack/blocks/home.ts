import type { types } from '@slack/bolt';
import type { Department } from '../../department/schema.js';
import type { PublicationRow } from '../../store/publication-store.js';
import type { DecisionRow, TaskRow } from '../../store/work-store.js';
import { literalText } from '../text.js';
import { approvalsHeading, fittedCards, HOME_MAX_BLOCKS, type PendingApprovals } from './approval-list.js';
import { directoryBlocks } from './directory.js';
import { taskListBlocks } from './work-lists.js';

type HomeView = types.HomeView;
type KnownBlock = types.KnownBlock;

/** What one person's Home tab shows besides the directory, read from the records when it is published. */
export interface HomeInput {
  approvals: PendingApprovals;
  /** The department's open tasks, all of them (the tab shows the first HOME_TASKS). */
  tasks: TaskRow[];
  /** One line on top: what the person's last click on the tab did, or why it did nothing. */
  notice?: string | undefined;
  /** The latest decisions and publications, newest first (HOME_RECENT of each). */
  decisions?: DecisionRow[];
  published?: PublicationRow[];
}

/** Latest decisions and publications the tab lists; `/dept decisions` and `/dept published` have the rest. */
export const HOME_RECENT = 5;

/** Open tasks listed on the tab, and the blocks they may take; `/dept tasks` has the rest. */
export const HOME_TASKS = 20;
const TASK_BLOCKS = 4;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const divider: KnownBlock = { type: 'divider' };

/**
 * The App Home tab: how to reach the department, the approvals waiting (as cards with their buttons
 * for an approver, a count and who may decide for anyone else), the open tasks, then the directory
 * with Ask buttons. Always within Slack's 100 blocks: the cards take the room the rest leaves.
 */
export function homeView(department: Department, input: HomeInput): HomeView {
  const [header, , ...directory] = directoryBlocks(department); // its usage hint is said in the intro
  const head = [header!, intro(department), ...(input.notice ? [section(input.notice)] : []), divider];
  const tasks = [divider, ...taskBlocks(department, input.tasks), ...recentBlocks(department, input)];
  const { approvals } = input;
  const cardRoom = approvals.mayDecide && approvals.cards.length > 0 ? 6 : 0; // keep room for one card at least
  const room = HOME_MAX_BLOCKS - head.length - tasks.length - 1 - cardRoom;
  const dir = directory.length <= room ? directory : [...directory.slice(0, room - 1), context('The whole directory: `/dept`')];
  const budget = HOME_MAX_BLOCKS - head.length - tasks.length - dir.length - 1;
  return { type: 'home', blocks: [...head, ...approvalBlocks(approvals, budget), ...tasks, ...dir] };
}

function intro(department: Department): KnownBlock {
  const { channels } = department.file;
  const frontDesk = department.byId.get(department.file.front_desk)?.name ?? 'the front desk';
  return section(
    [
      `${department.agents.length} agents work here as a marketing department. Message the app (the *Messages* tab: ${frontDesk}, the front desk, answers), mention it with a handle (\`@Marketing Dept content …\`), write in a team's channel, or press *Ask* below.`,
      '`/dept tasks` and `/dept decisions` list the tasks and decisions agents have recorded; `/dept approvals` lists the approval requests waiting for a person, as below.',
      '`/dept blog <topic>` (or asking the Content Manager for a blog post) runs the content workflow in a thread: research, draft, review, checks, your approval, publication.',
      `Work that needs a person reaches you as a card, in its thread and in #${channels.approvals} (escalations in #${channels.escalations}); decisions are logged in #${channels.decisions}.`,
      `The daily standup and the weekly, monthly and quarterly meetings run as threads in #${channels.standup} on their schedule; \`/dept standup\` holds today's now.`,
      "`/dept search <words>` finds what the department knows (brand guide, decisions, published work, meetings); `/dept remember <text>` adds to it.",
    ].join('\n'),
  );
}

/** An approver gets the cards, buttons and all; anyone else one line: how many wait and who may decide. */
function approvalBlocks(approvals: PendingApprovals, budget: number): KnownBlock[] {
  if (!approvals.mayDecide) {
    const waiting = approvals.total === 0 ? 'Nothing waits for approval.' : `${approvals.total} approval request${approvals.total === 1 ? '' : 's'} wait${approvals.total === 1 ? 's' : ''} for a decision. ${approvals.whoMay}`;
    return [section(`*Approvals*\n${waiting}`)];
  }
  return [approvalsHeading(approvals, 'Waiting for your decision'), ...fittedCards(approvals.cards, approvals.total, budget)];
}

/** What was decided and published lately, one line each. */
function recentBlocks(department: Department, input: HomeInput): KnownBlock[] {
  const nameOf = (id: string) => (id.startsWith('human:') ? `<@${id.slice(6)}>` : (department.byId.get(id)?.name ?? id));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const decisions = (input.decisions ?? []).map((d) => `• *${literalText(cutLine(d.decision))}* — ${nameOf(d.maker)}, ${day(d.createdAt)}`);
  const published = (input.published ?? []).map((p) => `• *${literalText(cutLine(p.title))}* (${p.contentType.replace(/_/g, ' ')} v${p.version}) — ${nameOf(p.author)}, ${day(p.publishedAt)}`);
  return [
    divider,
    section(`*Latest decisions* (\`/dept decisions\`)\n${decisions.join('\n') || 'None recorded yet.'}`),
    section(`*Latest published* (\`/dept published\`)\n${published.join('\n') || 'Nothing published yet.'}`),
  ];
}

const cutLine = (s: string) => (s.length <= 140 ? s : `${s.slice(0, 139)}…`);

/** The first HOME_TASKS open tasks by owner, in at most TASK_BLOCKS blocks, and where the rest are. */
function taskBlocks(department: Department, all: TaskRow[]): KnownBlock[] {
  const shown = all.slice(0, HOME_TASKS);
  const blocks = taskListBlocks(department, shown, undefined, all.length);
  const cut = blocks.length > TASK_BLOCKS || shown.length < all.length;
  return cut ? [...blocks.slice(0, TASK_BLOCKS), context(`The rest: \`/dept tasks\` (${all.length} open).`)] : blocks;
}
