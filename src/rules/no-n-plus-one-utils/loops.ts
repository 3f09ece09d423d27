import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../frameworks/index.js';
import {
  findVariable,
  getDottedName,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';

/**
 * A loop that runs its body once per item of a collection:
 * - `for-of`: `for (const post of posts)` (also `for await`); `body` is the statement;
 * - `indexed`: `for (let i = 0; i < posts.length; i++)`, whose items are read as `posts[i]`;
 * - `forEach`: `posts.forEach((post) => …)`; the callback runs per item whether or not it is `async`
 *   (an `async` callback is not even awaited: the N queries still run);
 * - `map`: `Promise.all(posts.map(async (post) => …))`, directly or through a `const` handed to
 *   `Promise.all`/`Promise.allSettled`: every item's promise is started and awaited together.
 * `iterated` is the collection as written (`posts`, `posts.filter(…)`); `items` are the variables that hold
 * the current item (the loop variable or the callback's first parameter, destructured or not) — for an
 * indexed loop, the index; `body` is what runs per item; `node` is the loop statement or the iterating call.
 */
export interface PerItemLoop {
  kind: 'for-of' | 'indexed' | 'forEach' | 'map';
  node: TSESTree.Node;
  iterated: TSESTree.Expression;
  items: TSESLint.Scope.Variable[];
  body: TSESTree.Node;
}

/** `Promise` combinators that start every promise of the array at once and wait for them. */
const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(['Promise.all', 'Promise.allSettled']);

/**
 * The per-item loops `node` runs in, innermost first: statements of a `for…of` or indexed `for` body,
 * callbacks of `forEach` and of a `map` whose promises go to `Promise.all`, up to the first function that
 * is none of those callbacks (a function defined in a loop runs when it is called, not per item).
 * Loops whose header holds `node` (`for (const x of await find())`) are not around it.
 */
export function getEnclosingLoops(node: TSESTree.Node, scopeManager: TSESLint.Scope.ScopeManager): PerItemLoop[] {
  const loops: PerItemLoop[] = [];
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) {
      const loop = getCallbackLoop(current, scopeManager);
      if (!loop) break;
      loops.push(loop);
      continue;
    }
    if (current.type === AST_NODE_TYPES.ForOfStatement && child === current.body) {
      const items = scopeManager.getDeclaredVariables(current.left);
      if (items.length > 0)
        loops.push({ kind: 'for-of', node: current, iterated: current.right, items, body: current.body });
    } else if (current.type === AST_NODE_TYPES.ForStatement && child === current.body) {
      const loop = getIndexedLoop(current, scopeManager);
      if (loop) loops.push(loop);
    }
  }
  return loops;
}

/**
 * The collection a loop statement or iterating call walks, for a cheap first look while the file is
 * traversed, when the loop can make a query per item: the `right` of a `for…of` and `rows` of an indexed
 * `for` over `rows.length` whose body awaits something, the array of a `forEach` with an inline callback,
 * the array of a `map` whose promises go to `Promise.all`; `null` for any other node.
 */
export function getLoopCollection(
  node: TSESTree.Node,
  globalScope: TSESLint.Scope.Scope,
  keys: VisitorKeys,
): TSESTree.Node | null {
  if (node.type === AST_NODE_TYPES.ForOfStatement) return hasAwait(node.body, keys) ? node.right : null;
  if (node.type === AST_NODE_TYPES.ForStatement) {
    const bound = getIndexedBound(node);
    return bound && hasAwait(node.body, keys) ? bound.object : null;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || !isFunctionNode(node.arguments[0])) return null;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getMemberName(callee);
  if (method === 'forEach') return callee.object;
  return method === 'map' && isAwaitedTogether(node, globalScope) ? callee.object : null;
}

function hasAwait(body: TSESTree.Node, keys: VisitorKeys): boolean {
  let found = false;
  walk(body, keys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression) found = true;
    return !found;
  });
  return found;
}

/**
 * `for (let i = 0; i < rows.length; i++)`: the collection (`rows`) and index (`i`) it walks, when the loop
 * declares the index it compares; `null` for any other `for` (counters, constant bounds).
 */
function getIndexedBound(loop: TSESTree.ForStatement): { object: TSESTree.Expression; index: string } | null {
  const test = loop.test;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || test.operator !== '<') return null;
  const index = test.left;
  const bound = skipExpressionWrappers(test.right);
  if (
    index.type !== AST_NODE_TYPES.Identifier ||
    bound.type !== AST_NODE_TYPES.MemberExpression ||
    getMemberName(bound) !== 'length'
  )
    return null;
  const init = loop.init;
  const declares =
    init?.type === AST_NODE_TYPES.VariableDeclaration &&
    init.declarations.some((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === index.name);
  return declares ? { object: bound.object, index: index.name } : null;
}

