import { DeliveryDocumentKind, MissingDocumentPolicy } from './files.js';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { agreementStatuses } from '../domain/quality/agreements.js';
import { inspectionLevels } from '../domain/quality/sampling.js';
import { ChangedSinceFilter, ConnectionType, DateScalar, DateTimeScalar, EdgeType, enumOf, Node, Payload } from './common.js';
import { Signature } from './contracts.js';
import { Part, Supplier } from './partners.js';

export const AgreementStatus = enumOf(agreementStatuses);
registerEnumType(AgreementStatus, { name: 'AgreementStatus' });
export const InspectionSeverity = enumOf(['NORMAL', 'TIGHTENED', 'REDUCED'] as const);
registerEnumType(InspectionSeverity, { name: 'InspectionSeverity' });
export const InspectionLevel = enumOf(inspectionLevels);
registerEnumType(InspectionLevel, { name: 'InspectionLevel', description: 'ISO 2859-1 inspection levels.' });

@ObjectType({ implements: Node, simpleResolvers: true })
export class QualityAgreement {
  @Field(() => ID) id: string;
  @Field(() => String) number: string;
  @Field(() => Supplier) supplier: Supplier;
  @Field(() => [Part], { description: 'Parts covered; empty means all parts from this supplier.' }) parts: Part[];
  @Field(() => AgreementStatus) status: keyof typeof AgreementStatus;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveTo: string | null;
  @Field(() => Float, { description: 'Acceptance quality limit for incoming inspection, e.g. 0.65, 1.0, 2.5.' }) aql: number;
  @Field(() => InspectionLevel) inspectionLevel: keyof typeof InspectionLevel;
  @Field(() => Int) targetPpm: number;
  @Field(() => Int, { description: 'Hours the supplier has to contain a reported nonconformance.' }) containmentHours: number;
  @Field(() => Int, { description: 'Days the supplier has to deliver root cause and corrective action.' }) correctiveActionDays: number;
  @Field(() => Boolean, { description: "Whether product is verified at the supplier's premises before shipping." }) sourceInspection: boolean;
  @Field(() => [DeliveryDocumentKind], { description: 'Documents every delivery of its parts must carry.' }) requiredDeliveryDocuments: string[];
  @Field(() => MissingDocumentPolicy, { description: 'What happens to a ship notice without them.' }) missingDocuments: string;
  @Field(() => [Signature]) signatures: Signature[];
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class QualityAgreementEdge extends EdgeType(QualityAgreement) {}
@ObjectType({ simpleResolvers: true })
export class QualityAgreementConnection extends ConnectionType(QualityAgreement, QualityAgreementEdge) {}

@InputType()
export class QualityAgreementFilter extends ChangedSinceFilter {
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => [AgreementStatus], { nullable: true }) status?: (keyof typeof AgreementStatus)[] | null;
}

@ObjectType({ simpleResolvers: true, description: 'ISO 2859-1 single sampling plan, normal inspection.' })
export class SamplingPlan {
  @Field(() => Int) lotSize: number;
  @Field(() => Float) aql: number;
  @Field(() => InspectionLevel) inspectionLevel: keyof typeof InspectionLevel;
  @Field(() => String, { description: 'Code letter of the plan used, after following the table arrows.' }) codeLetter: string;
  @Field(() => Int, { description: 'Items to inspect: the whole lot when the plan would sample at least the lot.' }) sampleSize: number;
  @Field(() => Int) acceptNumber: number;
  @Field(() => Int) rejectNumber: number;
  @Field(() => InspectionSeverity, { description: 'Normal, tightened or reduced inspection (ISO 2859-1 switching).' }) severity: keyof typeof InspectionSeverity;
}

@InputType()
export class CreateQualityAgreementInput {
  @Field(() => ID) supplierId: string;
  @Field(() => [ID], { nullable: true }) partIds?: string[] | null;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveTo?: string | null;
  @Field(() => Float) aql: number;
  @Field(() => InspectionLevel, { defaultValue: 'II' }) inspectionLevel: keyof typeof InspectionLevel;
  @Field(() => Int) targetPpm: number;
  @Field(() => Int, { defaultValue: 24 }) containmentHours: number;
  @Field(() => Int, { defaultValue: 10 }) correctiveActionDays: number;
  @Field(() => Boolean, { defaultValue: false }) sourceInspection: boolean;
  @Field(() => [DeliveryDocumentKind], { nullable: true, description: 'Documents every delivery of its parts must carry (certificates of conformity or analysis); none when not given.' }) requiredDeliveryDocuments?: string[] | null;
  @Field(() => MissingDocumentPolicy, { nullable: true, description: 'What happens to a ship notice without them: REFUSE (the default) or HOLD.' }) missingDocuments?: string | null;
}

@InputType()
export class QualityAgreementActionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType({ simpleResolvers: true })
export class QualityAgreementPayload extends Payload {
  @Field(() => QualityAgreement, { nullable: true }) qualityAgreement: QualityAgreement | null;
}
