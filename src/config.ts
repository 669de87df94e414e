import { z } from 'zod';
import { parseServiceStandards, type ServiceStandards } from './domain/feedback/service-standards.js';

/** Development-only signing secret, so that `npm start` and `npm run token` work out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789abcdef';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const environment = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
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
    CORS_ORIGINS: optionalText,
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
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_SECRET or JWT_JWKS_URL is required in production' });
    }
  });

export type Database =
  | { kind: 'pglite'; dataDir: string | undefined } // undefined: in memory
  | { kind: 'postgres'; url: string };

export type Jwt =
  | { kind: 'secret'; secret: string; issuer: string | undefined; audience: string | undefined }
  | { kind: 'jwks'; url: string; issuer: string; audience: string };

export interface Config {
  readonly environment: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
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
  /** How soon customer feedback is acknowledged and resolved, per kind and severity. */
  readonly serviceStandards: ServiceStandards;
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
        : { kind: 'postgres', url: e.DATABASE_URL };
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
    database,
    jwt,
    logLevel: e.LOG_LEVEL,
    corsOrigins,
    seedDemoData: e.SEED_DEMO_DATA === undefined ? database.kind === 'pglite' && e.NODE_ENV !== 'test' : e.SEED_DEMO_DATA === 'true',
    developmentTools: e.NODE_ENV !== 'production',
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    timeZone: e.TIME_ZONE,
    serviceStandards: (parseServiceStandards(e.SERVICE_STANDARDS) as { ok: true; value: ServiceStandards }).value,
  });
}
