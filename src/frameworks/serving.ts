import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  getFunctionName,
  isFunctionNode,
  resolveFunction,
  scopeOf,
  walk,
  type VisitorKeys,
} from '../shared/ast/index.js';
import { joinDisplayPath } from './builder.js';
import { getAppPrefix } from './route-model.js';
import {
  FRAMEWORK_NAMES,
  type FunctionNode,
  type MiddlewareFacts,
  type RemoteMiddleware,
  type RequestFunctionFacts,
  type RemoteRoute,
  type RouteFacts,
  type RouteModel,
} from './types.js';

/**
 * Why a function runs while a request is served: it is (or is called from) the handler of `routes`,
 * a piece of middleware registered as `middleware`, the handler of routes or middleware registered in
 * another file (`remote-route`, `remote-middleware`: the project index linked them), or a function whose
 * types say it serves requests (`request`: a parameter of the framework's type `typeName`, registered
 * somewhere not known). `root` is that function.
 */
export type ServingContext =
  | { kind: 'route'; routes: RouteFacts[]; root: FunctionNode }
  | { kind: 'middleware'; middleware: MiddlewareFacts[]; root: FunctionNode }
  | { kind: 'remote-route'; routes: RemoteRoute[]; root: FunctionNode }
  | { kind: 'remote-middleware'; middleware: RemoteMiddleware[]; root: FunctionNode }
  | ({ kind: 'request'; root: FunctionNode } & RequestFunctionFacts);

/** Answers "does this node run while a request is served, and for which route or middleware?". */
export interface ServingIndex {
  /**
   * The context of the innermost serving function around `node`: a handler or middleware, a function
   * nested in one (callbacks, `setTimeout` bodies), or a same-file function they call, followed
   * transitively. `null` at module top level and in functions reached only from start-up code.
   */
  contextOf(node: TSESTree.Node): ServingContext | null;
  /** Every serving function with its context. */
  readonly functions: ReadonlyMap<FunctionNode, ServingContext>;
}

/**
 * Builds the serving index of one file from its route model. Walks the file once to find calls of
 * same-file functions (`helper()`, `this.helper()`, `obj.helper()`), then marks callees reached from a
 * serving function until nothing changes. `keys` are the parser's visitor keys.
 */
export function buildServingIndex(
  model: RouteModel,
  ast: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  keys: VisitorKeys,
): ServingIndex {
  const reached = new Map<FunctionNode, ServingContext>();
  for (const [handler, routes] of model.handlers) reached.set(handler, { kind: 'route', routes, root: handler });
  for (const [fn, middleware] of model.middlewareFunctions)
    if (!reached.has(fn)) reached.set(fn, { kind: 'middleware', middleware, root: fn });
  for (const [fn, routes] of model.remoteHandlers)
    if (!reached.has(fn)) reached.set(fn, { kind: 'remote-route', routes, root: fn });
  for (const [fn, middleware] of model.remoteMiddleware)
    if (!reached.has(fn)) reached.set(fn, { kind: 'remote-middleware', middleware, root: fn });
  for (const [fn, typing] of model.requestFunctions)
    if (!reached.has(fn)) reached.set(fn, { kind: 'request', ...typing, root: fn });

  const contextOf = (node: TSESTree.Node): ServingContext | null => {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (isFunctionNode(current)) {
        const context = reached.get(current);
        if (context) return context;
      }
    }
    return null;
  };

  if (reached.size > 0) {
    const calls: { call: TSESTree.CallExpression; target: FunctionNode }[] = [];
    walk(ast, keys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = node.callee;
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const target = resolveFunction(callee, scopeOf(globalScope, node));
      if (target && !isRunOnceCall(node, target, keys)) calls.push({ call: node, target });
    });
    let changed = true;
    while (changed) {
      changed = false;
      for (const { call, target } of calls) {
        if (reached.has(target)) continue;
        const context = contextOf(call);
        if (context) {
          reached.set(target, context);
          changed = true;
        }
      }
    }
  }
  return { contextOf, functions: reached };
}

