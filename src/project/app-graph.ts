import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { ts } from 'ts-morph';

import {
  joinPaths,
  ROUTER_MIDDLEWARE_METHODS,
  type AppFacts,
  type Framework,
  type FunctionNode,
  type MiddlewareFacts,
  type MiddlewareKind,
  type RouteFacts,
} from '../frameworks/index.js';
import {
  climbValueWrappers,
  findNodeAt,
  findVariable,
  getBindingOrigin,
  getCalleeName,
  getFunctionName,
  getMethodCall,
  getStaticString,
  isFunctionNode,
  resolveFunction,
  scopeOf,
  skipTypeWrappers,
  walk,
} from '../shared/ast/index.js';
import { estreeAnchor, tsAnchor } from './bridge.js';
import { mountedExpression, type AppLink } from '../project-index/index.js';
import type { FileAnalysis } from './file-analysis.js';
import { linkNestApps } from './nest-modules.js';
import type { ParsedFile } from './parse.js';
import { isPackage, type FunctionRef, type Resolver, type ValueRef } from './resolve.js';

/** An app, router, plugin instance, controller or route module of the project. */
export interface ProjectApp {
  facts: AppFacts;
  file: ParsedFile;
  /** Where it is mounted, in its own file or from another one. */
  parents: ProjectMount[];
  children: ProjectMount[];
  /** Middleware, hooks, guards, plugins and error handlers registered on it (mounts of other apps excluded). */
  middleware: ProjectMiddleware[];
  routes: RouteFacts[];
  /** Each route's own middleware (route-level functions, hooks, Nest guards and pipes), resolved like the app's. */
  routeMiddleware: Map<RouteFacts, ProjectMiddleware[]>;
  /**
   * Calls into packages that are handed the app itself (`onerror(app)` of `koa-onerror`,
   * `SwaggerModule.setup(…, app)`): what they install on the app is not middleware of a route, but
   * counts as the app's for the app-level checks.
   */
  handedTo: { node: TSESTree.CallExpression; file: ParsedFile; origin: string }[];
  /**
   * For an app a function creates and returns (`export function createRouter() { return new
   * OpenAPIHono() }`), that function and the calls of it in the service whose caller adds to the app it
   * gets (`const app = createRouter(); app.onError(…)`), which the graph does not follow. Set on root apps.
   */
  factory?: { name: string; calls: FactoryCall[] };
}

/** A call of an app factory whose caller adds to the app it gets: the methods it calls on it (`use`, `onError`). */
export interface FactoryCall {
  file: ParsedFile;
  node: TSESTree.CallExpression;
  methods: string[];
}

/**
 * `child` is served under `parent` at `path` (`null` when not static); `node` registers it, in `file`.
 * `alias`: the child is the parent itself, handed to a function as a parameter (`setup(app)`), so what
 * is registered on it is registered on the parent.
 */
export interface ProjectMount {
  parent: ProjectApp;
  child: ProjectApp;
  path: string | null;
  node: TSESTree.Node;
  file: ParsedFile;
  alias?: boolean;
}

/** One piece of middleware (in the route model's wide sense) with what the project resolved about it. */
export interface ProjectMiddleware {
  kind: MiddlewareKind;
  name: string | null;
  /** The path it is limited to; `''` for every path, `null` when not static. */
  path: string | null;
  hook?: string;
  /** Where it is registered (the argument, or the provider object of a Nest `APP_*` provider). */
  node: TSESTree.Node;
  file: ParsedFile;
  /** The function that runs, when known (same file or another one). */
  fn: FunctionRef | null;
  /** The package it comes from (`helmet`, `express-rate-limit`), followed across files; `null` when it is the service's own. */
  origin: string | null;
}

