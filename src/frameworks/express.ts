import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import {
  CALL,
  CONSTRUCT,
  getDottedName,
  getMemberName,
  getRequiredModule,
  isFunctionNode,
  skipTypeWrappers,
  type TraceMap,
} from '../shared/ast/index.js';
import {
  flattenArguments,
  METHOD_BY_NAME,
  type FrameworkAdapter,
  type InstanceValue,
  type RouteModelBuilder,
} from './builder.js';
import type { AppKind, FunctionNode } from './types.js';

/**
 * Express 4/5: `express()` makes an app, `express.Router()` / `Router()` a router (express is CommonJS,
 * so default, named, namespace and `require` forms are all tracked in legacy mode).
 */
export const expressTraceMap: TraceMap = {
  express: {
    [CALL]: 'app' satisfies AppKind,
    Router: { [CALL]: 'router' satisfies AppKind },
  },
};

/** Types of `express` whose values register routes: the app, and routers. */
const TYPED_APPS = new Set(['Express', 'Application']);
const TYPED_ROUTERS = new Set(['Router', 'IRouter']);

/** Express route registration methods (`app.get`, …); `del` is not Express. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

export const expressAdapter: FrameworkAdapter = {
  framework: 'express',
  packages: ['express'],
  requestTypes: {
    modules: ['express', 'express-serve-static-core'],
    parameters: ['Request', 'Response', 'NextFunction'],
    bindings: ['RequestHandler', 'ErrorRequestHandler', 'Handler'],
  },

  requestCallbacks(builder) {
    return findPassportCallbacks(builder);
  },

  seed(builder) {
    for (const reference of builder.track<AppKind>(expressTraceMap)) {
      if (reference.type !== 'call') continue;
      const app = builder.createApp('express', reference.info, reference.node);
      builder.addInstance(reference.node, { app });
    }
    // `export function configureRoutes(app: Express)`: routes registered on an app or router made in
    // another file. An app serves its routes at their own paths; where a router is mounted is the
    // caller's business, so its prefix is unknown here (`null`). Either is a router for the app-level
    // checks: the app it stands for is created, and checked, elsewhere.
    for (const { fn, param, typeName } of builder.typedParameters((source) => source === 'express')) {
      const prefix = TYPED_APPS.has(typeName) ? '' : TYPED_ROUTERS.has(typeName) ? null : undefined;
      if (prefix !== undefined) builder.parameterInstance('express', 'router', fn, param, prefix);
    }
  },

  chain(_builder, value, method, call) {
    if (value.routePath !== undefined) return ROUTE_METHODS.has(method) ? value : null;
    if (method === 'route') return { app: value.app, routePath: _builder.staticString(call.arguments[0]) };
    return ROUTE_METHODS.has(method) || method === 'use' ? value : null;
  },

  interpret(builder, value, method, call) {
    if (value.routePath !== undefined) {
      if (ROUTE_METHODS.has(method))
        addRoute(builder, value, method, call, value.routePath, flattenArguments(call.arguments));
      return;
    }
    if (ROUTE_METHODS.has(method)) {
      // `app.get('title')` reads a setting: a route needs a path and at least one handler.
      const [pathNode, ...rest] = call.arguments;
      if (!pathNode || rest.length === 0 || builder.resolveFunction(pathNode)) return;
      // `app.get(['/issues', '/bugs'], h)` serves each path: one route per static element.
      const paths = pathNode.type === AST_NODE_TYPES.ArrayExpression ? staticPaths(builder, pathNode) : null;
      for (const path of paths ?? [builder.staticString(pathNode)])
        addRoute(builder, value, method, call, path, flattenArguments(rest));
      return;
    }
    if (method === 'use') interpretUse(builder, value, call);
  },
};

/** The paths of an array path argument when every element is a static string, else `null`. */
function staticPaths(builder: RouteModelBuilder, node: TSESTree.ArrayExpression): string[] | null {
  const paths = node.elements.map((element) =>
    element && element.type !== AST_NODE_TYPES.SpreadElement ? builder.staticString(element) : null,
  );
  return paths.length > 0 && paths.every((path) => path !== null) ? (paths as string[]) : null;
}

