import { sql } from 'drizzle-orm';
import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: a random UUID, so that ids reveal neither volume nor order. */
export const id = () => uuid('id').primaryKey().defaultRandom();

/** An instant, stored to the millisecond so that it round-trips exactly through a JS Date and a cursor. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const timestamps = () => ({
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** The writing transaction's id; lets activity readers advance only past committed work. */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

export const currentTransactionId = sql`pg_current_xact_id()`;
