import type { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { throttledError } from '../errors.js';
import { msg } from '../i18n/message.js';

export interface FairShareConfig {
  /** Operations of one organisation (a partner's users together, each staff user alone) running at once. */
  readonly perOrganization: number;
  /** How many more may wait for their turn; any beyond are refused. */
  readonly queue: number;
  /** How long one may wait for its turn before it is refused. */
  readonly waitMs: number;
}

/** Why an operation did not get its turn: too many waiting already, or it waited too long. */
export type Refusal = { kind: 'queue full'; running: number; waiting: number } | { kind: 'waited too long'; running: number; waitedMs: number };

/**
 * Whose turn: a signed-in viewer, or the owner of what a signed download link reads (the partner it
 * belongs to, else the user it was made for), so that a link is one more request of its owner's.
 */
export type Party = Pick<Viewer, 'id' | 'organization'>;

/** A record's owner as a party: the partner it belongs to, else the user (staff) it was made by or for. */
export function ownerParty(userId: string, supplierId: string | null, customerId: string | null): Party {
  if (supplierId !== null) return { id: userId, organization: { type: 'Supplier', id: supplierId } };
  if (customerId !== null) return { id: userId, organization: { type: 'Customer', id: customerId } };
  return { id: userId, organization: null };
}

/**
 * Runs an HTTP request's work (a GraphQL operation, a file, an EDI interchange, an export's download)
 * in its party's turn, or answers that it is refused; the turn is held until the answer is written.
 */
export type InTurn = (party: Party, work: () => Promise<void>) => Promise<void>;

/** Its turn: call `release` once the operation has answered. */
export type Turn = { ok: true; release: () => void } | { ok: false; refusal: Refusal };

interface Line {
  running: number;
  waiting: Waiter[];
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Operations in flight per organisation, at most `perOrganization` at a time (GraphQL over HTTP and
 * WebSocket, and the plain HTTP endpoints: files, EDI, export downloads); the next wait their
 * turn in the order they came, at most `queue` of them and for at most `waitMs`. The database's
 * connections are shared by every partner: without this, one partner flooding the instance with its
 * costliest pages (within its cost budget, which counts points, not time) holds every connection,
 * and another partner's read waits behind them (the benchmark's noisy neighbour). With it, one
 * organisation holds at most `perOrganization` of them, whatever it sends.
 */
export class FairShare {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly config: FairShareConfig) {}

  /** The party's turn, at once when its organisation has room, else when one of its operations ends. */
  turn(party: Party): Promise<Turn> | Turn {
    const key = keyOf(party);
    let line = this.lines.get(key);
    if (line === undefined) {
      line = { running: 0, waiting: [] };
      this.lines.set(key, line);
    }
    if (line.running < this.config.perOrganization) {
      line.running += 1;
      return { ok: true, release: this.releaseOf(key, line) };
    }
    if (line.waiting.length >= this.config.queue) return { ok: false, refusal: { kind: 'queue full', running: line.running, waiting: line.waiting.length } };
    const waiting = line;
    return new Promise<Turn>((resolve) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve({ ok: true, release: this.releaseOf(key, waiting) });
        },
        timer: setTimeout(() => {
          const at = waiting.waiting.indexOf(waiter);
          if (at >= 0) waiting.waiting.splice(at, 1);
          resolve({ ok: false, refusal: { kind: 'waited too long', running: waiting.running, waitedMs: this.config.waitMs } });
        }, this.config.waitMs),
      };
      waiting.waiting.push(waiter);
    });
  }

  /** Operations running and waiting for the party's organisation. */
  load(party: Party): { running: number; waiting: number } {
    const line = this.lines.get(keyOf(party));
    return { running: line?.running ?? 0, waiting: line?.waiting.length ?? 0 };
  }

  private releaseOf(key: string, line: Line): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes to the next in line, still counted as running; else it is given back.
      const next = line.waiting.shift();
      if (next !== undefined) return next.start();
      line.running -= 1;
      if (line.running === 0) this.lines.delete(key);
    };
  }
}

/** Partners share one line per organisation; staff, who have no organisation, one per user. */
function keyOf(party: Party): string {
  return party.organization === null ? `user:${party.id}` : `${party.organization.type}:${party.organization.id}`;
}

/** The refusal as the client sees it: THROTTLED, 429, with a second to wait. */
export function busy(refusal: Refusal): GraphQLError {
  const why =
    refusal.kind === 'queue full'
      ? msg`Your organisation has ${refusal.running} operations running and ${refusal.waiting} waiting, the most this server takes at once`
      : msg`This operation waited ${refusal.waitedMs} ms for one of your organisation's ${refusal.running} running operations to end`;
  return throttledError(msg`${why}. Try again in 1 s.`, 1);
}
