import { joinPaths, type RouteFacts } from '../frameworks/index.js';
import {
  getMountChains,
  getRouteMiddleware,
  type AppGraph,
  type MountChain,
  type ProjectApp,
  type ProjectMiddleware,
} from './app-graph.js';
import { positionOf } from './parse.js';
import type { FunctionRef, Resolver } from './resolve.js';
import { getRouteTraits, type RouteTraits } from './route-traits.js';

/** One route as served: once per full path when its app is mounted in several places. */
export interface RouteEntry {
  route: RouteFacts;
  app: ProjectApp;
  chain: MountChain;
  /** Full path with every prefix joined, or `null` when some part is not static. */
  path: string | null;
  /** `GET /v1/users` (methods joined with `/`), the way messages name the route. */
  label: string;
  /** The function serving it, resolved across files when the route names an imported handler. */
  handler: FunctionRef | null;
  /** Middleware that runs before the handler on this path, outermost first. */
  middleware: ProjectMiddleware[];
  traits: RouteTraits;
}

/**
 * Every route of the project with its full path(s), handler, middleware and contract traits, sorted
 * by file and position (then path). A handler the type checker does not resolve (a factory's result,
 * an untyped module's member) is taken from `linked`: the functions the project index linked to a
 * registration, by `projectPath:line` of the registration.
 */
export function collectRouteEntries(
  graph: AppGraph,
  resolver: Resolver,
  linked: ReadonlyMap<string, FunctionRef> = new Map(),
): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const app of graph.apps) {
    if (app.routes.length === 0) continue;
    const chains = getMountChains(app);
    for (const route of app.routes) {
      const handler = route.handler
        ? { file: app.file, fn: route.handler }
        : route.handlerNode
          ? (resolver.functionOf(app.file, route.handlerNode) ??
            linked.get(`${app.file.projectPath}:${positionOf(app.file, route.node).line}`) ??
            null)
          : null;
      const seen = new Set<string | null>();
      for (const chain of chains) {
        const prefix = chain.prefixes.at(-1) ?? null;
        const path = prefix === null || route.path === null ? null : joinPaths(prefix, route.path);
        if (seen.has(path)) continue;
        seen.add(path);
        const middleware = getRouteMiddleware(route, app, chain, path);
        entries.push({
          route,
          app,
          chain,
          path,
          label: `${route.methods.join('/') || 'a route at'} ${path ?? '(dynamic path)'}`,
          handler,
          middleware,
          traits: getRouteTraits(route, handler, middleware, app.file, resolver),
        });
      }
    }
  }
  return entries.sort(
    (a, b) =>
      a.app.file.path.localeCompare(b.app.file.path) ||
      a.route.node.range[0] - b.route.node.range[0] ||
      String(a.path).localeCompare(String(b.path)),
  );
}
