import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../src/auth/tokens.js';
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
});
