import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Linter } from 'eslint';

import {
  createESLint,
  FILE_TIME_BUDGET_MS,
  relativeTo,
  ruleEntries,
  type FileLintResult,
  type LintOptions,
  type LintOutcome,
} from './lint.js';
import type { SkippedFile } from '../project-index/source-files.js';
import type { HostRecord, HostSettings } from './oxlint-plugin.js';

/** The oxlint the command runs: its version and the script of its command (a Node.js script). */
export interface Oxlint {
  version: string;
  bin: string;
}

/**
 * The oxlint package installed beside this plugin (an optional dependency), or `null` when npm left it
 * out (`--omit=optional`, or a platform without a native binding: npm skips the binding, and oxlint
 * then fails at start, which {@link runOxlint} reports). Never throws.
 */
export function findOxlint(): Oxlint | null {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('oxlint/package.json');
    const { version, bin } = require(manifest) as { version: string; bin: Record<string, string> };
    const script = resolve(dirname(manifest), bin.oxlint ?? 'bin/oxlint');
    return existsSync(script) ? { version, bin: script } : null;
  } catch {
    return null;
  }
}

/** Thrown by {@link runOxlint} when oxlint did not run to the end; the command then lints with ESLint. */
export class OxlintFailure extends Error {}

/** The module oxlint loads as the plugin (`jsPlugins`): the plugin's rules, recording their reports. */
const HOSTED_PLUGIN = fileURLToPath(new URL('./oxlint-plugin.js', import.meta.url));

/**
 * Most characters of file paths handed to one oxlint process: Windows limits a command line to 32,767
 * characters (CreateProcess docs); Linux to a quarter of the stack limit (execve(2), 2 MiB by default).
 */
const ARGUMENT_CHARACTERS = process.platform === 'win32' ? 30_000 : 1_000_000;

/**
 * Lints the service's files with the plugin's rules under oxlint's JS-plugin host (oxlint ≥ 1.60 runs
 * ESLint-API plugins; DESIGN "Hosts"): the same files as {@link runLint} (ESLint's config decides which,
 * from `.gitignore`, the default ignores and `ignore`), the `recommended` preset with the config file's
 * rule entries and settings, `eslint-disable` comments honoured as oxlint reads them. oxlint runs as a
 * child process with a config written to a temporary directory; its native rules are all off.
 *
 * The messages are the ones ESLint would give: oxlint's JSON output says which reports survived the
 * disable comments and at which severity; the position, end, fix and suggestions come from the rules'
 * own records ({@link HostRecord}). A file that does not parse comes back with a fatal message, as from
 * ESLint, with oxlint's parser's words. Reports a disable comment suppressed are returned as
 * `suppressed` (the report masks secrets in code frames by them).
 *
 * Unlike {@link runLint} there is no budget per file, only one for the run: `fileTimeBudgetMs` × 6 plus
 * 50 ms a file. `onParsed` is not called (the project checker parses from its program).
 *
 * @throws {OxlintFailure} when oxlint cannot start, crashes, runs out of time or prints no readable
 *   report; the message says which, with the first line oxlint wrote to stderr.
 */
