import {
  AGENT_RANKS,
  ESCALATING_ROLES,
  HUMAN_ROLE,
  RANKS,
  type AgentRank,
  type AutonomyLevel,
  type AutonomyRow,
  type Rank,
  type Role,
} from './autonomy-schema.js';
import type { Department } from './schema.js';

export type { AgentRank, AutonomyLevel, Rank, Role } from './autonomy-schema.js';

/**
 * Pure lookups over the autonomy policy of manifests/department.yml: the level of a kind of
 * content or decision, and what a rank (or an agent, by its rank) may do about it. Nothing here
 * throws on a type the file does not list: it gets UNLISTED_LEVEL, with every agent escalating.
 */

/** Level of a kind of content or decision the file does not list: a human collaborates. */
export const UNLISTED_LEVEL: AutonomyLevel = 'L2';
/** Role of every agent rank for an unlisted kind: nobody acts alone on something the policy does not know. */
export const UNLISTED_AGENT_ROLE: Role = 'escalate';

export interface Policy {
  kind: 'content' | 'decision';
  type: string;
  /** false: not in department.yml, the unlisted default applies. */
  listed: boolean;
  level: AutonomyLevel;
  /** Every rank's part, 'none' when not involved; the human's follows from the level. */
  roles: Record<Rank, Role>;
  /** Ranks that approve or give the final approval, lowest first (the human's one click at L3). */
  approvers: Rank[];
  /** The rank that decides, if one does (the human at L1). */
  decider: Rank | null;
}

export interface Authority {
  rank: Rank;
  role: Role;
  /** flag or escalate: the matter goes up, this rank does not settle it. */
  mustEscalate: boolean;
  policy: Policy;
}

type WithFile = Pick<Department, 'file'>;

/** Level and roles for a kind of content (daily_social_post, blog_post...). */
export function autonomyFor(department: WithFile, contentType: string): Policy {
  return policyOf('content', contentType, own(department.file.autonomy.content, contentType));
}

/** Level and roles for a kind of decision, a row of the authority matrix (campaign_strategy...). */
export function decisionPolicyFor(department: WithFile, decisionType: string): Policy {
  return policyOf('decision', decisionType, own(department.file.autonomy.decisions, decisionType));
}

/**
 * What a rank may do about a kind of decision. `layerOrAgent` is an agent id of the department
 * (mapped by rankOf) or a rank name (specialist, manager, vp, cmo, human); an agent id wins when
 * both match (the agent cmo is the rank cmo anyway). Anything else is a bug in the caller: throws.
 */
export function authorityFor(department: Pick<Department, 'file' | 'byId'>, decisionType: string, layerOrAgent: string): Authority {
  const rank = rankOf(department, layerOrAgent) ?? (isRank(layerOrAgent) ? layerOrAgent : undefined);
  if (!rank) throw new Error(`authorityFor: "${layerOrAgent}" is neither an agent of the department nor a rank (${RANKS.join(', ')})`);
  const policy = decisionPolicyFor(department, decisionType);
  const role = policy.roles[rank];
  return { rank, role, mustEscalate: ESCALATING_ROLES.includes(role), policy };
}

/**
 * An agent's column in the authority matrix, from its manifest: layer specialist → specialist,
 * management → manager; an executive who reports to human → cmo, any other executive → vp
 * (vp_marketing, director_of_communications). undefined for an id that is not an agent.
 */
export function rankOf(department: Pick<Department, 'byId'>, agentId: string): AgentRank | undefined {
  const agent = department.byId.get(agentId);
  if (!agent) return undefined;
  if (agent.layer === 'specialist') return 'specialist';
  if (agent.layer === 'management') return 'manager';
  return agent.reports_to === 'human' ? 'cmo' : 'vp';
}

/** A row the file lists (not "constructor" or another name every object inherits). */
function own(rows: Record<string, AutonomyRow>, type: string): AutonomyRow | undefined {
  return Object.hasOwn(rows, type) ? rows[type] : undefined;
}

function isRank(name: string): name is Rank {
  return (RANKS as readonly string[]).includes(name);
}

function policyOf(kind: Policy['kind'], type: string, row: AutonomyRow | undefined): Policy {
  const level = row?.level ?? UNLISTED_LEVEL;
  const roles = {} as Record<Rank, Role>;
  for (const rank of AGENT_RANKS) roles[rank] = row ? (row[rank] ?? 'none') : UNLISTED_AGENT_ROLE;
  roles.human = HUMAN_ROLE[level];
  return {
    kind,
    type,
    listed: row !== undefined,
    level,
    roles,
    approvers: RANKS.filter((r) => roles[r] === 'approve' || roles[r] === 'final_approval'),
    decider: RANKS.find((r) => roles[r] === 'decide') ?? null,
  };
}
