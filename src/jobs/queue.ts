import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';

/** pg-boss keeps its tables in a schema of its own, created with the migrations (src/db/migrate.ts). */
export const JOB_SCHEMA = 'pgboss';

/** Parameters as the drivers take them: undefined as null (as node-postgres does), JSON objects as text (pg-boss casts them to jsonb). */
function parameter(value: unknown): unknown {
  if (value === undefined) return null;
  return value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) ? JSON.stringify(value) : value;
}

/**
 * pg-boss's database adapter over the project's own driver, PGlite or postgres.js, so that the job
 * queue lives in the same database on either (and needs no second connection pool). Statements
 * without parameters may hold several commands (its migrations): they use the simple protocol.
 */
export function jobDatabase(driver: Database['driver'] | { kind: 'postgres'; client: import('postgres').Sql }): PgBoss.Db {
  if (driver.kind === 'pglite') {
    const client = driver.client;
    return {
      async executeSql(text: string, values: unknown[] = []) {
        if (values.length === 0) return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
        return { rows: (await client.query(text, values.map(parameter))).rows };
      },
    };
  }
  const client = driver.client;
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length > 0) return { rows: [...(await client.unsafe(text, values.map(parameter) as never[]))] };
      // Commands without parameters may open and commit a transaction of their own (its maintenance
      // does: BEGIN; SET LOCAL ...; COMMIT), which postgres.js allows only on a reserved connection.
      // Releasing a connection that was lost does not pool it again (patches/postgres+3.4.9.patch).
      const reserved = await client.reserve();
      try {
        return { rows: [...(await reserved.unsafe(text))] };
      } finally {
        reserved.release();
      }
    },
  };
}

/** Creates or upgrades pg-boss's schema (idempotent; run with the migrations, under their lock). */
export async function migrateJobQueue(db: PgBoss.Db): Promise<void> {
  const boss = new PgBoss({ db, schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}

/**
 * A started pg-boss on this database; the caller registers queues and workers and stops it.
 * `maintenanceIntervalSeconds`: how often jobs whose instance died while running them are failed (so
 * that they run again), which bounds how long such a job waits past its expiry.
 */
export async function startJobQueue(database: Database, options: { maintenanceIntervalSeconds: number; onError: (error: Error) => void }): Promise<PgBoss> {
  const boss = new PgBoss({ db: jobDatabase(database.driver), schema: JOB_SCHEMA, migrate: false, supervise: true, schedule: false, maintenanceIntervalSeconds: options.maintenanceIntervalSeconds });
  boss.on('error', options.onError);
  await boss.start();
  return boss;
}
