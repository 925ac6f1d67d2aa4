import { describe, expect, it } from 'vitest';
import { storableText } from '../../../src/lib/storable-text.js';

describe('storableText', () => {
  it('replaces NUL and lone surrogates with U+FFFD and keeps everything else', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD');
    expect(storableText('emoji 🎉 stays, é too')).toBe('emoji 🎉 stays, é too');
  });
});
