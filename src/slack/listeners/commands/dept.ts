import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import type { PublicationStore } from '../../../store/publication-store.js';
import type { WorkStore } from '../../../store/work-store.js';
import type { ApprovalDesk } from '../../approval-desk.js';
import { approvalsReply } from '../../approvals-reply.js';
import { directoryBlocks } from '../../blocks/directory.js';
import { publicationListBlocks } from '../../blocks/publication-list.js';
import { decisionListBlocks, finishedTaskBlocks, taskListBlocks } from '../../blocks/work-lists.js';
import type { AgentThreads } from '../../start-agent-thread.js';
import { meetingByCommand } from '../../../meetings/meeting-kinds.js';
import type { Meetings } from '../../../meetings/start-meetings.js';
import { meetingListReply, meetingReply, type Permalink } from '../../meeting-replies.js';
import type { KnowledgeBase } from '../../../knowledge/knowledge-base.js';
import { forgetReply, rememberReply, searchReply } from '../../knowledge-replies.js';

/** `/dept blog|campaign|crisis …`: the workflow's lead is asked in words, and starts it. */
const WORKFLOW_COMMANDS: Record<string, { lead: string; leadName: string; name: string; example: string; ask: (what: string) => string }> = {
  blog: { lead: 'content_manager', leadName: 'Content Manager', name: 'content workflow', example: '/dept blog AI costs for small businesses', ask: (w) => `We need a blog post on ${w}` },
  campaign: { lead: 'campaign_manager', leadName: 'Campaign Manager', name: 'campaign launch', example: '/dept campaign Q4 lead generation', ask: (w) => `We need a launch campaign for ${w}` },
  crisis: { lead: 'cmo', leadName: 'CMO', name: 'crisis response', example: '/dept crisis a competitor cut its prices by 40%', ask: (w) => `Crisis: ${w}` },
};

const USAGE =
  'Usage: `/dept` shows the department directory; `/dept <handle> <question>` starts a thread with that agent (e.g. `/dept seo keywords for our AI pricing page`); `/dept tasks [handle]` lists open tasks and what was finished this week; `/dept decisions [words]` finds recorded decisions; `/dept approvals` lists the approval requests waiting for a person; `/dept published [words]` lists the latest publications and where they went; `/dept blog <topic>` asks the Content Manager for a blog post, which runs the content workflow; `/dept campaign <goal>` asks the Campaign Manager for a campaign launch; `/dept crisis <what happened>` raises a crisis with the CMO, who runs the all-hands response; `/dept standup`, `/dept weekly`, `/dept monthly`, `/dept quarterly` hold today\'s meeting of that kind now; `/dept meetings` lists the recent ones; `/dept search <words>` finds what the department knows (brand guide, decisions, published work, meetings, notes); `/dept remember <text>` adds a note every agent draws on; `/dept forget <id>` (approvers) removes a record.';

