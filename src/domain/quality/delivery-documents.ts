import type { DeliveryDocumentKind } from '../files/rules.js';

/** A document a delivery must carry for one of its parts, and what its agreement says if it is missing. */
export interface RequiredDocument {
  partId: string;
  partNumber: string;
  kind: DeliveryDocumentKind;
  /** The quality agreement's number. */
  agreement: string;
  policy: 'REFUSE' | 'HOLD';
}

/** A document attached to the delivery: for one part, or (partId null) for all of them. */
export interface CarriedDocument {
  kind: string;
  partId: string | null;
}

/** What each shipped part's governing agreement requires, once per part and kind. */
export function requiredDocuments(
  parts: readonly { partId: string; partNumber: string; agreement: { number: string; requiredDeliveryDocuments: readonly string[]; missingDocuments: 'REFUSE' | 'HOLD' } | null }[],
): RequiredDocument[] {
  const required = new Map<string, RequiredDocument>();
  for (const part of parts) {
    if (part.agreement === null) continue;
    for (const kind of part.agreement.requiredDeliveryDocuments) {
      required.set(`${part.partId}:${kind}`, { partId: part.partId, partNumber: part.partNumber, kind: kind as DeliveryDocumentKind, agreement: part.agreement.number, policy: part.agreement.missingDocuments });
    }
  }
  return [...required.values()];
}

/** The required documents no carried document answers (one of the same kind, for the part or for all). */
export function missingDocuments(required: readonly RequiredDocument[], carried: readonly CarriedDocument[]): RequiredDocument[] {
  return required.filter((r) => !carried.some((d) => d.kind === r.kind && (d.partId === null || d.partId === r.partId)));
}

/** How missing documents read in an error: "P-100: CERTIFICATE_OF_CONFORMITY (QA-2026-00001)". */
export function describeMissing(missing: readonly RequiredDocument[]): string {
  return missing.map((m) => `${m.partNumber}: ${m.kind} (${m.agreement})`).join('; ');
}
