import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, Payload } from './common.js';
import { Part } from './partners.js';
import { InspectionSeverity } from './quality.js';

@ObjectType({ simpleResolvers: true, description: "A supplier's part under the ISO 2859-1 switching rules: the severity its next lots are inspected at." })
export class InspectionState {
  @Field(() => Part) part: unknown;
  @Field(() => InspectionSeverity) severity: keyof typeof InspectionSeverity;
  @Field(() => Boolean, { description: 'Inspection discontinued after 5 lots not accepted on tightened inspection: deliveries of the part are refused until quality staff reinstate it.' })
  discontinued: boolean;
  @Field(() => Int, { description: 'Under normal inspection: reduced inspection may start at 30, if allowed for the supplier.' }) switchingScore: number;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@InputType()
export class AllowReducedInspectionInput {
  @Field(() => ID) supplierId: string;
  @Field(() => Boolean) allowed: boolean;
}

@InputType()
export class ReinstateInspectionInput {
  @Field(() => ID) supplierId: string;
  @Field(() => ID) partId: string;
  @Field(() => String, { description: 'Why inspection may resume: what the supplier corrected.' }) note: string;
}

@ObjectType({ simpleResolvers: true })
export class InspectionStatePayload extends Payload {
  @Field(() => InspectionState, { nullable: true }) inspectionState: InspectionState | null;
}
