import { randomUUID } from 'node:crypto';

/**
 * Prefixed random ids: readable in logs, unique across processes. dlv is a delivery; dlvb a
 * deliverable (blog post, email …); mtg a meeting.
 */
export const newId = (prefix: 'conv' | 'msg' | 'dlv' | 'llm' | 'task' | 'dlvb' | 'apr' | 'dec' | 'esc' | 'card' | 'wf' | 'pub' | 'mtg'): string => `${prefix}_${randomUUID().replace(/-/g, '')}`;
