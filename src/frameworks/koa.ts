import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { CONSTRUCT, getMemberName, getMethodCall, skipTypeWrappers, type TraceMap } from '../shared/ast/index.js';
import {
  flattenArguments,
  METHOD_BY_NAME,
  type FrameworkAdapter,
  type InstanceValue,
  type RouteModelBuilder,
} from './builder.js';
import type { AppKind, FunctionNode } from './types.js';

const routerClass = { [CONSTRUCT]: 'router' satisfies AppKind };

/**
 * Koa 2/3: `new Koa()` makes an app; `new Router()` from `@koa/router` or `koa-router` a router
 * (default export, the named `Router` export of `@koa/router` 13+, or `require`).
 */
export const koaTraceMap: TraceMap = {
  koa: { [CONSTRUCT]: 'app' satisfies AppKind, default: { [CONSTRUCT]: 'app' satisfies AppKind } },
  '@koa/router': { ...routerClass, Router: routerClass },
  'koa-router': { ...routerClass, Router: routerClass },
};

/** Router methods that register routes; koa-router also has `del` for DELETE. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
/** Router methods that return the router itself. */
const CHAINABLE = new Set([...ROUTE_METHODS, 'use', 'prefix', 'param', 'redirect']);

export const koaAdapter: FrameworkAdapter = {
  framework: 'koa',
  /** `app.context.onerror = fn` and other functions set on `app.context`: Koa calls them on each request's context. */
  requestCallbacks(builder) {
    const found: { fn: FunctionNode; callback: string }[] = [];
    for (const [node, value] of builder.instanceExpressions()) {
      const context = node.parent;
      const member = context?.parent;
      const assignment = member?.parent;
      if (
        value.app.framework !== 'koa' ||
        value.app.kind !== 'app' ||
        context?.type !== AST_NODE_TYPES.MemberExpression ||
        getMemberName(context) !== 'context' ||
        member?.type !== AST_NODE_TYPES.MemberExpression ||
        member.object !== context ||
        assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
        assignment.left !== member
      )
        continue;
      const fn = builder.resolveFunction(assignment.right);
      const name = getMemberName(member);
      if (fn && name !== null) found.push({ fn, callback: `Koa's \`app.context.${name}\`` });
    }
    return found;
  },
  packages: ['koa', '@koa/router', 'koa-router', 'koa-mount', 'koa-compose'],
  requestTypes: {
    modules: ['koa', '@koa/router', 'koa-router'],
    parameters: ['Context', 'ParameterizedContext', 'Next', 'RouterContext'],
    bindings: ['Middleware'],
  },

  seed(builder) {
    for (const reference of builder.track<AppKind>(koaTraceMap)) {
      if (reference.type !== 'construct' || reference.node.type !== AST_NODE_TYPES.NewExpression) continue;
      const options = builder.resolveObject(reference.node.arguments[0]);
      const prefixNode = builder.property(options, 'prefix');
      const prefix = prefixNode ? builder.staticString(prefixNode) : '';
      const app = builder.createApp('koa', reference.info, reference.node, prefix);
      builder.addInstance(reference.node, { app });
    }
    // `export function registerBooks(router: Router)` with `Router` imported from `@koa/router` or
    // `koa-router` (a default import: the class names the type): routes on a router made elsewhere.
    const isRouterPackage = (source: string): boolean => source === '@koa/router' || source === 'koa-router';
    for (const { fn, param, typeName } of builder.typedParameters(isRouterPackage)) {
      if (typeName === 'default' || typeName === 'Router') builder.parameterInstance('koa', 'router', fn, param, null);
    }
  },

  chain(_builder, value, method) {
    return value.app.kind === 'router' && CHAINABLE.has(method) ? value : method === 'use' ? value : null;
  },

  interpret(builder, value, method, call) {
    const { app } = value;
    if (app.kind === 'router' && ROUTE_METHODS.has(method)) {
      addRoute(builder, value, method, call);
    } else if (app.kind === 'router' && method === 'prefix') {
      app.prefix = builder.staticString(call.arguments[0]);
    } else if (method === 'use') {
      interpretUse(builder, value, call);
    } else if (
      app.kind === 'app' &&
      method === 'on' &&
      builder.staticString(call.arguments[0]) === 'error' &&
      call.arguments[1]
    ) {
      app.middleware.push(builder.middleware('koa', 'error-handler', call.arguments[1]));
    }
  },
};

