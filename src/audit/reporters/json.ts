import type { AuditReport } from '../types.js';

/**
 * The JSON format: the report object itself (schema version 1, documented by `AuditReport`),
 * indented, with a final newline. It holds no source text, so no secret value.
 */
export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
