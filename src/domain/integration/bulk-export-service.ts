import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { decodeActivityCursor } from '../../db/queries/activity.js';
import { type BulkExportRow, bulkExports } from '../../db/schema/index.js';
import { msg } from '../../i18n/message.js';
import { recordActivity } from '../activity/record.js';
import { checkScorecardPeriod } from '../performance/scorecard.js';
import { claimIdempotencyKey } from '../shared/idempotency.js';
import { fail, failAll, ok, type Result, type UserError } from '../shared/result.js';
import { inTransaction, type ServiceContext } from '../shared/service.js';
import { type BulkExportFormat, type BulkExportType, bulkExportFormats, bulkExportTypes, filterFieldOf, foreignFilterFields } from './bulk-export-rules.js';

/** Exports of one user waiting or running at once: more are refused until one finishes. */
export const MAX_OPEN_EXPORTS_PER_USER = 3;

export interface StartBulkExportInput {
  type: BulkExportType;
  format: BulkExportFormat;
  filter?: Record<string, unknown> | null;
  idempotencyKey?: string | null;
}

/** The viewer as the job needs it to read on their behalf. */
function storedViewer(viewer: Viewer) {
  return { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles, organization: viewer.organization };
}

/** What is wrong with an export request before anything is written. */
function problemsOf(input: StartBulkExportInput): UserError[] {
  const errors: UserError[] = [];
  if (!(bulkExportTypes as readonly string[]).includes(input.type)) errors.push({ code: 'INVALID', field: ['input', 'type'], message: msg`Not a type of export.` });
  if (!(bulkExportFormats as readonly string[]).includes(input.format)) errors.push({ code: 'INVALID', field: ['input', 'format'], message: msg`Not a format of export.` });
  if (errors.length > 0) return errors;
  for (const name of foreignFilterFields(input.type, input.filter)) {
    errors.push({ code: 'INVALID', field: ['input', 'filter', name], message: msg`A ${input.type} export takes only filter.${filterFieldOf[input.type]}.` });
  }
  const entry = input.filter?.[filterFieldOf[input.type]] as Record<string, unknown> | null | undefined;
  if (input.type === 'SCORECARDS') {
    if (entry == null) errors.push({ code: 'INVALID', field: ['input', 'filter', 'scorecards'], message: msg`Give the period of the scorecards: filter.scorecards with from and to.` });
    else {
      const refused = checkScorecardPeriod(entry.from as string, entry.to as string);
      if (refused) errors.push({ code: 'INVALID', field: ['input', 'filter', 'scorecards', refused.argument], message: refused.message });
    }
  }
  if (input.type === 'ACTIVITY' && typeof entry?.after === 'string') {
    try {
      decodeActivityCursor(entry.after);
    } catch {
      errors.push({ code: 'INVALID', field: ['input', 'filter', 'activity', 'after'], message: msg`after is not an activity cursor.` });
    }
  }
  if (input.idempotencyKey != null && (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 200)) {
    errors.push({ code: 'INVALID', field: ['input', 'idempotencyKey'], message: msg`An idempotency key has 1 to 200 characters.` });
  }
  return errors;
}

/**
 * Asks for a bulk export of a list as the viewer sees it. The job (src/integration/exports) writes the
 * file; the caller queues it after this commits. A user has at most MAX_OPEN_EXPORTS_PER_USER waiting
 * or running.
 */
export function startBulkExport(ctx: ServiceContext, input: StartBulkExportInput): Promise<Result<BulkExportRow>> {
  const problems = problemsOf(input);
  if (problems.length > 0) return Promise.resolve(failAll(problems));
  const entry = input.filter?.[filterFieldOf[input.type]] ?? null;
  // As JSON: instants as ISO text; the job coerces it again through the filter's input type.
  const filter = entry === null ? null : (JSON.parse(JSON.stringify(entry)) as unknown);
  const org = ctx.viewer.organization;
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const newId = randomUUID();
    if (input.idempotencyKey != null) {
      const claim = await claimIdempotencyKey(tx, { userId: ctx.viewer.id, operation: 'startBulkExport', key: input.idempotencyKey, input: { type: input.type, format: input.format, filter }, newId, now });
      if (!claim.ok) return claim;
      if (!claim.value.first) {
        const [earlier] = await tx.select().from(bulkExports).where(eq(bulkExports.id, claim.value.resultId));
        if (earlier !== undefined) return ok(earlier);
        return fail('NOT_FOUND', ['input', 'idempotencyKey'], msg`The export this key started has expired; use a new key.`);
      }
    }
    const [open] = await tx
      .select({ n: count() })
      .from(bulkExports)
      .where(and(eq(bulkExports.requestedById, ctx.viewer.id), inArray(bulkExports.status, ['QUEUED', 'RUNNING'])));
    if (open!.n >= MAX_OPEN_EXPORTS_PER_USER) {
      return fail('LIMIT_EXCEEDED', ['input', 'type'], msg`You have ${MAX_OPEN_EXPORTS_PER_USER} exports waiting or running; ask again when one has finished.`);
    }
    const [row] = await tx
      .insert(bulkExports)
      .values({
        id: newId,
        type: input.type,
        format: input.format,
        filter,
        requestedBy: storedViewer(ctx.viewer),
        requestedById: ctx.viewer.id,
        supplierId: org?.type === 'Supplier' ? org.id : null,
        customerId: org?.type === 'Customer' ? org.id : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordActivity(tx, ctx.viewer, now, {
      kind: 'BULK_EXPORT_REQUESTED',
      subjectType: 'BulkExport',
      subjectId: newId,
      supplierId: row!.supplierId,
      customerId: row!.customerId,
      summary: `Export of ${input.type.toLowerCase()} as ${input.format} requested.`,
    });
    return ok(row!);
  });
}
