import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { feedbackKinds, feedbackStatuses } from '../domain/feedback/lifecycle.js';
import { ChangedSinceFilter, ConnectionType, DateTimeScalar, EdgeType, enumOf, Node, Payload } from './common.js';
import { Nonconformance, Severity } from './nonconformances.js';
import { Customer } from './partners.js';

export const FeedbackKind = enumOf(feedbackKinds);
registerEnumType(FeedbackKind, { name: 'FeedbackKind' });
export const FeedbackStatus = enumOf(feedbackStatuses);
registerEnumType(FeedbackStatus, { name: 'FeedbackStatus' });

@ObjectType({ implements: Node, simpleResolvers: true })
export class CustomerFeedback {
  @Field(() => ID) id: string;
  @Field(() => String) number: string;
  @Field(() => Customer) customer: unknown;
  @Field(() => FeedbackKind) kind: keyof typeof FeedbackKind;
  @Field(() => String, { nullable: true }) channel: string | null;
  @Field(() => String) subject: string;
  @Field(() => String) description: string;
  @Field(() => Severity, { nullable: true }) severity: keyof typeof Severity | null;
  @Field(() => FeedbackStatus) status: keyof typeof FeedbackStatus;
  @Field(() => DateTimeScalar) receivedAt: Date;
  @Field(() => DateTimeScalar, { description: 'Service standard: when it must be acknowledged and resolved.' }) acknowledgeBy: Date;
  @Field(() => DateTimeScalar, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => DateTimeScalar) resolveBy: Date;
  @Field(() => DateTimeScalar, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true }) resolution: string | null;
  @Field(() => Int, { nullable: true, description: '1..5, given by the customer when closing.' }) satisfactionRating: number | null;
  @Field(() => Nonconformance, { nullable: true }) nonconformance: unknown;
  @Field(() => Boolean) overdue: boolean;
}

@ObjectType({ simpleResolvers: true })
export class CustomerFeedbackEdge extends EdgeType(CustomerFeedback) {}
@ObjectType({ simpleResolvers: true })
export class CustomerFeedbackConnection extends ConnectionType(CustomerFeedback, CustomerFeedbackEdge) {}

@InputType()
export class FeedbackFilter extends ChangedSinceFilter {
  @Field(() => [FeedbackKind], { nullable: true }) kind?: (keyof typeof FeedbackKind)[] | null;
  @Field(() => [FeedbackStatus], { nullable: true }) status?: (keyof typeof FeedbackStatus)[] | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
}

@InputType()
export class RecordFeedbackInput {
  @Field(() => ID) customerId: string;
  @Field(() => FeedbackKind) kind: keyof typeof FeedbackKind;
  @Field(() => String, { nullable: true }) channel?: string | null;
  @Field(() => String) subject: string;
  @Field(() => String) description: string;
  @Field(() => Severity, { nullable: true }) severity?: keyof typeof Severity | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class FeedbackActionInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => String, { nullable: true }) resolution?: string | null;
  @Field(() => ID, { nullable: true, description: 'Links a complaint to the nonconformance opened for it.' }) nonconformanceId?: string | null;
}

@InputType()
export class CloseFeedbackInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) satisfactionRating?: number | null;
}

@ObjectType({ simpleResolvers: true })
export class CustomerFeedbackPayload extends Payload {
  @Field(() => CustomerFeedback, { nullable: true }) feedback: CustomerFeedback | null;
}
