import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  climbValueWrappers,
  findObjectProperty,
  findVariable,
  getConstantInit,
  getDottedName,
  getImportOrigin,
  getMemberCallOn,
  getMethodCall,
  getRequiredModule,
  getStaticString,
  isFunctionNode,
  findNodeAt,
  resolveConstant,
  resolveFunction,
  resolveObjectLiteral,
  scopeOf,
  skipTypeWrappers,
  trackReferences,
  type TraceMap,
  type TrackedReference,
} from '../shared/ast/index.js';
import type {
  AppFacts,
  AppKind,
  ExternalFacts,
  Framework,
  FunctionNode,
  HttpMethod,
  MiddlewareFacts,
  MiddlewareKind,
  InstanceArgument,
  RequestFunctionFacts,
  RouteFacts,
} from './types.js';

/**
 * What an expression known to hold a framework object evaluates to: an app/router/plugin instance,
 * or (Express `app.route('/x')`) a route chain whose method calls register routes at `routePath`.
 */
export interface InstanceValue {
  app: AppFacts;
  routePath?: string | null;
}

/** A method call on an instance, recorded while values propagate and interpreted afterwards. */
export interface InstanceCall {
  value: InstanceValue;
  method: string;
  call: TSESTree.CallExpression;
}

/**
 * One framework's part of the route model. `seed` finds what the framework creates in a file (apps,
 * routers, controllers, plugin functions, route files); `chain` says what a method call on one of its
 * instances returns (the same instance for chainable registration methods, else `null`); `interpret`
 * turns one such call into routes, middleware and mounts.
 */
export interface FrameworkAdapter {
  framework: Framework;
  /**
   * Packages whose import (or a subpath's) can make a file declare apps, routes or middleware of this
   * framework: the project index reads only files that name one (and the files those lead to).
   */
  packages: readonly string[];
  /** File names that declare routes by convention (Next.js), whatever they import. */
  routeFiles?: readonly RegExp[];
  seed(builder: RouteModelBuilder): void;
  chain?(
    builder: RouteModelBuilder,
    value: InstanceValue,
    method: string,
    call: TSESTree.CallExpression,
  ): InstanceValue | null;
  interpret?(builder: RouteModelBuilder, value: InstanceValue, method: string, call: TSESTree.CallExpression): void;
  /**
   * The framework's own types of what a request brings (request, response, context, `next`), imported
   * from `modules`: a function with a parameter of one of `parameters`, or a binding annotated with one
   * of `bindings` (`const list: RequestHandler = …`), runs while a request is served, wherever it is
   * registered (DESIGN: "request-path code even when nothing else is known").
   */
  requestTypes?: { modules: readonly string[]; parameters: readonly string[]; bindings: readonly string[] };
  /**
   * Functions the framework (or a library used with it) calls while serving a request without their
   * being routes or middleware: passport verify callbacks, Koa's `app.context.onerror`. Each with the
   * words that say so in messages (`passport's \`LocalStrategy\` verify callback`). Runs after `seed`.
   */
  requestCallbacks?(builder: RouteModelBuilder): { fn: FunctionNode; callback: string }[];
}

/** Input to the route model: one parsed file. */
export interface RouteModelInput {
  ast: TSESTree.Program;
  /** The file's global scope from ESLint's or typescript-eslint's scope manager. */
  globalScope: TSESLint.Scope.Scope;
  /** The file path (used by file-convention frameworks such as Next.js); any separator. */
  filename: string;
  /** Facts about this file from the rest of the project (the project index); none when linted alone. */
  external?: ExternalFacts;
}

/** Route methods shared by Express, Koa, Hono and Fastify shorthand, with the methods they serve. */
export const METHOD_BY_NAME: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  all: 'ALL',
};

/**
 * Collects apps, routes and middleware for one file. Adapters call its methods; rules never see it
 * (they get the finished {@link RouteModel} from `getRouteModel`).
 */
export class RouteModelBuilder {
  readonly apps: AppFacts[] = [];
  readonly routes: RouteFacts[] = [];
  readonly instanceArguments: InstanceArgument[] = [];
  private readonly instances = new Map<TSESTree.Node, InstanceValue>();
  private readonly pending: InstanceCall[] = [];
  private readonly adapters = new Map<Framework, FrameworkAdapter>();
  private readonly functionApps = new Map<FunctionNode, AppFacts>();

