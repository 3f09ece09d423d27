import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  getAppPrefix,
  joinPaths,
  ROUTER_MIDDLEWARE_METHODS,
  type AppFacts,
  type AppKind,
  type Framework,
  type HttpMethod,
  type MiddlewareKind,
  type RouteModel,
  type SourceRange,
} from '../frameworks/index.js';
import {
  findExportedConst,
  findObjectProperty,
  findVariable,
  getConstantInit,
  getDottedName,
  getImportOrigin,
  getMethodCall,
  getRequiredModule,
  getStaticString,
  isFunctionNode,
  isNode,
  resolveConstant,
  resolveObjectLiteral,
  scopeOf,
  skipTypeWrappers,
} from '../shared/ast/index.js';
import { canRejectRequest, functionAuthenticates } from '../shared/auth.js';

/**
 * What an expression of a file evaluates to, as far as the file alone tells, kept as data so another
 * file's question can be answered without its syntax tree:
 * - `function`: a function of this file (its `range`), with what it returns (factories), and the app
 *   `summary.apps[app]` when it is a plugin or receives an app as a parameter;
 * - `class`: a class of this file, its instance methods and static ones;
 * - `object`: an object literal with its properties;
 * - `app`: the app or router `summary.apps[app]`;
 * - `import`: the export `name` (`default`, `*` or a name) of module `module` (specifier as written);
 * - `member`, `call`, `new`: a property of, a call of, a `new` of another value;
 * - `unknown`: anything else.
 */
export type Value =
  | { kind: 'function'; range: SourceRange; returns: Value[]; app?: number }
  | { kind: 'class'; name: string | null; methods: Record<string, Value>; statics: Record<string, Value> }
  | { kind: 'object'; members: Record<string, Value> }
  | { kind: 'app'; app: number }
  | { kind: 'import'; module: string; name: string }
  | { kind: 'member'; object: Value; name: string }
  | { kind: 'call'; callee: Value; args: Value[] }
  | { kind: 'new'; callee: Value }
  | { kind: 'unknown' };

/** One app, router, plugin instance, controller or route module of a file, as the index links it. */
export interface AppSummary {
  framework: Framework;
  kind: AppKind;
  range: SourceRange;
  /** The app its local mounts lead to (itself when mounted on nothing in this file). */
  localRoot: number;
  /** The prefix its routes get below `localRoot` (own prefix and local mounts); `null` when not static. */
  localPrefix: string | null;
  /** Where the route model was told it is served (a parameter app under its caller's prefix). */
  servedUnder?: string;
  /** The instance of this file it is mounted on (its first mount), with the mount's offset and path. */
  localMount?: { parent: number; start: number; path: string | null };
  /**
   * Its own middleware, hooks and guards in source order (error handlers and mounts left out), for the
   * chains of the instances mounted on it in other files ({@link ChainItemSummary}).
   */
  chain?: ChainItemSummary[];
}

/**
 * One middleware registered on an app, as a chain entry: where it is (`start` offset, `line`), what it
 * is, the path it is limited to (relative to the app), and, when its function is in the file, whether
 * it authenticates or can end a request.
 */
export interface ChainItemSummary {
  kind: MiddlewareKind;
  name: string | null;
  module?: string;
  hook?: string;
  path: string | null;
  start: number;
  line: number;
  authenticates?: boolean;
  canReject?: boolean;
}

/** One route of a file. `handler` is set when the route model could not resolve the handler in the file. */
export interface RouteSummary {
  framework: Framework;
  methods: HttpMethod[];
  /** The path as written (`null` when not static). */
  path: string | null;
  app: number;
  line: number;
  handler: Value | null;
  /** The module specifiers `handler` mentions (what it can lead to in other files). */
  modules: string[];
}

/** Middleware (wide sense) whose function is not in the file, or an instance given to `use` (a mount). */
export interface MiddlewareSummary {
  framework: Framework;
  kind: MiddlewareKind;
  name: string | null;
  app: number;
  /** The path it is limited to (a mount's path); `''` for every path, `null` when not static. */
  path: string | null;
  line: number;
  /** The offset it is registered at (to order it against the app's other middleware). */
  start?: number;
  value: Value;
  /** The module specifiers `value` mentions. */
  modules: string[];
}

