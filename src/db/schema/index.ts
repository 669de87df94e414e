export * from './activity.js';
export * from './contracts.js';
export * from './partners.js';
export * from './quality.js';
export * from './sequences.js';
export * from './deliveries.js';
export * from './idempotency.js';
export * from './orders.js';
