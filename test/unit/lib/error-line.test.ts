import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { errorLine } from '../../../src/lib/error-line.js';

describe('errorLine', () => {
  it('names the driver\'s error inside drizzle\'s wrapper, without the query or the person\'s text', () => {
    const pgError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const wrapped = new DrizzleQueryError('insert into messages … values ($1)', ['a private message'], pgError);
    expect(wrapped.message).toContain('a private message');
    expect(errorLine(wrapped)).toBe('invalid byte sequence for encoding "UTF8": 0x00 (22021)');
  });

  it('keeps a plain error\'s message and code, and shortens a very long one', () => {
    expect(errorLine(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(errorLine('boom')).toBe('boom');
    expect(errorLine(new Error('x'.repeat(1000))).length).toBeLessThan(310);
  });
});
