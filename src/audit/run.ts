import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

import type { ts } from 'ts-morph';

import { checkProject, loadProject, type LoadedProject } from '../project/index.js';
import { releaseForProject, releaseNodeChildren } from '../project/parse.js';
import { ProjectIndex, registerProjectIndex, unregisterProjectIndex } from '../project-index/index.js';
import { parseSource } from '../project-index/parse.js';
import { collectSourceFiles, type SkippedFile, type SkipReason } from '../project-index/source-files.js';
import type { PreparsedFile, ProjectFinding } from '../project/types.js';
import { parseSettings, SettingsError } from '../shared/settings.js';
import { readBaseline, writeBaseline } from './baseline.js';
import { checkRuleEntries, loadConfigFile, UsageError } from './config.js';
import { fingerprint, redactLines, SECRET_RULES, type Span } from './fingerprint.js';
import plugin from '../index.js';
import {
  applyFixes,
  applySuggestions,
  relativeTo,
  runLint,
  validateRuleEntry,
  type FileLintResult,
  type LintOptions,
  type LintOutcome,
  ESLINT_VERSION,
} from './lint.js';
import { findOxlint, OxlintFailure, runOxlint, type Oxlint } from './oxlint.js';
import { computeScore, SCORE_FORMULA } from './score.js';
import { extractToService, RULE_ID as BUSINESS_LOGIC_RULE } from './codemods/index.js';
import type { AppliedChange, AuditReport, FailOn, Finding, SeverityCounts } from './types.js';

const require = createRequire(import.meta.url);
const packageJson = require('../../package.json') as { name: string; version: string };

/** Options of {@link audit}, the programmatic form of the `api-audit` command. */
export interface AuditOptions {
  /** The directory to audit, relative to `cwd`; default `.`. */
  path?: string;
  cwd?: string;
  /** A config file to use instead of searching for `api-audit.config.*` upwards from `path`. */
  config?: string;
  /** Which findings fail the run; overrides the config file; default `error`. */
  failOn?: FailOn;
  /** A baseline file: findings in it do not count against `failOn`. */
  baseline?: string;
  /** Write every current finding into `baseline` (after the run). */
  updateBaseline?: boolean;
  /** Apply the rules' fixes; with `unsafe`, also their suggestions. */
  fix?: boolean;
  unsafe?: boolean;
  /** Lint with the project's own `eslint.config.*` instead of the `recommended` preset. */
  useEslintConfig?: boolean;
  /** Extra ignore globs, relative to the audited directory. */
  ignore?: string[];
  /** Skip the whole-project checks (per-file rules only). */
  lintOnly?: boolean;
  /**
   * Give the rules type information from the audit's program (`require-response-schema` then also
   * reports credential fields in the types of sent values). The lint reads the same program either
   * way, so the cost is the rules' own type queries: on a generated 2,000-file service 26.7 s and
   * 1,138 MiB against 24.6 s and 1,080 MiB without (`npm run bench`, CPU time and peak RSS).
   */
  types?: boolean;
  /** Also audit minified, generated, vendored and oversized files (skipped and listed by default). */
  includeGenerated?: boolean;
  /** Time budget of one file's lint in milliseconds (default 10,000); a slower file is skipped and listed. */
  fileTimeBudgetMs?: number;
  /** Called as files are linted: files done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Which host runs the per-file rules (DESIGN "Hosts"): `oxlint` (its JS-plugin host, a child
   * process), `eslint` (in this process), or `auto` (default): oxlint with `lintOnly` when it is
   * installed, ESLint otherwise. A whole audit builds the TypeScript program anyway, and ESLint lints
   * the program's own trees, so one parse serves the rules and the project checks; oxlint parses apart
   * from the program, which costs more CPU than it saves (see {@link chooseEngine}). `types`, `fix` and
   * `useEslintConfig` need ESLint (type information, fixes written under a parse check, the project's
   * own config). When oxlint fails to run, ESLint lints and a warning says so.
   */
  engine?: EngineChoice;
}

/** The `engine` option: which host runs the per-file rules. */
export type EngineChoice = 'auto' | 'oxlint' | 'eslint';

