import { describe, expect, it } from 'vitest';
import { createTokenVerifier, signToken, TokenError, VerifiedTokens } from '../../src/auth/tokens.js';
import type { Viewer } from '../../src/auth/viewer.js';

const viewer = (id: string): Viewer => ({ id, name: id, email: '', roles: ['VIEWER'], organization: null });

describe('verified tokens', () => {
  it('answer until the token expires, and no longer', () => {
    const cache = new VerifiedTokens();
    cache.set('t', viewer('a'), 1_000, 61_000);
    expect(cache.get('t', 60_999)?.id).toBe('a');
    expect(cache.get('t', 61_000)).toBeUndefined();
    expect(cache.get('t', 1_000)).toBeUndefined();
  });

  it('keep a token without exp, or a long-lived one, for at most five minutes', () => {
    const cache = new VerifiedTokens();
    cache.set('no-exp', viewer('a'), 0, undefined);
    cache.set('long', viewer('b'), 0, 24 * 3_600_000);
    expect(cache.get('no-exp', VerifiedTokens.MAX_CACHE_MS - 1)?.id).toBe('a');
    expect(cache.get('no-exp', VerifiedTokens.MAX_CACHE_MS)).toBeUndefined();
    expect(cache.get('long', VerifiedTokens.MAX_CACHE_MS)).toBeUndefined();
  });

  it('hold at most MAX_ENTRIES tokens, dropping the oldest', () => {
    const cache = new VerifiedTokens();
    for (let i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) cache.set(`t${i}`, viewer(`u${i}`), 0, 60_000);
    expect(cache.get('t0', 1)).toBeUndefined();
    expect(cache.get('t1', 1)?.id).toBe('u1');
    expect(cache.get(`t${VerifiedTokens.MAX_ENTRIES}`, 1)?.id).toBe(`u${VerifiedTokens.MAX_ENTRIES}`);
  });

  it('check a token once while requests carrying it wait for the first check, a bad one too', async () => {
    const jwt = { kind: 'secret', secret: 'verified-tokens-test-secret-0123456789abcdef', issuer: undefined, audience: undefined } as const;
    const verify = createTokenVerifier(jwt);
    const token = await signToken(jwt, { sub: 'u1', name: 'U', email: 'u@example.com', roles: ['BUYER'], ttlSeconds: 600 });
    const parallel = [verify(token), verify(token), verify(token)];
    expect(parallel[1]).toBe(parallel[0]);
    expect(parallel[2]).toBe(parallel[0]);
    const viewers = await Promise.all(parallel);
    expect(viewers[0]).toMatchObject({ id: 'u1', roles: ['BUYER'], organization: null });
    // Answered from the verified tokens afterwards: the same viewer, a new promise.
    const later = verify(token);
    expect(later).not.toBe(parallel[0]);
    expect(await later).toBe(viewers[0]);
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    const refused = [verify(forged), verify(forged)];
    expect(refused[1]).toBe(refused[0]);
    for (const attempt of refused) await expect(attempt).rejects.toBeInstanceOf(TokenError);
    // A refusal is not remembered: the next attempt is checked again (and refused again).
    const again = verify(forged);
    expect(again).not.toBe(refused[0]);
    await expect(again).rejects.toBeInstanceOf(TokenError);
  });
});
