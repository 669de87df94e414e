import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { certificateTypes } from '../domain/partners/certificates.js';
import { DateScalar, DateTimeScalar, enumOf, Payload } from './common.js';
import { File } from './files.js';
import { Supplier } from './partners.js';

export const CertificateType = enumOf(certificateTypes);
registerEnumType(CertificateType, {
  name: 'CertificateType',
  description: 'What a supplier is certified for.',
  valuesConfig: {
    ISO_9001: { description: 'Quality management system.' },
    IATF_16949: { description: 'Automotive quality management system.' },
    ISO_14001: { description: 'Environmental management system.' },
    ISO_45001: { description: 'Occupational health and safety management system.' },
    ISO_13485: { description: 'Medical devices quality management system.' },
    PRODUCT_APPROVAL: { description: 'A product approval or listing (CCC, UL, CE …).' },
    OTHER: { description: 'Another certificate; scope says what.' },
  },
});

export const CertificateStatus = enumOf(['NOT_YET_VALID', 'VALID', 'EXPIRING', 'EXPIRED'] as const);
registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description: 'Where a certificate stands today, in the company calendar.',
  valuesConfig: {
    NOT_YET_VALID: { description: 'validFrom is still ahead.' },
    VALID: { description: 'Valid, and not within the warning window.' },
    EXPIRING: { description: 'Valid, ending within the warning window (CERTIFICATE_WARNING_DAYS, 30 by default).' },
    EXPIRED: { description: 'validTo has passed.' },
  },
});

@ObjectType({ description: "A supplier's certificate with its validity; its copy is a file attached to it." })
export class Certificate {
  @Field(() => ID, { description: 'The certificate.' }) id: string;
  @Field(() => Supplier, { description: 'Whose it is.' }) supplier: unknown;
  @Field(() => CertificateType, { description: 'What it certifies.' }) type: string;
  @Field(() => String, { description: "The certificate's number." }) number: string;
  @Field(() => String, { description: 'Who issued it (the certification body).' }) issuer: string;
  @Field(() => String, { nullable: true, description: 'What it covers (sites, products, processes).' }) scope: string | null;
  @Field(() => DateScalar, { description: 'First valid day.' }) validFrom: string;
  @Field(() => DateScalar, { description: 'Last valid day.' }) validTo: string;
  @Field(() => CertificateStatus, { description: 'Where it stands today.' }) status: string;
  @Field(() => Int, { description: 'Days from today to validTo: 0 on its last day, negative once expired.' }) daysToExpiry: number;
  @Field(() => Int, { description: 'Increases with every change: pass it as expectedVersion.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt: Date;
  @Field(() => [File], { description: 'Its copy and anything else attached, oldest first.' }) files: unknown[];
}

@InputType({ description: "What `recordCertificate` takes. ADMIN, BUYER, QUALITY_ENGINEER, or the supplier's own users." })
export class RecordCertificateInput {
  @Field(() => ID, { description: 'The supplier (its global id).' }) supplierId: string;
  @Field(() => CertificateType, { description: 'What it certifies.' }) type: string;
  @Field(() => String, { description: "The certificate's number; one per supplier and type." }) number: string;
  @Field(() => String, { description: 'Who issued it.' }) issuer: string;
  @Field(() => String, { nullable: true, description: 'What it covers.' }) scope?: string | null;
  @Field(() => DateScalar, { description: 'First valid day.' }) validFrom: string;
  @Field(() => DateScalar, { description: 'Last valid day.' }) validTo: string;
  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first result and creates nothing new.' }) idempotencyKey?: string | null;
}

@InputType({ description: 'What `renewCertificate` takes: the new validity; the expiry notices start over.' })
export class RenewCertificateInput {
  @Field(() => ID, { description: 'The certificate.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a newer one refuses with VERSION_CONFLICT.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'A new issuer; unchanged when not given.' }) issuer?: string | null;
  @Field(() => String, { nullable: true, description: 'A new scope; unchanged when not given.' }) scope?: string | null;
  @Field(() => DateScalar, { description: 'First valid day.' }) validFrom: string;
  @Field(() => DateScalar, { description: 'Last valid day.' }) validTo: string;
}

@ObjectType({ description: 'The result of recording or renewing a certificate.' })
export class CertificatePayload extends Payload {
  @Field(() => Certificate, { nullable: true, description: 'The certificate as written; null when refused.' }) certificate: Certificate | null;
}
