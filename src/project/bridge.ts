import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { ts } from 'ts-morph';

import { isFunctionNode } from '../shared/ast/index.js';

/**
 * The bridge between the two trees of one file, by source position: the ESTree nodes the route model
 * works on and the TypeScript nodes the checker resolves symbols on cover the same text ranges.
 */

/**
 * The deepest TypeScript node of `sourceFile` that spans exactly `range` (start without leading trivia,
 * end exclusive), or `undefined`. For the range of an ESTree `Identifier` this is the identifier, for a
 * `MemberExpression` the `PropertyAccessExpression`, for a call the `CallExpression`.
 */
export function getTsNodeAt(sourceFile: ts.SourceFile, range: readonly [number, number]): ts.Node | undefined {
  const [start, end] = range;
  let found: ts.Node | undefined;
  let current: ts.Node | undefined = sourceFile;
  while (current) {
    if (current !== sourceFile && current.getStart(sourceFile) === start && current.end === end) found = current;
    let next: ts.Node | undefined;
    ts.forEachChild(current, (child) => {
      if (!next && child.pos <= start && child.end >= end) next = child;
    });
    current = next;
  }
  return found;
}

/**
 * A key naming the same function, class or expression in both trees. Ranges of a whole declaration
 * differ (TypeScript counts `export`, modifiers and decorators in, ESTree puts them on the parent), so
 * functions are keyed by their body and classes by their `{ … }` body; any other node by its range.
 */
export function estreeAnchor(node: TSESTree.Node): string {
  if (isFunctionNode(node)) return `body:${node.body.range[0]}:${node.body.range[1]}`;
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)
    return `body:${node.body.range[0]}:${node.body.range[1]}`;
  return `node:${node.range[0]}:${node.range[1]}`;
}

/** The {@link estreeAnchor} of a TypeScript node (parentheses and type assertions around it skipped). */
export function tsAnchor(node: ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isFunctionLike(node) && 'body' in node && node.body) {
    let body = node.body as ts.Node;
    while (ts.isParenthesizedExpression(body)) body = body.expression;
    return `body:${body.getStart(sourceFile)}:${body.end}`;
  }
  if (ts.isClassLike(node)) return `body:${node.members.pos - 1}:${node.end}`;
  const inner = skipOuterExpressions(node);
  return `node:${inner.getStart(sourceFile)}:${inner.end}`;
}

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>` assertions, which ESTree has no node for or skips. */
export function skipOuterExpressions(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