/** The apps of a project linked across files. */
export interface AppGraph {
  apps: ProjectApp[];
  /**
   * Apps of kind `app` (`express()`, `fastify()`, `new Hono()`, `new Koa()`, `NestFactory.create()`)
   * mounted on nothing, throwaway apps left out.
   */
  roots: ProjectApp[];
  /**
   * Apps created, used and dropped without ever serving: bound to a variable that is only used for the
   * app's own methods (`get`, `use`, `close`, route registrations), never `listen`ed, exported, returned
   * or handed to anything, as a script that builds the app to read its config or write its OpenAPI
   * document does (`const configApp = await NestFactory.create(AppModule); configApp.get(…); await
   * configApp.close()`). They get no app-level check, and their routes are not inventoried twice.
   */
  throwaway: Set<ProjectApp>;
  appOf(facts: AppFacts): ProjectApp | undefined;
}

/** A way a route's app is reached from a root: the prefix every route of the app gets, and the mounts taken, outermost first. */
export interface MountChain {
  root: ProjectApp;
  /** Prefix of each app along the chain, root first, the app itself last. */
  prefixes: (string | null)[];
  mounts: ProjectMount[];
}

/** Fastify application hooks: they run at start-up, shutdown or registration, never for a request. */
export const APPLICATION_HOOKS: ReadonlySet<string> = new Set([
  'onReady',
  'onListen',
  'onClose',
  'preClose',
  'onRoute',
  'onRegister',
]);

/** Frameworks where middleware only applies to what is registered after it. */
const ORDERED: ReadonlySet<Framework> = new Set(['express', 'koa', 'hono']);
/** How many mount chains are followed for one app (a router mounted in many places). */
const MAX_CHAINS = 16;

/**
 * Links the apps of every file into one graph: mounts made in another file (an imported router given
 * to `app.use('/v1', router)`, a plugin given to `register(plugin, { prefix })`, `app.route('/x', sub)`,
 * `app.use(router.routes())`, Nest controllers reached through `@Module` imports from
 * `NestFactory.create(AppModule)`), resolved through the type checker to the app the other file creates.
 * Middleware gets its function and originating package resolved the same way. An app handed to a
 * function as a parameter (`appLinks`, from the project index: `require('./routes')(app)`) is mounted
 * at `''` on the caller's app at the call, so its routes and middleware belong to the caller's app.
 */
