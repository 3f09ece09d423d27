import type { SkipReason } from '../project-index/source-files.js';
import type { ChainStep, Inventory, Severity } from '../project/types.js';

export type { Severity };

/** The report formats of the `api-audit` command. */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'html';

/** Which findings fail the run (exit code 1): `error` only, `warning` and above, or none. */
export type FailOn = 'error' | 'warning' | 'none';

/**
 * One finding of an audit, from a lint rule or a project check, with paths relative to the audited
 * root (`/` separators) and 1-based lines and columns.
 */
export interface Finding {
  /** `api-audit/<rule or check>`, or `api-audit/parse-error` for a file that does not parse. */
  ruleId: string;
  severity: Severity;
  /** Never contains a secret value (rules report kinds and lengths only). */
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Where the finding comes from: a per-file lint rule or a whole-project check. */
  source: 'lint' | 'project';
  /** For blocking calls reached through other files: route, each function followed, the call. */
  chain?: (Omit<ChainStep, 'file'> & { file: string })[];
  /**
   * Stable identity for baselines and SARIF `partialFingerprints`: a hash of rule, file, message
   * and the whitespace-normalised source line, so it survives lines moving up or down.
   */
  fingerprint: string;
  /** In the baseline: known before, so it does not count against `--fail-on`. */
  baselined: boolean;
  /** Whether ESLint can fix it (`--fix`), and whether suggestions exist (`--fix --unsafe`). */
  fixable: boolean;
  hasSuggestions: boolean;
}

/** A change made by `--fix` or `--fix --unsafe`. */
export interface AppliedChange {
  file: string;
  /**
   * `fix` (ESLint fix), `suggestion` (applied only with `--unsafe`) or `codemod` (a cross-file move made
   * only with `--unsafe`, such as extract-to-service: `file` is the route file, `description` names the
   * service function and its file).
   */
  kind: 'fix' | 'suggestion' | 'codemod';
  ruleId: string;
  line: number;
  description: string;
}

/** Counts per severity. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** The JSON report (`--format json`), schema version 1; `audit()` returns the same object. */
export interface AuditReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  /** The host that ran the per-file rules (`--engine`): oxlint's JS-plugin host or ESLint, with its version. */
  engine: { name: 'oxlint' | 'eslint'; version: string };
  /** The audited directory, absolute. */
  root: string;
  /** Files linted. */
  files: number;
  findings: Finding[];
  summary: {
    bySeverity: SeverityCounts;
    byRule: Record<string, SeverityCounts>;
    /** Findings that count against `--fail-on` (not in the baseline). */
    counted: SeverityCounts;
    baselined: number;
  };
  /** Routes (paths relative to `root`) and apps with their app-level controls. */
  inventory: Inventory;
  score: { value: number; formula: string };
  failOn: FailOn;
  /** Whether the run fails under `failOn` (the command exits 1). */
  failed: boolean;
  changes: AppliedChange[];
  warnings: string[];
  /**
   * Files and directories left out, and why: unreadable, not a regular file, a symbolic link to a
   * directory, binary, minified, generated, vendored, over the size limit (these four audited with
   * `--include-generated`), over the per-file time budget, or a rule's internal error.
   */
  skipped: { file: string; reason: SkipReason; detail: string }[];
  /**
   * Source ranges masked in every code frame besides the secret findings': secrets whose findings an
   * `eslint-disable` comment suppressed (not reported, still never printed). Paths relative to `root`.
   */
  redactions: { file: string; line: number; column: number; endLine: number; endColumn: number }[];
  timings: { lintMs: number; projectMs: number; totalMs: number };
}
