import { DEPT_EVENT_TYPE, type ProtocolMessage } from '../protocol/message.js';

type PayloadValue = string | number | boolean;

/**
 * The protocol record as Slack message metadata: the compact, flat fields that identify it
 * (the full record lives in Postgres). Flat scalar values only — Slack's recommended payload
 * shape and what @slack/types accepts — so `to` is comma-joined ("copywriter,seo_specialist").
 */
export function protocolMetadata(p: ProtocolMessage, rehearsal: boolean): { event_type: string; event_payload: Record<string, PayloadValue> } {
  const payload: Record<string, PayloadValue> = {
    id: p.id,
    from: p.from,
    to: p.to.join(','),
    type: p.type,
    priority: p.priority,
    required_response: p.required_response,
  };
  if (p.response_by) payload.response_by = p.response_by;
  if (p.context.project) payload.project = p.context.project;
  if (p.context.deadline) payload.deadline = p.context.deadline;
  if (p.model) payload.model = p.model;
  if (rehearsal) payload.rehearsal = true;
  return { event_type: DEPT_EVENT_TYPE, event_payload: payload };
}