export function buildAppGraph(
  analyses: readonly FileAnalysis[],
  resolver: Resolver,
  appLinks: readonly AppLink[] = [],
): AppGraph {
  const apps: ProjectApp[] = [];
  const byFacts = new Map<AppFacts, ProjectApp>();
  const byAnchor = new Map<ParsedFile, Map<string, ProjectApp>>();
  for (const { file, model } of analyses) {
    const anchors = new Map<string, ProjectApp>();
    for (const facts of model.apps) {
      const app: ProjectApp = {
        facts,
        file,
        parents: [],
        children: [],
        middleware: [],
        routes: [],
        routeMiddleware: new Map(),
        handedTo: [],
      };
      apps.push(app);
      byFacts.set(facts, app);
      anchors.set(estreeAnchor(facts.node), app);
    }
    for (const route of model.routes) byFacts.get(route.app)?.routes.push(route);
    byAnchor.set(file, anchors);
  }
  const addMount = (
    parent: ProjectApp,
    child: ProjectApp,
    path: string | null,
    node: TSESTree.Node,
    file: ParsedFile,
    alias = false,
  ): void => {
    if (parent === child || child.parents.some((mount) => mount.parent === parent && mount.node === node)) return;
    const shared = alias || isSharedPlugin(child);
    const mount: ProjectMount = { parent, child, path, node, file, ...(shared ? { alias: true } : {}) };
    child.parents.push(mount);
    parent.children.push(mount);
  };
  const linker = new MountLinker(resolver, byAnchor, byFacts);

  for (const app of apps) {
    for (const mount of app.facts.mounts) {
      const parent = byFacts.get(mount.parent);
      if (parent) addMount(parent, app, mount.path, mount.node, app.file);
    }
  }
  for (const app of apps) {
    for (const item of app.facts.middleware) {
      if (isAllowedMethods(item.node)) continue;
      if ((item.kind === 'middleware' || item.kind === 'plugin') && item.function === null) {
        const child = linker.appFor(app.file, mountedExpression(item.node), app);
        if (child && child !== app) {
          addMount(app, child, koaMountPath(item) ?? item.path, item.node, app.file);
          continue;
        }
      }
      app.middleware.push(resolveMiddleware(resolver, app.file, item));
    }
    for (const route of app.routes)
      app.routeMiddleware.set(
        route,
        route.middleware.map((item) => resolveMiddleware(resolver, app.file, item)),
      );
  }
  const byRange = new Map<string, ProjectApp>();
  for (const app of apps) byRange.set(`${app.file.path}#${app.facts.node.range.join(':')}`, app);
  for (const link of appLinks) {
    const parent = byRange.get(`${link.parentFile}#${link.parentApp.join(':')}`);
    const child = byRange.get(`${link.childFile}#${link.childFn.join(':')}`);
    const call = parent ? findNodeAt(parent.file.ast, link.call) : null;
    if (parent && child && call) addMount(parent, child, link.path, call, parent.file, link.alias);
  }
  for (const { file, model } of analyses) {
    for (const { call, app: facts } of model.instanceArguments) {
      const app = byFacts.get(facts);
      const origin = app ? resolver.packageOrigin(file, call.callee) : null;
      if (app && origin !== null && isPackage(origin)) app.handedTo.push({ node: call, file, origin });
    }
  }
  linkDispatchedApps(analyses, linker, byFacts, addMount);
  const graph: AppGraph = { apps, roots: [], throwaway: new Set(), appOf: (facts) => byFacts.get(facts) };
  linkNestApps(graph, analyses, resolver, addMount);
  for (const app of apps)
    if (app.facts.kind === 'app' && app.parents.length === 0 && isThrowaway(app)) graph.throwaway.add(app);
  graph.roots = apps.filter(
    (app) =>
      (app.facts.kind === 'app' || isFastifyCliApp(app)) && app.parents.length === 0 && !graph.throwaway.has(app),
  );
  for (const root of graph.roots) {
    const factory = getReturningFunction(root);
    if (factory) root.factory = { name: factory.name, calls: findCalls(analyses, resolver, factory.fn, factory.name) };
  }
  return graph;
}

/** The function that creates an app and returns it (directly, or through a binding it returns), with its name. */
function getReturningFunction(app: ProjectApp): { fn: FunctionNode; name: string } | null {
  const value = climbValueWrappers(app.facts.node);
  let returned = false;
  if (value.parent?.type === AST_NODE_TYPES.ReturnStatement) returned = true;
  else if (value.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && value.parent.body === value)
    returned = true;
  else if (
    value.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    value.parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = findVariable(scopeOf(app.file.globalScope, value.parent.id), value.parent.id);
    returned = (variable?.references ?? []).some(
      (reference) => reference.identifier.parent?.type === AST_NODE_TYPES.ReturnStatement,
    );
  }
  if (!returned) return null;
  let current: TSESTree.Node | undefined = value.parent;
  while (current && !isFunctionNode(current)) current = current.parent;
  if (!current) return null;
  const name = getFunctionName(current);
  return name === null ? null : { fn: current, name };
}

/**
 * The methods a caller calls on the app a call returns, other than the ones that only start or hand it
 * on ({@link SERVING_MEMBERS}): directly (`createApp().use(…)`) or through the binding it initialises
 * (`const app = createRouter(); app.onError(…)`). Empty when the caller adds nothing.
 */
function getMethodsOnResult(file: ParsedFile, call: TSESTree.CallExpression): string[] {
  const value = climbValueWrappers(call);
  const methodOf = (node: TSESTree.Node): string | null => {
    const name = getMemberRead(node);
    return name !== null && !SERVING_MEMBERS.has(name) && node.parent?.parent?.type === AST_NODE_TYPES.CallExpression
      ? name
      : null;
  };
  const direct = methodOf(value);
  if (direct !== null) return [direct];
  const declarator = value.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier)
    return [];
  const variable = findVariable(scopeOf(file.globalScope, declarator.id), declarator.id);
  return (variable?.references ?? []).flatMap((reference) => methodOf(reference.identifier) ?? []);
}

