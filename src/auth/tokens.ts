import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { Jwt } from '../config.js';
import { fromGlobalId, toGlobalId } from '../domain/shared/ids.js';
import { type Organization, type Role, roles, type Viewer } from './viewer.js';
import { type Message, msg } from '../i18n/message.js';

export class TokenError extends Error {
  declare message: Message;

  constructor(message: Message) {
    super(message);
  }
}

export type TokenVerifier = (token: string) => Promise<Viewer>;

/** The token of an "Authorization: Bearer <token>" value (HTTP header or connectionParams); null for anything else. */
export function bearerToken(value: unknown): string | null {
  const match = typeof value === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match ? match[1]! : null;
}

/** Builds the bearer-token verifier: HS256 with a shared secret, or RS/ES keys from a JWKS URL. */
export function createTokenVerifier(jwt: Jwt): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey =
    jwt.kind === 'secret' ? new TextEncoder().encode(jwt.secret) : createRemoteJWKSet(new URL(jwt.url));
  const options = {
    issuer: jwt.issuer,
    audience: jwt.audience,
    algorithms: jwt.kind === 'secret' ? ['HS256'] : ['RS256', 'ES256', 'PS256', 'EdDSA'],
  };
  const verified = new VerifiedTokens();
  // Verifications under way, by token: a client that sends its first requests in parallel (a portal
  // loading a page) has its token checked once, not once per request that came before the answer.
  const verifying = new Map<string, Promise<Viewer>>();
  const verifyOnce = async (token: string): Promise<Viewer> => {
    let payload: JWTPayload;
    try {
      ({ payload } =
        typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError(msg`The access token has expired; sign in again.`);
      throw new TokenError(msg`The access token is invalid.`);
    }
    // Shared by every request that carries this token, so never changed.
    const viewer = Object.freeze(viewerFromClaims(payload));
    Object.freeze(viewer.roles);
    verified.set(token, viewer, Date.now(), typeof payload.exp === 'number' ? payload.exp * 1000 : undefined);
    return viewer;
  };
  return (token) => {
    const known = verified.get(token, Date.now());
    if (known !== undefined) return Promise.resolve(known);
    let running = verifying.get(token);
    if (running === undefined) {
      running = verifyOnce(token).finally(() => verifying.delete(token));
      verifying.set(token, running);
    }
    return running;
  };
}

/**
 * Tokens already verified, with the viewer they stand for, until they expire (at most
 * MAX_CACHE_MS for a token without exp): a client sends the same token with every request, and a
 * signature check per request is CPU the answer does not need. Bounded; the oldest entry goes first.
 */
export class VerifiedTokens {
  static readonly MAX_ENTRIES = 10_000;
  static readonly MAX_CACHE_MS = 5 * 60_000;
  private readonly entries = new Map<string, { viewer: Viewer; until: number }>();

  get(token: string, now: number): Viewer | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (now >= entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.viewer;
  }

  set(token: string, viewer: Viewer, now: number, expiresAt: number | undefined): void {
    if (this.entries.size >= VerifiedTokens.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { viewer, until: Math.min(expiresAt ?? Number.POSITIVE_INFINITY, now + VerifiedTokens.MAX_CACHE_MS) });
  }
}

/** Claims: sub, name, email, roles (Role values) and, for partner users, org (the partner's id). */
export function viewerFromClaims(claims: JWTPayload): Viewer {
  const sub = claims.sub;
  const claimedRoles = claims.roles;
  if (typeof sub !== 'string' || sub === '') throw new TokenError(msg`The access token has no subject.`);
  if (!Array.isArray(claimedRoles) || claimedRoles.length === 0 || !claimedRoles.every((r) => (roles as readonly unknown[]).includes(r))) {
    throw new TokenError(msg`The access token's roles must be a non-empty list of ${roles.join(', ')}.`);
  }
  const viewerRoles = claimedRoles as Role[];
  const partnerRole = viewerRoles.find((r) => r === 'SUPPLIER_USER' || r === 'CUSTOMER_USER');
  let organization: Organization | null = null;
  if (partnerRole !== undefined) {
    if (viewerRoles.length !== 1) throw new TokenError(msg`A partner user holds exactly one role.`);
    const org = typeof claims.org === 'string' ? fromGlobalId(claims.org) : null;
    const expected = partnerRole === 'SUPPLIER_USER' ? 'Supplier' : 'Customer';
    if (org === null || org.type !== expected) {
      throw new TokenError(msg`A ${partnerRole} token needs an org claim with the id of a ${expected}.`);
    }
    organization = { type: expected, id: org.id };
  } else if (claims.org !== undefined) {
    throw new TokenError(msg`Staff tokens carry no org claim.`);
  }
  return {
    id: sub,
    name: typeof claims.name === 'string' && claims.name !== '' ? claims.name : sub,
    email: typeof claims.email === 'string' ? claims.email : '',
    roles: viewerRoles,
    organization,
  };
}

export interface TokenRequest {
  sub: string;
  name: string;
  email: string;
  roles: Role[];
  /** Global id of the partner organisation, for partner users. */
  org?: string;
  ttlSeconds: number;
}

/** Mints an HS256 token for development, demo users and tests. */
export async function signToken(jwt: Jwt, request: TokenRequest, now = new Date()): Promise<string> {
  if (jwt.kind !== 'secret') throw new TokenError(msg`Tokens can only be minted with JWT_SECRET (the server verifies with a JWKS).`);
  const claims: JWTPayload = { name: request.name, email: request.email, roles: request.roles };
  if (request.org !== undefined) claims.org = request.org;
  let builder = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.sub)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + request.ttlSeconds);
  if (jwt.issuer) builder = builder.setIssuer(jwt.issuer);
  if (jwt.audience) builder = builder.setAudience(jwt.audience);
  return builder.sign(new TextEncoder().encode(jwt.secret));
}

export function organizationId(org: Organization): string {
  return toGlobalId(org.type, org.id);
}
