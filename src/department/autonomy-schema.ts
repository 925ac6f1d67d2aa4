import { z } from 'zod';

/**
 * The autonomy policy of manifests/department.yml (seed §1.3 levels, §4.1 authority matrix):
 * one row per kind of content and per kind of decision, each with its level and what each rank
 * of agent does. The human's part is not written: it follows from the level (humanRole).
 */

/** L4 act then inform, L3 one-click human approval, L2 work it out together, L1 humans decide. */
export const autonomyLevel = z.enum(['L1', 'L2', 'L3', 'L4']);
export type AutonomyLevel = z.infer<typeof autonomyLevel>;

/** Agent columns of the authority matrix, lowest first (the human's column is above them all). */
export const AGENT_RANKS = ['specialist', 'manager', 'vp', 'cmo'] as const;
export type AgentRank = (typeof AGENT_RANKS)[number];
export type Rank = AgentRank | 'human';
export const RANKS: readonly Rank[] = [...AGENT_RANKS, 'human'];

/** What a rank does in a row. "flag" and "escalate" mean it must pass the matter up (§4.1 ⚠️). */
export const agentRole = z.enum(['execute', 'consult', 'informed', 'propose', 'recommend', 'decide', 'approve', 'final_approval', 'flag', 'escalate']);
export type AgentRole = z.infer<typeof agentRole>;
/** The human's part, set by the level; "collaborate" is the human's only (L2); "none": not involved. */
export type Role = AgentRole | 'collaborate' | 'none';

/** The human's part at each level: L4 informed afterwards, L3 one-click approval, L2 collaborate, L1 decide. */
export const HUMAN_ROLE: Record<AutonomyLevel, Role> = { L4: 'informed', L3: 'approve', L2: 'collaborate', L1: 'decide' };

/** Roles that settle a matter (someone must hold one for a row's work to go ahead). */
export const SETTLING_ROLES: readonly Role[] = ['decide', 'approve', 'final_approval'];
export const ESCALATING_ROLES: readonly Role[] = ['flag', 'escalate'];

const typeName = /^[a-z][a-z0-9_]*$/;

const row = z.strictObject(
  {
    level: autonomyLevel,
    specialist: agentRole.optional(),
    manager: agentRole.optional(),
    vp: agentRole.optional(),
    cmo: agentRole.optional(),
  },
  {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      if (issue.keys[0] === 'human') {
        return `the human's part follows from level (L4 informed, L3 approve, L2 collaborate, L1 decide): remove "human" and set level instead`;
      }
      return `unknown rank (ranks are ${AGENT_RANKS.join(', ')}; the human's part follows from level)`;
    },
  },
);
export type AutonomyRow = z.infer<typeof row>;

const rows = z.record(z.string().regex(typeName, 'must be snake_case like blog_post'), row);

/** Contradictions inside one row, each reported on the field to change. */
function checkRow(r: AutonomyRow, path: PropertyKey[], ctx: z.core.$RefinementCtx): void {
  const human = HUMAN_ROLE[r.level];
  const roles = AGENT_RANKS.flatMap((rank) => (r[rank] ? [[rank, r[rank]] as const] : []));
  const deciders = roles.filter(([, role]) => role === 'decide');
  if (deciders.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, deciders[1]![0]],
      message: `only one rank may decide, and ${deciders[0]![0]} already does (make one of them propose, recommend or approve)`,
    });
  }
  if (r.level === 'L1' && deciders.length > 0) {
    ctx.addIssue({ code: 'custom', path: [...path, deciders[0]![0]], message: 'at level L1 humans decide: an agent rank may propose, recommend or approve, not decide' });
  }
  const settled = human !== 'informed' && human !== 'collaborate' ? true : roles.some(([, role]) => SETTLING_ROLES.includes(role));
  const acts = roles.some(([, role]) => role === 'execute' || SETTLING_ROLES.includes(role));
  if (r.level === 'L4' && !acts) {
    ctx.addIssue({ code: 'custom', path: [...path, 'level'], message: 'at level L4 no human is asked, so some rank must execute, decide or approve' });
  }
  const escalator = roles.find(([, role]) => ESCALATING_ROLES.includes(role));
  if (escalator && !settled && !roles.some(([rank, role]) => SETTLING_ROLES.includes(role) && AGENT_RANKS.indexOf(rank) > AGENT_RANKS.indexOf(escalator[0]))) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, escalator[0]],
      message: `${escalator[1]} needs someone above to take it: give a higher rank decide or approve, or use level L3 or L1 so a human does`,
    });
  }
}

/**
 * `content`: kinds of work the department publishes (daily_social_post, blog_post...).
 * `decisions`: the rows of the authority matrix (campaign_strategy, budget_allocation...).
 */
export const autonomyPolicy = z
  .strictObject({
    content: rows.default({}),
    decisions: rows.default({}),
  })
  .superRefine((policy, ctx) => {
    for (const section of ['content', 'decisions'] as const) {
      for (const [type, r] of Object.entries(policy[section])) checkRow(r, [section, type], ctx);
    }
  });
export type AutonomyPolicy = z.infer<typeof autonomyPolicy>;
