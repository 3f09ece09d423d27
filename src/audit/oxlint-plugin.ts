import { appendFileSync, readFileSync } from 'node:fs';

import type { Rule } from 'eslint';

import plugin from '../index.js';
import { ProjectIndex, registerProjectIndex } from '../project-index/index.js';

/**
 * What `api-audit` puts in `settings['api-audit-host']` of the config it writes for oxlint: the record
 * file (see {@link HostRecord}), and the audited root with a JSON file listing its source files, for the
 * project index the rules share, which is then the command's own (its root and files), not one found
 * from the nearest `package.json` as under `eslint`.
 */
export interface HostSettings {
  records: string;
  root: string;
  files: string;
}

let registered: string | null = null;

/**
 * The plugin as `api-audit` hands it to oxlint's JS-plugin host (`jsPlugins` of the config it writes).
 * Every rule runs unchanged; when the file's settings name a record file ({@link HostSettings}), each
 * report is also written there, one JSON line of {@link HostRecord},
 * in ESLint's terms: oxlint's JSON output gives a report's start as UTF-8 byte offsets and carries no
 * end, fix or suggestion, and leaves out what an `eslint-disable` comment suppressed, which the command
 * still needs to mask secrets in its code frames. The command matches oxlint's diagnostics to these
 * records (see `runOxlint`). Without the setting the rules are exactly the plugin's.
 */
const hosted = {
  meta: { ...plugin.meta, name: `${plugin.meta.name}/oxlint-host` },
  rules: Object.fromEntries(
    Object.entries(plugin.rules).map(([name, rule]) => [name, recording(name, rule as unknown as Rule.RuleModule)]),
  ),
};

export default hosted;

/** One report of a rule as ESLint would have put it in a `LintMessage` (1-based lines and columns, UTF-16). */
export interface HostRecord {
  /** Absolute path of the linted file. */
  file: string;
  /** `api-audit/<rule>`. */
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The fix as ESLint applies it: one text replacing one range (several fixes merged). */
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

/** A rule whose `context.report` also appends a {@link HostRecord} to the record file, when one is set. */
function recording(name: string, rule: Rule.RuleModule): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      const host = context.settings['api-audit-host'] as HostSettings | undefined;
      if (host === undefined) return rule.create(context);
      if (registered !== host.root) {
        const files = JSON.parse(readFileSync(host.files, 'utf8')) as string[];
        registerProjectIndex(new ProjectIndex(host.root, { files }));
        registered = host.root;
      }
      const report = (descriptor: Rule.ReportDescriptor): void => {
        const record = toRecord(name, rule, context, descriptor);
        appendFileSync(host.records, `${JSON.stringify(record)}\n`);
        context.report(descriptor);
      };
      // oxlint's context reads its own state through `this`, and its `report` is a read-only data property
      // (which a proxy of the context itself must return as it is): the proxy stands over an empty object
      // and reads everything but `report` from the context.
      const proxy = new Proxy({} as Rule.RuleContext, {
        get(_, key) {
          if (key === 'report') return report;
          const value: unknown = Reflect.get(context, key, context);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(context) : value;
        },
        has: (_, key) => key in context,
      });
      return rule.create(proxy);
    },
  };
}

/** The report `descriptor` of rule `name` as a {@link HostRecord}, as ESLint's report translator builds it. */
function toRecord(
  name: string,
  rule: Rule.RuleModule,
  context: Rule.RuleContext,
  descriptor: Rule.ReportDescriptor,
): HostRecord {
  const loc = locationOf(descriptor);
  const text = context.sourceCode.text;
  const record: HostRecord = {
    file: context.filename,
    ruleId: `api-audit/${name}`,
    message: interpolate(messageOf(rule, descriptor), descriptor.data),
    line: loc.start.line,
    column: loc.start.column + 1,
    endLine: loc.end.line,
    endColumn: loc.end.column + 1,
  };
  const fix = descriptor.fix ? toFix(descriptor.fix, text) : null;
  if (fix) record.fix = fix;
  const suggestions = (descriptor.suggest ?? []).flatMap((suggestion) => {
    const suggested = toFix(suggestion.fix, text);
    if (!suggested) return [];
    const desc = interpolate(
      'desc' in suggestion && suggestion.desc !== undefined
        ? suggestion.desc
        : (rule.meta?.messages?.[(suggestion as { messageId: string }).messageId] ?? ''),
      suggestion.data ?? descriptor.data,
    );
    return [{ desc, fix: suggested }];
  });
  if (suggestions.length > 0) record.suggestions = suggestions;
  return record;
}

