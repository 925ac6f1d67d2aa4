import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeRecord } from './knowledge-index.js';

/** Where the department's brand and style guide lives: Markdown files, one record per `##` section. */
export const KNOWLEDGE_DIR = 'knowledge';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The guide's records: each `##` section of each Markdown file in manifests/knowledge/ (the text
 * before the first one introduces the file and is left out). Ids name the file and the section,
 * so an edited section replaces its record and a removed one can be found and forgotten.
 */
export function guideRecords(departmentDir: string): KnowledgeRecord[] {
  const dir = join(departmentDir, KNOWLEDGE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((file) => {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const fileTitle = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? file.replace(/\.md$/, '');
      const createdAt = statSync(path).mtime;
      return text
        .split(/^## /m)
        .slice(1)
        .map((section) => {
          const [heading = '', ...body] = section.split('\n');
          return {
            id: `brand:${file}#${slug(heading)}`,
            type: 'brand' as const,
            title: `${fileTitle} — ${heading.trim()}`,
            text: body.join('\n').trim(),
            source: `manifests/${KNOWLEDGE_DIR}/${file}`,
            createdAt,
            permalink: null,
            conversationId: null,
          };
        })
        .filter((r) => r.text.length > 0);
    });
}
