import type Anthropic from '@anthropic-ai/sdk';

/**
 * Why a turn ended without the model finishing its answer. Each is reported in the thread by what
 * it means to the people there — never recorded as a quiet "declined: no answer".
 */
export type TurnStop =
  /** The answer ran past max_tokens even after one retry with twice the room. */
  | { reason: 'max_tokens'; limit: number }
  /** Claude's safety system declined the request (stop_details.category names the policy when known). */
  | { reason: 'refusal'; category: string | null }
  /** The prompt no longer fits the model's context window. */
  | { reason: 'context_window' }
  /** The model kept pausing its turn (pause_turn) until the step limit. */
  | { reason: 'paused' };

/** What the turn does after a model call, judged by its stop_reason alone. */
export type StopVerdict =
  | { next: 'act' } // end_turn, tool_use, stop_sequence: run the tools the call asked for
  | { next: 'continue' } // pause_turn: send the paused answer back as it is and call again
  | { next: 'raise_limit' } // max_tokens: ask again with more room
  | { next: 'stop'; stop: TurnStop };

export function judgeStop(response: Pick<Anthropic.Message, 'stop_reason' | 'stop_details'>, maxTokens: number, canRaise: boolean): StopVerdict {
  switch (response.stop_reason) {
    case 'pause_turn':
      return { next: 'continue' };
    case 'max_tokens':
      return canRaise ? { next: 'raise_limit' } : { next: 'stop', stop: { reason: 'max_tokens', limit: maxTokens } };
    case 'refusal':
      return { next: 'stop', stop: { reason: 'refusal', category: response.stop_details?.category ?? null } };
    case 'model_context_window_exceeded':
      return { next: 'stop', stop: { reason: 'context_window' } };
    default:
      return { next: 'act' };
  }
}

/** The thread notice for a stopped turn: what happened and what the person can do. */
export function stopNotice(stop: TurnStop, ctx: { agentName: string; tier: string }): string {
  switch (stop.reason) {
    case 'max_tokens':
      return `:warning: ${ctx.agentName}'s answer ran past its output limit (${stop.limit} tokens, thinking included) and was not posted. Ask for it in shorter parts, or raise models.${ctx.tier}.max_output_tokens in manifests/department.yml.`;
    case 'refusal':
      return `:no_entry: ${ctx.agentName} could not take this on: Claude declined the request${stop.category ? ` (policy category: ${stop.category})` : ''}. Rephrase it, or have a person handle it.`;
    case 'context_window':
      return `:warning: This thread has grown past what ${ctx.agentName}'s model can read at once, so it could not answer. Start a new thread with a summary of what matters.`;
    case 'paused':
      return `:warning: ${ctx.agentName} kept pausing mid-answer and ran out of steps without finishing. Ask again, perhaps in smaller pieces.`;
  }
}
