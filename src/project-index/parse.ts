import { createRequire } from 'node:module';

import type * as Parser from '@typescript-eslint/parser';
import type * as ScopeManager from '@typescript-eslint/scope-manager';
import type * as TypeScriptEstree from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ts } from 'ts-morph';

import { isNode, type VisitorKeys } from '../shared/ast/index.js';

const require = createRequire(import.meta.url);
let parsers:
  | {
      parseForESLint: typeof Parser.parseForESLint;
      analyze: typeof ScopeManager.analyze;
      parse: typeof TypeScriptEstree.parse;
    }
  | undefined;

/**
 * The parser packages, loaded on the first parse: they load TypeScript (0.35–0.5 s), which a lint that
 * never parses another file (or runs under ESLint's default parser) should not pay for when the plugin
 * is imported.
 */
function parsersOf(): NonNullable<typeof parsers> {
  parsers ??= {
    parseForESLint: (require('@typescript-eslint/parser') as typeof Parser).parseForESLint,
    analyze: (require('@typescript-eslint/scope-manager') as typeof ScopeManager).analyze,
    parse: (require('@typescript-eslint/typescript-estree') as typeof TypeScriptEstree).parse,
  };
  return parsers;
}

/** A file's ESTree with what the route model and the scope helpers need. */
export interface ParsedSource {
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
  visitorKeys: VisitorKeys;
}

/**
 * Parses one file for the project index, which reads no tokens or comments: typescript-estree's `parse`
 * (no token or comment conversion, the largest part of `parseForESLint`'s time: measured 4.1 s of 5.8 s
 * for the 666 framework files of the generated 2,000-file service) and the scope manager's `analyze`
 * with the same `sourceType` rule as {@link parseSource}; `parent` set on every node. JSX in `.jsx`/`.tsx`.
 *
 * @throws the parser's error when the file has a syntax error.
 */
export function parseForIndex(text: string, path: string): ParsedSource {
  const sourceType = /\.c[jt]s$/u.test(path) ? 'script' : 'module';
  const { parse, analyze } = parsersOf();
  const ast = parse(text, {
    range: true,
    loc: true,
    tokens: false,
    comment: false,
    jsx: /\.[jt]sx$/u.test(path),
    filePath: path,
  }) as TSESTree.Program;
  const scopeManager = analyze(ast, { sourceType, globalReturn: sourceType === 'script' });
  setParents(ast, visitorKeys);
  return {
    ast,
    globalScope: scopeManager.globalScope as unknown as TSESLint.Scope.Scope,
    visitorKeys,
  };
}

/**
 * Parses one file to ESTree with `@typescript-eslint/parser` and the options ESLint passes it (`range`,
 * `loc`, `ecmaVersion: 'latest'`, `sourceType` by extension as ESLint's defaults set it: `commonjs` for
 * `.cjs`/`.cts`, `module` otherwise), then sets `parent` on every node as ESLint does before rules run.
 * With `program`, typescript-estree converts the program's own source file for `path` instead of parsing
 * `text` again. Tokens and comments are not produced.
 *
 * @throws the parser's error (with `lineNumber` and `column`) when the file has a syntax error.
 */
export function parseSource(text: string, path: string, program: ts.Program | null = null): ParsedSource {
  const { parseForESLint } = parsersOf();
  const result = parseForESLint(text, {
    filePath: path,
    ecmaVersion: 'latest',
    sourceType: /\.c[jt]s$/u.test(path) ? 'commonjs' : 'module',
    range: true,
    loc: true,
    tokens: false,
    comment: false,
    ...(program ? { programs: [program] } : {}),
  } as Parameters<typeof parseForESLint>[1]);
  const ast = result.ast as unknown as TSESTree.Program;
  setParents(ast, result.visitorKeys);
  return {
    ast,
    globalScope: result.scopeManager.globalScope as unknown as TSESLint.Scope.Scope,
    visitorKeys: result.visitorKeys,
  };
}

/** Sets `parent` on every node below `ast` (parsers leave it unset; the route model walks up the tree). */
function setParents(ast: TSESTree.Program, keys: VisitorKeys): void {
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (isNode(item)) {
          (item as { parent?: TSESTree.Node }).parent = node;
          stack.push(item);
        }
      }
    }
  }
}
