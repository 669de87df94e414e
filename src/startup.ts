import { createServer } from 'node:net';
import { ConfigError } from './config.js';

/** A failure at start-up that stops the process with one line saying what to do. */
export class StartupError extends Error {}

type SystemError = Error & { code?: string; errors?: unknown[]; address?: string; port?: number };

function codeOf(error: unknown): string | undefined {
  const e = error as SystemError;
  if (typeof e?.code === 'string') return e.code;
  // postgres.js and Node report a connection tried on several addresses as an AggregateError.
  if (Array.isArray(e?.errors)) for (const inner of e.errors) if (typeof (inner as SystemError)?.code === 'string') return (inner as SystemError).code;
  return undefined;
}

/** Where a database URL points, without its password. */
export function databaseTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/**
 * One line for a failure the operator can fix (a port in use, a database that cannot be reached, a
 * bad configuration), or null for anything else, which is reported with its stack.
 */
export function startupProblem(error: unknown, context: { port?: number; host?: string; databaseUrl?: string }): string | null {
  if (error instanceof ConfigError || error instanceof StartupError) return error.message;
  const code = codeOf(error);
  const where = context.databaseUrl === undefined ? 'the database' : `the database at ${databaseTarget(context.databaseUrl)}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${context.port} on ${context.host} is already in use by another process: stop it, or set PORT to a free port.`;
    case 'EACCES':
      return `Not allowed to listen on port ${context.port} on ${context.host}: choose a port above 1023 with PORT.`;
    case 'EADDRNOTAVAIL':
      return `HOST ${context.host} is not an address of this machine.`;
    case 'ECONNREFUSED':
      return `Cannot reach ${where}: nothing accepts connections there. Start PostgreSQL or correct DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach ${where}: its host name does not resolve. Correct DATABASE_URL.`;
    case 'CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return `Cannot reach ${where}: connecting timed out. Check DATABASE_URL and the network.`;
    case '28P01':
    case '28000':
      return `${where[0]!.toUpperCase()}${where.slice(1)} refused the user or password of DATABASE_URL.`;
    case '3D000':
      return `${where[0]!.toUpperCase()}${where.slice(1)} does not exist: create it (createdb) or correct DATABASE_URL.`;
    default:
      return null;
  }
}

/** Fails at once if the port cannot be listened on, before migrations and demo data take their time. */
export async function ensurePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
