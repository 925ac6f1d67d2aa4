/**
 * Slack message timestamps: "seconds.microseconds", used as message ids. One clock per workspace
 * hands out strictly increasing values (never the same twice, even within a millisecond), which
 * makes them unique per channel as Slack's are.
 */
export class TsClock {
  private lastMicros = 0;

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** Never go below a ts already stored (a clock that stepped back, a restart within the same ms). */
  advancePast(ts: string | null | undefined): void {
    if (ts) this.lastMicros = Math.max(this.lastMicros, toMicros(ts));
  }

  next(): string {
    this.lastMicros = Math.max(Math.floor(this.nowMs() * 1000), this.lastMicros + 1);
    return formatTs(this.lastMicros);
  }
}

export function formatTs(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

export function toMicros(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1e6 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** True for a well-formed Slack ts ("1712345678.000100"). */
export const isTs = (value: string): boolean => /^\d{1,12}\.\d{6}$/.test(value);
