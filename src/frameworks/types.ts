import type { TSESTree } from '@typescript-eslint/utils';

/** The HTTP frameworks the route model recognises. */
export type Framework = 'express' | 'fastify' | 'nestjs' | 'hono' | 'koa' | 'nextjs';

/** An HTTP method in upper case; `ALL` stands for "every method" (Express `all`, Next.js `pages/api`). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';

/** Any ESTree node that is a function with a body. */
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * What kind of thing an {@link AppFacts} is:
 * - `app`: a root application (`express()`, `fastify()`, `new Hono()`, `new Koa()`, `NestFactory.create()`);
 * - `router`: a mountable router (`express.Router()`, `new Router()` from `@koa/router`, a Hono sub-app);
 * - `plugin`: a Fastify plugin function's instance parameter (an encapsulated child of some app);
 * - `controller`: a NestJS `@Controller()` class;
 * - `route-module`: a Next.js route file (`app/**\/route.ts`, `pages/api/**`).
 */
export type AppKind = 'app' | 'router' | 'plugin' | 'controller' | 'route-module';

/**
 * One app, router, plugin instance, controller or route module found in a file.
 * `node` is where it is created or declared: the `CallExpression`/`NewExpression` that makes it,
 * the plugin function, the controller `ClassDeclaration`, or the `Program` of a Next.js route file.
 */
export interface AppFacts {
  framework: Framework;
  kind: AppKind;
  node: TSESTree.Node;
  /** The local binding it is stored in (`app`, `usersRouter`), or `null` when it is never bound. */
  name: string | null;
  /**
   * The path prefix it adds to its own routes, as written: Koa `new Router({ prefix })` /
   * `router.prefix()`, Nest `@Controller('users')`, Hono `basePath()`, Fastify `register(p, { prefix })`
   * seen in the same file. `''` when it has none, `null` when one exists but is not static.
   */
  prefix: string | null;
  /**
   * Where this instance is mounted on another instance of the same file
   * (`app.use('/v1', router)`, `app.route('/x', sub)`, `fastify.register(plugin, { prefix })`,
   * `router.use('/x', sub.routes())`); empty when not mounted in this file.
   */
  mounts: MountFacts[];
  /** Middleware, hooks, guards and error handlers registered on this instance itself, in source order. */
  middleware: MiddlewareFacts[];
  /** NestJS only: the prefix given to `app.setGlobalPrefix()` on a `NestFactory.create()` app. */
  globalPrefix?: string | null;
  /**
   * NestJS only: the paths `setGlobalPrefix(prefix, { exclude })` keeps out of the global prefix, as
   * written (static entries only; `{ path, method }` entries by their path).
   */
  globalPrefixExclude?: string[];
  /**
   * NestJS only: URI versioning from `app.enableVersioning()`: the segment prefix (`v` by default) and the
   * default version (`null` when none, or `VERSION_NEUTRAL`). Absent without versioning or for the
   * header, media-type and custom kinds, which do not change paths.
   */
  versioning?: { prefix: string; defaultVersion: string | null };
  /** NestJS only: `@Controller({ version })`: a version string, `null` for `VERSION_NEUTRAL`, absent when none. */
  version?: string | null;
  /**
   * The path it is served under when it is mounted in another file (`app.use('/api', usersRouter)` in
   * `app.ts`), from the project index (`ExternalFacts.appPrefixes`); absent when unknown.
   */
  servedUnder?: string;
}

/** `parent` mounts the instance under `path` (`null` when the path is not static) at `node`. */
export interface MountFacts {
  parent: AppFacts;
  path: string | null;
  node: TSESTree.Node;
}

/**
 * What a {@link MiddlewareFacts} does:
 * - `middleware`: request middleware (`app.use(fn)`, route-level functions before the handler);
 * - `hook`: a Fastify lifecycle hook (`addHook('onRequest', fn)`, route `preHandler`/`onRequest` option);
 * - `guard`, `pipe`, `interceptor`, `filter`: the NestJS `@UseGuards/@UsePipes/@UseInterceptors/@UseFilters`
 *   entries and `app.useGlobal*()` ones;
 * - `error-handler`: Express 4-arity middleware, Fastify `setErrorHandler`, Hono `onError`, a Koa
 *   middleware whose body wraps `await next()` in `try`/`catch`, Koa `app.on('error')`;
 * - `plugin`: a Fastify plugin from another module (`register(helmet)`), or a Hono/Koa sub-app mount.
 */
export type MiddlewareKind =
  'middleware' | 'hook' | 'guard' | 'pipe' | 'interceptor' | 'filter' | 'error-handler' | 'plugin';

