import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode } from '../../frameworks/types.js';
import { getDottedName, getMemberName, skipTypeWrappers } from './expressions.js';
import { findExportedConst } from './values.js';

/**
 * The variable `identifier` refers to, looked up by name from `scope` (the innermost scope where it
 * appears) outwards. ESLint's `findVariable(scope, node)` first rescans `scope`'s child scopes for the
 * node, which costs the number of sibling functions on every lookup; this does not.
 */
export function findVariable(
  scope: TSESLint.Scope.Scope,
  identifier: TSESTree.Identifier | string,
): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(scope, typeof identifier === 'string' ? identifier : identifier.name);
}

/** Whether `node` is a function with a body (arrow, declaration or expression). */
export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/**
 * A function's own name, or the name it is bound to: `function list()`, `const list = () => …`, a
 * method, object property or class field key (`list() {}`, `list: () => …`, `list = () => …`); `null`
 * for an anonymous function passed inline.
 */
export function getFunctionName(fn: FunctionNode): string | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  if (
    (parent?.type === AST_NODE_TYPES.MethodDefinition ||
      parent?.type === AST_NODE_TYPES.Property ||
      parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.key.type === AST_NODE_TYPES.Identifier
  )
    return parent.key.name;
  return null;
}

const scopesByBlock = new WeakMap<TSESLint.Scope.Scope, Map<TSESTree.Node, TSESLint.Scope.Scope>>();

/**
 * The innermost scope containing `node`, starting from the file's global scope: the scope of the
 * nearest ancestor (or `node` itself) that opens one. Same answer as `getInnermostScope`, but by
 * walking up the parents with a per-file map of scope blocks, so a lookup costs the node's depth
 * rather than a scan of every sibling scope (which made files with thousands of handlers quadratic).
 * Works with any scope manager (ESLint's or one built by `@typescript-eslint/scope-manager`).
 */
export function scopeOf(globalScope: TSESLint.Scope.Scope, node: TSESTree.Node): TSESLint.Scope.Scope {
  let blocks = scopesByBlock.get(globalScope);
  if (!blocks) {
    blocks = new Map();
    const stack = [globalScope];
    while (stack.length > 0) {
      const scope = stack.pop()!;
      // A block can open two scopes (a named function expression's name scope and its body scope);
      // children come later, so the innermost one wins.
      blocks.set(scope.block, scope);
      stack.push(...scope.childScopes);
    }
    scopesByBlock.set(globalScope, blocks);
  }
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const scope = blocks.get(current);
    if (scope) return scope;
  }
  return globalScope;
}

/**
 * The single value a variable is bound to, when it is bound exactly once (by its declarator's `init`,
 * never reassigned); otherwise `null`. Parameters, imports and reassigned `let`s give `null`.
 */
export function getConstantInit(variable: TSESLint.Scope.Variable | null): TSESTree.Expression | null {
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
  // Memoized: a router read in thousands of places would otherwise make every lookup scan them all.
  let written = reassigned.get(variable);
  if (written === undefined) {
    written =
      def.parent.kind !== 'const' &&
      variable.references.some((reference) => reference.isWrite() && reference.init !== true);
    reassigned.set(variable, written);
  }
  return written ? null : def.node.init;
}

const reassigned = new WeakMap<TSESLint.Scope.Variable, boolean>();

/**
 * Resolves an expression to the same-file function it denotes, or `null`:
 * - a function node itself;
 * - an identifier bound to a function declaration or to a `const`/never-reassigned variable whose
 *   initialiser is a function;
 * - `obj.method` where `obj` is bound to an object literal with that property or method, or to
 *   `new Class()` of a same-file class with that instance method;
 * - `this.method` inside a class method or field (not inside a nested `function`, whose `this` differs);
 * - `fn.bind(thisArg)` of any of the above.
 * Type wrappers (`as`, `!`, `satisfies`) are skipped. `scope` is the scope where `node` appears.
 */
