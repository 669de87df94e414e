import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, Node, PageInfo } from './common.js';

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
export class ActivityEdge {
  @Field(() => String) cursor: string;
  @Field(() => Activity) node: Activity;
}

@ObjectType({ simpleResolvers: true })
export class ActivityConnection {
  @Field(() => [ActivityEdge]) edges: ActivityEdge[];
  @Field(() => [Activity]) nodes: Activity[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'All activity the viewer may see that matches, on every page.' }) totalCount: number;
}
