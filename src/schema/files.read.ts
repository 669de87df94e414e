import { eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { actorNameSql } from '../auth/actor-name.js';
import { files } from '../db/schema/index.js';
import type { FileSubjectType } from '../domain/files/rules.js';
import { currentFileLink } from '../integration/exports/links.js';
import { column, globalId, instant } from '../read/fields.js';
import { computed, type FieldModel, list, type TableModel, table, value } from '../read/model.js';
import { globalIdOf } from '../read/sql.js';

/** Read model of attached files (see src/read/model.ts); a record's `files` is fileListOf. */
export const fileModel: TableModel = table({
  type: 'File',
  from: sql`${files}`,
  key: files.id,
  scope: (env) => env.scope.files,
  fields: {
    id: globalId('File', files.id),
    name: column(files.name),
    kind: column(files.kind),
    contentType: column(files.contentType),
    size: column(files.size),
    sha256: column(files.sha256),
    partId: value(sql`case when ${files.partId} is null then null else ${globalIdOf('Part', files.partId)} end`),
    uploadedBy: value((env) => actorNameSql(env.viewer, { organizationId: files.uploadedByOrganizationId, name: files.uploadedByName }, { supplierId: files.supplierId, customerId: files.customerId })),
    createdAt: instant(files.createdAt),
    downloadUrl: computed<string>(sql`${files.id}::text`, (id, env) => currentFileLink(id, env.now.getTime()).path),
    downloadUrlExpiresAt: computed<string>(sql`${files.id}::text`, (id, env) => currentFileLink(id, env.now.getTime()).expiresAt),
  },
});

/** The files attached to a record of this type whose key is `key`, oldest first. */
export function fileListOf(type: FileSubjectType, key: AnyPgColumn | SQL): FieldModel {
  return list(() => fileModel, sql`${files.subjectType} = ${sql.raw(`'${type}'`)} and ${eq(files.subjectId, key as AnyPgColumn)}`, sql`${files.createdAt}, ${files.id}`);
}
