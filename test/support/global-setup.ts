import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a migrated, empty PGlite data directory (a tar dump) every embedded test server starts from. */
    pgliteTemplate: string | null;
  }
}

/** Creates and migrates one embedded database for the whole run; PostgreSQL runs get none. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '' && url !== 'memory://') {
    project.provide('pgliteTemplate', null);
    return;
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await migrate(database);
  if (database.driver.kind !== 'pglite') throw new Error('expected PGlite');
  const dump = await database.driver.client.dumpDataDir('none');
  await database.close();
  const file = join(tmpdir(), `scm-pglite-template-${randomBytes(6).toString('hex')}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rm(file, { force: true });
}