  constructor(readonly input: RouteModelInput) {}

  /** Runs every adapter: seeds first, then interprets instance calls until no new instance appears. */
  run(adapters: readonly FrameworkAdapter[]): void {
    for (const adapter of adapters) this.adapters.set(adapter.framework, adapter);
    for (const adapter of adapters) adapter.seed(this);
    this.seedParameterApps();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0).sort((a, b) => a.call.range[0] - b.call.range[0]);
      for (const { value, method, call } of batch) {
        this.adapters.get(value.app.framework)?.interpret?.(this, value, method, call);
      }
    }
  }

  /**
   * Apps received as parameters, as the project index found them from the callers
   * (`input.external.parameterApps`), served under the caller's prefix when it is static; a parameter
   * the adapters already hold an instance for (a typed one) gets that prefix only.
   */
  private seedParameterApps(): void {
    for (const seed of this.input.external?.parameterApps ?? []) {
      const fn = findFunctionAt(this.input.ast, seed.fn);
      const param = fn?.params[seed.param];
      if (!fn || param?.type !== AST_NODE_TYPES.Identifier) continue;
      const app = seed.plugin
        ? this.pluginInstance(seed.framework, fn)
        : this.functionApps.has(fn)
          ? null
          : (this.apps.find((item) => item.node === fn) ??
            this.parameterInstance(seed.framework, 'router', fn, param, ''));
      if (!app) continue;
      if (seed.prefix !== null && app.mounts.length === 0) {
        app.prefix ??= '';
        app.servedUnder = seed.prefix;
      }
    }
  }

  /** Every use of a trace map's exports in this file (see `trackReferences`). */
  track<T>(traceMap: TraceMap): TrackedReference<T>[] {
    return trackReferences<T>(this.input.globalScope, traceMap);
  }

  /** The innermost scope around `node`. */
  scope(node: TSESTree.Node): TSESLint.Scope.Scope {
    return scopeOf(this.input.globalScope, node);
  }

  /** Creates and records an app/router/controller. */
  createApp(framework: Framework, kind: AppKind, node: TSESTree.Node, prefix: string | null = ''): AppFacts {
    const app: AppFacts = { framework, kind, node, name: getBindingName(node), prefix, mounts: [], middleware: [] };
    this.apps.push(app);
    return app;
  }

  /**
   * The app whose instance is the first parameter of `fn` (a Fastify plugin), created on first request.
   * Returns `null` when the function has no plain identifier as first parameter.
   */
  pluginInstance(framework: Framework, fn: FunctionNode): AppFacts | null {
    const existing = this.functionApps.get(fn);
    if (existing) return existing;
    const param = fn.params[0];
    if (param?.type !== AST_NODE_TYPES.Identifier) return null;
    const app = this.parameterInstance(framework, 'plugin', fn, param, '');
    this.functionApps.set(fn, app);
    return app;
  }

  /**
   * An app or router received as the parameter `param` of `fn` (`function configureRoutes(app: Express)`):
   * recorded with `prefix` (`null`: where it is mounted is decided by the caller, in another file),
   * named after the function, and every read of the parameter in `fn` holds it.
   */
  parameterInstance(
    framework: Framework,
    kind: AppKind,
    fn: FunctionNode,
    param: TSESTree.Identifier,
    prefix: string | null,
  ): AppFacts {
    const app = this.createApp(framework, kind, fn, prefix);
    app.name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? (fn.id?.name ?? null) : getBindingName(fn);
    const variable = findVariable(this.scope(fn.body), param);
    for (const reference of variable?.references ?? []) {
      if (reference.isRead()) this.addInstance(reference.identifier, { app });
    }
    return app;
  }

  /**
   * Identifiers annotated with a type imported from a module `isModule` accepts, with the type's
   * exported name: `app: Express` after `import type { Express } from 'express'`, `router: express.Router`
   * after `import express from 'express'`, `const routes: FastifyPluginAsync = …`, and `router: Router`
   * after `import Router from '@koa/router'` (a default import names the type itself: `default`).
   * A local type of the same name is not imported, so it never counts.
   */
  typeAnnotations(isModule: (source: string) => boolean): { typeName: string; target: TSESTree.Identifier }[] {
    const found: { typeName: string; target: TSESTree.Identifier }[] = [];
    for (const statement of this.input.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !isModule(statement.source.value)) continue;
      for (const specifier of statement.specifiers) {
        const variable = findVariable(this.scope(specifier), specifier.local);
        for (const reference of variable?.references ?? []) {
          let typeName: string | null =
            specifier.type === AST_NODE_TYPES.ImportSpecifier
              ? specifier.imported.type === AST_NODE_TYPES.Identifier
                ? specifier.imported.name
                : specifier.imported.value
              : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
                ? 'default'
                : null;
          let node: TSESTree.Node = reference.identifier;
          if (node.parent?.type === AST_NODE_TYPES.TSQualifiedName && node.parent.left === node) {
            typeName = node.parent.right.name;
            node = node.parent;
          }
          const annotation = node.parent?.type === AST_NODE_TYPES.TSTypeReference ? node.parent.parent : null;
          const target = annotation?.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.parent : null;
          if (typeName !== null && target?.type === AST_NODE_TYPES.Identifier) found.push({ typeName, target });
        }
      }
    }
    return found;
  }

  /**
   * Functions typed as serving requests by each adapter's `requestTypes`, with the framework and the
   * type that says so (the first found per function).
   */
  requestFunctions(adapters: readonly FrameworkAdapter[]): Map<FunctionNode, RequestFunctionFacts> {
    const found = new Map<FunctionNode, RequestFunctionFacts>();
    for (const adapter of adapters) {
      for (const { fn, callback } of adapter.requestCallbacks?.(this) ?? [])
        if (!found.has(fn)) found.set(fn, { framework: adapter.framework, callback });
    }
    for (const { framework, requestTypes } of adapters) {
      if (!requestTypes) continue;
      for (const { typeName, target } of this.typeAnnotations((source) => requestTypes.modules.includes(source))) {
        const holder = target.parent;
        let fn: FunctionNode | null = null;
        if (requestTypes.parameters.includes(typeName)) {
          fn = functionOfParameter(target);
        } else if (
          requestTypes.bindings.includes(typeName) &&
          holder?.type === AST_NODE_TYPES.VariableDeclarator &&
          holder.id === target &&
          holder.init
        ) {
          fn = this.resolveFunction(holder.init);
        }
        if (fn && !found.has(fn)) found.set(fn, { framework, typeName });
      }
    }
    return found;
  }

  /** The parameters among {@link typeAnnotations}: `(app: Express)`, with the function they belong to. */
  typedParameters(
    isModule: (source: string) => boolean,
  ): { fn: FunctionNode; param: TSESTree.Identifier; typeName: string }[] {
    return this.typeAnnotations(isModule).flatMap(({ typeName, target }) => {
      const fn = functionOfParameter(target);
      return fn ? [{ fn, param: target, typeName }] : [];
    });
  }

  /** Every expression the model knows to hold an instance, with the instance. */
  instanceExpressions(): IterableIterator<[TSESTree.Node, InstanceValue]> {
    return this.instances.entries();
  }

  /** The instance an expression holds, if the model knows it. */
  instanceOf(node: TSESTree.Node): InstanceValue | null {
    return this.instances.get(skipTypeWrappers(node)) ?? null;
  }

  /**
   * Records that `expression` evaluates to `value` and follows the value: through `const`/`let`
   * bindings and assignments, `await`, type wrappers, and chained method calls (the adapter's `chain`).
   * Each method call found on the way is queued for `interpret`.
   */
  addInstance(expression: TSESTree.Node, value: InstanceValue): void {
    if (this.instances.has(expression)) return;
    this.instances.set(expression, value);
    const parent = expression.parent;
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.AwaitExpression:
        this.addInstance(parent, value);
        return;
      case AST_NODE_TYPES.MemberExpression: {
        const call = getMemberCallOn(expression)?.call;
        if (!call) return;
        const method = getMethodCall(call, this.scope(call))?.method;
        if (method === undefined) return;
        this.pending.push({ value, method, call });
        const next = this.adapters.get(value.app.framework)?.chain?.(this, value, method, call);
        if (next) this.addInstance(call, next);
        return;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === expression && parent.id.type === AST_NODE_TYPES.Identifier)
          this.addBindingReads(parent.id, value);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== expression) return;
        if (parent.left.type === AST_NODE_TYPES.Identifier) this.addBindingReads(parent.left, value);
        // `const app = module.exports = new Koa()`: the assignment's value is the instance too.
        this.addInstance(parent, value);
        return;
      case AST_NODE_TYPES.CallExpression: {
        const index = parent.arguments.indexOf(expression as TSESTree.CallExpressionArgument);
        if (index >= 0 && value.routePath === undefined)
          this.instanceArguments.push({ call: parent, index, app: value.app });
        return;
      }
      default:
        return;
    }
  }

  private addBindingReads(identifier: TSESTree.Identifier, value: InstanceValue): void {
    const variable = findVariable(this.scope(identifier), identifier);
    for (const reference of variable?.references ?? []) {
      if (reference.isRead()) this.addInstance(reference.identifier, value);
    }
  }

  /** Records `child` as mounted on `parent` under `path` at `node`. */
  mount(child: AppFacts, parent: AppFacts, path: string | null, node: TSESTree.Node): void {
    if (child === parent) return;
    child.mounts.push({ parent, path, node });
  }

  /** Records a route; `fullPath` is filled in when the whole file has been read. */
  addRoute(
    route: Omit<RouteFacts, 'fullPath' | 'params' | 'decorators' | 'options' | 'schema'> & Partial<RouteFacts>,
  ): RouteFacts {
    const facts: RouteFacts = { fullPath: null, params: [], decorators: [], options: null, schema: null, ...route };
    this.routes.push(facts);
    return facts;
  }

  /** The function an expression denotes in this file (see `resolveFunction`), or `null`. */
  resolveFunction(node: TSESTree.Node): FunctionNode | null {
    return resolveFunction(node, this.scope(node));
  }

  /**
   * The function that serves requests for a handler argument: `resolveFunction`, or, for a wrapper call
   * such as `asyncHandler(async (req, res) => …)` or `catchAsync(listUsers)`, the last argument that
   * resolves to a function.
   */
  resolveHandler(node: TSESTree.Node): FunctionNode | null {
    const direct = this.resolveFunction(node);
    if (direct) return direct;
    const inner = skipTypeWrappers(node);
    if (inner.type !== AST_NODE_TYPES.CallExpression) return null;
    for (let index = inner.arguments.length - 1; index >= 0; index -= 1) {
      const fn = this.resolveHandler(inner.arguments[index]!);
      if (fn) return fn;
    }
    return null;
  }

  /** `node`, or the initialiser of the never-reassigned binding it names (see `resolveConstant`). */
  resolveConstant(node: TSESTree.Node): TSESTree.Node {
    return resolveConstant(node, this.scope(node));
  }

  /** The object literal an expression is or is bound to, unless changed later (see `resolveObjectLiteral`). */
  resolveObject(node: TSESTree.Node | null | undefined): TSESTree.ObjectExpression | null {
    return node ? resolveObjectLiteral(node, this.scope(node)) : null;
  }

  /** The value node of property `name` in an object literal, resolved through same-file `const`s. */
  property(object: TSESTree.ObjectExpression | null, name: string): TSESTree.Node | null {
    if (!object) return null;
    const found = findObjectProperty(object, name, this.scope(object));
    if (!found) return null;
    return this.resolveConstant(found.value);
  }

  /**
   * HTTP methods named by a string or an array of strings (`'GET'`, `['get', 'head']`), any case;
   * names that are not HTTP methods we model (`'PURGE'`) are dropped.
   */
  methods(node: TSESTree.Node | null | undefined): HttpMethod[] {
    if (!node) return [];
    const inner = skipTypeWrappers(node);
    const elements = inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements : [inner];
    const methods: HttpMethod[] = [];
    for (const element of elements) {
      const name = element ? this.staticString(element)?.toLowerCase() : undefined;
      const method = name === undefined ? undefined : METHOD_BY_NAME[name];
      if (method) methods.push(method);
    }
    return methods;
  }

  /** Static string of a node (`getStaticString` in the node's scope). */
  staticString(node: TSESTree.Node | null | undefined): string | null {
    return node ? getStaticString(node, this.scope(node)) : null;
  }

  /**
   * Builds the facts for one middleware argument: its name, resolved function and source module.
   * Array arguments are not flattened here; use {@link flattenArguments}.
   */
  middleware(
    framework: Framework,
    kind: MiddlewareKind,
    node: TSESTree.Node,
    path: string | null = '',
  ): MiddlewareFacts {
    const facts: MiddlewareFacts = {
      framework,
      kind,
      node,
      name: getMiddlewareName(node),
      function: this.resolveHandler(node),
      path,
    };
    const module = this.moduleOf(node);
    if (module) facts.module = module;
    return facts;
  }

  /**
   * The module the root binding of `node` is imported or required from (`cors` for `cors({…})`,
   * `@fastify/helmet` for `helmet`), or `undefined`.
   */
  moduleOf(node: TSESTree.Node): string | undefined {
    let root = skipTypeWrappers(node);
    while (
      root.type === AST_NODE_TYPES.CallExpression ||
      root.type === AST_NODE_TYPES.MemberExpression ||
      root.type === AST_NODE_TYPES.NewExpression
    ) {
      root = skipTypeWrappers(root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee);
    }
    if (root.type === AST_NODE_TYPES.ImportExpression) return getStaticString(root.source) ?? undefined;
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const scope = this.scope(root);
    const origin = getImportOrigin(root, scope);
    if (origin) return origin.module;
    const init = getConstantInit(findVariable(scope, root));
    return (init ? getRequiredModule(skipTypeWrappers(init)) : null) ?? undefined;
  }
}

