import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

import parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { globSync } from 'tinyglobby';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

/**
 * The parser and host matrix (DESIGN "Hosts"): every rule must run under ESLint's default parser
 * (espree, JavaScript only), `@typescript-eslint/parser` without type information, the same parser with
 * a program, and oxlint's JS-plugin host (its own parser, the built plugin loaded through `jsPlugins` as
 * the README shows), and give the same findings wherever types are not involved. Every example service
 * in `fixtures/` is linted with every rule of the plugin under each.
 */

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const SERVICES = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'typed')
  .map((entry) => entry.name)
  .sort();
const SOURCES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const JS = /\.[cm]?jsx?$/u;

/** Findings that only a program can give: the rule reads the sent value's declared type. */
const TYPE_ONLY_MESSAGE = /sends a value whose type has/u;

/** `file:line:column-endLine:endColumn ruleId message [fix] [suggestions]`, one line per message. */
function describeMessages(root: string, results: ESLint.LintResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map((message: Linter.LintMessage) => {
        const where = `${relative(root, result.filePath)}:${message.line}:${message.column}-${message.endLine}:${message.endColumn}`;
        const fix = message.fix ? ` fix=${JSON.stringify(message.fix)}` : '';
        const suggestions = message.suggestions?.length
          ? ` suggest=${JSON.stringify(message.suggestions.map((s) => s.fix))}`
          : '';
        return `${where} ${message.ruleId ?? 'fatal'} ${message.message}${fix}${suggestions}`;
      }),
    )
    .sort();
}

/** Lints `files` of a service with every rule of the plugin under the given language options. */
async function lintWith(
  root: string,
  files: string[],
  languageOptions: Linter.LanguageOptions | undefined,
): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: [SOURCES], ...(languageOptions ? { languageOptions } : {}) },
      { files: [SOURCES], ...(plugin.configs.all as Linter.Config) },
    ],
  });
  return describeMessages(root, await eslint.lintFiles(files));
}

/** One diagnostic of oxlint's `--format json`: 1-based line, `offset`/`length`/`column` in UTF-8 bytes. */
interface OxlintDiagnostic {
  message: string;
  code?: string;
  filename: string;
  labels: { span: { offset: number; length: number } }[];
}

/** 1-based line and UTF-16 column (ESLint's way) of a UTF-8 byte offset of `bytes`. */
function positionAt(bytes: Buffer, offset: number): string {
  const before = bytes.subarray(0, offset).toString('utf8');
  const lines = before.split('\n');
  return `${lines.length}:${lines.at(-1)!.length + 1}`;
}

/**
 * Lints `files` of a service with every rule of the plugin under oxlint (the `oxlint` command, the built
 * plugin in `jsPlugins`, oxlint's own rules off), in the shape of {@link describeMessages} without fixes
 * and suggestions, which oxlint's JSON output does not carry.
 */
async function lintWithOxlint(root: string, files: string[], config: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repositoryRoot, 'node_modules/oxlint/bin/oxlint'), '-c', config, '-f', 'json', ...files],
    { cwd: root, maxBuffer: 64 * 2 ** 20 },
  ).catch((error: { code?: number; stdout?: string }) => {
    if (error.code === 1 && error.stdout) return { stdout: error.stdout }; // exit 1: it found something
    throw error;
  });
  const { diagnostics } = JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] };
  return diagnostics
    .map((diagnostic) => {
      const bytes = readFileSync(join(root, diagnostic.filename));
      const { offset, length } = diagnostic.labels[0]!.span;
      const where = `${diagnostic.filename}:${positionAt(bytes, offset)}-${positionAt(bytes, offset + length)}`;
      const rule = /^api-audit\((.+)\)$/u.exec(diagnostic.code ?? '')?.[1];
      return `${where} ${rule ? `api-audit/${rule}` : 'fatal'} ${diagnostic.message}`;
    })
    .sort();
}

/** One program over a service's sources, JavaScript included, as a typed lint would build it. */
function programOf(root: string, files: string[]): ts.Program {
  return ts.createProgram(
    files.map((file) => join(root, file)),
    {
      allowJs: true,
      checkJs: false,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      skipLibCheck: true,
      types: [],
    },
  );
}

/** An `.oxlintrc.json` as the README shows it, with every rule of the plugin at its `all` severity. */
let oxlintConfig: string;
const oxlintDirectory = mkdtempSync(join(tmpdir(), 'api-audit-hosts-'));
beforeAll(() => {
  oxlintConfig = join(oxlintDirectory, '.oxlintrc.json');
  writeFileSync(
    oxlintConfig,
    JSON.stringify({
      plugins: [],
      categories: { correctness: 'off' },
      jsPlugins: [{ name: 'api-audit', specifier: join(repositoryRoot, 'dist/index.js') }],
      rules: plugin.configs.all.rules,
    }),
  );
});
afterAll(() => rmSync(oxlintDirectory, { recursive: true, force: true }));

describe.each(SERVICES)('%s under every parser', (service) => {
  const root = join(fixtures, service);
  const files = globSync(SOURCES, { cwd: root, ignore: ['**/node_modules/**', '**/*.d.ts'] }).sort();
  const jsFiles = files.filter((file) => JS.test(file));
  let untyped: string[];

  beforeAll(async () => {
    untyped = await lintWith(root, files, { parser: parser as Linter.Parser });
  });

  it('parses every file with @typescript-eslint/parser without type information', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(untyped.filter((line) => line.includes(' fatal '))).toEqual([]);
  });

  it('gives the same findings with a program, plus only type-based ones', async () => {
    const program = programOf(root, files);
    const typed = await lintWith(root, files, {
      parser: parser as Linter.Parser,
      parserOptions: { programs: [program] },
    });
    expect(typed.filter((line) => !TYPE_ONLY_MESSAGE.test(line))).toEqual(untyped);
  });

  it('gives the same findings under oxlint’s JS-plugin host', async () => {
    const oxlint = await lintWithOxlint(root, files, oxlintConfig);
    const withoutFixes = untyped.map((line) => line.replace(/ (fix|suggest)=.*$/u, ''));
    expect(oxlint).toEqual(withoutFixes);
  });

  it.runIf(jsFiles.length > 0)(
    'gives the same findings on its JavaScript files under ESLint’s default parser',
    async () => {
      const espree = await lintWith(root, jsFiles, undefined);
      const sameFiles = untyped.filter((line) => JS.test(line.slice(0, line.indexOf(':'))));
      expect(espree.filter((line) => line.includes(' fatal '))).toEqual([]);
      expect(espree).toEqual(sameFiles);
    },
  );
});
