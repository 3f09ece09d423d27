import { createHash } from 'node:crypto';

import escapeHtml from 'escape-html';

import type { AuditReport, Finding, SeverityCounts } from '../types.js';
import {
  appTitle,
  CONTROLS,
  countsText,
  findingsPerRoute,
  groupByFile,
  knownRules,
  makeVisible,
  methodsText,
  pathText,
  place,
  plural,
  ruleInfo,
  SEVERITIES,
  shortRuleId,
  SourceReader,
  scoreWorking,
  validationText,
  type CodeFrame,
} from './shared.js';

/** Files in the "findings by file" chart before it says "and N more". */
const MAX_CHART_FILES = 20;

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--err:#cf222e;--warn:#9a6700;--info:#0969da;--ok:#1a7f37;--mark:#fff8c5}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--err:#f85149;--warn:#d29922;--info:#4493f8;--ok:#3fb950;--mark:#4d3c00}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;padding:24px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:1200px;margin:0 auto}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 12px;border-bottom:1px solid var(--line);padding-bottom:4px}
a{color:var(--info)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:110px;background:var(--panel)}
.card b{display:block;font-size:22px}
.score-good b{color:var(--ok)}.score-fair b{color:var(--warn)}.score-poor b{color:var(--err)}
.status-failed b{color:var(--err)}.status-passed b{color:var(--ok)}
nav a{margin-right:14px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--panel)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.chart td{border:none;padding:2px 8px}.chart td.label{width:35%;word-break:break-all}.chart td.bar{width:50%}
svg.bar{display:block;width:100%;height:14px}
svg.bar .error{fill:var(--err)}svg.bar .warning{fill:var(--warn)}svg.bar .info{fill:var(--info)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid currentColor}
.badge.error{color:var(--err)}.badge.warning{color:var(--warn)}.badge.info{color:var(--info)}.badge.neutral{color:var(--muted)}
.yes{color:var(--ok)}.no{color:var(--err)}.missing{color:var(--warn);font-weight:600}
details.file{border:1px solid var(--line);border-radius:8px;margin:12px 0;background:var(--panel)}
details.file>summary{cursor:pointer;padding:8px 12px;font-weight:600}
.finding{border-top:1px solid var(--line);padding:8px 12px;background:var(--bg)}
.finding .head{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.finding .msg{flex:1 1 400px}
pre.frame{margin:8px 0 0;padding:8px 0;background:var(--panel);border-radius:6px;overflow-x:auto}
pre.frame span.line{display:block;padding:0 12px;white-space:pre}
pre.frame span.hit{background:color-mix(in srgb,var(--mark) 60%,transparent)}
pre.frame span.ln{display:inline-block;min-width:4ch;color:var(--muted);text-align:right;margin-right:12px;user-select:none}
mark{background:var(--mark);color:inherit;outline:1px solid var(--warn)}
ol.chain{margin:6px 0 0;padding-left:28px}
.fp{font-size:11px;color:var(--muted)}
#filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin-bottom:8px}
#filters input[type=search]{padding:4px 8px;min-width:260px;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:6px}
footer{margin-top:40px;font-size:12px;color:var(--muted)}
`;

/**
 * Filters findings by text, severity and baseline. The page works without it (everything shown);
 * it only toggles the `hidden` attribute and reads `data-*` attributes, never inserts markup.
 */
const SCRIPT = `
(() => {
  const panel = document.getElementById('filters');
  if (!panel) return;
  panel.hidden = false;
  const query = document.getElementById('filter-text');
  const boxes = Array.from(panel.querySelectorAll('input[type=checkbox]'));
  const findings = Array.from(document.querySelectorAll('.finding'));
  const files = Array.from(document.querySelectorAll('details.file'));
  const apply = () => {
    const text = query.value.trim().toLowerCase();
    const on = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
    for (const item of findings) {
      const visible = on.has(item.dataset.severity) && (item.dataset.baselined !== 'true' || on.has('baselined')) && (text === '' || item.dataset.search.includes(text));
      item.hidden = !visible;
    }
    for (const file of files) file.hidden = !file.querySelector('.finding:not([hidden])');
  };
  panel.addEventListener('input', apply);
  apply();
})();
`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Nothing may load from anywhere (no network, no images, no fonts), and only this page's own style
 * and script run: even a string that escaped the escaping could not execute or call out.
 */
const CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;

/**
 * One self-contained HTML page: summary cards and score, charts of findings by rule and by file
 * (inline SVG bars), the findings grouped by file with their redacted code frames and chains, the
 * route inventory, the app-level controls, warnings and applied changes. Rendered on the server:
 * every piece of report or source text goes through `escape-html`; the only script is the
 * filter above, allowed by hash in the page's Content-Security-Policy.
 */
export function renderHtml(report: AuditReport): string {
  const rules = knownRules();
  const reader = new SourceReader(report);
  const { counted, bySeverity, baselined } = report.summary;
  const routes = report.inventory.routes;
  const apps = report.inventory.apps;
  const score = report.score.value;
  const out: string[] = [];

  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>api-audit: ${e(report.root)} (score ${score})</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
  );

  // Summary
  out.push(
    '<header>',
    '<h1>api-audit report</h1>',
    `<div class="muted mono">${e(report.root)}</div>`,
    `<div class="muted">${e(report.tool.name)} ${e(report.tool.version)}</div>`,
    '<div class="cards">',
    card(`${score}/100`, 'score', score >= 90 ? 'score-good' : score >= 70 ? 'score-fair' : 'score-poor'),
    card(
      report.failed ? 'failed' : 'passed',
      `with --fail-on ${report.failOn}`,
      report.failed ? 'status-failed' : 'status-passed',
    ),
    card(String(counted.error), 'errors counted'),
    card(String(counted.warning), 'warnings counted'),
    card(String(counted.info), 'infos counted'),
    card(String(baselined), 'baselined'),
    card(String(report.files), 'files'),
    card(String(routes.length), 'routes'),
    card(String(apps.length), 'apps'),
    '</div>',
    `<p class="muted">Score: <code>${e(report.score.formula)}</code>; here <code>${e(scoreWorking(report))}</code>. Baselined findings do not count.</p>`,
    '</header>',
    '<nav><a href="#charts">Charts</a><a href="#findings">Findings</a><a href="#routes">Routes</a><a href="#controls">App-level controls</a>' +
      (report.warnings.length > 0 ? '<a href="#warnings">Warnings</a>' : '') +
      (report.skipped.length > 0 ? '<a href="#skipped">Skipped</a>' : '') +
      (report.changes.length > 0 ? '<a href="#changes">Applied changes</a>' : '') +
      '</nav>',
  );

  // Charts
  out.push('<section id="charts">', '<h2>Findings by rule</h2>');
  const byRule = Object.entries(report.summary.byRule).sort(([, a], [, b]) => total(b) - total(a));
  if (byRule.length === 0) out.push('<p>No findings.</p>');
  else {
    const max = Math.max(...byRule.map(([, counts]) => total(counts)));
    out.push('<table class="chart"><tbody>');
    for (const [ruleId, counts] of byRule) {
      out.push(
        `<tr><td class="label">${ruleLink(ruleId, ruleInfo(ruleId, 'warning', rules).helpUri)}</td><td class="bar">${bar(counts, max)}</td><td class="num">${total(counts)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('<h2>Findings by file</h2>');
  const byFile = [...groupByFile(report.findings)]
    .map(([file, findings]) => [file, tally(findings)] as const)
    .sort(([a, x], [b, y]) => total(y) - total(x) || a.localeCompare(b));
  if (byFile.length === 0) out.push('<p>No findings.</p>');
  else {
    const max = total(byFile[0]![1]);
    out.push('<table class="chart"><tbody>');
    for (const [file, counts] of byFile.slice(0, MAX_CHART_FILES)) {
      out.push(
        `<tr><td class="label mono"><a href="#${fileAnchor(file)}">${e(file)}</a></td><td class="bar">${bar(counts, max)}</td><td class="num">${total(counts)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    if (byFile.length > MAX_CHART_FILES)
      out.push(`<p class="muted">…and ${plural(byFile.length - MAX_CHART_FILES, 'more file')}.</p>`);
  }
  out.push('</section>');

  // Findings
  out.push('<section id="findings">', `<h2>Findings (${report.findings.length}: ${e(countsText(bySeverity))})</h2>`);
  out.push(
    '<div id="filters" hidden>',
    '<input id="filter-text" type="search" placeholder="Filter by text, rule or file" aria-label="Filter findings">',
    ...SEVERITIES.map((severity) => `<label><input type="checkbox" value="${severity}" checked> ${severity}</label>`),
    `<label><input type="checkbox" value="baselined"> baselined (${baselined})</label>`,
    '</div>',
  );
  if (report.findings.length === 0) out.push('<p>No findings.</p>');
  for (const [file, findings] of groupByFile(report.findings)) {
    out.push(
      `<details class="file" id="${fileAnchor(file)}" open>`,
      `<summary><span class="mono">${e(file)}</span> <span class="muted">${e(countsText(tally(findings)))}</span></summary>`,
    );
    for (const finding of findings)
      out.push(findingHtml(finding, reader.frame(finding), ruleInfo(finding.ruleId, finding.severity, rules).helpUri));
    out.push('</details>');
  }
  out.push('</section>');

  // Routes
  out.push('<section id="routes">', `<h2>Routes (${routes.length})</h2>`);
  if (routes.length === 0) out.push('<p>No routes found.</p>');
  else {
    const perRoute = findingsPerRoute(report, reader);
    out.push(
      '<table><thead><tr><th>Method</th><th>Path</th><th>Handler</th><th>Middleware / guards</th><th>Response schema</th><th>Input validation</th><th>Auth</th><th class="num">Findings</th></tr></thead><tbody>',
    );
    routes.forEach((route, index) => {
      const validation = validationText(route);
      out.push(
        '<tr>' +
          `<td class="mono">${e(methodsText(route))}</td>` +
          `<td class="mono">${route.path === null ? `<span class="muted">${e(pathText(route))}</span>` : e(route.path)}</td>` +
          `<td class="mono">${route.handler ? `${route.handler.name ? `${e(route.handler.name)} ` : ''}<span class="muted">${e(place(route.handler))}</span>` : '<span class="muted">(unresolved)</span>'}</td>` +
          `<td>${route.middleware.length > 0 ? route.middleware.map((name) => `<code>${e(name)}</code>`).join(', ') : '<span class="muted">—</span>'}</td>` +
          `<td class="${route.responseSchema ? 'yes' : 'no'}">${route.responseSchema ? 'yes' : 'no'}</td>` +
          `<td class="${validation === 'yes' ? 'yes' : validation === 'no' ? 'no' : 'muted'}">${validation}</td>` +
          `<td class="${route.authentication === 'yes' ? 'yes' : route.authentication === 'no' ? 'no' : 'muted'}"${route.authenticationEvidence ? ` title="${e(route.authenticationEvidence)}"` : ''}>${route.authentication}</td>` +
          `<td class="num">${perRoute[index] ?? 0}</td>` +
          '</tr>',
      );
    });
    out.push('</tbody></table>');
  }
  out.push('</section>');

  // Controls
  out.push('<section id="controls">', '<h2>App-level controls</h2>');
  if (apps.length === 0) out.push('<p>No apps found.</p>');
  else {
    out.push(
      `<table><thead><tr><th>App</th><th class="num">Routes</th>${CONTROLS.map((control) => `<th>${e(control.label)}</th>`).join('')}</tr></thead><tbody>`,
    );
    for (const app of apps) {
      const cells = CONTROLS.map((control) => {
        const evidence = app[control.key];
        return evidence.length > 0
          ? `<td>${evidence.map((item) => e(item)).join('<br>')}</td>`
          : '<td class="missing">missing</td>';
      });
      out.push(`<tr><td>${e(appTitle(app))}</td><td class="num">${app.routes}</td>${cells.join('')}</tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  if (report.warnings.length > 0) {
    out.push(
      '<section id="warnings">',
      '<h2>Warnings</h2>',
      '<ul>',
      ...report.warnings.map((warning) => `<li>${e(warning)}</li>`),
      '</ul>',
      '</section>',
    );
  }
  if (report.skipped.length > 0) {
    out.push(
      '<section id="skipped">',
      `<h2>Skipped (${report.skipped.length})</h2>`,
      '<ul>',
      ...report.skipped.map((entry) => `<li><code>${e(entry.file)}</code>: ${e(entry.detail)}</li>`),
      '</ul>',
      '</section>',
    );
  }
  if (report.changes.length > 0) {
    out.push(
      '<section id="changes">',
      `<h2>Applied changes (${report.changes.length})</h2>`,
      '<table><thead><tr><th>Location</th><th>Kind</th><th>Rule</th><th>Change</th></tr></thead><tbody>',
    );
    for (const change of report.changes) {
      out.push(
        `<tr><td class="mono">${e(`${change.file}:${change.line}`)}</td><td>${e(change.kind)}</td><td class="mono">${e(change.ruleId)}</td><td>${richText(change.description)}</td></tr>`,
      );
    }
    out.push('</tbody></table>', '</section>');
  }

  out.push(
    `<footer>${e(report.tool.name)} ${e(report.tool.version)} · ${plural(report.files, 'file')} · rules under ${e(report.engine.name)} ${e(report.engine.version)} · lint ${report.timings.lintMs} ms, project checks ${report.timings.projectMs} ms, total ${report.timings.totalMs} ms</footer>`,
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
  );
  return `${out.join('\n')}\n`;
}

function findingHtml(finding: Finding, frame: CodeFrame | null, helpUri: string): string {
  const search = [finding.file, finding.ruleId, finding.message, finding.severity].join(' ').toLowerCase();
  const tags = [
    finding.baselined ? '<span class="badge neutral">baselined</span>' : '',
    finding.fixable ? '<span class="badge neutral">fixable</span>' : '',
    finding.hasSuggestions ? '<span class="badge neutral">suggestions</span>' : '',
  ].join('');
  const parts = [
    `<article class="finding" data-severity="${finding.severity}" data-baselined="${finding.baselined}" data-search="${e(search)}">`,
    '<div class="head">' +
      `<span class="badge ${finding.severity}">${finding.severity}</span>` +
      `<span class="mono">${finding.line}:${finding.column}</span>` +
      `<span class="msg">${richText(finding.message)}</span>` +
      ruleLink(finding.ruleId, helpUri) +
      tags +
      '</div>',
  ];
  if (frame) parts.push(frameHtml(frame));
  if (finding.chain && finding.chain.length > 0) {
    parts.push(
      `<ol class="chain">${finding.chain.map((step) => `<li>${e(step.label)} <span class="muted mono">(${e(place(step))})</span></li>`).join('')}</ol>`,
    );
  }
  parts.push(`<div class="fp mono">fingerprint ${e(finding.fingerprint)}</div>`, '</article>');
  return parts.join('\n');
}

/** The code frame: escaped lines, the reported range of the reported line in `<mark>`. */
function frameHtml(frame: CodeFrame): string {
  const lines = frame.lines.map((line) => {
    let text: string;
    if (line.primary) {
      const marked = line.text.slice(frame.markStart, frame.markEnd);
      text = `${e(line.text.slice(0, frame.markStart))}<mark>${marked === '' ? ' ' : e(marked)}</mark>${e(line.text.slice(frame.markEnd))}`;
    } else text = e(line.text);
    return `<span class="line${line.primary ? ' hit' : ''}"><span class="ln">${line.number}</span>${text}</span>`;
  });
  return `<pre class="frame"><code>${lines.join('')}</code></pre>`;
}

/** A stacked bar of one count per severity, scaled to `max`. */
function bar(counts: SeverityCounts, max: number): string {
  let x = 0;
  const rects = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => {
    const width = (counts[severity] / Math.max(1, max)) * 100;
    const rect = `<rect class="${severity}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="10"></rect>`;
    x += width;
    return rect;
  });
  return `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${e(countsText(counts))}"><title>${e(countsText(counts))}</title>${rects.join('')}</svg>`;
}

function card(value: string, label: string, className = ''): string {
  return `<div class="card${className ? ` ${className}` : ''}"><b>${e(value)}</b><span class="muted">${e(label)}</span></div>`;
}

/** A link to the rule's documentation (the only external address in the page, and not loaded). */
function ruleLink(ruleId: string, helpUri: string): string {
  return `<a class="mono" href="${e(helpUri)}" target="_blank" rel="noopener noreferrer" title="${e(ruleId)}">${e(shortRuleId(ruleId))}</a>`;
}

/** Message text with its `` `code` `` spans as `<code>`; every part escaped. */
function richText(text: string): string {
  return text
    .split(/`([^`]+)`/u)
    .map((part, index) => (index % 2 === 1 ? `<code>${e(part)}</code>` : e(part)))
    .join('');
}

/** An id for a file's section: `file-` and the hex of a hash, so any path makes a valid, safe id. */
function fileAnchor(file: string): string {
  return `file-${createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
}

function tally(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function total(counts: SeverityCounts): number {
  return counts.error + counts.warning + counts.info;
}

/** Escaped text, with control and bidi characters made visible. */
function e(text: string): string {
  return escapeHtml(makeVisible(text));
}
