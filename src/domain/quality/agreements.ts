/**
 * Quality assurance agreements. The company signs a DRAFT, which offers it to the supplier
 * (AWAITING_SIGNATURE); the supplier's signature makes it ACTIVE. On activation it supersedes the
 * supplier's earlier ACTIVE agreements whose parts it covers.
 */
export const agreementStatuses = ['DRAFT', 'AWAITING_SIGNATURE', 'ACTIVE', 'SUPERSEDED', 'EXPIRED'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const agreementTransitions: readonly { from: AgreementStatus; action: 'companySigns' | 'partnerSigns' | 'supersede' | 'expire'; to: AgreementStatus }[] = [
  { from: 'DRAFT', action: 'companySigns', to: 'AWAITING_SIGNATURE' },
  { from: 'AWAITING_SIGNATURE', action: 'partnerSigns', to: 'ACTIVE' },
  { from: 'ACTIVE', action: 'supersede', to: 'SUPERSEDED' },
  { from: 'ACTIVE', action: 'expire', to: 'EXPIRED' },
];

export function agreementTransition(from: AgreementStatus, action: (typeof agreementTransitions)[number]['action']): AgreementStatus | null {
  return agreementTransitions.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** ACTIVE reads as EXPIRED from the day after effectiveTo. */
export function readAgreementStatus(stored: AgreementStatus, effectiveTo: string | null, today: string): AgreementStatus {
  return stored === 'ACTIVE' && effectiveTo !== null && effectiveTo < today ? 'EXPIRED' : stored;
}

export interface AgreementCoverage {
  id: string;
  /** Empty: every part from the supplier. */
  partIds: readonly string[];
}

/**
 * Which of the supplier's active agreements a newly activated one supersedes: those whose parts it
 * covers entirely (an agreement for all parts supersedes every earlier one).
 */
export function supersededBy(activated: AgreementCoverage, active: readonly AgreementCoverage[]): string[] {
  return active
    .filter((old) => old.id !== activated.id)
    .filter((old) => activated.partIds.length === 0 || (old.partIds.length > 0 && old.partIds.every((p) => activated.partIds.includes(p))))
    .map((old) => old.id);
}

export interface GoverningCandidate extends AgreementCoverage {
  status: AgreementStatus;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  activatedAt: Date | null;
}

function covers(agreement: AgreementCoverage, partId: string): boolean {
  return agreement.partIds.length === 0 || agreement.partIds.includes(partId);
}

/**
 * The agreement that governs a supplier's part on a day: of the ACTIVE agreements in effect that
 * cover the part, the most recently activated; a part-specific agreement therefore overrides an
 * earlier all-parts one without superseding it for the other parts. Null when none does.
 */
export function governingAgreement<T extends GoverningCandidate>(candidates: readonly T[], partId: string, today: string): T | null {
  let best: T | null = null;
  for (const a of candidates) {
    if (a.status !== 'ACTIVE' || !covers(a, partId)) continue;
    if (a.effectiveFrom !== null && a.effectiveFrom > today) continue;
    if (a.effectiveTo !== null && a.effectiveTo < today) continue;
    if (best === null || (a.activatedAt?.getTime() ?? 0) > (best.activatedAt?.getTime() ?? 0)) best = a;
  }
  return best;
}
