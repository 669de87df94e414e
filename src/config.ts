import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { parseServiceStandards, type ServiceStandards } from './domain/feedback/service-standards.js';
import type { BudgetConfig } from './limits/budgets.js';
import type { FairShareConfig } from './limits/fair-share.js';
import { isCalendarName } from './calendars.js';
import { MAX_COST } from './limits/max-cost.js';

/** Address ranges (ipaddr.js names) a webhook may reach besides public unicast addresses, when configured. */
export const webhookNetworks = ['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat'] as const;
export type WebhookNetwork = (typeof webhookNetworks)[number];

/** Development-only signing secret, so that `npm start` and `npm run token` work out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789abcdef';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A browser origin as the Origin header sends it: scheme, host, optional port; nothing after. */
function isOrigin(value: string): boolean {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const environment = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    METRICS_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^(postgres(ql)?:\/\/|memory:\/\/$)/, 'must be a postgres:// URL or memory://')
        .optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_JWKS_URL: optionalText.pipe(z.url().optional()),
    JWT_ISSUER: optionalText,
    JWT_AUDIENCE: optionalText,
    LOG_LEVEL: z.enum(logLevels).default('info'),
    CORS_ORIGINS: optionalText.refine(
      (value) => value === undefined || value.split(',').every((origin) => isOrigin(origin.trim())),
      'must be * or a comma-separated list of origins such as https://portal.example.com (scheme, host and port only)',
    ),
    SEED_DEMO_DATA: optionalText.pipe(z.enum(['true', 'false']).optional()),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    TIME_ZONE: z
      .string()
      .trim()
      .default('UTC')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as UTC or Asia/Shanghai'),
    SERVICE_STANDARDS: optionalText,
    BUSINESS_CALENDAR: optionalText.refine((value) => value === undefined || isCalendarName(value), 'must be CN, weekdays, or a country code with an optional region known to date-holidays, such as DE or US-CA'),
    BUDGETS: z.enum(['on', 'off']).default('on'),
    BUDGET_USER_CAPACITY: z.coerce.number().int().positive().default(100_000),
    BUDGET_USER_RESTORE_PER_SECOND: z.coerce.number().positive().default(10_000),
    BUDGET_ORGANIZATION_CAPACITY: z.coerce.number().int().positive().default(300_000),
    BUDGET_ORGANIZATION_RESTORE_PER_SECOND: z.coerce.number().positive().default(30_000),
    OPERATIONS_PER_ORGANIZATION: z.coerce.number().int().min(1).max(1000).default(5),
    OPERATIONS_WAITING_PER_ORGANIZATION: z.coerce.number().int().min(0).max(100_000).default(200),
    OPERATION_WAIT_MS: z.coerce.number().int().min(1).default(10_000),
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().positive().default(100),
    WS_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().positive().default(500),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(50).default(10_000),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(1_500),
    TEST_APPLICATION_SCOPING: z.enum(['on', 'off']).default('on'),
    READ_PLANS: z.enum(['on', 'off', 'eager']).default('on'),
    WEBHOOK_ALLOW_NETWORKS: optionalText.refine(
      (value) => value === undefined || value.split(',').every((n) => (webhookNetworks as readonly string[]).includes(n.trim())),
      `must be a comma-separated list of ${webhookNetworks.join(', ')}`,
    ),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(10),
    WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(24),
    WEBHOOK_SECRET_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    EDI_COMPANY_ID: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,15}$/, 'must be 1 to 15 letters or digits (the ISA sender id)')
      .default('SCMCOMPANY'),
    EDI_COMPANY_NAME: z.string().trim().min(1).max(60).default('Buyer'),
    CERTIFICATE_WARNING_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    CERTIFICATE_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
    INVOICE_PRICE_TOLERANCE_PERCENT: z.coerce.number().min(0).max(100).default(0),
    INVOICE_QUANTITY_TOLERANCE_PERCENT: z.coerce.number().min(0).max(100).default(0),
    DEFAULT_PAYMENT_TERM_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    FILE_MAX_BYTES: z.coerce.number().int().min(1).max(1_073_741_824).default(25 * 1024 * 1024),
    EXPORT_DIR: optionalText,
    EXPORT_LINK_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    EXPORT_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
    EXPORT_RETENTION_HOURS: z.coerce.number().positive().default(24),
  })
  .superRefine((env, ctx) => {
    if (env.JWT_SECRET && env.JWT_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'set either JWT_SECRET or JWT_JWKS_URL, not both' });
    }
    if (env.JWT_JWKS_URL && (!env.JWT_ISSUER || !env.JWT_AUDIENCE)) {
      ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'JWT_ISSUER and JWT_AUDIENCE are required with JWT_JWKS_URL' });
    }
    const standards = parseServiceStandards(env.SERVICE_STANDARDS);
    if (!standards.ok) for (const problem of standards.problems) ctx.addIssue({ code: 'custom', path: ['SERVICE_STANDARDS'], message: problem });
    for (const scope of ['USER', 'ORGANIZATION'] as const) {
      if (env[`BUDGET_${scope}_CAPACITY`] < MAX_COST) {
        ctx.addIssue({ code: 'custom', path: [`BUDGET_${scope}_CAPACITY`], message: `must be at least ${MAX_COST}, the most one operation may cost` });
      }
    }
    if (env.READ_PLANS === 'eager' && env.NODE_ENV !== 'test') {
      ctx.addIssue({ code: 'custom', path: ['READ_PLANS'], message: 'may be eager only with NODE_ENV=test' });
    }
    if (env.TEST_APPLICATION_SCOPING === 'off' && env.NODE_ENV !== 'test') {
      ctx.addIssue({ code: 'custom', path: ['TEST_APPLICATION_SCOPING'], message: 'may be off only with NODE_ENV=test' });
    }
    if (env.JWT_JWKS_URL && !env.WEBHOOK_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET_KEY'], message: 'is required with JWT_JWKS_URL (webhook secrets are encrypted with it)' });
    }
    if (env.JWT_JWKS_URL && !env.EXPORT_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['EXPORT_LINK_SECRET'], message: 'is required with JWT_JWKS_URL (download links are signed with it)' });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET or JWT_JWKS_URL is required in production' });
    }
  });

