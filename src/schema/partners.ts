import { ArgsType, Field, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType, Float } from 'type-graphql';
import { importanceClasses } from '../domain/partners/importance.js';
import { sourcingActions, sourcingStatuses, supplierGrades } from '../domain/partners/sourcing-advice.js';
import { relationshipTypes } from '../domain/partners/relationship.js';
import { supplierStatuses } from '../domain/partners/supplier-status.js';
import { ChangedSinceFilter, ConnectionType, DateScalar, DateTimeScalar, EdgeType, enumOf, Node, Payload, SortDirection, type Typed } from './common.js';

export const SupplierStatus = enumOf(supplierStatuses);
registerEnumType(SupplierStatus, { name: 'SupplierStatus' });
export const ImportanceClass = enumOf(importanceClasses);
registerEnumType(ImportanceClass, { name: 'ImportanceClass', description: 'Importance of what a supplier supplies: I key, II important, III general.' });
export const SupplierGrade = enumOf(supplierGrades);
registerEnumType(SupplierGrade, { name: 'SupplierGrade', description: 'Performance grade from the latest evaluation, A best.' });
export const SourcingStatus = enumOf(sourcingStatuses);
registerEnumType(SourcingStatus, { name: 'SourcingStatus' });
export const SourcingAction = enumOf(sourcingActions);
registerEnumType(SourcingAction, { name: 'SourcingAction' });
export const SupplierSortField = enumOf(['CODE', 'NAME', 'GRADE', 'CREATED_AT'] as const);
registerEnumType(SupplierSortField, { name: 'SupplierSortField' });

type Status = keyof typeof SupplierStatus;
type Grade = keyof typeof SupplierGrade;
type Importance = keyof typeof ImportanceClass;

@ObjectType({ simpleResolvers: true })
export class Contact {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => Boolean) primary: boolean;
}

@InputType()
export class ContactInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) primary?: boolean | null;
}

@InterfaceType({ resolveType: (value: Typed) => value.__typename })
export abstract class Partner {
  @Field(() => ID) id: string;
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) country: string | null;
  @Field(() => [Contact]) contacts: Contact[];
}

@ObjectType({ simpleResolvers: true })
export class Certification {
  @Field(() => String, { description: 'e.g. ISO 9001, IATF 16949, ISO 14001.' }) standard: string;
  @Field(() => String, { nullable: true }) certificateNumber: string | null;
  @Field(() => DateScalar, { nullable: true }) validUntil: string | null;
}

@InputType()
export class CertificationInput {
  @Field(() => String) standard: string;
  @Field(() => String, { nullable: true }) certificateNumber?: string | null;
  @Field(() => DateScalar, { nullable: true }) validUntil?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What a supplier survey found before approval.' })
export class SupplierSurvey {
  @Field(() => DateTimeScalar) surveyedAt: Date;
  @Field(() => Boolean, { nullable: true }) taxCompliant: boolean | null;
  @Field(() => Float, { nullable: true, description: 'Process capability index of the key characteristic.' }) cpk: number | null;
  @Field(() => [Certification]) certifications: Certification[];
  @Field(() => [String]) mainCustomers: string[];
  @Field(() => String, { nullable: true }) capacityNotes: string | null;
  @Field(() => String, { nullable: true }) findings: string | null;
}

@ObjectType({ implements: [Node, Partner], simpleResolvers: true })
export class Supplier {
  @Field(() => ID) id: string;
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) country: string | null;
  @Field(() => [Contact]) contacts: Contact[];
  @Field(() => SupplierStatus) status: Status;
  @Field(() => ImportanceClass, { nullable: true, description: 'Highest importance among the parts it is designated for; null when it supplies none.' })
  importanceClass: Importance | null;
  @Field(() => SupplierGrade, { nullable: true, description: 'Grade of the latest evaluation; null before the first.' }) grade: Grade | null;
  @Field(() => SupplierSurvey, { nullable: true }) latestSurvey: SupplierSurvey | null;
  @Field(() => [SourcedPart]) sourcedParts: SourcedPart[];
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ implements: [Node, Partner], simpleResolvers: true })
export class Customer {
  @Field(() => ID) id: string;
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) country: string | null;
  @Field(() => [Contact]) contacts: Contact[];
  @Field(() => String, { nullable: true }) industry: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class SourcingAdvice {
  @Field(() => Int) designatedSupplierCount: number;
  @Field(() => SourcingAction) action: keyof typeof SourcingAction;
  @Field(() => String) reason: string;
}

@ObjectType({ implements: Node, simpleResolvers: true })
export class Part {
  @Field(() => ID) id: string;
  @Field(() => String) partNumber: string;
  @Field(() => String) description: string;
  @Field(() => String) unit: string;
  @Field(() => ImportanceClass) importanceClass: Importance;
  @Field(() => String, { nullable: true }) revision: string | null;
  @Field(() => [SourcedPart], { description: 'Designated suppliers of this part. A supplier user sees only its own designation.' })
  sources: SourcedPart[];
  @Field(() => SourcingAdvice, { description: 'What to do about the number and grades of designated suppliers. Staff only.' })
  sourcingAdvice: SourcingAdvice;
}

@ObjectType({ simpleResolvers: true })
export class SourcedPart {
  @Field(() => Supplier) supplier: Supplier;
  @Field(() => Part) part: Part;
  @Field(() => SourcingStatus) status: keyof typeof SourcingStatus;
  @Field(() => Int, { nullable: true, description: 'Planned share of demand, 0..100.' }) sharePercent: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) approvedAt: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class SupplierEdge extends EdgeType(Supplier) {}
