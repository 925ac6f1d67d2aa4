import type { z } from 'zod';
import { commandShape, eventEnvelopeShape, eventShapes, interactiveShapes } from './payload-shapes.js';

export type SlackBody = Record<string, unknown>;

export type BodyVerdict =
  /** An Events API envelope: recorded before Slack gets its 200. */
  | { kind: 'event'; body: SlackBody }
  /** url_verification, ssl_check, a slash command or an interaction: Bolt answers it as usual. */
  | { kind: 'bolt' }
  /** Slack telling us it dropped events for exceeding the rate limit: acknowledged and logged. */
  | { kind: 'rate_limited'; body: SlackBody }
  /** Well signed, but nothing Bolt and our listeners could handle: answered 400. */
  | { kind: 'bad'; why: string };

/**
 * Sorts a verified, parsed request body in the same order Bolt's App.processEvent classifies it
 * (event, command, options, action, shortcut, view), and checks it has the fields they read.
 */
export function checkBody(body: unknown): BodyVerdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'bad', why: `the body is ${describe(body)}, not a JSON object` };
  const b = body as SlackBody;
  if (b.ssl_check === '1' || b.type === 'url_verification') return { kind: 'bolt' };
  if (b.event !== undefined) return checkEvent(b);
  if (b.type === 'app_rate_limited') return { kind: 'rate_limited', body: b };
  if (b.command !== undefined) return verdict(commandShape, b, 'slash command', { kind: 'bolt' });

  const group = interactiveGroup(b);
  if (!group) return { kind: 'bad', why: `not a Slack request this app can classify (type ${describe(b.type)})` };
  const shapes: Record<string, z.ZodType> = interactiveShapes[group];
  const shape = typeof b.type === 'string' && Object.hasOwn(shapes, b.type) ? shapes[b.type] : undefined;
  if (!shape) return { kind: 'bad', why: `an interaction payload of type ${describe(b.type)}` };
  return verdict(shape, b, String(b.type), { kind: 'bolt' });
}

function checkEvent(b: SlackBody): BodyVerdict {
  const envelope = verdict(eventEnvelopeShape, b, 'event envelope', { kind: 'event', body: b });
  if (envelope.kind === 'bad') return envelope;
  const event = b.event as { type: string };
  const shape = Object.hasOwn(eventShapes, event.type) ? eventShapes[event.type] : undefined;
  return shape ? verdict(shape, event, `${event.type} event`, envelope) : envelope;
}

/** Bolt's grouping of interactivity (helpers.getTypeAndConversation), in its order. */
function interactiveGroup(b: SlackBody): keyof typeof interactiveShapes | undefined {
  if (b.name !== undefined || b.type === 'block_suggestion') return 'options';
  if (b.actions !== undefined || b.type === 'dialog_submission') return 'action';
  if (b.type === 'shortcut' || b.type === 'message_action') return 'shortcut';
  if (b.type === 'view_submission' || b.type === 'view_closed') return 'view';
  return undefined;
}

function verdict(shape: z.ZodType, value: unknown, what: string, ok: BodyVerdict): BodyVerdict {
  const result = shape.safeParse(value);
  if (result.success) return ok;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : '(body)';
  return { kind: 'bad', why: `${what}: ${field}: ${issue.message}` };
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
