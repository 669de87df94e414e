import { eq, sql } from 'drizzle-orm';
import { certificates, suppliers } from '../db/schema/index.js';
import { certificateStatus, daysToExpiry } from '../domain/partners/certificates.js';
import { column, globalId, instant } from '../read/fields.js';
import { computed, object, type TableModel, table } from '../read/model.js';
import { fileListOf } from './files.read.js';
import { supplierModel } from './partners.read.js';

/** Read model of supplier certificates (see src/read/model.ts). */

const validity = sql`json_build_object('validFrom', ${certificates.validFrom}, 'validTo', ${certificates.validTo})`;

export const certificateModel: TableModel = table({
  type: 'Certificate',
  from: sql`${certificates}`,
  key: certificates.id,
  scope: (env) => env.scope.certificates,
  fields: {
    id: globalId('Certificate', certificates.id),
    supplier: object(() => supplierModel, eq(suppliers.id, certificates.supplierId)),
    type: column(certificates.type),
    number: column(certificates.number),
    issuer: column(certificates.issuer),
    scope: column(certificates.scope),
    validFrom: column(certificates.validFrom),
    validTo: column(certificates.validTo),
    status: computed<{ validFrom: string; validTo: string }>(validity, (v, env) => certificateStatus(v.validFrom, v.validTo, env.today)),
    daysToExpiry: computed<{ validTo: string }>(validity, (v, env) => daysToExpiry(v.validTo, env.today)),
    version: column(certificates.version),
    createdAt: instant(certificates.createdAt),
    updatedAt: instant(certificates.updatedAt),
    files: fileListOf('Certificate', certificates.id),
  },
});
