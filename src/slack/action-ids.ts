/** Every action_id and callback_id the app's Block Kit uses, in one place. */
export const ActionIds = {
  askAgent: 'dept_ask_agent',
} as const;

export const CallbackIds = {
  askModal: 'dept_ask_modal',
} as const;

export const BlockIds = {
  question: 'dept_question',
} as const;

export const DEPT_COMMAND = '/dept';