/**
 * `fastify.register(AutoLoad, { dir, options })` (`@fastify/autoload`): every plugin file under `dir`
 * (relative to this file's directory) is registered on `app`, each under `prefix` (from
 * `options.prefix`, `''` when none, `null` when not static) and, unless `dirNames` is `false`
 * (`dirNameRoutePrefix: false`), the path of its folder.
 */
export interface AutoloadSummary {
  app: number;
  dir: string;
  prefix: string | null;
  dirNames: boolean;
  call: SourceRange;
}

/** The facts of one file the project index links with the others. */
export interface FileSummary {
  autoloads: AutoloadSummary[];
  /** `export const autoPrefix = '/x'`: the prefix `@fastify/autoload` gives this plugin file's routes. */
  autoPrefix?: string;
  apps: AppSummary[];
  routes: RouteSummary[];
  middleware: MiddlewareSummary[];
  /** Calls (at `call`) that hand `app` to the function `callee` (mentioning `modules`) as argument `index`. */
  instanceArguments: { app: number; callee: Value; index: number; call: SourceRange; modules: string[] }[];
  /** ES exports by name (`default` included) and `module.exports` members. */
  exports: Record<string, Value>;
  /** What `module.exports` is assigned, when it is. */
  moduleExports: Value | null;
  /** Specifiers of `export * from '…'`. */
  starExports: string[];
  /** Every module specifier the file imports, requires or re-exports. */
  specifiers: string[];
}

/** How deep {@link summarizeFile} follows bindings, returns and members of one expression. */
const MAX_DEPTH = 6;

/**
 * Summarises one parsed file from its route model: apps with their local prefixes, routes whose handler
 * is not in the file and middleware whose function is not (each as a {@link Value}), calls that hand an
 * app to a function, and what the file exports (ES exports, `module.exports`, `exports.x`). Pure.
 */
export function summarizeFile(
  ast: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  model: RouteModel,
): FileSummary {
  const appIndex = new Map<AppFacts, number>();
  model.apps.forEach((app, index) => appIndex.set(app, index));
  const describer = new Describer(globalScope, new Map(model.apps.map((app, index) => [app.node, index])), (node) => {
    const app = model.instanceOf(node);
    return app ? (appIndex.get(app) ?? null) : null;
  });
  const apps = model.apps.map((app): AppSummary => {
    const mount = app.mounts[0];
    const parent = mount ? appIndex.get(mount.parent) : undefined;
    const chain = summarizeChain(app, globalScope);
    return {
      framework: app.framework,
      kind: app.kind,
      range: app.node.range,
      localRoot: appIndex.get(getLocalRoot(app)) ?? 0,
      localPrefix: getAppPrefix(app, new Set(), true),
      ...(app.servedUnder === undefined ? {} : { servedUnder: app.servedUnder }),
      ...(mount && parent !== undefined
        ? { localMount: { parent, start: mount.node.range[0], path: mount.path } }
        : {}),
      ...(chain.length > 0 ? { chain } : {}),
    };
  });
  const routes: RouteSummary[] = model.routes.map((route) => {
    const handler = !route.handler && route.handlerNode ? describer.describe(route.handlerNode, 0) : null;
    return {
      framework: route.framework,
      methods: route.methods,
      path: route.path,
      app: appIndex.get(route.app) ?? 0,
      line: route.node.loc.start.line,
      handler,
      modules: handler ? modulesOf(handler) : [],
    };
  });
  const middleware: MiddlewareSummary[] = [];
  const autoloads: AutoloadSummary[] = [];
  for (const app of model.apps) {
    for (const item of [...app.middleware, ...model.routes.filter((r) => r.app === app).flatMap((r) => r.middleware)]) {
      if (item.function) continue;
      if (item.module === '@fastify/autoload') {
        const autoload = readAutoload(item.node, globalScope);
        if (autoload) autoloads.push({ app: appIndex.get(app)!, ...autoload });
        continue;
      }
      for (const { node, path } of mountedExpressions(item.node, item.path, item.module, globalScope)) {
        const value = describer.describe(node, 0);
        if (value.kind === 'unknown') continue;
        middleware.push({
          framework: item.framework,
          kind: item.kind,
          name: item.name,
          app: appIndex.get(app)!,
          path,
          line: item.node.loc.start.line,
          start: item.node.range[0],
          value,
          modules: modulesOf(value),
        });
      }
    }
  }
  const instanceArguments = model.instanceArguments.flatMap(({ call, index, app }) => {
    const callee = describer.describe(call.callee, 0);
    return callee.kind === 'unknown'
      ? []
      : [{ app: appIndex.get(app)!, callee, index, call: call.range, modules: modulesOf(callee) }];
  });
  const exported = collectExports(ast, describer);
  const autoPrefixNode = exported.exports.autoPrefix ? findExportedConst(ast, 'autoPrefix') : null;
  const autoPrefix = autoPrefixNode ? getStaticString(autoPrefixNode) : null;
  return {
    apps,
    routes,
    middleware,
    instanceArguments,
    autoloads,
    ...(autoPrefix === null ? {} : { autoPrefix }),
    ...exported,
  };
}

