import { expect } from 'vitest';
import type { Actor } from './server.js';

let sequence = 0;
/** A unique suffix, so fixtures never collide inside one database. */
export const unique = (prefix: string) => `${prefix}-${++sequence}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

export const SUPPLIER_FIELDS = 'id code name country status importanceClass grade contacts { name email primary }';

export async function createSupplier(admin: Actor, overrides: Record<string, unknown> = {}) {
  const input = { code: unique('SUP'), name: 'Test Supplier', country: 'CN', ...overrides };
  const data = await admin.data(`mutation($input: CreateSupplierInput!) { createSupplier(input: $input) { supplier { ${SUPPLIER_FIELDS} } errors { field code message } } }`, { input });
  expect(data.createSupplier.errors).toEqual([]);
  return data.createSupplier.supplier as { id: string; code: string; name: string; status: string };
}

export async function survey(admin: Actor, supplierId: string, overrides: Record<string, unknown> = {}) {
  const data = await admin.data(`mutation($input: RecordSupplierSurveyInput!) { recordSupplierSurvey(input: $input) { supplier { id } errors { field code message } } }`, {
    input: { supplierId, taxCompliant: true, cpk: 1.5, ...overrides },
  });
  expect(data.recordSupplierSurvey.errors).toEqual([]);
}

export async function setStatus(admin: Actor, supplierId: string, status: string, reason = 'test') {
  const data = await admin.data(`mutation($input: SetSupplierStatusInput!) { setSupplierStatus(input: $input) { supplier { id status } errors { field code message } } }`, {
    input: { supplierId, status, reason },
  });
  return data.setSupplierStatus as { supplier: { id: string; status: string } | null; errors: { field: string[]; code: string; message: string }[] };
}

/** A supplier surveyed and approved. */
export async function approvedSupplier(admin: Actor, overrides: Record<string, unknown> = {}) {
  const supplier = await createSupplier(admin, overrides);
  await survey(admin, supplier.id);
  const result = await setStatus(admin, supplier.id, 'APPROVED');
  expect(result.errors).toEqual([]);
  return supplier;
}

export async function createCustomer(admin: Actor, overrides: Record<string, unknown> = {}) {
  const input = { code: unique('CUS'), name: 'Test Customer', country: 'DE', ...overrides };
  const data = await admin.data(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id code name } errors { field code message } } }`, { input });
  expect(data.createCustomer.errors).toEqual([]);
  return data.createCustomer.customer as { id: string; code: string; name: string };
}

export async function createPart(admin: Actor, overrides: Record<string, unknown> = {}) {
  const input = { partNumber: unique('P'), description: 'Test part', unit: 'pcs', importanceClass: 'II', ...overrides };
  const data = await admin.data(`mutation($input: CreatePartInput!) { createPart(input: $input) { part { id partNumber importanceClass } errors { field code message } } }`, { input });
  expect(data.createPart.errors).toEqual([]);
  return data.createPart.part as { id: string; partNumber: string; importanceClass: string };
}

export async function designate(admin: Actor, partId: string, supplierId: string, status = 'APPROVED', sharePercent: number | null = null) {
  const data = await admin.data(
    `mutation($input: DesignateSourceInput!) { designateSource(input: $input) { sourcedPart { status sharePercent } errors { field code message } } }`,
    { input: { partId, supplierId, status, sharePercent } },
  );
  return data.designateSource as { sourcedPart: { status: string; sharePercent: number | null } | null; errors: { field: string[]; code: string; message: string }[] };
}
