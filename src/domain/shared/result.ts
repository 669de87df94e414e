import type { Message } from '../../i18n/message.js';

export const userErrorCodes = ['INVALID', 'NOT_FOUND', 'DUPLICATE', 'INVALID_STATE_TRANSITION', 'VERSION_CONFLICT', 'LIMIT_EXCEEDED'] as const;
export type UserErrorCode = (typeof userErrorCodes)[number];

/** An expected failure of a mutation: nothing was written. */
export interface UserError {
  /** Path to the input field at fault, e.g. ["input", "lines", "2", "quantity"]. */
  field: string[] | null;
  code: UserErrorCode;
  message: Message;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: UserErrorCode, field: string[] | null, message: Message): Result<T> => ({
  ok: false,
  errors: [{ code, field, message }],
});

export const failAll = <T = never>(errors: UserError[]): Result<T> => ({ ok: false, errors });

/**
 * Thrown inside a transaction to roll it back with user errors, when a failure can only be seen
 * after a write (a unique index hit by a concurrent writer, for instance).
 */
export class Rollback extends Error {
  constructor(readonly errors: UserError[]) {
    super('rolled back');
  }
}
