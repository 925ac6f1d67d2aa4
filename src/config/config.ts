import { z } from 'zod';
import { ConfigError } from '../lib/errors.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const agentTokens = optionalString.transform((raw, ctx) => {
  if (raw === undefined) return {} as Record<string, string>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object like {"copywriter":"xoxb-..."}' });
    return z.NEVER;
  }
  const result = z.record(z.string(), z.string().startsWith('xoxb-')).safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({ code: 'custom', message: 'must map agent ids to bot tokens starting with xoxb-' });
    return z.NEVER;
  }
  return result.data;
});

/** A URL whose scheme names the service: `mysql://…` for DATABASE_URL is refused before anything connects. */
const serviceUrl = (what: string, schemes: string[], example: string) =>
  optionalString.refine((v) => v === undefined || schemes.some((s) => v.toLowerCase().startsWith(`${s}://`)), {
    message: `must be a ${what} URL (${schemes.map((s) => `${s}://`).join(' or ')}), like ${example}`,
  });

const port = (fallback: number) =>
  z.preprocess(blankAsUnset, z.coerce.number({ message: 'must be a port number from 0 to 65535' }).int('must be a port number from 0 to 65535').min(0, 'must be a port number from 0 to 65535').max(65535, 'must be a port number from 0 to 65535').default(fallback));

/**
 * Two worker processes beside the web process: on a 2-core machine turns get both cores while the
 * web process, which only verifies, records and publishes, needs little of either (see README, Benchmark).
 */
export const DEFAULT_WORKERS = 2;