/**
 * The calls of `fn` in the service whose caller adds to the app it returns, with the methods it calls on
 * it, found by name and confirmed by resolving the callee.
 */
function findCalls(
  analyses: readonly FileAnalysis[],
  resolver: Resolver,
  fn: FunctionNode,
  name: string,
): FactoryCall[] {
  const calls: FactoryCall[] = [];
  for (const { file } of analyses) {
    if (!file.sourceFile.text.includes(name)) continue;
    walk(file.ast, file.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const methods = getCalleeName(node.callee) === name ? getMethodsOnResult(file, node) : [];
      if (methods.length > 0 && resolver.calleeOf(file, node)?.fn === fn) calls.push({ file, node, methods });
      return true;
    });
  }
  return calls;
}

/**
 * Every way an app is reached from an app mounted on nothing, with the prefix at each step
 * (`null` where a part is not static). An app mounted nowhere has one chain: itself.
 */
export function getMountChains(app: ProjectApp, seen: ReadonlySet<ProjectApp> = new Set()): MountChain[] {
  const own = getOwnPrefix(app.facts);
  if (app.parents.length === 0 || seen.has(app)) return [{ root: app, prefixes: [own], mounts: [] }];
  const inner = new Set(seen).add(app);
  const chains: MountChain[] = [];
  for (const mount of app.parents) {
    for (const chain of getMountChains(mount.parent, inner)) {
      const above = chain.prefixes.at(-1) ?? null;
      const prefix = above === null || mount.path === null || own === null ? null : joinPaths(above, mount.path, own);
      chains.push({ root: chain.root, prefixes: [...chain.prefixes, prefix], mounts: [...chain.mounts, mount] });
      if (chains.length >= MAX_CHAINS) return chains;
    }
  }
  return chains;
}

/** The prefix an app adds to its own routes: Nest's global prefix, then its own (`@Controller('users')`, Koa `prefix`, Hono `basePath`). */
export function getOwnPrefix(facts: AppFacts): string | null {
  return facts.prefix === null || facts.globalPrefix === null
    ? null
    : joinPaths(facts.globalPrefix ?? '', facts.prefix);
}

/**
 * The middleware that runs before `route` when it is reached through `chain`, outermost first: that of
 * each app along the chain registered before the mount (Express, Koa and Hono run middleware in
 * registration order) and covering the route's path, then the route's own. Error handlers are left out.
 */
export function getRouteMiddleware(
  route: RouteFacts,
  app: ProjectApp,
  chain: MountChain,
  fullPath: string | null,
): ProjectMiddleware[] {
  const result: ProjectMiddleware[] = [];
  const steps: { app: ProjectApp; before: TSESTree.Node; beforeFile: ParsedFile; prefix: string | null }[] =
    chain.mounts.map((mount, index) => ({
      app: mount.parent,
      before: mount.node,
      beforeFile: mount.file,
      prefix: chain.prefixes[index] ?? null,
    }));
  // A Nest route's own middleware already starts with its controller's guards and pipes.
  if (app.facts.kind !== 'controller')
    steps.push({ app, before: route.node, beforeFile: app.file, prefix: chain.prefixes.at(-1) ?? null });
  for (const step of steps) {
    for (const item of step.app.middleware) {
      if (item.kind === 'error-handler' || (item.hook !== undefined && APPLICATION_HOOKS.has(item.hook))) continue;
      if (
        ORDERED.has(step.app.facts.framework) &&
        item.file === step.beforeFile &&
        item.node.range[0] > step.before.range[0]
      )
        continue;
      if (!coversPath(item.path, step.prefix, fullPath)) continue;
      result.push(item);
    }
  }
  result.push(...(app.routeMiddleware.get(route) ?? []));
  return result;
}

