import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType, DateTimeScalar, EdgeType, Node } from './common.js';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'One recorded change. The activity log is the audit trail and the source of every subscription.' })
export class Activity {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Opaque, increasing; pass it as `after` to resume.' }) cursor: string;
  @Field(() => DateTimeScalar) occurredAt: Date;
  @Field(() => String) actor: string;
  @Field(() => String, { description: 'e.g. ORDER_ACKNOWLEDGED, DELIVERY_DELAYED, NONCONFORMANCE_REPORTED.' }) kind: string;
  @Field(() => Node, { nullable: true }) subject: Node | null;
  @Field(() => String) summary: string;
}

@ObjectType({ simpleResolvers: true })
export class ActivityEdge extends EdgeType(Activity) {}

@ObjectType({ simpleResolvers: true })
export class ActivityConnection extends ConnectionType(Activity, ActivityEdge) {}
