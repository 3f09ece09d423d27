import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { createContext, Script } from 'node:vm';

import { includeIgnoreFile } from '@eslint/compat';
import parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import type { ts } from 'ts-morph';
import { ESLint, Linter, type Rule } from 'eslint';

import plugin from '../index.js';
import { collectSourceFiles, IGNORED_DIRECTORIES, type SkippedFile } from '../project-index/source-files.js';
import type { PreparsedFile } from '../project/types.js';
import type { AppliedChange } from './types.js';
import { writeFileAtomically } from './write.js';

/** The version of the ESLint the command lints with, when it does (`eslint` package). */
export const ESLINT_VERSION: string = ESLint.version;

/** Files the command never audits, besides `.gitignore` entries and `--ignore` globs. */
export const DEFAULT_IGNORES = [
  ...[...IGNORED_DIRECTORIES].map((name) => `**/${name}/**`),
  '**/*.d.ts',
  '**/migrations/**',
];

/** What {@link runLint} needs. */
export interface LintOptions {
  /** The audited directory, absolute. */
  root: string;
  /** Use the project's own `eslint.config.*` instead of the `recommended` preset. */
  useEslintConfig: boolean;
  /** Rule entries from the config file, merged over the preset (names with or without `api-audit/`). */
  rules?: Record<string, unknown>;
  /** The shared settings object (`settings['api-audit']`). */
  settings?: unknown;
  /** Extra ignore globs, relative to `root`. */
  ignore: readonly string[];
  /**
   * The audit's TypeScript program, when typescript-eslint can read it (`LoadedProject.sharing`): files
   * it holds are converted from its source files instead of being parsed a second time (see
   * {@link createProgramParser}); with `types`, the rules also get type information from it.
   */
  program?: { program: ts.Program; types: boolean };
  /**
   * Type information when the program cannot be shared: typescript-eslint `parserOptions` that build
   * a program of its own (`{ project: tsconfig }`) for those files (absolute). Other files (config
   * files, scripts outside the tsconfig) are linted without types, since typescript-eslint refuses a
   * file that is not in its program.
   */
  typed?: { parserOptions: Record<string, unknown>; files: readonly string[] };
  /** The files to lint (absolute); by default what `collectSourceFiles` finds under `root`. */
  files?: readonly string[];
  /** Time budget of one file's lint in milliseconds; default {@link FILE_TIME_BUDGET_MS}. */
  fileTimeBudgetMs?: number;
  /** Called once per linted file (for progress). */
  onFile?: () => void;
  /**
   * Called when a file's lint was stopped (time budget) or failed: what `onParsed` handed over for it
   * is incomplete and must not be used.
   */
  onAbandoned?: (filename: string) => void;
  /** Called with each linted file's ESTree, scopes and visitor keys (the command hands them to the project checker). */
  onParsed?: (filename: string, parsed: PreparsedFile) => void;
}

/** One linted file: ESLint's messages for it and, with `fix`, the fixed text when it changed. */
export interface FileLintResult {
  /** Absolute path. */
  filePath: string;
  messages: Linter.LintMessage[];
  /** The fixed text, only when fixes were applied and changed it. */
  output?: string;
  /** Messages an `eslint-disable` comment suppressed (their secrets are still masked in code frames). */
  suppressed: Linter.SuppressedLintMessage[];
}

/** Result of {@link runLint}. */
export interface LintOutcome {
  results: FileLintResult[];
  /** Files that could not be linted: unreadable when read, over the time budget, or a rule's internal error. */
  skipped: SkippedFile[];
  /** The ESLint instance whose configuration decided each file's rules (and which files it ignores). */
  eslint: ESLint;
}

const SOURCE_FILES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/** Default time budget of one file's lint, in milliseconds. */
export const FILE_TIME_BUDGET_MS = 10_000;

/**
 * Lints the service's files with the plugin: the `recommended` preset plus the config file's rules (or
 * the project's own ESLint config), `.gitignore`, {@link DEFAULT_IGNORES} and `ignore` respected, one
 * file at a time. ESLint's `Linter` runs each file inside a `vm` script with a timeout, so a file that
 * takes longer than `fileTimeBudgetMs` is stopped (V8 terminates the running script, whatever realm
 * its functions come from) and returned in `skipped`; so is a file that cannot be read or on which a
 * rule throws (a bug of this plugin: the message says so). A file that does not parse comes back
 * with a fatal message, as under `eslint`. Never throws for one file's sake.
 */
