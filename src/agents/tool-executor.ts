import type Anthropic from '@anthropic-ai/sdk';
import { DECLINE, POST_MESSAGE, declineInput, postMessageInput } from './tools.js';
import type { TurnAction } from './turn-state.js';

export interface ToolRules {
  self: string;
  /** Every agent id that may be mentioned. */
  known: Set<string>;
  /** Agents this one may assign tasks to (its reports, direct or dotted-line). */
  reports: Set<string>;
}

/**
 * Turns the model's tool calls into protocol acts. Bad input goes back to the model as an
 * error tool_result (so it can correct itself) instead of being acted on.
 */
export function executeTools(
  calls: Pick<Anthropic.ToolUseBlockParam, "id" | "name" | "input">[],
  rules: ToolRules,
): { actions: TurnAction[]; results: Anthropic.ToolResultBlockParam[] } {
  const actions: TurnAction[] = [];
  const results: Anthropic.ToolResultBlockParam[] = [];
  const result = (id: string, content: string, isError = false) =>
    results.push({ type: 'tool_result', tool_use_id: id, content, ...(isError ? { is_error: true } : {}) });

  for (const call of calls) {
    if (call.name === POST_MESSAGE) {
      const parsed = postMessageInput.safeParse(call.input);
      if (!parsed.success) {
        result(call.id, `Invalid post_message input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, true);
        continue;
      }
      const input = parsed.data;
      input.mentions = [...new Set(input.mentions.filter((m) => m !== rules.self))];
      const unknown = input.mentions.filter((m) => !rules.known.has(m));
      if (unknown.length > 0) {
        result(call.id, `Unknown agent ids in mentions: ${unknown.join(', ')}. Use ids from the directory.`, true);
        continue;
      }
      const outsideChain = input.type === 'task_assignment' ? input.mentions.filter((m) => !rules.reports.has(m)) : [];
      if (outsideChain.length > 0) {
        result(
          call.id,
          `You can assign tasks only to your reports (${[...rules.reports].join(', ') || 'none'}); ${outsideChain.join(', ')} are not. Send them a request instead.`,
          true,
        );
        continue;
      }
      actions.push({ kind: 'post', input });
      result(call.id, `Posted in the thread${input.mentions.length ? `; notified ${input.mentions.join(', ')}` : ''}.`);
    } else if (call.name === DECLINE) {
      const parsed = declineInput.safeParse(call.input);
      const reason = parsed.success ? parsed.data.reason : 'no reason given';
      actions.push({ kind: 'decline', reason });
      result(call.id, 'Noted: you are not replying.');
    } else {
      result(call.id, `Unknown tool ${call.name}.`, true);
    }
  }
  return { actions, results };
}
