import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/**
 * A copy of manifests/ whose daily spend budgets cannot trip: hundreds of rehearsal turns in one
 * day would otherwise end in budget notices instead of answers, and the harness counts answers.
 * Per-thread budgets stay as configured (each event is its own thread with one turn).
 */
export function departmentWithRoomyBudgets(source = 'manifests'): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-department-'));
  cpSync(source, dir, { recursive: true });
  const file = join(dir, 'department.yml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['budgets', 'daily_spend_usd'], 1_000_000);
  doc.setIn(['budgets', 'agent_daily_spend_usd'], 1_000_000);
  writeFileSync(file, doc.toString());
  return dir;
}
