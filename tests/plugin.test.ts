import { existsSync, readdirSync, readFileSync } from 'node:fs';

import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
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

  it('every docs.url points at the rule’s own doc', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/rules-docs/${name}\\.md$`, 'u'));
    }
  });

  it.each(['recommended', 'recommended-type-checked', 'all'] as const)('preset %s loads in ESLint and lints a route file', async (preset) => {
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: parser as never }, ...(plugin.configs[preset] as object) }],
    });
    const [result] = await eslint.lintText(`import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => res.json({}));\n`, {
      filePath: 'src/app.ts',
    });
    expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
    expect(plugin.configs[preset].name).toBe(`api-audit/${preset}`);
    expect(plugin.configs[preset].plugins?.['api-audit']).toBe(plugin);
  });
});
