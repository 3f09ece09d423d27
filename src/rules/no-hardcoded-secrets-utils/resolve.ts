/**
 * Follows values through the same file: from an argument or option to the string literals it is
 * made of (`const secret = '…'`, `const opts = { secret }`, `{ ...base, secret }`,
 * `new TextEncoder().encode('…')`), and from a callee to the module it was imported from.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  getConstantInit,
  getImportOrigin,
  getRequiredModule,
  isFunctionNode,
  skipTypeWrappers,
} from '../../shared/ast/index.js';

/** A string literal or a template literal without expressions: a candidate secret. */
export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** The scope a node is in (`context.sourceCode.getScope`); identifiers resolve where they appear. */
export type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** How deep resolution follows bindings and wrappers before giving up. */
const MAX_DEPTH = 8;

/** Whether a node is a string literal or an expression-free template literal. */
export function isStringNode(node: TSESTree.Node): node is StringNode {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string';
  return node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0;
}

/** The string value of a candidate node. */
export function getStringValue(node: StringNode): string {
  if (node.type === AST_NODE_TYPES.Literal) return node.value;
  const quasi = node.quasis[0]!;
  return quasi.value.cooked ?? quasi.value.raw;
}

/** The node a same-file `const` (or never-reassigned `let`) identifier is bound to, or `null`. */
function getBoundValue(identifier: TSESTree.Identifier, scopeOf: ScopeOf): TSESTree.Expression | null {
  return getConstantInit(ASTUtils.findVariable(scopeOf(identifier), identifier));
}

/**
 * The string nodes a secret-bearing expression is made of: the literal itself, `const` bindings
 * to one, each element of an array (`keys: ['a', 'b']`), both branches of a conditional, the
 * right side of `??`/`||` (a fallback), members of same-file object literals (`config.secret`),
 * and the input of key constructors that keep the text (`new TextEncoder().encode(s)`,
 * `Buffer.from(s)`, `createSecretKey(s)`).
 */
export function resolveStrings(node: TSESTree.Node | null | undefined, scopeOf: ScopeOf, depth = 0): StringNode[] {
  if (!node || depth > MAX_DEPTH) return [];
  const inner = skipTypeWrappers(node);
  if (isStringNode(inner)) return [inner];
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const bound = getBoundValue(inner, scopeOf);
      return bound ? resolveStrings(bound, scopeOf, depth + 1) : [];
    }
    case AST_NODE_TYPES.ArrayExpression:
      return inner.elements.flatMap((element) =>
        element && element.type !== AST_NODE_TYPES.SpreadElement ? resolveStrings(element, scopeOf, depth + 1) : [],
      );
    case AST_NODE_TYPES.ConditionalExpression:
      return [
        ...resolveStrings(inner.consequent, scopeOf, depth + 1),
        ...resolveStrings(inner.alternate, scopeOf, depth + 1),
      ];
    case AST_NODE_TYPES.LogicalExpression:
      return inner.operator === '&&' ? [] : resolveStrings(inner.right, scopeOf, depth + 1);
    case AST_NODE_TYPES.MemberExpression: {
      const object = resolveObject(inner.object, scopeOf, depth + 1);
      const name = ASTUtils.getPropertyName(inner, scopeOf(inner));
      if (!object || name === null) return [];
      return resolveStrings(getPropertyValue(object, name, scopeOf, depth + 1), scopeOf, depth + 1);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const input = getKeyMaterialInput(inner, scopeOf, depth);
      return input ? resolveStrings(input, scopeOf, depth + 1) : [];
    }
    default:
      return [];
  }
}

/**
 * For calls that turn text into key material without changing what the secret is, the text
 * argument: `new TextEncoder().encode(s)` (also through a same-file `const encoder = new TextEncoder()`),
 * `Buffer.from(s[, encoding])`, `createSecretKey(s[, encoding])`.
 */
