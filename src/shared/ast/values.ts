import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { climbValueWrappers, getDottedName, skipExpressionWrappers, skipTypeWrappers } from './expressions.js';
import { findVariable, getConstantInit, scopeOf } from './functions.js';

/**
 * Calls `visit` with every expression that holds the value of `node`: `node` itself, then, through
 * `await` and type wrappers, each read of the `const`/`let` it is stored in or assigned to, followed
 * transitively. `seen` (shared between calls if given) stops cycles and repeated work.
 * Takes the file's global scope to find bindings.
 */
export function followValue(
  globalScope: TSESLint.Scope.Scope,
  node: TSESTree.Node,
  visit: (expression: TSESTree.Node) => void,
  seen: Set<TSESTree.Node> = new Set(),
): void {
  if (seen.has(node)) return;
  seen.add(node);
  visit(node);
  const current = climbValueWrappers(node);
  const parent = current.parent;
  let target: TSESTree.Identifier | null = null;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === current &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    target = parent.id;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === current &&
    parent.left.type === AST_NODE_TYPES.Identifier
  )
    target = parent.left;
  if (!target) return;
  const variable = findVariable(scopeOf(globalScope, target), target);
  for (const reference of variable?.references ?? [])
    if (reference.isRead()) followValue(globalScope, reference.identifier, visit, seen);
}

/**
 * The object literal an expression is or is bound to (`const corsOptions = {…}`), through type
 * wrappers, optional chains and never-reassigned bindings; `null` otherwise. An object changed after
 * it is made (`opts.origin = list`, `delete opts.x`, `Object.assign(opts, …)`) is not static, so it
 * gives `null` too. `scope` is where `node` appears.
 */
export function resolveObjectLiteral(
  node: TSESTree.Node | null | undefined,
  scope: TSESLint.Scope.Scope,
): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, inner);
  const init = getConstantInit(variable);
  if (!init || variable?.references.some(isMutation)) return null;
  return resolveObjectLiteral(init, scope);
}

/**
 * `node` itself, or, when it is an identifier bound once and never reassigned, its initialiser
 * (type wrappers skipped either way). `scope` is where `node` appears.
 */
export function resolveConstant(node: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESTree.Node {
  const inner = skipTypeWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return inner;
  const init = getConstantInit(findVariable(scope, inner));
  return init ? skipTypeWrappers(init) : inner;
}

/** A reference through which an object is changed: `x.key = …`, `x[key] = …`, `delete x.key`, `Object.assign(x, …)`. */
function isMutation(reference: TSESLint.Scope.Reference): boolean {
  const identifier = reference.identifier;
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const user = parent.parent;
    return (
      (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) ||
      (user?.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete')
    );
  }
  return (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === identifier &&
    getDottedName(parent.callee) === 'Object.assign'
  );
}

/** The initialiser of `export const name = …` at the top level of `program`, or `null`. */
export function findExportedConst(program: TSESTree.Program, name: string): TSESTree.Expression | null {
  for (const statement of program.body) {
    if (
      statement.type !== AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration
    )
      continue;
    for (const declarator of statement.declaration.declarations)
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init)
        return declarator.init;
  }
  return null;
}
