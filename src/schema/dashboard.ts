import { ObjectType } from 'type-graphql';

/** Company-wide figures for internal dashboards; staff only. Fields are resolved in resolvers/dashboard.ts. */
@ObjectType({ description: 'Company-wide figures for internal dashboards; staff only.' })
export class Dashboard {}