/**
 * The options of `register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix } })`:
 * `dir` is read as the string parts written after the module's own directory (`__dirname`,
 * `import.meta.dirname`, `new URL('routes', import.meta.url)`), joined; `null` when `dir` names no
 * directory that way.
 */
function readAutoload(plugin: TSESTree.Node, globalScope: TSESLint.Scope.Scope): Omit<AutoloadSummary, 'app'> | null {
  const call = plugin.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== plugin) return null;
  const options = call.arguments[1] ? resolveObjectLiteral(call.arguments[1], scopeOf(globalScope, call)) : null;
  if (!options) return null;
  const scope = scopeOf(globalScope, options);
  const dirNode = findObjectProperty(options, 'dir', scope)?.value;
  if (!dirNode) return null;
  const parts: string[] = [];
  let relativeToModule = false;
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === '__dirname') relativeToModule = true;
    if (node.type === AST_NODE_TYPES.MetaProperty) relativeToModule = true;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') parts.push(node.value);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) if (isNode(item)) visit(item);
    }
  };
  visit(resolveConstant(dirNode, scope));
  if (!relativeToModule || parts.length === 0) return null;
  // `register(AutoLoad, { prefix })` prefixes the plugins it loads; so does `options: { prefix }`, given to each.
  const optionsNode = findObjectProperty(options, 'options', scope)?.value;
  const pluginOptions = optionsNode ? resolveObjectLiteral(optionsNode, scope) : null;
  const prefixes = [options, pluginOptions].map((object) => {
    const node = object ? findObjectProperty(object, 'prefix', scope)?.value : undefined;
    return node ? getStaticString(node, scope) : '';
  });
  const dirNames = findObjectProperty(options, 'dirNameRoutePrefix', scope)?.value;
  return {
    dir: parts.join('/'),
    prefix: prefixes.includes(null) ? null : joinPaths(...(prefixes as string[])),
    dirNames: !(dirNames?.type === AST_NODE_TYPES.Literal && dirNames.value === false),
    call: call.range,
  };
}

/**
 * The middleware of `app` as chain entries (see {@link ChainItemSummary}): error handlers are left out,
 * and so are mounts of other instances (a Koa `router.routes()`, a Hono sub-app), which are links.
 */
function summarizeChain(app: AppFacts, globalScope: TSESLint.Scope.Scope): ChainItemSummary[] {
  return app.middleware.flatMap((item): ChainItemSummary[] => {
    if (item.kind === 'error-handler') return [];
    const fn = item.function;
    return [
      {
        kind: item.kind,
        name: item.name,
        ...(item.module === undefined ? {} : { module: item.module }),
        ...(item.hook === undefined ? {} : { hook: item.hook }),
        path: item.path,
        start: item.node.range[0],
        line: item.node.loc.start.line,
        ...(fn ? { authenticates: functionAuthenticates(fn, globalScope, []), canReject: canRejectRequest(fn) } : {}),
      },
    ];
  });
}

