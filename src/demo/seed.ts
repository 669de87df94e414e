import { sql } from 'drizzle-orm';
import { systemViewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import { activity, customers, parts, suppliers } from '../db/schema/index.js';
import * as partners from '../domain/partners/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import type { Result } from '../domain/shared/result.js';
import { type BusinessCalendar, weekdays } from '../domain/shared/business-calendar.js';
import type { ServiceContext } from '../domain/shared/service.js';
import { DEFAULT_SERVICE_STANDARDS, type ServiceStandards } from '../domain/feedback/service-standards.js';
import { viewerFromClaims } from '../auth/tokens.js';
import * as contracts from '../domain/contracts/service.js';
import * as quality from '../domain/quality/service.js';
import * as orders from '../domain/orders/service.js';
import * as deliveries from '../domain/deliveries/service.js';
import * as feedback from '../domain/feedback/service.js';
import * as nonconformances from '../domain/nonconformances/service.js';
import * as satisfaction from '../domain/satisfaction/service.js';
import { orderLines } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { demoPartnerIds, demoUsers } from './users.js';

function must<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`Demo data: ${what} failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.value;
}

/** True when the database holds no business data (and no history of any). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db
    .select({
      any: sql<boolean>`exists (select 1 from ${suppliers}) or exists (select 1 from ${customers}) or exists (select 1 from ${parts}) or exists (select 1 from ${activity})`,
    })
    .from(sql`(select 1) as one`);
  return row?.any !== true;
}

/**
 * A small, realistic data set: suppliers in every status, customers, parts of every class and
 * their sourcing, created through the same use cases the API runs. Returns false (and writes
 * nothing) when the database already holds data.
 */
export async function seedDemoData(db: Db, timeZone = 'UTC', serviceStandards: ServiceStandards = DEFAULT_SERVICE_STANDARDS, calendar: BusinessCalendar = weekdays): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const ctx: ServiceContext = { db, viewer: systemViewer, now: () => new Date(), timeZone, serviceStandards, calendar };

  const supplier = async (code: string, name: string, country: string, contact: { name: string; title: string; email: string; phone: string }, id?: string) =>
    must(`supplier ${code}`, await partners.createSupplier(ctx, { code, name, country, contacts: [{ ...contact, primary: true }] }, { id }));
  const survey = async (supplierId: string, facts: { taxCompliant: boolean; cpk: number; certifications: string[]; mainCustomers: string[]; findings: string; capacityNotes: string }) =>
    must(
      'survey',
      await partners.recordSupplierSurvey(ctx, {
        supplierId: toGlobalId('Supplier', supplierId),
        ...facts,
        certifications: facts.certifications.map((standard, i) => ({ standard, certificateNumber: `CERT-${1000 + i}`, validUntil: '2028-06-30' })),
      }),
    );
  const status = async (supplierId: string, to: string, reason: string) =>
    must(`status ${to}`, await partners.setSupplierStatus(ctx, { supplierId: toGlobalId('Supplier', supplierId), status: to, reason }));

  const suzhou = await supplier('SZM-001', 'Suzhou Precision Machining Co., Ltd.', 'CN', { name: 'Li Wei', title: 'Key account manager', email: 'li.wei@suzhou-precision.example.cn', phone: '+86 512 6588 0101' }, demoPartnerIds.suzhouMachining);
  const rheinland = await supplier('DE-HYD-002', 'Rheinland Hydraulik GmbH', 'DE', { name: 'Jonas Weber', title: 'Vertrieb', email: 'j.weber@rheinland-hydraulik.example.de', phone: '+49 221 555 0102' }, demoPartnerIds.rheinlandHydraulik);
  const ningbo = await supplier('NB-CAST-003', 'Ningbo Die Casting Works', 'CN', { name: 'Chen Jing', title: 'Sales director', email: 'chen.jing@nb-casting.example.cn', phone: '+86 574 8765 0103' });
  const taichung = await supplier('TW-ELEC-004', 'Taichung Electronics Ltd.', 'TW', { name: 'Lin Mei', title: 'Business development', email: 'lin.mei@tc-electronics.example.tw', phone: '+886 4 2350 0104' });
  const milano = await supplier('IT-SEAL-005', 'Milano Seals S.p.A.', 'IT', { name: 'Giulia Rossi', title: 'Export manager', email: 'g.rossi@milanoseals.example.it', phone: '+39 02 5550 0105' });
  const ohio = await supplier('US-FAST-006', 'Ohio Fastener Corp.', 'US', { name: 'Mike Turner', title: 'Account executive', email: 'mturner@ohiofastener.example.com', phone: '+1 614 555 0106' });
  const osaka = await supplier('JP-BEAR-007', 'Osaka Bearing K.K.', 'JP', { name: 'Sato Kenji', title: 'Overseas sales', email: 'k.sato@osaka-bearing.example.jp', phone: '+81 6 6555 0107' });

  await survey(suzhou.id, { taxCompliant: true, cpk: 1.67, certifications: ['ISO 9001', 'IATF 16949'], mainCustomers: ['Nordwind Fahrzeugtechnik', 'Huadong Rail'], findings: '5-axis CNC cells with in-process gauging; PPAP level 3 capable.', capacityNotes: '12 CNC cells, two shifts, 30% free capacity.' });
  await survey(rheinland.id, { taxCompliant: true, cpk: 1.45, certifications: ['ISO 9001', 'ISO 14001'], mainCustomers: ['Agrartechnik Nord'], findings: 'Valve test benches calibrated; clean assembly room.', capacityNotes: 'Lead time 6 weeks for valves.' });
  await survey(ningbo.id, { taxCompliant: true, cpk: 1.12, certifications: ['ISO 9001'], mainCustomers: ['Local pump makers'], findings: 'Porosity on thick sections; X-ray sampling only.', capacityNotes: 'Two 800 t cold-chamber machines.' });
  await survey(milano.id, { taxCompliant: true, cpk: 1.4, certifications: ['ISO 9001'], mainCustomers: ['Italian tractor makers'], findings: 'FKM compound traceability by batch.', capacityNotes: 'Moulding capacity adequate.' });
  await survey(ohio.id, { taxCompliant: false, cpk: 0.9, certifications: [], mainCustomers: [], findings: 'Tax records incomplete; heat treatment out of control.', capacityNotes: 'Unclear.' });
  await survey(osaka.id, { taxCompliant: true, cpk: 2.0, certifications: ['ISO 9001', 'IATF 16949', 'ISO 14001'], mainCustomers: ['Major Japanese automakers'], findings: 'World-class bearing maker.', capacityNotes: 'Catalogue items from stock.' });

  await status(suzhou.id, 'APPROVED', 'Survey passed: capable process, IATF 16949 certified.');
  await status(rheinland.id, 'APPROVED', 'Survey passed.');
  await status(ningbo.id, 'CONDITIONAL', 'Cpk 1.12 below 1.33: approved on condition of 100% X-ray for six months.');
  await status(milano.id, 'APPROVED', 'Survey passed.');
  await status(osaka.id, 'APPROVED', 'Survey passed.');
  await status(ohio.id, 'DISQUALIFIED', 'Tax records incomplete and heat treatment not capable.');

  must('customer', await partners.createCustomer(ctx, { code: 'NORDWIND', name: 'Nordwind Fahrzeugtechnik AG', country: 'DE', industry: 'Commercial vehicles', contacts: [{ name: 'Hanna Berg', title: 'Strategic purchasing', email: 'h.berg@nordwind.example.de', primary: true }] }, { id: demoPartnerIds.nordwindFahrzeug }));
  must('customer', await partners.createCustomer(ctx, { code: 'PACIFIC-AG', name: 'Pacific Agricultural Machinery Inc.', country: 'US', industry: 'Agricultural machinery', contacts: [{ name: 'Dana Lopez', email: 'dana.lopez@pacific-ag.example.com', primary: true }] }));
  must('customer', await partners.createCustomer(ctx, { code: 'HUADONG-RAIL', name: 'Huadong Rail Transit Equipment Co.', country: 'CN', industry: 'Rail', contacts: [{ name: 'Zhang Min', title: 'Supplier quality', email: 'zhang.min@huadong-rail.example.cn', primary: true }] }));

  const part = async (partNumber: string, description: string, unit: string, importanceClass: string, revision: string | null = 'A') =>
    must(`part ${partNumber}`, await partners.createPart(ctx, { partNumber, description, unit, importanceClass, revision }));
  const housing = await part('HSG-1001', 'Gearbox housing, aluminium die cast, machined', 'pcs', 'I', 'C');
  const shaft = await part('SFT-2002', 'Output shaft, 42CrMo4, induction hardened', 'pcs', 'I', 'B');
  const valve = await part('VLV-3003', 'Hydraulic proportional control valve', 'pcs', 'I');
  const bearing = await part('BRG-4004', 'Deep groove ball bearing 6205-2RS', 'pcs', 'II');
  const seal = await part('SEL-5005', 'Radial shaft seal 40x62x7 FKM', 'pcs', 'II');
  const board = await part('PCB-6006', 'Transmission controller board assembly', 'pcs', 'II', 'D');
  const bolt = await part('BLT-7007', 'Hex bolt M8x25 8.8 zinc flake', 'pcs', 'III', null);
  const washer = await part('WSH-8008', 'Flat washer M8 DIN 125', 'pcs', 'III', null);
  await part('LBL-9009', 'Nameplate label, polyester', 'pcs', 'III', null);
  await part('OIL-9010', 'Gear oil 75W-90, 20 l drum', 'l', 'III', null);

  const designate = async (partId: string, supplierId: string, status: string, sharePercent: number | null) =>
    must('designation', await partners.designateSource(ctx, { partId: toGlobalId('Part', partId), supplierId: toGlobalId('Supplier', supplierId), status, sharePercent }));
  await designate(housing.id, ningbo.id, 'APPROVED', 70);
  await designate(housing.id, suzhou.id, 'TRIAL', 30);
  await designate(shaft.id, suzhou.id, 'APPROVED', 100);
  await designate(valve.id, rheinland.id, 'APPROVED', 60);
  await designate(valve.id, suzhou.id, 'APPROVED', 40);
  await designate(bearing.id, osaka.id, 'APPROVED', 100);
  await designate(seal.id, milano.id, 'APPROVED', 50);
  await designate(seal.id, osaka.id, 'APPROVED', 50);
  await designate(board.id, taichung.id, 'TRIAL', null);
  await designate(washer.id, suzhou.id, 'APPROVED', 100);
  await designate(bolt.id, ohio.id, 'PHASING_OUT', null);

  // Suspended after its designation: a late-delivery crisis.
  await status(milano.id, 'SUSPENDED', 'Three late deliveries in a row and an open seal-leak complaint.');

  // Contracts and quality agreements, signed by the demo users themselves.
  const as = (user: keyof typeof demoUsers): ServiceContext => ({ ...ctx, viewer: viewerFromClaims({ ...demoUsers[user]!, sub: demoUsers[user]!.sub }) });
  const year = new Date().getUTCFullYear();
  const supply = must(
    'contract',
    await contracts.createContract(as('buyer'), {
      partnerId: toGlobalId('Supplier', suzhou.id),
      type: 'SUPPLY',
      title: 'Frame supply agreement: machined shafts and washers',
      effectiveFrom: `${year}-01-01`,
      effectiveTo: `${year + 1}-12-31`,
      currency: 'CNY',
      paymentTermDays: 60,
      deliveryTerms: 'FCA Suzhou',
      clauses: [
        { heading: 'Quality', body: 'Parts conform to the drawing revision on the order and to the quality assurance agreement.' },
        { heading: 'Delivery', body: 'Confirmed dates are binding; changes are requested with a reason and confirmed by the other side.' },
        { heading: 'Payment', body: 'Sixty days after receipt of a conforming delivery.' },
      ],
      items: [
        { partId: toGlobalId('Part', shaft.id), unitPrice: '86.40', minimumOrderQuantity: '200', leadTimeDays: 35 },
        { partId: toGlobalId('Part', washer.id), unitPrice: '0.12', minimumOrderQuantity: '10000', leadTimeDays: 14 },
      ],
    }),
  );
  const step = async (what: string, result: Promise<Result<unknown>>) => must(what, await result);
  await step('submit', contracts.submitContractForReview(as('buyer'), { id: toGlobalId('Contract', supply.id) }));
  await step('approve', contracts.approveContract(as('buyer2'), { id: toGlobalId('Contract', supply.id) }));
  await step('sign', contracts.signContract(as('supplier-suzhou'), { id: toGlobalId('Contract', supply.id), expectedVersion: 1 }));
  await step('sign', contracts.signContract(as('buyer'), { id: toGlobalId('Contract', supply.id), expectedVersion: 1 }));

  const valves = must(
    'contract',
    await contracts.createContract(as('buyer'), {
      partnerId: toGlobalId('Supplier', rheinland.id),
      type: 'SUPPLY',
      title: 'Supply of proportional control valves',
      effectiveFrom: `${year + 1}-01-01`,
      effectiveTo: `${year + 2}-12-31`,
      currency: 'EUR',
      paymentTermDays: 45,
      deliveryTerms: 'DAP Hamburg',
      items: [{ partId: toGlobalId('Part', valve.id), unitPrice: '412.00', minimumOrderQuantity: '20', leadTimeDays: 42 }],
    }),
  );
  await step('submit', contracts.submitContractForReview(as('buyer'), { id: toGlobalId('Contract', valves.id) }));
  await step('approve', contracts.approveContract(as('admin'), { id: toGlobalId('Contract', valves.id) }));

  must(
    'contract',
    await contracts.createContract(as('sales'), {
      partnerId: toGlobalId('Customer', demoPartnerIds.nordwindFahrzeug),
      type: 'SALES',
      title: 'Gearbox housings for the Nordwind truck line',
      effectiveFrom: `${year + 1}-01-01`,
      currency: 'EUR',
      paymentTermDays: 30,
      items: [{ partId: toGlobalId('Part', housing.id), unitPrice: '245.00' }],
    }),
  );

  const agreement = must(
    'quality agreement',
    await quality.createQualityAgreement(as('quality'), { supplierId: toGlobalId('Supplier', suzhou.id), aql: 0.65, inspectionLevel: 'II', targetPpm: 200, containmentHours: 24, correctiveActionDays: 10, sourceInspection: false }),
  );
  await step('sign', quality.signQualityAgreement(as('quality'), { id: toGlobalId('QualityAgreement', agreement.id) }));
  await step('sign', quality.signQualityAgreement(as('supplier-suzhou'), { id: toGlobalId('QualityAgreement', agreement.id) }));
  // Orders and a delivery on its way.
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const po = must(
    'order',
    await orders.createOrder(as('buyer'), {
      direction: 'PURCHASE',
      partnerId: toGlobalId('Supplier', suzhou.id),
      contractId: toGlobalId('Contract', supply.id),
      lines: [
        { partId: toGlobalId('Part', shaft.id), quantity: '400', requestedDate: inDays(21) },
        { partId: toGlobalId('Part', washer.id), quantity: '20000', requestedDate: inDays(14) },
      ],
    }),
  );
  await step('issue', orders.issueOrder(as('buyer'), { id: toGlobalId('Order', po.id) }));
  const acked = must('acknowledge', await orders.acknowledgeOrder(as('supplier-suzhou'), { id: toGlobalId('Order', po.id) }));
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, acked.id)).orderBy(orderLines.lineNumber);
  const asn = must(
    'delivery',
    await deliveries.createDelivery(as('supplier-suzhou'), {
      orderId: toGlobalId('Order', po.id),
      carrier: 'COSCO / DB Schenker',
      trackingNumber: 'SZX-HAM-20417',
      estimatedArrival: new Date(Date.now() + 18 * 86_400_000),
      lines: [{ orderLineId: toGlobalId('OrderLine', lines[1]!.id), quantity: '20000', lotNumber: 'SZM-W-2611' }],
    }),
  );
  await step('event', deliveries.recordDeliveryEvent(as('supplier-suzhou'), { deliveryId: toGlobalId('Delivery', asn.id), status: 'DISPATCHED', location: 'Suzhou' }));
  await step('event', deliveries.recordDeliveryEvent(as('supplier-suzhou'), { deliveryId: toGlobalId('Delivery', asn.id), status: 'IN_TRANSIT', location: 'Port of Shanghai' }));
  must(
    'order',
    await orders.createOrder(as('buyer'), {
      direction: 'PURCHASE',
      partnerId: toGlobalId('Supplier', rheinland.id),
      currency: 'EUR',
      lines: [{ partId: toGlobalId('Part', valve.id), quantity: '24', unitPrice: '418.00', requestedDate: inDays(45) }],
    }),
  );
  const so = must(
    'order',
    await orders.createOrder(as('sales'), {
      direction: 'SALES',
      partnerId: toGlobalId('Customer', demoPartnerIds.nordwindFahrzeug),
      currency: 'EUR',
      lines: [{ partId: toGlobalId('Part', housing.id), quantity: '120', unitPrice: '245.00', requestedDate: inDays(30) }],
    }),
  );
  await step('issue', orders.issueOrder(as('sales'), { id: toGlobalId('Order', so.id) }));

  must(
    'quality agreement',
    await quality.createQualityAgreement(as('quality'), { supplierId: toGlobalId('Supplier', ningbo.id), partIds: [toGlobalId('Part', housing.id)], aql: 0.4, inspectionLevel: 'III', targetPpm: 500, containmentHours: 12, correctiveActionDays: 7, sourceInspection: true }),
  );

  // A customer complaint traced to the supplier of the part, and the customer's satisfaction.
  const nordwind = toGlobalId('Customer', demoPartnerIds.nordwindFahrzeug);
  const complaint = must(
    'feedback',
    await feedback.recordFeedback(as('customer-nordwind'), { customerId: nordwind, kind: 'COMPLAINT', severity: 'MAJOR', subject: 'Porosity in gearbox housings', description: 'Six housings of the last delivery leak under pressure test at the flange.' }),
  );
  await step('acknowledge', feedback.acknowledgeFeedback(as('sales'), { id: toGlobalId('CustomerFeedback', complaint.id), note: 'Samples requested for analysis.' }));
  const traced = must(
    'nonconformance',
    await nonconformances.reportNonconformance(as('quality'), {
      source: 'CUSTOMER_COMPLAINT',
      severity: 'MAJOR',
      partId: toGlobalId('Part', housing.id),
      supplierId: toGlobalId('Supplier', ningbo.id),
      customerId: nordwind,
      quantityAffected: '6',
      description: 'Gas porosity at the flange of die-cast housings; complaint from the customer.',
    }),
  );
  await step('start', feedback.startFeedback(as('sales'), { id: toGlobalId('CustomerFeedback', complaint.id), nonconformanceId: toGlobalId('Nonconformance', traced.id) }));
  for (const [from, to, delivery, quality, service] of [
    [`${year - 1}-07-01`, `${year - 1}-09-30`, 4, 4.5, 4],
    [`${year - 1}-10-01`, `${year - 1}-12-31`, 3.5, 4, 4.5],
  ] as const) {
    must(
      'survey',
      await satisfaction.recordSatisfactionSurvey(as('sales'), {
        customerId: nordwind,
        from,
        to,
        scores: [
          { dimension: 'Delivery', score: delivery },
          { dimension: 'Quality', score: quality },
          { dimension: 'Service', score: service },
        ],
      }),
    );
  }
  return true;
}
