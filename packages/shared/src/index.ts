export * from './accounts.js';
export * from './common.js';
export * from './geojson.js';
export * from './health.js';
export * from './media.js';
export * from './observation-input.js';
export * from './programs.js';
export * from './settings.js';