/** Resolves one middleware entry of the route model: the function it runs (across files) and its package. */
function resolveMiddleware(resolver: Resolver, file: ParsedFile, item: MiddlewareFacts): ProjectMiddleware {
  const inner = skipTypeWrappers(item.node);
  const fn = item.function
    ? { file, fn: item.function }
    : inner.type === AST_NODE_TYPES.CallExpression
      ? getFactoryResult(resolver, file, inner)
      : inner.type === AST_NODE_TYPES.NewExpression
        ? null
        : resolver.functionOf(file, inner);
  const origin =
    item.module !== undefined && isPackage(item.module) ? item.module : resolver.packageOrigin(file, item.node);
  return {
    kind: item.kind,
    name: item.name,
    path: item.path,
    ...(item.hook ? { hook: item.hook } : {}),
    node: item.node,
    file,
    fn,
    origin,
  };
}

/**
 * The middleware a factory call returns (`app.use(apiErrorHandler())` with `apiErrorHandler` declared in
 * the service, in this file or another): the one function the factory returns, directly or through a
 * `const`; `null` for calls into packages, or factories that return anything else or several functions.
 */
function getFactoryResult(resolver: Resolver, file: ParsedFile, call: TSESTree.CallExpression): FunctionRef | null {
  const factory = resolver.calleeOf(file, call);
  if (!factory) return null;
  const returned = new Set<FunctionNode>();
  const add = (node: TSESTree.Node | null | undefined): boolean => {
    const inner = node ? skipTypeWrappers(node) : null;
    const fn = inner
      ? isFunctionNode(inner)
        ? inner
        : resolveFunction(inner, scopeOf(factory.file.globalScope, inner))
      : null;
    if (fn) returned.add(fn);
    return fn !== null;
  };
  const body = factory.fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    add(body);
  } else {
    let other = false;
    walk(body, factory.file.visitorKeys, (node) => {
      if (node !== body && isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && !add(node.argument)) other = true;
      return true;
    });
    if (other) return null;
  }
  const [only] = returned;
  return returned.size === 1 && only ? { file: factory.file, fn: only } : null;
}

/** Member reads on an app that run it from inside another app's middleware: Koa `app.middleware` / `app.callback()`, Express `app.handle()`. */
const DISPATCH_MEMBERS: ReadonlySet<string> = new Set(['middleware', 'callback', 'handle', 'fetch']);

/**
 * Links apps that another app's middleware function runs by hand, such as a Koa app choosing a sub-app
 * by subdomain (`await compose(appAdmin.middleware)(ctx)`) or an Express app calling `api.handle(req,
 * res, next)`: the sub-app is mounted on the app at `''` (it sees the request's own path), so it inherits
 * the app's controls and is not taken for a root app of its own.
 */
function linkDispatchedApps(
  analyses: readonly FileAnalysis[],
  linker: MountLinker,
  byFacts: ReadonlyMap<AppFacts, ProjectApp>,
  addMount: (parent: ProjectApp, child: ProjectApp, path: string | null, node: TSESTree.Node, file: ParsedFile) => void,
): void {
  for (const { file, model } of analyses) {
    for (const [fn, registrations] of model.middlewareFunctions) {
      const parents = registrations.flatMap((item) => {
        const app = model.apps.find((candidate) => candidate.middleware.includes(item));
        const parent = app ? byFacts.get(app) : undefined;
        return parent ? [parent] : [];
      });
      if (parents.length === 0) continue;
      walk(fn.body, file.visitorKeys, (node) => {
        if (
          node.type !== AST_NODE_TYPES.MemberExpression ||
          node.computed ||
          node.property.type !== AST_NODE_TYPES.Identifier ||
          !DISPATCH_MEMBERS.has(node.property.name)
        )
          return true;
        const child = linker.appFor(file, node.object);
        if (child) for (const parent of parents) if (child !== parent) addMount(parent, child, '', node, file);
        return true;
      });
    }
  }
}

/** What a use of an app binding means: the app is started or handed on (`listen`, `callback()`, `fetch`, …). */
const SERVING_MEMBERS: ReadonlySet<string> = new Set([
  'listen',
  'callback',
  'fetch',
  'handle',
  'handler',
  'request',
  'server',
  'getHttpServer',
  'getHttpAdapter',
  'init',
  'ready',
  'inject',
  'routing',
  'middleware',
  'routes',
  'start',
  'startAllMicroservices',
]);