/** `router.get([name,] path, ...middleware, handler)`. */
function addRoute(
  builder: RouteModelBuilder,
  value: InstanceValue,
  method: string,
  call: TSESTree.CallExpression,
): void {
  let args: readonly TSESTree.Node[] = call.arguments;
  // A named route: router.get('user', '/users/:id', handler).
  if (args.length >= 3 && builder.staticString(args[0]) !== null && builder.staticString(args[1]) !== null)
    args = args.slice(1);
  const [pathNode, ...rest] = args;
  if (!pathNode || rest.length === 0 || builder.resolveFunction(pathNode)) return;
  const path = builder.staticString(pathNode);
  const handlers = flattenArguments(rest);
  const handlerNode = handlers.at(-1);
  // Only spread or empty-array arguments (`...handlers`, `[]`): no handler this file can name.
  if (!handlerNode) return;
  builder.addRoute({
    framework: 'koa',
    app: value.app,
    node: call,
    methods: [METHOD_BY_NAME[method]!],
    path,
    handlerNode,
    handler: builder.resolveHandler(handlerNode),
    middleware: handlers.slice(0, -1).map((node) => builder.middleware('koa', 'middleware', node, path)),
  });
}

/**
 * `app.use(mw)`, `app.use(router.routes())`, `router.use([path,] ...mw)`, `router.use('/x', sub.routes())`.
 * A Koa app middleware that wraps `await next()` in `try`/`catch` is the app's error handler.
 */
function interpretUse(builder: RouteModelBuilder, value: InstanceValue, call: TSESTree.CallExpression): void {
  let args: readonly TSESTree.Node[] = call.arguments;
  let path: string | null = '';
  if (value.app.kind === 'router' && args[0] && builder.staticString(args[0]) !== null) {
    path = builder.staticString(args[0]);
    args = args.slice(1);
  }
  for (const node of flattenArguments(args)) {
    const mounted = getMountedRouter(builder, node);
    if (mounted) {
      builder.mount(mounted.app, value.app, path, call);
      continue;
    }
    if (isAllowedMethodsCall(builder, node)) continue;
    const facts = builder.middleware('koa', 'middleware', node, path);
    if (value.app.kind === 'app' && facts.function && catchesNext(facts.function)) facts.kind = 'error-handler';
    value.app.middleware.push(facts);
  }
}

/** Methods of a Koa router (`@koa/router`, `koa-router`) that return its middleware: `router.routes()`, `router.middleware()`. */
export const ROUTER_MIDDLEWARE_METHODS: ReadonlySet<string> = new Set(['routes', 'middleware']);

/** `router.routes()` / `router.middleware()` of a router of this file. */
function getMountedRouter(builder: RouteModelBuilder, node: TSESTree.Node): InstanceValue | null {
  const inner = skipTypeWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return null;
  const method = getMethodCall(inner);
  if (!method || !ROUTER_MIDDLEWARE_METHODS.has(method.method)) return null;
  return builder.instanceOf(method.object);
}

function isAllowedMethodsCall(builder: RouteModelBuilder, node: TSESTree.Node): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = getMethodCall(inner);
  return method?.method === 'allowedMethods' && builder.instanceOf(method.object) !== null;
}

/**
 * Whether a Koa middleware wraps `await next()` in a `try` with a `catch` (Koa's documented error
 * handling pattern). Used for same-file middleware here and for imported middleware by the checker.
 */
export function catchesNext(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const nextName = fn.params[1]?.type === AST_NODE_TYPES.Identifier ? fn.params[1].name : 'next';
  return fn.body.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.TryStatement &&
      statement.handler !== null &&
      statement.block.body.some((inner) => isAwaitNext(inner, nextName)),
  );
}

function isAwaitNext(statement: TSESTree.Statement, nextName: string): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = statement.expression;
  return (
    expression.type === AST_NODE_TYPES.AwaitExpression &&
    expression.argument.type === AST_NODE_TYPES.CallExpression &&
    expression.argument.callee.type === AST_NODE_TYPES.Identifier &&
    expression.argument.callee.name === nextName
  );
}
