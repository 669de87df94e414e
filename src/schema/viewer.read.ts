import { eq, sql } from 'drizzle-orm';
import { customers, suppliers } from '../db/schema/index.js';
import { NO_ROW } from '../read/filters.js';
import { inlineModel, oneOf, type RootModel, value } from '../read/model.js';
import { customerModel, supplierModel } from './partners.read.js';

/** Read model of the signed-in user: from the token, with the partner organisation from the database. */

const isOrganization = (type: 'Supplier' | 'Customer') => (env: { viewer: { organization: { type: string } | null } }) => sql.raw(env.viewer.organization?.type === type ? 'true' : 'false');

const viewerModel = inlineModel('Viewer', {
  id: value((env) => sql`${env.viewer.id}::text`),
  name: value((env) => sql`${env.viewer.name}::text`),
  email: value((env) => sql`${env.viewer.email}::text`),
  roles: value((env) => sql`${JSON.stringify(env.viewer.roles)}::json`),
  organization: oneOf(() => [
    { model: supplierModel, when: isOrganization('Supplier'), on: (env) => eq(suppliers.id, env.viewer.organization?.id ?? NO_ROW) },
    { model: customerModel, when: isOrganization('Customer'), on: (env) => eq(customers.id, env.viewer.organization?.id ?? NO_ROW) },
  ]),
});

export const viewerRoots: Record<string, RootModel> = {
  // Without its organisation, the viewer is what the token says: no statement.
  viewer: {
    kind: 'choice',
    choose: (selected) =>
      selected.has('organization')
        ? { kind: 'inline', target: () => viewerModel }
        : { kind: 'computed', compute: (env) => ({ id: env.viewer.id, name: env.viewer.name, email: env.viewer.email, roles: env.viewer.roles, organization: null }) },
  },
};
