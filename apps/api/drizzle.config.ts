import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied from code (src/db/migrate.ts), because
// `drizzle-kit migrate` fails silently without a terminal.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
