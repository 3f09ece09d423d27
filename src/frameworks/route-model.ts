import type { TSESTree } from '@typescript-eslint/utils';

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

const PACKAGE_IMPORT = new RegExp(
  `['"](?:${ADAPTERS.flatMap((adapter) => adapter.packages)
    .map((name) => name.replaceAll(/[.*+?^${}()|[\]\\/]/gu, '\\$&'))
    .join('|')})(?:['"]|/)`,
  'u',
);

/**
 * Whether a file may declare apps, routes or middleware, from its text alone: it names a framework
 * package in quotes (an import, a `require`, a re-export) or has a file-convention route name (Next.js).
 * A cheap filter before parsing; the route model decides.
 */
export function mayDeclareRoutes(text: string, filename: string): boolean {
  if (PACKAGE_IMPORT.test(text)) return true;
  const path = filename.replaceAll('\\', '/');
  return ADAPTERS.some((adapter) => adapter.routeFiles?.some((pattern) => pattern.test(path)));
}

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
  const remoteHandlers = locate<RemoteRoute>(
    input.ast,
    external?.handlers.map(({ fn, routes }) => ({ fn, items: routes })),
  );
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
    instanceOf: (node) => builder.instanceOf(node)?.app ?? null,
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
 * The path every route of `app` is served under, from the prefixes and mounts known in this file and
 * (unless `local`) where the project index says the outermost of them is served (`servedUnder`);
 * `null` when a part is not static, the app is mounted in more than one place, or mounts form a cycle.
 */
export function getAppPrefix(app: AppFacts, seen: Set<AppFacts>, local = false): string | null {
  if (app.prefix === null || seen.has(app) || app.mounts.length > 1) return null;
  seen.add(app);
  const own = joinPaths(app.globalPrefix ?? '', app.prefix);
  const mount = app.mounts[0];
  if (!mount) return app.servedUnder === undefined || local ? own : joinPaths(app.servedUnder, own);
  const parent = getAppPrefix(mount.parent, seen, local);
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
