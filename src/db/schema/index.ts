export * from './activity.js';
export * from './contracts.js';
export * from './partners.js';
export * from './quality.js';
export * from './sequences.js';
