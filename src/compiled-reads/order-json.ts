import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from 'graphql';
import { customers, deliveries, orderLines, orders, parts, suppliers } from '../db/schema/index.js';
import type { NodeType } from '../domain/shared/ids.js';
import { type CollectedField, collectFields, subSelections } from '../resolvers/selection.js';

/**
 * The JSON of an order as the API shows it, built by PostgreSQL from the query's selection: the same
 * values graphql-js would produce from the same rows (global ids, instants as RFC 3339 UTC with
 * milliseconds, decimals without trailing zeros, dates as YYYY-MM-DD), with the response keys in the
 * query's order. Every builder returns null for anything it does not cover; the query is then
 * executed by graphql-js instead. Lines, parts and deliveries are reached only through an order the
 * viewer may see, as their batch loaders are; the partner of an order the viewer may see is always
 * visible to that viewer (src/db/scope.ts: a partner sees only its own orders).
 */
export interface SelectionContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
}

type FieldBuilder = (field: CollectedField, ctx: SelectionContext) => SQL | null;

/** json_build_object takes at most 100 arguments. */
const MAX_KEYS = 50;

const text = (column: PgColumn): FieldBuilder => () => sql`${column}`;
const decimal = (column: PgColumn): FieldBuilder => () => sql`trim_scale(${column})::text`;
const instant = (column: PgColumn): FieldBuilder => () => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** toGlobalId in SQL: base64url of "Type:uuid", unpadded. */
const globalId = (type: NodeType | 'OrderLine', column: PgColumn): FieldBuilder => () =>
  sql`rtrim(translate(encode(convert_to(${sql.raw(`'${type}:'`)} || ${column}::text, 'UTF8'), 'base64'), '+/' || chr(10), '-_'), '=')`;

function objectJson(typeName: string, sets: readonly (SelectionSetNode | undefined)[], builders: Record<string, FieldBuilder>, ctx: SelectionContext): SQL | null {
  const fields = collectFields(ctx.schema, ctx.fragments, typeName, sets);
  if (fields === null || fields.size > MAX_KEYS) return null;
  const pairs: SQL[] = [];
  for (const [key, field] of fields) {
    if (field.nodes.some((n) => (n.arguments?.length ?? 0) > 0)) return null;
    const value = field.name === '__typename' ? sql.raw(`'${typeName}'::text`) : (builders[field.name]?.(field, ctx) ?? null);
    if (value === null) return null;
    pairs.push(sql`${sql.raw(`'${key}'`)}, ${value}`);
  }
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

const partFields: Record<string, FieldBuilder> = {
  id: globalId('Part', parts.id),
  partNumber: text(parts.partNumber),
  description: text(parts.description),
  unit: text(parts.unit),
  importanceClass: text(parts.importanceClass),
  revision: text(parts.revision),
};

const lineFields: Record<string, FieldBuilder> = {
  id: globalId('OrderLine', orderLines.id),
  lineNumber: text(orderLines.lineNumber),
  quantity: decimal(orderLines.quantity),
  unitPrice: decimal(orderLines.unitPrice),
  requestedDate: text(orderLines.requestedDate),
  confirmedQuantity: decimal(orderLines.confirmedQuantity),
  confirmedDate: text(orderLines.confirmedDate),
  deliveredQuantity: decimal(orderLines.deliveredQuantity),
  acceptedQuantity: decimal(orderLines.acceptedQuantity),
  part: (field, ctx) => {
    const json = objectJson('Part', subSelections(field), partFields, ctx);
    return json === null ? null : sql`(select ${json} from ${parts} where ${parts.id} = ${orderLines.partId})`;
  },
};

const deliveryFields: Record<string, FieldBuilder> = {
  id: globalId('Delivery', deliveries.id),
  number: text(deliveries.number),
  status: text(deliveries.status),
  carrier: text(deliveries.carrier),
  trackingNumber: text(deliveries.trackingNumber),
  estimatedArrival: instant(deliveries.estimatedArrival),
  shippedAt: instant(deliveries.shippedAt),
  arrivedAt: instant(deliveries.arrivedAt),
  receivedAt: instant(deliveries.receivedAt),
  createdAt: instant(deliveries.createdAt),
  updatedAt: instant(deliveries.updatedAt),
};

const supplierFields: Record<string, FieldBuilder> = {
  id: globalId('Supplier', suppliers.id),
  name: text(suppliers.name),
  code: text(suppliers.code),
  country: text(suppliers.country),
};

const customerFields: Record<string, FieldBuilder> = {
  id: globalId('Customer', customers.id),
  name: text(customers.name),
  code: text(customers.code),
  country: text(customers.country),
};

const orderFields: Record<string, FieldBuilder> = {
  id: globalId('Order', orders.id),
  number: text(orders.number),
  direction: text(orders.direction),
  status: text(orders.status),
  currency: text(orders.currency),
  dueDate: text(orders.dueDate),
  issuedAt: instant(orders.issuedAt),
  acknowledgedAt: instant(orders.acknowledgedAt),
  createdAt: instant(orders.createdAt),
  updatedAt: instant(orders.updatedAt),
  version: text(orders.version),
  // As OrderView.total: the exact sum over the lines.
  total: () => sql`(select trim_scale(coalesce(sum(${orderLines.quantity} * ${orderLines.unitPrice}), 0)::numeric(30,6))::text from ${orderLines} where ${orderLines.orderId} = ${orders.id})`,
  lines: (field, ctx) => {
    const json = objectJson('OrderLine', subSelections(field), lineFields, ctx);
    return json === null ? null : sql`(select coalesce(json_agg(${json} order by ${orderLines.lineNumber}), '[]'::json) from ${orderLines} where ${orderLines.orderId} = ${orders.id})`;
  },
  deliveries: (field, ctx) => {
    const json = objectJson('Delivery', subSelections(field), deliveryFields, ctx);
    return json === null ? null : sql`(select coalesce(json_agg(${json} order by ${deliveries.createdAt}, ${deliveries.number}), '[]'::json) from ${deliveries} where ${deliveries.orderId} = ${orders.id})`;
  },
  partner: (field, ctx) => {
    const supplier = objectJson('Supplier', subSelections(field), supplierFields, ctx);
    const customer = objectJson('Customer', subSelections(field), customerFields, ctx);
    if (supplier === null || customer === null) return null;
    return sql`case when ${orders.supplierId} is not null then (select ${supplier} from ${suppliers} where ${suppliers.id} = ${orders.supplierId}) else (select ${customer} from ${customers} where ${customers.id} = ${orders.customerId}) end`;
  },
};

/** The JSON of the current `orders` row for a selection on Order, or null when not covered. */
export function orderJson(sets: readonly (SelectionSetNode | undefined)[], ctx: SelectionContext): SQL | null {
  return objectJson('Order', sets, orderFields, ctx);
}