function getKeyMaterialInput(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  scopeOf: ScopeOf,
  depth: number,
): TSESTree.Node | null {
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'createSecretKey' ? first : null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = ASTUtils.getPropertyName(callee, scopeOf(callee));
  if (method === 'createSecretKey') return first;
  if (method === 'from' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Buffer')
    return first;
  if (method === 'encode') {
    let encoder: TSESTree.Node | null = skipTypeWrappers(callee.object);
    if (encoder.type === AST_NODE_TYPES.Identifier && depth < MAX_DEPTH) encoder = getBoundValue(encoder, scopeOf);
    encoder = encoder ? skipTypeWrappers(encoder) : null;
    if (
      encoder?.type === AST_NODE_TYPES.NewExpression &&
      encoder.callee.type === AST_NODE_TYPES.Identifier &&
      encoder.callee.name === 'TextEncoder'
    ) {
      return first;
    }
  }
  return null;
}

/** The object literal an expression denotes: itself, or a same-file `const` bound to one. */
export function resolveObject(
  node: TSESTree.Node | null | undefined,
  scopeOf: ScopeOf,
  depth = 0,
): TSESTree.ObjectExpression | null {
  if (!node || depth > MAX_DEPTH) return null;
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const bound = getBoundValue(inner, scopeOf);
    return bound ? resolveObject(bound, scopeOf, depth + 1) : null;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const object = resolveObject(inner.object, scopeOf, depth + 1);
    const name = ASTUtils.getPropertyName(inner, scopeOf(inner));
    return object && name !== null
      ? resolveObject(getPropertyValue(object, name, scopeOf, depth + 1), scopeOf, depth + 1)
      : null;
  }
  return null;
}

/**
 * The value of property `name` in an object literal, as JavaScript sees it: the last definition
 * wins, including definitions from spread same-file objects (`{ ...defaults, secret }`).
 * A shorthand `{ secret }` gives the identifier. Returns `null` when not statically known.
 */
export function getPropertyValue(
  object: TSESTree.ObjectExpression,
  name: string,
  scopeOf: ScopeOf,
  depth = 0,
): TSESTree.Node | null {
  if (depth > MAX_DEPTH) return null;
  for (let index = object.properties.length - 1; index >= 0; index -= 1) {
    const property = object.properties[index]!;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = resolveObject(property.argument, scopeOf, depth + 1);
      const value = spread ? getPropertyValue(spread, name, scopeOf, depth + 1) : null;
      if (value) return value;
    } else if (ASTUtils.getPropertyName(property, scopeOf(property)) === name) {
      return property.value;
    }
  }
  return null;
}

/** Every property value of an object literal (for maps such as express-basic-auth's `users`). */
export function getAllPropertyValues(object: TSESTree.ObjectExpression): TSESTree.Node[] {
  return object.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [property.value] : []));
}

/**
 * What a same-file function returns: the body of an expression-bodied arrow, or the argument of
 * each `return` directly in the function's body (not in nested functions). Async functions count:
 * NestJS and Fastify await what a `useFactory` returns.
 */
export function getReturnedValues(node: TSESTree.Node | null | undefined, scopeOf: ScopeOf): TSESTree.Node[] {
  if (!node) return [];
  let fn: TSESTree.Node | null = skipTypeWrappers(node);
  if (fn.type === AST_NODE_TYPES.Identifier) fn = getBoundValue(fn, scopeOf);
  if (!fn || !isFunctionNode(fn)) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  const visit = (statement: TSESTree.Statement): void => {
    switch (statement.type) {
      case AST_NODE_TYPES.ReturnStatement:
        if (statement.argument) values.push(statement.argument);
        break;
      case AST_NODE_TYPES.BlockStatement:
        statement.body.forEach(visit);
        break;
      case AST_NODE_TYPES.IfStatement:
        visit(statement.consequent);
        if (statement.alternate) visit(statement.alternate);
        break;
      case AST_NODE_TYPES.TryStatement:
        visit(statement.block);
        break;
      default:
        break;
    }
  };
  fn.body.body.forEach(visit);
  return values;
}

/**
 * The module an expression comes from: an identifier bound by `import` (any form) or by
 * `require('m')` / `require('m').x` / `const { x } = require('m')`, a member of such a binding
 * (`AWS.S3`), an inline `require('m')` or `import('m')`. Returns the module name or `null`.
 */
export function getModuleOf(node: TSESTree.Node, scopeOf: ScopeOf, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  const inner = skipTypeWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const origin = getImportOrigin(inner, scopeOf(inner));
      if (origin) return origin.module;
      const variable = ASTUtils.findVariable(scopeOf(inner), inner);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable' || !def.node.init) return null;
      // `const x = require('m')`, `const { x } = require('m')`: the declarator's init is the require.
      return getModuleOf(def.node.init, scopeOf, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression:
      return getModuleOf(inner.object, scopeOf, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return getModuleOf(inner.argument, scopeOf, depth + 1);
    case AST_NODE_TYPES.ImportExpression:
      return inner.source.type === AST_NODE_TYPES.Literal && typeof inner.source.value === 'string'
        ? inner.source.value
        : null;
    case AST_NODE_TYPES.CallExpression:
      return getRequiredModule(inner, scopeOf(inner.callee));
    default:
      return null;
  }
}
