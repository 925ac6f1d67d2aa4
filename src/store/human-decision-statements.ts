import { sql, type SQL } from 'drizzle-orm';
import { newId } from './ids.js';

/**
 * A person's decision (an approval card's button, an escalation's answer) as ONE statement: the
 * request leaves its open state only if it is still open — so a double click or two approvers at
 * once decide once — and in the same commit the decision is recorded (seed 3.3), the thread's turn
 * budget resets (a person spoke), and the author agent gets a message in the thread with a pending
 * delivery. The author hears of it even if this process dies right after (the sweeper publishes
 * pending deliveries), and after a restart between the card and the click (nothing is in memory).
 */
export interface HumanDecisionInput {
  id: string;
  /** Slack user id of the person deciding. */
  by: string;
  state: string;
  comment: string | null;
  /** The seed 3.3 record of it. */
  record: { type: string; context: string; decision: string; reasoning: string; approvalChain: string[] };
  /** What the author agent reads in the thread (also posted there for people). */
  message: { text: string; to: string };
}

export interface HumanDecisionIds {
  decisionId: string;
  messageId: string;
  deliveryId: string;
}

/** Decides an approval request that is still pending; `decided` is null when it was not. */
export function approvalDecisionStatement(input: HumanDecisionInput, ids: HumanDecisionIds): SQL {
  const decided = sql`
    update approval_requests set state = ${input.state}, decided_by = ${input.by}, decided_at = now(), comment = ${input.comment}
    where id = ${input.id} and state = 'pending'
    returning id, conversation_id, requested_by, workflow_run_id`;
  return decisionStatement(decided, input, ids);
}

/** Resolves an escalation that is still open, with how (approved, changes_requested, rejected, instructed). */
export function escalationDecisionStatement(input: HumanDecisionInput, ids: HumanDecisionIds): SQL {
  const decided = sql`
    update escalations set state = 'resolved', outcome = ${input.state}, resolved_by = ${input.by}, resolved_at = now(), resolution = ${input.comment}
    where id = ${input.id} and state = 'open'
    returning id, conversation_id, from_agent as requested_by, workflow_run_id`;
  return decisionStatement(decided, input, ids);
}

function decisionStatement(decided: SQL, input: HumanDecisionInput, ids: HumanDecisionIds): SQL {
  const maker = `human:${input.by}`;
  return sql`
    with decided as (${decided}
    ), place as (
      select d.conversation_id, c.channel_id, c.thread_ts from decided d join conversations c on c.id = d.conversation_id
    ), recorded as (
      insert into decisions (id, maker, type, context, decision, reasoning, approval_chain, escalated, conversation_id)
      select ${ids.decisionId}, ${maker}, ${input.record.type}, ${input.record.context}, ${input.record.decision}, ${input.record.reasoning},
             array(select jsonb_array_elements_text(${JSON.stringify(input.record.approvalChain)}::jsonb)), ${input.record.type === 'escalation_resolution'},
             (select conversation_id from decided)
      from decided
      returning id
    ), spoke as (
      update conversations set agent_turns_since_human = 0, budget_notice_at = null
      where id = (select conversation_id from place)
      returning 1
    ), msg as (
      insert into messages (id, conversation_id, channel_id, author_kind, author_id, to_agents, type, text)
      select ${ids.messageId}, place.conversation_id, place.channel_id, 'human', ${input.by}, array[${input.message.to}]::text[], 'decision', ${input.message.text}
      from place
      returning id
    ), asked as (
      -- A workflow's request resumes the workflow, which asks the author itself.
      insert into deliveries (id, message_id, conversation_id, agent_id, status)
      select ${ids.deliveryId}, msg.id, place.conversation_id, ${input.message.to}, 'pending'
      from msg, place
      where (select workflow_run_id from decided) is null
      returning id
    )
    select exists (select 1 from decided) as decided,
           (select channel_id from place) as channel_id, (select thread_ts from place) as thread_ts,
           (select id from asked) as delivery_id,
           (select conversation_id from decided) as conversation_id, (select workflow_run_id from decided) as workflow_run_id`;
}

export function newDecisionIds(): HumanDecisionIds {
  return { decisionId: newId('dec'), messageId: newId('msg'), deliveryId: newId('dlv') };
}
