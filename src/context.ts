import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer.js';
import type { Language } from './i18n/language.js';
import type { Db, RowReader } from './db/client.js';
import { createLoaders, type Loaders } from './db/loaders.js';
import { calendarDate } from './domain/shared/dates.js';
import type { RequestStats } from './observability/request-stats.js';
import type { BusinessCalendar } from './domain/shared/business-calendar.js';
import type { ServiceStandards } from './domain/feedback/service-standards.js';
import type { ServiceContext } from './domain/shared/service.js';
import type { CostReport } from './limits/admission.js';
import type { ActivityHub } from './realtime/hub.js';
import type { JsonPieces } from './read/operation.js';

/** Everything a resolver gets: who asks, the database, the request's loaders and the clock. */
export interface Context {
  viewer: Viewer | null;
  db: Db;
  /** The viewer's statements without drizzle: what the read compiler runs (src/read/operation.ts). */
  reader: RowReader;
  loaders: Loaders;
  now: () => Date;
  timeZone: string;
  serviceStandards: ServiceStandards;
  calendar: BusinessCalendar;
  requestId: string;
  /** The language of the request's messages (Accept-Language, or the socket's connectionParams). */
  language: Language;
  log: Logger;
  /** What the request did, for its log line and the metrics (src/observability/request-stats.ts). */
  stats: RequestStats;
  /** This instance's activity hub, the source of every subscription. */
  hub: ActivityHub;
  /** Queues a bulk export once the request that asked for it has committed (src/integration/exports). */
  exports: ExportQueue;
  /** Fresh loaders after a write, so that the payload shows what was written. */
  resetLoaders(): void;
  /**
   * Filled when the request is answered by a compiled read (src/read): the `data` JSON, in pieces.
   * An object, so that it is shared with the shallow copy of the context Apollo hands to plugins.
   */
  compiledRead: { data?: JsonPieces; /** Why graphql-js answered instead. */ declined?: string; /** Answered from a plan (src/read/plans.ts). */ planned?: boolean };
  /** The operation's cost and budget once admitted (src/limits/admission.ts); shared like compiledRead. */
  cost: { report?: CostReport };
}

export interface ContextOptions {
  /** The viewer's drizzle handle, made on first use: a compiled read never needs one. */
  db: () => Db;
  reader: RowReader;
  viewer: Viewer | null;
  now: () => Date;
  timeZone: string;
  serviceStandards: ServiceStandards;
  calendar: BusinessCalendar;
  requestId: string;
  language: Language;
  log: Logger;
  stats: RequestStats;
  hub: ActivityHub;
  exports: ExportQueue;
  transport: 'http' | 'ws';
}

export interface ExportQueue {
  enqueue(exportId: string): Promise<void>;
}

/**
 * The per-request batch loaders and drizzle handle are built on first use: compiled reads touch
 * neither. The getters sit on the prototype because Apollo runs the operation with Object.assign's
 * shallow copy of the context, which would call a getter of the object itself.
 */
interface Lazy {
  ownLoaders?: Loaders;
  loaderSource: () => Loaders;
  ownDb?: Db;
  dbSource: () => Db;
}
const lazyMembers = {
  get loaders(): Loaders {
    const self = this as unknown as Lazy;
    self.ownLoaders ??= self.loaderSource();
    return self.ownLoaders;
  },
  set loaders(value: Loaders) {
    (this as unknown as Lazy).ownLoaders = value;
  },
  get db(): Db {
    const self = this as unknown as Lazy;
    self.ownDb ??= self.dbSource();
    return self.ownDb;
  },
  set db(value: Db) {
    (this as unknown as Lazy).ownDb = value;
  },
};

export function createContext(options: ContextOptions): Context {
  // A subscription's context lives as long as the subscription: never cache there.
  const loaderOptions = { cache: options.transport === 'http', today: () => calendarDate(options.now(), options.timeZone), now: options.now, timeZone: options.timeZone };
  const context = Object.assign(Object.create(lazyMembers) as Context, {
    viewer: options.viewer,
    dbSource: options.db,
    reader: options.reader,
    now: options.now,
    timeZone: options.timeZone,
    serviceStandards: options.serviceStandards,
    calendar: options.calendar,
    stats: options.stats,
    requestId: options.requestId,
    language: options.language,
    log: options.log,
    hub: options.hub,
    exports: options.exports,
    loaderSource(this: Context) {
      return createLoaders(this.db, options.viewer, loaderOptions);
    },
    // A method on `this`: Apollo runs the operation with a shallow copy of this object.
    resetLoaders(this: Context) {
      this.loaders = createLoaders(this.db, options.viewer, loaderOptions);
    },
    compiledRead: {},
    cost: {},
  });
  return context;
}

/**
 * The same context with some members replaced (another viewer, another hub), keeping the lazy
 * loaders of its prototype, which a plain spread would lose.
 */
export function contextWith(context: Context, changes: Partial<Context>): Context {
  return Object.assign(Object.create(Object.getPrototypeOf(context) as object) as Context, context, changes);
}

/** Today's calendar date in the company's time zone. */
export function today(context: Context): string {
  return calendarDate(context.now(), context.timeZone);
}

/** The use-case view of a context: only for an authenticated viewer (the auth checker ran first). */
export function serviceContext(context: Context): ServiceContext {
  if (context.viewer === null) throw new Error('serviceContext needs an authenticated viewer');
  return { db: context.db, viewer: context.viewer, now: context.now, timeZone: context.timeZone, serviceStandards: context.serviceStandards, calendar: context.calendar };
}
