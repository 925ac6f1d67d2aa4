import { randomUUID } from 'node:crypto';

/**
 * Prefixed random ids: readable in logs, unique across processes. dlv is a delivery; dlvb a
 * deliverable (blog post, email …).
 */
export const newId = (prefix: 'conv' | 'msg' | 'dlv' | 'llm' | 'task' | 'dlvb' | 'apr' | 'dec' | 'esc' | 'card' | 'wf' | 'pub'): string => `${prefix}_${randomUUID().replace(/-/g, '')}`;
