import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnServer } from './support/process.js';

// The built server and command-line tools, run as their own processes.
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'scm-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function graphql(port: number, token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

describe('configuration errors', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT:'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL:'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET:'],
  ])('stop the process with a message naming the variable: %j', async (env, variable) => {
    const result = await runCli('dist/main.js', [], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(variable);
  });
});

describe('start-up failures', () => {
  it('stops at once with one line when the port is in use, before touching the database', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const dataDir = await mkdtemp(join(tmpdir(), 'scm-port-'));
      const result = await runCli('dist/main.js', [], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`Failed to start: Port ${port} on 127.0.0.1 is already in use by another process: stop it, or set PORT to a free port.\n`);
      // Nothing was created: the embedded database was never opened.
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      holder.close();
    }
  });

  it('stops with one line, no stack, when the database cannot be reached', async () => {
    const result = await runCli('dist/main.js', [], { PORT: '0', DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/scm', LOG_LEVEL: 'warn' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Failed to start: Cannot reach the database at 127.0.0.1:1/scm: nothing accepts connections there. Start PostgreSQL or correct DATABASE_URL.\n');
  });

  // Two embedded databases start in turn, the first creating its schema: 18 s alone on a 2-core machine, more beside other test files.
  it('refuses a second process on the same DATA_DIR, and lets one start once the first has stopped', { timeout: 90_000 }, async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'scm-lock-')), 'data');
    const first = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO_DATA: 'false' });
    try {
      const second = await runCli('dist/main.js', [], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(`Failed to start: DATA_DIR ${dataDir} is in use by another server process (lock ${dataDir}.lock): stop it, or set DATA_DIR to another folder.\n`);
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
    const third = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO_DATA: 'false' });
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});

