import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { inspectionResults } from '../domain/quality/inspection.js';
import { DateTimeScalar, enumOf, Node, Payload } from './common.js';
import { Delivery } from './deliveries.js';
import { Part } from './partners.js';
import { SamplingPlan } from './quality.js';

export const InspectionResult = enumOf(inspectionResults);
registerEnumType(InspectionResult, { name: 'InspectionResult' });

@ObjectType({ implements: Node, simpleResolvers: true })
export class Inspection {
  @Field(() => ID) id: string;
  @Field(() => Delivery) delivery: unknown;
  @Field(() => Part) part: unknown;
  @Field(() => String, { nullable: true }) lotNumber: string | null;
  @Field(() => Int) lotSize: number;
  @Field(() => SamplingPlan) plan: SamplingPlan;
  @Field(() => Int, { nullable: true }) defectsFound: number | null;
  @Field(() => InspectionResult) result: keyof typeof InspectionResult;
  @Field(() => String, { nullable: true }) inspectedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) inspectedAt: Date | null;
  @Field(() => Boolean, { description: "The governing quality agreement has product verified at the supplier's premises before shipping." }) sourceInspection: boolean;
}

@InputType()
export class RecordInspectionResultInput {
  @Field(() => ID) inspectionId: string;
  @Field(() => Int) defectsFound: number;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class InspectionPayload extends Payload {
  @Field(() => Inspection, { nullable: true }) inspection: Inspection | null;
}
