/**
 * Imports a module that another branch adds, without the type-check depending on it: the specifier
 * is a variable, so tsc does not resolve it. A missing module fails with `missing` (what to do),
 * any other failure (a syntax error in it) with its own message.
 */
export async function importOptional(specifier: string, missing: string): Promise<Record<string, unknown>> {
  const url = new URL(specifier, import.meta.url).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(specifier.replace(/^.*\//, '').replace(/\.js$/, ''))) throw new Error(missing);
    throw err;
  }
}
