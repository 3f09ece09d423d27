export * from './expressions.js';
export * from './functions.js';
export * from './reference-tracking.js';
export * from './walk.js';
export * from './values.js';