/**
 * The host `audit` uses for the per-file rules: oxlint (with the installed one) or ESLint. `auto` takes
 * oxlint only for `lintOnly` (no program): measured with `/usr/bin/time` on ghostfolio (861 files, its
 * dependencies installed), a whole audit took 43.5 s CPU and 1,311 MiB under oxlint against 35.7 s and
 * 1,360 MiB under ESLint, a lint-only one 12.9 s and 489 MiB against 17.8 s and 547 MiB. Throws
 * {@link UsageError} when `oxlint` is asked for explicitly and cannot serve: not installed, or one of
 * `types`, `fix`, `useEslintConfig` is set.
 */
export function chooseEngine(
  options: Pick<AuditOptions, 'engine' | 'types' | 'fix' | 'useEslintConfig' | 'lintOnly'>,
): { name: 'oxlint'; oxlint: Oxlint } | { name: 'eslint' } {
  const choice = options.engine ?? 'auto';
  if (choice === 'eslint') return { name: 'eslint' };
  const needs = options.types
    ? '--types'
    : options.fix
      ? '--fix'
      : options.useEslintConfig
        ? '--use-eslint-config'
        : null;
  if (needs !== null) {
    if (choice === 'oxlint')
      throw new UsageError(`--engine oxlint cannot be combined with ${needs}, which needs ESLint.`);
    return { name: 'eslint' };
  }
  if (choice === 'auto' && !options.lintOnly) return { name: 'eslint' };
  const oxlint = findOxlint();
  if (oxlint) return { name: 'oxlint', oxlint };
  if (choice === 'oxlint') {
    throw new UsageError('--engine oxlint: the oxlint package is not installed (npm install --save-dev oxlint).');
  }
  return { name: 'eslint' };
}

/**
 * Audits a service: lints it with the plugin's rules, runs the project checker over it, applies
 * fixes when asked, and returns the report the JSON format prints. Throws {@link UsageError} for a
 * missing path, an unreadable config or baseline, or invalid settings; a file that does not parse
 * becomes an `api-audit/parse-error` finding and the audit goes on.
 */
