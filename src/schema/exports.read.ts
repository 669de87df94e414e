import { sql } from 'drizzle-orm';
import { bulkExports } from '../db/schema/index.js';
import { currentDownloadLink } from '../integration/exports/links.js';
import { column, globalId, instant } from '../read/fields.js';
import { type ConnectionModel, computed, type RootModel, type TableModel, table, value } from '../read/model.js';
import { sortOf } from '../read/sort.js';
import { filterId } from '../read/filters.js';
import { bulkExportConditions } from '../db/queries/exports.js';

/** Read model of bulk exports (see src/read/model.ts): the requester's own, newest first. */

const link = (id: string | null, env: { now: Date }) => (id === null ? null : currentDownloadLink(id, env.now.getTime()));
/** The row's id when its file can be downloaded. */
const downloadable = sql`case when ${bulkExports.status} = 'COMPLETED' then ${bulkExports.id}::text end`;

export const bulkExportModel: TableModel = table({
  type: 'BulkExport',
  from: sql`${bulkExports}`,
  key: bulkExports.id,
  scope: (env) => env.scope.bulkExports,
  fields: {
    id: globalId('BulkExport', bulkExports.id),
    type: column(bulkExports.type),
    format: column(bulkExports.format),
    status: column(bulkExports.status),
    rowCount: column(bulkExports.rowCount),
    expectedRowCount: column(bulkExports.expectedRowCount),
    progress: value(
      sql`case when ${bulkExports.status} = 'COMPLETED' then 1::float8 when coalesce(${bulkExports.expectedRowCount}, 0) = 0 then null else least(1, ${bulkExports.rowCount}::float8 / ${bulkExports.expectedRowCount}) end`,
    ),
    byteCount: column(bulkExports.byteCount),
    sha256: column(bulkExports.sha256),
    error: column(bulkExports.error),
    downloadUrl: computed<string | null>(downloadable, (id, env) => link(id, env)?.path ?? null),
    downloadUrlExpiresAt: computed<string | null>(downloadable, (id, env) => link(id, env)?.expiresAt ?? null),
    createdAt: instant(bulkExports.createdAt),
    startedAt: instant(bulkExports.startedAt),
    finishedAt: instant(bulkExports.finishedAt),
    expiresAt: instant(bulkExports.expiresAt),
  },
});

const bulkExportConnection: ConnectionModel = {
  type: 'BulkExportConnection',
  node: () => bulkExportModel,
  where: (env, args) => {
    const filter = args.filter as { ids?: string[] | null; status?: string[] | null } | null | undefined;
    return bulkExportConditions(env.viewer, filter ? { ...filter, ids: filter.ids?.map((id) => filterId(id, 'BulkExport')!) } : null);
  },
  sort: () => sortOf({ name: 'created', expression: bulkExports.createdAt, cast: 'timestamptz' }, bulkExports.id, true),
  backward: false,
};

export const bulkExportRoots: Record<string, RootModel> = {
  bulkExports: { kind: 'connection', connection: () => bulkExportConnection },
};
