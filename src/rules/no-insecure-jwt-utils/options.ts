/**
 * Reading the options objects JWT calls take, as far as the file shows them: an inline literal, a
 * `const` bound to one, a literal filled in by `opts.key = value` statements (passport-jwt's README
 * style), spreads of same-file literals, and what a NestJS `useFactory` returns. Anything the file does
 * not show makes the view "open": a property missing from an open view may still be set elsewhere.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  findVariable,
  getConstantInit,
  getDottedName,
  getStaticString,
  isFunctionNode,
  resolveFunction,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';
import type { ArgumentSlot } from '../../shared/jwt.js';

/** The scope a node is in (`context.sourceCode.getScope`). */
export type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** One property of an options view: its value and the node that sets it (a `Property` or an assignment). */
export interface OptionEntry {
  value: TSESTree.Node;
  node: TSESTree.Node;
}

/** What the file shows of an options object. */
export interface OptionsView {
  /** Properties by static name; the last definition wins, as at run time. */
  entries: Map<string, OptionEntry>;
  /** Some properties may come from somewhere the file does not show (an unknown spread, a mutation). */
  open: boolean;
  /**
   * The object literal a new property can be added to without touching other uses: the argument itself,
   * or a literal bound to a `const` read only here and never filled in later; `null` otherwise.
   */
  editable: TSESTree.ObjectExpression | null;
}

/** The result of looking at an options position: nothing passed, something not shown, or a view. */
export type OptionsLookup = { state: 'absent' } | { state: 'unknown' } | { state: 'known'; view: OptionsView };

const MAX_DEPTH = 8;

/** Names of bindings and environment variables that hold asymmetric keys (PEM text), not HMAC secrets. */
const ASYMMETRIC_KEY_NAME = /public|private|pem|cert|rsa|ecdsa|jwk/iu;

/**
 * The options at `slot` of `call`: `absent` when the argument is missing (or, with `callbackAt`, a
 * function stands in its place, as in jsonwebtoken's `verify(token, key, callback)`), or when a path
 * step is missing from a closed view; `unknown` when the file does not show it.
 */
export function lookupOptions(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  slot: ArgumentSlot,
  scopeOf: ScopeOf,
  callbackAt?: number,
): OptionsLookup {
  const argument = call.arguments[slot.arg];
  if (!argument) {
    // Arguments after a spread are at unknown positions.
    return call.arguments.some((item) => item.type === AST_NODE_TYPES.SpreadElement)
      ? { state: 'unknown' }
      : { state: 'absent' };
  }
  if (argument.type === AST_NODE_TYPES.SpreadElement) return { state: 'unknown' };
  if (callbackAt === slot.arg && isFunctionValue(argument, scopeOf)) return { state: 'absent' };
  return lookupPath(argument, slot.path, scopeOf, call);
}

/** Follows `path` (property names, `'()'` for what a function returns) from `node`. */
export function lookupPath(
  node: TSESTree.Node,
  path: readonly string[],
  scopeOf: ScopeOf,
  use?: TSESTree.Node,
): OptionsLookup {
  const [step, ...rest] = path;
  if (step === undefined) {
    const view = readOptions(node, scopeOf, use);
    return view ? { state: 'known', view } : { state: 'unknown' };
  }
  if (step === '()') {
    const returned = getReturnedObject(node, scopeOf);
    return returned ? lookupPath(returned, rest, scopeOf) : { state: 'unknown' };
  }
  const view = readOptions(node, scopeOf, use);
  if (!view) return { state: 'unknown' };
  const entry = view.entries.get(step);
  if (!entry) return view.open ? { state: 'unknown' } : { state: 'absent' };
  if (isUndefined(entry.value)) return { state: 'absent' };
  return lookupPath(entry.value, rest, scopeOf, entry.node);
}

/**
 * The view of an options expression, or `null` when it is not an object the file shows. `use` is where
 * the object is consumed (the call it is an argument of, the property it is the value of): any other use
 * of the same binding except `binding.key = value` and `binding.key` reads may change it, so it opens it.
 */
export function readOptions(node: TSESTree.Node, scopeOf: ScopeOf, use?: TSESTree.Node, depth = 0): OptionsView | null {
  if (depth > MAX_DEPTH) return null;
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    const view = readLiteral(inner, scopeOf, depth);
    view.editable = view.open ? null : inner;
    return view;
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(inner), inner);
  const init = getConstantInit(variable);
  if (!variable || !init) return null;
  const literal = skipExpressionWrappers(init);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const view = readLiteral(literal, scopeOf, depth);
  let reads = 0;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const parent = identifier.parent;
    reads += 1;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const assignment = parent.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) {
        const name = parent.computed ? null : ASTUtils.getPropertyName(parent, scopeOf(parent));
        if (name === null || assignment.operator !== '=') view.open = true;
        else view.entries.set(name, { value: assignment.right, node: assignment });
      } else if (
        (assignment?.type === AST_NODE_TYPES.UnaryExpression && assignment.operator === 'delete') ||
        (assignment?.type === AST_NODE_TYPES.CallExpression && assignment.callee === parent)
      ) {
        view.open = true;
      }
      continue;
    }
    const consumer = getConsumer(identifier);
    // Spreading copies the properties; any other consumer may change them.
    if (consumer === null || (consumer !== use && consumer.type !== AST_NODE_TYPES.SpreadElement)) view.open = true;
  }
  view.editable = !view.open && reads === 1 && !hasAssignedEntries(view) ? literal : null;
  return view;
}