/** Arguments with array literals spread out (`app.get('/x', [auth, validate], h)`), spreads dropped. */
export function flattenArguments(nodes: readonly TSESTree.Node[]): TSESTree.Node[] {
  const flat: TSESTree.Node[] = [];
  for (const node of nodes) {
    const inner = skipTypeWrappers(node);
    if (inner.type === AST_NODE_TYPES.ArrayExpression) {
      flat.push(
        ...flattenArguments(inner.elements.filter((element): element is TSESTree.Expression => element !== null)),
      );
    } else if (inner.type !== AST_NODE_TYPES.SpreadElement) {
      flat.push(node);
    }
  }
  return flat;
}

/** Joins path prefixes the way routers do: one slash between parts, a leading slash, no trailing one. */
export function joinPaths(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}

/**
 * A route's path for messages and the inventory when a part may be unknown: `prefix` joined with `path`
 * as {@link joinPaths} does, with `{prefix}` for an unknown prefix and `{path}` for an unknown path
 * (`{prefix}/users/:id`, `/api/{path}`), so the parts that are known are never dropped.
 */
export function joinDisplayPath(prefix: string | null, path: string | null): string {
  const head = prefix === null ? '{prefix}' : joinPaths(prefix);
  const tail = path === null ? '/{path}' : joinPaths(path);
  if (tail === '/') return head === '{prefix}' ? '{prefix}/' : head;
  return head === '/' ? tail : `${head}${tail}`;
}

function getBindingName(node: TSESTree.Node): string | null {
  const current = climbValueWrappers(node);
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.Identifier)
    return parent.left.name;
  if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.FunctionDeclaration) && node.id)
    return node.id.name;
  return null;
}

function getMiddlewareName(node: TSESTree.Node): string | null {
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.FunctionExpression || inner.type === AST_NODE_TYPES.FunctionDeclaration)
    return inner.id?.name ?? null;
  if (inner.type === AST_NODE_TYPES.ArrowFunctionExpression) return null;
  if (inner.type === AST_NODE_TYPES.ImportExpression) return getStaticString(inner.source);
  return getDottedName(inner);
}

/** The function whose `range` is exactly `range`, or `null` when none (the text changed since). */
export function findFunctionAt(ast: TSESTree.Program, range: readonly [number, number]): FunctionNode | null {
  return findNodeAt(ast, range, isFunctionNode);
}

/** The function `identifier` is a parameter of, or `null` when it is not a (plain) parameter. */
function functionOfParameter(identifier: TSESTree.Identifier): FunctionNode | null {
  const fn = identifier.parent;
  return isFunctionNode(fn) && fn.params.includes(identifier) ? fn : null;
}
