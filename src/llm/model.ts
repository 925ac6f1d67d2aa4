import type Anthropic from '@anthropic-ai/sdk';

/** We speak Anthropic's Messages API shapes everywhere, so the rehearsal model and Claude are interchangeable. */
export type ModelRequest = Anthropic.MessageCreateParamsNonStreaming;
export type ModelResponse = Anthropic.Message;
export type ModelUsage = Anthropic.Usage;

export interface ChatModel {
  /** True for the offline rehearsal model: everything it writes is labelled as such. */
  readonly rehearsal: boolean;
  /** Human-readable name for logs and labels. */
  readonly label: string;
  create(request: ModelRequest): Promise<ModelResponse>;
}

export const REHEARSAL_MODEL_ID = 'rehearsal-offline';
export const REHEARSAL_LABEL = 'Rehearsal model (offline, not Claude)';
