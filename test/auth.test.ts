import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/domain/shared/ids.js';
import { demoPartnerIds } from '../src/demo/users.js';
import { startServer, TEST_JWT_SECRET, type TestServer, wsRun } from './support/server.js';

const VIEWER = '{ viewer { id name email roles organization { id name } } }';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

async function rawToken(claims: Record<string, unknown>, expiresIn: number | string = '1h', secret = TEST_JWT_SECRET) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
}

describe('authentication over HTTP', () => {
  it('refuses an operation without a token with 401 UNAUTHENTICATED, before reading the document', async () => {
    const response = await server.request(VIEWER, undefined, null);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="graphql"');
    expect(response.body).toEqual({ errors: [{ message: 'Sign in: send an access token as "Authorization: Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('refuses a token signed with another secret with HTTP 401', async () => {
    const token = await rawToken({ roles: ['ADMIN'] }, '1h', 'another-secret-that-is-long-enough-to-be-a-secret');
    const response = await server.request(VIEWER, undefined, token);
    expect(response.status).toBe(401);
    expect(response.body.errors).toEqual([{ message: 'The access token is invalid.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('says so when the token has expired', async () => {
    const token = await rawToken({ roles: ['ADMIN'] }, Math.floor(Date.now() / 1000) - 60);
    const response = await server.request(VIEWER, undefined, token);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('The access token has expired; sign in again.');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic abc' }, body: JSON.stringify({ query: VIEWER }) });
    expect(response.status).toBe(401);
  });

  it.each([
    [{ roles: ['OWNER'] }, "The access token's roles must be a non-empty list"],
    [{ roles: [] }, "The access token's roles must be a non-empty list"],
    [{ roles: ['SUPPLIER_USER'] }, 'A SUPPLIER_USER token needs an org claim'],
    [{ roles: ['SUPPLIER_USER'], org: toGlobalId('Customer', demoPartnerIds.nordwindFahrzeug) }, 'A SUPPLIER_USER token needs an org claim'],
    [{ roles: ['BUYER'], org: toGlobalId('Supplier', demoPartnerIds.suzhouMachining) }, 'Staff tokens carry no org claim.'],
    [{ roles: ['SUPPLIER_USER', 'BUYER'], org: toGlobalId('Supplier', demoPartnerIds.suzhouMachining) }, 'A partner user holds exactly one role.'],
  ])('refuses claims %j', async (claims, message) => {
    const response = await server.request(VIEWER, undefined, await rawToken(claims));
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toContain(message);
  });

  it.each(['admin', 'buyer', 'quality', 'sales', 'viewer'])('tells staff user %s who they are', async (user) => {
    const actor = await server.as(user);
    const data = await actor.data(VIEWER);
    expect(data.viewer.organization).toBeNull();
    expect(data.viewer.roles).toHaveLength(1);
  });

  it('gives a partner user its organisation', async () => {
    const admin = await server.as('admin');
    await admin.data('mutation { createSupplier(input: { code: "ORG-1", name: "Org One" }) { supplier { id } } }');
    const created = await admin.data('{ suppliers(filter: { search: "ORG-1" }) { nodes { id } } }');
    const org = created.suppliers.nodes[0].id;
    const partner = await server.as({ roles: ['SUPPLIER_USER'], org, sub: 'p-1', name: 'Pat Partner' });
    const data = await partner.data(VIEWER);
    expect(data.viewer).toEqual({ id: 'p-1', name: 'Pat Partner', email: 'p-1@example.com', roles: ['SUPPLIER_USER'], organization: { id: org, name: 'Org One' } });
  });
});

describe('authentication over WebSocket', () => {
  it('runs operations for a token given in connectionParams.authorization', async () => {
    const client = server.wsClient(await server.token('buyer'));
    const result = await wsRun(client, VIEWER);
    expect(result.data).toEqual({ viewer: { id: 'demo-buyer', name: 'Bo Buyer', email: 'bo.buyer@example.com', roles: ['BUYER'], organization: null } });
  });

  it.each([
    ['no token', null, 'Unauthorized: send connectionParams.authorization = "Bearer <token>"'],
    ['an invalid token', 'not.a.token', 'Unauthorized: The access token is invalid.'],
  ])('closes the connection with 4401, which clients do not retry, for %s', async (_what, token, reason) => {
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = server.wsClient(token, { on: { closed: (event) => resolve(event as { code: number; reason: string }) } });
      wsRun(client, VIEWER).catch(() => {});
    });
    expect(await closed).toMatchObject({ code: 4401, reason });
  });

  it('answers an invalid operation with an error and keeps the socket for the next one', async () => {
    const client = server.wsClient(await server.token('viewer'));
    const bad = await wsRun(client, '{ viewer { nope } }');
    expect(bad.errors?.[0]?.message).toContain('Cannot query field "nope"');
    const unparsable = await wsRun(client, '{ viewer {');
    expect(unparsable.errors?.[0]?.message).toContain('Syntax Error');
    const good = await wsRun(client, '{ viewer { name } }');
    expect(good.data).toEqual({ viewer: { name: 'Vera Viewer' } });
  });
});