describe('npm run token', () => {
  it('prints only a token for a demo user', async () => {
    const result = await runCli('dist/cli/token.js', ['supplier-suzhou']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = decodeJwt(result.stdout.trim());
    expect(claims).toMatchObject({ sub: 'demo-supplier-suzhou', roles: ['SUPPLIER_USER'] });
    expect(typeof claims.org).toBe('string');
  });

  it('prints a token for any role, partner, subject, name and lifetime', async () => {
    const result = await runCli('dist/cli/token.js', ['--role', 'customer_user', '--org', 'Q3VzdG9tZXI6NWExZjNjMmUtMDEwMS00MDAwLTgwMDAtMDAwMDAwMDBjMTAx', '--sub', 'u-7', '--name', 'Kim', '--ttl', '60']);
    expect(result.code).toBe(0);
    const claims = decodeJwt(result.stdout.trim());
    expect(claims).toMatchObject({ sub: 'u-7', name: 'Kim', roles: ['CUSTOMER_USER'], org: 'Q3VzdG9tZXI6NWExZjNjMmUtMDEwMS00MDAwLTgwMDAtMDAwMDAwMDBjMTAx' });
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it.each([[['nobody']], [['--role', 'SUPPLIER_USER']], [['--role', 'BUYER', '--org', 'x']], [['--role', 'KING']], [['buyer', '--ttl', '-5']]])('refuses %j', async (args) => {
    const result = await runCli('dist/cli/token.js', args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('the server process', { timeout: 90_000 }, () => {
  it('seeds demo data into an empty data folder once, and serves it to the demo users', async () => {
    const dataDir = tempDir();
    const first = await spawnServer({ DATA_DIR: dataDir });
    try {
      expect(first.logs.some((l) => l.msg === 'demo data loaded into the empty database')).toBe(true);
      const token = async (user: string) => (await runCli('dist/cli/token.js', [user])).stdout.trim();
      const staff = await graphql(first.port, await token('viewer'), '{ suppliers(first: 100) { nodes { status } } parts(first: 100) { nodes { importanceClass } } customers { totalCount } }');
      expect(new Set(staff.data!.suppliers.nodes.map((s: { status: string }) => s.status))).toEqual(new Set(['CANDIDATE', 'APPROVED', 'CONDITIONAL', 'SUSPENDED', 'DISQUALIFIED']));
      expect(new Set(staff.data!.parts.nodes.map((p: { importanceClass: string }) => p.importanceClass))).toEqual(new Set(['I', 'II', 'III']));
      expect(staff.data!.customers.totalCount).toBeGreaterThanOrEqual(1);
      const suzhou = await graphql(first.port, await token('supplier-suzhou'), '{ viewer { organization { name } } suppliers { nodes { code } } }');
      expect(suzhou.data).toEqual({ viewer: { organization: { name: 'Suzhou Precision Machining Co., Ltd.' } }, suppliers: { nodes: [{ code: 'SZM-001' }] } });
      const rheinland = await graphql(first.port, await token('supplier-rheinland'), '{ suppliers { nodes { code } } }');
      expect(rheinland.data).toEqual({ suppliers: { nodes: [{ code: 'DE-HYD-002' }] } });
      const nordwind = await graphql(first.port, await token('customer-nordwind'), '{ customers { nodes { code } } }');
      expect(nordwind.data).toEqual({ customers: { nodes: [{ code: 'NORDWIND' }] } });
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
    const second = await spawnServer({ DATA_DIR: dataDir });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.logs.some((l) => l.msg === 'demo data loaded into the empty database')).toBe(false);
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const server = await spawnServer({ DATABASE_URL: 'memory://', SEED_DEMO_DATA: 'false' });
    const token = (await runCli('dist/cli/token.js', ['viewer'])).stdout.trim();
    const body = JSON.stringify({ query: '{ viewer { name } }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // Half the body now; the rest after the server was told to stop.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    const result = await response;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { viewer: { name: 'Vera Viewer' } }, extensions: { cost: expect.objectContaining({ requested: 1 }) } });
    expect(await server.exited).toBe(0);
    expect(server.logs.some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('logs every request with its request id; a GraphQL one with its operation, viewer, cost, statements and time', async () => {
    const server = await spawnServer({ DATABASE_URL: 'memory://', SEED_DEMO_DATA: 'false' });
    try {
      await fetch(`http://127.0.0.1:${server.port}/healthz`, { headers: { 'x-request-id': 'trace-me-1' } });
      const token = (await runCli('dist/cli/token.js', ['--role', 'SUPPLIER_USER', '--org', 'U3VwcGxpZXI6NWExZjNjMmUtMDAwMi00MDAwLTgwMDAtMDAwMDAwMDBjMDAy', '--sub', 'u-log'])).stdout.trim();
      const ask = (bearer: string, requestId: string, query: string) =>
        fetch(`http://127.0.0.1:${server.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-request-id': requestId },
          body: JSON.stringify({ query }),
        });
      const myOrders = 'query MyOrders { orders(first: 5) { totalCount } }';
      expect((await ask(token, 'trace-me-2', myOrders)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      expect(server.logs.find((l) => l.requestId === 'trace-me-1')).toMatchObject({ msg: 'request', method: 'GET', path: '/healthz', status: 200 });
      const line = server.logs.find((l) => l.requestId === 'trace-me-2');
      expect(line).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 200, operation: 'MyOrders', type: 'query', user: 'u-log', organization: '5a1f3c2e-0002-4000-8000-00000000c002', cost: expect.any(Number), ms: expect.any(Number) });
      // The first operation of a user: its budget row created and a lease charged, then the one compiled read.
      expect(line!.statements).toBe(3);
      expect(line).not.toHaveProperty('errors');
      expect((await ask(token, 'trace-me-3', myOrders)).status).toBe(200);
      const admin = (await runCli('dist/cli/token.js', ['--role', 'ADMIN', '--sub', 'u-admin'])).stdout.trim();
      expect((await ask(admin, 'trace-me-4', 'mutation Create { createSupplier(input: { code: "LOG-1", name: "Log Co" }) { supplier { code } errors { code } } }')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      // Spent from the lease this instance holds: the read alone.
      expect(server.logs.find((l) => l.requestId === 'trace-me-3')).toMatchObject({ operation: 'MyOrders', statements: 1 });
      // A new user's budget row and lease (2), then the use case's transaction: the activity lock,
      // the code check, the supplier, its activity row, the notification (5), and the payload read (1).
      expect(server.logs.find((l) => l.requestId === 'trace-me-4')).toMatchObject({ operation: 'Create', type: 'mutation', user: 'u-admin', organization: null, statements: 8 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
