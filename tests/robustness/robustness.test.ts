import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { corpus, type CorpusFile } from './corpus.js';

function lintWithEveryRule(file: Pick<CorpusFile, 'code' | 'filename' | 'commonjs'>): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    file.code,
    [
      {
        files: ['**/*.{js,jsx,ts,tsx}'],
        languageOptions: {
          parser: parser as Linter.Parser,
          parserOptions: { ecmaFeatures: { jsx: true } },
          sourceType: file.commonjs ? 'commonjs' : 'module',
        },
        ...(plugin.configs.all as Linter.Config),
      },
    ],
    { filename: file.filename },
  );
}

describe('every rule over an odd but valid corpus', () => {
  it.each(corpus.map((file) => [file.name, file] as const))('%s', (_name, file) => {
    const messages = lintWithEveryRule(file);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    // No finding from a rule in a shape it should not claim to understand.
    if (file.name === 'the same names as frameworks, but local') expect(messages).toEqual([]);
  });

  it('a very long route file', () => {
    const routes = Array.from(
      { length: 3000 },
      (_, index) =>
        `router.get('/r${index}', async (req, res) => { res.json(await service.get${index}(req.params)); });`,
    );
    const code = `import { Router } from 'express';\nimport * as service from '../services/s.js';\nconst router = Router();\n${routes.join('\n')}\nexport default router;\n`;
    const messages = lintWithEveryRule({ code, filename: 'src/routes/long.ts' });
    expect(messages).toEqual([]);
  });
});
