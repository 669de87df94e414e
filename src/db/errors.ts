/**
 * The codes along an error's chain (`cause`, and `originalError` for GraphQL errors): PostgreSQL's
 * SQLSTATE (23505, 57014 ...) and the drivers' connection codes (ECONNREFUSED, CONNECTION_CLOSED ...).
 */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== null && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return codes;
}

const connectionCodes = new Set(['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Server shutting down or starting, too many connections, statement cancelled (timeout or pool wait). */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/**
 * True for failures that say the database cannot be reached or cannot take the work now, as opposed
 * to a bug or bad data: the client should retry, and nothing was written.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorCodes(error).some((code) => connectionCodes.has(code) || unavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}
