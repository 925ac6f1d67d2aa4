/**
 * `text` in at most `max` characters, ending in "…" when it was cut. `flat` folds its whitespace
 * (newlines included) into single spaces first, for a one-line excerpt.
 */
export function clip(text: string, max: number, opts: { flat?: boolean } = {}): string {
  const s = opts.flat ? text.replace(/\s+/g, ' ').trim() : text;
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}
