import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '../../src/auth/viewer.js';
import { busy, FairShare, ownerParty, type Turn } from '../../src/limits/fair-share.js';

const partner = (org: string, user = 'u1'): Viewer => ({ id: user, name: user, email: `${user}@example.com`, roles: ['SUPPLIER_USER'], organization: { type: 'Supplier', id: org } });
const staff = (user: string): Viewer => ({ id: user, name: user, email: `${user}@example.com`, roles: ['BUYER'], organization: null });

async function granted(turn: Promise<Turn> | Turn): Promise<() => void> {
  const t = await turn;
  if (!t.ok) throw new Error(`refused: ${t.refusal.kind}`);
  return t.release;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fair share of operations per organisation', () => {
  it('runs up to the limit at once, then lets the rest in, in the order they came, as operations end', async () => {
    const share = new FairShare({ perOrganization: 2, queue: 10, waitMs: 60_000 });
    const a = partner('org-a');
    const first = await granted(share.turn(a));
    const second = await granted(share.turn(partner('org-a', 'u2')));
    const started: string[] = [];
    const noting = (name: string) => (t: Turn) => {
      started.push(name);
      return t;
    };
    const third = Promise.resolve(share.turn(a)).then(noting('third'));
    const fourth = Promise.resolve(share.turn(a)).then(noting('fourth'));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([]);
    expect(share.load(a)).toEqual({ running: 2, waiting: 2 });
    second();
    const t3 = await third;
    expect(started).toEqual(['third']);
    expect(share.load(a)).toEqual({ running: 2, waiting: 1 });
    first();
    const t4 = await fourth;
    expect(started).toEqual(['third', 'fourth']);
    if (!t3.ok || !t4.ok) throw new Error('expected turns');
    t3.release();
    t4.release();
    expect(share.load(a)).toEqual({ running: 0, waiting: 0 });
  });

  it('keeps organisations apart: one at its limit does not hold back another; staff users each have their own', async () => {
    const share = new FairShare({ perOrganization: 1, queue: 0, waitMs: 60_000 });
    const release = await granted(share.turn(partner('org-a')));
    const refused = await share.turn(partner('org-a', 'u2'));
    expect(refused).toEqual({ ok: false, refusal: { kind: 'queue full', running: 1, waiting: 0 } });
    (await granted(share.turn(partner('org-b'))))();
    const buyer = await granted(share.turn(staff('buyer-1')));
    (await granted(share.turn(staff('buyer-2'))))();
    expect((await share.turn(staff('buyer-1'))).ok).toBe(false);
    buyer();
    release();
    (await granted(share.turn(partner('org-a', 'u2'))))();
  });

  it('refuses one that waited too long, and forgets it: the next release goes to the one behind it', async () => {
    vi.useFakeTimers();
    const share = new FairShare({ perOrganization: 1, queue: 5, waitMs: 1_000 });
    const a = partner('org-a');
    const release = await granted(share.turn(a));
    const early = share.turn(a);
    vi.advanceTimersByTime(600);
    const late = share.turn(a);
    vi.advanceTimersByTime(500);
    expect(await early).toEqual({ ok: false, refusal: { kind: 'waited too long', running: 1, waitedMs: 1_000 } });
    expect(share.load(a)).toEqual({ running: 1, waiting: 1 });
    release();
    const next = await late;
    expect(next.ok).toBe(true);
    vi.advanceTimersByTime(5_000);
    if (next.ok) next.release();
    expect(share.load(a)).toEqual({ running: 0, waiting: 0 });
  });

  it('gives a slot back once however often release is called', async () => {
    const share = new FairShare({ perOrganization: 1, queue: 1, waitMs: 60_000 });
    const a = partner('org-a');
    const release = await granted(share.turn(a));
    release();
    release();
    const again = await granted(share.turn(a));
    expect(share.load(a)).toEqual({ running: 1, waiting: 0 });
    again();
  });

  it('is refused as THROTTLED, 429, with Retry-After 1', () => {
    const error = busy({ kind: 'queue full', running: 5, waiting: 200 });
    expect(error.message).toBe('Your organisation has 5 operations running and 200 waiting, the most this server takes at once. Try again in 1 s.');
    expect(error.extensions).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 1, http: { status: 429 } });
    expect(busy({ kind: 'waited too long', running: 5, waitedMs: 10_000 }).message).toBe(
      "This operation waited 10000 ms for one of your organisation's 5 running operations to end. Try again in 1 s.",
    );
  });

  it("reads a record's signed link in the turn of the partner it belongs to, else of the user it was made by", async () => {
    expect(ownerParty('u9', 's1', null)).toEqual({ id: 'u9', organization: { type: 'Supplier', id: 's1' } });
    expect(ownerParty('u9', null, 'c1')).toEqual({ id: 'u9', organization: { type: 'Customer', id: 'c1' } });
    expect(ownerParty('buyer-1', null, null)).toEqual({ id: 'buyer-1', organization: null });
    // The partner's users and its links share one line; a staff user's links share the user's.
    const share = new FairShare({ perOrganization: 1, queue: 0, waitMs: 60_000 });
    const release = await granted(share.turn(partner('s1', 'u1')));
    expect(share.turn(ownerParty('u9', 's1', null))).toEqual({ ok: false, refusal: { kind: 'queue full', running: 1, waiting: 0 } });
    await granted(share.turn(ownerParty('u1', 's2', null)));
    await granted(share.turn(ownerParty('buyer-1', null, null)));
    expect(share.turn(staff('buyer-1'))).toEqual({ ok: false, refusal: { kind: 'queue full', running: 1, waiting: 0 } });
    release();
  });
});
