import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ConfigError } from '../lib/errors.js';
import { checkOrgChart, deriveManages, type SourcedManifest } from './org-chart.js';
import { configError, displayPath, readManifest, readText } from './read-manifest.js';
import { agentManifestSchema, departmentFileSchema, type AgentDef, type Department } from './schema.js';

/**
 * Reads the department from disk once at boot: <departmentDir>/department.yml,
 * <departmentDir>/agents/<id>.yml and <promptsDir>/{_preamble,<id>}.md. Anything wrong
 * throws a ConfigError naming file, field and reason, so start-up stops with one clear message.
 * Adding an agent is adding a manifest and a prompt; nothing here knows the fourteen by name.
 */
export function loadDepartment(departmentDir: string, promptsDir: string): Department {
  const departmentPath = join(departmentDir, 'department.yml');
  const file = readManifest(departmentPath, departmentFileSchema, 'department file');

  const manifests = readAgentManifests(join(departmentDir, 'agents'));
  checkOrgChart(file, departmentPath, manifests);
  const manages = deriveManages(manifests);

  const preamble = readPrompt(join(promptsDir, '_preamble.md'), 'shared department preamble');
  const agents: AgentDef[] = manifests.map((m) => ({
    ...m,
    manages: manages.get(m.id) ?? [],
    prompt: readPrompt(join(promptsDir, `${m.id}.md`), `role prompt for agent ${m.id} (${displayPath(m.source)})`),
  }));

  return {
    file,
    preamble,
    agents,
    byId: new Map(agents.map((a) => [a.id, a])),
    byHandle: buildHandleIndex(agents),
  };
}

/** Every agents/*.yml, sorted by file name so the department (and its prompts) are deterministic. */
function readAgentManifests(agentsDir: string): SourcedManifest[] {
  let names: string[];
  try {
    names = readdirSync(agentsDir).filter((n) => extname(n) === '.yml' || extname(n) === '.yaml').sort();
  } catch {
    throw new ConfigError(`${displayPath(agentsDir)}: missing agents directory: create it with one <id>.yml per agent`);
  }
  if (names.length === 0) throw new ConfigError(`${displayPath(agentsDir)}: no agent manifests (<id>.yml) found`);
  return names.map((name) => {
    const source = join(agentsDir, name);
    const manifest = readManifest(source, agentManifestSchema, 'agent manifest');
    const expected = basename(name, extname(name));
    if (manifest.id !== expected) {
      throw configError(source, 'id', `"${manifest.id}" must equal the file name "${expected}" (rename the file or fix the id)`);
    }
    return { ...manifest, source };
  });
}

function readPrompt(path: string, what: string): string {
  const text = readText(path, what).trim();
  if (text === '') throw new ConfigError(`${displayPath(path)}: ${what} is empty`);
  return text;
}

/**
 * Every word a person may type to reach an agent: handle, aliases, id, and the display name
 * lowercased (as is and with dashes). One word may lead to only one agent.
 */
function buildHandleIndex(agents: AgentDef[]): Map<string, AgentDef> {
  const index = new Map<string, AgentDef>();
  const claimedBy = new Map<string, string>(); // key -> "file (field)" of the first claim
  for (const a of agents) {
    const name = a.name.toLowerCase();
    const keys: Array<[string, string]> = [
      [a.handle, 'handle'],
      ...a.aliases.map((alias, i) => [alias, `aliases[${i}]`] as [string, string]),
      [a.id, 'id'],
      [name, 'name'],
      [name.replace(/\s+/g, '-'), 'name'],
    ];
    for (const [key, field] of keys) {
      const owner = index.get(key);
      if (owner && owner.id !== a.id) {
        throw configError(a.source, field, `"${key}" is already used by ${claimedBy.get(key)}; handles, aliases and names must be unique`);
      }
      if (!owner) {
        index.set(key, a);
        claimedBy.set(key, `${displayPath(a.source)} (${field})`);
      }
    }
  }
  return index;
}