/** `/dept` — the directory; `/dept <handle> <question>` — a thread with that agent; `/dept tasks`, `/dept decisions`, `/dept approvals`, `/dept published` — the records. */
export const deptCommand =
  (deps: { department: Department; threads: AgentThreads; work: WorkStore; desk: ApprovalDesk; publications: PublicationStore; meetings?: Meetings | undefined; permalink?: Permalink | undefined; knowledge?: KnowledgeBase | undefined }) =>
  async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const text = (command.text ?? '').trim();
    if (text === '') {
      await respond({ response_type: 'ephemeral', text: `${deps.department.file.name} directory`, blocks: directoryBlocks(deps.department) });
      return;
    }
    if (text === 'help') {
      await respond({ response_type: 'ephemeral', text: USAGE });
      return;
    }
    const [first = '', ...rest] = text.split(/\s+/);
    if (first === 'tasks') {
      const owner = rest[0] ? deps.department.byHandle.get(rest[0].replace(/^@/, '').toLowerCase()) : undefined;
      if (rest[0] && !owner) {
        await respond({ response_type: 'ephemeral', text: `I don't know an agent called "${rest[0]}". ${USAGE}` });
        return;
      }
      const [tasks, finished] = await Promise.all([deps.work.openTasks(owner?.id), deps.work.finishedTasks(owner?.id)]);
      const blocks = [...taskListBlocks(deps.department, tasks.slice(0, 100), owner?.id, tasks.length), ...finishedTaskBlocks(deps.department, finished)];
      await respond({ response_type: 'ephemeral', text: `Open tasks (${tasks.length})`, blocks });
      return;
    }
    if (first === 'decisions') {
      const words = rest.join(' ');
      const decisions = await deps.work.searchDecisions(words, 10);
      await respond({ response_type: 'ephemeral', text: `Decisions (${decisions.length})`, blocks: decisionListBlocks(deps.department, decisions, words) });
      return;
    }
    if (first === 'published') {
      const words = rest.join(' ');
      const publications = await deps.publications.latest(words, 10);
      await respond({ response_type: 'ephemeral', text: `Publications (${publications.length})`, blocks: publicationListBlocks(deps.department, publications, words) });
      return;
    }
    if (first === 'approvals') {
      // The same cards the channels get, buttons and all: an approver decides from here too.
      await respond({ response_type: 'ephemeral', ...(await approvalsReply(deps, command.user_id)) });
      return;
    }
    if (first === 'search' || first === 'remember' || first === 'forget') {
      const knowledge = deps.knowledge;
      const words = rest.join(' ');
      const text = !knowledge
        ? "The department's memory is not open in this process."
        : first === 'search'
          ? await searchReply({ department: deps.department, knowledge }, words)
          : first === 'remember'
            ? await rememberReply({ knowledge }, { text: (command.text ?? '').trim().replace(/^remember\s*/, ''), by: command.user_id })
            : await forgetReply({ department: deps.department, knowledge, mayForget: (u) => deps.desk.approvers.may(u), whoMay: () => deps.desk.approvers.whoMay() }, words.trim(), command.user_id);
      await respond({ response_type: 'ephemeral', text });
      return;
    }
    const meeting = meetingByCommand(first);
    if (meeting || first === 'meetings') {
      const meetings = deps.meetings;
      const text = !meetings
        ? 'Meetings are not running in this process.'
        : meeting
          ? await meetingReply({ department: deps.department, meetings, permalink: deps.permalink }, meeting.kind, command.user_id)
          : await meetingListReply({ department: deps.department, meetings, permalink: deps.permalink });
      await respond({ response_type: 'ephemeral', text });
      return;
    }
    const workflow = WORKFLOW_COMMANDS[first];
    if (workflow) {
      // The workflow's lead starts it (start_workflow), in a thread of its own, as if asked in words.
      const what = rest.join(' ').trim();
      const lead = deps.department.byId.get(workflow.lead);
      if (!what || !lead) {
        await respond({ response_type: 'ephemeral', text: lead ? `Say what it is about: \`${workflow.example}\`.` : `This department has no ${workflow.leadName} to run it.` });
        return;
      }
      const started = await deps.threads.start({ agentId: lead.id, userId: command.user_id, channelId: command.channel_id, question: workflow.ask(what) });
      await respond({ response_type: 'ephemeral', text: started.ok ? `Asked ${lead.name} — the ${workflow.name} runs in the new thread.` : started.error });
      return;
    }
    const agent = deps.department.byHandle.get(first.replace(/^@/, '').toLowerCase());
    if (!agent) {
      await respond({ response_type: 'ephemeral', text: `I don't know an agent called "${first}". ${USAGE}` });
      return;
    }
    const result = await deps.threads.start({ agentId: agent.id, userId: command.user_id, channelId: command.channel_id, question: rest.join(' ') });
    await respond({
      response_type: 'ephemeral',
      text: result.ok ? `Started a thread with ${agent.name} — the answer arrives there.` : result.error,
    });
  };