export function resolveFunction(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth = 0): FunctionNode | null {
  if (depth > 8) return null;
  const inner = skipTypeWrappers(node);
  if (isFunctionNode(inner)) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scope, inner);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    const init = getConstantInit(variable);
    return init ? resolveFunction(init, scope, depth + 1) : null;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTypeWrappers(inner.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === 'bind') {
      return resolveFunction(callee.object, scope, depth + 1);
    }
    return null;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(inner, scope);
    const object = skipTypeWrappers(inner.object);
    if (name !== null && object.type === AST_NODE_TYPES.ThisExpression) {
      const classNode = getEnclosingClass(inner);
      return classNode ? findClassMethod(classNode, name) : null;
    }
    if (name === null || object.type !== AST_NODE_TYPES.Identifier) return null;
    const init = getConstantInit(findVariable(scope, object));
    const target = init ? skipTypeWrappers(init) : null;
    if (target?.type === AST_NODE_TYPES.ObjectExpression) {
      const property = findObjectProperty(target, name, scope);
      return property ? resolveFunction(property.value, scope, depth + 1) : null;
    }
    if (target?.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier) {
      const classVariable = findVariable(scope, target.callee);
      const classNode = classVariable?.defs[0]?.node;
      if (classNode?.type === AST_NODE_TYPES.ClassDeclaration) return findClassMethod(classNode, name);
    }
  }
  return null;
}

/** The last `Property` of an object literal whose static key is `name` (spreads are ignored), or `null`. */
export function findObjectProperty(
  object: TSESTree.ObjectExpression,
  name: string,
  scope?: TSESLint.Scope.Scope,
): TSESTree.Property | null {
  let found: TSESTree.Property | null = null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(property, scope) === name) {
      found = property;
    }
  }
  return found;
}

/** The function of a non-static method or arrow-function field named `name` in a class, or `null`. */
export function findClassMethod(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
): FunctionNode | null {
  for (const member of classNode.body.body) {
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      !member.static &&
      ASTUtils.getPropertyName(member) === name
    ) {
      return member.value.type === AST_NODE_TYPES.FunctionExpression ? member.value : null;
    }
    if (
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.static &&
      ASTUtils.getPropertyName(member) === name
    ) {
      return isFunctionNode(member.value) ? member.value : null;
    }
  }
  return null;
}

/**
 * The class whose `this` a node sees: the nearest `ClassDeclaration`/`ClassExpression` around it, unless
 * a non-arrow function other than the class's own member (a method, or a function a field is initialised
 * with) comes first and rebinds `this`; `null` outside a class. Arrow functions and field initialisers
 * are seen through.
 */
export function getEnclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let functionsCrossed = 0;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      functionsCrossed += 1;
      // The member's own function is the one allowed non-arrow function.
      if (
        (current.parent?.type !== AST_NODE_TYPES.MethodDefinition &&
          current.parent?.type !== AST_NODE_TYPES.PropertyDefinition) ||
        functionsCrossed > 1
      )
        return null;
    }
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression)
      return current;
  }
  return null;
}

/**
 * A function a module exports under `name` (`default` for the default export): ESM `export function
 * name`, `export const name = …`, `export { local as name }`, `export default function`; CommonJS
 * `module.exports.name = …`, `exports.name = …`, `module.exports = { name }`, `module.exports = fn` (as
 * `default`). Takes the module's
 * `Program` and its scope manager's global scope; `null` when no such export is a function (or one
 * that resolves to a function in the same file).
 */
export function findExportedFunction(
  ast: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  name: string,
): FunctionNode | null {
  const resolve = (node: TSESTree.Node): FunctionNode | null => resolveFunction(node, scopeOf(globalScope, node));
  const exported = findExportedConst(ast, name);
  if (exported) return resolve(exported);
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default')
      return resolve(statement.declaration);
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) return declaration;
      for (const specifier of statement.specifiers) {
        const alias = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : null;
        if (alias === name && specifier.local.type === AST_NODE_TYPES.Identifier) return resolve(specifier.local);
      }
    }
    if (
      statement.type !== AST_NODE_TYPES.ExpressionStatement ||
      statement.expression.type !== AST_NODE_TYPES.AssignmentExpression
    )
      continue;
    const { left, right } = statement.expression;
    const target = getDottedName(left);
    if (target === `module.exports.${name}` || target === `exports.${name}`) return resolve(right);
    if (target === 'module.exports' && name === 'default' && right.type !== AST_NODE_TYPES.ObjectExpression)
      return resolve(right);
    if (target === 'module.exports' && right.type === AST_NODE_TYPES.ObjectExpression) {
      const property = right.properties.find(
        (item): item is TSESTree.Property =>
          item.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(item) === name,
      );
      if (property) return resolve(property.value);
    }
  }
  return null;
}
