import parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ESLint, type Rule } from 'eslint';
import type { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';

import { checkProject, getProgramSharing, loadProject } from '../../src/project/index.js';
import { fixture } from './helpers.js';

describe('one TypeScript program per audit', () => {
  it('ts-morph and typescript-eslint use TypeScript versions that can share a program', () => {
    expect(getProgramSharing()).toEqual({
      shared: true,
      programVersion: '6.0.2',
      parserVersion: '6.0.3',
      reason: expect.stringMatching(
        /^TypeScript 6\.0\.2 \(ts-morph\) and 6\.0\.3 \(typescript-eslint\) agree on all \d+ enums$/u,
      ) as unknown as string,
    });
  });

  it('gives typescript-eslint the checker program, so typed rules run on it without a second program', async () => {
    const loaded = loadProject({ target: fixture('express-shop') });
    expect(loaded.parserOptions).toEqual({ programs: [loaded.program] });

    const programs = new Set<ts.Program>();
    const returnTypes: string[] = [];
    const probe: TSESLint.RuleModule<never> = {
      meta: { type: 'problem', messages: {}, schema: [] },
      defaultOptions: [],
      create(context) {
        const services = context.sourceCode.parserServices!;
        return {
          Program() {
            programs.add(services.program as unknown as ts.Program);
          },
          'FunctionDeclaration[id.name="toOrderDto"]'(node: TSESTree.FunctionDeclaration) {
            const program = services.program as unknown as ts.Program;
            const checker = program.getTypeChecker();
            const declaration = services.esTreeNodeToTSNodeMap!.get(node) as unknown as ts.SignatureDeclaration;
            returnTypes.push(
              checker.typeToString(checker.getReturnTypeOfSignature(checker.getSignatureFromDeclaration(declaration)!)),
            );
          },
        };
      },
    };
    const eslint = new ESLint({
      cwd: loaded.root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: parser as never, parserOptions: loaded.parserOptions },
          plugins: { probe: { rules: { typed: probe as unknown as Rule.RuleModule } } },
          rules: { 'probe/typed': 'error' },
        },
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    expect(results.flatMap((result) => result.messages)).toEqual([]);
    expect(results).toHaveLength(25);
    expect([...programs]).toEqual([loaded.program]);
    expect(returnTypes).toEqual(['OrderDto']);

    // The checker then walks the same program object.
    const result = await checkProject({ project: loaded });
    expect(result.stats.loadMs).toBe(0);
    expect(result.findings.map((finding) => finding.ruleId)).toContain('api-audit/blocking-call-reachable');
  });

  it('still works, by position alone, when the parser may not read the program', async () => {
    const loaded = loadProject({ target: fixture('express-shop') });
    const unshared = await checkProject({ project: { ...loaded, sharing: { ...loaded.sharing, shared: false } } });
    const shared = await checkProject({ project: loaded });
    expect(unshared.findings).toEqual(shared.findings);
    expect(unshared.inventory).toEqual(shared.inventory);
  });
});