/** The module specifiers a value mentions, each once. */
function modulesOf(value: Value): string[] {
  const found = new Set<string>();
  const visit = (item: Value): void => {
    switch (item.kind) {
      case 'import':
        found.add(item.module);
        return;
      case 'function':
        item.returns.forEach(visit);
        return;
      case 'class':
        Object.values(item.methods).forEach(visit);
        Object.values(item.statics).forEach(visit);
        return;
      case 'object':
        Object.values(item.members).forEach(visit);
        return;
      case 'member':
        visit(item.object);
        return;
      case 'call':
        visit(item.callee);
        item.args.forEach(visit);
        return;
      case 'new':
        visit(item.callee);
        return;
      default:
        return;
    }
  };
  visit(value);
  return [...found];
}

/** The app `app`'s local mounts lead to (the first mount is followed, as `getAppPrefix` does). */
function getLocalRoot(app: AppFacts): AppFacts {
  const seen = new Set<AppFacts>();
  let current = app;
  while (current.mounts[0] && !seen.has(current)) {
    seen.add(current);
    current = current.mounts[0].parent;
  }
  return current;
}

/**
 * What a middleware argument registers, with the path it is served under: the argument itself, `router`
 * for Koa's `router.routes()` / `router.middleware()`, the app of `mount('/api', app)` (`koa-mount`)
 * under that path, and each element of `compose([a, b])` (`koa-compose`).
 */
function mountedExpressions(
  node: TSESTree.Node,
  path: string | null,
  module: string | undefined,
  globalScope: TSESLint.Scope.Scope,
): { node: TSESTree.Node; path: string | null }[] {
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.CallExpression && module === 'koa-mount') {
    const [first, second] = inner.arguments;
    if (!second) return first ? [{ node: mountedExpression(first), path }] : [];
    const mountPath = getStaticString(first, scopeOf(globalScope, inner));
    return [
      {
        node: mountedExpression(second),
        path: path === null || mountPath === null ? null : joinPaths(path, mountPath),
      },
    ];
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && module === 'koa-compose') {
    const list = inner.arguments[0] ? resolveConstant(inner.arguments[0], scopeOf(globalScope, inner)) : null;
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
    return list.elements.flatMap((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? [{ node: mountedExpression(element), path }] : [],
    );
  }
  return [{ node: mountedExpression(inner), path }];
}

/** What a middleware argument mounts: `router` for Koa's `router.routes()` / `router.middleware()`. */
export function mountedExpression(node: TSESTree.Node): TSESTree.Node {
  const inner = skipTypeWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return inner;
  const method = getMethodCall(inner);
  return method && ROUTER_MIDDLEWARE_METHODS.has(method.method) && inner.arguments.length === 0 ? method.object : inner;
}

/** ES exports, `module.exports` / `exports.x` assignments, star re-exports and every specifier. */
function collectExports(
  ast: TSESTree.Program,
  describer: Describer,
): Pick<FileSummary, 'exports' | 'moduleExports' | 'starExports' | 'specifiers'> {
  const exports: Record<string, Value> = {};
  let moduleExports: Value | null = null;
  const starExports: string[] = [];
  const specifiers = new Set<string>();
  for (const statement of ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        specifiers.add(statement.source.value);
        break;
      case AST_NODE_TYPES.ExportAllDeclaration:
        specifiers.add(statement.source.value);
        if (statement.exported) {
          exports[exportedName(statement.exported)] = {
            kind: 'import',
            module: statement.source.value,
            name: '*',
          };
        } else {
          starExports.push(statement.source.value);
        }
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        exports.default = describer.describe(statement.declaration, 0);
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const source = statement.source?.value;
        if (source) specifiers.add(source);
        for (const specifier of statement.specifiers) {
          const local = exportedName(specifier.local);
          exports[exportedName(specifier.exported)] = source
            ? { kind: 'import', module: source, name: local }
            : describer.describe(specifier.local, 0);
        }
        const declaration = statement.declaration;
        if (
          declaration?.type === AST_NODE_TYPES.FunctionDeclaration ||
          declaration?.type === AST_NODE_TYPES.ClassDeclaration
        ) {
          if (declaration.id) exports[declaration.id.name] = describer.describe(declaration, 0);
        } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init)
              exports[declarator.id.name] = describer.describe(declarator.init, 0);
          }
        }
        break;
      }
      default: {
        for (const { target, value } of findModuleExportAssignments(statement)) {
          if (target === null) moduleExports = describer.describe(value, 0);
          else exports[target] = describer.describe(value, 0);
        }
      }
    }
  }
  for (const module of describer.requiredModules) specifiers.add(module);
  return { exports, moduleExports, starExports, specifiers: [...specifiers] };
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/**
 * `module.exports = x` (target `null`), `module.exports.name = x` / `exports.name = x` (target `name`) in
 * a top-level statement, also inside a declaration (`const app = module.exports = new Koa()`).
 */
