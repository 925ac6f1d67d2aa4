/**
 * Agents often write Markdown (a blog post with ## headings and **bold**), which Slack's mrkdwn
 * shows as literal marks. The common forms become mrkdwn: **bold** / __bold__ → *bold*,
 * ~~struck~~ → ~struck~, # headings → a bold line, [text](url) → <url|text>, "- " and "* " items →
 * "• ". Code (``` fences and `inline`) is left as written; mrkdwn that is already mrkdwn
 * (*bold*, _italic_, <url|text>) passes unchanged.
 */
export function mrkdwnFromMarkdown(text: string): string {
  return text
    .split(/(```[\s\S]*?```)/g)
    .map((part, i) => (i % 2 === 1 ? part : convertProse(part)))
    .join('');
}

function convertProse(text: string): string {
  return text
    .split(/(`[^`\n]*`)/g)
    .map((part, i) => (i % 2 === 1 ? part : convertInline(convertLines(part))))
    .join('');
}

function convertLines(text: string): string {
  return text
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm, (_m, title: string) => `*${title.replace(/\*\*/g, '')}*`)
    .replace(/^([ \t]*)[-*][ \t]+(?=\S)/gm, '$1• ');
}

function convertInline(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*/g, '*$1*')
    .replace(/(^|[^\w])__(?=\S)([^_\n]+?)(?<=\S)__(?!\w)/g, '$1*$2*')
    .replace(/~~(?=\S)([^~\n]+?)(?<=\S)~~/g, '~$1~')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '<$2|$1>');
}
