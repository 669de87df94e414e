import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from './common.js';
import { SupplierGrade } from './partners.js';

@ObjectType({ simpleResolvers: true, description: 'KPIs computed from orders, deliveries and inspections in [from, to].' })
export class Scorecard {
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => Float, { nullable: true, description: 'Delivery lines received on or before their confirmed (else requested) date / all received.' }) onTimeDeliveryRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Quantity received / quantity ordered, for lines due in the period.' }) orderFillRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Rejected quantity per million received.' }) qualityPpm: number | null;
  @Field(() => Float, { nullable: true, description: 'Accepted inspection lots / all inspected lots.' }) lotAcceptanceRate: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Our own punctuality toward the supplier: its invoices due in the period (and by today, disputed ones aside) paid in full by their due date. Not part of the score; the supplier sees it.",
  })
  onTimePaymentRate: number | null;
  @Field(() => Int) nonconformanceCount: number;
  @Field(() => Float, { nullable: true, description: 'Weighted score 0..100: quality 50%, delivery 30%, fill 20%, over the parts that could be measured.' }) score: number | null;
  @Field(() => SupplierGrade, { nullable: true, description: 'A from 90, B from 80, C from 60, D below.' }) grade: keyof typeof SupplierGrade | null;
}
