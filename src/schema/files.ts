import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { deliveryDocumentKinds, fileKinds } from '../domain/files/rules.js';
import { DateTimeScalar, enumOf } from './common.js';

export const FileKind = enumOf(fileKinds);
registerEnumType(FileKind, {
  name: 'FileKind',
  description: 'What a file is.',
  valuesConfig: {
    SIGNED_COPY: { description: 'The signed copy of a contract or quality agreement.' },
    CERTIFICATE: { description: 'A certificate’s copy (ISO 9001 …).' },
    CERTIFICATE_OF_CONFORMITY: { description: 'A certificate of conformity that travels with a delivery.' },
    CERTIFICATE_OF_ANALYSIS: { description: 'A certificate of analysis that travels with a delivery.' },
    EIGHT_D_REPORT: { description: 'An 8D report of a nonconformance’s corrective action.' },
    PHOTO: { description: 'A photo (of a defect, a label, a shipment).' },
    EVIDENCE: { description: 'Evidence for a supplier survey.' },
    OTHER: { description: 'Anything else.' },
  },
});

@ObjectType({
  description:
    'A file attached to a record, uploaded with POST /files?subjectId=…&kind=…&name=… (the body is the file). Read it with GET /files/<id> and a bearer token, or with downloadUrl.',
})
export class File {
  @Field(() => ID, { description: 'The file (GET /files/<id>).' }) id: string;
  @Field(() => String, { description: 'Its name as uploaded (the last path segment).' }) name: string;
  @Field(() => FileKind, { description: 'What it is.' }) kind: string;
  @Field(() => String, { description: 'The media type, detected from the bytes.' }) contentType: string;
  @Field(() => Int, { description: 'Size in bytes.' }) size: number;
  @Field(() => String, { description: 'SHA-256 of the bytes, in hex.' }) sha256: string;
  @Field(() => ID, { nullable: true, description: 'The part it is about, when one (a certificate of conformity for one part of a delivery).' }) partId: string | null;
  @Field(() => String, { description: 'Who uploaded it (partners see other organisations’ users unnamed).' }) uploadedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was uploaded.' }) createdAt: Date;
  @Field(() => String, { description: 'A path that downloads it without a token until downloadUrlExpiresAt; ask again for a fresh one.' }) downloadUrl: string;
  @Field(() => DateTimeScalar, { description: 'When downloadUrl stops working.' }) downloadUrlExpiresAt: Date;
}

export const DeliveryDocumentKind = enumOf(deliveryDocumentKinds);
registerEnumType(DeliveryDocumentKind, {
  name: 'DeliveryDocumentKind',
  description: 'A document a quality agreement may require with every delivery of its parts.',
  valuesConfig: {
    CERTIFICATE_OF_CONFORMITY: { description: 'A certificate of conformity (CoC).' },
    CERTIFICATE_OF_ANALYSIS: { description: 'A certificate of analysis (CoA).' },
  },
});

export const MissingDocumentPolicy = enumOf(['REFUSE', 'HOLD'] as const);
registerEnumType(MissingDocumentPolicy, {
  name: 'MissingDocumentPolicy',
  description: 'What happens to a ship notice without the documents its quality agreement requires.',
  valuesConfig: {
    REFUSE: { description: 'createDelivery is refused, naming what is missing.' },
    HOLD: { description: 'The delivery is announced but on hold: receiveDelivery is refused until the documents are attached to it.' },
  },
});
