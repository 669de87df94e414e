import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Per-prefix, per-year counters behind human-facing numbers such as CT-2026-00042. */
export const numberSequences = pgTable(
  'number_sequences',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);
