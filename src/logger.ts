import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs; tokens never reach them. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'authorization', 'connectionParams'],
  });
}
