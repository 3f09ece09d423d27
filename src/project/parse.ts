import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ts } from 'ts-morph';

import type { VisitorKeys } from '../shared/ast/index.js';
import { toProjectPath } from './source-files.js';

/** One service file, parsed to ESTree from the shared program's source file. */
export interface ParsedFile {
  /** Absolute path, as the program names it. */
  path: string;
  /** Path relative to the project root, `/`-separated (used in messages and layer globs). */
  projectPath: string;
  sourceFile: ts.SourceFile;
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
  visitorKeys: VisitorKeys;
}

/** A file that does not parse: the parser's message and where it points (1-based line and column). */
export interface ParseFailure {
  path: string;
  message: string;
  line: number;
  column: number;
}

/**
 * Parses one program file to ESTree with `@typescript-eslint/parser` and the options ESLint passes
 * it (`range`, `loc`, `ecmaVersion: 'latest'`, `sourceType` by extension as ESLint's defaults set it:
 * `commonjs` for `.cjs`, `module` otherwise). With `program`, typescript-estree converts the program's
 * own source file instead of parsing the text again, so ESTree and TypeScript nodes cover the same
 * ranges by construction. Tokens and comments are not produced: no check reads them.
 *
 * @returns the parsed file, or a {@link ParseFailure} when the file has a syntax error.
 */
export function parseFile(
  sourceFile: ts.SourceFile,
  root: string,
  program: ts.Program | null,
): ParsedFile | ParseFailure {
  const path = sourceFile.fileName;
  try {
    const result = parseForESLint(sourceFile.text, {
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
      path,
      projectPath: toProjectPath(root, path),
      sourceFile,
      ast,
      globalScope: result.scopeManager.globalScope as unknown as TSESLint.Scope.Scope,
      visitorKeys: result.visitorKeys,
    };
  } catch (error) {
    const details = error as { message?: string; lineNumber?: number; column?: number };
    return {
      path,
      message: `Parsing error: ${(details.message ?? String(error)).replace(/^line \d+:/iu, '').trim()}`,
      line: details.lineNumber ?? 1,
      column: (details.column ?? 0) + 1,
    };
  }
}

/**
 * Sets `parent` on every node, as ESLint does before rules run: the route model, the reference tracker
 * and the scope helpers walk up the tree, and parsers leave `parent` unset.
 */
function setParents(ast: TSESTree.Program, keys: VisitorKeys): void {
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') {
          (item as { parent?: TSESTree.Node }).parent = node;
          stack.push(item as TSESTree.Node);
        }
      }
    }
  }
}

/** Whether a parse result is a failure. */
export function isParseFailure(result: ParsedFile | ParseFailure): result is ParseFailure {
  return !('ast' in result);
}
