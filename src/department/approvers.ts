/**
 * Who may approve content and decide escalations: the Slack user IDs in `approvers` of
 * manifests/department.yml plus those in the APPROVERS environment variable. Only their clicks on
 * an approval card count; nobody else's, and never a message's words.
 */
export class Approvers {
  private readonly ids: ReadonlySet<string>;

  constructor(fromFile: readonly string[], fromEnv: readonly string[]) {
    this.ids = new Set([...fromFile, ...fromEnv]);
  }

  may(slackUserId: string): boolean {
    return this.ids.has(slackUserId);
  }

  /** For the person who may not: who can, or how to name someone. */
  whoMay(): string {
    if (this.ids.size === 0) {
      return 'Nobody is an approver yet: add Slack user IDs to `approvers` in manifests/department.yml or to the APPROVERS environment variable.';
    }
    return `Only ${[...this.ids].map((id) => `<@${id}>`).join(', ')} can decide this.`;
  }
}
