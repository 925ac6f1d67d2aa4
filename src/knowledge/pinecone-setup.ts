import { Pinecone, type IndexModel } from '@pinecone-database/pinecone';
import type { Logger } from 'pino';
import { ConfigError } from '../lib/errors.js';
import { PineconeKnowledgeIndex, type PineconeKnowledgeOptions } from './pinecone-knowledge.js';

/*
 * Start-up of the Pinecone knowledge index (control plane, https://api.pinecone.io, headers Api-Key
 * and X-Pinecone-Api-Version: 2026-04 set by the SDK):
 *   GET  /indexes/{name}             describe_index: https://docs.pinecone.io/reference/api/2026-04/control-plane/describe_index
 *                                    → {name, host, status:{ready,state}, embed:{model, field_map:{text:…}}, …}
 *   POST /indexes/create-for-model   https://docs.pinecone.io/reference/api/2026-04/control-plane/create_for_model
 *                                    {name, cloud, region, embed:{model, field_map:{text:"chunk_text"}}}
 */

/**
 * Pinecone's hosted dense embedding model for a new index: "llama-text-embed-v2" (English-first, up to
 * 2048 tokens per input); "multilingual-e5-large" is the multilingual one. Both are listed under
 * https://docs.pinecone.io/guides/index-data/create-an-index#embedding-models and used in the
 * create_for_model examples above.
 */
export const DEFAULT_EMBED_MODEL = 'llama-text-embed-v2';
/** aws us-east-1 is open to every plan, the Starter (free) plan included (https://docs.pinecone.io/guides/index-data/index-configuration#cloud-regions). */
export const DEFAULT_CLOUD = 'aws';
export const DEFAULT_REGION = 'us-east-1';

export interface OpenPineconeIndexOptions {
  apiKey: string;
  indexName: string;
  /** One per department: see pineconeNamespace. */
  namespace: string;
  logger: Logger;
  /** Base URL of the control plane (default https://api.pinecone.io); tests point it elsewhere. */
  controllerHostUrl?: string;
  /** Hosted model for an index this creates. */
  embedModel?: string;
  rerank?: PineconeKnowledgeOptions['rerank'];
  /** How long to wait for a new index to become ready (default 5 minutes). */
  readyTimeoutMs?: number;
  /** Between describes while waiting (default 2 s). */
  pollIntervalMs?: number;
  /** Retries of 5xx answers by the SDK (its default 3). */
  maxRetries?: number;
}

/**
 * Finds the index PINECONE_INDEX names, or creates it for a hosted embedding model when it does not
 * exist (and logs that it did), and returns the department's knowledge index in it. Configuration
 * Pinecone refuses ends start-up with a ConfigError naming the variable to fix.
 */
export async function openPineconeIndex(opts: OpenPineconeIndexOptions): Promise<PineconeKnowledgeIndex> {
  const client = new Pinecone({
    apiKey: opts.apiKey,
    ...(opts.controllerHostUrl ? { controllerHostUrl: opts.controllerHostUrl } : {}),
    ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
  });
  let model = await describe(client, opts.indexName);
  if (!model) {
    model = await create(client, opts);
    opts.logger.info(
      { index: opts.indexName, model: model.embed?.model, cloud: DEFAULT_CLOUD, region: DEFAULT_REGION },
      `Pinecone index ${opts.indexName} did not exist: created it with integrated embedding (${model.embed?.model ?? opts.embedModel ?? DEFAULT_EMBED_MODEL}, ${DEFAULT_CLOUD} ${DEFAULT_REGION})`,
    );
  }
  const textField = (model.embed?.fieldMap as { text?: unknown } | undefined)?.text;
  if (!model.embed || typeof textField !== 'string') {
    throw new ConfigError(
      `PINECONE_INDEX names "${opts.indexName}", a Pinecone index without integrated embedding: name an index created for a hosted embedding model (Pinecone console "Create index" → "Model": llama-text-embed-v2, field map text → chunk_text), or a new name and the department creates one.`,
    );
  }
  if (!model.status.ready) model = await waitUntilReady(client, opts);
  opts.logger.debug({ index: opts.indexName, host: model.host, namespace: opts.namespace, textField }, 'knowledge index: Pinecone');
  return new PineconeKnowledgeIndex(client, opts.indexName, opts.namespace, { host: model.host, textField, rerank: opts.rerank });
}

async function describe(client: Pinecone, indexName: string): Promise<IndexModel | undefined> {
  try {
    return await client.describeIndex(indexName);
  } catch (err) {
    if (errorName(err) === 'PineconeNotFoundError') return undefined;
    throw explain(err, `describing index ${indexName}`);
  }
}

async function create(client: Pinecone, opts: OpenPineconeIndexOptions): Promise<IndexModel> {
  const model = opts.embedModel ?? DEFAULT_EMBED_MODEL;
  try {
    const created = await client.createIndexForModel({
      name: opts.indexName,
      cloud: DEFAULT_CLOUD,
      region: DEFAULT_REGION,
      embed: { model, fieldMap: { text: 'chunk_text' } },
      // Another process starting at the same moment may have created it: then it is there to use.
      suppressConflicts: true,
    });
    if (created?.status.ready) return created;
  } catch (err) {
    throw explain(err, `creating index ${opts.indexName} for ${model}`);
  }
  return waitUntilReady(client, opts);
}

/** The SDK's own wait polls every 5 s; this one is shorter and says which variable to look at. */
async function waitUntilReady(client: Pinecone, opts: OpenPineconeIndexOptions): Promise<IndexModel> {
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 300_000);
  for (;;) {
    const model = await describe(client, opts.indexName);
    if (model?.status.ready) return model;
    const state = model?.status.state;
    if (state === 'InitializationFailed' || state === 'Terminating' || state === 'Disabled') {
      throw new ConfigError(`PINECONE_INDEX names "${opts.indexName}", a Pinecone index in state ${state}: delete it in the Pinecone console or name another one.`);
    }
    if (Date.now() >= deadline) {
      throw new Error(`Pinecone index ${opts.indexName} was not ready after ${Math.round((opts.readyTimeoutMs ?? 300_000) / 1000)} s (state ${state ?? 'unknown'}): start again in a minute.`);
    }
    await new Promise((r) => setTimeout(r, opts.pollIntervalMs ?? 2_000));
  }
}

/** One sentence a person can act on; a rejected key is the operator's to fix, like a bad name. */
function explain(err: unknown, doing: string): Error {
  const name = errorName(err);
  const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (name === 'PineconeAuthorizationError') {
    return new ConfigError('PINECONE_API_KEY was rejected by Pinecone (401 Unauthorized): copy a current API key from the Pinecone console ("API keys"), or unset it to search with Postgres full-text instead.');
  }
  if (name === 'PineconeBadRequestError' || name === 'PineconeUnprocessableEntityError') {
    return new ConfigError(`PINECONE_INDEX: Pinecone refused ${doing} (${detail}); check the index name and your plan's index quota in the Pinecone console.`);
  }
  return new Error(`Pinecone did not answer ${doing} (${detail}); check the network, or unset PINECONE_API_KEY to search with Postgres full-text.`, { cause: err });
}

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}
