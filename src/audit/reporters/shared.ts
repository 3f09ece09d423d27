import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { ts } from 'ts-morph';

import plugin from '../../index.js';
import { DEFAULT_SEVERITIES } from '../../project/findings.js';
import type { CheckName, InventoryApp, InventoryRoute } from '../../project/types.js';
import { MUTATING_METHODS } from '../../shared/auth.js';
import { REPO_URL } from '../../shared/create-rule.js';
import { redactLines, SECRET_RULES, type Span } from '../fingerprint.js';
import type { AuditReport, Finding, Severity, SeverityCounts } from '../types.js';

/** Options every format takes. */
export interface RenderOptions {
  /** Emit ANSI colour codes (text format only; the caller decides from the stream, NO_COLOR, …). */
  color: boolean;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Where the project checks are documented (they are not ESLint rules, so they have no rule page). */
export const PROJECT_CHECKS_URL = `${REPO_URL}/blob/main/README.md#project-checks`;

/** One line each for the whole-project checks, which have no ESLint `meta`. */
export const CHECK_DESCRIPTIONS: Readonly<Record<CheckName, string>> = {
  'blocking-call-reachable':
    'Disallow blocking calls reachable from a route handler or middleware through other functions',
  layering: 'Enforce the route → service → data layering of the modules',
  'missing-error-handler': 'Require an app-level error handler',
  'missing-rate-limit': 'Require rate limiting on the app',
  'missing-security-headers': 'Require security headers (helmet or equivalent) on the app',
  'missing-health-check': 'Require a health-check route',
  'unversioned-routes': 'Require a version prefix (such as /v1) on route paths',
  'parse-error': 'Report files that do not parse',
};

/** What the reports say about a rule or project check. */
export interface RuleInfo {
  /** `api-audit/<name>` (or the id as found, for an id this version does not know). */
  id: string;
  /** The part after `api-audit/`. */
  name: string;
  description: string;
  helpUri: string;
  /** The severity it has unless configured otherwise. */
  defaultSeverity: Severity;
  kind: 'rule' | 'check';
}

const PREFIX = 'api-audit/';

/** Metadata of every rule of the plugin and every project check, keyed by rule id. */
export function knownRules(): Map<string, RuleInfo> {
  const rules = new Map<string, RuleInfo>();
  for (const [name, rule] of Object.entries(plugin.rules)) {
    rules.set(PREFIX + name, {
      id: PREFIX + name,
      name,
      description: rule.meta.docs?.description ?? name,
      helpUri: rule.meta.docs?.url ?? `${REPO_URL}/blob/main/rules-docs/${name}.md`,
      defaultSeverity: rule.meta.type === 'problem' ? 'error' : 'warning',
      kind: 'rule',
    });
  }
  for (const [name, description] of Object.entries(CHECK_DESCRIPTIONS) as [CheckName, string][]) {
    rules.set(PREFIX + name, {
      id: PREFIX + name,
      name,
      description,
      helpUri: PROJECT_CHECKS_URL,
      defaultSeverity: DEFAULT_SEVERITIES[name],
      kind: 'check',
    });
  }
  return rules;
}

/**
 * Metadata for `ruleId`: the plugin's own when it has the rule, the checks table's for a project
 * check, otherwise a rule page under `rules-docs/` and the finding's severity as default.
 */
export function ruleInfo(
  ruleId: string,
  fallbackSeverity: Severity = 'warning',
  rules: Map<string, RuleInfo> = knownRules(),
): RuleInfo {
  const known = rules.get(ruleId);
  if (known) return known;
  const name = ruleId.startsWith(PREFIX) ? ruleId.slice(PREFIX.length) : ruleId;
  return {
    id: ruleId,
    name,
    description: `api-audit rule ${name}`,
    helpUri: `${REPO_URL}/blob/main/rules-docs/${name}.md`,
    defaultSeverity: fallbackSeverity,
    kind: 'rule',
  };
}

/** `api-audit/no-sync-in-handler` → `no-sync-in-handler`. */
export function shortRuleId(ruleId: string): string {
  return ruleId.startsWith(PREFIX) ? ruleId.slice(PREFIX.length) : ruleId;
}

/** The most severe of the severities a rule was reported with. */
export function worstSeverity(counts: SeverityCounts): Severity {
  return counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info';
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** `1 error, 2 warnings, 0 infos`. */
export function countsText(counts: SeverityCounts): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}`;
}

/** Findings grouped by file, files in the order the report lists them (sorted by path). */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  return groupBy(findings, (finding) => finding.file);
}

/** Findings grouped by a key, in report order; findings whose key is `undefined` are left out. */
function groupBy(
  findings: readonly Finding[],
  keyOf: (finding: Finding) => string | undefined,
): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = keyOf(finding);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return groups;
}

/** `file:line` or `file:line:column`. */
export function place(location: { file: string; line: number; column?: number }, withColumn = false): string {
  return withColumn && location.column !== undefined
    ? `${location.file}:${location.line}:${location.column}`
    : `${location.file}:${location.line}`;
}

export function methodsText(route: InventoryRoute): string {
  return route.methods.length > 0 ? route.methods.join(',') : 'ALL';
}

export function pathText(route: InventoryRoute): string {
  return route.path ?? route.displayPath;
}

/** `yes` / `no`, or `—` for a route that reads no input. */
export function validationText(route: InventoryRoute): string {
  return route.readsInput ? (route.inputValidation ? 'yes' : 'no') : '—';
}

/**
 * Whether a route changes state (POST, PUT, PATCH or DELETE, as `require-auth-on-mutating-routes` counts
 * them) and no authentication runs before it.
 */
export function isUnauthenticatedMutation(route: InventoryRoute): boolean {
  return route.authentication === 'no' && route.methods.some((method) => MUTATING_METHODS.has(method));
}

export function handlerText(route: InventoryRoute): string {
  if (!route.handler) return '(unresolved)';
  return route.handler.name ? `${route.handler.name} (${place(route.handler)})` : place(route.handler);
}

/** `app (express, src/app.ts:3)`, or `express app (src/app.ts:3)` for an app without a name. */
export function appTitle(app: InventoryApp): string {
  return app.name
    ? `${app.name} (${app.framework}, ${place(app.location)})`
    : `${app.framework} app (${place(app.location)})`;
}

/** The app-level controls, in the order the reports list them. */
export const CONTROLS = [
  { key: 'errorHandler', label: 'error handler' },
  { key: 'rateLimit', label: 'rate limit' },
  { key: 'securityHeaders', label: 'security headers' },
  { key: 'healthCheck', label: 'health check' },
] as const satisfies readonly { key: keyof InventoryApp; label: string }[];

/** The score formula with this report's numbers in it. */
export function scoreWorking(report: AuditReport): string {
  const { error, warning, info } = report.summary.counted;
  const routes = report.inventory.routes.length;
  return `max(0, round(100 - (8 x ${error} + 3 x ${warning} + 1 x ${info}) / max(1, ${routes} / 10))) = ${report.score.value}`;
}

// ---------------------------------------------------------------------------------------------
// Source text

/** One line of a code frame. */
export interface FrameLine {
  /** 1-based line number. */
  number: number;
  /** The (redacted, made-visible, possibly windowed) text. */
  text: string;
  /** The reported line. */
  primary: boolean;
}

/** A few lines around a finding, with the reported range on its first line. */
export interface CodeFrame {
  lines: FrameLine[];
  /** 0-based character offsets into the primary line's `text` of the reported range (at least one character wide). */
  markStart: number;
  markEnd: number;
}

/** How long a frame line may get before it is cut down to a window around the reported column. */
const MAX_LINE = 160;
const WINDOW_BEFORE = 60;

/**
 * Reads the audited files for code frames, once each, always through {@link redactLines} with the
 * spans of every secret finding of the report in that file: no other path to the source text exists
 * in the reporters.
 */
export class SourceReader {
  private readonly cache = new Map<string, string[] | null>();
  private readonly secrets = new Map<string, Span[]>();

  constructor(private readonly report: AuditReport) {
    // Secret findings and suppressed secrets (`redactions`; absent from reports of older versions).
    const masked = [
      ...report.findings.filter((finding) => SECRET_RULES.has(finding.ruleId)),
      ...(report.redactions ?? []),
    ];
    for (const span of masked) {
      const spans = this.secrets.get(span.file) ?? [];
      spans.push(span);
      this.secrets.set(span.file, spans);
    }
  }

  /** The redacted lines of a file relative to the report's root; `null` when it cannot be read. */
  lines(file: string): string[] | null {
    let lines = this.cache.get(file);
    if (lines === undefined) {
      try {
        const text = readFileSync(resolve(this.report.root, file), 'utf8');
        // A binary file (a NUL byte, as the audit decides) gets no code frame: its bytes are never printed.
        lines = text.includes('\0') ? null : redactLines(text, this.secrets.get(file) ?? []);
      } catch {
        lines = null;
      }
      this.cache.set(file, lines);
    }
    return lines;
  }

  /** The reported line with `context` lines either side; `null` when the file or line is gone. */
  frame(finding: Finding, context = 1): CodeFrame | null {
    const lines = this.lines(finding.file);
    const primary = lines?.[finding.line - 1];
    if (!lines || primary === undefined) return null;
    const first = Math.max(1, finding.line - context);
    const last = Math.min(lines.length, finding.line + context);
    const raw: { number: number; text: string }[] = [];
    for (let number = first; number <= last; number += 1) raw.push({ number, text: lines[number - 1] ?? '' });
    // Trailing empty last line of a file ending in a newline is not worth showing.
    while (
      raw.length > 1 &&
      raw.at(-1)!.number > finding.line &&
      raw.at(-1)!.text === '' &&
      raw.at(-1)!.number === lines.length
    )
      raw.pop();

    const startIndex = Math.min(Math.max(0, finding.column - 1), primary.length);
    const endIndex =
      finding.endLine === finding.line
        ? Math.min(Math.max(startIndex, finding.endColumn - 1), primary.length)
        : primary.length;
    const longest = Math.max(...raw.map((line) => line.text.length));
    const windowStart = longest > MAX_LINE ? Math.max(0, startIndex - WINDOW_BEFORE) : 0;
    const cut = (text: string): string => {
      if (longest <= MAX_LINE) return makeVisible(text);
      const slice = text.slice(windowStart, windowStart + MAX_LINE);
      return (windowStart > 0 ? '…' : '') + makeVisible(slice) + (text.length > windowStart + MAX_LINE ? '…' : '');
    };
    const prefix = (windowStart > 0 ? '…' : '') + makeVisible(primary.slice(windowStart, startIndex));
    const marked = makeVisible(primary.slice(startIndex, Math.min(endIndex, windowStart + MAX_LINE)));
    return {
      lines: raw.map((line) => ({ number: line.number, text: cut(line.text), primary: line.number === finding.line })),
      markStart: prefix.length,
      markEnd: prefix.length + Math.max(1, marked.length),
    };
  }
}

/**
 * Control characters (but tabs) and bidirectional-override characters shown as `\u{…}` escapes, so
 * source text can neither drive a terminal nor reorder what a reader sees (Trojan Source).
 */
export function makeVisible(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Findings per route

/**
 * How many findings each route of the inventory has (index → count), matched by location: those
 * inside the handler function (its extent found by parsing the handler's file), those on the line
 * the route is registered on, and blocking-call chains that start at the route's registration.
 */
export function findingsPerRoute(report: AuditReport, reader: SourceReader): number[] {
  const byFile = groupByFile(report.findings);
  const extents = new Map<string, FunctionExtents | null>();
  const extentsOf = (file: string): FunctionExtents | null => {
    if (!extents.has(file)) {
      const lines = reader.lines(file);
      extents.set(file, lines ? new FunctionExtents(file, lines.join('\n')) : null);
    }
    return extents.get(file)!;
  };
  // Blocking-call chains by the `file:line` they start at (a route's registration).
  const chainsFrom = groupBy(report.findings, ({ chain }) => chain?.[0] && `${chain[0].file}:${chain[0].line}`);
  return report.inventory.routes.map((route) => {
    const matched = new Set<Finding>();
    const { handler, location } = route;
    const inHandlerFile = handler ? byFile.get(handler.file) : undefined;
    // A handler's file is parsed for its extent only when it has findings to place.
    if (handler && inHandlerFile) {
      const extent = extentsOf(handler.file)?.around(handler.line, handler.column) ?? {
        startLine: handler.line,
        endLine: handler.line,
      };
      for (const finding of inHandlerFile)
        if (finding.line >= extent.startLine && finding.line <= extent.endLine) matched.add(finding);
    }
    for (const finding of byFile.get(location.file) ?? []) if (finding.line === location.line) matched.add(finding);
    for (const finding of chainsFrom.get(`${location.file}:${location.line}`) ?? []) matched.add(finding);
    return matched.size;
  });
}

/** The functions of one file, for finding the one a handler location points at. */
class FunctionExtents {
  private readonly source: ts.SourceFile;

  constructor(file: string, text: string) {
    this.source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  }

  /**
   * The lines of the innermost function whose head (decorators, name, parameters; not its body)
   * holds the 1-based position; `null` when the position is in no function's head.
   */
  around(line: number, column: number): { startLine: number; endLine: number } | null {
    let offset: number;
    try {
      offset = this.source.getPositionOfLineAndCharacter(line - 1, column - 1);
    } catch {
      return null;
    }
    let found: ts.FunctionLikeDeclaration | null = null;
    const visit = (node: ts.Node): void => {
      if (offset < node.getFullStart() || offset >= node.end) return;
      if (isFunctionWithBody(node) && offset >= node.getStart(this.source) && offset < node.body.getStart(this.source))
        found = node;
      ts.forEachChild(node, visit);
    };
    visit(this.source);
    // `found` is assigned in the closure, which narrowing does not see.
    const fn = found as ts.FunctionLikeDeclaration | null;
    if (!fn) return null;
    return {
      startLine: this.source.getLineAndCharacterOfPosition(fn.getStart(this.source)).line + 1,
      endLine: this.source.getLineAndCharacterOfPosition(fn.end).line + 1,
    };
  }
}

function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration & { body: ts.Node } {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessor(node)) &&
    node.body !== undefined
  );
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.tsx$/u.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/u.test(file)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/u.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
