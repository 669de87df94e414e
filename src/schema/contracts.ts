import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { contractStatuses, contractTypes } from '../domain/contracts/lifecycle.js';
import { ChangedSinceFilter, ConnectionType, DateScalar, DateTimeScalar, DecimalScalar, EdgeType, enumOf, Node, Payload } from './common.js';
import { Part, Partner } from './partners.js';

export const ContractType = enumOf(contractTypes);
registerEnumType(ContractType, { name: 'ContractType' });
export const ContractStatus = enumOf(contractStatuses);
registerEnumType(ContractStatus, { name: 'ContractStatus' });
export const PartyEnum = enumOf(['COMPANY', 'PARTNER'] as const);
registerEnumType(PartyEnum, { name: 'Party' });

@ObjectType({ simpleResolvers: true })
export class Signature {
  @Field(() => PartyEnum) party: keyof typeof PartyEnum;
  @Field(() => String) signedBy: string;
  @Field(() => DateTimeScalar) signedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class ContractClause {
  @Field(() => String) heading: string;
  @Field(() => String) body: string;
}

@ObjectType({ simpleResolvers: true })
export class ContractItem {
  @Field(() => Part) part: Part;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => DecimalScalar, { nullable: true }) minimumOrderQuantity: string | null;
  @Field(() => Int, { nullable: true }) leadTimeDays: number | null;
}

@ObjectType({ simpleResolvers: true })
export class ContractRevision {
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) changedAt: Date;
  @Field(() => String) changedBy: string;
  @Field(() => String) summary: string;
}

@ObjectType({ simpleResolvers: true, description: "Terms proposed for an ACTIVE contract: they take effect once both parties have signed them; until then the signed terms stay in force." })
export class ContractAmendment {
  @Field(() => Int, { description: 'The version to pass as expectedVersion when signing.' }) version: number;
  @Field(() => String) summary: string;
  @Field(() => String) title: string;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveTo: string | null;
  @Field(() => Int, { nullable: true }) paymentTermDays: number | null;
  @Field(() => String, { nullable: true }) deliveryTerms: string | null;
  @Field(() => [ContractClause]) clauses: ContractClause[];
  @Field(() => [ContractItem]) items: ContractItem[];
  @Field(() => [Signature]) signatures: Signature[];
}

@ObjectType({ implements: Node, simpleResolvers: true, description: 'A contract with a partner. Its terms are those in force once it was activated, else those of the latest version.' })
export class Contract {
  @Field(() => ID) id: string;
  @Field(() => String) number: string;
  @Field(() => String) title: string;
  @Field(() => ContractType) type: keyof typeof ContractType;
  @Field(() => ContractStatus, { description: 'ACTIVE reads as EXPIRED from the day after effectiveTo.' }) status: keyof typeof ContractStatus;
  @Field(() => Partner) partner: Partner;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveTo: string | null;
  @Field(() => String) currency: string;
  @Field(() => Int, { nullable: true }) paymentTermDays: number | null;
  @Field(() => String, { nullable: true, description: 'e.g. an Incoterms rule such as FCA Shanghai.' }) deliveryTerms: string | null;
  @Field(() => [ContractClause]) clauses: ContractClause[];
  @Field(() => [ContractItem]) items: ContractItem[];
  @Field(() => [Signature]) signatures: Signature[];
  @Field(() => Int, { description: 'The latest version; amendments and signatures must name it as expectedVersion.' }) version: number;
  @Field(() => Int, { nullable: true, description: 'The signed version in force; null before activation.' }) inForceVersion: number | null;
  @Field(() => ContractAmendment, { nullable: true, description: 'An amendment of an ACTIVE contract awaiting signatures.' }) amendment: ContractAmendment | null;
  @Field(() => [ContractRevision]) revisions: ContractRevision[];
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class ContractEdge extends EdgeType(Contract) {}
@ObjectType({ simpleResolvers: true })
export class ContractConnection extends ConnectionType(Contract, ContractEdge) {}

@InputType()
export class ContractFilter extends ChangedSinceFilter {
  @Field(() => [ContractType], { nullable: true }) type?: (keyof typeof ContractType)[] | null;
  @Field(() => [ContractStatus], { nullable: true }) status?: (keyof typeof ContractStatus)[] | null;
  @Field(() => ID, { nullable: true }) partnerId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Active contracts whose effectiveTo falls on or before this date.' }) expiringBefore?: string | null;
}

@InputType()
export class ContractClauseInput {
  @Field(() => String) heading: string;
  @Field(() => String) body: string;
}

@InputType()
export class ContractItemInput {
  @Field(() => ID) partId: string;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => DecimalScalar, { nullable: true }) minimumOrderQuantity?: string | null;
  @Field(() => Int, { nullable: true }) leadTimeDays?: number | null;
}

@InputType()
export class CreateContractInput {
  @Field(() => ID) partnerId: string;
  @Field(() => ContractType) type: keyof typeof ContractType;
  @Field(() => String) title: string;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveTo?: string | null;
  @Field(() => String) currency: string;
  @Field(() => Int, { nullable: true }) paymentTermDays?: number | null;
  @Field(() => String, { nullable: true }) deliveryTerms?: string | null;
  @Field(() => [ContractClauseInput], { nullable: true }) clauses?: ContractClauseInput[] | null;
  @Field(() => [ContractItemInput], { nullable: true }) items?: ContractItemInput[] | null;
}

@InputType()
export class AmendContractInput {
  @Field(() => ID) id: string;
  @Field(() => Int) expectedVersion: number;
  @Field(() => String) summary: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveTo?: string | null;
  @Field(() => Int, { nullable: true }) paymentTermDays?: number | null;
  @Field(() => String, { nullable: true }) deliveryTerms?: string | null;
  @Field(() => [ContractClauseInput], { nullable: true }) clauses?: ContractClauseInput[] | null;
  @Field(() => [ContractItemInput], { nullable: true }) items?: ContractItemInput[] | null;
}

@InputType()
export class ContractActionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class ContractPayload extends Payload {
  @Field(() => Contract, { nullable: true }) contract: Contract | null;
}
