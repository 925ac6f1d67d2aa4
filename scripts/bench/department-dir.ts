import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';

/**
 * A copy of manifests/ whose budgets no benchmark run can reach, so every mention is answered by
 * an agent (a budget notice is not an answer). Everything else is the department as configured.
 */
export function benchDepartmentDir(source = 'manifests'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dept-bench-'));
  cpSync(source, dir, { recursive: true });
  const file = path.join(dir, 'department.yml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['budgets', 'thread_agent_turns'], 1_000);
  doc.setIn(['budgets', 'thread_spend_usd'], 1_000_000);
  doc.setIn(['budgets', 'daily_spend_usd'], 1_000_000);
  doc.setIn(['budgets', 'agent_daily_spend_usd'], 1_000_000);
  writeFileSync(file, doc.toString());
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