@ObjectType({ simpleResolvers: true })
export class SupplierConnection extends ConnectionType(Supplier, SupplierEdge) {}
@ObjectType({ simpleResolvers: true })
export class CustomerEdge extends EdgeType(Customer) {}
@ObjectType({ simpleResolvers: true })
export class CustomerConnection extends ConnectionType(Customer, CustomerEdge) {}
@ObjectType({ simpleResolvers: true })
export class PartEdge extends EdgeType(Part) {}
@ObjectType({ simpleResolvers: true })
export class PartConnection extends ConnectionType(Part, PartEdge) {}

// ---------------------------------------------------------------- list arguments

@ArgsType()
export class PageArguments {
  @Field(() => Int, { nullable: true, description: 'How many records from the start of the page (after `after`), at most 100; 20 when neither first nor last is given.' })
  first?: number | null;
  @Field(() => String, { nullable: true, description: 'A cursor (an edge\'s `cursor`, or `pageInfo.endCursor`): the page starts after that record.' })
  after?: string | null;
  @Field(() => Int, { nullable: true, description: 'How many records from the end of the page (before `before`), at most 100; for paging backwards.' })
  last?: number | null;
  @Field(() => String, { nullable: true, description: 'A cursor (`pageInfo.startCursor`): the page ends before that record.' })
  before?: string | null;
}

@InputType()
export class SupplierFilter extends ChangedSinceFilter {
  @Field(() => [SupplierStatus], { nullable: true }) status?: Status[] | null;
  @Field(() => [SupplierGrade], { nullable: true }) grade?: Grade[] | null;
  @Field(() => [ImportanceClass], { nullable: true }) importanceClass?: Importance[] | null;
  @Field(() => String, { nullable: true, description: 'Matches code or name, case-insensitive.' }) search?: string | null;
}

@InputType()
export class SupplierOrder {
  @Field(() => SupplierSortField) field: keyof typeof SupplierSortField;
  @Field(() => SortDirection, { nullable: true, defaultValue: 'ASC' }) direction?: keyof typeof SortDirection | null;
}

@InputType()
export class CustomerFilter extends ChangedSinceFilter {
  @Field(() => String, { nullable: true, description: 'Matches code or name, case-insensitive.' }) search?: string | null;
}

@InputType()
export class PartFilter extends ChangedSinceFilter {
  @Field(() => [ImportanceClass], { nullable: true }) importanceClass?: Importance[] | null;
  @Field(() => String, { nullable: true, description: 'Matches part number or description, case-insensitive.' }) search?: string | null;
}

// ---------------------------------------------------------------- mutations

@InputType()
export class CreateSupplierInput {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => [ContactInput], { nullable: true }) contacts?: ContactInput[] | null;
}

@InputType()
export class UpdateSupplierInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => [ContactInput], { nullable: true }) contacts?: ContactInput[] | null;
}

@InputType()
export class RecordSupplierSurveyInput {
  @Field(() => ID) supplierId: string;
  @Field(() => Boolean, { nullable: true }) taxCompliant?: boolean | null;
  @Field(() => Float, { nullable: true }) cpk?: number | null;
  @Field(() => [CertificationInput], { nullable: true }) certifications?: CertificationInput[] | null;
  @Field(() => [String], { nullable: true }) mainCustomers?: string[] | null;
  @Field(() => String, { nullable: true }) capacityNotes?: string | null;
  @Field(() => String, { nullable: true }) findings?: string | null;
}

@InputType()
export class SetSupplierStatusInput {
  @Field(() => ID) supplierId: string;
  @Field(() => SupplierStatus) status: Status;
  @Field(() => String) reason: string;
}

@InputType()
export class CreateCustomerInput {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => [ContactInput], { nullable: true }) contacts?: ContactInput[] | null;
}

@InputType()
export class CreatePartInput {
  @Field(() => String) partNumber: string;
  @Field(() => String) description: string;
  @Field(() => String) unit: string;
  @Field(() => ImportanceClass) importanceClass: Importance;
  @Field(() => String, { nullable: true }) revision?: string | null;
}

@InputType()
export class DesignateSourceInput {
  @Field(() => ID) partId: string;
  @Field(() => ID) supplierId: string;
  @Field(() => SourcingStatus) status: keyof typeof SourcingStatus;
  @Field(() => Int, { nullable: true }) sharePercent?: number | null;
}

@ObjectType({ simpleResolvers: true })
export class SupplierPayload extends Payload {
  @Field(() => Supplier, { nullable: true }) supplier: Supplier | null;
}

@ObjectType({ simpleResolvers: true })
export class CustomerPayload extends Payload {
  @Field(() => Customer, { nullable: true }) customer: Customer | null;
}

@ObjectType({ simpleResolvers: true })
export class PartPayload extends Payload {
  @Field(() => Part, { nullable: true }) part: Part | null;
}

@ObjectType({ simpleResolvers: true })
export class SourcedPartPayload extends Payload {
  @Field(() => SourcedPart, { nullable: true }) sourcedPart: SourcedPart | null;
}

export const RelationshipType = enumOf(relationshipTypes);
registerEnumType(RelationshipType, { name: 'RelationshipType' });

@ObjectType({ simpleResolvers: true })
export class RelationshipAdvice {
  @Field(() => ImportanceClass, { nullable: true }) importanceClass: Importance | null;
  @Field(() => SupplierGrade, { nullable: true }) grade: Grade | null;
  @Field(() => RelationshipType) relationship: keyof typeof RelationshipType;
  @Field(() => [String]) actions: string[];
}
