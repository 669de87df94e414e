import type { Role } from '../auth/viewer.js';
import { toGlobalId } from '../domain/shared/ids.js';

/** Fixed ids of the demo partners that demo users belong to, so tokens can name them offline. */
export const demoPartnerIds = {
  suzhouMachining: '5a1f3c2e-0001-4000-8000-00000000c001',
  rheinlandHydraulik: '5a1f3c2e-0002-4000-8000-00000000c002',
  nordwindFahrzeug: '5a1f3c2e-0101-4000-8000-00000000c101',
} as const;

export interface DemoUser {
  sub: string;
  name: string;
  email: string;
  roles: Role[];
  org?: string;
}

/** One user per role, plus partner users of two suppliers and one customer. */
export const demoUsers: Record<string, DemoUser> = {
  admin: { sub: 'demo-admin', name: 'Ada Admin', email: 'ada.admin@example.com', roles: ['ADMIN'] },
  buyer: { sub: 'demo-buyer', name: 'Bo Buyer', email: 'bo.buyer@example.com', roles: ['BUYER'] },
  buyer2: { sub: 'demo-buyer-2', name: 'Bea Buyer', email: 'bea.buyer@example.com', roles: ['BUYER'] },
  quality: { sub: 'demo-quality', name: 'Qing Quality', email: 'qing.quality@example.com', roles: ['QUALITY_ENGINEER'] },
  sales: { sub: 'demo-sales', name: 'Sam Sales', email: 'sam.sales@example.com', roles: ['SALES'] },
  viewer: { sub: 'demo-viewer', name: 'Vera Viewer', email: 'vera.viewer@example.com', roles: ['VIEWER'] },
  'supplier-suzhou': {
    sub: 'demo-supplier-suzhou',
    name: 'Li Wei (Suzhou Precision Machining)',
    email: 'li.wei@suzhou-precision.example.cn',
    roles: ['SUPPLIER_USER'],
    org: toGlobalId('Supplier', demoPartnerIds.suzhouMachining),
  },
  'supplier-rheinland': {
    sub: 'demo-supplier-rheinland',
    name: 'Jonas Weber (Rheinland Hydraulik)',
    email: 'j.weber@rheinland-hydraulik.example.de',
    roles: ['SUPPLIER_USER'],
    org: toGlobalId('Supplier', demoPartnerIds.rheinlandHydraulik),
  },
  'customer-nordwind': {
    sub: 'demo-customer-nordwind',
    name: 'Hanna Berg (Nordwind Fahrzeugtechnik)',
    email: 'h.berg@nordwind.example.de',
    roles: ['CUSTOMER_USER'],
    org: toGlobalId('Customer', demoPartnerIds.nordwindFahrzeug),
  },
};
