import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config.js';
import { fromGlobalId, idOfType, toGlobalId } from '../../src/domain/shared/ids.js';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 4000 with demo data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.jwt).toEqual({ kind: 'secret', secret: DEVELOPMENT_JWT_SECRET, issuer: undefined, audience: undefined });
    expect(config.seedDemoData).toBe(true);
    expect(config.developmentTools).toBe(true);
    expect(config.corsOrigins).toEqual(['*']);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/scm',
      JWT_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      JWT_ISSUER: 'https://id.example.com/',
      JWT_AUDIENCE: 'scm-api',
      LOG_LEVEL: 'debug',
      CORS_ORIGINS: 'https://portal.example.com, https://dash.example.com',
      NODE_ENV: 'production',
      EXPORT_DIR: '/var/lib/scm/exports',
      EXPORT_LINK_SECRET: 'a-link-secret-of-at-least-32-characters',
      WEBHOOK_SECRET_KEY: 'a-webhook-key-of-at-least-32-characters',
      EXPORT_LINK_TTL_SECONDS: '300',
      EXPORT_RETENTION_HOURS: '48',
    });
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/scm', pool: { size: 10, statementTimeoutMs: 10_000, acquireTimeoutMs: 10_000, connectTimeoutMs: 1_500 } });
    expect(config.jwt).toEqual({ kind: 'jwks', url: 'https://id.example.com/.well-known/jwks.json', issuer: 'https://id.example.com/', audience: 'scm-api' });
    expect(config.corsOrigins).toEqual(['https://portal.example.com', 'https://dash.example.com']);
    expect(config.seedDemoData).toBe(false);
    expect(config.developmentTools).toBe(false);
    expect(config.exports).toEqual({ directory: '/var/lib/scm/exports', linkSecret: 'a-link-secret-of-at-least-32-characters', linkTtlSeconds: 300, retentionMs: 48 * 3_600_000 });
  });

  it('needs a download-link secret and a webhook secret key with JWKS tokens, and derives one from JWT_SECRET otherwise', () => {
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://id.example.com/jwks.json', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toThrow(/EXPORT_LINK_SECRET/);
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://id.example.com/jwks.json', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toThrow(/WEBHOOK_SECRET_KEY/);
    const a = loadConfig({ JWT_SECRET: 'a-production-secret-of-at-least-32-characters' }).exports.linkSecret;
    const b = loadConfig({ JWT_SECRET: 'another-production-secret-of-32-characters' }).exports.linkSecret;
    expect(a).not.toBe(b);
    expect(a).not.toContain('a-production-secret');
  });

  it('accepts CORS origins as browsers send them, and *', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://portal.example.com, http://localhost:5173' }).corsOrigins).toEqual(['https://portal.example.com', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  it('never seeds demo data in production unless SEED_DEMO_DATA=true names it', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
    expect(loadConfig(production).seedDemoData).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).seedDemoData).toBe(false);
  });

  it('uses memory:// for an in-memory embedded database', () => {
    expect(loadConfig({ DATABASE_URL: 'memory://' }).database).toEqual({ kind: 'pglite', dataDir: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ JWT_JWKS_URL: 'https://id.example.com/jwks' }, 'JWT_ISSUER'],
    [{ CORS_ORIGINS: 'portal.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://portal.example.com/' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://portal.example.com, ftp://x.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://portal.example.com/app' }, 'CORS_ORIGINS'],
    [{ METRICS_PORT: 'ninety' }, 'METRICS_PORT'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.some((p) => p.startsWith(`${variable}:`))).toBe(true);
    }
  });
});

describe('global ids', () => {
  const uuid = '5a1f3c2e-0001-4000-8000-00000000c001';
  it('round-trips and names the type', () => {
    expect(fromGlobalId(toGlobalId('Supplier', uuid))).toEqual({ type: 'Supplier', id: uuid });
  });
  it('never resolves an id of another type', () => {
    expect(idOfType(toGlobalId('Customer', uuid), 'Supplier')).toBeNull();
  });
  it.each(['', 'not-an-id', uuid, Buffer.from('Supplier:1').toString('base64url'), Buffer.from(`Shipment:${uuid}`).toString('base64url')])('refuses %j', (id) => {
    expect(fromGlobalId(id)).toBeNull();
  });
});
