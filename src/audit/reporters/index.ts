import type { AuditReport, ReportFormat } from '../types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import type { RenderOptions } from './shared.js';
import { renderText } from './text.js';

export type { RenderOptions } from './shared.js';
export { renderHtml, renderJson, renderMarkdown, renderSarif, renderText };

/** The formats {@link renderReport} knows, for the command's `--format` choices. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'markdown', 'html'];

/**
 * The report in one of the command's formats, as the text to write (ending in a newline):
 * - `text`: for terminals and CI logs; colours only with `options.color`;
 * - `json`: the report object itself;
 * - `sarif`: SARIF 2.1.0 for code-scanning services;
 * - `markdown`: a pull-request comment;
 * - `html`: one self-contained page.
 * Code frames (text, html) read the files under `report.root` with every secret finding's range
 * masked; no format contains a secret value.
 */
export function renderReport(
  report: AuditReport,
  format: ReportFormat,
  options: RenderOptions = { color: false },
): string {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    default:
      throw new TypeError(`Unknown report format: ${String(format satisfies never)}`);
  }
}
