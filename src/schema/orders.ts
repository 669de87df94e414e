import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { orderStatuses } from '../domain/orders/lifecycle.js';
import { ChangedSinceFilter, ConnectionType, DateScalar, DateTimeScalar, DecimalScalar, EdgeType, enumOf, Node, Payload, SortDirection } from './common.js';
import { Contract, PartyEnum } from './contracts.js';
import { Delivery } from './deliveries.js';
import { Part, Partner } from './partners.js';

export const OrderDirection = enumOf(['PURCHASE', 'SALES'] as const);
registerEnumType(OrderDirection, { name: 'OrderDirection', valuesConfig: { PURCHASE: { description: 'We buy from a supplier.' }, SALES: { description: 'A customer buys from us.' } } });
export const OrderStatus = enumOf(orderStatuses);
registerEnumType(OrderStatus, { name: 'OrderStatus' });
export const OrderSortField = enumOf(['NUMBER', 'DUE_DATE', 'CREATED_AT'] as const);
registerEnumType(OrderSortField, { name: 'OrderSortField' });
export const ChangeRequestStatus = enumOf(['PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const);
registerEnumType(ChangeRequestStatus, { name: 'ChangeRequestStatus' });

@ObjectType({ simpleResolvers: true })
export class OrderLine {
  @Field(() => ID) id: string;
  @Field(() => Int) lineNumber: number;
  @Field(() => Part) part: Part;
  @Field(() => DecimalScalar) quantity: string;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => DateScalar) requestedDate: string;
  @Field(() => DecimalScalar, { nullable: true }) confirmedQuantity: string | null;
  @Field(() => DateScalar, { nullable: true }) confirmedDate: string | null;
  @Field(() => DecimalScalar) deliveredQuantity: string;
  @Field(() => DecimalScalar) acceptedQuantity: string;
}

@ObjectType({ simpleResolvers: true })
export class LineChange {
  @Field(() => OrderLine) line: OrderLine;
  @Field(() => DecimalScalar, { nullable: true }) quantity: string | null;
  @Field(() => DateScalar, { nullable: true }) requestedDate: string | null;
  @Field(() => DecimalScalar, { nullable: true }) unitPrice: string | null;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class OrderChangeRequest {
  @Field(() => ID) id: string;
  // Annotated unknown: Order is declared below, and decorator metadata would read it too early.
  @Field(() => Order) order: unknown;
  @Field(() => PartyEnum) requestedBy: keyof typeof PartyEnum;
  @Field(() => String, { description: 'Why the change is needed; required.' }) reason: string;
  @Field(() => [LineChange]) changes: LineChange[];
  @Field(() => ChangeRequestStatus) status: keyof typeof ChangeRequestStatus;
  @Field(() => DateTimeScalar, { nullable: true }) respondBy: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionNote: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class Order {
  @Field(() => ID) id: string;
  @Field(() => String) number: string;
  @Field(() => OrderDirection) direction: keyof typeof OrderDirection;
  @Field(() => OrderStatus) status: keyof typeof OrderStatus;
  @Field(() => Partner) partner: Partner;
  @Field(() => Contract, { nullable: true }) contract: Contract | null;
  @Field(() => String) currency: string;
  @Field(() => DecimalScalar, { description: 'Sum of quantity × unit price over the lines.' }) total: string;
  @Field(() => DateScalar, { description: 'The earliest requested date of its lines.' }) dueDate: string;
  @Field(() => [OrderLine]) lines: OrderLine[];
  @Field(() => DateTimeScalar, { nullable: true }) issuedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => [OrderChangeRequest]) changeRequests: OrderChangeRequest[];
  @Field(() => [Delivery]) deliveries: unknown[];
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class OrderEdge extends EdgeType(Order) {}
@ObjectType({ simpleResolvers: true })
export class OrderConnection extends ConnectionType(Order, OrderEdge) {}

@InputType()
export class OrderFilter extends ChangedSinceFilter {
  @Field(() => OrderDirection, { nullable: true }) direction?: keyof typeof OrderDirection | null;
  @Field(() => [OrderStatus], { nullable: true }) status?: (keyof typeof OrderStatus)[] | null;
  @Field(() => ID, { nullable: true }) partnerId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Orders with a line requested on or before this date.' }) dueBefore?: string | null;
  @Field(() => String, { nullable: true, description: 'Matches the order number, case-insensitive.' }) search?: string | null;
}

@InputType()
export class OrderOrder {
  @Field(() => OrderSortField) field: keyof typeof OrderSortField;
  @Field(() => SortDirection, { nullable: true, defaultValue: 'ASC' }) direction?: keyof typeof SortDirection | null;
}

@InputType()
export class OrderLineInput {
  @Field(() => ID) partId: string;
  @Field(() => DecimalScalar) quantity: string;
  @Field(() => DecimalScalar, { nullable: true }) unitPrice?: string | null;
  @Field(() => DateScalar) requestedDate: string;
}

@InputType()
export class CreateOrderInput {
  @Field(() => OrderDirection) direction: keyof typeof OrderDirection;
  @Field(() => ID) partnerId: string;
  @Field(() => ID, { nullable: true }) contractId?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => [OrderLineInput]) lines: OrderLineInput[];
  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first result and creates nothing new.' }) idempotencyKey?: string | null;
}

@InputType()
export class OrderActionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class LineConfirmationInput {
  @Field(() => ID) lineId: string;
  @Field(() => DecimalScalar) confirmedQuantity: string;
  @Field(() => DateScalar) confirmedDate: string;
}

@InputType()
export class AcknowledgeOrderInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => [LineConfirmationInput], { nullable: true, description: 'Lines not listed are confirmed as requested.' }) lines?: LineConfirmationInput[] | null;
}

