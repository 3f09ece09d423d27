import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

/**
 * Strips the wrappers that do not change a value at run time: `x as T`, `<T>x`, `x!`, `x satisfies T`.
 * Takes any expression node and returns the innermost wrapped node (the node itself when unwrapped).
 */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The other way from {@link skipTypeWrappers}: climbs from an expression through the parents that hand
 * its value on unchanged (`await x`, `x as T`, `<T>x`, `x!`, `x satisfies T`) and returns the outermost
 * one, whose parent is where the value goes (a declarator, an assignment, an argument list).
 */
export function climbValueWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    current = current.parent;
  }
  return current;
}

/** {@link skipTypeWrappers}, and the optional-chain wrappers around `a?.b` / `a?.()` as well. */
export function skipExpressionWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.ChainExpression) current = skipTypeWrappers(current.expression);
  return current;
}

/**
 * The static string value of an expression (string literal, template literal without expressions,
 * a `const` bound to one, concatenations of those), or `null` when it is not a statically known string.
 * `scope` lets `getStaticValue` follow `const` bindings.
 */
export function getStaticString(node: TSESTree.Node | undefined | null, scope?: TSESLint.Scope.Scope): string | null {
  if (!node) return null;
  const result = ASTUtils.getStaticValue(node, scope);
  return result && typeof result.value === 'string' ? result.value : null;
}

/**
 * A dotted name for an identifier or a chain of non-computed member accesses and calls
 * (`passport.authenticate`, `this.authService.verify`, `express.json`); for a call, the callee's name.
 * Returns `null` for anything else (computed members, literals, functions).
 */
export function getDottedName(node: TSESTree.Node): string | null {
  const inner = skipTypeWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier:
      return inner.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.MemberExpression: {
      if (inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) return null;
      const object = getDottedName(inner.object);
      return object === null ? null : `${object}.${inner.property.name}`;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return getDottedName(inner.callee);
    case AST_NODE_TYPES.ChainExpression:
      return getDottedName(inner.expression);
    default:
      return null;
  }
}

/**
 * The name of the property a `MemberExpression` reads (`a.b`, `a['b']`, `a[CONST]` with a static
 * value), or `null` when it is not statically known.
 */
export function getMemberName(node: TSESTree.MemberExpression, scope?: TSESLint.Scope.Scope): string | null {
  return ASTUtils.getPropertyName(node, scope);
}

/**
 * The name a call or `new` names its callee by: `f` for `f()`, `m` for `x.m()`, `x?.m()`, `x['m']()` or
 * `new ws.Server()` (a member's property name, a computed one when it is a string literal or a static
 * template); `null` for anything else (`x[key]()`, `(a || b)()`). Takes the callee as written; wrappers
 * such as `as`/`!` are the caller's to skip.
 */
export function getCalleeName(callee: TSESTree.Node): string | null {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee) : null;
}

/**
 * For a call `x.m(...)` (also `x?.m(...)`), the object `x` and method name `m`; otherwise `null`.
 */
export function getMethodCall(
  call: TSESTree.CallExpression,
  scope?: TSESLint.Scope.Scope,
): { object: TSESTree.Expression; method: string } | null {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getMemberName(callee, scope);
  return method === null ? null : { object: callee.object, method };
}

/**
 * The call made on `node` when `node` is the object of a called member (`node.m(…)`, `node[k](…)`):
 * that member and the call, whatever the member's name; `null` otherwise (a read, an argument).
 */
export function getMemberCallOn(
  node: TSESTree.Node,
): { member: TSESTree.MemberExpression; call: TSESTree.CallExpression } | null {
  const member = node.parent;
  const call = member?.parent;
  if (
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== node ||
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.callee !== member
  ) {
    return null;
  }
  return { member, call };
}

/**
 * The method call made on `node` when `node` is the object of one (`node.method(…)`): the method name
 * and the call; `null` otherwise (a read, an argument, a computed name that is not static).
 */
export function getMethodCallOn(
  node: TSESTree.Node,
  scope?: TSESLint.Scope.Scope,
): { method: string; call: TSESTree.CallExpression } | null {
  const found = getMemberCallOn(node);
  if (!found) return null;
  const method = getMethodCall(found.call, scope)?.method;
  return method === undefined ? null : { method, call: found.call };
}

/** The expression a chain of calls, `new`, member accesses and `await` starts from (`helmet` in `helmet.default()`). */
export function getRootExpression(node: TSESTree.Node): TSESTree.Node {
  let current = skipTypeWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression && !isRequireCall(current))
      current = skipTypeWrappers(current.callee);
    else if (current.type === AST_NODE_TYPES.NewExpression) current = skipTypeWrappers(current.callee);
    else if (current.type === AST_NODE_TYPES.MemberExpression) current = skipTypeWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.AwaitExpression) current = skipTypeWrappers(current.argument);
    else return current;
  }
}

function isRequireCall(node: TSESTree.CallExpression): boolean {
  return (
    node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require' && node.arguments.length === 1
  );
}
