import type { DepartmentFile } from '../department/schema.js';
import type { TurnReservation } from '../store/store.js';

export type BudgetVerdict = { ok: true } | { ok: false; reason: string; notice: string };

/**
 * Says why a turn was not reserved (the claim decides, atomically: reservationCtes). Agent-to-agent chains
 * are bounded by turns since the last human message; the thread's total spend by the spend budget;
 * the department's day by the daily budgets. The figures are from just before the reservation: when
 * none of them is over, turns running at the same moment took the last of the thread's turns.
 */
export function budgetVerdict(r: TurnReservation, budgets: DepartmentFile['budgets'], agentName: string): BudgetVerdict {
  if (r.reserved) return { ok: true };
  const b = budgets;
  if (r.threadSpendUsd >= b.thread_spend_usd) {
    return {
      ok: false,
      reason: 'thread_spend_budget',
      notice: `:octagonal_sign: This thread reached its model budget of $${b.thread_spend_usd.toFixed(2)} ($${r.threadSpendUsd.toFixed(2)} spent), so the agents have stopped here. Start a new thread or raise budgets.thread_spend_usd in manifests/department.yml.`,
    };
  }
  if (r.spentToday >= b.daily_spend_usd) {
    return {
      ok: false,
      reason: 'daily_spend_budget',
      notice: `:octagonal_sign: The department reached today's model budget of $${b.daily_spend_usd.toFixed(2)}; agents resume tomorrow (or raise budgets.daily_spend_usd in manifests/department.yml).`,
    };
  }
  if (r.agentSpentToday >= b.agent_daily_spend_usd) {
    return {
      ok: false,
      reason: 'agent_daily_spend_budget',
      notice: `:octagonal_sign: ${agentName} reached today's model budget of $${b.agent_daily_spend_usd.toFixed(2)} and will answer again tomorrow.`,
    };
  }
  return {
    ok: false,
    reason: 'thread_turn_budget',
    notice: `:octagonal_sign: This thread reached its budget of ${b.thread_agent_turns} agent turns since the last human message, so the agents have stopped here. Reply in the thread to continue.`,
  };
}
