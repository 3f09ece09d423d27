import { existsSync, readdirSync, readFileSync } from 'node:fs';

import parser from '@typescript-eslint/parser';
import { ESLint, Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { createRule } from '../src/shared/create-rule.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
// git keeps no empty folders, so a folder without files yet reads as empty.
const namesIn = (dir: string, suffix: string): string[] =>
  (existsSync(new URL(dir, import.meta.url)) ? readdirSync(new URL(dir, import.meta.url)) : [])
    .filter((file) => file.endsWith(suffix) && file !== `index${suffix}`)
    .map((file) => file.slice(0, -suffix.length))
    .sort();

describe('plugin', () => {
  it('meta matches package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'api-audit' });
  });

  it('rule files, the rule index, docs and tests list the same names, sorted', () => {
    const files = namesIn('../src/rules/', '.ts');
    expect(Object.keys(plugin.rules)).toEqual(files);
    expect(namesIn('../rules-docs/', '.md')).toEqual(files);
    expect(namesIn('./rules/', '.test.ts')).toEqual(files);
  });

  it('createRule hands create the options ESLint merged with meta.defaultOptions, configured or not', () => {
    const seen: unknown[] = [];
    const probe = createRule<[{ max?: number; names?: string[] }], 'found'>({
      name: 'probe',
      meta: {
        type: 'problem',
        docs: { description: 'Disallow nothing' },
        messages: { found: 'found' },
        schema: [
          {
            type: 'object',
            properties: { max: { type: 'number' }, names: { type: 'array', items: { type: 'string' } } },
            additionalProperties: false,
          },
        ],
        defaultOptions: [{ max: 10, names: ['a'] }],
      },
      create(_context, [options]) {
        seen.push(options);
        return {};
      },
    });
    const linter = new Linter({ configType: 'flat' });
    const entries: Linter.RuleEntry[] = ['error', ['error', { names: ['b'] }]];
    for (const entry of entries) {
      linter.verify('x;', {
        plugins: { test: { rules: { probe: probe as unknown as Rule.RuleModule } } },
        rules: { 'test/probe': entry },
      });
    }
    expect(seen).toEqual([
      { max: 10, names: ['a'] },
      { max: 10, names: ['b'] },
    ]);
    expect(probe.meta.docs?.url).toMatch(/\/rules-docs\/probe\.md$/u);
  });

  it('every docs.url points at the rule’s own doc', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/rules-docs/${name}\\.md$`, 'u'));
    }
  });

  it('every meta.defaultOptions validates against meta.schema, and an unknown option key is rejected', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const linter = new Linter({ configType: 'flat' });
      const lint = (options: unknown[]): Linter.LintMessage[] =>
        linter.verify(
          'const x = 1;',
          [
            {
              files: ['**/*.ts'],
              languageOptions: { parser: parser as Linter.Parser },
              plugins: { 'api-audit': plugin as never },
              rules: { [`api-audit/${name}`]: ['error', ...options] as Linter.RuleEntry },
            },
          ],
          { filename: 'src/x.ts' },
        );
      const defaults = (rule.meta as { defaultOptions?: unknown[] }).defaultOptions ?? [];
      expect(lint(defaults), name).toEqual([]);
      expect(() => lint([{ notAnOption: true }]), name).toThrow(
        /should NOT have additional properties|must NOT have additional properties/u,
      );
    }
  });

  it('recommended holds exactly the recommended rules that need no types; recommended-type-checked adds the typed ones', () => {
    const recommended = Object.entries(plugin.rules).filter(([, rule]) => rule.meta.docs?.recommended);
    expect(Object.keys(plugin.configs.recommended.rules ?? {}).sort()).toEqual(
      recommended
        .filter(([, rule]) => !rule.meta.docs?.requiresTypeChecking)
        .map(([name]) => `api-audit/${name}`)
        .sort(),
    );
    expect(Object.keys(plugin.configs['recommended-type-checked'].rules ?? {}).sort()).toEqual(
      recommended.map(([name]) => `api-audit/${name}`).sort(),
    );
    expect(Object.keys(plugin.configs.all.rules ?? {}).sort()).toEqual(
      Object.keys(plugin.rules)
        .map((name) => `api-audit/${name}`)
        .sort(),
    );
  });

  it('rule meta follows the house style', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.description, name).toMatch(/^(?:Enforce|Require|Disallow) .+[^. ]$/u);
      for (const [id, text] of Object.entries(rule.meta.messages)) {
        expect(id, name).toMatch(/^[a-z][A-Za-z]+$/u);
        expect(text, `${name}.${id}`).toMatch(/^[A-Z`].*\.$/u);
      }
      expect(
        Object.keys(rule.meta).filter((key) =>
          ['type', 'docs', 'fixable', 'hasSuggestions', 'messages', 'schema', 'defaultOptions'].includes(key),
        ),
        name,
      ).toEqual(
        ['type', 'docs', 'fixable', 'hasSuggestions', 'messages', 'schema', 'defaultOptions'].filter(
          (key) => key in rule.meta,
        ),
      );
    }
  });

  it.each(['recommended', 'recommended-type-checked', 'all'] as const)(
    'preset %s loads in ESLint and lints a route file',
    async (preset) => {
      const eslint = new ESLint({
        overrideConfigFile: true,
        overrideConfig: [
          { files: ['**/*.ts'], languageOptions: { parser: parser as never }, ...(plugin.configs[preset] as object) },
        ],
      });
      const [result] = await eslint.lintText(
        `import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => res.json({}));\n`,
        {
          filePath: 'src/app.ts',
        },
      );
      expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
      expect(plugin.configs[preset].name).toBe(`api-audit/${preset}`);
      expect(plugin.configs[preset].plugins?.['api-audit']).toBe(plugin);
    },
  );
});