/**
 * Whether a root app is a throwaway (see {@link AppGraph.throwaway}): the creating expression (through
 * `await` and type wrappers) initialises a `const`/`let` that is not exported, and every read of that
 * binding is the object of a member other than {@link SERVING_MEMBERS}. Anything else (no binding,
 * `export const app`, `module.exports = app`, `return app`, `serve(app)`) is an app that may serve.
 */
function isThrowaway(app: ProjectApp): boolean {
  const current = climbValueWrappers(app.facts.node);
  const declarator = current.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== current ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  )
    return false;
  const variable = findVariable(scopeOf(app.file.globalScope, declarator.id), declarator.id);
  if (!variable) return false;
  return variable.references.every((reference) => {
    if (reference.init) return true;
    const name = getMemberRead(reference.identifier);
    return name !== null && !SERVING_MEMBERS.has(name);
  });
}

/** The member `node` is the object of (`app.get` → `get`), when written with a plain name; `null` otherwise. */
function getMemberRead(node: TSESTree.Node): string | null {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === node &&
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier
    ? parent.property.name
    : null;
}

/** Resolves middleware-position expressions to the app another (or the same) file creates. */
class MountLinker {
  constructor(
    private readonly resolver: Resolver,
    private readonly byAnchor: ReadonlyMap<ParsedFile, ReadonlyMap<string, ProjectApp>>,
    private readonly byFacts: ReadonlyMap<AppFacts, ProjectApp>,
  ) {}

  /** The app an expression evaluates to: directly, through a wrapper call (`fp(plugin)`), or returned by a factory (`createRouter()`). */
  appFor(file: ParsedFile, node: TSESTree.Node, mountedOn?: ProjectApp): ProjectApp | null {
    for (const value of this.resolver.valuesOf(file, node)) {
      const app = this.appForValue(value, 0, mountedOn);
      if (app) return this.chainHead(app);
    }
    return null;
  }

  /**
   * `mountedOn`: the app the expression is mounted on, never its answer through an argument: in
   * `app.use(routes(app))` the app handed to the factory is not what the factory returns.
   */
  private appForValue(value: ValueRef, depth: number, mountedOn?: ProjectApp): ProjectApp | null {
    if (!value.file) return null;
    const anchored = this.byAnchor.get(value.file)?.get(tsAnchor(value.node, value.file.sourceFile));
    if (anchored) return anchored;
    if (!ts.isCallExpression(value.node) || depth > 2) return null;
    // `export default router.middleware()` / `router.routes()` (Koa routers): mounting it mounts the router.
    const callee = value.node.expression;
    if (ts.isPropertyAccessExpression(callee) && ROUTER_MIDDLEWARE_METHODS.has(callee.name.text)) {
      for (const inner of this.resolver.valuesOfTs(callee.expression)) {
        const app = this.appForValue(inner, depth + 1);
        if (app) return app;
      }
    }
    for (const argument of value.node.arguments) {
      for (const inner of this.resolver.valuesOfTs(argument)) {
        const app = this.appForValue(inner, depth + 1, mountedOn);
        if (app && app !== mountedOn) return app;
      }
    }
    for (const callee of this.resolver.valuesOfTs(value.node.expression)) {
      for (const returned of getReturnedExpressions(callee.node)) {
        for (const inner of this.resolver.valuesOfTs(returned)) {
          const app = this.appForValue(inner, depth + 1);
          if (app) return app;
        }
      }
    }
    return null;
  }

  /**
   * For an app created by a chain on another unbound app (`new Hono().basePath('/api')`), the app at the
   * head of the chain: mounting the export mounts what the chain started from.
   */
  private chainHead(app: ProjectApp): ProjectApp {
    let current = app;
    for (let guard = 0; guard < 8; guard += 1) {
      const mount = current.facts.mounts.find(
        (item) =>
          item.parent.node.range[0] >= current.facts.node.range[0] &&
          item.parent.node.range[1] <= current.facts.node.range[1] &&
          item.parent.name === null,
      );
      const parent = mount ? this.byFacts.get(mount.parent) : undefined;
      if (!parent) return current;
      current = parent;
    }
    return current;
  }
}

