import Anthropic from '@anthropic-ai/sdk';
import { toModelError } from './claude-errors.js';
import type { ChatModel, ModelRequest, ModelResponse } from './model.js';

export interface ClaudeModelOptions {
  apiKey: string;
  /** ANTHROPIC_BASE_URL, read by the composition root (the SDK is never left to read env itself). */
  baseURL?: string | undefined;
  /** SDK retries on 408/409/429/5xx with backoff. Tests set 0. */
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
}

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Claude through the official SDK; every failure comes out as a ModelError saying who must act. */
export class ClaudeModel implements ChatModel {
  readonly rehearsal = false;
  readonly label = 'Claude (Anthropic API)';
  private readonly client: Anthropic;
  private readonly baseURL: string;

  constructor(opts: ClaudeModelOptions) {
    // An explicit baseURL keeps the SDK from consulting ANTHROPIC_BASE_URL or config profiles on its own.
    this.baseURL = opts.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL;
    this.client = new Anthropic({
      apiKey: opts.apiKey,
      baseURL: this.baseURL,
      maxRetries: opts.maxRetries ?? 2,
      // A whole deliverable after adaptive thinking can take minutes to write (max_tokens up to twice
      // a tier's max_output_tokens). An explicit timeout also stops the SDK refusing non-streaming
      // calls with a large max_tokens.
      timeout: opts.timeoutMs ?? 10 * 60_000,
    });
  }

  async create(request: ModelRequest): Promise<ModelResponse> {
    try {
      return await this.client.messages.create(request);
    } catch (err) {
      throw toModelError(err, { model: request.model, baseURL: this.baseURL });
    }
  }
}
