import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { jobDatabase, migrateJobQueue } from '../jobs/queue.js';
import type { Database } from './client.js';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any constant works; it only has to be the same for every instance of this server.
const MIGRATION_LOCK = 727_274_001;

/** Applies the checked-in drizzle-kit migrations, then the job queue's schema. Safe when several instances start at once. */
export async function migrate(database: Database): Promise<void> {
  if (database.driver.kind === 'pglite') {
    await migratePglite(drizzlePglite(database.driver.client), { migrationsFolder });
    await migrateJobQueue(jobDatabase(database.driver));
    return;
  }
  // One dedicated connection holds the advisory lock for the whole migration.
  const lockClient = postgres(database.driver.url, { max: 1, onnotice: () => {} });
  try {
    await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
    await migrateJobQueue(jobDatabase({ kind: 'postgres', client: lockClient }));
    await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await lockClient.end({ timeout: 5 });
  }
}
