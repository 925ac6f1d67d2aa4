import type { Department } from '../department/schema.js';
import type { MessageRow } from '../store/store.js';
import type { PromptEntry } from './turn-prompt.js';

/** A stored message as the agent reads it in its prompt. */
export function toPromptEntry(m: MessageRow, department: Department): PromptEntry {
  if (m.authorKind === 'agent') {
    return { from: m.authorId, fromName: department.byId.get(m.authorId)?.name ?? m.authorId, to: m.toAgents, type: m.type, text: m.text };
  }
  if (m.authorKind === 'system') return { from: 'department', fromName: 'Department notice', to: [], type: 'system', text: m.text };
  return { from: `human:${m.authorId}`, fromName: `<@${m.authorId}>`, to: m.toAgents, type: m.type, text: m.text };
}
