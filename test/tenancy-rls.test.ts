import { tenancySuite } from './support/tenancy-suite.js';

// Row-level security alone: the application's own scoping (src/db/scope.ts) is off, and every probe
// must still find nothing of another partner.
tenancySuite({ TEST_APPLICATION_SCOPING: 'off' });
