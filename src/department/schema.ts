import { z } from 'zod';
import { autonomyPolicy } from './autonomy-schema.js';

/** Identifiers are snake_case: they name files, bus targets and Slack metadata. */
export const agentId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case like content_manager');
export const modelTier = z.enum(['opus', 'sonnet', 'haiku']);
export const layer = z.enum(['executive', 'management', 'specialist']);
export const channelName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'must be a Slack channel name without #: lowercase letters, digits, - and _');

/** manifests/agents/<id>.yml — one agent of the department (seed §2, §4.1, §6.2, §8.4). */
export const agentManifestSchema = z
  .object({
    id: agentId,
    name: z.string().min(1).max(80), // Slack display name (persona username)
    title: z.string().min(1),
    /** Short word a person types after @ to reach the agent in persona mode, e.g. "copywriter". */
    handle: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be lowercase like copywriter'),
    aliases: z.array(z.string().regex(/^[a-z][a-z0-9_-]*$/)).default([]),
    layer,
    /** An agent id, or "human" for the agent at the top who reports to the human executive team. */
    reports_to: z.union([agentId, z.literal('human')]),
    /** Dotted-line managers (the Designer also works for the Social Media Manager). */
    also_reports_to: z.array(agentId).default([]),
    model_tier: modelTier,
    role: z.string().min(1),
    responsibilities: z.array(z.string().min(1)).min(1),
    /** Words that mark a request as this agent's domain (used to route work and by the rehearsal model). */
    expertise: z.array(z.string().min(1)).min(1),
    authority: z.object({
      decides: z.array(z.string()).default([]),
      consults: z.array(z.string()).default([]),
      escalates: z.array(z.string()).default([]),
    }),
    style: z.object({
      tone: z.string().min(1),
      style: z.string().min(1),
      example: z.string().min(1),
    }),
    home_channels: z.array(channelName).default([]),
    icon: z.union([
      z.object({ emoji: z.string().regex(/^:[a-z0-9_+-]+:$/, 'must look like :memo:') }),
      z.object({ url: z.string().url() }),
    ]),
  })
  .strict();

const tokenPrices = {
  input_usd_per_mtok: z.number().nonnegative(),
  output_usd_per_mtok: z.number().nonnegative(),
  /** 5-minute prompt-cache writes. */
  cache_write_usd_per_mtok: z.number().nonnegative(),
  cache_read_usd_per_mtok: z.number().nonnegative(),
};

/** One model tier: its model id, its own price list (cache prices differ per model) and its output limit. */
const tierModel = z
  .object({
    id: z.string().min(1),
    ...tokenPrices,
    /** Rates for a whole request whose prompt passes above_tokens (Claude Haiku 5.5: 100,000). */
    long_prompt: z
      .object({ above_tokens: z.number().int().positive(), ...tokenPrices })
      .strict()
      .optional(),
    /**
     * max_tokens of each call. Adaptive thinking shares it with the answer, so it must leave room
     * for a whole deliverable after the thinking.
     */
    max_output_tokens: z.number().int().min(1024).max(128_000),
  })
  .strict();

const meeting = z
  .object({
    cron: z.string().min(1),
    lead: agentId,
    attendees: z.union([z.literal('all'), z.array(z.union([layer, agentId]))]),
  })
  .strict();

/** manifests/department.yml — the department as a whole. */
export const departmentFileSchema = z
  .object({
    name: z.string().min(1),
    timezone: z.string().min(1),
    /** Agent who answers DMs to the main app and unaddressed requests. */
    front_desk: agentId,
    channels: z
      .object({
        standup: channelName,
        approvals: channelName,
        escalations: channelName,
        decisions: channelName,
        /** Where published deliverables are announced; defaulted so department files from before it still load. */
        published: channelName.default('marketing-published'),
      })
      .strict(),
    /** Slack user IDs of the humans who may approve content and decide escalations. */
    approvers: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user ID like U012ABCDEF')).default([]),
    models: z.object({ opus: tierModel, sonnet: tierModel, haiku: tierModel }).strict(),
    budgets: z
      .object({
        /** Agent turns a thread may take between two human messages. */
        thread_agent_turns: z.number().int().positive(),
        /** Model spend a thread may take in all, USD. */
        thread_spend_usd: z.number().positive(),
        daily_spend_usd: z.number().positive(),
        agent_daily_spend_usd: z.number().positive(),
      })
      .strict(),
    limits: z
      .object({
        /** Model ⇄ tool steps in one agent turn. */
        agent_steps: z.number().int().min(1).max(20),
        /**
         * Characters in one Slack message an agent posts; a longer deliverable continues in follow-up
         * messages. At most 12,000: Slack refuses a message whose blocks carry much more than 13,000
         * characters (msg_blocks_too_long, an undocumented limit: https://github.com/slackapi/bolt-js/issues/2509).
         */
        max_message_chars: z.number().int().min(200).max(12_000),
        history_messages: z.number().int().min(1),
        /** Tokens of the department's knowledge given to each turn (its most relevant records); 0 turns it off. Default 1500. */
        knowledge_tokens: z.number().int().min(0).max(20_000).optional(),
      })
      .strict(),
    meetings: z.record(z.string(), meeting).default({}),
    /** Autonomy level and authority per kind of content and decision (src/department/autonomy-schema.ts). */
    autonomy: autonomyPolicy.default({ content: {}, decisions: {} }),
  })
  .strict();

export type AgentManifest = z.infer<typeof agentManifestSchema>;
export type DepartmentFile = z.infer<typeof departmentFileSchema>;
export type ModelTier = z.infer<typeof modelTier>;
export type Layer = z.infer<typeof layer>;

/** An agent as the running department sees it: its manifest, its prompt and who it manages (derived). */
export interface AgentDef extends AgentManifest {
  manages: string[];
  prompt: string;
  /** Absolute path of the manifest, for error messages. */
  source: string;
}

export interface Department {
  file: DepartmentFile;
  /** Shared preamble every agent's system prompt starts with (prompts/_preamble.md). */
  preamble: string;
  agents: AgentDef[];
  byId: Map<string, AgentDef>;
  /** handle, alias, id and lowercased display name → agent */
  byHandle: Map<string, AgentDef>;
}
