import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import { capacityOverloads, overloadsOfOrder } from '../db/queries/capability.js';
import type { SupplyCapabilityRow } from '../db/schema/index.js';
import * as capability from '../domain/partners/capability-service.js';
import { msg } from '../i18n/message.js';
import { translateMessage } from '../i18n/translate.js';
import {
  CapacityOverload,
  PartCapacity,
  PayloadWarning,
  ReviewSupplyCapabilityInput,
  SupplyCapability,
  SupplyCapabilityPayload,
  UpdateSupplyCapabilityInput,
} from '../schema/capability.js';
import { Dashboard } from '../schema/dashboard.js';
import { MAX_EXPIRING } from '../schema/dashboard.read.js';
import { OrderChangeRequestPayload, OrderPayload } from '../schema/orders.js';
import { Supplier, SupplierSurvey } from '../schema/partners.js';
import { payload } from './payload.js';

@Resolver(() => SupplyCapability)
export class SupplyCapabilityResolver {
  @Authorized(...permissions.updateSupplyCapability)
  @Mutation(() => SupplyCapabilityPayload, { description: "Submits the supplier's supply capability (its own users); staff then review it." })
  async updateSupplyCapability(@Arg('input', () => UpdateSupplyCapabilityInput) input: UpdateSupplyCapabilityInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplyCapability', await capability.updateSupplyCapability(serviceContext(ctx), input));
  }

  @Authorized(...permissions.reviewSupplyCapability)
  @Mutation(() => SupplyCapabilityPayload, { description: "Marks the supplier's submitted supply capability reviewed, with a note." })
  async reviewSupplyCapability(@Arg('input', () => ReviewSupplyCapabilityInput) input: ReviewSupplyCapabilityInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplyCapability', await capability.reviewSupplyCapability(serviceContext(ctx), input));
  }

  @FieldResolver(() => [PartCapacity])
  async partCapacities(@Root() row: SupplyCapabilityRow, @Ctx() ctx: Context) {
    const capacities = await ctx.loaders.partCapacitiesBySupplierId.load(row.supplierId);
    return capacities.map((c) => ({ part: ctx.loaders.partById.load(c.partId), monthlyCapacity: c.monthlyCapacity }));
  }

  @FieldResolver(() => String, { nullable: true })
  reviewedBy(@Root() row: SupplyCapabilityRow) {
    return row.reviewedByName;
  }

  @FieldResolver(() => String)
  updatedBy(@Root() row: SupplyCapabilityRow) {
    return row.updatedByName;
  }
}

@Resolver(() => Supplier)
export class SupplierCapabilityResolver {
  @FieldResolver(() => SupplyCapability, { nullable: true, description: 'Its supply capability (materials, manufacturing, transport, monthly capacity per part); null until submitted. Part of the survey evidence.' })
  supplyCapability(@Root() row: { id: string }, @Ctx() ctx: Context) {
    return ctx.loaders.capabilityBySupplierId.load(row.id);
  }
}

@Resolver(() => SupplierSurvey)
export class SurveyCapabilityResolver {
  @FieldResolver(() => SupplyCapability, { nullable: true, description: "The supplier's supply capability as it stands, evidence next to the survey's findings." })
  supplyCapability(@Root() row: { supplierId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.capabilityBySupplierId.load(row.supplierId);
  }
}

@Resolver(() => Dashboard)
export class DashboardCapacityResolver {

  @FieldResolver(() => [CapacityOverload], { description: "Parts whose open purchase quantity due in a month exceeds the supplier's monthly capacity, by month; at most 500." })
  async capacityOverloads(@Ctx() ctx: Context) {
    const rows = await capacityOverloads(ctx.db, MAX_EXPIRING);
    return rows.map((r) => ({ ...r, supplier: ctx.loaders.supplierById.load(r.supplierId), part: ctx.loaders.partById.load(r.partId) }));
  }
}

/** Warnings of an order's payload: its parts' months above their supplier's capacity. */
async function capacityWarnings(ctx: Context, order: { id: string; supplierId: string | null; direction: string } | null | undefined) {
  if (order == null) return [];
  const overloads = await overloadsOfOrder(ctx.db, order);
  return overloads.map((o) => ({
    code: 'OVER_CAPACITY',
    message: translateMessage(msg`${o.committed} are due in ${o.month} against a monthly capacity of ${o.capacity}.`, ctx.language),
    part: ctx.loaders.partById.load(o.partId),
    month: o.month,
  }));
}

@Resolver(() => OrderPayload)
export class OrderPayloadWarningsResolver {
  @FieldResolver(() => [PayloadWarning], { description: "What to know though it succeeded: parts of the order now due above their supplier's monthly capacity." })
  warnings(@Root() result: { order: { id: string; supplierId: string | null; direction: string } | null }, @Ctx() ctx: Context) {
    return capacityWarnings(ctx, result.order);
  }
}

@Resolver(() => OrderChangeRequestPayload)
export class ChangeRequestPayloadWarningsResolver {
  @FieldResolver(() => [PayloadWarning], { description: "What to know though it succeeded: parts of the order now due above their supplier's monthly capacity." })
  async warnings(@Root() result: { changeRequest: { orderId: string } | null }, @Ctx() ctx: Context) {
    if (result.changeRequest == null) return [];
    const order = await ctx.loaders.orderById.load(result.changeRequest.orderId);
    return capacityWarnings(ctx, order);
  }
}
