/**
 * Splits text into pieces of at most `size` characters, at paragraph or line ends where it can,
 * else at a space, else hard (never inside a surrogate pair, so no emoji is broken in two).
 */
export function splitText(text: string, size: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const paragraph = window.lastIndexOf('\n\n');
    const line = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    let cut = paragraph > size / 2 ? paragraph : line > size / 2 ? line : space > size / 2 ? space : size;
    if (cut === size && isHighSurrogate(rest.charCodeAt(size - 1))) cut--;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
