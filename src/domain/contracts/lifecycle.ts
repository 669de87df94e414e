import type { Role, Viewer } from '../../auth/viewer.js';
import { type Message, msg } from '../../i18n/message.js';

export const contractTypes = ['SUPPLY', 'QUALITY_ASSURANCE', 'TECHNICAL', 'AFTER_SALES', 'SALES'] as const;
export type ContractType = (typeof contractTypes)[number];

export const contractStatuses = ['DRAFT', 'IN_REVIEW', 'AWAITING_SIGNATURE', 'ACTIVE', 'EXPIRED', 'TERMINATED'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export type ContractAction = 'submit' | 'approve' | 'sign' | 'activate' | 'terminate' | 'expire';

/**
 * The contract lifecycle as data. `activate` happens when the second party signs; `expire` is not
 * a write: an ACTIVE contract reads as EXPIRED from the day after its effectiveTo.
 */
export const contractTransitions: readonly { from: ContractStatus; action: ContractAction; to: ContractStatus }[] = [
  { from: 'DRAFT', action: 'submit', to: 'IN_REVIEW' },
  { from: 'IN_REVIEW', action: 'approve', to: 'AWAITING_SIGNATURE' },
  { from: 'AWAITING_SIGNATURE', action: 'sign', to: 'AWAITING_SIGNATURE' },
  { from: 'AWAITING_SIGNATURE', action: 'activate', to: 'ACTIVE' },
  // An ACTIVE contract's amendment is signed while the signed version stays in force.
  { from: 'ACTIVE', action: 'sign', to: 'ACTIVE' },
  { from: 'ACTIVE', action: 'expire', to: 'EXPIRED' },
  { from: 'DRAFT', action: 'terminate', to: 'TERMINATED' },
  { from: 'IN_REVIEW', action: 'terminate', to: 'TERMINATED' },
  { from: 'AWAITING_SIGNATURE', action: 'terminate', to: 'TERMINATED' },
  { from: 'ACTIVE', action: 'terminate', to: 'TERMINATED' },
];

export const initialContractStatus: ContractStatus = 'DRAFT';

export function contractTransition(from: ContractStatus, action: ContractAction): ContractStatus | null {
  return contractTransitions.find((t) => t.from === from && t.action === action)?.to ?? null;
}

/** Statuses in which the terms may be amended: a draft in place, an active contract by a new version. */
export const amendableStatuses: readonly ContractStatus[] = ['DRAFT', 'ACTIVE'];

/** The status a reader sees: ACTIVE turns EXPIRED on the first day after effectiveTo. */
export function readContractStatus(stored: ContractStatus, effectiveTo: string | null, today: string): ContractStatus {
  return stored === 'ACTIVE' && effectiveTo !== null && effectiveTo < today ? 'EXPIRED' : stored;
}

/** The department that owns a contract type: it drafts, submits, amends, signs and terminates. */
export function owningRole(type: ContractType): Role {
  return type === 'SALES' ? 'SALES' : 'BUYER';
}

/** May this staff user draft, amend, submit or terminate contracts of this type? */
export function mayManage(viewer: Viewer, type: ContractType): boolean {
  return viewer.organization === null && (viewer.roles.includes('ADMIN') || viewer.roles.includes(owningRole(type)));
}

/** Approvers: an ADMIN, or a second user of the owning role (quality engineers for quality and technical contracts) — never the drafter. */
export function approvalRefusal(viewer: Viewer, type: ContractType, draftedById: string): Message | null {
  if (viewer.id === draftedById) return msg`The drafter of a contract cannot approve it; a second staff user must.`;
  const approvers: Role[] = ['ADMIN', owningRole(type)];
  if (type === 'QUALITY_ASSURANCE' || type === 'TECHNICAL') approvers.push('QUALITY_ENGINEER');
  if (viewer.organization !== null || !viewer.roles.some((r) => approvers.includes(r))) {
    return msg`A ${type} contract is approved by ${approvers.join(' or ')}.`;
  }
  return null;
}

/** Which side a user signs for: the company by a user of the owning role, the partner by its own users. */
export function signingParty(viewer: Viewer, type: ContractType, partner: { type: 'Supplier' | 'Customer'; id: string }): 'COMPANY' | 'PARTNER' | null {
  const org = viewer.organization;
  if (org === null) return viewer.roles.includes(owningRole(type)) ? 'COMPANY' : null;
  return org.type === partner.type && org.id === partner.id ? 'PARTNER' : null;
}