/** One piece of middleware (in the wide sense of {@link MiddlewareKind}). */
export interface MiddlewareFacts {
  framework: Framework;
  kind: MiddlewareKind;
  /** The argument as written: an identifier, a call such as `cors()`, an inline function, a class. */
  node: TSESTree.Node;
  /**
   * A readable name: the identifier (`authenticate`), the callee of a factory call
   * (`passport.authenticate`, `cors`), a class name (`AuthGuard`), or `null` for an anonymous function.
   */
  name: string | null;
  /** The function that runs, when it is inline or a same-file declaration; otherwise `null`. */
  function: FunctionNode | null;
  /** The path it is limited to (`app.use('/admin', mw)`), `''` for all paths, `null` when not static. */
  path: string | null;
  /** Fastify hook name (`onRequest`, `preHandler`, …) for `kind: 'hook'`. */
  hook?: string;
  /** The module a tracked factory came from (`'cors'`, `'@fastify/helmet'`), when known. */
  module?: string;
}

/** A parameter of a NestJS handler decorated with `@Body()`, `@Query()`, `@Param()`, `@Headers()`, `@Req()`, … */
export interface HandlerParamFacts {
  /** The decorator name (`Body`, `Query`, `Param`, `Headers`, `Req`, `Res`, …). */
  source: string;
  /** The key given to the decorator (`@Param('id')` gives `'id'`), or `null`. */
  key: string | null;
  /** The type annotation's name (`CreateUserDto`), or `null` when absent or not a plain type reference. */
  typeName: string | null;
  node: TSESTree.Parameter;
}

/**
 * One route: a method/path pair served by a handler. All paths are as written in the source;
 * `null` means the path is an expression that is not statically known.
 */
export interface RouteFacts {
  framework: Framework;
  /** The instance the route is registered on. */
  app: AppFacts;
  /** The registering node: the call (`router.get(...)`), the Nest `MethodDefinition`, the Next.js export. */
  node: TSESTree.Node;
  methods: HttpMethod[];
  path: string | null;
  /**
   * `path` joined with every prefix known in this file (router prefix, in-file mounts, Nest controller
   * prefix); `null` when some part is not static or the instance is mounted at several paths.
   */
  fullPath: string | null;
  /** The handler as written in the registration (argument, `handler` property, method, export). */
  handlerNode: TSESTree.Node | null;
  /** The function that serves the request, resolved through same-file references and wrappers. */
  handler: FunctionNode | null;
  /** Route-level middleware, hooks, guards and pipes that run before the handler, in order. */
  middleware: MiddlewareFacts[];
  /** Fastify route options object, Hono `createRoute()` config; `null` when none is given or it is not static. */
  options: TSESTree.ObjectExpression | null;
  /** Fastify `schema` / the OpenAPI route config's `request` + `responses`, when present in `options`. */
  schema: TSESTree.Node | null;
  /** NestJS handler parameters with their decorators; empty for other frameworks. */
  params: HandlerParamFacts[];
  /** Names of decorators on a NestJS handler (`Get`, `HttpCode`, `ApiOkResponse`, …); empty elsewhere. */
  decorators: string[];
  /** NestJS only: `@Version('2')` on the handler: the version, `null` for `VERSION_NEUTRAL`, absent when none. */
  version?: string | null;
}

/** Everything the route model found in one file. */
export interface RouteModel {
  apps: AppFacts[];
  routes: RouteFacts[];
  /** Middleware of every app (`apps[i].middleware`) and every route, flattened. */
  middleware: MiddlewareFacts[];
  /** Each handler function with the routes it serves. */
  handlers: Map<FunctionNode, RouteFacts[]>;
  /** Each middleware function with its registrations. */
  middlewareFunctions: Map<FunctionNode, MiddlewareFacts[]>;
  /**
   * Functions that serve requests by their types alone, registered nowhere in this file: a parameter
   * of the framework's request/response/context type (`(req: Request, res: Response)`), or a binding
   * annotated with its handler type (`const list: RequestHandler = …`), with the framework and type; and
   * callbacks run per request (passport verify callbacks, Koa `app.context.onerror`).
   */
  requestFunctions: Map<FunctionNode, RequestFunctionFacts>;
  /**
   * Calls that hand an instance to a function (`configureRoutes(app)`, `require('./routes')(app, db)`),
   * other than the instance's own methods: the project index follows them to the function that receives
   * the app in another file (or this one).
   */
  instanceArguments: InstanceArgument[];
  /**
   * The app an expression holds, when the model followed one to it: the creating call, a binding's read,
   * a chained call that returns the instance (`new Hono().basePath('/api')`); `null` otherwise.
   */
  instanceOf(node: TSESTree.Node): AppFacts | null;
  /** Functions of this file that serve routes registered in another file (from {@link ExternalFacts}). */
  remoteHandlers: Map<FunctionNode, RemoteRoute[]>;
  /** Functions of this file registered as middleware in another file (from {@link ExternalFacts}). */
  remoteMiddleware: Map<FunctionNode, RemoteMiddleware[]>;
}