export async function audit(options: AuditOptions = {}): Promise<AuditReport> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, options.path ?? '.');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`No such path: ${options.path ?? '.'}`);
  }
  if (!isDirectory) throw new UsageError(`Not a directory: ${options.path}`);
  const loaded = await loadConfigFile(root, options.config === undefined ? undefined : resolve(cwd, options.config));
  const config = loaded?.config ?? {};
  if (loaded?.config.rules)
    checkRuleEntries(loaded.path, loaded.config.rules, Object.keys(plugin.rules), validateRuleEntry);
  try {
    parseSettings(config.settings, loaded ? `settings in ${loaded.path}` : undefined);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
  const failOn = options.failOn ?? config.failOn ?? 'error';
  const host = chooseEngine(options);
  // Read before any work, so a mistyped baseline path fails at once.
  const baseline = options.baseline
    ? await readBaseline(resolve(cwd, options.baseline), options.updateBaseline === true)
    : new Set<string>();
  const warnings: string[] = [];

  // One list of files for the lint and the program; what cannot or should not be audited is listed.
  const sources = collectSourceFiles(root, { includeGenerated: options.includeGenerated === true });
  const skipped: SkippedFile[] = [...sources.skipped];
  if (sources.files.length === 0) {
    const left =
      skipped.length > 0 ? ` (${skipped.length} skipped: ${describeSkipped(listSkipped(root, skipped))})` : '';
    throw new UsageError(
      `No source files to audit in ${root}${left}: nothing audited is not a pass. Is this the service's directory?`,
    );
  }
  // One project index for the audit: every rule and the checker read the same cross-file facts.
  let sharedProgram: ts.Program | null = null;
  const index = new ProjectIndex(root, {
    files: sources.files,
    parse: (file, text) => parseSource(text, file, sharedProgram),
  });
  registerProjectIndex(index);
  try {
    const total = sources.files.length;
    let done = 0;
    const lintOptions: LintOptions = {
      root,
      files: sources.files,
      ...(options.fileTimeBudgetMs === undefined ? {} : { fileTimeBudgetMs: options.fileTimeBudgetMs }),
      useEslintConfig: options.useEslintConfig ?? false,
      rules: config.rules,
      settings: config.settings,
      ignore: [...(config.ignore ?? []), ...(options.ignore ?? [])],
      onFile: () => options.onProgress?.(++done, Math.max(total, done)),
    };
    const lintStarted = performance.now();
    const changes: AppliedChange[] = [];
    if (options.fix) {
      // Fixes first, without types: the program loaded afterwards then sees the fixed files.
      const { results: before } = await runLint({ ...lintOptions, onFile: undefined });
      changes.push(...(await applyFixes(lintOptions, before, warnings)));
      if (options.unsafe) {
        const { results: fixed } = await runLint({ ...lintOptions, onFile: undefined });
        changes.push(...(await applySuggestions(root, fixed, warnings)));
        changes.push(...(await extractReportedHandlers(root, fixed, config, warnings)));
      }
    }
    // Under oxlint the lint runs before the program is built: its process has ended by then, so the
    // audit's peak memory is the larger of the two, not their sum (ESLint, in this process, converts the
    // program's own source files instead of parsing them again, so it runs after the program).
    let hosted: LintOutcome | null = null;
    let engine: AuditReport['engine'] = { name: 'eslint', version: ESLINT_VERSION };
    if (host.name === 'oxlint') {
      try {
        hosted = await runOxlint(host.oxlint, lintOptions);
        engine = { name: 'oxlint', version: host.oxlint.version };
      } catch (error) {
        if (!(error instanceof OxlintFailure)) throw error;
        warnings.push(`oxlint could not lint the service (${error.message}); the rules ran under ESLint instead.`);
      }
    }
    let lintMs = performance.now() - lintStarted;

    // One TypeScript program for the audit: the project checker walks it and, with `types`, the rules
    // get type information from it, so the service is parsed and bound once either way.
    const projectStarted = performance.now();
    let project: LoadedProject | null = null;
    if (!options.lintOnly) {
      try {
        project = loadProject({ target: root, sources });
      } catch (error) {
        throw new UsageError(`Cannot load the project in ${root}: ${(error as Error).message}`);
      }
    }
    let projectMs = performance.now() - projectStarted;

    const finalLintStarted = performance.now();
    // The lint converts the program's own source files (one TypeScript parse for lint and checker);
    // when typescript-eslint cannot read this program, `--types` falls back to a program of its own.
    const shared = project?.sharing.shared ? { program: project.program, types: options.types === true } : undefined;
    sharedProgram = shared?.program ?? null;
    const typed =
      project && options.types && !shared ? { parserOptions: project.parserOptions, files: project.files } : undefined;
    const parsed = new Map<string, PreparsedFile>();
    let previous: { filename: string; file: PreparsedFile } | undefined;
    // ESLint lints one file at a time: when the next file starts, the previous file's lint is over, so what
    // only the lint reads (tokens, comments, `loc`, TypeScript's children lists) can go before the checker
    // keeps the tree.
    const release = (): void => {
      if (!previous) return;
      releaseForProject(previous.file);
      // Only the shared program is ours to clear; a program typescript-eslint builds itself (`typed`) is its own.
      const sourceFile = shared?.program.getSourceFile(previous.filename);
      if (sourceFile) releaseNodeChildren(sourceFile);
    };
    const lint =
      hosted ??
      (await runLint({
        ...lintOptions,
        ...(shared ? { program: shared } : {}),
        ...(typed ? { typed } : {}),
        ...(project
          ? {
              onParsed: (filename: string, file: PreparsedFile) => {
                release();
                parsed.set(filename, file);
                previous = { filename, file };
              },
            }
          : {}),
        onAbandoned: (filename: string) => parsed.delete(filename),
      }));
    release();
    const { results, eslint } = lint;
    skipped.push(...lint.skipped);
    const notAudited = new Set(skipped.map((entry) => entry.file));
    lintMs += performance.now() - finalLintStarted;

    const checkStarted = performance.now();
    const checked = project
      ? await checkProject({
          project,
          parsed,
          index,
          settings: config.settings,
          ignore: (file) => notAudited.has(file) || eslint.isPathIgnored(file),
        }).catch((error: unknown) => {
          throw new UsageError(`Cannot check the project in ${root}: ${(error as Error).message}`);
        })
      : null;
    projectMs += performance.now() - checkStarted;
    if (checked) warnings.push(...checked.warnings);

    const listed = listSkipped(root, skipped);
    for (const entry of listed) {
      if (WARNED_REASONS.has(entry.reason)) warnings.push(`Not audited: ${entry.file}: ${entry.detail}.`);
    }
    const findings = collectFindings(root, results, checked?.findings ?? [], listed);
    for (const finding of findings) finding.baselined = baseline.has(finding.fingerprint);
    if (options.baseline && options.updateBaseline) await writeBaseline(resolve(cwd, options.baseline), findings);

    const summary = summarize(findings);
    const inventory = checked?.inventory ?? { apps: [], routes: [] };
    const counted = summary.counted;
    const failed =
      failOn === 'error' ? counted.error > 0 : failOn === 'warning' ? counted.error + counted.warning > 0 : false;
    return {
      schemaVersion: 1,
      tool: { name: packageJson.name, version: packageJson.version },
      engine,
      root,
      files: results.length,
      findings,
      summary,
      inventory: relativeInventory(root, inventory),
      score: { value: computeScore(counted, inventory.routes.length), formula: SCORE_FORMULA },
      failOn,
      failed,
      changes,
      warnings,
      redactions: results.flatMap((result) =>
        result.suppressed
          .filter((message) => message.ruleId !== null && SECRET_RULES.has(message.ruleId))
          .map((message) => ({
            file: relativeTo(root, result.filePath),
            line: message.line,
            column: message.column,
            endLine: message.endLine ?? message.line,
            endColumn: message.endColumn ?? message.column,
          })),
      ),
      skipped: listed,
      timings: {
        lintMs: Math.round(lintMs),
        projectMs: Math.round(projectMs),
        totalMs: Math.round(performance.now() - started),
      },
    };
  } finally {
    unregisterProjectIndex(index);
  }
}

