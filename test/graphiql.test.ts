import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../src/config.js';
import { acknowledgedOrder, M, mutate, parts, supplierWithUser } from './support/orders.js';
import { type Actor, startServer, type TestServer } from './support/server.js';

/** Debian's chromium (.ci/run installs it), with the flags that keep it off the network. */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

let server: TestServer;
let admin: Actor;
let browser: Browser | undefined;
const pageUrl = () => server.url.replace(/\/graphql$/, '/graphiql');

beforeAll(async () => {
  // As `npm start` runs it: the built-in development secret, so the page opens signed in.
  server = await startServer({ env: { JWT_SECRET: DEVELOPMENT_JWT_SECRET } });
  admin = await server.as('admin');
});
afterAll(async () => {
  await browser?.close();
  await server.stop();
});

describe('the GraphiQL page', () => {
  it('is sent compressed, with an ETag that answers 304 when it has not changed', async () => {
    // node:http, which leaves the body as it was sent (fetch would decompress it).
    const first = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      get(pageUrl(), { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const compressed = first.body;
    const html = brotliDecompressSync(compressed).toString();
    expect(compressed.length).toBeLessThan(html.length / 3);
    expect(html).toContain('npm run token -- buyer');
    const again = await fetch(pageUrl(), { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const gzipped = await fetch(pageUrl(), { headers: { 'accept-encoding': 'gzip' } });
    expect([gzipped.headers.get('content-encoding'), gzipped.headers.get('etag')]).toEqual(['gzip', etag]);
  });
});

describe.runIf(existsSync(CHROMIUM))('GraphiQL in a real browser', () => {
  it('opens without an error, shows how to authenticate, runs a query, and receives a subscription event over WebSocket', async () => {
    const buyer = await server.as('buyer');
    const { supplier, user } = await supplierWithUser(server, admin);
    const order = await acknowledgedOrder(server, buyer, supplier, user, (await parts(admin)).map((p) => p.id));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(pageUrl());
    const execute = page.locator('.graphiql-execute-button');
    await execute.waitFor({ timeout: 30_000 });
    // The editor opens on instructions for signing in.
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent().then((t) => (t ?? '').replace(/\u00a0/g, ' ')), { timeout: 15_000 }).toContain('npm run token');
    // The schema loaded (the embedded demo token was accepted): the documentation explorer knows Query.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').textContent(), { timeout: 15_000 }).toContain('Query');
    // biome-ignore lint/performance/useDomNodeTextContent: the text shown, not the scripts' (the bundle holds the message)
    expect(await page.locator('body').innerText()).not.toContain('Error fetching schema');

    await execute.click();
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 15_000 }).toContain('"totalCount"');
    expect(await page.locator('.graphiql-response').textContent()).not.toContain('UNAUTHENTICATED');

    const subscription = `subscription { deliveryUpdated(orderId: "${order.id}") { event { status location } } }`;
    await page.goto(`${pageUrl()}?query=${encodeURIComponent(subscription)}`);
    await execute.waitFor({ timeout: 30_000 });
    await execute.click();
    // Subscribed once the server counts it; then an event is recorded through the API.
    const metrics = server.url.replace(/\/graphql$/, '/metrics');
    await expect.poll(async () => /^scm_subscriptions_active 1$/m.test(await (await fetch(metrics)).text()), { timeout: 15_000 }).toBe(true);
    const asn = await mutate(server, user, M.createDelivery, { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: '1' }] });
    expect(asn.errors).toEqual([]);
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 15_000 }).toContain('"PLANNED"');
    expect(problems).toEqual([]);
  }, 120_000);
});
