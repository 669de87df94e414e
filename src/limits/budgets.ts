import { sql } from 'drizzle-orm';
import type { GraphQLError } from 'graphql';
import { throttledError } from '../errors.js';
import type { Viewer } from '../auth/viewer.js';
import { type Db, executeRows } from '../db/client.js';
import { requestBudgets } from '../db/schema/index.js';
import { msg } from '../i18n/message.js';

/** A leaky bucket's size and how fast it drains, in cost points. */
export interface BucketSize {
  capacity: number;
  restorePerSecond: number;
}

export interface BudgetConfig {
  user: BucketSize;
  /** Shared by every user of one partner organisation; staff have only their own. */
  organization: BucketSize;
}

/** What the tighter of the viewer's buckets holds after this request was charged. */
export interface BudgetStatus {
  capacity: number;
  remaining: number;
  restorePerSecond: number;
}

export type BudgetVerdict = { ok: true; status: BudgetStatus } | { ok: false; retryAfterSeconds: number; status: BudgetStatus };

interface Bucket extends BucketSize {
  key: string;
}

function bucketsOf(viewer: Viewer, config: BudgetConfig): Bucket[] {
  const buckets: Bucket[] = [{ key: `user:${viewer.id}`, ...config.user }];
  if (viewer.organization !== null) buckets.push({ key: `organization:${viewer.organization.id}`, ...config.organization });
  return buckets;
}

/** Keys whose rows are known to exist; bounded, so a flood of new users cannot grow it for ever. */
const MAX_KNOWN_KEYS = 50_000;

/** The status of the bucket with the least left: what `extensions.cost.budget` reports. */
function tightestOf(statuses: readonly BudgetStatus[]): BudgetStatus {
  return statuses.reduce((tightest, status) => (status.remaining < tightest.remaining ? status : tightest));
}

/** An instance leases this share of a bucket at once, for operations that cost far less. */
const LEASE_SHARE = 1 / 20;
/** ... when an operation costs at most this share of a lease; dearer ones are charged as they come. */
const LEASED_COST_SHARE = 1 / 4;

/** Points this instance holds of a bucket, drawn from PostgreSQL, and what the bucket had left then. */
interface Allowance {
  points: number;
  remaining: number;
  status: BudgetStatus;
}

/**
 * Cost budgets per user and per partner organisation, kept in PostgreSQL so that every instance
 * charges the same buckets. A request is charged its static cost in all of the viewer's buckets or
 * in none: one statement locks the rows, drains them by the time since their last charge, and adds
 * the cost only when every bucket has room for it. A bucket never holds more than its capacity, so
 * that lowering a capacity takes effect at once rather than after a long drain.
 *
 * Cheap operations draw on a lease: when a bucket has room, an instance takes a twentieth of it at
 * once and spends it locally, going back to the table when it runs out. Every point spent was first
 * charged in PostgreSQL, so all instances together never spend more than the bucket allows; points
 * leased and not yet spent are held back from other instances until the bucket drains them.
 */
export class Budgets {
  private readonly known = new Set<string>();
  private readonly allowances = new Map<string, Allowance>();
  /**
   * Buckets this instance found too full, with the time until which it refuses them without asking
   * the database (the Retry-After it gave): a client that floods through a 429 costs one map lookup
   * per request, not a statement, so that it cannot slow the instance for everyone else.
   */
  private readonly refusedUntil = new Map<string, { until: number; status: BudgetStatus }>();

  /**
   * Each viewer's buckets, worked out once: a viewer stands for a verified token and is the same
   * object for every request that carries it (src/auth/tokens.ts).
   */
  private readonly bucketsByViewer = new WeakMap<Viewer, readonly Bucket[]>();

  constructor(
    private readonly db: Db,
    readonly config: BudgetConfig,
  ) {}

  private bucketsOf(viewer: Viewer): readonly Bucket[] {
    let buckets = this.bucketsByViewer.get(viewer);
    if (buckets === undefined) {
      buckets = bucketsOf(viewer, this.config);
      this.bucketsByViewer.set(viewer, buckets);
    }
    return buckets;
  }

