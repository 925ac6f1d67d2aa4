import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/store/schema.ts', './src/local-workspace/schema.ts', './src/meetings/meeting-schema.ts', './src/knowledge/knowledge-schema.ts', './src/store/thread-summary-schema.ts', './src/knowledge/knowledge-forgotten.ts'],
  out: './migrations',
});