function addRoute(
  builder: RouteModelBuilder,
  value: InstanceValue,
  method: string,
  call: TSESTree.CallExpression,
  path: string | null,
  handlers: TSESTree.Node[],
): void {
  const handlerNode = handlers.at(-1) ?? null;
  if (!handlerNode) return;
  builder.addRoute({
    framework: 'express',
    app: value.app,
    node: call,
    methods: [METHOD_BY_NAME[method]!],
    path,
    handlerNode,
    handler: builder.resolveHandler(handlerNode),
    middleware: handlers.slice(0, -1).map((node) => builder.middleware('express', 'middleware', node, path)),
  });
}

/**
 * `x.use([path,] ...middleware)`: mounts routers of this file, records middleware and error handlers.
 * Inside `routes.forEach((route) => router.use(route.path, route.route))` over a `const` array of object
 * literals, once per element with `route.path` and `route.route` read from it.
 */
function interpretUse(builder: RouteModelBuilder, value: InstanceValue, call: TSESTree.CallExpression): void {
  const loop = getArrayLoop(builder, call);
  if (loop) {
    for (const element of loop.elements) {
      const args = call.arguments.map((argument) => {
        const inner = skipTypeWrappers(argument);
        if (
          inner.type !== AST_NODE_TYPES.MemberExpression ||
          inner.object.type !== AST_NODE_TYPES.Identifier ||
          inner.object.name !== loop.param.name
        )
          return argument;
        const key = getMemberName(inner);
        return (key === null ? null : builder.property(element, key)) ?? argument;
      });
      interpretUseArguments(builder, value, call, args);
    }
    return;
  }
  interpretUseArguments(builder, value, call, call.arguments);
}

/**
 * The loop `call` runs in, when it is the body of `ITEMS.forEach((item) => …)` (or `map`) over a `const`
 * array whose elements are all object literals, and reads a property of `item`: the parameter and the
 * elements. `null` otherwise.
 */
function getArrayLoop(
  builder: RouteModelBuilder,
  call: TSESTree.CallExpression,
): { param: TSESTree.Identifier; elements: TSESTree.ObjectExpression[] } | null {
  let fn: TSESTree.Node | undefined = call.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  const loop = fn?.parent;
  const param = fn && isFunctionNode(fn) ? fn.params[0] : undefined;
  if (
    param?.type !== AST_NODE_TYPES.Identifier ||
    loop?.type !== AST_NODE_TYPES.CallExpression ||
    loop.arguments[0] !== fn ||
    loop.callee.type !== AST_NODE_TYPES.MemberExpression
  )
    return null;
  const method = getMemberName(loop.callee);
  if (method !== 'forEach' && method !== 'map') return null;
  const reads = call.arguments.some((argument) => {
    const inner = skipTypeWrappers(argument);
    return (
      inner.type === AST_NODE_TYPES.MemberExpression &&
      inner.object.type === AST_NODE_TYPES.Identifier &&
      inner.object.name === param.name
    );
  });
  const array = builder.resolveConstant(loop.callee.object);
  if (!reads || array.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const elements = array.elements.map((element) => (element ? builder.resolveObject(element) : null));
  return elements.every((element) => element !== null) ? { param, elements } : null;
}

function interpretUseArguments(
  builder: RouteModelBuilder,
  value: InstanceValue,
  call: TSESTree.CallExpression,
  all: readonly TSESTree.Node[],
): void {
  let args: readonly TSESTree.Node[] = all;
  let path: string | null = '';
  const first = args[0] ? skipTypeWrappers(args[0]) : null;
  if (first && isPathArgument(builder, first)) {
    path = builder.staticString(first);
    args = args.slice(1);
  }
  for (const node of flattenArguments(args)) {
    const child = builder.instanceOf(node);
    if (child) {
      builder.mount(child.app, value.app, path, call);
      continue;
    }
    const facts = builder.middleware('express', 'middleware', node, path);
    // Express tells error-handling middleware apart by arity: (err, req, res, next).
    if (facts.function?.params.length === 4) facts.kind = 'error-handler';
    value.app.middleware.push(facts);
  }
}

function isPathArgument(builder: RouteModelBuilder, node: TSESTree.Node): boolean {
  if (builder.staticString(node) !== null) return true;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (node.type === AST_NODE_TYPES.Literal && 'regex' in node) return true;
  // `app.use(process.env.PREFIX, router)`: environment variables are strings.
  if (getDottedName(node)?.startsWith('process.env.')) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    // `var mount = app.set('url prefix') || '/'; app.use(mount, router)`: a binding that holds a string.
    const value = builder.resolveConstant(node);
    return value !== node && isStringExpression(value);
  }
  return (
    node.type === AST_NODE_TYPES.ArrayExpression &&
    node.elements.every((element) => element && builder.staticString(element) !== null)
  );
}

