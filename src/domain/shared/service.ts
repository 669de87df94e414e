import type { Viewer } from '../../auth/viewer.js';
import type { Db, Tx } from '../../db/client.js';
import type { ServiceStandards } from '../feedback/service-standards.js';
import type { BusinessCalendar } from './business-calendar.js';
import { errorCodes } from '../../db/errors.js';
import { takeActivityWriterLock } from '../../db/queries/activity.js';
import { fail, Rollback, type Result, type UserError } from './result.js';

/** What a use case needs: the database, who is acting, and the clock (injected, never Date.now()). */
export interface ServiceContext {
  db: Db;
  viewer: Viewer;
  now: () => Date;
  /** The company's time zone, for calendar dates. */
  timeZone: string;
  /** Customer-feedback deadlines per kind and severity (configuration). */
  serviceStandards: ServiceStandards;
  /** The working days deadlines count in (configuration: BUSINESS_CALENDAR). */
  calendar: BusinessCalendar;
}

/**
 * Runs a use case in one transaction. A returned failure or a thrown Rollback rolls everything
 * back, so a user error never follows a partial write; a unique violation from a concurrent writer
 * becomes the given DUPLICATE error.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<Result<T>>, onUniqueViolation?: UserError): Promise<Result<T>> {
  try {
    return await ctx.db.transaction(async (tx) => {
      // Before the transaction has an id: the activity feed waits for the writers holding it.
      await tx.execute(takeActivityWriterLock);
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result.errors);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, errors: error.errors };
    if (onUniqueViolation && errorCodes(error).includes('23505')) return fail(onUniqueViolation.code, onUniqueViolation.field, onUniqueViolation.message);
    throw error;
  }
}
