/**
 * Text as Postgres can store it, with nothing else changed: NUL (which text and jsonb refuse) and
 * lone UTF-16 surrogates (which jsonb refuses and UTF-8 cannot encode) become U+FFFD. Applied at
 * every edge where text enters the store, so odd bytes are replaced, never a reason to drop a message.
 */
export function storableText(text: string): string {
  return (text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text).toWellFormed();
}
