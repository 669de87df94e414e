import { type LookupAddress, lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { WebhookNetwork } from '../../config.js';

/** The first bytes of an answer kept in the delivery log. */
export const RESPONSE_EXCERPT_CHARS = 1_024;
/** An answer is read up to this many bytes, then the connection is dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface OutboundAnswer {
  /** The HTTP status, or null when there was none (refused address, time-out, connection error). */
  status: number | null;
  latencyMs: number;
  /** The first bytes of the body, or why there was no answer. */
  excerpt: string;
}

/** Public unicast addresses always; private, loopback and link-local ones only where configured. */
export function addressAllowed(address: string, allow: readonly WebhookNetwork[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || (allow as readonly string[]).includes(range);
}

class RefusedAddress extends Error {}

/**
 * A DNS lookup that refuses a name any of whose addresses is not allowed, and hands the connection
 * the address it checked: a name cannot resolve to a public address for the check and a private one
 * for the connection.
 */
function guardedLookup(allow: readonly WebhookNetwork[]): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !addressAllowed(a.address, allow));
      if (refused !== undefined || addresses.length === 0) return callback(new RefusedAddress(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which webhooks may not reach`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * POSTs a JSON body with the given headers: the address checked (see guardedLookup; an IP literal
 * directly), redirects not followed, the whole exchange bounded by `timeoutMs`, the answer by 64 KiB.
 * Never throws: every outcome is an answer for the delivery log.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, options: { timeoutMs: number; allowNetworks: readonly WebhookNetwork[] }): Promise<OutboundAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0 && !addressAllowed(literal, options.allowNetworks)) {
    return Promise.resolve({ status: null, latencyMs: 0, excerpt: `refused: ${literal} is an address webhooks may not reach` });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: OutboundAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'supply-collab-webhooks/1', ...headers },
        lookup: guardedLookup(options.allowNetworks),
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => finish({ status: response.statusCode ?? null, latencyMs: elapsed(), excerpt: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS) });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ status: null, latencyMs: elapsed(), excerpt: `timed out after ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    request.on('error', (error) => finish({ status: null, latencyMs: elapsed(), excerpt: error instanceof RefusedAddress ? `refused: ${error.message}` : `unreachable: ${error.message}` }));
    request.end(body);
  });
}