@InputType()
export class RejectOrderInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String) reason: string;
}

@ObjectType({ simpleResolvers: true })
export class OrderPayload extends Payload {
  @Field(() => Order, { nullable: true }) order: Order | null;
}

@InputType()
export class LineChangeInput {
  @Field(() => ID) lineId: string;
  @Field(() => DecimalScalar, { nullable: true }) quantity?: string | null;
  @Field(() => DateScalar, { nullable: true }) requestedDate?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) unitPrice?: string | null;
}

@InputType()
export class RequestOrderChangeInput {
  @Field(() => ID) orderId: string;
  @Field(() => String) reason: string;
  @Field(() => [LineChangeInput]) changes: LineChangeInput[];
  @Field(() => DateTimeScalar, { nullable: true }) respondBy?: Date | null;
  @Field(() => Int, { nullable: true, description: "The order's version the change was prepared against; a stale one is VERSION_CONFLICT." }) expectedVersion?: number | null;
}

@InputType()
export class RespondToOrderChangeInput {
  @Field(() => ID) id: string;
  @Field(() => Boolean) accept: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class WithdrawOrderChangeInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class OrderChangeRequestPayload extends Payload {
  @Field(() => OrderChangeRequest, { nullable: true }) changeRequest: OrderChangeRequest | null;
}

export const OrderChange = enumOf(['ISSUED', 'ACKNOWLEDGED', 'REJECTED', 'CANCELLED', 'CLOSED', 'CHANGE_REQUESTED', 'CHANGE_ACCEPTED', 'CHANGE_REJECTED', 'DELIVERY_RECEIVED', 'CHANGE_WITHDRAWN'] as const);
registerEnumType(OrderChange, { name: 'OrderChange' });

@ObjectType({ simpleResolvers: true })
export class OrderUpdate {
  @Field(() => String) cursor: string;
  @Field(() => DateTimeScalar) occurredAt: Date;
  @Field(() => OrderChange) change: keyof typeof OrderChange;
  @Field(() => Order) order: Order;
  @Field(() => OrderChangeRequest, { nullable: true }) changeRequest: OrderChangeRequest | null;
}
