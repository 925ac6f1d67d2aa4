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
  /** The longest a whole streamed answer may take (tests shorten it). */
  answerLimitMs?: number | undefined;
}

/** A 32,000-token deliverable at a slow model's pace takes about ten minutes; twice that is a stall. */
export const ANSWER_LIMIT_MS = 20 * 60_000;

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Claude through the official SDK; every failure comes out as a ModelError saying who must act. */
export class ClaudeModel implements ChatModel {
  readonly rehearsal = false;
  readonly label = 'Claude (Anthropic API)';
  private readonly client: Anthropic;
  private readonly baseURL: string;
  private readonly answerLimitMs: number;

  constructor(opts: ClaudeModelOptions) {
    // An explicit baseURL keeps the SDK from consulting ANTHROPIC_BASE_URL or config profiles on its own.
    this.baseURL = opts.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL;
    this.answerLimitMs = opts.answerLimitMs ?? ANSWER_LIMIT_MS;
    this.client = new Anthropic({
      apiKey: opts.apiKey,
      baseURL: this.baseURL,
      maxRetries: opts.maxRetries ?? 2,
      // Until the answer starts streaming (the SDK arms it around the fetch, not the body).
      timeout: opts.timeoutMs ?? 120_000,
    });
  }

  /**
   * Streamed, then read whole: a long deliverable after adaptive thinking can take minutes, and
   * Anthropic advises streaming for long requests rather than holding a silent connection that
   * long (504 timeout_error, https://platform.claude.com/docs/en/api/errors). A whole answer gets
   * ANSWER_LIMIT_MS at most, so a stream that stalls cannot hold its turn forever.
   */
  async create(request: ModelRequest): Promise<ModelResponse> {
    try {
      return await this.client.messages.stream(request, { signal: AbortSignal.timeout(this.answerLimitMs) }).finalMessage();
    } catch (err) {
      throw toModelError(err, { model: request.model, baseURL: this.baseURL });
    }
  }
}
