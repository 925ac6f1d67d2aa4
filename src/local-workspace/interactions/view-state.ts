import { interactiveElements } from '../shapes/normalize-blocks.js';

type Obj = Record<string, unknown>;
export type StateValues = Record<string, Record<string, unknown>>;
/** What the browser sends: block_id → action_id → the text typed, or the chosen option value(s). */
export type RawInputs = Record<string, Record<string, string | string[] | null | undefined>>;

/** Elements that hold a value (buttons and overflow menus only act). */
const STATELESS = new Set(['button', 'overflow', 'workflow_button']);

function options(element: Obj): Obj[] {
  const flat = Array.isArray(element.options) ? (element.options as Obj[]) : [];
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as Obj[]) : [];
  return [...flat, ...groups.flatMap((g) => (Array.isArray(g.options) ? (g.options as Obj[]) : []))];
}

/** Slack's option shape in state: text and value (description when it has one). */
function option(element: Obj, value: string | undefined): Obj | null {
  if (value === undefined || value === '') return null;
  const found = options(element).find((o) => o.value === value);
  return found ? { text: found.text, value: found.value, ...(found.description ? { description: found.description } : {}) } : null;
}

function stateOf(element: Obj, raw: string | string[] | null | undefined): Obj {
  const type = String(element.type);
  // An emptied field is no value at all, as in Slack's state (value: null).
  const one = (Array.isArray(raw) ? raw[0] : raw) || undefined;
  const many = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(Boolean);
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: option(element, one) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: many.map((v) => option(element, v)).filter(Boolean) };
    case 'datepicker':
      return { type, selected_date: one || null };
    case 'users_select':
      return { type, selected_user: one || null };
    case 'conversations_select':
      return { type, selected_conversation: one || null };
    case 'channels_select':
      return { type, selected_channel: one || null };
    default:
      return { type, value: one ?? null };
  }
}

const isEmpty = (s: Obj) =>
  (s.value ?? s.selected_option ?? s.selected_date ?? s.selected_user ?? s.selected_conversation ?? s.selected_channel ?? null) === null &&
  !(Array.isArray(s.selected_options) && s.selected_options.length > 0);

/**
 * state.values for a view from what the person entered, in Slack's shapes, plus the errors Slack's
 * own client shows before anything is sent (a required input left empty).
 */
export function stateFromInputs(blocks: unknown, raw: RawInputs): { values: StateValues; missing: Record<string, string> } {
  const values: StateValues = {};
  const missing: Record<string, string> = {};
  const inputBlocks = new Map<string, Obj>();
  if (Array.isArray(blocks)) for (const b of blocks as Obj[]) if (b.type === 'input') inputBlocks.set(String(b.block_id), b);
  for (const { blockId, element } of interactiveElements(blocks)) {
    if (STATELESS.has(String(element.type))) continue;
    const actionId = String(element.action_id);
    const state = stateOf(element, raw[blockId]?.[actionId]);
    (values[blockId] ??= {})[actionId] = state;
    const input = inputBlocks.get(blockId);
    if (input && input.optional !== true && isEmpty(state)) missing[blockId] = 'Please complete this required field.';
  }
  return { values, missing };
}

/** After views.update, keep what the person typed into inputs that are still there (as Slack does). */
export function keepState(state: StateValues, blocks: unknown): StateValues {
  const kept: StateValues = {};
  for (const { blockId, element } of interactiveElements(blocks)) {
    const value = state[blockId]?.[String(element.action_id)];
    if (value !== undefined) (kept[blockId] ??= {})[String(element.action_id)] = value;
  }
  return kept;
}
