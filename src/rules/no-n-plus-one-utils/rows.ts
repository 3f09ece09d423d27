import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  findObjectProperty,
  findVariable,
  getConstantInit,
  getDottedName,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';
import type { DataAccess, DataLayerIndex } from '../../shared/data-layer.js';
import { getChainCalls } from './queries.js';

/**
 * Loops over at most this many rows are left alone: `take: 3`, `.limit(5)`, `rows.slice(0, 10)`. A
 * handful of queries bounded when the code is written is a choice, not a cost that grows with the data.
 */
export const MAX_CONSTANT_ROWS = 10;

/** Array methods whose result holds rows of the array they are called on (a subset, reordered, projected). */
const ROW_PRESERVING_METHODS: ReadonlySet<string> = new Set([
  'filter',
  'slice',
  'map',
  'sort',
  'toSorted',
  'reverse',
  'toReversed',
]);

/** Options and chained calls that cap how many rows a query returns. */
const LIMIT_OPTIONS: ReadonlySet<string> = new Set(['take', 'limit', 'first', 'perDocumentLimit']);
const LIMIT_METHODS: ReadonlySet<string> = new Set(['limit', 'take']);

/** Where the rows a loop walks come from. */
export interface RowsOrigin {
  /** The data-layer call that loaded them. */
  access: DataAccess;
  /** The rows are capped by a constant of at most {@link MAX_CONSTANT_ROWS} (on the query or by `slice`). */
  bounded: boolean;
}

/** How many steps {@link getRowsOrigin} follows (bindings, `.filter`, member reads). */
const MAX_STEPS = 12;

/**
 * The data-layer call whose rows `iterated` (a loop's collection) holds, or `null` when it does not
 * come from one: the index's `sourceOf` (the call itself through `await`, a `const` bound to it, also by
 * destructuring: `const { rows } = await pool.query(…)`), followed back as {@link traceRows} does.
 * `globalScope` resolves bindings.
 */
export function getRowsOrigin(
  iterated: TSESTree.Node,
  index: DataLayerIndex,
  globalScope: TSESLint.Scope.Scope,
): RowsOrigin | null {
  const traced = traceRows(iterated, (node) => index.sourceOf(node), globalScope);
  return traced && { access: traced.source, bounded: traced.sliced || isBoundedQuery(traced.source) };
}

/**
 * Whether a loop's collection may hold rows of a query, read from the syntax alone (no data-layer
 * index): followed back as {@link traceRows} does, it reaches an awaited value. A cheap test run on
 * every loop, so that files whose loops walk parameters, request input or literals never build the index.
 */
export function mayHoldQueriedRows(iterated: TSESTree.Node, globalScope: TSESLint.Scope.Scope): boolean {
  return traceRows(iterated, isAwaitedValue, globalScope) !== null;
}

function isAwaitedValue(node: TSESTree.Node): true | null {
  return skipExpressionWrappers(node).type === AST_NODE_TYPES.AwaitExpression ? true : null;
}

/**
 * Follows a loop's collection back to the first expression `sourceOf` accepts, through `await`, `const`
 * bindings, destructuring (`const { posts } = user`), member reads of a result (`result.rows`,
 * `user.posts` from an `include`), the item of an outer loop, the array methods that keep rows (`filter`,
 * `slice`, `map`, `sort`, `reverse`), `Array.from`, `[...rows]` and `new Set(rows)`; `sliced` when a
 * `slice` with constant bounds at most {@link MAX_CONSTANT_ROWS} apart caps them. Parameters and request
 * input (`req.body.ids`) are not followed: whose rows they are is decided by the caller. `null` when
 * nothing accepted is reached.
 */
