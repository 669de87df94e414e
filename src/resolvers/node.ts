import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Viewer as ViewerValue } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { fromGlobalId, type NodeType } from '../domain/shared/ids.js';
import { Node, type Typed, typed } from '../schema/common.js';
import { Partner } from '../schema/partners.js';
import { Viewer } from '../schema/viewer.js';
import { loadEvaluation } from './evaluations.js';
import { msg } from '../i18n/message.js';

const MAX_NODES = 100;

/**
 * Loads a node of a known type through the viewer's scoped loaders; null when absent or not visible.
 */
export async function loadNodeOfType(ctx: Context, type: string, id: string): Promise<Typed | null> {
  // Only types that implement Node; an OrderLine or DeliveryEvent id is not a node.
  const loaders: Partial<Record<NodeType, (id: string) => Promise<object | null>>> = {
    Supplier: (key) => ctx.loaders.supplierById.load(key),
    Activity: (key) => ctx.loaders.activityById.load(key),
    Customer: (key) => ctx.loaders.customerById.load(key),
    Part: (key) => ctx.loaders.partById.load(key),
    Contract: (key) => ctx.loaders.contractById.load(key),
    QualityAgreement: (key) => ctx.loaders.qualityAgreementById.load(key),
    Order: (key) => ctx.loaders.orderById.load(key),
    OrderChangeRequest: (key) => ctx.loaders.changeRequestById.load(key),
    Delivery: (key) => ctx.loaders.deliveryById.load(key),
    Nonconformance: (key) => ctx.loaders.nonconformanceById.load(key),
    Inspection: (key) => ctx.loaders.inspectionById.load(key),
    SupplierEvaluation: (key) => loadEvaluation(ctx, key),
    CustomerFeedback: (key) => ctx.loaders.feedbackById.load(key),
    SatisfactionSurvey: (key) => ctx.loaders.surveyById.load(key),
    Invoice: (key) => ctx.loaders.invoiceById.load(key),
  };
  const load = loaders[type as NodeType];
  if (load === undefined) return null;
  const row = await load(id);
  return row === null ? null : typed(type, row);
}

/** Loads any node by global id; an id of no known type is null. */
export async function loadNode(ctx: Context, globalId: string): Promise<Typed | null> {
  const decoded = fromGlobalId(globalId);
  return decoded === null ? null : loadNodeOfType(ctx, decoded.type, decoded.id);
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return loadNode(ctx, id);
  }

  @Authorized()
  @Query(() => [Node], { nullable: 'items' })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > MAX_NODES) {
      throw new GraphQLError(msg`ids holds at most ${MAX_NODES} ids; got ${ids.length}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
    }
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer)
  viewer(@Ctx() ctx: Context): ViewerValue {
    return ctx.viewer!;
  }

  @FieldResolver(() => Partner, { nullable: true })
  async organization(@Root() viewer: ViewerValue, @Ctx() ctx: Context) {
    const org = viewer.organization;
    if (org === null) return null;
    const row = org.type === 'Supplier' ? await ctx.loaders.supplierById.load(org.id) : await ctx.loaders.customerById.load(org.id);
    return row === null ? null : typed(org.type, row);
  }
}
