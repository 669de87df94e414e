import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Supplier } from './partners.js';

/** Company-wide figures for internal dashboards; staff only. Fields are resolved in resolvers/dashboard.ts. */
@ObjectType({ description: 'Company-wide figures for internal dashboards; staff only.' })
export class Dashboard {}

@ObjectType({ simpleResolvers: true })
export class CountByKey {
  @Field(() => String) key: string;
  @Field(() => Int) count: number;
}

@ObjectType({ simpleResolvers: true })
export class SupplierRanking {
  @Field(() => Supplier) supplier: unknown;
  @Field(() => Int) openOrderCount: number;
  @Field(() => Float, { nullable: true, description: 'Received delivery lines on time over the last 365 days, 0..1.' }) onTimeDeliveryRate: number | null;
  @Field(() => Int) openNonconformanceCount: number;
}
