import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, Node, Payload } from './common.js';
import { Customer } from './partners.js';

@ObjectType({ simpleResolvers: true })
export class SatisfactionScore {
  @Field(() => String) dimension: string;
  @Field(() => Float, { description: '1..5' }) score: number;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class SatisfactionSurvey {
  @Field(() => ID) id: string;
  @Field(() => Customer) customer: unknown;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => [SatisfactionScore]) scores: SatisfactionScore[];
  @Field(() => Float, { description: 'The mean of the dimension scores, to two decimals.' }) overall: number;
  @Field(() => Float, { nullable: true, description: "The trend: overall minus the overall of the customer's previous survey; null for the first." }) change: number | null;
  @Field(() => String, { nullable: true }) comments: string | null;
  @Field(() => DateTimeScalar) submittedAt: Date;
}

@InputType()
export class SatisfactionScoreInput {
  @Field(() => String) dimension: string;
  @Field(() => Float) score: number;
}

@InputType()
export class RecordSatisfactionSurveyInput {
  @Field(() => ID) customerId: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => [SatisfactionScoreInput]) scores: SatisfactionScoreInput[];
  @Field(() => String, { nullable: true }) comments?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class SatisfactionSurveyPayload extends Payload {
  @Field(() => SatisfactionSurvey, { nullable: true }) survey: SatisfactionSurvey | null;
}
