import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Viewer as ViewerValue } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { fromGlobalId, type NodeType } from '../domain/shared/ids.js';
import { Node, type Typed, typed } from '../schema/common.js';
import { Partner } from '../schema/partners.js';
import { Viewer } from '../schema/viewer.js';

const MAX_NODES = 100;

/** Loads any node by global id through the viewer's scoped loaders; null when absent or not visible. */
export async function loadNode(ctx: Context, globalId: string): Promise<Typed | null> {
  const decoded = fromGlobalId(globalId);
  if (decoded === null) return null;
  const loaders: Record<NodeType, (id: string) => Promise<object | null>> = {
    Supplier: (id) => ctx.loaders.supplierById.load(id),
    Customer: (id) => ctx.loaders.customerById.load(id),
    Part: (id) => ctx.loaders.partById.load(id),
  };
  const row = await loaders[decoded.type](decoded.id);
  return row === null ? null : typed(decoded.type, row);
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
      throw new GraphQLError(`ids holds at most ${MAX_NODES} ids; got ${ids.length}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
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
