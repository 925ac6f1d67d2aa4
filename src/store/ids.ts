import { randomUUID } from 'node:crypto';

/** Prefixed random ids: readable in logs, unique across processes. */
export const newId = (prefix: 'conv' | 'msg' | 'dlv' | 'llm'): string => `${prefix}_${randomUUID().replace(/-/g, '')}`;
