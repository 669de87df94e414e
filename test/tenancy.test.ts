import { tenancySuite } from './support/tenancy-suite.js';

tenancySuite();
