import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import type { InspectionRow } from '../db/schema/index.js';
import { recordInspectionResult } from '../domain/quality/inspection-service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { Delivery } from '../schema/deliveries.js';
import { Inspection, InspectionPayload, RecordInspectionResultInput } from '../schema/inspections.js';
import { Nonconformance } from '../schema/nonconformances.js';
import { Part } from '../schema/partners.js';
import { SamplingPlan } from '../schema/quality.js';
import { payload } from './payload.js';

@Resolver(() => Inspection)
export class InspectionResolver {
  @FieldResolver(() => ID)
  id(@Root() i: InspectionRow) {
    return toGlobalId('Inspection', i.id);
  }

  @FieldResolver(() => SamplingPlan)
  plan(@Root() i: InspectionRow) {
    return {
      lotSize: i.lotSize,
      aql: Number(i.aql),
      inspectionLevel: i.inspectionLevel,
      codeLetter: i.codeLetter,
      sampleSize: i.sampleSize,
      acceptNumber: i.acceptNumber,
      rejectNumber: i.rejectNumber,
      severity: i.severity,
    };
  }

  @FieldResolver(() => String, { nullable: true })
  inspectedBy(@Root() i: InspectionRow) {
    return i.inspectedByName;
  }

  @FieldResolver(() => Delivery)
  delivery(@Root() i: InspectionRow, @Ctx() ctx: Context) {
    return ctx.loaders.deliveryById.load(i.deliveryId);
  }

  @FieldResolver(() => Part)
  part(@Root() i: InspectionRow, @Ctx() ctx: Context) {
    return ctx.loaders.partOfVisibleRecord.load(i.partId);
  }

  @FieldResolver(() => Nonconformance, { nullable: true, description: 'The nonconformance a rejected lot opened.' })
  nonconformance(@Root() i: InspectionRow, @Ctx() ctx: Context) {
    return ctx.loaders.nonconformanceByInspectionId.load(i.id);
  }

  @Authorized(...permissions.recordInspectionResult)
  @Mutation(() => InspectionPayload, { description: 'Accepts or rejects the lot by its sampling plan; a rejected lot opens a nonconformance.' })
  async recordInspectionResult(@Arg('input', () => RecordInspectionResultInput) input: RecordInspectionResultInput, @Ctx() ctx: Context) {
    return payload(ctx, 'inspection', await recordInspectionResult(serviceContext(ctx), input));
  }
}
