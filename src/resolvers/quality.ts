import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext, today } from '../context.js';
import { listQualityAgreements, qualityAgreementConditions } from '../db/queries/quality.js';
import type { QualityAgreementRow } from '../db/schema/index.js';
import { readAgreementStatus } from '../domain/quality/agreements.js';
import { samplingPlan } from '../domain/quality/sampling.js';
import * as quality from '../domain/quality/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { Part, PageArguments, Supplier } from '../schema/partners.js';
import {
  AgreementStatus,
  CreateQualityAgreementInput,
  InspectionLevel,
  InspectionSeverity,
  QualityAgreement,
  QualityAgreementActionInput,
  QualityAgreementConnection,
  QualityAgreementFilter,
  QualityAgreementPayload,
  SamplingPlan,
} from '../schema/quality.js';
import { Signature } from '../schema/contracts.js';
import { signatureView } from './contracts.js';
import { decodeQualityAgreementFilter } from '../read/filters.js';
import { payload } from './payload.js';


@Resolver(() => QualityAgreement)
export class QualityAgreementResolver {
  @Authorized()
  @Query(() => QualityAgreementConnection)
  qualityAgreements(@Args(() => PageArguments) page: PageArguments, @Arg('filter', () => QualityAgreementFilter, { nullable: true }) filter: QualityAgreementFilter | null, @Ctx() ctx: Context) {
    return listQualityAgreements(ctx.db, page, qualityAgreementConditions(ctx.viewer!, decodeQualityAgreementFilter(filter), today(ctx)));
  }

  @Authorized()
  @Query(() => SamplingPlan, { description: 'ISO 2859-1 single sampling at a severity (normal by default).' })
  samplingPlan(
    @Arg('lotSize', () => Int) lotSize: number,
    @Arg('aql', () => Float) aql: number,
    @Arg('inspectionLevel', () => InspectionLevel, { defaultValue: 'II' }) inspectionLevel: keyof typeof InspectionLevel,
    @Arg('severity', () => InspectionSeverity, { defaultValue: 'NORMAL' }) severity: keyof typeof InspectionSeverity,
  ) {
    try {
      return samplingPlan(lotSize, aql, inspectionLevel, severity);
    } catch (error) {
      if (error instanceof RangeError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: error.message.split(' ')[0] } });
      throw error;
    }
  }

  @FieldResolver(() => ID)
  id(@Root() a: QualityAgreementRow) {
    return toGlobalId('QualityAgreement', a.id);
  }

  @FieldResolver(() => AgreementStatus)
  status(@Root() a: QualityAgreementRow, @Ctx() ctx: Context) {
    return readAgreementStatus(a.status, a.effectiveTo, today(ctx));
  }

  @FieldResolver(() => Float)
  aql(@Root() a: QualityAgreementRow) {
    return Number(a.aql);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() a: QualityAgreementRow, @Ctx() ctx: Context) {
    return ctx.loaders.supplierById.load(a.supplierId);
  }

  @FieldResolver(() => [Part])
  async parts(@Root() a: QualityAgreementRow, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.agreementPartIdsById.load(a.id);
    return (await ctx.loaders.partById.loadMany(ids)).filter((p) => p !== null && !(p instanceof Error));
  }

  @FieldResolver(() => [Signature])
  async signatures(@Root() a: QualityAgreementRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.agreementSignaturesById.load(a.id)).map(signatureView);
  }

  @Authorized(...permissions.createQualityAgreement)
  @Mutation(() => QualityAgreementPayload)
  async createQualityAgreement(@Arg('input', () => CreateQualityAgreementInput) input: CreateQualityAgreementInput, @Ctx() ctx: Context) {
    return payload(ctx, 'qualityAgreement', await quality.createQualityAgreement(serviceContext(ctx), input));
  }

  @Authorized(...permissions.signQualityAgreement)
  @Mutation(() => QualityAgreementPayload, { description: "Each party signs; ACTIVE once both have, superseding the supplier's previous active agreement for the same parts." })
  async signQualityAgreement(@Arg('input', () => QualityAgreementActionInput) input: QualityAgreementActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'qualityAgreement', await quality.signQualityAgreement(serviceContext(ctx), input));
  }
}