function findModuleExportAssignments(
  statement: TSESTree.ProgramStatement,
): { target: string | null; value: TSESTree.Node }[] {
  const found: { target: string | null; value: TSESTree.Node }[] = [];
  const visit = (node: TSESTree.Node | null | undefined): void => {
    if (node?.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return;
    const left = node.left;
    const dotted = left.type === AST_NODE_TYPES.MemberExpression ? getDottedName(left) : null;
    if (dotted === 'module.exports') found.push({ target: null, value: node.right });
    else if (dotted && /^(?:module\.)?exports\.[^.]+$/u.test(dotted))
      found.push({ target: dotted.slice(dotted.lastIndexOf('.') + 1), value: node.right });
    visit(node.right);
  };
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) visit(statement.expression);
  if (statement.type === AST_NODE_TYPES.VariableDeclaration)
    for (const declarator of statement.declarations) visit(declarator.init);
  return found;
}

/** Turns expressions of one file into {@link Value}s, following same-file bindings. */
class Describer {
  /** Modules named by `require('…')` calls met while describing (imports are listed from the statements). */
  readonly requiredModules = new Set<string>();

  constructor(
    private readonly globalScope: TSESLint.Scope.Scope,
    private readonly apps: ReadonlyMap<TSESTree.Node, number>,
    private readonly instanceOf: (node: TSESTree.Node) => number | null,
  ) {}

