/** A problem the operator must fix before the department can start. The message says what and how. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
