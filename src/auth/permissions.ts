import type { Role } from './viewer.js';

/**
 * Which roles may run each operation. Reads are open to every signed-in user and scoped to what
 * they may see (src/db/scope.ts); writes are listed here, one line per mutation.
 */
export const permissions = {
  createSupplier: ['ADMIN', 'BUYER'],
  // A supplier user maintains its own organisation's name, country and contacts.
  updateSupplier: ['ADMIN', 'BUYER', 'SUPPLIER_USER'],
  recordSupplierSurvey: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  setSupplierStatus: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  createCustomer: ['ADMIN', 'SALES'],
  createPart: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  designateSource: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  /** Sourcing strategy is internal: partners never see how many sources a part has. */
  viewSourcingAdvice: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER'],
} as const satisfies Record<string, readonly Role[]>;
