import { type Message, msg } from '../../i18n/message.js';

/** The longest endpoint URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2_000;

/** Why a URL cannot be a webhook endpoint, or null. Addresses are checked again at each delivery. */
export function webhookUrlProblem(url: string): Message | null {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return msg`The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return msg`Give an absolute URL such as https://erp.example.com/hooks/scm.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return msg`A webhook URL is https:// (or http://).`;
  if (parsed.username !== '' || parsed.password !== '') return msg`A webhook URL carries no user name or password; deliveries are signed instead.`;
  if (parsed.hash !== '') return msg`A webhook URL has no #fragment.`;
  return null;
}

/** Who owns an endpoint: the company (no organisation) or one partner organisation. */
export interface EndpointOwner {
  supplierId: string | null;
  customerId: string | null;
}

/** An activity row as far as tenancy goes: the partner it concerns, and whether partners may see it. */
export interface EventAudience {
  supplierId: string | null;
  customerId: string | null;
  partnerVisible: boolean;
}

/**
 * Whether an owner (the company, or one partner organisation) may see an activity event: the rule of
 * the activity scope in src/db/scope.ts, written once for the two readers that filter in memory, the
 * subscription hub and the webhook dispatcher, so that a webhook never carries what the owner's own
 * subscriptions could not.
 */
export function endpointSees(owner: EndpointOwner, event: EventAudience): boolean {
  if (owner.supplierId === null && owner.customerId === null) return true;
  if (!event.partnerVisible) return false;
  if (owner.supplierId !== null) return event.supplierId === owner.supplierId;
  return event.customerId === owner.customerId;
}

/** An endpoint wants every kind when it names none. */
export function endpointWants(eventKinds: readonly string[], kind: string): boolean {
  return eventKinds.length === 0 || eventKinds.includes(kind);
}

/** Whether an endpoint failing since `failingSince` has failed long enough to be turned off. */
export function failedTooLong(failingSince: Date | null, now: Date, disableAfterMs: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterMs;
}

/** The longest wait between two attempts of a delivery. */
export const MAX_RETRY_DELAY_MS = 6 * 3_600_000;

/**
 * Back-off after the n-th failed attempt of a delivery: the first delay doubled each time, at most six
 * hours. From 10 s: 10 s, 20 s, 40 s … 5.7 h, 6 h: the waits after the first 14 failures add up to
 * 23.4 hours.
 */
export function retryDelayMs(attempts: number, firstDelaySeconds: number): number {
  return Math.min(firstDelaySeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}