  /** The refusal in force for one of the viewer's buckets on this instance, if any. */
  refusal(viewer: Viewer): Extract<BudgetVerdict, { ok: false }> | null {
    if (this.refusedUntil.size === 0) return null;
    const now = Date.now();
    for (const bucket of this.bucketsOf(viewer)) {
      const refused = this.refusedUntil.get(bucket.key);
      if (refused === undefined) continue;
      if (refused.until <= now) {
        this.refusedUntil.delete(bucket.key);
        continue;
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((refused.until - now) / 1000)), status: refused.status };
    }
    return null;
  }

  /** Charges `cost`; `onStatement` hears of each SQL statement it runs on the request's behalf. */
  async charge(viewer: Viewer, cost: number, onStatement: () => void = () => {}): Promise<BudgetVerdict> {
    const refused = this.refusal(viewer);
    if (refused !== null) return refused;
    const buckets = this.bucketsOf(viewer);
    // Spent from what this instance holds when every bucket has enough.
    const spent = this.spendHeld(buckets, cost);
    if (spent !== null) return { ok: true, status: spent };
    const unknown = buckets.filter((b) => !this.known.has(b.key));
    if (unknown.length > 0) {
      onStatement();
      await this.db
        .insert(requestBudgets)
        .values(unknown.map((b) => ({ key: b.key, level: 0 })))
        .onConflictDoNothing();
      if (this.known.size + unknown.length > MAX_KNOWN_KEYS) this.known.clear();
      for (const b of unknown) this.known.add(b.key);
    }
    // What each bucket is asked for: a lease when the operation is cheap against it, else its cost.
    const wanted = buckets.map((b) => {
      const lease = b.capacity * LEASE_SHARE;
      return cost <= lease * LEASED_COST_SHARE ? lease : cost;
    });
    onStatement();
    const rows = await executeRows<{ ok: boolean; key: string; capacity: number; rate: number; level: number; taken: number }>(this.db, sql`
      with k(key, capacity, rate, wanted) as (
        values ${sql.join(
          buckets.map((b, i) => sql`(${b.key}::text, ${b.capacity}::float8, ${b.restorePerSecond}::float8, ${wanted[i]}::float8)`),
          sql`, `,
        )}
      ),
      drained as (
        select b.key, k.capacity, k.rate, k.wanted, least(k.capacity, greatest(0, b.level - extract(epoch from (clock_timestamp() - b.updated_at)) * k.rate)) as level
        from ${requestBudgets} b join k on k.key = b.key
        for update of b
      ),
      verdict as (select coalesce(bool_and(level + ${cost}::float8 <= capacity), true) as ok from drained),
      taken as (
        select d.key, case when not v.ok then 0 when d.level + d.wanted <= d.capacity then d.wanted else ${cost}::float8 end as taken
        from drained d, verdict v
      ),
      charged as (
        update ${requestBudgets} b set level = d.level + t.taken, updated_at = clock_timestamp()
        from drained d, taken t where b.key = d.key and t.key = d.key
        returning b.key
      )
      select v.ok, d.key, d.capacity, d.rate, d.level, t.taken from drained d join taken t on t.key = d.key, verdict v`);
    if (rows.length === 0) return { ok: true, status: { capacity: buckets[0]!.capacity, remaining: buckets[0]!.capacity, restorePerSecond: buckets[0]!.restorePerSecond } };
    const ok = rows[0]!.ok;
    let wait = 0;
    const statuses = rows.map((row) => {
      const level = Number(row.level) + (ok ? cost : 0);
      const status = { capacity: Number(row.capacity), remaining: Math.max(0, Math.floor(Number(row.capacity) - level)), restorePerSecond: Number(row.rate) };
      if (!ok) wait = Math.max(wait, (Number(row.level) + cost - Number(row.capacity)) / Number(row.rate));
      if (ok) this.hold(row.key, Number(row.taken) - cost, Number(row.capacity) - level, status);
      return status;
    });
    const tightest = tightestOf(statuses);
    if (ok) return { ok: true, status: tightest };
    const retryAfterSeconds = Math.max(1, Math.ceil(wait));
    if (this.refusedUntil.size >= MAX_KNOWN_KEYS) this.refusedUntil.clear();
    for (const row of rows) {
      if (Number(row.level) + cost > Number(row.capacity)) this.refusedUntil.set(row.key, { until: Date.now() + retryAfterSeconds * 1000, status: tightest });
    }
    return { ok: false, retryAfterSeconds, status: tightest };
  }

  /** Spends `cost` from what this instance holds of every bucket, if each holds enough: the tightest status after; null otherwise. */
  private spendHeld(buckets: readonly Bucket[], cost: number): BudgetStatus | null {
    for (const bucket of buckets) {
      const allowance = this.allowances.get(bucket.key);
      if (allowance === undefined || allowance.points < cost) return null;
    }
    let tightest: BudgetStatus | null = null;
    for (const bucket of buckets) {
      const allowance = this.allowances.get(bucket.key)!;
      allowance.points -= cost;
      allowance.remaining -= cost;
      const remaining = Math.max(0, Math.floor(allowance.remaining));
      if (tightest === null || remaining < tightest.remaining) tightest = { ...allowance.status, remaining };
    }
    return tightest;
  }

  /** Keeps what a lease left after this operation, added to what the instance held of the bucket. */
  private hold(key: string, points: number, remaining: number, status: BudgetStatus): void {
    const earlier = this.allowances.get(key)?.points ?? 0;
    if (points + earlier <= 0) {
      this.allowances.delete(key);
      return;
    }
    if (this.allowances.size >= MAX_KNOWN_KEYS) this.allowances.clear();
    this.allowances.set(key, { points: points + earlier, remaining, status });
  }
}

/** The refusal of an operation over budget; `cost` is null when it was refused before it was read. */
export function throttled(verdict: Extract<BudgetVerdict, { ok: false }>, cost: number | null): GraphQLError {
  const charge = cost === null ? msg`This budget was spent a moment ago` : msg`This operation costs ${cost} points and the budget has ${verdict.status.remaining} left`;
  return throttledError(msg`${charge}; it refills at ${verdict.status.restorePerSecond} points a second. Try again in ${verdict.retryAfterSeconds} s.`, verdict.retryAfterSeconds);
}