/** How the server uses a PostgreSQL server: pool size and the bounds on each request's database work. */
export interface Pool {
  size: number;
  /** statement_timeout of every connection. */
  statementTimeoutMs: number;
  /** A statement that waited this long for a free connection fails (SERVICE_UNAVAILABLE). */
  acquireTimeoutMs: number;
  connectTimeoutMs: number;
}

export type Database =
  | { kind: 'pglite'; dataDir: string | undefined } // undefined: in memory
  | { kind: 'postgres'; url: string; pool?: Pool };

export interface WebhookConfig {
  /** Private, loopback or link-local ranges deliveries may reach; empty in production. */
  readonly allowNetworks: readonly WebhookNetwork[];
  /** One attempt gives up after this (connecting, sending and reading the answer). */
  readonly timeoutMs: number;
  /** Retries back off exponentially from this delay, doubling, at most six hours apart. */
  readonly retryDelaySeconds: number;
  /** An endpoint failing without a success for this long is turned off, with the reason. */
  readonly disableAfterMs: number;
  /** The key signing secrets are encrypted with at rest (src/integration/webhooks/secret-box.ts). */
  readonly secretKey: string;
}

export interface ExportConfig {
  /** Where finished exports are written; every instance must see the same folder. */
  readonly directory: string;
  /** Download links are HMAC-SHA256 signed with this key. */
  readonly linkSecret: string;
  /** How long a download link works. */
  readonly linkTtlSeconds: number;
  /** Finished exports (files and records) are deleted this long after they finish. */
  readonly retentionMs: number;
}

export type Jwt =
  | { kind: 'secret'; secret: string; issuer: string | undefined; audience: string | undefined }
  | { kind: 'jwks'; url: string; issuer: string; audience: string };

