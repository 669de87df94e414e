import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver, ViewerResolver } from './node.js';
import { CustomerResolver, PartResolver, SourcedPartResolver, SupplierResolver } from './partners.js';

// biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes as Function
export const resolvers: NonEmptyArray<Function> = [NodeResolver, ViewerResolver, SupplierResolver, CustomerResolver, PartResolver, SourcedPartResolver];
