import { storableText } from '../../lib/storable-text.js';

/**
 * A row as Postgres can store it: every string in it, also inside JSON columns (blocks,
 * attachments, metadata, views), with NUL and lone surrogates replaced (U+FFFD). Text and jsonb
 * refuse them, and a message must not fail for an odd character, from a person or from the app.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)])) as T;
  }
  return value;
}
