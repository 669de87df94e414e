import { and, desc, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import postgres from 'postgres';
import { systemViewer, type Viewer } from '../auth/viewer.js';
import type { Database } from '../db/client.js';
import { type ActivityCursor, activityHorizon, afterCursor, committedBefore } from '../db/queries/activity.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { deliveriesByIds, deliveryEventsByIds } from '../db/queries/deliveries.js';
import { changeRequestsByIds, type OrderView, ordersByIds } from '../db/queries/orders.js';
import { activity, type ActivityRow, type DeliveryEventRow, type DeliveryRow, type NonconformanceRow, type OrderChangeRequestRow } from '../db/schema/index.js';
import { nonconformancesByIds } from '../db/queries/nonconformances.js';
import { visibility } from '../db/scope.js';

import { endpointSees } from '../domain/integration/webhook-rules.js';
import { ACTIVITY_CHANNEL } from './channel.js';

const BATCH = 500;
/** Safety net: rows held back behind a transaction in flight are picked up without a new NOTIFY. */
const POLL_MS = 250;

/** An activity row with the records its subscription payload needs, loaded once for all subscribers. */
export interface HubEvent {
  row: ActivityRow;
  delivery?: DeliveryRow;
  deliveryEvent?: DeliveryEventRow;
  order?: OrderView;
  changeRequest?: OrderChangeRequestRow;
  nonconformance?: NonconformanceRow;
}

/** Told of every event handed to a subscriber: live ones as they happen, replayed ones after a cursor. */
export type DeliveryObserver = (event: HubEvent, live: boolean) => void;

export interface SubscriptionSpec {
  viewer: Viewer;
  /** SQL narrowing of the replay (kinds and ids asked for); the viewer's activity scope is added. */
  where: SQL | undefined;
  /** The same narrowing, for live rows. */
  matches: (row: ActivityRow) => boolean;
  /** Replay everything recorded after this position first; null: live from now. */
  after: ActivityCursor | null;
}

const isBefore = (a: ActivityCursor, b: ActivityCursor) => BigInt(a.txId) < BigInt(b.txId) || (a.txId === b.txId && a.id < b.id);

/** What a viewer may see of an activity row: the rule webhooks follow too (src/domain/integration/webhook-rules.ts). */
export function maySee(viewer: Viewer, row: ActivityRow): boolean {
  const org = viewer.organization;
  return endpointSees({ supplierId: org?.type === 'Supplier' ? org.id : null, customerId: org?.type === 'Customer' ? org.id : null }, row);
}

class Subscriber implements AsyncIterableIterator<HubEvent> {
  private queue: HubEvent[] = [];
  private waiting: ((r: IteratorResult<HubEvent>) => void) | null = null;
  private rejectWaiting: ((error: unknown) => void) | null = null;
  /** Live events that arrive while the replay runs wait here. */
  private buffer: HubEvent[] | null = [];
  private closed = false;
  private failure: unknown = undefined;
  private last: ActivityCursor | null;

  constructor(
    readonly spec: SubscriptionSpec,
    private readonly onClose: (s: Subscriber) => void,
    private readonly onDeliver: DeliveryObserver,
  ) {
    this.last = spec.after;
  }

  offer(event: HubEvent) {
    if (this.closed || !this.spec.matches(event.row) || !maySee(this.spec.viewer, event.row)) return;
    if (this.buffer !== null) this.buffer.push(event);
    else this.deliver(event, true);
  }

  /** In order and once: a position at or before the last one delivered is a duplicate of the seam. */
  deliver(event: HubEvent, live = false) {
    const position = { txId: event.row.txId, id: event.row.id };
    if (this.last !== null && !isBefore(this.last, position)) return;
    this.last = position;
    this.onDeliver(event, live);
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
    } else this.queue.push(event);
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Where a replay resumes: the last position delivered (a retried replay skips what it sent). */
  lastPosition(): ActivityCursor | null {
    return this.last;
  }

  endReplay() {
    const buffered = this.buffer ?? [];
    this.buffer = null;
    for (const e of buffered) this.deliver(e, true);
  }

  next(): Promise<IteratorResult<HubEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.rejectWaiting = reject;
    });
  }

  /** Ends the subscription with an error the client sees (never a silent complete). */
  fail(error: unknown) {
    if (this.closed) return;
    this.failure = error;
    const reject = this.rejectWaiting;
    this.waiting = null;
    this.rejectWaiting = null;
    this.close();
    reject?.(error);
  }

  return(): Promise<IteratorResult<HubEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }
}