/** Every environment variable the service reads. Only src/main.ts calls loadConfig. */
export const configSchema = z.object({
  PORT: port(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must start with xoxb- (the Bot User OAuth Token on the app\'s "OAuth & Permissions" page)').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must start with xapp- (an App-Level Token with connections:write, under "Basic Information")').optional()),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  SLACK_AGENT_TOKENS: agentTokens,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalString.pipe(z.string().url().optional()),
  DATABASE_URL: serviceUrl('PostgreSQL', ['postgres', 'postgresql'], 'postgres://user:pass@host:5432/db'),
  REDIS_URL: serviceUrl('Redis', ['redis', 'rediss'], 'redis://host:6379'),
  /** Redis stream of the delivery bus; two departments can share one Redis with different streams. */
  REDIS_STREAM: z.string().min(1).default('dept:deliveries'),
  PINECONE_API_KEY: optionalString,
  /**
   * The Pinecone index of the knowledge base (created for a hosted embedding model when missing);
   * required with PINECONE_API_KEY. Index names: https://docs.pinecone.io/guides/index-data/index-configuration#index-names
   */
  PINECONE_INDEX: optionalString.refine((v) => v === undefined || /^[a-z0-9](?:[a-z0-9-]{0,43}[a-z0-9])?$/.test(v), {
    message: 'must be a Pinecone index name: 1 to 45 lowercase letters, digits or hyphens, starting and ending with a letter or digit, like dept-knowledge',
  }),
  DATA_DIR: z.string().default('.data'),
  /** Port of the local workspace's web page (only without Slack credentials). */
  LOCAL_WORKSPACE_PORT: port(3001),
  /** Interface the local workspace binds to; it has no logins, so loopback unless you say otherwise. */
  LOCAL_WORKSPACE_HOST: z.string().min(1).default('127.0.0.1'),
  /** Agents that get a bot user of their own in the local workspace (dedicated mode), comma-separated ids. */
  LOCAL_WORKSPACE_DEDICATED: optionalString.transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  /**
   * Slack user IDs who may approve content and decide escalations, besides approvers in
   * manifests/department.yml: comma-separated, so a deployment sets them without editing files.
   */
  APPROVERS: optionalString.transform((raw, ctx) => {
    const ids = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const bad = ids.filter((id) => !/^[UW][A-Z0-9]+$/.test(id));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be Slack user IDs like U012ABCDEF, comma-separated (not ${bad.join(', ')})` });
      return z.NEVER;
    }
    return ids;
  }),
  DEPARTMENT_DIR: z.string().default('manifests'),
  PROMPTS_DIR: z.string().default('prompts'),
  /** Where approved deliverables are also published (signed JSON); absent: the department's library only. */
  PUBLISH_WEBHOOK_URL: optionalString.refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), {
    message: 'must be an http:// or https:// URL, like https://example.com/hooks/marketing',
  }),
  /** Signs each webhook call (X-Dept-Signature), so the receiver knows it came from the department. */
  PUBLISH_WEBHOOK_SECRET: optionalString,
  /**
   * off: meetings take place only when a person asks (/dept standup …), never on the schedule in
   * manifests/department.yml nor as a catch-up at start (tests, a staging copy of a workspace).
   */
  MEETINGS_SCHEDULE: z.preprocess(blankAsUnset, z.enum(['on', 'off'], { message: 'must be on or off' }).default('on')),
  /** Agent turns a worker process runs at once (default chosen by the model: see build-app). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(512).optional(),
  /** Seconds SIGTERM waits for in-flight agent turns before handing them back. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(20),
  /** What this process does: see src/roles/process-role.ts. */
  ROLE: z.preprocess(blankAsUnset, z.enum(['all', 'web', 'worker'], { message: 'must be all, web or worker' }).default('all')),
  /** Worker processes ROLE=all forks beside itself (needs DATABASE_URL and REDIS_URL); 0 runs turns in-process. */
  WORKERS: z.preprocess(blankAsUnset, z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0).max(64).default(DEFAULT_WORKERS)),
});

export type Config = z.infer<typeof configSchema>;

/** 'local': no Slack credentials, so the department runs against the local workspace. */
export type SlackMode = 'http' | 'socket' | 'local';

export function slackMode(config: Config): SlackMode {
  if (config.SLACK_BOT_TOKEN && config.SLACK_APP_TOKEN) return 'socket';
  if (config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET) return 'http';
  return 'local';
}

export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`${problems.join('; ')} — fix ${problems.length === 1 ? 'it' : 'them'} and start again.`);
  }
  const config = result.data;
  if (!config.SLACK_API_URL.endsWith('/')) config.SLACK_API_URL += '/';
  if (config.PUBLISH_WEBHOOK_URL && !config.PUBLISH_WEBHOOK_SECRET) {
    throw new ConfigError(
      'PUBLISH_WEBHOOK_URL is set without PUBLISH_WEBHOOK_SECRET: set a long random secret (e.g. `openssl rand -hex 32`) and give the receiver the same one, to check X-Dept-Signature with.',
    );
  }
  if (config.PINECONE_API_KEY && !config.PINECONE_INDEX) {
    throw new ConfigError(
      'PINECONE_API_KEY is set without PINECONE_INDEX: set PINECONE_INDEX to the name of the knowledge index (like dept-knowledge; the department creates it when it does not exist), or unset PINECONE_API_KEY to search with Postgres full-text.',
    );
  }
  if (config.ROLE !== 'all') {
    checkSplitRole(config);
    return config;
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is: set one of them from your Slack app settings.',
    );
  }
  if (!config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN)) {
    throw new ConfigError('SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set without SLACK_BOT_TOKEN: set the bot token (xoxb-...) from "OAuth & Permissions".');
  }
  return config;
}

/** ROLE=web and ROLE=worker share work through Postgres and Redis; the embedded defaults cannot be shared. */
function checkSplitRole(config: Config): void {
  const missing = (['DATABASE_URL', 'REDIS_URL'] as const).filter((k) => !config[k]);
  if (missing.length > 0) {
    throw new ConfigError(
      `ROLE=${config.ROLE} needs ${missing.join(' and ')}: web and worker processes share work through PostgreSQL and Redis (the embedded PGlite and in-process bus live inside one process). Set ${missing.join(' and ')}, or use ROLE=all.`,
    );
  }
  if (config.ROLE === 'worker') {
    if (!config.SLACK_BOT_TOKEN) {
      throw new ConfigError('ROLE=worker needs SLACK_BOT_TOKEN (xoxb-...) to post the agents\' answers: set the main app\'s Bot User OAuth Token, as for the web process.');
    }
    return;
  }
  if (!config.SLACK_BOT_TOKEN || (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN)) {
    throw new ConfigError(
      'ROLE=web needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode). The local workspace (no Slack credentials) runs with ROLE=all, which starts its workers itself.',
    );
  }
}