/**
 * Whether a call runs its function once per process, not per request: lazy initialisation behind a
 * flag the function itself sets (`if (!ready) prepare();` with `ready = true` in `prepare`). The first
 * request pays for it once; what it does is start-up work. `keys`: the visitor keys to walk `target`
 * with. Used by the serving index and by the project checker's call graph, so neither follows such a call.
 */
export function isRunOnceCall(call: TSESTree.CallExpression, target: FunctionNode, keys: VisitorKeys): boolean {
  const statement = call.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let guard: TSESTree.Node | undefined = statement.parent;
  if (guard?.type === AST_NODE_TYPES.BlockStatement) guard = guard.parent;
  if (guard?.type !== AST_NODE_TYPES.IfStatement || guard.alternate !== null) return false;
  const test = guard.test;
  if (
    test.type !== AST_NODE_TYPES.UnaryExpression ||
    test.operator !== '!' ||
    test.argument.type !== AST_NODE_TYPES.Identifier
  )
    return false;
  const flag = test.argument.name;
  let sets = false;
  walk(target.body, keys, (node) => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.Identifier &&
      node.left.name === flag &&
      node.right.type === AST_NODE_TYPES.Literal &&
      node.right.value === true
    )
      sets = true;
    return !sets;
  });
  return sets;
}

const cache = new WeakMap<RouteModel, ServingIndex>();

/**
 * {@link buildServingIndex}, remembered per route model: the rules of a file share one index, and the
 * project checker reuses it for the trees the command's lint parsed (see `getRouteModelOf`).
 */
export function getServingIndexOf(
  model: RouteModel,
  ast: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  keys: VisitorKeys,
): ServingIndex {
  let index = cache.get(model);
  if (!index) {
    index = buildServingIndex(model, ast, globalScope, keys);
    cache.set(model, index);
  }
  return index;
}

/**
 * How a serving context reads in a message: `GET /orders/:id` (plus `and N more routes`; a route
 * registered in another file adds `, registered in src/routes.ts:12`), or `requests through the
 * middleware \`auth\`` / `the \`onRequest\` hook` / `the error handler`.
 */
export function describeServingContext(context: ServingContext): string {
  if (context.kind === 'route' || context.kind === 'remote-route') {
    const [first] = context.routes;
    const path = 'file' in first! ? first.path : displayPath(first!);
    let label = `${first!.methods.join('/') || 'a route at'} ${path}`;
    if ('file' in first!) label += `, registered in ${first.file}:${first.line}`;
    const more = context.routes.length - 1;
    return more > 0 ? `${label} and ${more} more route${more > 1 ? 's' : ''}` : label;
  }
  if (context.kind === 'remote-middleware') {
    const [item] = context.middleware;
    const kind = item!.kind === 'error-handler' ? 'error handler' : item!.kind === 'plugin' ? 'middleware' : item!.kind;
    const name = item!.name ? ` \`${item!.name}\`` : '';
    return `requests through the ${kind}${name}, registered in ${item!.file}:${item!.line}`;
  }
  if (context.kind === 'request') {
    const name = getFunctionName(context.root);
    if (context.callback !== undefined)
      return name ? `requests through \`${name}\` (${context.callback})` : `requests through ${context.callback}`;
    const takes = `it takes ${FRAMEWORK_NAMES[context.framework]}'s \`${context.typeName}\``;
    return name ? `requests through \`${name}\` (${takes})` : `requests (${takes})`;
  }
  const [item] = context.middleware;
  if (item!.kind === 'error-handler') return 'requests through the error handler';
  if (item!.kind === 'hook')
    return item!.hook ? `requests through the \`${item!.hook}\` hook` : 'requests through a hook';
  const kind = item!.kind === 'middleware' || item!.kind === 'plugin' ? 'middleware' : item!.kind;
  return item!.name ? `requests through the ${kind} \`${item!.name}\`` : `requests through a ${kind}`;
}

/**
 * The path a route is served under as far as its file tells: `fullPath`, or the parts that are known
 * with a placeholder for the rest (`{prefix}/users/:id` when the router's mount is not static,
 * `/users/{path}` when the route's own path is not).
 */
export function displayPath(route: RouteFacts): string {
  if (route.fullPath !== null) return route.fullPath;
  return joinDisplayPath(getAppPrefix(route.app, new Set()), route.path);
}
