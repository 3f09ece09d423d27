import type { TSESTree } from '@typescript-eslint/utils';

import { endPositionOf, positionOf, type ParsedFile } from './parse.js';
import type { CheckName, ProjectFinding, Severity } from './types.js';

/** Severity of each check unless `checkProject`'s `checks` option says otherwise. */
export const DEFAULT_SEVERITIES: Readonly<Record<CheckName, Severity>> = {
  'blocking-call-reachable': 'error',
  layering: 'warning',
  'missing-error-handler': 'warning',
  'missing-rate-limit': 'warning',
  'missing-security-headers': 'warning',
  'missing-health-check': 'warning',
  'unversioned-routes': 'info',
  'parse-error': 'error',
};

/**
 * A finding before its severity is applied. `unsure`: the check could not see everything it needed (the
 * message says what), so the finding is reported at `info` whatever the check's severity.
 */
export type DraftFinding = Omit<ProjectFinding, 'severity' | 'ruleId'> & { check: CheckName; unsure?: boolean };

/** A draft finding located at an ESTree node of `file` (1-based columns, as ESLint reports them). */
export function findingAt(check: CheckName, file: ParsedFile, node: TSESTree.Node, message: string): DraftFinding {
  const start = positionOf(file, node);
  const end = endPositionOf(file, node);
  return {
    check,
    file: file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message,
  };
}

/**
 * Applies severities (`'off'` drops the check) and sorts by file, line, column and rule id, so the
 * output is stable.
 */
export function finalizeFindings(
  drafts: readonly DraftFinding[],
  severities: Partial<Record<CheckName, Severity | 'off'>>,
): ProjectFinding[] {
  const findings: ProjectFinding[] = [];
  for (const { check, unsure, ...rest } of drafts) {
    const severity = severities[check] ?? DEFAULT_SEVERITIES[check];
    if (severity === 'off') continue;
    findings.push({ ruleId: `api-audit/${check}`, ...rest, severity: unsure ? 'info' : severity });
  }
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

/** `a, b and c` for message text; `limit` items at most, then `and N more`. */
export function formatList(items: readonly string[], limit = items.length): string {
  const shown = items.slice(0, limit);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** `a, b or c` for message text. */
export function formatAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