/**
 * Why a function registered nowhere in its file serves requests: a parameter or binding of the
 * framework's type `typeName`, or a `callback` the framework or a library calls per request (in words:
 * `passport's \`LocalStrategy\` verify callback`, `Koa's \`app.context.onerror\``).
 */
export type RequestFunctionFacts =
  | { framework: Framework; typeName: string; callback?: never }
  | { framework: Framework; callback: string; typeName?: never };

/** `call` passes the instance `app` as its argument number `index` (0-based). */
export interface InstanceArgument {
  call: TSESTree.CallExpression;
  index: number;
  app: AppFacts;
}

/** Where something is registered: a project-relative, `/`-separated file path and a 1-based line. */
export interface RegistrationSite {
  file: string;
  line: number;
}

/**
 * A route registered in another file whose handler is a function of this one, as the project index
 * links them. `path` is the full path as served, with a placeholder (`{prefix}`, `{path}`) for each part
 * that is not statically known.
 */
export interface RemoteRoute extends RegistrationSite {
  framework: Framework;
  methods: HttpMethod[];
  path: string;
}

/** Middleware (in the wide sense of {@link MiddlewareKind}) registered in another file whose function is in this one. */
export interface RemoteMiddleware extends RegistrationSite {
  framework: Framework;
  kind: MiddlewareKind;
  /** The name it is registered under (`authenticate`, `users.load`), or `null`. */
  name: string | null;
}

/**
 * Middleware (in the wide sense of {@link MiddlewareKind}) registered in another file that runs before
 * the routes of an app of this file: on an app it is mounted on (or handed to, or registered in), before
 * the mount where order matters. `path` is the full path it is limited to (`''` for every path, `null`
 * when not static); `authenticates` and `canReject` are set when its function was read (an inline or
 * same-file function): it establishes the caller (see `functionAuthenticates` in src/shared/auth.ts), or
 * it can end a request (see `canRejectRequest`).
 */
export interface ChainMiddleware extends RegistrationSite {
  framework: Framework;
  kind: MiddlewareKind;
  name: string | null;
  /** The package or module specifier it was imported from, as written there, when known. */
  module?: string;
  hook?: string;
  path: string | null;
  authenticates?: boolean;
  canReject?: boolean;
}

/** A source range: start and end offsets in UTF-16 code units, as ESTree's `range`. */
export type SourceRange = readonly [number, number];

/**
 * What the project index knows about one file from the others, handed to its route model
 * (`RouteModelInput.external`). Functions are named by their exact `range` in this file's text; a range
 * that matches no function (the file changed since) is ignored.
 */
export interface ExternalFacts {
  /**
   * Parameters that receive an app or router from a caller (`module.exports = (app) => {…}` called as
   * `require('./routes')(app)`): number `param` of the function at `fn`, with the framework and the path
   * prefix the caller's instance is served under (`null` when not static). `plugin`: a Fastify plugin
   * registered from another file (`app.register(usersRoutes, { prefix: '/users' })`), an encapsulated
   * child instance rather than the caller's app itself.
   */
  parameterApps: { fn: SourceRange; param: number; framework: Framework; prefix: string | null; plugin?: boolean }[];
  /** Routers and sub-apps of this file mounted elsewhere: the instance created at `app`, served under `prefix`. */
  appPrefixes: { app: SourceRange; prefix: string }[];
  handlers: { fn: SourceRange; routes: RemoteRoute[] }[];
  middleware: { fn: SourceRange; registrations: RemoteMiddleware[] }[];
  /**
   * For an instance of this file mounted, handed or registered from other files (a router given to
   * `app.use('/api', router)`, the app parameter of `module.exports = (app) => …`, a Fastify plugin given
   * to `register`), the middleware of those other files that runs before its routes, outermost first
   * ({@link ChainMiddleware}). `complete`: the chain reaches a root app through exactly one mount at each
   * step, so nothing else runs before the routes; `false` when it is mounted in several places or a
   * parent is itself mounted somewhere the index does not see. Absent (or no entry) when unknown.
   */
  appChains?: { app: SourceRange; middleware: ChainMiddleware[]; complete: boolean }[];
}

/** How frameworks are named in messages. */
export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  express: 'Express',
  fastify: 'Fastify',
  nestjs: 'NestJS',
  hono: 'Hono',
  koa: 'Koa',
  nextjs: 'Next.js',
};
