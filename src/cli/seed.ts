import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { seedDemoData } from '../demo/seed.js';
import { openBusinessCalendar } from '../calendars.js';
import { startupProblem } from '../startup.js';

// `npm run seed`: migrates the configured database and loads the demo data if it is empty.
try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    const seeded = await seedDemoData(database.db, config.timeZone, config.serviceStandards, await openBusinessCalendar(config.businessCalendar));
    process.stdout.write(seeded ? 'Demo data loaded.\n' : 'The database already holds data; nothing was seeded.\n');
  } finally {
    await database.close();
  }
} catch (error) {
  const problem = startupProblem(error, { databaseUrl: process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined });
  process.stderr.write(`${problem ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  process.exit(1);
}