/** The properties of an object literal, with same-file spreads merged in and unknown spreads opening it. */
function readLiteral(object: TSESTree.ObjectExpression, scopeOf: ScopeOf, depth: number): OptionsView {
  const view: OptionsView = { entries: new Map(), open: false, editable: null };
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = readOptions(property.argument, scopeOf, property, depth + 1);
      if (!spread) {
        view.open = true;
        continue;
      }
      if (spread.open) view.open = true;
      for (const [name, entry] of spread.entries) view.entries.set(name, entry);
      continue;
    }
    const name = ASTUtils.getPropertyName(property, scopeOf(property));
    if (name === null) {
      view.open = true;
      continue;
    }
    view.entries.set(name, { value: property.value, node: property });
  }
  return view;
}

function hasAssignedEntries(view: OptionsView): boolean {
  for (const entry of view.entries.values()) if (entry.node.type === AST_NODE_TYPES.AssignmentExpression) return true;
  return false;
}

/**
 * What consumes an expression's value (through type wrappers): the call or `new` it is an argument of,
 * the `Property` it is the value of, or the `SpreadElement` that spreads it; `null` otherwise.
 */
function getConsumer(node: TSESTree.Node): TSESTree.Node | null {
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  )
    current = current.parent;
  const parent = current.parent;
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(current as TSESTree.CallExpressionArgument)
  )
    return parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current) return parent;
  if (parent?.type === AST_NODE_TYPES.SpreadElement) return parent;
  return null;
}

/** The object literal a same-file function returns, when it returns exactly one (`useFactory: () => ({ … })`). */
function getReturnedObject(node: TSESTree.Node, scopeOf: ScopeOf): TSESTree.Node | null {
  const fn = resolveFunction(node, scopeOf(node));
  if (!fn) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns: TSESTree.Node[] = [];
  const visit = (statement: TSESTree.Statement): void => {
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) returns.push(statement.argument);
    else if (statement.type === AST_NODE_TYPES.BlockStatement) statement.body.forEach(visit);
    else if (statement.type === AST_NODE_TYPES.IfStatement) {
      visit(statement.consequent);
      if (statement.alternate) visit(statement.alternate);
    }
  };
  fn.body.body.forEach(visit);
  return returns.length === 1 ? returns[0]! : null;
}

/** Whether an argument is a function (inline or a same-file binding): a callback, not options. */
export function isFunctionValue(node: TSESTree.Node, scopeOf: ScopeOf): boolean {
  const inner = skipExpressionWrappers(node);
  return isFunctionNode(inner) || resolveFunction(inner, scopeOf(inner)) !== null;
}

/** Whether an expression is `undefined` (the global, or `void 0`). */
export function isUndefined(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return (
    (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') ||
    (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void')
  );
}

/**
 * Whether a key expression is a plain secret string as far as the file shows: a string literal or
 * template, an environment read (`process.env.X`, `Bun.env.X`, `Deno.env.get('X')`), through `!`,
 * `as`, `String(…)`, and `??`/`||` fallbacks of those. jsonwebtoken and fast-jwt verify such a key with
 * the HMAC algorithms only. A binding or variable named like an asymmetric key (`PUBLIC_KEY`,
 * `JWT_PEM`, `privateKey`) holds PEM text, so it is not one.
 */
export function isSecretString(node: TSESTree.Node, scopeOf: ScopeOf, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const inner = skipExpressionWrappers(node);
  if (ASYMMETRIC_KEY_NAME.test(getDottedName(inner) ?? '')) return false;
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
      return typeof inner.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.LogicalExpression:
      return (
        inner.operator !== '&&' &&
        isSecretString(inner.left, scopeOf, depth + 1) &&
        isSecretString(inner.right, scopeOf, depth + 1)
      );
    case AST_NODE_TYPES.MemberExpression: {
      const name = getDottedName(inner.object);
      return name === 'process.env' || name === 'Bun.env';
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = getDottedName(inner.callee);
      if (callee === 'Deno.env.get')
        return !ASYMMETRIC_KEY_NAME.test(getStaticString(inner.arguments[0], scopeOf(inner)) ?? '');
      return (
        callee === 'String' && inner.arguments.length === 1 && isSecretString(inner.arguments[0]!, scopeOf, depth + 1)
      );
    }
    case AST_NODE_TYPES.Identifier: {
      const init = getConstantInit(findVariable(scopeOf(inner), inner));
      return init ? isSecretString(init, scopeOf, depth + 1) : false;
    }
    default:
      return false;
  }
}
