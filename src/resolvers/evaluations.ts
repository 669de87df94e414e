import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext } from '../context.js';
import type { SupplierEvaluationRow } from '../db/schema/index.js';
import { evaluateSupplier } from '../domain/performance/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { DateScalar } from '../schema/common.js';
import { EvaluateSupplierInput, SupplierEvaluation, SupplierEvaluationPayload } from '../schema/evaluations.js';
import { Supplier } from '../schema/partners.js';
import { payload } from './payload.js';

/** An evaluation is visible with its supplier. */
export async function loadEvaluation(ctx: Context, id: string): Promise<SupplierEvaluationRow | null> {
  const evaluation = await ctx.loaders.evaluationById.load(id);
  if (evaluation === null) return null;
  return (await ctx.loaders.supplierById.load(evaluation.supplierId)) === null ? null : evaluation;
}

@Resolver(() => SupplierEvaluation)
export class SupplierEvaluationResolver {
  @FieldResolver(() => ID)
  id(@Root() e: SupplierEvaluationRow) {
    return toGlobalId('SupplierEvaluation', e.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() e: SupplierEvaluationRow, @Ctx() ctx: Context) {
    return ctx.loaders.supplierById.load(e.supplierId);
  }

  @FieldResolver(() => DateScalar)
  from(@Root() e: SupplierEvaluationRow) {
    return e.periodFrom;
  }

  @FieldResolver(() => DateScalar)
  to(@Root() e: SupplierEvaluationRow) {
    return e.periodTo;
  }

  @FieldResolver(() => String)
  evaluatedBy(@Root() e: SupplierEvaluationRow) {
    return e.evaluatedByName;
  }

  @Authorized(...permissions.evaluateSupplier)
  @Mutation(() => SupplierEvaluationPayload)
  async evaluateSupplier(@Arg('input', () => EvaluateSupplierInput) input: EvaluateSupplierInput, @Ctx() ctx: Context) {
    return payload(ctx, 'evaluation', await evaluateSupplier(serviceContext(ctx), input));
  }
}