/**
 * One per server instance: listens for activity notifications (PostgreSQL NOTIFY, which reaches
 * every instance sharing the database; in-process on PGlite), reads each new activity row once in
 * commit-safe order, loads what payloads need in a few batched statements, and hands the rows to
 * this instance's subscribers, each filtered by what its viewer may see.
 */
export class ActivityHub {
  private readonly subscribers = new Set<Subscriber>();
  private position: ActivityCursor | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private listener: postgres.Sql | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;
  private readonly notified = new Set<() => void>();

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly onDeliver: DeliveryObserver = () => {},
  ) {}

  async start(): Promise<void> {
    this.position = await this.head();
    const driver = this.database.driver;
    if (driver.kind === 'pglite') {
      this.unlisten = await driver.client.listen(ACTIVITY_CHANNEL, () => this.heard());
    } else {
      // A dedicated connection; postgres.js reconnects it and calls onlisten again, which catches up.
      this.listener = postgres(driver.url, { max: 1, onnotice: () => {} });
      await this.listener.listen(
        ACTIVITY_CHANNEL,
        () => this.heard(),
        () => this.heard(),
      );
    }
    this.timer = setInterval(() => {
      if (this.subscribers.size > 0) this.wake();
    }, POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const s of [...this.subscribers]) s.close();
    await this.reading;
    await this.unlisten?.();
    await this.listener?.end({ timeout: 2 });
  }

  subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Subscribes; replays from spec.after when given, then continues live without gap or duplicate. */
  subscribe(spec: SubscriptionSpec): AsyncIterableIterator<HubEvent> {
    const subscriber = new Subscriber(spec, (s) => this.subscribers.delete(s), this.onDeliver);
    this.subscribers.add(subscriber);
    if (spec.after === null) {
      // Live from the hub's current position: nothing to replay.
      subscriber.endReplay();
    } else {
      void this.replay(subscriber, spec).catch((error: unknown) => {
        this.log.error({ err: error }, 'subscription replay failed');
        subscriber.fail(error);
      });
    }
    return subscriber;
  }

  /**
   * Replays from the cursor. While the database cannot be reached it waits and tries again, live
   * events buffering meanwhile, so a client that reconnects during an outage hears everything once
   * the database is back; it gives up only when the subscription ends.
   */
  private async replay(subscriber: Subscriber, spec: SubscriptionSpec) {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.replayOnce(subscriber, spec);
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error) || subscriber.isClosed() || this.stopped) throw error;
        if (attempt === 0) this.log.warn({ err: error }, 'subscription replay waits for the database');
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** Math.min(attempt, 5))));
        if (subscriber.isClosed()) return;
      }
    }
  }

  private async replayOnce(subscriber: Subscriber, spec: SubscriptionSpec) {
    let cursor = subscriber.lastPosition();
    const horizon = await activityHorizon(this.database.background);
    for (;;) {
      const rows = await this.database.background
        .select()
        .from(activity)
        .where(and(committedBefore(horizon), afterCursor(cursor), visibility(spec.viewer).activity, spec.where))
        .orderBy(activity.txId, activity.id)
        .limit(BATCH);
      for (const event of await this.enrich(rows)) subscriber.deliver(event);
      if (rows.length < BATCH) break;
      const last = rows.at(-1)!;
      cursor = { txId: last.txId, id: last.id };
    }
    subscriber.endReplay();
  }

  /** The newest commit-safe position: new subscribers without a cursor start here. */
  private async head(): Promise<ActivityCursor | null> {
    const horizon = await activityHorizon(this.database.background);
    const [row] = await this.database.background
      .select({ txId: activity.txId, id: activity.id })
      .from(activity)
      .where(committedBefore(horizon))
      .orderBy(desc(activity.txId), desc(activity.id))
      .limit(1);
    return row ?? null;
  }

  /**
   * Calls `listener` whenever the database announces new activity (any instance's write), so that
   * other background work (the webhook dispatcher) starts at once instead of polling. Returns the
   * way to stop.
   */
  onActivity(listener: () => void): () => void {
    this.notified.add(listener);
    return () => this.notified.delete(listener);
  }

  private heard() {
    for (const listener of this.notified) listener();
    this.wake();
  }

  private wake() {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error: unknown) => this.log.warn({ err: error }, 'reading new activity failed; retrying on the next wake-up'))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async readNew() {
    const horizon = await activityHorizon(this.database.background);
    for (;;) {
      const rows = await this.database.background
        .select()
        .from(activity)
        .where(and(committedBefore(horizon), afterCursor(this.position)))
        .orderBy(activity.txId, activity.id)
        .limit(BATCH);
      if (rows.length === 0) return;
      // Loaded before the position moves: if loading fails (the database went away), the next
      // wake-up reads the same rows again instead of skipping them.
      const events = this.subscribers.size > 0 ? await this.enrich(rows) : [];
      const last = rows.at(-1)!;
      this.position = { txId: last.txId, id: last.id };
      for (const event of events) for (const s of this.subscribers) s.offer(event);
      if (rows.length < BATCH) return;
    }
  }

  /** Loads the deliveries, events, orders, change requests and nonconformances the rows name, a statement per kind. */
  async enrich(rows: ActivityRow[]): Promise<HubEvent[]> {
    const db = this.database.background;
    const ids = (pick: (r: ActivityRow) => string | null | undefined) => [...new Set(rows.map(pick).filter((x): x is string => typeof x === 'string'))];
    const deliveryIds = ids((r) => (r.subjectType === 'Delivery' ? r.subjectId : null));
    const eventIds = ids((r) => (r.subjectType === 'Delivery' ? r.detailId : null));
    const orderIds = ids((r) => r.orderId);
    const requestIds = ids((r) => (r.kind.startsWith('ORDER_CHANGE_') ? r.detailId : null));
    const ncIds = ids((r) => (r.subjectType === 'Nonconformance' ? r.subjectId : null));
    const [deliveryRows, eventRows, orderRows, requestRows, ncRows] = await Promise.all([
      deliveryIds.length ? deliveriesByIds(db, systemViewer, deliveryIds) : [],
      eventIds.length ? deliveryEventsByIds(db, eventIds) : [],
      orderIds.length ? ordersByIds(db, systemViewer, orderIds) : [],
      requestIds.length ? changeRequestsByIds(db, systemViewer, requestIds) : [],
      ncIds.length ? nonconformancesByIds(db, systemViewer, ncIds) : [],
    ]);
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    const deliveriesById = byId(deliveryRows);
    const eventsById = byId(eventRows);
    const ordersById = byId(orderRows);
    const requestsById = byId(requestRows);
    const ncById = byId(ncRows);
    return rows.map((row) => ({
      row,
      delivery: row.subjectType === 'Delivery' ? deliveriesById.get(row.subjectId) : undefined,
      deliveryEvent: row.detailId ? eventsById.get(row.detailId) : undefined,
      order: row.orderId ? ordersById.get(row.orderId) : undefined,
      changeRequest: row.detailId ? requestsById.get(row.detailId) : undefined,
      nonconformance: row.subjectType === 'Nonconformance' ? ncById.get(row.subjectId) : undefined,
    }));
  }
}
