import { styleText } from 'node:util';

import { GENERATED_REASONS } from '../../project-index/source-files.js';
import type { AuditReport, Severity } from '../types.js';
import {
  appTitle,
  CONTROLS,
  countsText,
  findingsPerRoute,
  groupByFile,
  handlerText,
  makeVisible,
  methodsText,
  pathText,
  place,
  plural,
  SEVERITIES,
  SourceReader,
  scoreWorking,
  validationText,
  type CodeFrame,
  type RenderOptions,
} from './shared.js';

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green' | 'gray' | 'underline';

/**
 * The terminal and CI-log format: header, findings by file with code frames (baselined ones
 * counted, not shown), summary by rule, route inventory, app-level controls, warnings, applied
 * changes and the score. ANSI colours only when `options.color` is set.
 */
export function renderText(report: AuditReport, options: RenderOptions): string {
  // One format per call and nested calls: on Node 20, styleText with an array of formats ignores
  // its stream checks (nodejs/node#56717). The caller has decided on colour, so no stream check here.
  const paint = (text: string, ...styles: Style[]): string =>
    options.color && text !== ''
      ? styles.reduce((inner, style) => styleText(style, inner, { validateStream: false }), text)
      : text;
  const severityStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
  const reader = new SourceReader(report);
  const out: string[] = [];
  const heading = (title: string): void => {
    if (out.at(-1) !== '') out.push('');
    out.push(paint(title, 'bold', 'underline'), '');
  };

  // Header
  const routes = report.inventory.routes.length;
  out.push(`${paint(report.tool.name, 'bold')} ${report.tool.version}`);
  out.push(`root:   ${sanitize(report.root)}`);
  out.push(`files:  ${report.files}    routes: ${routes}    apps: ${report.inventory.apps.length}`);
  out.push(`score:  ${paint(`${report.score.value}/100`, 'bold', scoreStyle(report.score.value))}`);

  // Findings
  heading('Findings');
  const shown = report.findings.filter((finding) => !finding.baselined);
  if (shown.length === 0) out.push(report.findings.length === 0 ? '  No findings.' : '  No new findings.');
  for (const [file, findings] of groupByFile(shown)) {
    out.push(paint(sanitize(file), 'bold', 'underline'));
    const positionWidth = Math.max(...findings.map((finding) => `${finding.line}:${finding.column}`.length));
    for (const finding of findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(positionWidth);
      const severity = paint(finding.severity.padEnd(7), severityStyle[finding.severity]);
      const tags = [finding.fixable ? 'fixable' : '', finding.hasSuggestions ? 'suggestions' : ''].filter(Boolean);
      out.push(
        `  ${paint(position, 'dim')}  ${severity}  ${sanitize(finding.message)}  ${paint(finding.ruleId, 'gray')}${tags.length > 0 ? paint(` (${tags.join(', ')})`, 'dim') : ''}`,
      );
      const frame = reader.frame(finding);
      if (frame) out.push(...frameLines(frame, paint, severityStyle[finding.severity]));
      for (const step of finding.chain ?? [])
        out.push(`      ${paint('→', 'dim')} ${sanitize(step.label)} ${paint(`(${sanitize(place(step))})`, 'dim')}`);
      out.push('');
    }
  }
  if (report.summary.baselined > 0) {
    out.push(
      paint(
        `${plural(report.summary.baselined, 'baselined finding')} not shown (known in the baseline; they do not count against --fail-on).`,
        'dim',
      ),
    );
  }

  // Summary
  heading('Summary');
  const ruleRows = Object.entries(report.summary.byRule)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ruleId, counts]) => [
      ruleId,
      String(counts.error),
      String(counts.warning),
      String(counts.info),
      String(counts.error + counts.warning + counts.info),
    ]);
  if (ruleRows.length > 0) {
    const { bySeverity } = report.summary;
    ruleRows.push([
      'total',
      String(bySeverity.error),
      String(bySeverity.warning),
      String(bySeverity.info),
      String(report.findings.length),
    ]);
    out.push(
      ...table(
        ['rule', 'error', 'warning', 'info', 'total'],
        ruleRows,
        ['left', 'right', 'right', 'right', 'right'],
        paint,
      ),
    );
    out.push('');
  }
  const { counted } = report.summary;
  out.push(
    `counted: ${SEVERITIES.map((severity) => paint(plural(counted[severity], severity), counted[severity] > 0 ? severityStyle[severity] : 'dim')).join(', ')}${report.summary.baselined > 0 ? `  (+ ${report.summary.baselined} baselined)` : ''}`,
  );

  // Routes
  heading(`Routes (${routes})`);
  if (routes === 0) out.push('  No routes found.');
  else {
    const perRoute = findingsPerRoute(report, reader);
    const rows = report.inventory.routes.map((route, index) => [
      methodsText(route),
      pathText(route),
      handlerText(route),
      route.middleware.length > 0 ? truncate(route.middleware.join(', '), 48) : '—',
      route.responseSchema ? 'yes' : 'no',
      validationText(route),
      route.authentication,
      String(perRoute[index] ?? 0),
    ]);
    out.push(
      ...table(
        ['method', 'path', 'handler', 'middleware / guards', 'response schema', 'input validation', 'auth', 'findings'],
        rows.map((row) => row.map(sanitize)),
        ['left', 'left', 'left', 'left', 'left', 'left', 'left', 'right'],
        paint,
      ),
    );
  }

  // Apps and their controls
  heading(
    `App-level controls (${report.inventory.apps.length} ${report.inventory.apps.length === 1 ? 'app' : 'apps'})`,
  );
  if (report.inventory.apps.length === 0) out.push('  No apps found.');
  for (const app of report.inventory.apps) {
    out.push(`${paint(sanitize(appTitle(app)), 'bold')}, ${plural(app.routes, 'route')}`);
    const width = Math.max(...CONTROLS.map((control) => control.label.length));
    for (const control of CONTROLS) {
      const evidence = app[control.key];
      out.push(
        `  ${control.label.padEnd(width)}  ${evidence.length > 0 ? sanitize(evidence.join('; ')) : paint('missing', 'yellow')}`,
      );
    }
    out.push('');
  }

  if (report.warnings.length > 0) {
    heading('Warnings');
    for (const warning of report.warnings) out.push(`  ${paint('!', 'yellow')} ${sanitize(warning)}`);
  }

  if (report.skipped.length > 0) {
    heading(`Skipped (${report.skipped.length})`);
    for (const entry of report.skipped) out.push(`  ${sanitize(entry.file)}  ${paint(sanitize(entry.detail), 'gray')}`);
    if (report.skipped.some((entry) => GENERATED_REASONS.has(entry.reason))) {
      out.push(
        `  ${paint('--include-generated audits minified, generated, vendored and oversized files too.', 'gray')}`,
      );
    }
  }

  if (report.changes.length > 0) {
    heading(`Applied changes (${report.changes.length})`);
    for (const change of report.changes)
      out.push(
        `  ${sanitize(`${change.file}:${change.line}`)}  ${change.kind.padEnd(10)}  ${sanitize(change.description)}  ${paint(change.ruleId, 'gray')}`,
      );
  }

  // Score
  heading('Score');
  out.push(`  ${paint(`${report.score.value}/100`, 'bold', scoreStyle(report.score.value))}`);
  out.push(`  formula: ${report.score.formula}`);
  out.push(`  here:    ${scoreWorking(report)}  (baselined findings do not count)`);
  out.push('');
  const status = report.failed
    ? paint(`FAILED: ${countsText(counted)} counted with --fail-on ${report.failOn}`, 'bold', 'red')
    : paint(`passed (--fail-on ${report.failOn}): ${countsText(counted)}`, 'green');
  out.push(status);
  return `${out.join('\n').replace(/^\n+/u, '')}\n`;
}

