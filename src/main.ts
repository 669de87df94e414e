import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { seedDemoData } from './demo/seed.js';
import { createLogger } from './logger.js';
import { flushTraces } from './observability/tracing.js';
import { openBusinessCalendar } from './calendars.js';
import { createApp } from './server.js';
import { ensurePortFree, startupProblem } from './startup.js';

// Process entry: config -> database -> migrate -> (demo data) -> server -> graceful stop.
/** Known once loaded: a start-up failure names the port or database it concerns. */
let loaded: ReturnType<typeof loadConfig> | undefined;

async function main(): Promise<void> {
  const started = Date.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    loaded = config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config);
  // Before the database: a port in use is reported at once, not after migrations and demo data.
  await ensurePortFree(config.port, config.host);
  if (config.metricsPort !== null) await ensurePortFree(config.metricsPort, config.host);
  const database = await openDatabase(config.database);
  await migrate(database);
  if (config.seedDemoData && (await seedDemoData(database.db, config.timeZone, config.serviceStandards, await openBusinessCalendar(config.businessCalendar)))) log.info('demo data loaded into the empty database');
  const app = await createApp({ config, database, log });
  const port = await app.listen();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    force.unref();
    try {
      await app.stop();
      await database.close();
      await flushTraces();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // Announced only once the signal handlers are in place: whoever waits for this line may stop us.
  log.info(
    { port, database: database.kind, dataDir: config.database.kind === 'pglite' ? (config.database.dataDir ?? 'memory') : undefined, startupMs: Date.now() - started },
    `listening on http://localhost:${port}/graphql${config.developmentTools ? ` (GraphiQL: http://localhost:${port}/graphiql)` : ''}`,
  );
}

main().catch((error: unknown) => {
  const problem = startupProblem(error, { port: loaded?.port, host: loaded?.host, databaseUrl: loaded?.database.kind === 'postgres' ? loaded.database.url : undefined });
  process.stderr.write(`Failed to start: ${problem ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  process.exit(1);
});
