import type { Client } from 'graphql-ws';

export interface Collected<T> {
  items: T[];
  errors: unknown[];
  /** True once the server completed the subscription. */
  readonly completed: boolean;
  /** Resolves once at least n items arrived (rejects after the timeout). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the first item that matches (rejects after the timeout). */
  waitUntil(match: (item: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): void;
}

/** Subscribes and collects every `next` payload's data field. */
export function collect<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Collected<T> {
  const items: T[] = [];
  const errors: unknown[] = [];
  const waiters: { ready: () => boolean; resolve: () => void }[] = [];
  let completed = false;
  const notify = () => {
    for (const w of [...waiters]) {
      if (w.ready()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const wait = (ready: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (ready()) return resolve();
      const timer = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${what}, got ${items.length}: ${JSON.stringify(errors)}`)), timeoutMs);
      waiters.push({
        ready,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) items.push(value.data as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: () => {
        completed = true;
      },
    },
  );
  return {
    items,
    errors,
    stop,
    get completed() {
      return completed;
    },
    waitFor: (n, timeoutMs = 10_000) => wait(() => items.length >= n, `${n} items`, timeoutMs).then(() => items),
    waitUntil: (match, timeoutMs = 10_000) => wait(() => items.some(match), 'a matching item', timeoutMs).then(() => items.find(match) as T),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
