import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  RouteModelBuilder,
  findFunctionAt,
  joinPaths,
  type FrameworkAdapter,
  type RouteModelInput,
} from './builder.js';
import { expressAdapter } from './express.js';
import { fastifyAdapter } from './fastify.js';
import { honoAdapter } from './hono.js';
import { koaAdapter } from './koa.js';
import { nestAdapter } from './nestjs.js';
import { nextAdapter } from './nextjs.js';
import type {
  AppFacts,
  ExternalFacts,
  FunctionNode,
  MiddlewareFacts,
  RemoteMiddleware,
  RemoteRoute,
  RouteFacts,
  RouteModel,
} from './types.js';

/** One adapter per framework, in the order their findings are listed. */
const ADAPTERS: readonly FrameworkAdapter[] = [
  expressAdapter,
  fastifyAdapter,
  nestAdapter,
  honoAdapter,
  koaAdapter,
  nextAdapter,
];

/**
 * Builds the route model of one parsed file: its apps, routers, controllers, routes and middleware,
 * recognised by import tracking (and, for Next.js, by file path). Pure: reads the AST and scopes only.
 * Routes are sorted by source position; `fullPath` joins every prefix known in the file.
 */
export function buildRouteModel(input: RouteModelInput): RouteModel {
  const builder = new RouteModelBuilder(input);
  builder.run(ADAPTERS);
  const external = input.external;
  for (const { app: range, prefix } of external?.appPrefixes ?? []) {
    const app = builder.apps.find((item) => item.node.range[0] === range[0] && item.node.range[1] === range[1]);
    if (app && app.mounts.length === 0) app.servedUnder = prefix;
  }
  const routes = builder.routes.sort((a, b) => a.node.range[0] - b.node.range[0]);
  for (const route of routes) {
    const prefix = getAppPrefix(route.app, new Set());
    route.fullPath = prefix === null || route.path === null ? null : joinPaths(prefix, route.path);
  }
  const middleware = new Set<MiddlewareFacts>();
  for (const app of builder.apps) for (const item of app.middleware) middleware.add(item);
  for (const route of routes) for (const item of route.middleware) middleware.add(item);
  const handlers = new Map<FunctionNode, RouteFacts[]>();
  for (const route of routes) {
    if (route.handler) handlers.set(route.handler, [...(handlers.get(route.handler) ?? []), route]);
  }
  const middlewareFunctions = new Map<FunctionNode, MiddlewareFacts[]>();
  for (const item of middleware) {
    if (item.function)
      middlewareFunctions.set(item.function, [...(middlewareFunctions.get(item.function) ?? []), item]);
  }
  const requestFunctions = builder.requestFunctions(ADAPTERS);
  for (const fn of [...handlers.keys(), ...middlewareFunctions.keys()]) requestFunctions.delete(fn);
  const remoteHandlers = locate<RemoteRoute>(input.ast, external?.handlers.map(({ fn, routes }) => ({ fn, items: routes })));
  const remoteMiddleware = locate<RemoteMiddleware>(
    input.ast,
    external?.middleware.map(({ fn, registrations }) => ({ fn, items: registrations })),
  );
  for (const fn of handlers.keys()) remoteHandlers.delete(fn);
  return {
    apps: builder.apps,
    routes,
    middleware: [...middleware],
    handlers,
    middlewareFunctions,
    requestFunctions,
    instanceArguments: builder.instanceArguments,
    remoteHandlers,
    remoteMiddleware,
  };
}

/** The functions of `ast` at the given ranges, each with its items; ranges that match no function are dropped. */
function locate<T>(
  ast: TSESTree.Program,
  entries: { fn: ExternalFacts['handlers'][number]['fn']; items: T[] }[] | undefined,
): Map<FunctionNode, T[]> {
  const found = new Map<FunctionNode, T[]>();
  for (const { fn: range, items } of entries ?? []) {
    const fn = findFunctionAt(ast, range);
    if (fn) found.set(fn, [...(found.get(fn) ?? []), ...items]);
  }
  return found;
}

