import { sql } from 'drizzle-orm';

/**
 * Every request for a person's verdict on a deliverable version, as one relation: approval requests,
 * and the escalations that carry human-led (L1) drafts. state is pending, approved,
 * changes_requested, rejected, expired (superseded or withdrawn) or instructed; decided_at is when a person answered.
 */
export const reviewsSql = sql`(
  select a.id, a.deliverable_id, a.version, a.state, a.decided_at, a.created_at, a.requested_by, a.comment, a.conversation_id
  from approval_requests a
  union all
  select e.id, e.deliverable_id, e.version,
         case e.state when 'open' then 'pending' when 'withdrawn' then 'expired' else coalesce(e.outcome, 'instructed') end,
         e.resolved_at, e.created_at, e.from_agent, e.resolution, e.conversation_id
  from escalations e where e.deliverable_id is not null
)`;