function traceRows<T>(
  iterated: TSESTree.Node,
  sourceOf: (node: TSESTree.Node) => T | null,
  globalScope: TSESLint.Scope.Scope,
): { source: T; sliced: boolean } | null {
  let current: TSESTree.Node = iterated;
  let sliced = false;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const source = sourceOf(current);
    if (source !== null) return { source, sliced };
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = current.argument;
      continue;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(current.callee);
      if (getDottedName(callee) === 'Array.from' && current.arguments[0]) {
        current = current.arguments[0];
        continue;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const method = getMemberName(callee);
      if (method === null || !ROW_PRESERVING_METHODS.has(method)) return null;
      // `rows.map(async (r) => …)` holds promises, not rows.
      if (method === 'map' && isFunctionNode(current.arguments[0]) && current.arguments[0].async) return null;
      if (method === 'slice' && isConstantSlice(current)) sliced = true;
      current = callee.object;
      continue;
    }
    if (current.type === AST_NODE_TYPES.NewExpression) {
      if (getDottedName(current.callee) !== 'Set' || !current.arguments[0]) return null;
      current = current.arguments[0];
      continue;
    }
    if (current.type === AST_NODE_TYPES.ArrayExpression) {
      const [only] = current.elements;
      if (current.elements.length !== 1 || only?.type !== AST_NODE_TYPES.SpreadElement) return null;
      current = only.argument;
      continue;
    }
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = current.object;
      continue;
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(globalScope, current), current);
    const init = getConstantInit(variable);
    if (init) {
      current = init;
      continue;
    }
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    // The item of an outer loop (`for (const board of boards) for (const column of board.columns)`).
    const outer = def ? getOuterCollection(def) : null;
    if (outer) {
      current = outer;
      continue;
    }
    // `const { posts } = user`, `const [first] = groups`: the destructured value's source.
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return null;
    current = def.node.init;
  }
  return null;
}

/**
 * The collection a binding walks when it is the item of a loop: the `right` of the `for…of` that declares
 * it, or the array whose `forEach`/`map`/`filter` callback takes it as first parameter; `null` otherwise.
 */
function getOuterCollection(def: TSESLint.Scope.Definition): TSESTree.Node | null {
  if (def.type === 'Variable') {
    const loop = def.parent.parent;
    return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.parent ? loop.right : null;
  }
  if (def.type !== 'Parameter' || !isFunctionNode(def.node)) return null;
  const fn = def.node;
  const first = fn.params[0];
  if (!first || def.name.range[0] < first.range[0] || def.name.range[1] > first.range[1]) return null;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getMemberName(callee);
  return method === 'forEach' || method === 'map' || method === 'filter' || method === 'flatMap' ? callee.object : null;
}

/** `rows.slice(a, b)` with literal bounds at most {@link MAX_CONSTANT_ROWS} apart (`slice(0, 3)`). */
function isConstantSlice(call: TSESTree.CallExpression): boolean {
  const [start, end] = call.arguments.map((argument) => getNumber(argument));
  return start !== undefined && start !== null && end !== undefined && end !== null && end - start <= MAX_CONSTANT_ROWS;
}

/**
 * Whether a query asks for a constant number of rows of at most {@link MAX_CONSTANT_ROWS}: an option
 * `take`/`limit`/`first` (Prisma, Sequelize, TypeORM, Drizzle relational queries) with a number literal,
 * or a chained `.limit(n)`/`.take(n)` (Knex, Drizzle, Mongoose, TypeORM query builders).
 */
function isBoundedQuery(access: DataAccess): boolean {
  return getChainCalls(access).some(({ node, name }) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    if (name !== null && LIMIT_METHODS.has(name) && isSmall(node.arguments[0])) return true;
    return node.arguments.some((argument) => {
      const object = skipExpressionWrappers(argument);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return [...LIMIT_OPTIONS].some((option) => isSmall(findObjectProperty(object, option)?.value));
    });
  });
}

function isSmall(node: TSESTree.Node | undefined): boolean {
  const value = node ? getNumber(node) : null;
  return value !== null && value !== undefined && Math.abs(value) <= MAX_CONSTANT_ROWS;
}

/** The value of a number literal (also negated), `null` for anything else. */
function getNumber(node: TSESTree.Node): number | null {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') return inner.value;
  if (
    inner.type === AST_NODE_TYPES.UnaryExpression &&
    inner.operator === '-' &&
    inner.argument.type === AST_NODE_TYPES.Literal &&
    typeof inner.argument.value === 'number'
  )
    return -inner.argument.value;
  return null;
}
