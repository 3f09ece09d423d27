import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ts } from 'ts-morph';

import { walk, type VisitorKeys } from '../shared/ast/index.js';
import { parseSource } from '../project-index/parse.js';
import { toProjectPath } from '../project-index/source-files.js';

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
    const parsed = {
      path,
      projectPath: toProjectPath(root, path),
      sourceFile,
      ...parseSource(sourceFile.text, path, program),
    };
    releaseForProject(parsed);
    return parsed;
  } catch (error) {
    // With a program, typescript-estree builds its type checker on the first parse, which binds every
    // file of the program; TypeScript's binder can overflow the stack on another file (code after a
    // `return` holding an expression thousands of terms deep) and the RangeError surfaces here. Parse
    // this file on its own: only its own failure is its parse error.
    if (program && error instanceof RangeError) return parseFile(sourceFile, root, null);
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
 * Lightens a parsed file the project checker keeps until every file is linked (it holds all of them at
 * once): drops ESLint's `tokens` and `comments`, clears every node's `loc` (the checker locates nodes by
 * `range` through the TypeScript source file, see {@link positionOf}), and removes from the global scope
 * the `lib` globals (`Array`, `Promise`, … about 190 for `esnext`) that the file never references, which
 * the scope manager declares in every file. Measured after a forced GC on the generated benchmark service:
 * 194 KB per file before (72 of them the ESTree, 45 its `loc` objects, 77 the scopes), 98 KB after.
 *
 * Only for a file whose lint is over: ESLint reports locations from `loc`. Nothing the checker or the
 * route model reads changes: an unreferenced global has no references for the reference tracker to
 * follow, and a missing global counts as shadowed there, as it does for one never declared.
 */
export function releaseForProject(file: Pick<ParsedFile, 'ast' | 'globalScope' | 'visitorKeys'>): void {
  const ast = file.ast as { tokens?: unknown; comments?: unknown };
  delete ast.tokens;
  delete ast.comments;
  walk(file.ast, file.visitorKeys, (node) => {
    // Assigned, not deleted: a deleted property turns the node into a slower dictionary-mode object.
    (node as { loc: unknown }).loc = undefined;
  });
  const scope = file.globalScope;
  let pruned = false;
  for (const [name, variable] of scope.set) {
    if (variable.references.length === 0 && variable.defs.length === 0 && variable.identifiers.length === 0) {
      scope.set.delete(name);
      pruned = true;
    }
  }
  if (pruned) {
    const kept = scope.variables.filter((variable) => scope.set.get(variable.name) === variable);
    scope.variables.length = 0;
    scope.variables.push(...kept);
  }
}

/**
 * Drops TypeScript's cache of the children of every node of `sourceFile` (the token lists that
 * `Node.getChildren()` builds). typescript-estree produces ESLint's tokens by calling `getChildren()` on
 * every node, and TypeScript keeps the result in a map per source file (`sourceFileToNodeChildren` in
 * its `factory/nodeChildren.ts`) for as long as the source file lives: with the audit's one program, as
 * long as the audit. Measured on the generated 2,000-file service: 90 MB of the live heap after the lint.
 * Only for a file whose lint is over; a later `getChildren()` builds the list again. Uses TypeScript's
 * internal `transferSourceFileChildren` (moving the map to a throwaway key) of the TypeScript copy that
 * built the program (ts-morph's), and does nothing if a TypeScript version lacks it.
 */
export function releaseNodeChildren(sourceFile: ts.SourceFile): void {
  const transfer = (ts as unknown as { transferSourceFileChildren?: (from: ts.SourceFile, to: object) => void })
    .transferSourceFileChildren;
  transfer?.(sourceFile, {});
}

/** Where `node` starts in `file` (1-based line and column, as ESLint reports them), from its `range`. */
export function positionOf(
  file: Pick<ParsedFile, 'sourceFile'>,
  node: TSESTree.Node,
): { line: number; column: number } {
  return offsetToPosition(file, node.range[0]);
}

/** Where `node` ends in `file` (1-based line and column of the position just past it), from its `range`. */
export function endPositionOf(
  file: Pick<ParsedFile, 'sourceFile'>,
  node: TSESTree.Node,
): { line: number; column: number } {
  return offsetToPosition(file, node.range[1]);
}

function offsetToPosition(file: Pick<ParsedFile, 'sourceFile'>, offset: number): { line: number; column: number } {
  const { line, character } = file.sourceFile.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

/** Whether a parse result is a failure. */
export function isParseFailure(result: ParsedFile | ParseFailure): result is ParseFailure {
  return !('ast' in result);
}
