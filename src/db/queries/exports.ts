import { and, inArray, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { anyId } from '../any-id.js';
import { type BulkExportRow, bulkExports } from '../schema/index.js';
import { visibility } from '../scope.js';

/** The viewer's own exports, narrowed by id (already decoded) and status: one condition for both read paths. */
export function bulkExportConditions(viewer: Viewer, filter: { ids?: readonly string[] | null; status?: readonly string[] | null } | null | undefined): SQL | undefined {
  return and(
    visibility(viewer).bulkExports,
    filter?.ids == null ? undefined : anyId(bulkExports.id, filter.ids),
    filter?.status?.length ? inArray(bulkExports.status, filter.status as BulkExportRow['status'][]) : undefined,
  );
}
