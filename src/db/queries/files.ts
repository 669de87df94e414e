import { and, asc } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { anyId } from '../any-id.js';
import type { Queryable } from '../client.js';
import { type FileRow, files } from '../schema/index.js';
import { visibility } from '../scope.js';

/** The files of records, those the viewer may see, oldest first. */
export function filesBySubjectIds(db: Queryable, viewer: Viewer, ids: readonly string[]): Promise<FileRow[]> {
  return db
    .select()
    .from(files)
    .where(and(anyId(files.subjectId, ids), visibility(viewer).files))
    .orderBy(asc(files.createdAt), asc(files.id));
}
