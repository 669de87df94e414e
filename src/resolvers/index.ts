import type { NonEmptyArray } from 'type-graphql';
import { NodeResolver, ViewerResolver } from './node.js';
import { CustomerResolver, PartResolver, SourcedPartResolver, SupplierResolver } from './partners.js';

export const resolvers: NonEmptyArray<Function> = [NodeResolver, ViewerResolver, SupplierResolver, CustomerResolver, PartResolver, SourcedPartResolver];
