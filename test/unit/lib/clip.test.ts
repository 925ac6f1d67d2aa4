import { describe, expect, it } from 'vitest';
import { clip } from '../../../src/lib/clip.js';

describe('clip', () => {
  it('keeps a text that fits, and cuts a longer one to max characters ending in an ellipsis', () => {
    expect(clip('short', 5)).toBe('short');
    expect(clip('one two three', 8)).toBe('one two…');
    expect(clip('one two three', 8)).toHaveLength(8);
  });

  it('flat: folds whitespace and newlines into single spaces before measuring', () => {
    expect(clip('  a\n\n b\tc  ', 10, { flat: true })).toBe('a b c');
    expect(clip('line one\nline two', 12, { flat: true })).toBe('line one li…');
    expect(clip('line one\nline two', 30)).toBe('line one\nline two');
  });
});
