import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import type { InspectionSwitchingRow, SupplierRow } from '../db/schema/index.js';
import * as switching from '../domain/quality/switching-service.js';
import { Part, Supplier, SupplierPayload } from '../schema/partners.js';
import { AllowReducedInspectionInput, InspectionState, InspectionStatePayload, ReinstateInspectionInput } from '../schema/switching.js';
import { payload } from './payload.js';

@Resolver(() => InspectionState)
export class InspectionStateResolver {
  @FieldResolver(() => Part)
  part(@Root() row: InspectionSwitchingRow, @Ctx() ctx: Context) {
    return ctx.loaders.partById.load(row.partId);
  }

  @Authorized(...permissions.reinstateInspection)
  @Mutation(() => InspectionStatePayload, { description: 'Resumes a discontinued inspection of a supplier\'s part, at tightened inspection.' })
  async reinstateInspection(@Arg('input', () => ReinstateInspectionInput) input: ReinstateInspectionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'inspectionState', await switching.reinstateInspection(serviceContext(ctx), input));
  }
}

@Resolver(() => Supplier)
export class SupplierInspectionResolver {
  @FieldResolver(() => [InspectionState], { description: 'ISO 2859-1 switching state of each part of this supplier that has been inspected; parts not listed are at normal inspection.' })
  inspectionStates(@Root() supplier: SupplierRow, @Ctx() ctx: Context) {
    return ctx.loaders.inspectionStatesBySupplierId.load(supplier.id);
  }

  @FieldResolver(() => Boolean, { description: 'Quality staff allow reduced inspection of this supplier (ISO 2859-1 switching).' })
  reducedInspectionAllowed(@Root() supplier: SupplierRow) {
    return supplier.reducedInspectionAllowed;
  }

  @Authorized(...permissions.allowReducedInspection)
  @Mutation(() => SupplierPayload, { description: 'Allows (or stops) reduced inspection for a supplier; without it, its parts on reduced inspection go back to normal.' })
  async allowReducedInspection(@Arg('input', () => AllowReducedInspectionInput) input: AllowReducedInspectionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplier', await switching.allowReducedInspection(serviceContext(ctx), input));
  }
}
