import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, isMap, isScalar } from 'yaml';

/**
 * "tier (model id): <source comment>" for each model of department.yml: the prices carry their
 * source and date only as YAML comments, which the department's loader drops.
 */
export function priceSources(departmentDir: string): string[] {
  const doc = parseDocument(readFileSync(path.join(departmentDir, 'department.yml'), 'utf8'));
  const models = doc.get('models');
  if (!isMap(models)) return [];
  return models.items.map((tier) => {
    const name = isScalar(tier.key) ? String(tier.key.value) : '?';
    const fields = isMap(tier.value) ? tier.value : null;
    const id = fields?.get('id');
    const comments = (fields?.items ?? []).map((f) => (isScalar(f.key) ? f.key.commentBefore : undefined)).filter((c): c is string => Boolean(c));
    const source = comments.join(' ').replace(/\s+/g, ' ').trim();
    return `${name} (${String(id)}): ${source || 'no source comment'}`;
  });
}
