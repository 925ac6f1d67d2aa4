import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { MeetingKind } from './meeting-kinds.js';

/*
 * What an attendee and a meeting's lead are given: the meeting's ask and the records (a fact sheet
 * per attendee; the updates and the meeting's data for the lead), between marker lines that the
 * rehearsal model reads back (src/llm/rehearsal/meeting-acts.ts), so offline it works from the
 * same facts.
 */

export const RECORD_MEETING_OUTCOME = 'record_meeting_outcome';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
export const meetingOutcomeInput = z.object({
  summary: z.string().min(1).max(3000),
  decisions: z.array(z.object({ decision: z.string().min(3).max(500), reasoning: z.string().max(2000).default('') })).max(10).default([]),
  action_items: z.array(z.object({ assignee: z.string().min(1), action: z.string().min(3).max(300), due_date: isoDate.optional() })).max(20).default([]),
});
export type MeetingOutcome = z.infer<typeof meetingOutcomeInput>;

export const meetingOutcomeTool = (agentIds: string[]): Anthropic.Tool => ({
  name: RECORD_MEETING_OUTCOME,
  description:
    "Records how the meeting you lead ends: the summary posted to the thread, the decisions (stored as the department's decision records) and the action items (each becomes a task for its owner). Call it once.",
  input_schema: {
    type: 'object',
    properties: {
      summary: { type: 'string', description: 'What a person reads in one minute: what the department did and will do. Slack mrkdwn.' },
      decisions: {
        type: 'array',
        items: { type: 'object', properties: { decision: { type: 'string' }, reasoning: { type: 'string' } }, required: ['decision'] },
      },
      action_items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { assignee: { type: 'string', enum: agentIds }, action: { type: 'string' }, due_date: { type: 'string', description: 'YYYY-MM-DD' } },
          required: ['assignee', 'action'],
        },
      },
    },
    required: ['summary'],
  },
});

/** One attendee's update, as posted, for the lead's closing. */
export interface PostedUpdate {
  agentId: string;
  name: string;
  text: string;
}

const UPDATE = /^=== MEETING UPDATE for (\S+) — (\S+) (\d{4}-\d{2}-\d{2})$/m;
const CLOSING = /^=== MEETING CLOSING for (\S+) — (\S+) (\d{4}-\d{2}-\d{2})$/m;
const DATA = /<meeting-data>\n([\s\S]*?)\n<\/meeting-data>/;
const END = '=== END';

export function updatePrompt(p: { agentId: string; kind: MeetingKind; localDate: string; ask: string; facts: string }): string {
  return [`=== MEETING UPDATE for ${p.agentId} — ${p.kind} ${p.localDate}`, p.ask, '', p.facts, END].join('\n');
}

/** The lead's closing: its ask, every update as posted, and the meeting's data as JSON (the rehearsal model's source). */
export function closingPrompt(p: { agentId: string; kind: MeetingKind; localDate: string; ask: string; opening: string; updates: PostedUpdate[]; data: unknown }): string {
  return [
    `=== MEETING CLOSING for ${p.agentId} — ${p.kind} ${p.localDate}`,
    p.ask,
    '',
    'The meeting opened with:',
    p.opening,
    '',
    'The updates, as posted:',
    ...p.updates.map((u) => `--- ${u.name} (${u.agentId})\n${u.text}`),
    '',
    "The meeting's records:",
    `<meeting-data>\n${JSON.stringify(p.data)}\n</meeting-data>`,
    END,
  ].join('\n');
}

export type MeetingPrompt =
  | { mode: 'update'; agentId: string; kind: string; localDate: string; text: string }
  | { mode: 'closing'; agentId: string; kind: string; localDate: string; text: string; data: unknown };

/** A meeting prompt read back (the rehearsal model); null for any other text. */
export function parseMeetingPrompt(text: string): MeetingPrompt | null {
  const u = UPDATE.exec(text);
  if (u) return { mode: 'update', agentId: u[1]!, kind: u[2]!, localDate: u[3]!, text };
  const c = CLOSING.exec(text);
  if (!c) return null;
  const raw = DATA.exec(text)?.[1];
  let data: unknown = null;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    data = null;
  }
  return { mode: 'closing', agentId: c[1]!, kind: c[2]!, localDate: c[3]!, text, data };
}