function frameLines(frame: CodeFrame, paint: (text: string, ...styles: Style[]) => string, markStyle: Style): string[] {
  const width = String(frame.lines.at(-1)!.number).length;
  const lines: string[] = [];
  for (const line of frame.lines) {
    const gutter = `${line.primary ? '>' : ' '} ${String(line.number).padStart(width)} |`;
    lines.push(`    ${paint(gutter, line.primary ? 'bold' : 'dim')}${line.text === '' ? '' : ` ${line.text}`}`);
    if (line.primary) {
      // Tabs are kept under tabs so the caret lines up whatever the terminal's tab width.
      const pad = line.text.slice(0, frame.markStart).replace(/[^\t]/gu, ' ');
      lines.push(
        `    ${paint(`  ${' '.repeat(width)} |`, 'dim')} ${pad}${paint('^'.repeat(frame.markEnd - frame.markStart), markStyle, 'bold')}`,
      );
    }
  }
  return lines;
}

/** An aligned plain-text table; cells are measured before colour is added. */
function table(
  headers: string[],
  rows: string[][],
  align: ('left' | 'right')[],
  paint: (text: string, ...styles: Style[]) => string,
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        align[column] === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [
    `  ${paint(format(headers.map((header) => header.toUpperCase())), 'bold')}`,
    ...rows.map((row) => `  ${format(row)}`),
  ];
}

function scoreStyle(score: number): Style {
  return score >= 90 ? 'green' : score >= 70 ? 'yellow' : 'red';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Report text (messages, paths, labels) with control characters made visible: nothing in it can drive the terminal. */
function sanitize(text: string): string {
  return makeVisible(text);
}
