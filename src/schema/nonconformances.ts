import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { nonconformanceStatuses } from '../domain/nonconformances/lifecycle.js';
import { ChangedSinceFilter, ConnectionType, DateTimeScalar, DecimalScalar, EdgeType, enumOf, Node, Payload } from './common.js';
import { Delivery } from './deliveries.js';
import { Order } from './orders.js';
import { Customer, Part, Supplier } from './partners.js';

export const NonconformanceSource = enumOf(['INCOMING_INSPECTION', 'IN_PROCESS', 'FINAL_INSPECTION', 'CUSTOMER_COMPLAINT', 'SUPPLIER_AUDIT'] as const);
registerEnumType(NonconformanceSource, { name: 'NonconformanceSource' });
export const NonconformanceStatus = enumOf(nonconformanceStatuses);
registerEnumType(NonconformanceStatus, { name: 'NonconformanceStatus' });
export const Severity = enumOf(['MINOR', 'MAJOR', 'CRITICAL'] as const);
registerEnumType(Severity, { name: 'Severity' });
export const Disposition = enumOf(['USE_AS_IS', 'REWORK', 'RETURN_TO_SUPPLIER', 'SCRAP'] as const);
registerEnumType(Disposition, { name: 'Disposition' });
export const Responsibility = enumOf(['UNDETERMINED', 'SUPPLIER', 'INTERNAL', 'LOGISTICS', 'DESIGN'] as const);
registerEnumType(Responsibility, { name: 'Responsibility', description: 'Who is responsible for a nonconformance, which decides rewards and penalties.' });
export const NonconformanceChange = enumOf(['REPORTED', 'STATUS_CHANGED', 'RESPONSE_SUBMITTED'] as const);
registerEnumType(NonconformanceChange, { name: 'NonconformanceChange' });

@ObjectType({ simpleResolvers: true })
export class NonconformanceHistoryEntry {
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => String) by: string;
  @Field(() => NonconformanceStatus, { nullable: true }) fromStatus: keyof typeof NonconformanceStatus | null;
  @Field(() => NonconformanceStatus) toStatus: keyof typeof NonconformanceStatus;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class Nonconformance {
  @Field(() => ID) id: string;
  @Field(() => String) number: string;
  @Field(() => NonconformanceSource) source: keyof typeof NonconformanceSource;
  @Field(() => NonconformanceStatus) status: keyof typeof NonconformanceStatus;
  @Field(() => Severity) severity: keyof typeof Severity;
  @Field(() => Part) part: unknown;
  @Field(() => Supplier, { nullable: true }) supplier: unknown;
  @Field(() => Customer, { nullable: true }) customer: unknown;
  @Field(() => Order, { nullable: true }) order: unknown;
  @Field(() => Delivery, { nullable: true }) delivery: unknown;
  @Field(() => DecimalScalar) quantityAffected: string;
  @Field(() => String) description: string;
  @Field(() => Disposition, { nullable: true }) disposition: keyof typeof Disposition | null;
  @Field(() => Responsibility) responsibility: keyof typeof Responsibility;
  @Field(() => String, { nullable: true, description: 'The problem-solving record: contain, find the cause, act, verify, prevent.' }) containment: string | null;
  @Field(() => String, { nullable: true }) rootCause: string | null;
  @Field(() => String, { nullable: true }) correctiveAction: string | null;
  @Field(() => String, { nullable: true }) preventiveAction: string | null;
  @Field(() => String, { nullable: true }) verification: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) containmentDueAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) correctiveActionDueAt: Date | null;
  @Field(() => Boolean, { description: 'A due step (containment, corrective action) not done in time.' }) overdue: boolean;
  @Field(() => [NonconformanceHistoryEntry]) history: NonconformanceHistoryEntry[];
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class NonconformanceEdge extends EdgeType(Nonconformance) {}
@ObjectType({ simpleResolvers: true })
export class NonconformanceConnection extends ConnectionType(Nonconformance, NonconformanceEdge) {}

@InputType()
export class NonconformanceFilter extends ChangedSinceFilter {
  @Field(() => [NonconformanceStatus], { nullable: true }) status?: (keyof typeof NonconformanceStatus)[] | null;
  @Field(() => [Severity], { nullable: true }) severity?: (keyof typeof Severity)[] | null;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
}

@InputType()
export class ReportNonconformanceInput {
  @Field(() => NonconformanceSource) source: keyof typeof NonconformanceSource;
  @Field(() => Severity) severity: keyof typeof Severity;
  @Field(() => ID) partId: string;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
  @Field(() => ID, { nullable: true }) deliveryId?: string | null;
  @Field(() => DecimalScalar) quantityAffected: string;
  @Field(() => String) description: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class RespondToNonconformanceInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) containment?: string | null;
  @Field(() => String, { nullable: true }) rootCause?: string | null;
  @Field(() => String, { nullable: true }) correctiveAction?: string | null;
  @Field(() => String, { nullable: true }) preventiveAction?: string | null;
}

@InputType()
export class TransitionNonconformanceInput {
  @Field(() => ID) id: string;
  @Field(() => NonconformanceStatus) to: keyof typeof NonconformanceStatus;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Disposition, { nullable: true }) disposition?: keyof typeof Disposition | null;
  @Field(() => Responsibility, { nullable: true }) responsibility?: keyof typeof Responsibility | null;
  @Field(() => String, { nullable: true }) verification?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class NonconformancePayload extends Payload {
  @Field(() => Nonconformance, { nullable: true }) nonconformance: Nonconformance | null;
}

@ObjectType({ simpleResolvers: true })
export class NonconformanceUpdate {
  @Field(() => String) cursor: string;
  @Field(() => DateTimeScalar) occurredAt: Date;
  @Field(() => NonconformanceChange) change: keyof typeof NonconformanceChange;
  @Field(() => Nonconformance) nonconformance: Nonconformance;
}
