import { parseArgs } from 'node:util';
import { signToken } from '../auth/tokens.js';
import { type Role, roles } from '../auth/viewer.js';
import { ConfigError, loadConfig } from '../config.js';
import { demoUsers } from '../demo/users.js';
import { fromGlobalId } from '../domain/shared/ids.js';

const usage = `Prints an access token, and nothing else.

  npm run token -- <demo-user>
      demo users: ${Object.keys(demoUsers).join(', ')}
  npm run token -- --role ROLE [--org PARTNER_ID] [--sub USER_ID] [--name NAME] [--email EMAIL] [--ttl SECONDS]
      roles: ${roles.join(', ')}; --org is required for SUPPLIER_USER and CUSTOMER_USER

Tokens are signed with JWT_SECRET (the development secret when unset) and last --ttl seconds (default 43200).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

try {
  const config = loadConfig();
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const ttlSeconds = values.ttl === undefined ? 12 * 3600 : Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail('--ttl must be a positive whole number of seconds.');
  let request: Parameters<typeof signToken>[1];
  if (positionals.length > 0) {
    if (positionals.length > 1 || values.role !== undefined) fail('Give one demo user, or --role.');
    const user = demoUsers[positionals[0]!];
    if (!user) fail(`No demo user "${positionals[0]}".`);
    request = { ...user, ttlSeconds };
  } else {
    const role = values.role?.toUpperCase();
    if (!role || !(roles as readonly string[]).includes(role)) fail('Give a demo user or --role.');
    const partner = role === 'SUPPLIER_USER' || role === 'CUSTOMER_USER';
    if (partner && !values.org) fail(`--org PARTNER_ID is required for ${role}.`);
    if (!partner && values.org) fail('--org is only for SUPPLIER_USER and CUSTOMER_USER.');
    const expected = role === 'SUPPLIER_USER' ? 'Supplier' : 'Customer';
    if (partner && fromGlobalId(values.org!)?.type !== expected) fail(`--org must be the id of a ${expected}.`);
    const sub = values.sub ?? `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}`;
    request = { sub, name: values.name ?? sub, email: values.email ?? `${sub}@example.com`, roles: [role as Role], org: values.org, ttlSeconds };
  }
  process.stdout.write(`${await signToken(config.jwt, request)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
