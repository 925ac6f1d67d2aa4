import { shortId } from '../ids.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Elements that act (and so need an action_id); images and text objects don't. */
const NOT_INTERACTIVE = new Set(['image', 'plain_text', 'mrkdwn']);

function withActionId(element: unknown): unknown {
  if (!isObj(element) || typeof element.type !== 'string' || NOT_INTERACTIVE.has(element.type)) return element;
  return element.action_id ? element : { ...element, action_id: shortId() };
}

/**
 * Checks Block Kit loosely (an array of objects with a type) and fills in what Slack fills in:
 * a block_id on every block and an action_id on every interactive element, so payloads and
 * state.values can always name them. Returns undefined when the blocks are not Block Kit.
 */
export function normalizeBlocks(blocks: unknown, max = 100): Obj[] | undefined {
  if (!Array.isArray(blocks) || blocks.length > max) return undefined;
  const out: Obj[] = [];
  for (const block of blocks) {
    if (!isObj(block) || typeof block.type !== 'string') return undefined;
    const b: Obj = { ...block, block_id: typeof block.block_id === 'string' && block.block_id ? block.block_id : shortId() };
    if (b.type === 'actions' && Array.isArray(b.elements)) b.elements = b.elements.map(withActionId);
    if (b.type === 'section' && b.accessory) b.accessory = withActionId(b.accessory);
    if (b.type === 'input' && b.element) b.element = withActionId(b.element);
    out.push(b);
  }
  return out;
}

/** Every interactive element with its block: what a click or a submitted input refers to. */
export function interactiveElements(blocks: unknown): { blockId: string; element: Obj }[] {
  if (!Array.isArray(blocks)) return [];
  const found: { blockId: string; element: Obj }[] = [];
  for (const block of blocks) {
    if (!isObj(block)) continue;
    const blockId = String(block.block_id ?? '');
    const elements = block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [block.accessory, block.element];
    for (const e of elements) if (isObj(e) && typeof e.action_id === 'string') found.push({ blockId, element: e });
  }
  return found;
}
