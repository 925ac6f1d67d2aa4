import { invalidArguments, SlackError } from './slack-error.js';

/**
 * A method's arguments, from a form, a JSON body or the query string. Form bodies carry nested
 * objects (blocks, view, metadata) as JSON strings; JSON bodies may carry them either way.
 */
export class Args {
  constructor(private readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    const v = this.raw[name];
    return v !== undefined && v !== null && v !== '';
  }

  string(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }

  required(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw invalidArguments(`missing required field: ${name}`);
    return v;
  }

  bool(name: string): boolean {
    const v = this.raw[name];
    return v === true || v === 'true' || v === '1' || v === 1;
  }

  int(name: string, fallback: number, max: number): number {
    const v = this.string(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw invalidArguments(`invalid value for field: ${name}`);
    return n === 0 ? fallback : Math.min(n, max);
  }

  /** A nested JSON value; `error` is the Slack error code for a malformed one. */
  json(name: string, error = 'invalid_arguments'): unknown {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      throw error === 'invalid_arguments' ? invalidArguments(`${name} must be valid JSON`) : new SlackError(error);
    }
  }

  /** Slack list arguments: "a,b,c". */
  list(name: string): string[] {
    return (this.string(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
}
