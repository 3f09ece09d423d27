import { readdirSync, readFileSync } from 'node:fs';

import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

/** One code block of a rule doc that claims to be reported (❌) or not (✅). */
interface DocExample {
  rule: string;
  expectReport: boolean;
  code: string;
  line: number;
  options: unknown[];
  filename: string;
}

const docsDir = new URL('../rules-docs/', import.meta.url);
const FILENAME_IN_COMMENT = /^\/\/.*?\s(\S+\.[cm]?[jt]sx?)\s*$/u;

/**
 * Reads the ❌/✅ code blocks of every rule doc. A line starting with ❌ or ✅ sets what the blocks
 * after it claim until the next heading; a `json` block sets the rule options for the blocks after it
 * in the same section. A first-line comment ending in a file name (`// nextjs app/users/route.ts`)
 * lints the block under that name.
 */
function readExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
    const rule = file.slice(0, -3);
    const lines = readFileSync(new URL(file, docsDir), 'utf8').split('\n');
    let claim: boolean | null = null;
    let options: unknown[] = [];
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]!;
      if (line.startsWith('#')) {
        claim = null;
        options = [];
      } else if (line.startsWith('❌')) {
        claim = true;
      } else if (line.startsWith('✅')) {
        claim = false;
      } else if (line.startsWith('```')) {
        const language = line.slice(3).trim();
        const start = index + 1;
        while (index + 1 < lines.length && !lines[index + 1]!.startsWith('```')) index += 1;
        const code = lines.slice(start, index + 1).join('\n');
        index += 1;
        if (language === 'json') {
          const setting = (JSON.parse(code) as Record<string, unknown[]>)[`api-audit/${rule}`];
          options = Array.isArray(setting) ? setting.slice(1) : [];
        } else if (claim !== null && /^(?:ts|js|tsx|jsx)$/u.test(language)) {
          const filename = FILENAME_IN_COMMENT.exec(code.split('\n')[0] ?? '')?.[1] ?? 'src/example.ts';
          examples.push({ rule, expectReport: claim, code, line: start, options, filename });
        }
      }
    }
  }
  return examples;
}

const examples = readExamples();

describe('rule docs', () => {
  it('have examples', () => {
    expect(new Set(examples.map((example) => example.rule))).toEqual(new Set(Object.keys(plugin.rules)));
  });

  it.each(
    examples.map(
      (example) => [`${example.rule}.md:${example.line} ${example.expectReport ? '❌' : '✅'}`, example] as const,
    ),
  )('%s', (_name, example) => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      example.code,
      [
        {
          files: ['**/*.{js,ts,tsx,jsx}'],
          languageOptions: { parser: parser as Linter.Parser },
          plugins: { 'api-audit': plugin as never },
          rules: { [`api-audit/${example.rule}`]: ['error', ...example.options] as Linter.RuleEntry },
        },
      ],
      { filename: example.filename },
    );
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const reports = messages.filter((message) => message.ruleId === `api-audit/${example.rule}`);
    if (example.expectReport) expect(reports.length).toBeGreaterThan(0);
    else expect(reports).toEqual([]);
  });
});
