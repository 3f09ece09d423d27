import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** `// expect: api-audit/<id>[, api-audit/<id>…]` at the end of a line names what is reported on it. */
const MARKER = /\/\/ expect: (.*)$/u;
const MARKED_ID = /api-audit\/([a-z-]+)/gu;

/**
 * Lints one example service with every rule of the plugin and returns `file:line rule` for each
 * finding, next to the same list built from the `// expect: api-audit/<rule>` markers of the rules
 * the plugin has (markers of rules still to come, and of project checks, are left out).
 */
async function findingsAndMarkers(service: string): Promise<{ found: string[]; expected: string[] }> {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: parser as never }, ...(plugin.configs.all as object) },
    ],
  });
  const results = await eslint.lintFiles([`${service}/src/**/*.ts`]);
  const found: string[] = [];
  const expected: string[] = [];
  for (const result of results) {
    const file = relative(fixtures, result.filePath);
    for (const message of result.messages) {
      found.push(`${file}:${message.line} ${message.ruleId ?? `fatal: ${message.message}`}`);
    }
    readFileSync(result.filePath, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const match of MARKER.exec(line)?.[1]?.matchAll(MARKED_ID) ?? []) {
          if (match[1]! in plugin.rules) expected.push(`${file}:${index + 1} api-audit/${match[1]}`);
        }
      });
  }
  return { found: found.sort(), expected: expected.sort() };
}

describe('example services', () => {
  it('express-shop: the rules report exactly the planted problems', async () => {
    const { found, expected } = await findingsAndMarkers('express-shop');
    expect(expected.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
  });

  it('fastify-clean: no finding at all', async () => {
    const { found, expected } = await findingsAndMarkers('fastify-clean');
    expect(expected).toEqual([]);
    expect(found).toEqual([]);
  });
});
