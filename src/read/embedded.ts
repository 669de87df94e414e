import { and, eq, type SQL } from 'drizzle-orm';
import { defaultFieldResolver, type GraphQLSchema, getNamedType, isInterfaceType, isObjectType } from 'graphql';
import type { Context } from '../context.js';
import { bulkExports, certificates, inspectionSwitching, sourcedParts } from '../db/schema/index.js';
import { certificateModel } from '../schema/certificates.read.js';
import { bulkExportModel } from '../schema/exports.read.js';
import type { NodeType } from '../domain/shared/ids.js';
import { sourcedPartModel } from '../schema/partners.read.js';
import { inspectionStateModel } from '../schema/quality.read.js';
import type { TableModel } from './model.js';
import { readRecord } from './operation.js';
import { nodeModels } from './registry.js';
import { TYPE_KEY } from './render.js';

/** How a record a use case returned is found again: its model and the condition naming its row. */
interface Reread {
  model: TableModel;
  where: (row: Record<string, unknown>) => SQL;
}

/** Records returned by mutations that are not nodes, by their keys. */
const keyedRecords: Record<string, Reread> = {
  BulkExport: { model: bulkExportModel, where: (row) => eq(bulkExports.id, row.id as string) },
  Certificate: { model: certificateModel, where: (row) => eq(certificates.id, row.id as string) },
  SourcedPart: { model: sourcedPartModel, where: (row) => and(eq(sourcedParts.partId, row.partId as string), eq(sourcedParts.supplierId, row.supplierId as string))! },
  InspectionState: { model: inspectionStateModel, where: (row) => and(eq(inspectionSwitching.supplierId, row.supplierId as string), eq(inspectionSwitching.partId, row.partId as string))! },
};

function rereadOf(typeName: string): Reread | undefined {
  const keyed = keyedRecords[typeName];
  if (keyed !== undefined) return keyed;
  const model = nodeModels[typeName as NodeType];
  if (model?.key === undefined) return undefined;
  const key = model.key;
  return { model, where: (row) => eq(key, row.id as string) };
}

const isCompiled = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && TYPE_KEY in value;

/**
 * Fits the served schema to the read models, once at start:
 * - a mutation's payload record (`order` of OrderPayload, ...) is read after the write through its read
 *   model, with the query's selection, in one statement: the same fields, scope and visibility rules
 *   as any query;
 * - the objects that read returns carry their response keys and type name (TYPE_KEY): graphql-js takes
 *   each field from them by response key, and interfaces resolve them by that type name.
 * Subscriptions and error answers still run the resolvers; nothing they return carries TYPE_KEY.
 */
export function installReadModels(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInterfaceType(type)) {
      const resolveType = type.resolveType;
      type.resolveType = (value, context, info, abstract) => (isCompiled(value) ? (value[TYPE_KEY] as string) : resolveType?.(value, context, info, abstract));
      continue;
    }
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => (isCompiled(source) ? source[info.path.key as string] : resolve(source, args, context, info));
    }
  }
  const mutation = schema.getMutationType();
  const payloads = new Set(Object.values(mutation?.getFields() ?? {}).map((f) => getNamedType(f.type)));
  for (const payload of payloads) {
    if (!isObjectType(payload)) continue;
    for (const field of Object.values(payload.getFields())) {
      const reread = rereadOf(getNamedType(field.type).name);
      if (reread === undefined) continue;
      field.resolve = async (source: Record<string, unknown>, _args, context: Context, info) => {
        const row = source[field.name] as Record<string, unknown> | null | undefined;
        if (row === null || row === undefined || context.viewer === null) return null;
        return readRecord(
          info.schema,
          info.fragments,
          info.variableValues,
          info.fieldNodes.map((node) => node.selectionSet),
          reread.model,
          reread.where(row),
          { db: context.db, viewer: context.viewer, now: context.now(), timeZone: context.timeZone },
        );
      };
    }
  }
}
