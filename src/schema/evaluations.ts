import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, DateTimeScalar, DecimalScalar, EdgeType, enumOf, Node, Payload } from './common.js';
import { Supplier, SupplierGrade } from './partners.js';

export const RewardPenaltyKind = enumOf(['REWARD', 'PENALTY'] as const);
registerEnumType(RewardPenaltyKind, { name: 'RewardPenaltyKind' });

@ObjectType({ simpleResolvers: true })
export class RewardPenalty {
  @Field(() => RewardPenaltyKind) kind: keyof typeof RewardPenaltyKind;
  @Field(() => String) reason: string;
  @Field(() => DecimalScalar, { nullable: true }) amount: string | null;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class SupplierEvaluation {
  @Field(() => ID) id: string;
  @Field(() => Supplier) supplier: unknown;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => Float) qualityScore: number;
  @Field(() => Float) deliveryScore: number;
  @Field(() => Float) serviceScore: number;
  @Field(() => Float) priceScore: number;
  @Field(() => Float) technicalScore: number;
  @Field(() => Float) totalScore: number;
  @Field(() => SupplierGrade) grade: keyof typeof SupplierGrade;
  @Field(() => [RewardPenalty]) rewardsAndPenalties: RewardPenalty[];
  @Field(() => String) evaluatedBy: string;
  @Field(() => DateTimeScalar) evaluatedAt: Date;
  @Field(() => String, { nullable: true }) notes: string | null;
}

@ObjectType({ simpleResolvers: true })
export class SupplierEvaluationEdge extends EdgeType(SupplierEvaluation) {}
@ObjectType({ simpleResolvers: true })
export class SupplierEvaluationConnection extends ConnectionType(SupplierEvaluation, SupplierEvaluationEdge) {}

@InputType()
export class EvaluateSupplierInput {
  @Field(() => ID) supplierId: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => Float, { description: 'Scores 0..100 the data cannot give; quality and delivery are computed from the period\'s records.' }) serviceScore: number;
  @Field(() => Float) priceScore: number;
  @Field(() => Float) technicalScore: number;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class SupplierEvaluationPayload extends Payload {
  @Field(() => SupplierEvaluation, { nullable: true }) evaluation: SupplierEvaluation | null;
}
