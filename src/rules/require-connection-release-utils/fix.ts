import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, walk, type VisitorKeys } from '../../shared/ast/index.js';
import type { Checkout } from './checkout.js';

/** The statements a suggestion wraps in `try`, and the give-back statement that moves to `finally`. */
export interface WrapPlan {
  wrapped: readonly TSESTree.Statement[];
  /** The statements after the give-back, moved into the `try` as well when the wrapped ones declare names they read. */
  tail: readonly TSESTree.Statement[];
  release: TSESTree.ExpressionStatement;
}

/**
 * The simple shape the suggestion handles: `const client = await pool.connect();` followed, in the same
 * block, by statements and then `client.release();` as a statement of its own. Nothing between may leave
 * the block (`return`, `break`, `continue`, `yield`, which would now pass through `finally`), and no
 * `let`/`const`/`class`/`function` declared between may be read after the give-back (the `try` block
 * would hide it). `null` for any other shape.
 */
export function planWrap(
  checkout: Checkout,
  ends: readonly TSESTree.CallExpression[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): WrapPlan | null {
  const declarator = checkout.target.parent;
  const declaration = declarator?.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declaration?.type !== AST_NODE_TYPES.VariableDeclaration ||
    declaration.declarations.length !== 1
  )
    return null;
  const block = declaration.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return null;
  const body = block.body;
  const start = body.indexOf(declaration);
  const releaseIndex = body.findIndex(
    (statement, index) =>
      index > start && statement.type === AST_NODE_TYPES.ExpressionStatement && isEnd(statement, ends),
  );
  if (releaseIndex < 0 || releaseIndex === start + 1) return null;
  const release = body[releaseIndex] as TSESTree.ExpressionStatement;
  const wrapped = body.slice(start + 1, releaseIndex);
  const keys = sourceCode.visitorKeys as VisitorKeys;
  // Another give-back before the last one (`if (x) client.release()`) would now run twice.
  if (wrapped.some((statement) => ends.some((end) => contains(statement, end)))) return null;
  if (wrapped.some((statement) => leavesBlock(statement, keys))) return null;
  const gap = sourceCode.getCommentsBefore(release);
  if (gap.some((comment) => comment.range[0] > wrapped.at(-1)!.range[1])) return null;
  if (!declaresUsedLater(wrapped, release, sourceCode)) return { wrapped, tail: [], release };
  // `const { rows } = await client.query(…); client.release(); res.json(rows);`: the rest of the block
  // moves into the `try` too, when it does not touch the connection (a `return` there then runs before
  // the give-back, which no longer depends on it).
  const tail = body.slice(releaseIndex + 1);
  if (tail.length === 0) return null;
  const uses = checkout.variable.references.map((reference) => reference.identifier);
  if (tail.some((statement) => uses.some((use) => contains(statement, use)))) return null;
  if (tail.some((statement) => leavesBlock(statement, keys, true))) return null;
  return { wrapped, tail, release };
}

/** The suggestion's edit: `try { …wrapped } finally { release }`, indented one level deeper. */
export function fixWrap(
  fixer: TSESLint.RuleFixer,
  plan: WrapPlan,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix {
  const first = plan.wrapped[0]!;
  const last = plan.tail.at(-1) ?? plan.wrapped.at(-1)!;
  const lines = sourceCode.lines;
  const indent = /^\s*/u.exec(lines[first.loc.start.line - 1]!)![0];
  const unit = indent.includes('\t') ? '\t' : '  ';
  const { text } = sourceCode;
  const inner =
    plan.tail.length === 0
      ? text.slice(first.range[0], last.range[1])
      : text.slice(first.range[0], plan.wrapped.at(-1)!.range[1]) + text.slice(plan.release.range[1], last.range[1]);
  const reindented = hasMultilineTemplate([...plan.wrapped, ...plan.tail], sourceCode.visitorKeys as VisitorKeys)
    ? inner
    : inner.replaceAll(/\n(?=[^\n])/gu, `\n${unit}`);
  const releaseText = sourceCode.getText(plan.release);
  const replacement = `try {\n${indent}${unit}${reindented}\n${indent}} finally {\n${indent}${unit}${releaseText}\n${indent}}`;
  return fixer.replaceTextRange([first.range[0], Math.max(last.range[1], plan.release.range[1])], replacement);
}

function isEnd(statement: TSESTree.ExpressionStatement, ends: readonly TSESTree.CallExpression[]): boolean {
  let expression: TSESTree.Node = statement.expression;
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = expression.argument;
  if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
  return ends.includes(expression as TSESTree.CallExpression);
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Whether a statement holds a `return` (unless allowed), `break`, `continue` or `yield` outside nested functions. */
function leavesBlock(statement: TSESTree.Node, keys: VisitorKeys, allowReturn = false): boolean {
  let found = false;
  walk(statement, keys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (
      (node.type === AST_NODE_TYPES.ReturnStatement && !allowReturn) ||
      node.type === AST_NODE_TYPES.BreakStatement ||
      node.type === AST_NODE_TYPES.ContinueStatement ||
      node.type === AST_NODE_TYPES.YieldExpression
    )
      found = true;
    return !found;
  });
  return found;
}

/** Whether a block-scoped name declared by the wrapped statements is read after them. */
function declaresUsedLater(
  wrapped: readonly TSESTree.Statement[],
  release: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const end = wrapped.at(-1)!.range[1];
  for (const statement of wrapped) {
    const isBlockScoped =
      (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind !== 'var') ||
      statement.type === AST_NODE_TYPES.ClassDeclaration ||
      statement.type === AST_NODE_TYPES.FunctionDeclaration;
    if (!isBlockScoped) continue;
    for (const variable of sourceCode.getDeclaredVariables(statement))
      if (variable.references.some((reference) => reference.identifier.range[0] > end)) return true;
  }
  return release.range[0] < end;
}

/** Whether a template literal spanning lines lies in the wrapped text (re-indenting would change its value). */
function hasMultilineTemplate(wrapped: readonly TSESTree.Node[], keys: VisitorKeys): boolean {
  let found = false;
  for (const statement of wrapped)
    walk(statement, keys, (node) => {
      if (found) return false;
      if (
        node.type === AST_NODE_TYPES.TemplateLiteral &&
        node.quasis.some((quasi) => quasi.loc.start.line !== quasi.loc.end.line)
      )
        found = true;
      return !found;
    });
  return found;
}