/**
 * The path every route of `app` is served under, from the prefixes and mounts known in this file;
 * `null` when a part is not static, the app is mounted in more than one place, or mounts form a cycle.
 */
export function getAppPrefix(app: AppFacts, seen: Set<AppFacts>): string | null {
  if (app.prefix === null || seen.has(app) || app.mounts.length > 1) return null;
  seen.add(app);
  const own = joinPaths(app.globalPrefix ?? '', app.prefix);
  const mount = app.mounts[0];
  if (!mount) return app.servedUnder === undefined ? own : joinPaths(app.servedUnder, own);
  const parent = getAppPrefix(mount.parent, seen);
  return parent === null || mount.path === null ? null : joinPaths(parent, mount.path, own);
}

/**
 * The middleware that applies to every route of `app`: its own (`use`, hooks, class-level guards) and
 * that of the instances it is mounted on in this file, outermost first.
 */
export function getAppMiddleware(app: AppFacts, seen = new Set<AppFacts>()): MiddlewareFacts[] {
  if (seen.has(app)) return [];
  seen.add(app);
  const inherited = app.mounts.flatMap((mount) => getAppMiddleware(mount.parent, seen));
  return [...inherited, ...app.middleware];
}

const cache = new WeakMap<TSESTree.Program, { filename: string; external?: ExternalFacts; model: RouteModel }>();

/**
 * {@link buildRouteModel}, remembered per `Program` node (and file name): every rule linting a file
 * shares one model, and the project checker, handed the trees the command's lint parsed, reads the
 * same model instead of building it again.
 */
export function getRouteModelOf(input: RouteModelInput): RouteModel {
  const cached = cache.get(input.ast);
  if (cached?.filename === input.filename && cached.external === input.external) return cached.model;
  const model = buildRouteModel(input);
  cache.set(input.ast, { filename: input.filename, external: input.external, model });
  return model;
}

/**
 * The route model of the file a rule is linting, built once per file and shared by every rule
 * (cached per `Program` node).
 */
export function getRouteModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): RouteModel {
  const { sourceCode } = context;
  return getRouteModelOf({
    ast: sourceCode.ast,
    globalScope: sourceCode.scopeManager!.globalScope!,
    filename: context.filename,
  });
}

/** Callbacks of {@link defineRouteVisitor}; each runs once per item when the file's traversal starts. */
export interface RouteVisitor {
  onApp?(app: AppFacts): void;
  onRoute?(route: RouteFacts): void;
  /** Once per resolved handler function, with every route it serves. */
  onHandler?(handler: FunctionNode, routes: RouteFacts[]): void;
  /** Once per resolved middleware function, with every registration of it. */
  onMiddleware?(fn: FunctionNode, registrations: MiddlewareFacts[]): void;
}

/**
 * A rule listener that speaks about routes: it builds (or reuses) the file's route model on `Program`
 * and calls `visitor`'s callbacks, then runs the rule's own `listener` as usual (its `Program`
 * callback too). Lets a rule report on routes without matching framework calls itself.
 */
export function defineRouteVisitor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  visitor: RouteVisitor,
  listener: TSESLint.RuleListener = {},
): TSESLint.RuleListener {
  return {
    ...listener,
    Program(node) {
      const model = getRouteModel(context);
      if (visitor.onApp) for (const app of model.apps) visitor.onApp(app);
      if (visitor.onRoute) for (const route of model.routes) visitor.onRoute(route);
      if (visitor.onHandler) for (const [handler, routes] of model.handlers) visitor.onHandler(handler, routes);
      if (visitor.onMiddleware)
        for (const [fn, registrations] of model.middlewareFunctions) visitor.onMiddleware(fn, registrations);
      listener.Program?.(node);
    },
  };
}
