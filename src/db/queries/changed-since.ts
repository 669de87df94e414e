import { gte, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** A list filter's incremental-sync window (see ChangedSinceFilter in src/schema/common.ts). */
export interface ChangedSince {
  updatedSince?: Date | null;
  createdSince?: Date | null;
}

/** The conditions of a sync window on a table with created_at and updated_at (each indexed with id). */
export function changedSince(table: { createdAt: PgColumn; updatedAt: PgColumn }, filter: ChangedSince | null | undefined): SQL[] {
  const conditions: SQL[] = [];
  if (filter?.updatedSince) conditions.push(gte(table.updatedAt, filter.updatedSince));
  if (filter?.createdSince) conditions.push(gte(table.createdAt, filter.createdSince));
  return conditions;
}
