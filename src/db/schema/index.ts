export * from './activity.js';
export * from './partners.js';
