import type { AuditReport, Finding, Severity } from '../types.js';
import {
  appTitle,
  CONTROLS,
  countsText,
  findingsPerRoute,
  handlerText,
  knownRules,
  methodsText,
  pathText,
  place,
  plural,
  ruleInfo,
  shortRuleId,
  SourceReader,
  scoreWorking,
  validationText,
  isUnauthenticatedMutation,
} from './shared.js';

/** Rows of the findings table before it says "and N more" (a pull-request comment has a size limit). */
export const MAX_FINDING_ROWS = 50;
/** Rows of the route table. */
export const MAX_ROUTE_ROWS = 100;

const ICONS: Readonly<Record<Severity, string>> = { error: '🔴', warning: '🟡', info: '🔵' };
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * GitHub-flavoured Markdown for a pull-request comment: a title with the score and counts, the new
 * findings (errors first, at most {@link MAX_FINDING_ROWS}), counts by rule, the route inventory
 * and the app-level controls. No source text. Every piece of report text goes through
 * {@link inline} or {@link code}, so `|`, HTML, links and mentions in it stay plain text.
 */
export function renderMarkdown(report: AuditReport): string {
  const rules = knownRules();
  const { counted, baselined } = report.summary;
  const routes = report.inventory.routes;
  const apps = report.inventory.apps;
  const out: string[] = [];

  out.push(`## ${report.failed ? '❌' : '✅'} api-audit: score ${report.score.value}/100 — ${countsText(counted)}`, '');
  const facts = [
    report.failed ? `**Fails** with \`--fail-on ${report.failOn}\`` : `Passes with \`--fail-on ${report.failOn}\``,
    `${plural(report.files, 'file')}, ${plural(routes.length, 'route')} in ${plural(apps.length, 'app')}`,
  ];
  if (baselined > 0) facts.push(`${plural(baselined, 'baselined finding')} not counted`);
  facts.push(`${inline(report.tool.name)} ${inline(report.tool.version)}`);
  out.push(facts.join(' · '), '');

  // Findings
  const fresh = report.findings.filter((finding) => !finding.baselined).sort(bySeverity);
  out.push(`### Findings (${fresh.length} new)`, '');
  if (fresh.length === 0) out.push(report.findings.length === 0 ? 'No findings.' : 'No new findings.', '');
  else {
    out.push('| Location | Severity | Rule | Message |', '| :-- | :-- | :-- | :-- |');
    for (const finding of fresh.slice(0, MAX_FINDING_ROWS)) {
      const rule = ruleInfo(finding.ruleId, finding.severity, rules);
      out.push(
        row([
          code(place(finding)),
          `${ICONS[finding.severity]} ${finding.severity}`,
          `[${inline(shortRuleId(finding.ruleId))}](${rule.helpUri})`,
          inline(finding.message),
        ]),
      );
    }
    if (fresh.length > MAX_FINDING_ROWS) out.push('', `…and ${fresh.length - MAX_FINDING_ROWS} more.`);
    out.push('');
  }

  const byRule = Object.entries(report.summary.byRule).sort(([a], [b]) => a.localeCompare(b));
  if (byRule.length > 0) {
    out.push(
      '<details><summary>Findings by rule</summary>',
      '',
      '| Rule | Errors | Warnings | Infos |',
      '| :-- | --: | --: | --: |',
    );
    for (const [ruleId, counts] of byRule)
      out.push(
        row([
          `[${inline(shortRuleId(ruleId))}](${ruleInfo(ruleId, 'warning', rules).helpUri})`,
          String(counts.error),
          String(counts.warning),
          String(counts.info),
        ]),
      );
    out.push('', '</details>', '');
  }

  // Routes
  out.push('### Routes', '');
  if (routes.length === 0) out.push('No routes found.', '');
  else {
    const noSchema = routes.filter((route) => !route.responseSchema).length;
    const unvalidated = routes.filter((route) => route.readsInput && !route.inputValidation).length;
    const dynamic = routes.filter((route) => route.path === null).length;
    const unauthenticated = routes.filter(isUnauthenticatedMutation).length;
    const notes = [
      `${noSchema} without a response schema`,
      `${unvalidated} reading input without validating it`,
      `${unauthenticated} changing state without authentication`,
    ];
    if (dynamic > 0) notes.push(`${dynamic} with a path not known statically`);
    out.push(`${plural(routes.length, 'route')} in ${plural(apps.length, 'app')}: ${notes.join(', ')}.`, '');
    const perRoute = findingsPerRoute(report, new SourceReader(report));
    out.push(`<details><summary>Route inventory (${routes.length})</summary>`, '');
    out.push(
      '| Method | Path | Handler | Middleware / guards | Response schema | Input validation | Auth | Findings |',
      '| :-- | :-- | :-- | :-- | :-: | :-: | :-: | --: |',
    );
    routes.slice(0, MAX_ROUTE_ROWS).forEach((route, index) => {
      out.push(
        row([
          inline(methodsText(route)),
          route.path === null ? inline(pathText(route)) : code(route.path),
          inline(handlerText(route)),
          route.middleware.length > 0 ? route.middleware.map(code).join(', ') : '—',
          route.responseSchema ? 'yes' : 'no',
          validationText(route),
          route.authentication,
          String(perRoute[index] ?? 0),
        ]),
      );
    });
    if (routes.length > MAX_ROUTE_ROWS) out.push('', `…and ${routes.length - MAX_ROUTE_ROWS} more.`);
    out.push('', '</details>', '');
  }

  // Controls
  out.push('### App-level controls', '');
  if (apps.length === 0) out.push('No apps found.', '');
  else {
    out.push(
      `| App | Routes | ${CONTROLS.map((control) => capitalize(control.label)).join(' | ')} |`,
      `| :-- | --: | ${CONTROLS.map(() => ':--').join(' | ')} |`,
    );
    for (const app of apps) {
      const cells = CONTROLS.map((control) =>
        app[control.key].length > 0 ? `✅ ${app[control.key].map(inline).join('; ')}` : '❌ missing',
      );
      out.push(row([inline(appTitle(app)), String(app.routes), ...cells]));
    }
    out.push('');
  }

  if (report.warnings.length > 0) {
    out.push('### Warnings', '');
    for (const warning of report.warnings) out.push(`- ${inline(warning)}`);
    out.push('');
  }
  if (report.skipped.length > 0) {
    out.push(`### Skipped (${report.skipped.length})`, '');
    for (const entry of report.skipped) out.push(`- ${code(entry.file)}: ${inline(entry.detail)}`);
    out.push('');
  }
  if (report.changes.length > 0) {
    out.push(`### Applied changes (${report.changes.length})`, '');
    for (const change of report.changes)
      out.push(
        `- ${code(`${change.file}:${change.line}`)} ${change.kind} (${inline(shortRuleId(change.ruleId))}): ${inline(change.description)}`,
      );
    out.push('');
  }

  out.push(
    `<sub>Score: ${code(report.score.formula)}; here ${code(scoreWorking(report))}. Baselined findings do not count.</sub>`,
  );
  return `${out.join('\n')}\n`;
}

function bySeverity(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Report text for a Markdown line or table cell: `` `code` `` spans kept as code spans, everything
 * else plain — emphasis, code, heading and link punctuation backslash-escaped (with `[` and `]`
 * escaped no link or image can form, so parentheses stay as they are), `<`, `>` and `&` as
 * entities (no HTML), `|`
 * escaped for tables, line breaks as spaces, and `@` followed by a word joiner so that a decorator
 * or package scope (`@Get`, `@nestjs/common`) does not mention a GitHub user.
 */
export function inline(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/`([^`\r\n]+)`/gu)) {
    parts.push(plain(text.slice(last, match.index)), code(match[1]!));
    last = match.index + match[0].length;
  }
  parts.push(plain(text.slice(last)));
  return parts.join('');
}

function plain(text: string): string {
  return text
    .replace(/[\r\n]+/gu, ' ')
    .replace(/[\\`*_[\]#|~]/gu, (char) => `\\${char}`)
    .replace(/[&<>]/gu, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'))
    .replace(/@/gu, '@\u2060');
}

/** A code span holding `text` literally, fenced with more backticks than it contains; `|` escaped for tables. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/gu, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/gu)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad =
    flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${flat.replaceAll('|', '\\|')}${pad}${fence}`;
}
