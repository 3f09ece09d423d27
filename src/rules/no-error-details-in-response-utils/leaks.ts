import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getDottedName, getMemberName, scopeOf, findVariable } from '../../shared/ast/index.js';
import {
  getDestructuredProperty,
  getDetailKind,
  resolveError,
  skipValueWrappers,
  variableOf,
  type Analysis,
  type ErrorRef,
  type ErrorSource,
} from './sources.js';

/**
 * What a leak gives away: `message` (the error's text: `err.message`, `String(err)`, `` `${err}` ``,
 * `err.toString()`), `stack` (its stack trace: `err.stack`, `util.inspect(err)`), or `object` (the
 * error object, whose enumerable fields go out as JSON: `res.json(err)`, `{ error: err }`,
 * `JSON.stringify(err)`).
 */
export type LeakKind = 'message' | 'stack' | 'object';

/** One detail of a caught error found in a value sent to the client. */
export interface Leak {
  /** The expression that reads the detail (`err.message`, `String(err)`, `err` in `{ error: err }`). */
  node: TSESTree.Node;
  kind: LeakKind;
  source: ErrorSource;
  /** The error variable's references the detail goes back to (empty for `catch ({ message })`). */
  refs: TSESTree.Node[];
  /** Where a destructured detail was bound (`const { message } = err`): its conditions hold too. */
  boundAt?: TSESTree.Node;
}

/** String methods whose result still carries the text they are called on. */
const STRING_METHODS = new Set([
  'toString',
  'split',
  'slice',
  'substring',
  'substr',
  'trim',
  'trimStart',
  'trimEnd',
  'replace',
  'replaceAll',
  'toUpperCase',
  'toLowerCase',
  'concat',
  'padStart',
  'padEnd',
  'join',
  'at',
]);

/**
 * The details of caught errors that `value` carries into a response, following it through object and
 * array literals, templates, concatenation, conditionals, string methods, `String()` and
 * `JSON.stringify()`, and local variables (their initialiser, later assignments, and properties set on
 * them: `body.stack = err.stack`).
 */
export function findLeaks(analysis: Analysis, value: TSESTree.Node): Leak[] {
  const leaks: Leak[] = [];
  collect(analysis, value, leaks, new Set(), 0);
  return leaks;
}

function collect(
  analysis: Analysis,
  node: TSESTree.Node,
  leaks: Leak[],
  seen: Set<TSESLint.Scope.Variable>,
  depth: number,
): void {
  if (depth > 12) return;
  const inner = skipValueWrappers(node);
  const next = (child: TSESTree.Node): void => collect(analysis, child, leaks, seen, depth + 1);
  const add = (ref: ErrorRef, kind: LeakKind, at: TSESTree.Node = inner): void => {
    leaks.push({ node: at, kind, source: ref.source, refs: ref.refs });
  };
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const ref = resolveError(analysis, inner);
      if (ref) {
        add(ref, 'object');
        return;
      }
      const variable = variableOf(analysis, inner);
      if (!variable || seen.has(variable)) return;
      seen.add(variable);
      const destructured = getDestructuredProperty(analysis, variable);
      if (destructured) {
        const kind = getDetailKind(destructured.property);
        if (kind)
          leaks.push({
            node: inner,
            kind,
            source: destructured.source,
            refs: destructured.ref?.refs ?? [],
            boundAt: destructured.at,
          });
        return;
      }
      for (const value of getWrittenValues(variable)) next(value);
      return;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(inner);
      const kind = name === null ? null : getDetailKind(name);
      if (kind) {
        const ref = resolveError(analysis, inner.object);
        if (ref) add(ref, kind);
      }
      return;
    }
    case AST_NODE_TYPES.CallExpression:
      collectCall(analysis, inner, next, add);
      return;
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of inner.expressions) stringified(analysis, expression, next, add);
      return;
    case AST_NODE_TYPES.BinaryExpression:
      if (inner.operator === '+') {
        stringified(analysis, inner.left, next, add);
        stringified(analysis, inner.right, next, add);
      }
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      next(inner.consequent);
      next(inner.alternate);
      return;
    case AST_NODE_TYPES.LogicalExpression:
      if (inner.operator !== '&&') next(inner.left);
      next(inner.right);
      return;
    case AST_NODE_TYPES.ObjectExpression:
      for (const property of inner.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) next(property.argument);
        else if (!isFunctionLike(property.value)) next(property.value);
      }
      return;
    case AST_NODE_TYPES.ArrayExpression:
      for (const element of inner.elements) {
        if (element) next(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element);
      }
      return;
    case AST_NODE_TYPES.SequenceExpression:
      next(inner.expressions.at(-1)!);
      return;
    case AST_NODE_TYPES.AssignmentExpression:
      next(inner.right);
      return;
    default:
      return;
  }
}

/** A value turned into text: the error itself gives its message (`${err}`, `'x: ' + err`); anything else is followed. */
function stringified(
  analysis: Analysis,
  node: TSESTree.Node,
  next: (child: TSESTree.Node) => void,
  add: (ref: ErrorRef, kind: LeakKind, at?: TSESTree.Node) => void,
): void {
  const ref = resolveError(analysis, node);
  if (ref) add(ref, 'message', skipValueWrappers(node));
  else next(node);
}

function collectCall(
  analysis: Analysis,
  call: TSESTree.CallExpression,
  next: (child: TSESTree.Node) => void,
  add: (ref: ErrorRef, kind: LeakKind, at?: TSESTree.Node) => void,
): void {
  const first = call.arguments[0];
  const tracked = analysis.exports.calls.get(call);
  if (tracked?.role === 'serializer') {
    for (const argument of call.arguments) {
      const ref = resolveError(analysis, argument);
      if (ref) add(ref, 'stack', call);
      else next(argument);
    }
    return;
  }
  const callee = skipValueWrappers(call.callee);
  const name = getDottedName(callee);
  if ((name === 'String' || name === 'JSON.stringify') && first && isGlobalName(analysis, callee)) {
    const ref = resolveError(analysis, first);
    if (ref) add(ref, name === 'String' ? 'message' : 'object', call);
    else next(first);
    return;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = getMemberName(callee);
    if (method === null || !STRING_METHODS.has(method)) return;
    const ref = resolveError(analysis, callee.object);
    if (ref) {
      // `err.toString()`: the error's text; `err.join()` and the like do not exist on errors.
      if (method === 'toString') add(ref, 'message', call);
      return;
    }
    next(callee.object);
  }
}

function isGlobalName(analysis: Analysis, callee: TSESTree.Node): boolean {
  let root = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scopeOf(analysis.globalScope, root), root);
  return !variable || variable.defs.length === 0;
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.AssignmentPattern
  );
}

/**
 * The values a local variable may hold: its initialiser, the right side of each assignment to it
 * (`message = err.message`), and of each assignment to one of its properties (`body.stack = err.stack`),
 * and the objects merged into it (`Object.assign(body, { … })`). Parameters and imports give none.
 */
function getWrittenValues(variable: TSESLint.Scope.Variable): TSESTree.Node[] {
  const def = variable.defs.length === 1 ? variable.defs[0]! : null;
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return [];
  const values: TSESTree.Node[] = [];
  if (def.node.init) values.push(def.node.init);
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (
      reference.isWrite() &&
      reference.init !== true &&
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === identifier
    ) {
      values.push(parent.right);
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const user = parent.parent;
      if (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) values.push(user.right);
      continue;
    }
    if (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === identifier &&
      getDottedName(parent.callee) === 'Object.assign'
    ) {
      values.push(...parent.arguments.slice(1));
    }
  }
  return values;
}
