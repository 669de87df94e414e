import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { deliveryStatuses } from '../domain/deliveries/lifecycle.js';
import { ChangedSinceFilter, ConnectionType, DateTimeScalar, DecimalScalar, EdgeType, enumOf, Node, Payload } from './common.js';
// Circular with orders.ts: fields that name Order are typed lazily and annotated as unknown, so
// neither module needs the other's classes while it loads.
import { Order, OrderLine } from './orders.js';
import { Part } from './partners.js';
import { DeliveryDocumentKind, MissingDocumentPolicy } from './files.js';

export const DeliveryStatus = enumOf(deliveryStatuses);
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

@ObjectType({ simpleResolvers: true })
export class DeliveryLine {
  @Field(() => OrderLine) orderLine: unknown;
  @Field(() => DecimalScalar) quantity: string;
  @Field(() => String, { nullable: true }) lotNumber: string | null;
  @Field(() => DecimalScalar, { nullable: true }) receivedQuantity: string | null;
}

@ObjectType({ simpleResolvers: true })
export class DeliveryEvent {
  @Field(() => ID) id: string;
  @Field(() => DeliveryStatus) status: keyof typeof DeliveryStatus;
  @Field(() => DateTimeScalar) occurredAt: Date;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) estimatedArrival: Date | null;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class Delivery {
  @Field(() => ID) id: string;
  @Field(() => String) number: string;
  @Field(() => Order) order: unknown;
  @Field(() => DeliveryStatus) status: keyof typeof DeliveryStatus;
  @Field(() => String, { nullable: true }) carrier: string | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) shippedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) estimatedArrival: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) arrivedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) receivedAt: Date | null;
  @Field(() => [DeliveryLine]) lines: DeliveryLine[];
  @Field(() => [DeliveryEvent]) events: DeliveryEvent[];
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class DeliveryEdge extends EdgeType(Delivery) {}
@ObjectType({ simpleResolvers: true })
export class DeliveryConnection extends ConnectionType(Delivery, DeliveryEdge) {}

@InputType()
export class DeliveryFilter extends ChangedSinceFilter {
  @Field(() => ID, { nullable: true }) orderId?: string | null;
  @Field(() => ID, { nullable: true }) partnerId?: string | null;
  @Field(() => [DeliveryStatus], { nullable: true }) status?: (keyof typeof DeliveryStatus)[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Deliveries whose estimated arrival has passed and that have not arrived.' }) late?: boolean | null;
}

@InputType()
export class DeliveryLineInput {
  @Field(() => ID) orderLineId: string;
  @Field(() => DecimalScalar) quantity: string;
  @Field(() => String, { nullable: true }) lotNumber?: string | null;
}

@InputType()
export class CreateDeliveryInput {
  @Field(() => ID) orderId: string;
  @Field(() => String, { nullable: true }) carrier?: string | null;
  @Field(() => String, { nullable: true }) trackingNumber?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) estimatedArrival?: Date | null;
  @Field(() => [DeliveryLineInput]) lines: DeliveryLineInput[];
  @Field(() => [ID], {
    nullable: true,
    description: 'Documents that travel with it (certificates of conformity or analysis its quality agreements require): files uploaded to the order, moved to the delivery.',
  })
  documentIds?: string[] | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType({ description: 'A document a delivery must carry for one of its parts and does not yet.' })
export class MissingDocument {
  @Field(() => Part, { description: 'The part it is for.' }) part: unknown;
  @Field(() => DeliveryDocumentKind, { description: 'What is missing.' }) kind: string;
  @Field(() => String, { description: 'The quality agreement (its number) that requires it.' }) qualityAgreement: string;
  @Field(() => MissingDocumentPolicy, { description: 'REFUSE or HOLD, as the agreement says.' }) policy: string;
}

@InputType()
export class RecordDeliveryEventInput {
  @Field(() => ID) deliveryId: string;
  @Field(() => DeliveryStatus) status: keyof typeof DeliveryStatus;
  @Field(() => DateTimeScalar, { nullable: true }) occurredAt?: Date | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) estimatedArrival?: Date | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class ReceivedLineInput {
  @Field(() => ID) orderLineId: string;
  @Field(() => DecimalScalar) receivedQuantity: string;
}

@InputType()
export class ReceiveDeliveryInput {
  @Field(() => ID) deliveryId: string;
  @Field(() => [ReceivedLineInput]) lines: ReceivedLineInput[];
}

@ObjectType({ simpleResolvers: true })
export class DeliveryPayload extends Payload {
  @Field(() => Delivery, { nullable: true }) delivery: Delivery | null;
}

@ObjectType({ simpleResolvers: true })
export class DeliveryUpdate {
  @Field(() => String) cursor: string;
  @Field(() => DateTimeScalar) occurredAt: Date;
  @Field(() => Delivery) delivery: Delivery;
  @Field(() => DeliveryEvent) event: DeliveryEvent;
}
