export { extractToService } from './extract-to-service.js';
export type { ExtractToServiceOptions, ExtractToServiceResult, SkippedHandler } from './extract-to-service.js';
export { RULE_ID } from './find-targets.js';
