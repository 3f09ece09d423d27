import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { globSync } from 'tinyglobby';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

/**
 * The parser matrix (DESIGN "Hosts"): every rule must run under ESLint's default parser (espree,
 * JavaScript only), `@typescript-eslint/parser` without type information, and the same parser with a
 * program, and give the same findings wherever types are not involved. Every example service in
 * `fixtures/` is linted with every rule of the plugin under each parser.
 */

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
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
