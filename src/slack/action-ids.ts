/** Every action_id and callback_id the app's Block Kit uses, in one place. */
export const ActionIds = {
  askAgent: 'dept_ask_agent',
  approve: 'dept_approve',
  requestChanges: 'dept_request_changes',
  reject: 'dept_reject',
  readFull: 'dept_read_full',
  escalationApprove: 'dept_escalation_approve',
  escalationRequestChanges: 'dept_escalation_request_changes',
  escalationReject: 'dept_escalation_reject',
  escalationInstruct: 'dept_escalation_instruct',
} as const;

export const CallbackIds = {
  /** The message shortcut "Remember this" (slack-app-manifest.yml features.shortcuts). */
  remember: 'dept_remember',
  askModal: 'dept_ask_modal',
  changesModal: 'dept_changes_modal',
  instructionsModal: 'dept_instructions_modal',
} as const;

export const BlockIds = {
  question: 'dept_question',
  comment: 'dept_comment',
  decision: 'dept_decision',
  escalationDecision: 'dept_escalation_decision',
  instructions: 'dept_instructions',
} as const;

export const DEPT_COMMAND = '/dept';