/**
 * `--fix --unsafe`'s cross-file codemod: moves the logic of the handlers `no-business-logic-in-routes`
 * reported (in `results`) into service modules (see `extractToService`); each handler it leaves alone
 * becomes a warning with the reason. Returns the changes made.
 */
async function extractReportedHandlers(
  root: string,
  results: readonly FileLintResult[],
  config: { rules?: Record<string, unknown>; settings?: unknown },
  warnings: string[],
): Promise<AppliedChange[]> {
  const files = results
    .filter((result) => result.messages.some((message) => message.ruleId === BUSINESS_LOGIC_RULE))
    .map((result) => result.filePath);
  if (files.length === 0) return [];
  const rules = config.rules ?? {};
  const ruleEntry = rules[BUSINESS_LOGIC_RULE] ?? rules['no-business-logic-in-routes'];
  const { changes, skipped } = await extractToService({
    root,
    files,
    settings: config.settings,
    ...(ruleEntry === undefined ? {} : { ruleEntry }),
  });
  for (const item of skipped)
    warnings.push(`Not moved to a service: ${item.where} (${item.file}:${item.line}): ${item.reason}.`);
  return changes;
}

/** Skipped files as the report lists them: paths relative to `root` (the root itself as `.`), sorted. */
function listSkipped(root: string, skipped: readonly SkippedFile[]): AuditReport['skipped'] {
  return skipped
    .map((entry) => ({ file: relativeTo(root, entry.file) || '.', reason: entry.reason, detail: entry.detail }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** `a.js (binary), b.min.js (minified)` for up to five skipped files, then how many more. */
function describeSkipped(listed: AuditReport['skipped']): string {
  const shown = listed.slice(0, 5).map((entry) => `${entry.file} (${entry.reason})`);
  return shown.join(', ') + (listed.length > 5 ? `, and ${listed.length - 5} more` : '');
}

/** Warnings for what could not be audited against the user's wishes: unreadable, too slow, or a rule's failure. */
const WARNED_REASONS: ReadonlySet<SkipReason> = new Set(['unreadable', 'timeout', 'internal-error', 'not-a-file']);

/**
 * Lint messages (api-audit rules and parse errors only; other plugins' findings from a project's own
 * config are not this report's) and project findings as {@link Finding}s: relative paths, redacted
 * fingerprints, sorted by file, line, column and rule. A file the lint could not parse is reported
 * once, by the lint.
 */
function collectFindings(
  root: string,
  results: readonly FileLintResult[],
  projectFindings: readonly ProjectFinding[],
  skipped: AuditReport['skipped'],
): Finding[] {
  const findings: Finding[] = [];
  const unparsable = new Set<string>();
  // A binary file with a script name is reported where it is; reporters print no code frame for it.
  for (const { file, reason } of skipped) {
    if (reason !== 'binary') continue;
    const message = 'The file is binary (it contains a NUL byte), not source code; it was not audited.';
    findings.push(makeFinding('api-audit/parse-error', 'error', message, file, { line: 1, column: 1 }, 'lint'));
  }
  // A blocking call the rule knew only by its function's request types is also found by the checker,
  // which names the route and the call chain: the checker's finding stands for both.
  const chained = new Set(
    projectFindings
      .filter((item) => item.ruleId === 'api-audit/blocking-call-reachable')
      .map((item) => `${relativeTo(root, item.file)}:${item.line}:${item.column}`),
  );
  for (const result of results) {
    const file = relativeTo(root, result.filePath);
    for (const message of result.messages) {
      if (message.ruleId === 'api-audit/no-sync-in-handler' && chained.has(`${file}:${message.line}:${message.column}`))
        continue;
      if (message.fatal) {
        unparsable.add(file);
        findings.push(
          makeFinding(
            'api-audit/parse-error',
            'error',
            `The file does not parse: ${message.message}`,
            file,
            message,
            'lint',
          ),
        );
      } else if (message.ruleId?.startsWith('api-audit/')) {
        const severity = message.severity === 2 ? 'error' : 'warning';
        const finding = makeFinding(message.ruleId, severity, message.message, file, message, 'lint');
        finding.fixable = message.fix !== undefined;
        finding.hasSuggestions = (message.suggestions?.length ?? 0) > 0;
        findings.push(finding);
      }
    }
  }
  for (const item of projectFindings) {
    const file = relativeTo(root, item.file);
    if (item.ruleId === 'api-audit/parse-error' && unparsable.has(file)) continue;
    const finding = makeFinding(item.ruleId, item.severity, item.message, file, item, 'project');
    if (item.chain) finding.chain = item.chain.map((step) => ({ ...step, file: relativeTo(root, step.file) }));
    findings.push(finding);
  }
  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
  assignFingerprints(root, findings);
  return findings;
}

/** A finding at `at`'s span (an ESLint message or a project finding; a missing end is the start) in `file`. */
function makeFinding(
  ruleId: string,
  severity: Finding['severity'],
  message: string,
  file: string,
  at: { line: number; column: number; endLine?: number | undefined; endColumn?: number | undefined },
  source: Finding['source'],
): Finding {
  const { line, column } = at;
  return {
    ruleId,
    severity,
    message,
    file,
    line,
    column,
    endLine: at.endLine ?? line,
    endColumn: at.endColumn ?? column,
    source,
    fingerprint: '',
    baselined: false,
    fixable: false,
    hasSuggestions: false,
  };
}

/** Fingerprints from the redacted source lines, numbering equal ones within a file. */
function assignFingerprints(root: string, findings: Finding[]): void {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, items] of byFile) {
    let lines: string[] = [];
    try {
      lines = redactLines(
        readFileSync(resolve(root, file), 'utf8'),
        items.filter((item) => SECRET_RULES.has(item.ruleId)) as Span[],
      );
    } catch {
      // A file that vanished between lint and report keeps fingerprints without line text.
    }
    const seen = new Map<string, number>();
    for (const finding of items) {
      const lineText = lines[finding.line - 1] ?? '';
      const base = fingerprint(finding.ruleId, file, finding.message, lineText, 1);
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      finding.fingerprint = fingerprint(finding.ruleId, file, finding.message, lineText, occurrence);
    }
  }
}

function summarize(findings: readonly Finding[]): AuditReport['summary'] {
  const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });
  const bySeverity = zero();
  const counted = zero();
  const byRule: Record<string, SeverityCounts> = {};
  let baselined = 0;
  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    (byRule[finding.ruleId] ??= zero())[finding.severity] += 1;
    if (finding.baselined) baselined += 1;
    else counted[finding.severity] += 1;
  }
  return { bySeverity, byRule, counted, baselined };
}

function relativeInventory(root: string, inventory: AuditReport['inventory']): AuditReport['inventory'] {
  const place = <T extends { file: string }>(location: T): T => ({
    ...location,
    file: relativeTo(root, location.file),
  });
  return {
    apps: inventory.apps.map((app) => ({ ...app, location: place(app.location) })),
    routes: inventory.routes.map((route) => ({
      ...route,
      location: place(route.location),
      handler: route.handler ? place(route.handler) : null,
    })),
  };
}