export async function runOxlint(oxlint: Oxlint, options: LintOptions): Promise<LintOutcome> {
  const eslint = createESLint(options);
  const files: string[] = [];
  for (const file of options.files ?? []) {
    if (await eslint.calculateConfigForFile(file)) files.push(file);
  }
  const directory = await mkdtemp(join(tmpdir(), 'api-audit-oxlint-'));
  try {
    const records = join(directory, 'records.jsonl');
    await writeFile(records, '');
    const indexFiles = join(directory, 'files.json');
    await writeFile(indexFiles, JSON.stringify(options.files ?? []));
    const host: HostSettings = { records, root: options.root, files: indexFiles };
    const config = join(directory, '.oxlintrc.json');
    await writeFile(
      config,
      JSON.stringify({
        plugins: [],
        categories: { correctness: 'off' },
        jsPlugins: [{ name: 'api-audit', specifier: HOSTED_PLUGIN }],
        settings: {
          ...(options.settings === undefined ? {} : { 'api-audit': options.settings }),
          'api-audit-host': host,
        },
        rules: ruleEntries(options),
      }),
    );
    const diagnostics: OxlintDiagnostic[] = [];
    const budget = options.fileTimeBudgetMs ?? FILE_TIME_BUDGET_MS;
    for (const chunk of chunks(files.map((file) => relativeTo(options.root, file)))) {
      const args = [oxlint.bin, '-c', config, '-f', 'json', '--no-ignore', '--disable-nested-config', '--', ...chunk];
      const output = await run(args, options.root, budget * 6 + 50 * chunk.length);
      diagnostics.push(...output);
    }
    const recorded = new Map<string, HostRecord[]>();
    for (const line of (await readFile(records, 'utf8')).split('\n')) {
      if (line === '') continue;
      const record = JSON.parse(line) as HostRecord;
      const key = recordKey(record.file, record.ruleId, record.line, record.message);
      recorded.set(key, [...(recorded.get(key) ?? []), record]);
    }
    const skipped: SkippedFile[] = [];
    const results = new Map<string, FileLintResult>(
      files.map((file) => [file, { filePath: file, messages: [], suppressed: [] }]),
    );
    // oxlint prints a name as a path with `/` for every `\` (`src/a\b.js` comes back as `src/a/b.js`).
    const byPrintedName = new Map(files.map((file) => [relativeTo(options.root, file).replaceAll('\\', '/'), file]));
    for (const diagnostic of diagnostics) {
      const filePath = byPrintedName.get(diagnostic.filename) ?? resolve(options.root, diagnostic.filename);
      const result = results.get(filePath);
      if (!result) {
        if (skipped.some((entry) => entry.file === filePath)) continue; // a rule failed on it
        throw new OxlintFailure(`oxlint reported on ${diagnostic.filename}, a file it was not given`);
      }
      const span = diagnostic.labels?.[0]?.span;
      const ruleId = /^api-audit\((.+)\)$/u.exec(diagnostic.code ?? '')?.[1];
      const severity = diagnostic.severity === 'error' ? 2 : 1;
      if (ruleId === undefined) {
        if (diagnostic.code) continue; // not one of the plugin's rules (none is on)
        if (diagnostic.message.startsWith(RULE_FAILED)) {
          // oxlint's words: "Error running JS plugin.", "File path: …", then the error and its stack.
          const reason = diagnostic.message.split('\n')[2] ?? 'unknown error';
          results.delete(filePath);
          skipped.push({
            file: filePath,
            reason: 'internal-error',
            detail: `a rule failed on it (${reason}); please report this as a bug of eslint-plugin-api-audit`,
          });
          continue;
        }
        const at = span ? await utf16Position(filePath, span.offset) : { line: 1, column: 1 };
        result.messages.push({
          ruleId: null,
          fatal: true,
          severity: 2,
          message: `Parsing error: ${diagnostic.message}`,
          ...at,
        } as Linter.LintMessage);
        continue;
      }
      const key = recordKey(filePath, `api-audit/${ruleId}`, span?.line ?? 0, diagnostic.message);
      const record = recorded.get(key)?.shift();
      if (!record) {
        throw new OxlintFailure(`oxlint reported a ${ruleId} finding the rule did not record (${diagnostic.filename})`);
      }
      result.messages.push({ ...withoutFile(record), severity, nodeType: null } as unknown as Linter.LintMessage);
    }
    // What no diagnostic claimed was suppressed by a disable comment.
    for (const left of recorded.values()) {
      for (const record of left) {
        results.get(record.file)?.suppressed.push({
          ...withoutFile(record),
          severity: 2,
          nodeType: null,
          suppressions: [{ kind: 'directive', justification: '' }],
        } as unknown as Linter.SuppressedLintMessage);
      }
    }
    for (const result of results.values()) {
      result.messages.sort((a, b) => a.line - b.line || a.column - b.column);
      options.onFile?.();
    }
    return { results: [...results.values()], skipped, eslint };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** How oxlint's message starts when a rule of a JS plugin threw on a file. */
const RULE_FAILED = 'Error running JS plugin';

/** One diagnostic of oxlint's `--format json` (lines 1-based; `column` and `offset` in UTF-8 bytes). */
interface OxlintDiagnostic {
  message: string;
  /** `plugin(rule)`; none for a parse error. */
  code?: string;
  severity: 'error' | 'warning' | 'advice';
  /** Relative to oxlint's working directory. */
  filename: string;
  labels?: { span: { offset: number; length: number; line: number; column: number } }[];
}

/** A record as the message fields of a `LintMessage`. */
function withoutFile(record: HostRecord): Omit<HostRecord, 'file'> {
  const message: Partial<HostRecord> = { ...record };
  delete message.file;
  return message as Omit<HostRecord, 'file'>;
}

function recordKey(file: string, ruleId: string, line: number, message: string): string {
  return `${file}\0${ruleId}\0${line}\0${message}`;
}

/** The paths split so that no oxlint command line exceeds {@link ARGUMENT_CHARACTERS}. */
function* chunks(paths: readonly string[]): Generator<string[]> {
  let chunk: string[] = [];
  let size = 0;
  for (const path of paths) {
    if (chunk.length > 0 && size + path.length + 1 > ARGUMENT_CHARACTERS) {
      yield chunk;
      chunk = [];
      size = 0;
    }
    chunk.push(path);
    size += path.length + 1;
  }
  if (chunk.length > 0) yield chunk;
}

/** Runs oxlint's script with Node.js and returns its diagnostics; exit codes 0 and 1 both mean it ran. */
function run(args: string[], cwd: string, timeout: number): Promise<OxlintDiagnostic[]> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      args,
      { cwd, timeout, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = (error as (Error & { code?: number | string; killed?: boolean }) | null)?.code;
        if (error && (error as { killed?: boolean }).killed) {
          fail(new OxlintFailure(`oxlint took longer than ${Math.round(timeout / 1000)} s`));
          return;
        }
        if (error && code !== 1) {
          const said = stderr.split('\n').find((line) => line.trim() !== '') ?? error.message.split('\n')[0];
          fail(new OxlintFailure(`oxlint stopped (exit code ${String(code)}): ${said}`));
          return;
        }
        try {
          done((JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] }).diagnostics);
        } catch {
          fail(new OxlintFailure(`oxlint printed no readable report: ${stdout.slice(0, 200)}`));
        }
      },
    );
  });
}

/** The 1-based line and UTF-16 column (as ESLint counts) of a UTF-8 byte offset in `file`. */
async function utf16Position(file: string, offset: number): Promise<{ line: number; column: number }> {
  const before = (await readFile(file)).subarray(0, offset).toString('utf8');
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line: before.split(/\r\n|\r|\n/u).length, column: before.length - lineStart + 1 };
}
