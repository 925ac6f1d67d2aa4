import { loadConfig, type Config } from '../../src/config/config.js';

/** The app's config for a test: the meeting schedule off (meetings only when a test asks for one), the rest as given. */
export const testConfig = (env: Record<string, string | undefined>): Config => loadConfig({ MEETINGS_SCHEDULE: 'off', ...env });