/** An indexed `for` over `rows` (see {@link getIndexedBound}) as a per-item loop whose item is `rows[i]`. */
function getIndexedLoop(loop: TSESTree.ForStatement, scopeManager: TSESLint.Scope.ScopeManager): PerItemLoop | null {
  const bound = getIndexedBound(loop);
  if (!bound) return null;
  const items = scopeManager.getDeclaredVariables(loop.init!).filter((variable) => variable.name === bound.index);
  return { kind: 'indexed', node: loop, iterated: bound.object, items, body: loop.body };
}

/** A `forEach`/`map` callback as a per-item loop (see {@link PerItemLoop}); `null` for any other function. */
function getCallbackLoop(fn: FunctionNode, scopeManager: TSESLint.Scope.ScopeManager): PerItemLoop | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getMemberName(callee);
  if (method !== 'forEach' && method !== 'map') return null;
  if (method === 'map' && !isAwaitedTogether(call, scopeManager.globalScope!)) return null;
  const first = fn.params[0];
  if (!first) return null;
  // The function's declared variables are its parameters' (and a function expression's own name).
  const items = scopeManager
    .getDeclaredVariables(fn)
    .filter((variable) => variable.defs.some((def) => isWithin(def.name, first)));
  if (items.length === 0) return null;
  return { kind: method, node: call, iterated: callee.object as TSESTree.Expression, items, body: fn.body };
}

/**
 * Whether the promises a `map` call returns are awaited together: the call is (or is spread into) the
 * array given to `Promise.all`/`Promise.allSettled`, or a `const` holding it is.
 */
function isAwaitedTogether(call: TSESTree.CallExpression, globalScope: TSESLint.Scope.Scope): boolean {
  const isCombinatorArgument = (node: TSESTree.Node): boolean => {
    let current = node;
    if (
      current.parent?.type === AST_NODE_TYPES.SpreadElement &&
      current.parent.parent?.type === AST_NODE_TYPES.ArrayExpression
    )
      current = current.parent.parent;
    const parent = current.parent;
    return (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === current &&
      PROMISE_COMBINATORS.has(getDottedName(parent.callee) ?? '')
    );
  };
  let outer: TSESTree.Node = call;
  while (
    outer.parent?.type === AST_NODE_TYPES.TSAsExpression ||
    outer.parent?.type === AST_NODE_TYPES.TSNonNullExpression
  )
    outer = outer.parent;
  if (isCombinatorArgument(outer)) return true;
  const declarator = outer.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier)
    return false;
  const variable = findVariable(scopeOf(globalScope, declarator.id), declarator.id);
  return (
    variable?.references.some((reference) => reference.isRead() && isCombinatorArgument(reference.identifier)) ?? false
  );
}

/**
 * Whether `target` (a data-access call inside `loop.body`) reads the current item: a reference to the
 * loop variable, to a `const`/`let` of the body declared from it before `target` (`const id =
 * post.authorId`, followed transitively), or, in an indexed loop, `rows[i]` itself. A call whose
 * arguments are the same for every item (`findMany({ where: { active: true } })`) is a repeated query,
 * not one per row, and is left to other checks.
 */
export function readsCurrentItem(
  target: TSESTree.Node,
  loop: PerItemLoop,
  scopeManager: TSESLint.Scope.ScopeManager,
  keys: VisitorKeys,
): boolean {
  const indexed = loop.kind === 'indexed';
  const tainted = new Set<TSESLint.Scope.Variable>(indexed ? [] : loop.items);
  const rowsName = indexed ? getDottedName(loop.iterated) : null;
  const indexName = indexed ? (loop.items[0]?.name ?? null) : null;
  const isRowRead = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === indexName &&
    getDottedName(node.object) === rowsName;
  const readsItem = (root: TSESTree.Node): boolean => {
    for (const variable of tainted)
      if (variable.references.some((reference) => reference.isRead() && isWithin(reference.identifier, root)))
        return true;
    if (rowsName === null || indexName === null) return false;
    let found = false;
    walk(root, keys, (node) => {
      if (isRowRead(node)) found = true;
      return !found;
    });
    return found;
  };
  // Bindings of the body made from the item before the call, in source order.
  walk(loop.body, keys, (node) => {
    if (node.range[0] >= target.range[0]) return false;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.range[1] <= target.range[0]) {
      if (readsItem(node.init)) for (const variable of scopeManager.getDeclaredVariables(node)) tainted.add(variable);
      return false;
    }
    return true;
  });
  return readsItem(target);
}

function isWithin(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
