/**
 * The most one operation may cost (cost.ts), in objects it may return: 25,000. Measured on a 2-core
 * machine, graphql-js execution costs about 11 µs of CPU per object returned, so the worst admitted
 * operation is about a quarter of a second of CPU; real ones return far fewer objects than
 * estimated (an order has a handful of lines, not ten). A supplier portal's page of 50 orders with
 * their lines, parts and deliveries costs about 1,650; a staff page of 50 suppliers with contacts
 * and the sources of each sourced part about 12,000; "100 suppliers each with 100 orders with their
 * lines" (210,201) is refused before it reads a row, and so are thirty aliases of anything near the
 * limit. Budgets (budgets.ts) bound how often. Kept apart from cost.ts so that reading the
 * configuration does not load graphql-js.
 */
export const MAX_COST = 25_000;