export interface Config {
  readonly environment: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** A port of its own for /metrics; null: /metrics on `port`. */
  readonly metricsPort: number | null;
  readonly database: Database;
  readonly jwt: Jwt;
  readonly logLevel: (typeof logLevels)[number];
  /** Allowed browser origins; '*' allows any. Empty: no cross-origin access. */
  readonly corsOrigins: readonly string[];
  /** Seed demo data into an empty database at start. */
  readonly seedDemoData: boolean;
  /** GraphiQL page and introspection. */
  readonly developmentTools: boolean;
  readonly shutdownTimeoutMs: number;
  /** The company's time zone: it decides which calendar day "today" is (contract expiry, due dates). */
  readonly timeZone: string;
  /**
   * The working days deadlines count in: "CN" (mainland China's public holidays and adjusted working
   * days), a country or "country-region" code of date-holidays ("DE", "US-CA"), or "weekdays".
   */
  readonly businessCalendar: string;
  /** How soon customer feedback is acknowledged and resolved, per kind and severity. */
  readonly serviceStandards: ServiceStandards;
  /** Cost budgets per user and per partner organisation; null: off. */
  readonly budgets: BudgetConfig | null;
  /** Operations running at once per organisation (src/limits/fair-share.ts). */
  readonly fairShare: FairShareConfig;
  /** Outbound webhook deliveries (src/integration/webhooks). */
  readonly webhooks: WebhookConfig;
  /** Bulk exports (src/integration/exports). */
  readonly exports: ExportConfig;
  /** Supplier certificates: the warning window, and how often the expiry watch runs. */
  readonly certificates: { readonly warningDays: number; readonly checkIntervalMs: number };
  /** Invoices: three-way match tolerances, per cent, and the payment terms when no contract gives them. */
  readonly invoicing: { readonly pricePercent: number; readonly quantityPercent: number; readonly defaultPaymentTermDays: number };
  /** Uploaded files: the largest accepted. */
  readonly files: { readonly maxBytes: number };
  /** The company's X12 identity: ISA sender id (qualifier ZZ) and the buyer's name in an 850. */
  readonly edi: { readonly id: string; readonly name: string };
  readonly websocket: { subscriptionsPerSocket: number; subscriptionsPerUser: number };
  /**
   * The application's own tenancy scoping (src/db/scope.ts). Off only in tests, to show that
   * row-level security alone keeps partners apart.
   */
  readonly applicationScoping: boolean;
  /** When queries are planned (src/read/plans.ts): on a shape's second sighting, never, or (tests) the first. */
  readonly readPlans: 'on' | 'off' | 'eager';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment once into a typed, frozen config; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`));
  }
  const e = parsed.data;
  const database: Database =
    e.DATABASE_URL === undefined
      ? { kind: 'pglite', dataDir: e.DATA_DIR }
      : e.DATABASE_URL === 'memory://'
        ? { kind: 'pglite', dataDir: undefined }
        : {
            kind: 'postgres',
            url: e.DATABASE_URL,
            pool: { size: e.DB_POOL_SIZE, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS, connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS },
          };
  const jwt: Jwt = e.JWT_JWKS_URL
    ? { kind: 'jwks', url: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER!, audience: e.JWT_AUDIENCE! }
    : { kind: 'secret', secret: e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE };
  const corsOrigins = (e.CORS_ORIGINS ?? (e.NODE_ENV === 'production' ? '' : '*'))
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  return Object.freeze({
    environment: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    metricsPort: e.METRICS_PORT ?? null,
    database,
    jwt,
    logLevel: e.LOG_LEVEL,
    corsOrigins,
    // Demo data goes into an empty embedded database in development only; production never gets it
    // unless asked for by name.
    seedDemoData: e.SEED_DEMO_DATA === undefined ? database.kind === 'pglite' && e.NODE_ENV === 'development' : e.SEED_DEMO_DATA === 'true',
    developmentTools: e.NODE_ENV !== 'production',
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    timeZone: e.TIME_ZONE,
    businessCalendar: e.BUSINESS_CALENDAR ?? (e.TIME_ZONE === 'Asia/Shanghai' ? 'CN' : 'weekdays'),
    serviceStandards: (parseServiceStandards(e.SERVICE_STANDARDS) as { ok: true; value: ServiceStandards }).value,
    budgets:
      e.BUDGETS === 'off'
        ? null
        : {
            user: { capacity: e.BUDGET_USER_CAPACITY, restorePerSecond: e.BUDGET_USER_RESTORE_PER_SECOND },
            organization: { capacity: e.BUDGET_ORGANIZATION_CAPACITY, restorePerSecond: e.BUDGET_ORGANIZATION_RESTORE_PER_SECOND },
          },
    fairShare: { perOrganization: e.OPERATIONS_PER_ORGANIZATION, queue: e.OPERATIONS_WAITING_PER_ORGANIZATION, waitMs: e.OPERATION_WAIT_MS },
    websocket: { subscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, subscriptionsPerUser: e.WS_MAX_SUBSCRIPTIONS_PER_USER },
    applicationScoping: e.TEST_APPLICATION_SCOPING === 'on',
    readPlans: e.READ_PLANS,
    webhooks: {
      allowNetworks: (e.WEBHOOK_ALLOW_NETWORKS ?? '').split(',').map((n) => n.trim()).filter((n): n is WebhookNetwork => n !== ''),
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryDelaySeconds: e.WEBHOOK_RETRY_DELAY_SECONDS,
      disableAfterMs: e.WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
      // Without a key of its own, one derived from the token secret (never the token secret itself).
      secretKey: e.WEBHOOK_SECRET_KEY ?? createHmac('sha256', jwt.kind === 'secret' ? jwt.secret : '').update('webhook-secret-key').digest('base64url'),
    },
    edi: { id: e.EDI_COMPANY_ID, name: e.EDI_COMPANY_NAME },
    files: { maxBytes: e.FILE_MAX_BYTES },
    invoicing: { pricePercent: e.INVOICE_PRICE_TOLERANCE_PERCENT, quantityPercent: e.INVOICE_QUANTITY_TOLERANCE_PERCENT, defaultPaymentTermDays: e.DEFAULT_PAYMENT_TERM_DAYS },
    certificates: { warningDays: e.CERTIFICATE_WARNING_DAYS, checkIntervalMs: e.CERTIFICATE_CHECK_INTERVAL_MS },
    exports: {
      directory: resolvePath(e.EXPORT_DIR ?? (database.kind === 'pglite' && database.dataDir !== undefined ? join(database.dataDir, 'exports') : join(tmpdir(), 'scm-exports'))),
      // Without a key of its own, one derived from the token secret: a link signature can never pass for a token's.
      linkSecret: e.EXPORT_LINK_SECRET ?? createHmac('sha256', jwt.kind === 'secret' ? jwt.secret : '').update('bulk-export-download-link').digest('base64url'),
      linkTtlSeconds: e.EXPORT_LINK_TTL_SECONDS,
      retentionMs: e.EXPORT_RETENTION_HOURS * 3_600_000,
    },
  });
}
