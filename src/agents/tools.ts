import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { KNOWLEDGE_TYPES } from '../knowledge/knowledge-index.js';
import { messageType, priority } from '../protocol/message.js';

/**
 * The protocol acts an agent can perform in a turn, as Anthropic tool definitions.
 * Claude and the rehearsal model both call these by name with these inputs.
 */
export const postMessageInput = z.object({
  text: z.string().min(1),
  mentions: z.array(z.string()).default([]),
  type: messageType.default('reply'),
  priority: priority.default('normal'),
  subject: z.string().optional(),
});
export const declineInput = z.object({ reason: z.string().min(1) });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
export const createTaskInput = z.object({
  title: z.string().min(1).max(300),
  assignee: z.string().min(1),
  description: z.string().max(4000).default(''),
  due_date: isoDate.optional(),
});
export const recordDecisionInput = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case decision type like campaign_strategy'),
  context: z.string().min(1),
  decision: z.string().min(1),
  reasoning: z.string().default(''),
  actions: z.array(z.object({ assigned_to: z.string().min(1), action: z.string().min(1), due_date: isoDate.optional() })).default([]),
  approval_chain: z.array(z.string()).default([]),
  dissent: z.string().optional(),
});

const snakeType = (example: string) => z.string().regex(/^[a-z][a-z0-9_]*$/, `must be a snake_case type like ${example}`);
const urgency = z.enum(['low', 'medium', 'high', 'critical']);
export const submitDeliverableInput = z.object({
  content_type: snakeType('blog_post'),
  title: z.string().min(1).max(300),
  content: z.string().min(1),
  deliverable_id: z.string().min(1).optional(),
  summary: z.string().max(500).optional(),
  urgency: urgency.default('medium'),
  due_date: isoDate.optional(),
  task_id: z.string().min(1).optional(),
  notify: z.array(z.string()).default([]),
});
export const requestApprovalInput = z.object({
  deliverable_id: z.string().min(1),
  summary: z.string().min(1).max(500),
  urgency: urgency.default('medium'),
  due_date: isoDate.optional(),
});
export const TASK_STATUS_VALUES = ['todo', 'in_progress', 'blocked', 'in_review', 'done', 'cancelled'] as const;
export const updateTaskInput = z
  .object({
    task_id: z.string().min(1),
    status: z.enum(TASK_STATUS_VALUES).optional(),
    assignee: z.string().min(1).optional(),
    due_date: isoDate.optional(),
  })
  .refine((t) => t.status || t.assignee || t.due_date, 'give at least one of status, assignee, due_date');
/** Seed §3.4 "When to escalate". */
export const ESCALATION_CATEGORIES = ['conflicting_priorities', 'budget', 'brand_voice', 'legal_compliance', 'crisis', 'strategic_decision', 'other'] as const;
export const escalateInput = z.object({
  category: z.enum(ESCALATION_CATEGORIES),
  to: z.enum(['manager', 'human']).default('manager'),
  issue: z.string().min(1).max(3000),
  attempts_made: z.string().max(2000).default(''),
  urgency: urgency.default('medium'),
  recommendation: z.string().max(2000).default(''),
  impact: z.string().max(2000).default(''),
});

export const reviewDeliverableInput = z.object({
  deliverable_id: z.string().min(1),
  verdict: z.enum(['approve', 'changes_requested']),
  comment: z.string().max(3000).default(''),
});

/** Workflows an agent can start (src/workflows); their coordinator runs them. */
export const WORKFLOW_KINDS = ['content', 'campaign', 'disagreement', 'crisis'] as const;
export const startWorkflowInput = z.object({
  workflow: z.enum(WORKFLOW_KINDS),
  topic: z.string().min(3).max(300),
  content_type: snakeType('blog_post').default('blog_post'),
  /** disagreement: the two agents who disagree. */
  parties: z.array(z.string()).default([]),
  decision_type: snakeType('campaign_strategy').optional(),
});

export type PostMessageInput = z.infer<typeof postMessageInput>;
export type StartWorkflowInput = z.infer<typeof startWorkflowInput>;
export type SubmitDeliverableInput = z.infer<typeof submitDeliverableInput>;
export type RequestApprovalInput = z.infer<typeof requestApprovalInput>;
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;
export type EscalateInput = z.infer<typeof escalateInput>;
export type CreateTaskInput = z.infer<typeof createTaskInput>;
export type RecordDecisionInput = z.infer<typeof recordDecisionInput>;

