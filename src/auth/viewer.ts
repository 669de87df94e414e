export const roles = ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER', 'SUPPLIER_USER', 'CUSTOMER_USER'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER'];

/** The partner organisation a partner user belongs to. */
export type Organization = { type: 'Supplier'; id: string } | { type: 'Customer'; id: string };

export interface Viewer {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  /** null for the company's own staff. */
  organization: Organization | null;
}

export function isStaff(viewer: Viewer): boolean {
  return viewer.organization === null;
}

export function hasAnyRole(viewer: Viewer, allowed: readonly Role[]): boolean {
  return viewer.roles.some((r) => allowed.includes(r));
}

/** The identity used for work the server does on its own (demo data). */
export const systemViewer: Viewer = {
  id: 'system',
  name: 'System',
  email: 'system@localhost',
  roles: ['ADMIN'],
  organization: null,
};
