import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../lib/errors.js';

/** Path as the operator sees it (relative to where the process was started). */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' ? file : rel;
}

/** A ConfigError whose message is always "<file>: <field>: <reason>", so every config mistake reads alike. */
export function configError(file: string, field: string, reason: string): ConfigError {
  return new ConfigError(`${displayPath(file)}: ${field}: ${reason}`);
}

export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `missing ${what}: create this file` : `cannot read ${what} (${code ?? String(err)})`;
    throw new ConfigError(`${displayPath(file)}: ${reason}`);
  }
}

/** Parses a YAML file and validates it; syntax errors name the line, schema errors the field. */
export function readManifest<S extends z.ZodType>(file: string, schema: S, what: string): z.output<S> {
  const doc = YAML.parseDocument(readText(file, what));
  const bad = doc.errors[0];
  if (bad) {
    const pos = bad.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
    // yaml's messages end with a code excerpt over several lines; the first line is the reason.
    const reason = bad.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${displayPath(file)}: ${where}: YAML syntax error: ${reason}`);
  }
  const result = schema.safeParse(doc.toJS(), { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 5).map((issue) => {
    const { field, reason } = describeIssue(issue);
    return `${displayPath(file)}: ${field}: ${reason}`;
  });
  const more = result.error.issues.length - lines.length;
  if (more > 0) lines.push(`(and ${more} more problem${more === 1 ? '' : 's'} in the same file)`);
  throw new ConfigError(lines.join('\n'));
}

type Issue = z.core.$ZodIssue;

/** "style.tone", "aliases[1]"; "(top level)" for the document itself. */
export function fieldPath(path: PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(top level)';
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** Turns a zod issue into operator language: which field, what is wrong with it. */
export function describeIssue(issue: Issue): { field: string; reason: string } {
  const field = fieldPath(issue.path);
  switch (issue.code) {
    case 'invalid_value':
      return { field, reason: `must be one of ${issue.values.map(String).join(', ')}` };
    case 'invalid_type':
      if (issue.input === undefined) return { field, reason: 'is required' };
      return { field, reason: `must be ${article(issue.expected === 'object' ? 'mapping of fields' : issue.expected)}` };
    case 'unrecognized_keys': {
      // A schema may explain its own allowed keys; zod's default message starts "Unrecognized key".
      const own = !issue.message.startsWith('Unrecognized key');
      return { field: fieldPath([...issue.path, issue.keys[0]!]), reason: own ? issue.message : `unknown field (allowed fields are in src/department/schema.ts)` };
    }
    case 'too_small':
      if (issue.origin === 'string') return { field, reason: 'must not be empty' };
      if (issue.origin === 'array') return { field, reason: `must list at least ${String(issue.minimum)}` };
      return { field, reason: issue.message };
    case 'invalid_format':
      // Our schemas give regexes a human message; zod's default one shows the pattern.
      if (!issue.message.startsWith('Invalid string')) return { field, reason: issue.message };
      return { field, reason: 'pattern' in issue && issue.pattern ? `must match the pattern ${issue.pattern}` : `must be ${article(issue.format)}` };
    case 'invalid_key': {
      // A record key that fails its own schema: the key's issue says why (its path is the key itself).
      const inner = issue.issues[0];
      return { field, reason: inner ? describeIssue({ ...inner, path: issue.path } as Issue).reason : issue.message };
    }
    case 'invalid_union': {
      // Report the branch that got furthest (deepest path); ties read "x, or y".
      const branches = issue.errors.filter((b) => b.length > 0);
      const depth = (b: Issue[]) => Math.max(...b.map((i) => i.path.length));
      const best = Math.max(...branches.map(depth));
      const picked = branches.filter((b) => depth(b) === best).map((b) => b[0]!);
      if (picked.length === 0) return { field, reason: issue.message };
      const first = describeIssue({ ...picked[0]!, path: [...issue.path, ...picked[0]!.path] } as Issue);
      const reasons = [...new Set(picked.map((i) => describeIssue(i).reason))];
      return { field: first.field, reason: reasons.join(', or ') };
    }
    default:
      return { field, reason: issue.message };
  }
}
