import { addDays, daysBetween } from '../shared/dates.js';

/** The kinds of certificate a supplier holds. */
export const certificateTypes = ['ISO_9001', 'IATF_16949', 'ISO_14001', 'ISO_45001', 'ISO_13485', 'PRODUCT_APPROVAL', 'OTHER'] as const;
export type CertificateType = (typeof certificateTypes)[number];

/** Where a certificate stands on a day. */
export type CertificateStatus = 'NOT_YET_VALID' | 'VALID' | 'EXPIRING' | 'EXPIRED';

/** How many days before its end a certificate counts as expiring (configuration: CERTIFICATE_WARNING_DAYS). */
let warningDays = 30;

export function setCertificateWarningDays(days: number): void {
  warningDays = days;
}

export function certificateWarningDays(): number {
  return warningDays;
}

/** A certificate's status on `today` (YYYY-MM-DD; validTo is its last valid day). */
export function certificateStatus(validFrom: string, validTo: string, today: string, window = warningDays): CertificateStatus {
  if (validTo < today) return 'EXPIRED';
  if (validFrom > today) return 'NOT_YET_VALID';
  return validTo <= addDays(today, window) ? 'EXPIRING' : 'VALID';
}

/** Days from today to its last valid day (0 on that day, negative once expired). */
export function daysToExpiry(validTo: string, today: string): number {
  return daysBetween(today, validTo);
}

/**
 * What the expiry watch must record for a certificate now: EXPIRING once when it comes within the
 * window, EXPIRED once when its last day has passed; nothing twice for the same validTo.
 */
export function expiryNotice(certificate: { validFrom: string; validTo: string; expiringNotedAt: Date | null; expiredNotedAt: Date | null }, today: string, window = warningDays): 'EXPIRING' | 'EXPIRED' | null {
  const status = certificateStatus(certificate.validFrom, certificate.validTo, today, window);
  if (status === 'EXPIRED') return certificate.expiredNotedAt === null ? 'EXPIRED' : null;
  if (status === 'EXPIRING') return certificate.expiringNotedAt === null ? 'EXPIRING' : null;
  return null;
}
