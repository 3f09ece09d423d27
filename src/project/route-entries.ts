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
  /** The full path with a placeholder for each part that is not static (see `joinDisplayPath`). */
  displayPath: string;
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
  authNames: readonly string[] = [],
): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const app of graph.apps) {
    if (app.routes.length === 0) continue;
    // A throwaway app (a config or OpenAPI script's) serves nothing: its chains count only when nothing else reaches the route.
    const all = getMountChains(app);
    const served = all.filter((chain) => !graph.throwaway.has(chain.root));
    const chains = served.length > 0 ? served : all;
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
        const { path, displayPath } = getRoutePath(route, app, chain);
        if (seen.has(displayPath)) continue;
        seen.add(displayPath);
        const middleware = getRouteMiddleware(route, app, chain, path);
        entries.push({
          route,
          app,
          chain,
          path,
          displayPath,
          label: `${route.methods.join('/') || 'a route at'} ${displayPath}`,
          handler,
          middleware,
          traits: getRouteTraits(route, handler, middleware, app.file, resolver, path, authNames),
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

/**
 * The full path of `route` reached through `chain`: the own prefix of each app on the way (Nest's global
 * prefix included), the path of each mount, then the route's path; `path` is `null` when a part is not
 * static, `displayPath` keeps the known parts with `{prefix}`/`{path}` for the rest. A NestJS route gets
 * its URI version segment after the global prefix (`/api/v1/users`: the route's `@Version`, else its
 * controller's, else the app's `defaultVersion`; none for `VERSION_NEUTRAL`), and no global prefix when
 * `setGlobalPrefix`'s `exclude` names its path.
 */
function getRoutePath(
  route: RouteFacts,
  app: ProjectApp,
  chain: MountChain,
): { path: string | null; displayPath: string } {
  const root = chain.root.facts;
  // The own prefix of the root, then each mount's path and the mounted app's own prefix.
  const segments: (string | null)[] = [root.prefix];
  for (const mount of chain.mounts) segments.push(mount.path, mount.child.facts.prefix);
  let global: string | null = root.globalPrefix === undefined ? '' : root.globalPrefix;
  let version = '';
  if (root.framework === 'nestjs') {
    const rest = [...segments, route.path];
    if (
      global &&
      rest.every((part) => part !== null) &&
      isExcluded(root.globalPrefixExclude, joinPaths(...(rest as string[])))
    )
      global = '';
    const chosen =
      route.version !== undefined
        ? route.version
        : app.facts.version !== undefined
          ? app.facts.version
          : (root.versioning?.defaultVersion ?? null);
    if (root.versioning && chosen !== null) version = `${root.versioning.prefix}${chosen}`;
  }
  const parts = [global, version, ...segments];
  const known = parts.every((part) => part !== null) && route.path !== null;
  const path = known ? joinPaths(...(parts as string[]), route.path!) : null;
  if (path !== null) return { path, displayPath: path };
  const display = joinPaths(...parts.map((part) => part ?? '{prefix}'), route.path ?? '{path}')
    .replaceAll(/(?:\/\{prefix\})+/gu, '/{prefix}')
    .replace(/^\/\{prefix\}/u, '{prefix}');
  return { path, displayPath: display };
}

/** Whether Nest's `exclude` list names `path` (a trailing `{/*wildcard}`, `/*` or `(.*)` matches what follows). */
function isExcluded(exclude: readonly string[] | undefined, path: string): boolean {
  return (exclude ?? []).some((entry) => {
    const wildcard = /(?:\{\/\*[^}]*\}|\/\*|\(\.\*\))$/u.exec(entry);
    const base = joinPaths(wildcard ? entry.slice(0, wildcard.index) : entry);
    return wildcard ? path === base || path.startsWith(`${base}/`) : path === base;
  });
}
