import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './common.js';
import { Partner } from './partners.js';

@ObjectType({ simpleResolvers: true })
export class Viewer {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) email: string;
  @Field(() => [Role]) roles: (keyof typeof Role)[];
  @Field(() => Partner, { nullable: true, description: "The partner organisation the user belongs to; null for the company's own staff." })
  organization: Partner | null;
}
