import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import postgres from 'postgres';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signToken } from '../../src/auth/tokens.js';
import type { Role } from '../../src/auth/viewer.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { demoUsers } from '../../src/demo/users.js';
import { createLogger } from '../../src/logger.js';
import { type App, createApp } from '../../src/server.js';

export const TEST_JWT_SECRET = 'test-secret-for-the-black-box-suites-0123456789';

let template: Promise<Blob | undefined> | undefined;
/** The migrated embedded database the run's global setup prepared, if any (test/support/global-setup.ts). */
function pgliteTemplate(): Promise<Blob | undefined> {
  template ??= (async () => {
    const file = inject('pgliteTemplate');
    return file === null || file === undefined ? undefined : new Blob([await readFile(file)]);
  })();
  return template;
}

/** Where the suites run: in-memory PGlite, or a fresh database on the PostgreSQL of DATABASE_URL. */
export const onPostgres = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '' && process.env.DATABASE_URL !== 'memory://';

export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: { code?: string } & Record<string, unknown> }[] };
}

/** A settable clock, injected into the server. */
export class TestClock {
  constructor(private current = new Date()) {}
  now = () => new Date(this.current.getTime());
  set(date: Date | string) {
    this.current = new Date(date);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TokenFor {
  roles: Role[];
  org?: string;
  sub?: string;
  name?: string;
  ttlSeconds?: number;
}

export interface TestServer {
  url: string;
  wsUrl: string;
  config: Config;
  database: Database;
  app: App;
  clock: TestClock;
  /** Token for a demo user name, or for any roles and partner. */
  token(who: string | TokenFor): Promise<string>;
  /** POST a GraphQL request. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  /** A client acting as one user. */
  as(who: string | TokenFor): Promise<Actor>;
  /** graphql-ws client with the given token in connectionParams. */
  wsClient(token: string | null, options?: Partial<Parameters<typeof createClient>[0]>): Client;
  /** SQL statements issued by the server so far. */
  statements(): number;
  stop(): Promise<void>;
}

export interface Actor {
  token: string;
  /** Runs an operation; returns the whole response. */
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Runs an operation that must succeed without GraphQL errors; returns data. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * Starts a server on a fresh database. Budgets are charged as in production, with buckets large
 * enough that no suite is throttled unless it asks for smaller ones in `env`.
 */
export async function startServer(options: { clock?: TestClock; env?: Record<string, string>; route?: (databaseUrl: string) => Promise<string> } = {}): Promise<TestServer> {
  const fresh = onPostgres ? await freshPostgresDatabase() : undefined;
  // A test may put something (a proxy it can cut) between the server and its database.
  const databaseUrl = fresh === undefined ? 'memory://' : options.route === undefined ? fresh.url : await options.route(fresh.url);
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO_DATA: 'false',
    SHUTDOWN_TIMEOUT_MS: '2000',
    BUDGET_USER_CAPACITY: '100000000',
    BUDGET_USER_RESTORE_PER_SECOND: '10000000',
    BUDGET_ORGANIZATION_CAPACITY: '100000000',
    BUDGET_ORGANIZATION_RESTORE_PER_SECOND: '10000000',
    ...options.env,
  });
  const database = await openDatabase(config.database, { pgliteDataDir: await pgliteTemplate() });
  await migrate(database);
  const clock = options.clock ?? new TestClock();
  const app = await createApp({ config, database, log: createLogger(config), now: clock.now });
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}/graphql`;
  const wsUrl = `ws://127.0.0.1:${port}/graphql`;
  const clients: Client[] = [];

  const token = (who: string | TokenFor) => {
    if (typeof who === 'string') {
      const user = demoUsers[who];
      if (!user) throw new Error(`no demo user ${who}`);
      return signToken(config.jwt, { ...user, ttlSeconds: 3600 });
    }
    const sub = who.sub ?? `${who.roles[0]!.toLowerCase()}-${randomBytes(4).toString('hex')}`;
    return signToken(config.jwt, { sub, name: who.name ?? sub, email: `${sub}@example.com`, roles: who.roles, org: who.org, ttlSeconds: who.ttlSeconds ?? 3600 });
  };

  const request = async <T>(query: string, variables?: Record<string, unknown>, bearer?: string | null): Promise<GraphQLResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };

  const server: TestServer = {
    url,
    wsUrl,
    config,
    database,
    app,
    clock,
    token,
    request,
    as: async (who) => {
      const t = await token(who);
      return {
        token: t,
        run: (query, variables) => request(query, variables, t),
        // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
        data: async <T = any>(query: string, variables?: Record<string, unknown>): Promise<T> => {
          const response = await request<T>(query, variables, t);
          if (response.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
          return response.body.data as T;
        },
      };
    },
    wsClient: (bearer, extra = {}) => {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
        ...extra,
      });
      clients.push(client);
      return client;
    },
    statements: () => database.statementCount(),
    stop: async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.stop();
      await database.close();
      await fresh?.drop();
    },
  };
  return server;
}

/** Runs one operation over a graphql-ws client and returns its single result. */
export function wsRun<T = Record<string, unknown>>(client: Client, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>['body']> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<T>['body'] | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          result = value as GraphQLResponse<T>['body'];
        },
        error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
        complete: () => resolve(result ?? {}),
      },
    );
  });
}
