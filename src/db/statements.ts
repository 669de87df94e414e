import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';

/**
 * Watches every SQL statement the drivers run, from the moment it is issued to its answer: metrics
 * count and time them, tracing makes each a child span of the operation that issued it. Watchers are
 * called synchronously when a statement is issued, in the asynchronous context of whoever issued it.
 */
export type StatementWatcher = (text: string) => (error?: unknown) => void;

export class StatementWatchers {
  private watchers: StatementWatcher[] = [];

  /** Adds a watcher; the function returned removes it. */
  add(watcher: StatementWatcher): () => void {
    this.watchers = [...this.watchers, watcher];
    return () => {
      this.watchers = this.watchers.filter((w) => w !== watcher);
    };
  }

  get idle(): boolean {
    return this.watchers.length === 0;
  }

  /** A statement was issued; the function returned is called once with its outcome. */
  start(text: string): (error?: unknown) => void {
    const finishes = this.watchers.map((watch) => watch(text));
    let done = false;
    return (error) => {
      if (done) return;
      done = true;
      for (const finish of finishes) finish(error);
    };
  }
}

/** postgres.js's query: a promise settled through these two functions, which it calls by name. */
type SettledByName = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Calls `done` when a postgres.js query settles, without running it: postgres.js sends a query when
 * it is first awaited, and drizzle may still turn it into an array query (`.values()`) before that.
 */
export function onSettled<Q>(query: Q, done: (error?: unknown) => void): Q {
  const settled = query as unknown as SettledByName;
  const { resolve, reject } = settled;
  settled.resolve = (value) => {
    done();
    resolve(value);
  };
  settled.reject = (error) => {
    done(error);
    reject(error);
  };
  return query;
}

/** Watches one postgres.js query from now to its answer. */
export function watchPostgresQuery<Q>(query: Q, text: string, watchers: StatementWatchers): Q {
  return watchers.idle ? query : onSettled(query, watchers.start(text));
}

async function watched<T>(text: string, watchers: StatementWatchers, run: () => Promise<T>): Promise<T> {
  if (watchers.idle) return run();
  const finish = watchers.start(text);
  try {
    const result = await run();
    finish();
    return result;
  } catch (error) {
    finish(error);
    throw error;
  }
}

type Queries = Pick<PGlite, 'query' | 'exec'>;

/** PGlite's or one of its transactions' statements, watched. */
export function watchPgliteQueries<T extends Queries>(target: T, watchers: StatementWatchers): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property === 'query') return (text: string, ...rest: unknown[]) => watched(text, watchers, () => (object.query as (...a: unknown[]) => Promise<unknown>)(text, ...rest));
      if (property === 'exec') return (text: string, ...rest: unknown[]) => watched(text, watchers, () => (object.exec as (...a: unknown[]) => Promise<unknown>)(text, ...rest));
      const value = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** A PGlite whose statements, inside transactions too, are watched. */
export function watchPglite(client: PGlite, watchers: StatementWatchers): PGlite {
  const queries = watchPgliteQueries(client, watchers);
  return new Proxy(queries, {
    get(object, property, receiver) {
      if (property === 'transaction') {
        return <T>(work: (tx: PGliteTransaction) => Promise<T>) => client.transaction((tx) => work(watchPgliteQueries(tx, watchers)));
      }
      return Reflect.get(object, property, receiver);
    },
  });
}

/**
 * What the pool's connections are doing, for the metrics: postgres.js does not tell. A statement
 * outside a transaction holds a connection while it runs (from when a connection takes it, which is
 * when it is handed to the pool unless it has to wait for one, to its answer); a transaction from its
 * first statement to its end; a reserved connection until it is released. Only statements that wait
 * are kept (to see when a connection takes them): the others are counted, which costs the collector
 * nothing under load.
 */
export class PoolUsage {
  private running = 0;
  private readonly waiting = new Set<{ state?: unknown }>();
  private acquiring = 0;
  private holding = 0;

  constructor(readonly size: number) {}

  /** A statement handed to the pool; `waiting` when no connection took it at once. */
  dispatched(statement: { state?: unknown }, waiting: boolean): void {
    this.running += 1;
    if (waiting) this.waiting.add(statement);
  }

  /** A statement `dispatched` before has its answer. */
  settled(statement: { state?: unknown }, waiting: boolean): void {
    this.running -= 1;
    if (waiting) this.waiting.delete(statement);
  }

  /** A connection asked for: call `taken` once it is held; the function returned gives it back. */
  acquire(): { taken: () => void; done: () => void } {
    this.acquiring += 1;
    let state: 'waiting' | 'held' | 'done' = 'waiting';
    return {
      taken: () => {
        if (state !== 'waiting') return;
        state = 'held';
        this.acquiring -= 1;
        this.holding += 1;
      },
      done: () => {
        if (state === 'waiting') this.acquiring -= 1;
        else if (state === 'held') this.holding -= 1;
        state = 'done';
      },
    };
  }

  snapshot(): { inUse: number; waiting: number } {
    let waiting = 0;
    for (const s of this.waiting) if (!s.state) waiting += 1;
    return { inUse: this.holding + this.running - waiting, waiting: this.acquiring + waiting };
  }
}