/** An expression whose value is a string: a string literal or template, `a + 'x'`, `a || '/'`, `a ?? '/api'`. */
function isStringExpression(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string';
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
    return isStringExpression(node.left) || isStringExpression(node.right);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&') return isStringExpression(node.right);
  return false;
}

/** Strategy classes of passport strategy packages (`passport-local`, `passport-jwt`, `passport-google-oauth20`, …). */
const STRATEGY_EXPORTS = [
  'Strategy',
  'OAuth2Strategy',
  'OAuthStrategy',
  'BasicStrategy',
  'DigestStrategy',
  'BearerStrategy',
];

/**
 * Passport's per-request callbacks (passport is Express-style middleware): the verify callback of
 * `new Strategy([options,] verify)` from a `passport-*` package (called when a request authenticates),
 * and `passport.deserializeUser(fn)` / `serializeUser(fn)` (run for each request of a session, and at
 * login). Per passport's documentation ("Configure", "Sessions").
 */
function findPassportCallbacks(builder: RouteModelBuilder): { fn: FunctionNode; callback: string }[] {
  const modules = new Set<string>();
  for (const statement of builder.input.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) modules.add(statement.source.value);
    if (statement.type === AST_NODE_TYPES.VariableDeclaration)
      for (const declarator of statement.declarations) {
        const init = declarator.init ? skipTypeWrappers(declarator.init) : null;
        const module =
          init?.type === AST_NODE_TYPES.MemberExpression
            ? getRequiredModule(init.object)
            : init
              ? getRequiredModule(init)
              : null;
        if (module) modules.add(module);
      }
  }
  const strategyModules = [...modules].filter((module) => /^passport-[\w-]+$|\/passport-[\w-]+$/u.test(module));
  if (strategyModules.length === 0 && !modules.has('passport')) return [];
  const construct = { [CONSTRUCT]: 'strategy' };
  const traceMap: TraceMap = {
    passport: { serializeUser: { [CALL]: 'serializeUser' }, deserializeUser: { [CALL]: 'deserializeUser' } },
  };
  for (const module of strategyModules)
    traceMap[module] = { ...construct, ...Object.fromEntries(STRATEGY_EXPORTS.map((name) => [name, construct])) };
  const found: { fn: FunctionNode; callback: string }[] = [];
  for (const reference of builder.track<string>(traceMap)) {
    const node = reference.node;
    if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) continue;
    const fn = [...node.arguments]
      .reverse()
      .map((argument) => builder.resolveFunction(argument))
      .find(Boolean);
    if (!fn) continue;
    const callee = getDottedName(node.callee) ?? 'Strategy';
    const callback =
      reference.info === 'strategy'
        ? `the verify callback of passport's \`${callee}\` from \`${reference.path[0]}\``
        : `passport's \`${reference.info}\` callback`;
    found.push({ fn, callback });
  }
  return found;
}
