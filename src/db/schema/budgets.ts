import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * Leaky buckets of cost points, one per user and one per partner organisation, shared by every
 * server instance: `level` points were in the bucket at `updated_at`, and it drains at the
 * configured restore rate. Charged and read in one atomic statement (src/limits/budgets.ts).
 */
export const requestBudgets = pgTable('request_budgets', {
  key: text('key').primaryKey(),
  level: doublePrecision('level').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
