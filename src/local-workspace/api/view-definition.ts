import { normalizeBlocks } from '../shapes/normalize-blocks.js';
import type { Args } from './args.js';
import { invalidArguments } from './slack-error.js';

/** The `view` argument, checked for its type (modal / home), with block and action ids filled in. */
export function viewDefinition(args: Args, type: 'modal' | 'home'): Record<string, unknown> {
  const view = args.json('view');
  if (view === undefined) throw invalidArguments('missing required field: view');
  if (typeof view !== 'object' || view === null || Array.isArray(view)) throw invalidArguments('view must be an object');
  const v = view as Record<string, unknown>;
  if (v.type !== type) throw invalidArguments(`view.type must be "${type}"`);
  if (type === 'modal' && !isText(v.title)) throw invalidArguments('a modal needs a plain_text title');
  const blocks = normalizeBlocks(v.blocks ?? [], 100);
  if (!blocks) throw invalidArguments('view.blocks must be an array of blocks, each with a type');
  if (type === 'modal' && blocks.some((b) => b.type === 'input') && !isText(v.submit)) throw invalidArguments('a modal with input blocks needs a submit button');
  return { ...v, blocks };
}

const isText = (t: unknown): boolean => typeof t === 'object' && t !== null && typeof (t as { text?: unknown }).text === 'string';