function locationOf(descriptor: Rule.ReportDescriptor): { start: Position; end: Position } {
  if ('loc' in descriptor && descriptor.loc) {
    const loc = descriptor.loc;
    return 'start' in loc ? loc : { start: loc, end: loc };
  }
  return (descriptor as { node: { loc: { start: Position; end: Position } } }).node.loc;
}

interface Position {
  line: number;
  column: number;
}

function messageOf(rule: Rule.RuleModule, descriptor: Rule.ReportDescriptor): string {
  if ('messageId' in descriptor && descriptor.messageId !== undefined) {
    return rule.meta?.messages?.[descriptor.messageId] ?? descriptor.messageId;
  }
  return (descriptor as { message: string }).message;
}

/** ESLint's placeholder substitution: `{{ name }}` becomes `data.name` when `data` has it. */
function interpolate(text: string, data: Record<string, unknown> | undefined): string {
  if (!data) return text;
  return text.replace(/\{\{([^{}]+?)\}\}/gu, (whole, key: string) => {
    const name = key.trim();
    return name in data ? String(data[name]) : whole;
  });
}

/**
 * What a rule's fix function gives, as one fix the way ESLint merges it: the fixes sorted by range and
 * joined with the text between them into one replacement (ESLint's `report-translator`); `null` when it
 * gives none. Overlapping fixes throw, as in ESLint.
 */
function toFix(fixFunction: Rule.ReportFixer, text: string): { range: [number, number]; text: string } | null {
  const given = fixFunction(fixer);
  if (!given) return null;
  const fixes = (isFix(given) ? [given] : [...given])
    .filter(Boolean)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  if (fixes.length === 0) return null;
  if (fixes.length === 1) return { range: [...fixes[0]!.range], text: fixes[0]!.text };
  const start = fixes[0]!.range[0];
  const end = Math.max(...fixes.map((fix) => fix.range[1]));
  let merged = '';
  let last = start;
  for (const fix of fixes) {
    if (fix.range[0] < last) throw new Error('Fix objects must not be overlapped in a report.');
    merged += text.slice(last, fix.range[0]) + fix.text;
    last = fix.range[1];
  }
  merged += text.slice(last, end);
  return { range: [start, end], text: merged };
}

function isFix(value: unknown): value is Rule.Fix {
  return typeof value === 'object' && value !== null && 'range' in value && 'text' in value;
}

type Ranged = { range?: [number, number] | undefined };
const rangeOf = (node: Ranged): [number, number] => node.range!;

/** ESLint's `RuleFixer`: each method returns one `{ range, text }` (ESLint `rule-fixer.js`). */
const fixer: Rule.RuleFixer = {
  insertTextAfter: (node, text) => ({ range: [rangeOf(node)[1], rangeOf(node)[1]], text }),
  insertTextAfterRange: (range, text) => ({ range: [range[1], range[1]], text }),
  insertTextBefore: (node, text) => ({ range: [rangeOf(node)[0], rangeOf(node)[0]], text }),
  insertTextBeforeRange: (range, text) => ({ range: [range[0], range[0]], text }),
  replaceText: (node, text) => ({ range: rangeOf(node), text }),
  replaceTextRange: (range, text) => ({ range, text }),
  remove: (node) => ({ range: rangeOf(node), text: '' }),
  removeRange: (range) => ({ range, text: '' }),
};