export const POST_MESSAGE = 'post_message';
export const DECLINE = 'decline';
export const CREATE_TASK = 'create_task';
export const RECORD_DECISION = 'record_decision';
export const SUBMIT_DELIVERABLE = 'submit_deliverable';
export const REQUEST_APPROVAL = 'request_approval';
export const UPDATE_TASK = 'update_task';
export const ESCALATE = 'escalate';
export const REVIEW_DELIVERABLE = 'review_deliverable';
export const START_WORKFLOW = 'start_workflow';
export const SEARCH_KNOWLEDGE = 'search_knowledge';
export const searchKnowledgeInput = z.object({
  query: z.string().min(2).max(500),
  types: z.array(z.enum(KNOWLEDGE_TYPES)).default([]),
});

export function agentTools(mentionable: string[], self?: string): Anthropic.Tool[] {
  const assignable = self ? [self, ...mentionable] : mentionable;
  return [
    {
      name: POST_MESSAGE,
      description:
        'Post a message in this Slack thread as yourself. Only the agents listed in mentions are notified and will act on it, so mention an agent only when you need its work or answer. Do not mention yourself.',
      input_schema: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'The message, in Slack mrkdwn. Do not write @mentions in the text; use mentions.' },
          mentions: { type: 'array', items: { type: 'string', enum: mentionable }, description: 'Agent ids to notify.' },
          type: { type: 'string', enum: messageType.options, description: 'Protocol type of the message.' },
          priority: { type: 'string', enum: priority.options },
          subject: { type: 'string', description: 'One-line subject for task assignments and deliverables.' },
        },
        required: ['text'],
      },
    },
    {
      name: DECLINE,
      description:
        'Say nothing in the thread: use it when the message needs no answer from you (a thank-you, an acknowledgement, work that is not yours).',
      input_schema: {
        type: 'object',
        properties: { reason: { type: 'string', description: 'Why you are not replying (logged, not posted).' } },
        required: ['reason'],
      },
    },
    {
      name: CREATE_TASK,
      description:
        "Record a task in the department's task list (what /dept tasks shows): for yourself, or for one of your reports. Tell the assignee in the thread with post_message as well.",
      input_schema: {
        type: 'object',
        properties: {
          title: { type: 'string', description: 'What is to be done, in a line.' },
          assignee: { type: 'string', enum: assignable, description: 'Agent id of the owner: you, or one of your reports.' },
          description: { type: 'string' },
          due_date: { type: 'string', description: 'YYYY-MM-DD' },
        },
        required: ['title', 'assignee'],
      },
    },
    {
      name: RECORD_DECISION,
      description:
        "Record a decision you made, within your authority (the department's authority matrix): what was decided, why, and the actions it sets (each becomes a task). Decisions you must escalate are refused.",
      input_schema: {
        type: 'object',
        properties: {
          type: { type: 'string', description: 'Decision type from the authority matrix, e.g. blog_post_topics, content_calendar, campaign_strategy.' },
          context: { type: 'string' },
          decision: { type: 'string' },
          reasoning: { type: 'string' },
          actions: {
            type: 'array',
            items: {
              type: 'object',
              properties: { assigned_to: { type: 'string', enum: assignable }, action: { type: 'string' }, due_date: { type: 'string', description: 'YYYY-MM-DD' } },
              required: ['assigned_to', 'action'],
            },
          },
          approval_chain: { type: 'array', items: { type: 'string' } },
          dissent: { type: 'string', description: 'Disagreement noted along the way, if any.' },
        },
        required: ['type', 'context', 'decision'],
      },
    },
    {
      name: SUBMIT_DELIVERABLE,
      description:
        "Deliver a piece of work (a draft, or with deliverable_id its revision): it is posted whole in this thread under your name and kept as a new version. The department's autonomy policy for its content type then applies, and the result tells you which: L4 it is done (an FYI); L3 a person gets an approval card; L2 a person is asked for input; L1 it goes to a person, who leads. Wait for the person's decision before you go on; it reaches you in this thread.",
      input_schema: {
        type: 'object',
        properties: {
          content_type: { type: 'string', description: 'blog_post, campaign_email, daily_social_post, routine_email, strategic_campaign, brand_messaging, crisis_communication, legal, or another snake_case kind (unlisted kinds need a person: L2).' },
          title: { type: 'string' },
          content: { type: 'string', description: 'The whole deliverable, in Markdown.' },
          deliverable_id: { type: 'string', description: 'To submit a revision of one of your deliverables listed under "Work in this thread".' },
          summary: { type: 'string', description: 'What the person is asked, in a line.' },
          urgency: { type: 'string', enum: urgency.options },
          due_date: { type: 'string', description: 'YYYY-MM-DD: when a decision is needed.' },
          task_id: { type: 'string', description: 'The task this delivers, if one is listed.' },
          notify: { type: 'array', items: { type: 'string', enum: mentionable }, description: 'Agents to tell it is delivered (the colleague who asked for it).' },
        },
        required: ['content_type', 'title', 'content'],
      },
    },
    {
      name: REQUEST_APPROVAL,
      description: 'Ask a person to approve the latest version of a deliverable listed under "Work in this thread" even where the policy would not require it (an approval card is posted).',
      input_schema: {
        type: 'object',
        properties: {
          deliverable_id: { type: 'string' },
          summary: { type: 'string', description: 'What the person is asked, in a line.' },
          urgency: { type: 'string', enum: urgency.options },
          due_date: { type: 'string', description: 'YYYY-MM-DD' },
        },
        required: ['deliverable_id', 'summary'],
      },
    },
    {
      name: START_WORKFLOW,
      description:
        "Start the department's procedure for a piece of work in this thread (one per thread). Each step's agent is asked in turn; it posts a plan and keeps it up to date. content: the seed's content creation workflow — keyword research, draft, review with revisions, header image, brand voice and SEO checks, a person's approval at the content type's level, publication, hand-off to Social Media and Email; use it for a blog post, article or other content someone asks for, instead of assigning the pieces yourself. campaign: the seed's campaign launch — Analytics and Market Research input, your strategy proposal, the VP's review and a person's input, then the content, email and social tracks in parallel, a combined review, a person's final approval, the launch checklist and a task per track; use it when someone asks for a campaign or a launch. disagreement: two agents (parties) who disagree state their positions with data, Analytics brings the numbers, and their shared manager decides on record with the dissent noted. crisis: all hands under the CMO — the alert, the data, the CMO's plan, a public statement a person decides (human-led), the social response and a debrief.",
      input_schema: {
        type: 'object',
        properties: {
          workflow: { type: 'string', enum: [...WORKFLOW_KINDS] },
          topic: { type: 'string', description: 'What the work is about, in a line (becomes its working title).' },
          content_type: { type: 'string', description: 'content: blog_post by default; not used by the others.' },
          parties: { type: 'array', items: { type: 'string', enum: assignable }, description: 'disagreement: the two agent ids who disagree.' },
          decision_type: { type: 'string', description: 'disagreement: the authority-matrix decision type the manager decides under.' },
        },
        required: ['workflow', 'topic'],
      },
    },
    {
      name: REVIEW_DELIVERABLE,
      description:
        "Record your review of a colleague's deliverable listed under \"Work in this thread\", where your rank reviews that kind of work (the autonomy policy): approve it, or ask for changes. It is a decision on record (and in the decisions channel), not a person's approval: a person still decides where the policy says so. Tell the author in the thread.",
      input_schema: {
        type: 'object',
        properties: {
          deliverable_id: { type: 'string' },
          verdict: { type: 'string', enum: ['approve', 'changes_requested'] },
          comment: { type: 'string' },
        },
        required: ['deliverable_id', 'verdict'],
      },
    },
    {
      name: UPDATE_TASK,
      description: 'Move a task listed under "Work in this thread" (yours, one you requested, or one of your reports\'): its status, its owner (you or one of your reports), or its due date.',
      input_schema: {
        type: 'object',
        properties: {
          task_id: { type: 'string' },
          status: { type: 'string', enum: [...TASK_STATUS_VALUES] },
          assignee: { type: 'string', enum: assignable },
          due_date: { type: 'string', description: 'YYYY-MM-DD' },
        },
        required: ['task_id'],
      },
    },
    {
      name: ESCALATE,
      description:
        'Escalate (seed 3.4) what you cannot settle: to your manager (posted in this thread, addressed to them), or to a person (an escalation card they answer with buttons or instructions). Use it for decisions the authority matrix says you must escalate.',
      input_schema: {
        type: 'object',
        properties: {
          category: { type: 'string', enum: [...ESCALATION_CATEGORIES] },
          to: { type: 'string', enum: ['manager', 'human'] },
          issue: { type: 'string' },
          attempts_made: { type: 'string' },
          urgency: { type: 'string', enum: urgency.options },
          recommendation: { type: 'string' },
          impact: { type: 'string', description: 'Business impact if not resolved.' },
        },
        required: ['category', 'issue'],
      },
    },
    {
      name: SEARCH_KNOWLEDGE,
      description:
        "Search the department's memory — the brand and style guide, approved and published work, decisions, escalation outcomes, meeting notes, thread summaries, notes people asked it to remember — beyond what is shown under \"Department knowledge\". Returns the best records with their links; link to a record when you use it.",
      input_schema: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'What you are looking for, in plain words.' },
          types: { type: 'array', items: { type: 'string', enum: [...KNOWLEDGE_TYPES] }, description: 'Only these kinds of record (all when left out).' },
        },
        required: ['query'],
      },
    },
  ];
}
