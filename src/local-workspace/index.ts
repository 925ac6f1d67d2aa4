/** The local workspace: Slack without Slack, for running the department with no credentials. */
export { startLocalWorkspace } from './start.js';
export { HUMANS, MAIN_APP, TEAM } from './constants.js';
export type { AgentBot, AgentEntry, AgentIcon, LocalWorkspace, LocalWorkspaceOptions, WorkspaceGuide } from './options.js';