export async function runLint(options: LintOptions, fix = false): Promise<LintOutcome> {
  const eslint = createESLint(options);
  const linter = new Linter({ cwd: options.root });
  const files = options.files ?? collectSourceFiles(options.root).files;
  const budget = options.fileTimeBudgetMs ?? FILE_TIME_BUDGET_MS;
  const results: FileLintResult[] = [];
  const skipped: SkippedFile[] = [];
  for (const filePath of files) {
    const config = (await eslint.calculateConfigForFile(filePath)) as Linter.Config | undefined;
    if (!config) continue; // ignored by the config (or a `--ignore` glob)
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      skipped.push({ file: filePath, reason: 'unreadable', detail: (error as Error).message });
      continue;
    }
    // The merged config of this file, in the shape `Linter` takes for a config array (it asks only `getConfig`).
    const configArray = Object.assign([config], { getConfig: () => config });
    // ESLint 10 stops at a `/* eslint-env node */` comment (a fatal "no longer supported" message) though the
    // file parses: when only reporting, the comment is blanked (same length, so positions hold).
    const linted = fix ? text : blankEslintEnvComments(text);
    try {
      const report = withinTimeBudget(
        () => linter.verifyAndFix(linted, configArray as unknown as Linter.Config[], { filename: filePath, fix }),
        budget,
      );
      results.push({
        filePath,
        messages: report.messages,
        // Public on `Linter` since ESLint 8.16, missing from its type declarations.
        suppressed: (
          linter as Linter & { getSuppressedMessages(): Linter.SuppressedLintMessage[] }
        ).getSuppressedMessages(),
        ...(report.fixed ? { output: report.output } : {}),
      });
      options.onFile?.();
    } catch (error) {
      options.onAbandoned?.(filePath);
      if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        skipped.push({ file: filePath, reason: 'timeout', detail: `its lint took longer than ${budget / 1000} s` });
      } else {
        const reason = (error as Error).message.split('\n')[0];
        skipped.push({
          file: filePath,
          reason: 'internal-error',
          detail: `a rule failed on it (${reason}); please report this as a bug of eslint-plugin-api-audit`,
        });
      }
    }
  }
  return { results, skipped, eslint };
}

/**
 * `text` with every `/* eslint-env … *\/` block comment replaced by spaces (line breaks kept), so lines
 * and columns of everything else stay where they were. ESLint's flat config no longer reads these
 * comments and ESLint 10 reports them as fatal (ESLint docs, "Configuration Migration Guide").
 */
