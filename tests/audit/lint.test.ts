import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';

import { blankEslintEnvComments, relativeTo, runLint, type FileLintResult } from '../../src/audit/lint.js';
import { loadProject } from '../../src/project/index.js';
import { removeTemporaryProjects, temporaryDirectory } from '../project/helpers.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A copy of express-shop with one file outside the tsconfig's `include` (a script at the root). */
function copyWithScript(): string {
  const dir = temporaryDirectory('api-audit-lint-');
  cpSync(join(fixtures, 'express-shop'), dir, { recursive: true });
  writeFileSync(
    join(dir, 'seed.js'),
    "import express from 'express';\nimport fs from 'node:fs';\nconst app = express();\n" +
      "app.get('/seed', (req, res) => res.send(fs.readFileSync('seed.json', 'utf8')));\n",
  );
  return dir;
}

/** `file:line:column ruleId message` of every message, sorted. */
function messages(root: string, results: readonly FileLintResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${relativeTo(root, result.filePath)}:${message.line}:${message.column} ${message.ruleId} ${message.message}`,
      ),
    )
    .sort();
}

/** The program, with every `getSourceFile` lookup recorded. */
function recording(program: ts.Program): { program: ts.Program; asked: Set<string> } {
  const asked = new Set<string>();
  const proxy = new Proxy(program, {
    get(target, key, receiver) {
      if (key === 'getSourceFile') {
        return (fileName: string) => {
          asked.add(fileName);
          return target.getSourceFile(fileName);
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { program: proxy, asked };
}

describe('runLint over the audit program', { timeout: 60_000 }, () => {
  afterAll(removeTemporaryProjects);

  it('reports exactly what a lint that parses every file itself reports, and reads program files from the program', async () => {
    const root = copyWithScript();
    const loaded = loadProject({ target: root });
    expect(loaded.sharing.shared).toBe(true);
    const { program, asked } = recording(loaded.program);
    const parsedFiles: string[] = [];

    const plain = await runLint({ root, useEslintConfig: false, ignore: [] });
    const shared = await runLint({
      root,
      useEslintConfig: false,
      ignore: [],
      program: { program, types: false },
      onParsed: (filename) => parsedFiles.push(filename),
    });

    expect(messages(root, shared.results)).toEqual(messages(root, plain.results));
    // The script outside `include` is linted too (parsed from its text), and still reported.
    expect(messages(root, shared.results)).toContain(
      'seed.js:4:41 api-audit/no-sync-in-handler `readFileSync` blocks the event loop while serving GET /seed; use `fs.promises.readFile` instead.',
    );
    expect(parsedFiles.sort()).toEqual(shared.results.map((result) => result.filePath).sort());
    // Every program file the lint met was looked up in the program.
    for (const file of loaded.files) expect(asked.has(file)).toBe(true);
  });

  it('parses a file from its text when it changed on disk after the program was built', async () => {
    const root = copyWithScript();
    const loaded = loadProject({ target: root });
    const file = join(root, 'src/routes/admin.ts');
    writeFileSync(
      file,
      "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/x', (req, res) => {\n  res.json({ ok: true });\n});\n",
    );
    const parsed = new Map<string, string>();
    const { results } = await runLint({
      root,
      useEslintConfig: false,
      ignore: [],
      program: { program: loaded.program, types: false },
      onParsed: (filename, file) =>
        parsed.set(filename, (file.ast as { body: { type: string }[] }).body.map((node) => node.type).join(',')),
    });
    expect(results.find((result) => result.filePath === file)?.messages).toEqual([]);
    expect(parsed.get(file)).toBe('ImportDeclaration,ExportNamedDeclaration,ExpressionStatement');
  });

  it('gives the rules type information from the program only with `types`', async () => {
    const root = temporaryDirectory('api-audit-typed-');
    cpSync(join(fixtures, 'typed'), root, { recursive: true });
    writeFileSync(
      join(root, 'file.ts'),
      "import express from 'express';\nimport { findUser } from 'app-services';\nconst app = express();\n" +
        "app.get('/users/:id', async (req, res) => {\n  res.json(await findUser(req.params.id));\n});\n",
    );
    const loaded = loadProject({ target: root });
    const lint = async (types: boolean): Promise<string[]> =>
      messages(
        root,
        (await runLint({ root, useEslintConfig: false, ignore: [], program: { program: loaded.program, types } }))
          .results,
      );

    expect(await lint(false)).toEqual([]);
    expect(await lint(true)).toEqual([
      'file.ts:5:12 api-audit/require-response-schema Route GET /users/:id sends a value whose type has `passwordHash`; leave credential fields out of the response.',
    ]);
  });
});

describe('blankEslintEnvComments', () => {
  it('blanks `/* eslint-env */` comments (which ESLint 10 stops at) and keeps every other position', () => {
    const text = "/* eslint-env node,\n   jest */\nconst config = require('./base'); /* keep */\n";
    const blanked = blankEslintEnvComments(text);
    expect(blanked).toBe("                   \n          \nconst config = require('./base'); /* keep */\n");
    expect(blanked).toHaveLength(text.length);
    expect(blankEslintEnvComments('/* eslint-disable no-console */')).toBe('/* eslint-disable no-console */');
  });
});