  describe(node: TSESTree.Node, depth: number): Value {
    if (depth > MAX_DEPTH) return { kind: 'unknown' };
    const app = this.apps.get(node) ?? (isFunctionNode(node) ? undefined : (this.instanceOf(node) ?? undefined));
    // A plugin or parameter app is its function too: what other files call or register.
    if (isFunctionNode(node)) return { ...this.describeFunction(node, depth), ...(app === undefined ? {} : { app }) };
    if (app !== undefined) return { kind: 'app', app };
    const inner = skipTypeWrappers(node);
    if (inner !== node) return this.describe(inner, depth);
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.describe(node.argument, depth + 1);
      case AST_NODE_TYPES.Identifier:
        return this.describeIdentifier(node, depth);
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return this.describeClass(node, depth);
      case AST_NODE_TYPES.ObjectExpression: {
        const members: Record<string, Value> = {};
        for (const property of node.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = property.computed ? getStaticString(property.key) : propertyKey(property.key);
          if (key !== null) members[key] = this.describe(property.value, depth + 1);
        }
        return { kind: 'object', members };
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = node.computed ? getStaticString(node.property) : propertyKey(node.property);
        if (name === null) return { kind: 'unknown' };
        if (node.object.type === AST_NODE_TYPES.ThisExpression) return this.describeThisMember(node, name, depth);
        return { kind: 'member', object: this.describe(node.object, depth + 1), name };
      }
      case AST_NODE_TYPES.CallExpression: {
        // `router.routes()` / `router.middleware()` (Koa): what is mounted is the router.
        const mounted = mountedExpression(node);
        if (mounted !== node) {
          const router = this.describe(mounted, depth + 1);
          if (router.kind === 'app') return router;
        }
        const module = getRequiredModule(node, scopeOf(this.globalScope, node));
        if (module !== null) {
          this.requiredModules.add(module);
          return { kind: 'import', module, name: '*' };
        }
        const callee = skipTypeWrappers(node.callee);
        // `fn.bind(thisArg)` is `fn`.
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          !callee.computed &&
          callee.property.type === AST_NODE_TYPES.Identifier &&
          callee.property.name === 'bind'
        )
          return this.describe(callee.object, depth + 1);
        return {
          kind: 'call',
          callee: this.describe(node.callee, depth + 1),
          args: node.arguments.map((argument) => this.describe(argument, depth + 1)),
        };
      }
      case AST_NODE_TYPES.NewExpression:
        return { kind: 'new', callee: this.describe(node.callee, depth + 1) };
      case AST_NODE_TYPES.ImportExpression: {
        const module = getStaticString(node.source);
        return module === null ? { kind: 'unknown' } : { kind: 'import', module, name: '*' };
      }
      default:
        return { kind: 'unknown' };
    }
  }

  private describeFunction(fn: TSESTree.FunctionLike, depth: number): Extract<Value, { kind: 'function' }> {
    const node = fn as TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
    const returns: Value[] = [];
    if (depth < MAX_DEPTH) {
      for (const returned of getReturnedExpressions(node)) {
        const value = this.describe(returned, depth + 1);
        if (value.kind !== 'unknown') returns.push(value);
      }
    }
    return { kind: 'function', range: node.range, returns };
  }

  private describeIdentifier(node: TSESTree.Identifier, depth: number): Value {
    const scope = scopeOf(this.globalScope, node);
    const origin = getImportOrigin(node, scope);
    if (origin) return { kind: 'import', module: origin.module, name: origin.imported };
    const variable = findVariable(scope, node);
    const def = variable?.defs[0];
    if (!variable || !def) return { kind: 'unknown' };
    if (def.type === 'FunctionName' || def.type === 'ClassName') return this.describe(def.node, depth + 1);
    if (def.type !== 'Variable') return { kind: 'unknown' };
    const declarator = def.node;
    // `const { list, create } = require('./users')` / `= users`.
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init && variable.defs.length === 1) {
      for (const property of declarator.id.properties) {
        if (
          property.type === AST_NODE_TYPES.Property &&
          property.value.type === AST_NODE_TYPES.Identifier &&
          property.value.name === node.name
        ) {
          const key = property.computed ? getStaticString(property.key) : propertyKey(property.key);
          if (key !== null) return { kind: 'member', object: this.describe(declarator.init, depth + 1), name: key };
        }
      }
      return { kind: 'unknown' };
    }
    const init = getConstantInit(variable);
    return init ? this.describe(init, depth + 1) : { kind: 'unknown' };
  }

  private describeClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, depth: number): Value {
    const methods: Record<string, Value> = {};
    const statics: Record<string, Value> = {};
    for (const member of node.body.body) {
      if (
        (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) ||
        member.computed ||
        !member.value ||
        (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')
      )
        continue;
      const name = propertyKey(member.key);
      if (name === null || !isFunctionNode(member.value)) continue;
      (member.static ? statics : methods)[name] = this.describeFunction(member.value, depth + 1);
    }
    return { kind: 'class', name: node.id?.name ?? null, methods, statics };
  }

  /** `this.list` in a class body: that class's method. */
  private describeThisMember(node: TSESTree.MemberExpression, name: string, depth: number): Value {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (
        current.type === AST_NODE_TYPES.FunctionExpression &&
        current.parent?.type !== AST_NODE_TYPES.MethodDefinition
      )
        return { kind: 'unknown' };
      if (current.type === AST_NODE_TYPES.ClassBody) {
        const described = this.describeClass(current.parent, depth + 1);
        return described.kind === 'class' ? (described.methods[name] ?? { kind: 'unknown' }) : { kind: 'unknown' };
      }
    }
    return { kind: 'unknown' };
  }
}

function propertyKey(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.Literal) return String(node.value);
  return null;
}

/** The expressions a function returns: its expression body, or its `return`s outside nested functions. */
function getReturnedExpressions(
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression,
): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassDeclaration) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) if (isNode(item)) visit(item);
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return found;
}
