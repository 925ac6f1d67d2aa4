import type { DepartmentFile } from '../department/schema.js';
import type { ConversationRow } from '../store/store.js';

export type BudgetVerdict = { ok: true } | { ok: false; reason: string; notice: string };

/**
 * Decides whether an agent may take another turn in a thread. Agent-to-agent chains are bounded
 * by turns since the last human message; the thread's total spend by the spend budget; the
 * department's day by the daily budgets.
 */
export function checkBudget(input: {
  conversation: ConversationRow;
  budgets: DepartmentFile['budgets'];
  spentToday: number;
  agentSpentToday: number;
  agentName: string;
}): BudgetVerdict {
  const { conversation: c, budgets: b } = input;
  if (c.agentTurnsSinceHuman >= b.thread_agent_turns) {
    return {
      ok: false,
      reason: 'thread_turn_budget',
      notice: `:octagonal_sign: This thread reached its budget of ${b.thread_agent_turns} agent turns since the last human message, so the agents have stopped here. Reply in the thread to continue.`,
    };
  }
  if (c.spendUsd >= b.thread_spend_usd) {
    return {
      ok: false,
      reason: 'thread_spend_budget',
      notice: `:octagonal_sign: This thread reached its model budget of $${b.thread_spend_usd.toFixed(2)} ($${c.spendUsd.toFixed(2)} spent), so the agents have stopped here. Start a new thread or raise budgets.thread_spend_usd in manifests/department.yml.`,
    };
  }
  if (input.spentToday >= b.daily_spend_usd) {
    return {
      ok: false,
      reason: 'daily_spend_budget',
      notice: `:octagonal_sign: The department reached today's model budget of $${b.daily_spend_usd.toFixed(2)}; agents resume tomorrow (or raise budgets.daily_spend_usd in manifests/department.yml).`,
    };
  }
  if (input.agentSpentToday >= b.agent_daily_spend_usd) {
    return {
      ok: false,
      reason: 'agent_daily_spend_budget',
      notice: `:octagonal_sign: ${input.agentName} reached today's model budget of $${b.agent_daily_spend_usd.toFixed(2)} and will answer again tomorrow.`,
    };
  }
  return { ok: true };
}
