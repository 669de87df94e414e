import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema and applied at start (src/db/migrate.ts),
// identically on embedded PGlite and on PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: false,
});
