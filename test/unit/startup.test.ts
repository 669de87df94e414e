import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { databaseTarget, StartupError, startupProblem } from '../../src/startup.js';

const failure = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
const context = { port: 4000, host: '0.0.0.0', databaseUrl: 'postgres://app:secret@db.internal:6543/scm' };

describe('start-up failures', () => {
  it.each([
    ['EADDRINUSE', 'Port 4000 on 0.0.0.0 is already in use by another process: stop it, or set PORT to a free port.'],
    ['EACCES', 'Not allowed to listen on port 4000 on 0.0.0.0: choose a port above 1023 with PORT.'],
    ['ECONNREFUSED', 'Cannot reach the database at db.internal:6543/scm: nothing accepts connections there. Start PostgreSQL or correct DATABASE_URL.'],
    ['ENOTFOUND', 'Cannot reach the database at db.internal:6543/scm: its host name does not resolve. Correct DATABASE_URL.'],
    ['CONNECT_TIMEOUT', 'Cannot reach the database at db.internal:6543/scm: connecting timed out. Check DATABASE_URL and the network.'],
    ['28P01', 'The database at db.internal:6543/scm refused the user or password of DATABASE_URL.'],
    ['3D000', 'The database at db.internal:6543/scm does not exist: create it (createdb) or correct DATABASE_URL.'],
  ])('say what to do about %s in one line, without the password', (code, line) => {
    expect(startupProblem(failure(code), context)).toBe(line);
  });

  it('find the code inside an AggregateError (a host with several addresses)', () => {
    expect(startupProblem(new AggregateError([failure('ECONNREFUSED'), failure('ECONNREFUSED')]), context)).toContain('Cannot reach the database');
  });

  it('pass configuration and start-up errors through as they are, and leave the unexpected to a stack trace', () => {
    expect(startupProblem(new ConfigError(['PORT: must be a number']), context)).toBe('Invalid configuration:\n  - PORT: must be a number');
    expect(startupProblem(new StartupError('DATA_DIR ./data is in use'), context)).toBe('DATA_DIR ./data is in use');
    expect(startupProblem(new TypeError('x is not a function'), context)).toBeNull();
  });

  it('name a database by host, port and name only', () => {
    expect(databaseTarget('postgres://u:p@localhost/scm')).toBe('localhost:5432/scm');
  });
});