export function blankEslintEnvComments(text: string): string {
  if (!text.includes('eslint-env')) return text;
  return text.replace(/\/\*\s*eslint-env\b[\s\S]*?\*\//gu, (comment) => comment.replace(/[^\r\n]/gu, ' '));
}

const budgetScript = new Script('run()');
const budgetContext = createContext({ run: (): unknown => undefined });

/**
 * Calls `run` and returns its result, or throws an error with code `ERR_SCRIPT_EXECUTION_TIMEOUT` when
 * it runs longer than `ms` milliseconds: the call is made from a `vm` script run with `timeout`, whose
 * watchdog terminates the script's execution, functions of the main realm included (Node.js `vm` docs,
 * `script.runInContext` `timeout`). Only synchronous work is covered. Costs about 0.13 ms a call (the
 * watchdog thread), measured on this project's 2-core benchmark machine.
 */
function withinTimeBudget<T>(run: () => T, ms: number): T {
  budgetContext.run = run;
  try {
    return budgetScript.runInContext(budgetContext, { timeout: ms }) as T;
  } finally {
    budgetContext.run = () => undefined;
  }
}

/**
 * The rule entries the command lints with: the `recommended` preset's, with the config file's entries
 * over them (names with or without `api-audit/`), keyed `api-audit/<rule>`.
 */
export function ruleEntries(options: Pick<LintOptions, 'rules'>): Linter.RulesRecord {
  const rules: Linter.RulesRecord = { ...(plugin.configs.recommended.rules as Linter.RulesRecord) };
  for (const [name, entry] of Object.entries(options.rules ?? {})) {
    rules[name.startsWith('api-audit/') ? name : `api-audit/${name}`] = entry as Linter.RuleEntry;
  }
  return rules;
}

/**
 * The ESLint instance of a lint: its config (the preset or the project's own, ignores included) decides
 * which files are linted and with which rules, under either host.
 */
export function createESLint(options: LintOptions): ESLint {
  const progress: Rule.RuleModule = {
    meta: { type: 'suggestion', schema: [] },
    create(context) {
      return {
        Program() {
          options.onFile?.();
          const { sourceCode } = context;
          options.onParsed?.(context.filename, {
            ast: sourceCode.ast as unknown as PreparsedFile['ast'],
            globalScope: sourceCode.scopeManager!.globalScope! as unknown as PreparsedFile['globalScope'],
            visitorKeys: sourceCode.visitorKeys,
          });
        },
      };
    },
  };
  const gitignore = join(options.root, '.gitignore');
  const base: Linter.Config[] = [
    ...(existsSync(gitignore) ? [includeIgnoreFile(gitignore) as Linter.Config] : []),
    { ignores: [...DEFAULT_IGNORES, ...options.ignore] },
    {
      files: [SOURCE_FILES],
      plugins: { 'api-audit-progress': { rules: { progress } } },
      rules: { 'api-audit-progress/progress': 'warn' },
    },
  ];
  if (options.useEslintConfig) {
    return quietESLint({ cwd: options.root, overrideConfig: base, errorOnUnmatchedPattern: false });
  }
  const rules = ruleEntries(options);
  return quietESLint({
    cwd: options.root,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      ...base,
      {
        files: [SOURCE_FILES],
        languageOptions: {
          parser: options.program
            ? createProgramParser(options.program.program, options.program.types)
            : (parser as Linter.Parser),
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { 'api-audit': plugin as unknown as ESLint.Plugin },
        settings: options.settings === undefined ? {} : { 'api-audit': options.settings },
        rules,
      },
      ...(options.typed && options.typed.files.length > 0
        ? [
            {
              files: options.typed.files.map((file) => escapeGlob(relativeTo(options.root, file))),
              languageOptions: { parserOptions: options.typed.parserOptions },
            },
          ]
        : []),
    ],
  });
}

/**
 * `@typescript-eslint/parser` over an already-built program. A file the program holds, with the text
 * ESLint read, is converted from the program's source file (typescript-estree's `programs` option):
 * the TypeScript parse happens once for the lint and the project checker, and ESTree ranges match the
 * program's nodes by construction. Any other file (outside the tsconfig, or changed on disk since the
 * program was built) is parsed from its text as usual. Without `types`, the rules see no program, as
 * in an untyped lint: no program, no ESTree-to-TypeScript node maps, the `esnext` globals.
 */
function createProgramParser(program: ts.Program, types: boolean): Linter.Parser {
  return {
    meta: { name: 'api-audit/program-parser' },
    parseForESLint(code: string, parserOptions?: Linter.ParserOptions) {
      const filePath = (parserOptions as { filePath?: string } | undefined)?.filePath;
      const sourceFile = filePath === undefined ? undefined : program.getSourceFile(filePath);
      if (sourceFile?.text !== code) return parser.parseForESLint(code, parserOptions);
      const result = parser.parseForESLint(code, {
        ...parserOptions,
        programs: [program],
        // The scope analysis declares the globals of `esnext`, as in an untyped lint; the parser would
        // otherwise take the program's libs (`dom` among them): thousands of globals in every file's
        // scope, which the rules never read (types come from the checker, not from scopes).
        lib: ['esnext'],
        ...(types ? {} : { preserveNodeMaps: false }),
      } as Parameters<typeof parser.parseForESLint>[1]);
      return types ? result : { ...result, services: { ...result.services, program: null } };
    },
  } as Linter.Parser;
}

/** A file path as a glob that matches only itself (`app/[id]/route.ts` has brackets). */
function escapeGlob(path: string): string {
  return path.replace(/[*?[\]{}()!+@]/gu, (character) => `\\${character}`);
}

/**
 * `--fix`: lints with ESLint's fixer and writes every fixed file that still parses; a fixed text that
 * would not parse is left unwritten and reported in `warnings`. Returns the changes made, one per
 * fixable problem of the first pass that the fixed text no longer has.
 */
export async function applyFixes(
  options: LintOptions,
  before: readonly FileLintResult[],
  warnings: string[],
): Promise<AppliedChange[]> {
  const { results } = await runLint({ ...options, onFile: undefined }, true);
  const changes: AppliedChange[] = [];
  for (const result of results) {
    if (result.output === undefined) continue;
    if (!parses(result.output, result.filePath)) {
      warnings.push(`Not fixed: the fixed text of ${relativeTo(options.root, result.filePath)} would not parse.`);
      continue;
    }
    try {
      await writeFileAtomically(result.filePath, result.output);
    } catch (error) {
      warnings.push(
        `Not fixed: ${relativeTo(options.root, result.filePath)} could not be written (${(error as Error).message}).`,
      );
      continue;
    }
    const previous = before.find((item) => item.filePath === result.filePath);
    for (const message of previous?.messages ?? []) {
      if (message.fix && message.ruleId?.startsWith('api-audit/')) {
        changes.push({
          file: relativeTo(options.root, result.filePath),
          kind: 'fix',
          ruleId: message.ruleId,
          line: message.line,
          description: message.message,
        });
      }
    }
  }
  return changes;
}

/**
 * `--fix --unsafe`: applies the first suggestion of each problem that has one (non-overlapping ones,
 * per file), and writes the file when the result parses. Returns the changes made.
 */
export async function applySuggestions(
  root: string,
  results: readonly FileLintResult[],
  warnings: string[],
): Promise<AppliedChange[]> {
  const changes: AppliedChange[] = [];
  for (const result of results) {
    const candidates = result.messages
      .filter((message) => message.ruleId?.startsWith('api-audit/') && message.suggestions?.length)
      .map((message) => ({ message, suggestion: message.suggestions![0]! }))
      .sort((a, b) => a.suggestion.fix.range[0] - b.suggestion.fix.range[0]);
    if (candidates.length === 0) continue;
    let text = await readFile(result.filePath, 'utf8');
    let offset = 0;
    let lastEnd = -1;
    const applied: typeof candidates = [];
    for (const candidate of candidates) {
      const [start, end] = candidate.suggestion.fix.range;
      if (start < lastEnd) continue;
      text = text.slice(0, start + offset) + candidate.suggestion.fix.text + text.slice(end + offset);
      offset += candidate.suggestion.fix.text.length - (end - start);
      lastEnd = end;
      applied.push(candidate);
    }
    if (!parses(text, result.filePath)) {
      warnings.push(`Not changed: the suggestions for ${relativeTo(root, result.filePath)} would leave it unparsable.`);
      continue;
    }
    try {
      await writeFileAtomically(result.filePath, text);
    } catch (error) {
      warnings.push(
        `Not changed: ${relativeTo(root, result.filePath)} could not be written (${(error as Error).message}).`,
      );
      continue;
    }
    for (const { message, suggestion } of applied) {
      changes.push({
        file: relativeTo(root, result.filePath),
        kind: 'suggestion',
        ruleId: message.ruleId!,
        line: message.line,
        description: suggestion.desc,
      });
    }
  }
  return changes;
}

/** Whether `text` parses as the file it is meant for (TypeScript/JavaScript, JSX by extension). */
export function parses(text: string, filePath: string): boolean {
  try {
    parser.parse(text, {
      filePath,
      sourceType: 'module',
      ecmaFeatures: { jsx: /\.[jt]sx$/u.test(filePath) },
      range: true,
      loc: true,
    } as TSESLint.ParserOptions);
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates one rule entry of the config file (`"warn"`, `["error", { … }]`) as ESLint does when it
 * builds a config: the severity and the options against the rule's `meta.schema`. Throws ESLint's
 * error, whose message names the wrong value and the expected properties.
 */
export function validateRuleEntry(name: string, entry: unknown): void {
  new Linter({ configType: 'flat' }).verify('', [
    {
      plugins: { 'api-audit': plugin as unknown as ESLint.Plugin },
      rules: { [`api-audit/${name}`]: entry as Linter.RuleEntry },
    },
  ]);
}

/**
 * `file` relative to `root`, with `/` separators. Only the platform's separator is translated: on
 * POSIX a backslash is an ordinary character of a file name (`src/a\\b.js` stays as it is).
 */
export function relativeTo(root: string, file: string): string {
  const relative = file.startsWith(root)
    ? file.slice(root.length).replace(sep === '/' ? /^\/+/u : /^[/\\]+/u, '')
    : file;
  return sep === '/' ? relative : relative.replaceAll(sep, '/');
}

/**
 * `new ESLint(options)` without the warning ESLint's constructor emits when the directory has a
 * `.eslintignore` (flat config no longer reads it). The command decides what to audit from its own
 * walk, `.gitignore` files and the `ignore` option, and leaves `.eslintignore` aside on purpose (README,
 * "The `api-audit` command"), so the warning would only confuse. ESLint's warning service keeps the
 * `process.emitWarning` it finds when it is made: the filter stays with this instance, other warnings
 * pass through.
 */
function quietESLint(options: ESLint.Options): ESLint {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const [type] = rest;
    const name = typeof type === 'string' ? type : (type as { type?: string } | undefined)?.type;
    if (name === 'ESLintIgnoreWarning') return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return new ESLint(options);
  } finally {
    process.emitWarning = emit;
  }
}
