/**
 * The worker thread behind `no-hardcoded-secrets`' format check. secretlint's API is asynchronous
 * and an ESLint rule is synchronous, so the rule calls {@link scanTexts} through synckit (one call
 * per linted file) and this module runs it here. The rule always loads the compiled copy of this
 * file from `dist/` (see `secretlint.ts`).
 *
 * Only ranges, rule ids and message ids go back to the rule; secretlint is asked to mask the
 * values in its own messages as well, and those messages are dropped here.
 */
import { performance } from 'node:perf_hooks';

import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import { runAsWorker } from 'synckit';

/** One secretlint finding inside one of the scanned texts. */
export interface FormatScanHit {
  /** Index of the text in the request. */
  index: number;
  /** secretlint rule id, e.g. `@secretlint/secretlint-rule-github`. */
  ruleId: string;
  /** secretlint message id, e.g. `GITHUB_TOKEN`. */
  messageId: string;
  /** Range of the finding inside that text. */
  start: number;
  end: number;
}

type LintConfig = Parameters<typeof lintSource>[0]['options']['config'];

/**
 * secretlint's profiler marks every rule run with `performance.mark` and keeps every entry in an
 * array it never clears; over a long lint run the heap grows until the process stalls. Nothing
 * here reads profiles, so marking is switched off (and the timeline cleared after each scan, in
 * case another copy of the profiler is loaded).
 */
secretLintProfiler.mark = () => {};

/**
 * Rules of the recommended preset that are left out: the preset ignores `disabled` for its own
 * rules, so they are registered one by one instead of through the preset.
 */
const LEFT_OUT = new Set([
  // URLs with inline passwords are checked by the rule itself, for every scheme and with the
  // user's placeholder patterns; these two would report a subset with other exceptions.
  '@secretlint/secretlint-rule-basicauth',
  '@secretlint/secretlint-rule-database-connection-string',
  // `secretlint-disable` comments mean nothing inside a string literal.
  '@secretlint/secretlint-rule-filter-comments',
]);

/** Per-rule options. */
const RULE_OPTIONS: Readonly<Record<string, object>> = {
  // Access key ids (`AKIA…`) are off by default in secretlint; they identify an AWS credential pair.
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

const config: LintConfig = {
  rules: recommendedRules
    .filter((rule) => !LEFT_OUT.has(rule.meta.id))
    .map((rule) => ({ id: rule.meta.id, rule, options: RULE_OPTIONS[rule.meta.id] ?? {} })),
};

/**
 * Texts are scanned as one source, separated by a line that no secret pattern can cross (a NUL
 * between newlines), which is several times faster than one secretlint run per text.
 */
const SEPARATOR = '\n\u0000\n';

/** Runs secretlint's recommended preset over each text and returns where it found secrets. */
export async function scanTexts(texts: readonly string[]): Promise<FormatScanHit[]> {
  if (texts.length === 0) return [];
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + SEPARATOR.length;
  }
  const result = await lintSource({
    source: { filePath: 'strings.txt', content: texts.join(SEPARATOR), ext: '.txt', contentType: 'text' },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
  performance.clearMarks();
  performance.clearMeasures();
  const hits: FormatScanHit[] = [];
  for (const message of result.messages) {
    const [start, end] = message.range;
    const index = findTextIndex(starts, start);
    const textStart = starts[index]!;
    // A match never crosses the separator; skip it defensively if one ever did.
    if (end - textStart > texts[index]!.length) continue;
    hits.push({
      index,
      ruleId: message.ruleId,
      messageId: message.messageId,
      start: start - textStart,
      end: end - textStart,
    });
  }
  return hits;
}

/** The index of the text that starts at or before `position` (binary search over the start offsets). */
function findTextIndex(starts: readonly number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

runAsWorker(scanTexts);