/**
 * Whether an app is a Fastify plugin wrapped in `fastify-plugin` (`export default fp(async (fastify) =>
 * …)`): fastify-plugin turns off encapsulation, so what the plugin registers (hooks, `setErrorHandler`,
 * decorators) belongs to the instance that registers it, as Fastify's docs on encapsulation say.
 */
function isSharedPlugin(app: ProjectApp): boolean {
  if (app.facts.framework !== 'fastify' || app.facts.kind !== 'plugin') return false;
  const call = app.facts.node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== app.facts.node) return false;
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.Identifier &&
    getBindingOrigin(callee, scopeOf(app.file.globalScope, callee))?.module === 'fastify-plugin'
  );
}

/**
 * A fastify-cli application (`fastify start app.js`): the plugin its file default-exports, when it
 * registers `@fastify/autoload`. fastify-cli creates the Fastify instance and registers this plugin on
 * it with `fastify-plugin` semantics, so what the plugin registers is the app's own.
 */
function isFastifyCliApp(app: ProjectApp): boolean {
  if (app.facts.framework !== 'fastify' || app.facts.kind !== 'plugin') return false;
  if (!app.facts.middleware.some((item) => item.module === '@fastify/autoload')) return false;
  const fn = app.facts.node;
  for (const statement of app.file.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) continue;
    const exported = skipTypeWrappers(statement.declaration);
    if (exported === fn) return true;
    if (exported.type === AST_NODE_TYPES.Identifier) {
      const declarator = fn.parent;
      return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier
        ? declarator.id.name === exported.name
        : fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id?.name === exported.name;
    }
  }
  return false;
}

/** The expressions a function returns (its expression body, or its `return` statements outside nested functions). */
function getReturnedExpressions(node: ts.Node): ts.Expression[] {
  if (!ts.isFunctionLike(node) || !('body' in node) || !node.body) return [];
  const body = node.body as ts.Node;
  if (!ts.isBlock(body)) return [body as ts.Expression];
  const found: ts.Expression[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isReturnStatement(child) && child.expression) found.push(child.expression);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The path of `mount('/api', app)` (`koa-mount`) below the middleware's own path; `undefined` for anything else. */
function koaMountPath(item: MiddlewareFacts): string | null | undefined {
  const call = skipTypeWrappers(item.node);
  if (item.module !== 'koa-mount' || call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 2)
    return undefined;
  const path = getStaticString(call.arguments[0]);
  return path === null || item.path === null ? null : joinPaths(item.path, path);
}

/** Koa's `router.allowedMethods()`: answers OPTIONS/405 for a router, neither a mount nor middleware worth listing. */
function isAllowedMethods(node: TSESTree.Node): boolean {
  const inner = skipTypeWrappers(node);
  return inner.type === AST_NODE_TYPES.CallExpression && getMethodCall(inner)?.method === 'allowedMethods';
}

/**
 * Whether middleware limited to `path` on an app served under `prefix` runs for a route at `fullPath`.
 * Segments compare one by one; `*` matches the rest, `:param` and `(…)` patterns match any segment.
 */
function coversPath(path: string | null, prefix: string | null, fullPath: string | null): boolean {
  if (path === '' || path === '/' || path === null || prefix === null || fullPath === null) return true;
  const wanted = joinPaths(prefix, path).split('/').filter(Boolean);
  const actual = fullPath.split('/').filter(Boolean);
  for (let index = 0; index < wanted.length; index += 1) {
    const segment = wanted[index]!;
    if (segment === '*' || segment.endsWith('*')) return true;
    const got = actual[index];
    if (got === undefined) return false;
    if (segment !== got && !segment.startsWith(':') && !got.startsWith(':')) return false;
  }
  return true;
}
