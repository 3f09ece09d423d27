/**
 * The programmatic API (`eslint-plugin-api-audit/api`): what the `api-audit` command runs, returning
 * data. Kept out of the plugin entry so that editors loading the ESLint plugin never load the
 * TypeScript compiler and ts-morph that the whole-project checks need.
 */
export { audit, type AuditOptions, type EngineChoice } from './audit/run.js';
export { UsageError } from './audit/config.js';
export type { AppliedChange, AuditReport, FailOn, Finding, ReportFormat, SeverityCounts } from './audit/types.js';
export { renderReport } from './audit/reporters/index.js';
export { checkProject } from './project/index.js';
export type {
  CheckProjectOptions,
  Inventory,
  InventoryApp,
  InventoryRoute,
  ProjectCheckResult,
  ProjectFinding,
} from './project/types.js';
