import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type {
  AppFacts,
  ExternalFacts,
  FunctionNode,
  MiddlewareFacts,
  RouteFacts,
  RouteModel,
} from '../frameworks/index.js';
import {
  getExternalFacts,
  getImportResolution,
  getProjectIndex,
  getRouteModel,
  readServiceModule,
} from '../project-index/index.js';
import {
  findVariable,
  getBindingOrigin,
  getDottedName,
  getImportOrigin,
  getRootExpression,
  isFunctionNode,
  scopeOf,
} from '../shared/ast/index.js';
import {
  isAuthMiddleware,
  isAuthName,
  isAuthorizationName,
  isRelativeModule,
  mayShowAuthentication,
  MUTATING_METHODS,
  PUBLIC_DECORATOR,
  publicRouteReason,
  readsIdentity,
} from '../shared/auth.js';
import { createRule } from '../shared/create-rule.js';
import { getSettings } from '../shared/settings.js';
import {
  createImportedMiddlewareResolver,
  findNextMiddleware,
  getRouteChain,
  judgeMiddleware,
  judgeRemoteMiddleware,
  nextMatcherCovers,
  type ImportedFunction,
  type MiddlewareVerdict,
  type RouteChain,
} from './require-auth-on-mutating-routes-utils/chain.js';
import {
  authenticatesInside,
  fileImportsAuth,
  getHandlerName,
} from './require-auth-on-mutating-routes-utils/evidence.js';

export type Options = [{ publicRoutes?: string[]; additionalAuthNames?: string[] }];
export type MessageIds = 'missingAuth' | 'authAfterRoute' | 'unlikeSiblings' | 'addSiblingAuth';

/** How many guarded sibling routes make an unguarded one stand out. */
const MIN_GUARDED_SIBLINGS = 2;

export default createRule<Options, MessageIds>({
  name: 'require-auth-on-mutating-routes',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require authentication before route handlers that change data',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      missingAuth:
        '`{{ route }}` changes data, but no authentication runs before its handler while this file authenticates other requests. Add the authentication middleware the service uses, or list the route in `publicRoutes` if it is public by design.',
      authAfterRoute:
        '`{{ route }}` is registered before `{{ auth }}`, so no authentication runs before its handler. Register `{{ auth }}` before the route, or list it in `publicRoutes` if it is public by design.',
      unlikeSiblings:
        '`{{ route }}` changes data, but no authentication runs before its handler, while {{ count }} other mutating routes of this {{ container }} use `{{ auth }}`. Add it, or list the route in `publicRoutes` if it is public by design.',
      addSiblingAuth: 'Add `{{ auth }}`, as the other routes of this {{ container }} do.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          publicRoutes: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Paths of routes that are public by design: globs (`/public/**`, `/api/*/feedback`), or regular expressions when they start with `^`.',
          },
          additionalAuthNames: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Names of middleware, hooks, guards or in-handler calls that authenticate, added to the `authMiddleware` setting.',
          },
        },
      },
    ],
    defaultOptions: [{ publicRoutes: [], additionalAuthNames: [] }],
  },
  create(context, [options]) {
    const authNames = [...getSettings(context).authMiddleware, ...(options.additionalAuthNames ?? [])];
    const publicMatchers = (options.publicRoutes ?? []).map(toMatcher);
    const { sourceCode } = context;
    return {
      'Program:exit'(program: TSESTree.Program) {
        // Every report rests on authentication this file shows (its middleware, guards, handlers,
        // imports): without a word of it in the text, nothing can be reported.
        if (!mayShowAuthentication(sourceCode.text, authNames)) return;
        const model = getRouteModel(context);
        if (model.routes.length === 0) return;
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const checker = new Checker(context, model, program, globalScope, authNames, publicMatchers);
        for (const route of model.routes) checker.check(route);
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** The questions asked of one file's routes, answered once per file. */
class Checker {
  private readonly chains = new Map<RouteFacts, RouteChain>();
  private fileAuthenticates: boolean | null = null;
  /** What the project index knows from other files (middleware of the apps this file's routers are mounted on). */
  private readonly external: ExternalFacts | undefined;

  private readonly handedAway = new Map<AppFacts, boolean>();
  private readonly handlerAuthenticates = new Map<FunctionNode, boolean>();
  /** Verdicts of middleware, memoised: siblings share them. */
  private readonly verdicts = new Map<MiddlewareFacts, MiddlewareVerdict>();
  private readonly resolveImported: (item: MiddlewareFacts) => ImportedFunction | null;

  constructor(
    private readonly context: Context,
    private readonly model: RouteModel,
    private readonly program: TSESTree.Program,
    private readonly globalScope: TSESLint.Scope.Scope,
    private readonly authNames: readonly string[],
    private readonly publicMatchers: readonly RegExp[],
  ) {
    this.external = getExternalFacts(context);
    this.resolveImported = createImportedMiddlewareResolver(
      globalScope,
      getImportResolution(context),
      readServiceModule,
    );
  }

  /**
   * Whether the instance is handed to a function of the service's own (`registerApiKeyAuth(fastify)`,
   * `setupAuth(app)`, a same-file helper), which may register authentication on it unseen; handing it
   * to a package (`http.createServer(app)`, `serverless(app)`) does not count.
   */
  private handsAway(app: AppFacts): boolean {
    let answer = this.handedAway.get(app);
    if (answer !== undefined) return answer;
    answer = false;
    // A plugin's instance is its function's first parameter (`async function routes(fastify)`).
    const first = isFunctionNode(app.node) ? app.node.params[0] : undefined;
    const name = isFunctionNode(app.node) ? (first?.type === AST_NODE_TYPES.Identifier ? first.name : null) : app.name;
    const inside = isFunctionNode(app.node) ? app.node.body : app.node;
    const variable = name === null ? null : findVariable(scopeOf(this.globalScope, inside), name);
    for (const reference of variable?.references ?? []) {
      const parent = reference.identifier.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(reference.identifier as never))
        continue;
      const root = getRootExpression(parent.callee);
      const origin =
        root.type === AST_NODE_TYPES.Identifier ? getBindingOrigin(root, scopeOf(this.globalScope, root)) : null;
      if (origin && !isRelativeModule(origin.module)) continue;
      answer = true;
      break;
    }
    this.handedAway.set(app, answer);
    return answer;
  }

  /** {@link authenticatesInside} for a handler, once per handler: each route asks it of its siblings too. */
  private authenticates(fn: FunctionNode): boolean {
    let answer = this.handlerAuthenticates.get(fn);
    if (answer === undefined) {
      answer = authenticatesInside(fn, this.globalScope, this.authNames);
      this.handlerAuthenticates.set(fn, answer);
    }
    return answer;
  }

  /** {@link judgeMiddleware}, reading middleware imported from the service's own modules. */
  private judge(item: MiddlewareFacts): MiddlewareVerdict {
    let verdict = this.verdicts.get(item);
    if (verdict === undefined) {
      verdict = judgeMiddleware(item, this.authNames, this.globalScope, this.resolveImported);
      this.verdicts.set(item, verdict);
    }
    return verdict;
  }

  check(route: RouteFacts): void {
    if (!route.methods.some((method) => MUTATING_METHODS.has(method)) || route.methods.includes('ALL')) return;
    if (this.isPublic(route)) return;
    if (route.handler && onlyRejects(route.handler)) return;
    if (route.handler && this.authenticates(route.handler)) return;
    switch (route.framework) {
      case 'nestjs':
        this.checkNest(route);
        return;
      case 'nextjs':
        this.checkNext(route);
        return;
      default:
        this.checkChained(route);
    }
  }

  private isPublic(route: RouteFacts): boolean {
    const path = route.fullPath ?? route.path;
    if (publicRouteReason(path, getHandlerName(route)) !== null) return true;
    if (route.path !== null && route.path !== path && publicRouteReason(route.path, null) !== null) return true;
    return path !== null && this.publicMatchers.some((matcher) => matcher.test(path));
  }

  private chainOf(route: RouteFacts): RouteChain {
    let chain = this.chains.get(route);
    if (!chain) {
      chain = getRouteChain(route, this.external?.appChains);
      this.chains.set(route, chain);
    }
    return chain;
  }

  /** Express, Koa, Hono, Fastify: the middleware chain in order. */
  private checkChained(route: RouteFacts): void {
    const chain = this.chainOf(route);
    const verdicts = [
      ...chain.remote.map((item) => judgeRemoteMiddleware(item, this.authNames)),
      ...chain.items.map((item) => this.judge(item)),
    ];
    if (verdicts.includes('auth')) return;
    const ownUnknown = route.middleware.some((item) => this.judge(item) === 'unknown');
    if (ownUnknown) return;
    // Guarded siblings first: a handler among them that reads `req.user` without their guard relies on
    // something that does not run for it.
    const sibling = this.siblingEvidence(route);
    if (sibling) {
      this.reportSiblings(route, sibling);
      return;
    }
    if (route.handler && readsIdentity(route.handler)) return;
    if (this.handsAway(route.app) || this.handsAway(chain.root)) return;
    if (!chain.rootVisible || verdicts.includes('unknown') || !route.handler) return;
    const later = chain.authAfter.find((item) => this.judge(item) === 'auth');
    if (later) {
      this.context.report({
        node: reportNode(route),
        messageId: 'authAfterRoute',
        data: { route: label(route), auth: middlewareLabel(later, this.context.sourceCode) },
      });
      return;
    }
    if (!this.authenticatesElsewhere()) return;
    this.context.report({ node: reportNode(route), messageId: 'missingAuth', data: { route: label(route) } });
  }

  /** NestJS: guards of the method and controller, `@Public()`-style opt-outs, guarded sibling handlers. */
  private checkNest(route: RouteFacts): void {
    if (route.middleware.some((item) => item.kind === 'guard' || isAuthMiddleware(item, this.authNames))) return;
    if (route.decorators.some((name) => PUBLIC_DECORATOR.test(name.replace(/^.*\./u, '')))) return;
    const classNode = route.app.node;
    if (
      classNode.type === AST_NODE_TYPES.ClassDeclaration &&
      classNode.decorators.some((decorator) => PUBLIC_DECORATOR.test(decoratorName(decorator)))
    )
      return;
    if (route.decorators.some((name) => name === 'SetMetadata')) return;
    if (this.hasProjectDecorator(route)) return;
    if (this.projectHasNestGlobalGuard()) return;
    const sibling = this.siblingEvidence(route);
    if (sibling) this.reportSiblings(route, sibling);
  }

  /** Next.js: wrappers, the handler's own session check, `middleware.ts`, sibling exports. */
  private checkNext(route: RouteFacts): void {
    if (!route.handler) return;
    for (const item of route.middleware) {
      if (this.judge(item) !== 'inert') return;
    }
    const middleware = findNextMiddleware(this.context.filename);
    if (middleware && nextMatcherCovers(middleware.text, route.fullPath ?? route.path)) return;
    if (readsIdentity(route.handler)) return;
    const others = this.model.routes.filter((other) => other !== route && other.handler);
    const siblingAuth = others.some((other) => other.handler && this.authenticates(other.handler));
    if (!siblingAuth && !fileImportsAuth(this.program, this.authNames) && this.authNames.length === 0) return;
    this.context.report({ node: reportNode(route), messageId: 'missingAuth', data: { route: label(route) } });
  }

  /**
   * Mutating routes of the same router, plugin or controller that authenticate with their own
   * route-level middleware or guards: when at least {@link MIN_GUARDED_SIBLINGS} do, and they are at
   * least twice as many as the unauthenticated mutating routes there (this one included, public ones
   * left out), the one missing it stands out; failing that, the same among the routes whose path starts
   * with the same static segment (`/account/profile` among the `/account/…` routes of an app that also
   * serves unguarded `/api/…` demos). Returns the most used authentication, with its source text when
   * every guarded sibling writes it the same way.
   */
  private siblingEvidence(route: RouteFacts): { count: number; auth: string; text: string | null } | null {
    const whole = this.siblingsLike(route, () => true);
    if (whole) return whole;
    const segment = firstStaticSegment(route.path);
    return segment === null ? null : this.siblingsLike(route, (other) => firstStaticSegment(other.path) === segment);
  }

  /** {@link siblingEvidence} over the mutating routes of the route's container that `keep` accepts. */
  private siblingsLike(
    route: RouteFacts,
    keep: (other: RouteFacts) => boolean,
  ): { count: number; auth: string; text: string | null } | null {
    let guarded = 0;
    let unguarded = 1;
    const texts = new Map<string, number>();
    const names = new Map<string, number>();
    for (const other of this.model.routes) {
      if (other === route || other.app !== route.app || !keep(other)) continue;
      if (!other.methods.some((method) => MUTATING_METHODS.has(method))) continue;
      // Permission checks alone (`checkPermission('x:create')`) say the caller is known, not who made it
      // so: a route without one lacks authorisation, which this rule does not judge.
      const own = other.middleware.filter(
        (item) => this.isAuthenticating(item, route.framework) && !isAuthorizationName(item.name),
      );
      if (own.length > 0) {
        guarded += 1;
        const first = own[0]!;
        const name = middlewareLabel(first, this.context.sourceCode);
        names.set(name, (names.get(name) ?? 0) + 1);
        const text = siblingText(first, this.context.sourceCode);
        if (text !== null) texts.set(text, (texts.get(text) ?? 0) + 1);
        continue;
      }
      if (this.isPublic(other)) continue;
      if (other.middleware.some((item) => item.kind === 'guard')) continue;
      if (other.handler && this.authenticates(other.handler)) continue;
      unguarded += 1;
    }
    if (guarded < MIN_GUARDED_SIBLINGS || guarded < 2 * unguarded) return null;
    const [auth] = [...names].sort((a, b) => b[1] - a[1])[0]!;
    const sameText = texts.size === 1 && [...texts.values()][0] === guarded ? [...texts.keys()][0]! : null;
    return { count: guarded, auth, text: sameText };
  }

  /** A route-level item that authenticates; for Nest, a guard whose name says authentication (not `RolesGuard`). */
  private isAuthenticating(item: MiddlewareFacts, framework: RouteFacts['framework']): boolean {
    if (framework === 'nestjs') {
      if (item.kind !== 'guard' || item.name === null) return false;
      return item.module === '@nestjs/passport' || isAuthName(item.name, this.authNames);
    }
    if (item.node.range[0] < 0) return false;
    return this.judge(item) === 'auth';
  }

  private reportSiblings(route: RouteFacts, sibling: { count: number; auth: string; text: string | null }): void {
    const container = containerName(route);
    const fix = sibling.text === null ? null : insertAuth(route, sibling.text);
    this.context.report({
      node: reportNode(route),
      messageId: 'unlikeSiblings',
      data: { route: label(route), count: String(sibling.count), auth: sibling.auth, container },
      suggest: fix ? [{ messageId: 'addSiblingAuth', data: { auth: sibling.text!, container }, fix }] : [],
    });
  }

  /** Whether some other route or app-level registration of this file authenticates, or the file imports authentication. */
  private authenticatesElsewhere(): boolean {
    if (this.fileAuthenticates !== null) return this.fileAuthenticates;
    const judge = (item: MiddlewareFacts): boolean => this.judge(item) === 'auth';
    this.fileAuthenticates =
      this.authNames.length > 0 ||
      this.model.middleware.some(judge) ||
      fileImportsAuth(this.program, this.authNames) ||
      this.model.routes.some((route) => route.handler !== null && this.authenticates(route.handler));
    return this.fileAuthenticates;
  }

  /**
   * Whether the Nest handler or its controller carries a decorator of the project's own (not from an
   * `@nestjs/*` package): a composite one (`applyDecorators(UseGuards(…), …)`) may apply a guard.
   */
  private hasProjectDecorator(route: RouteFacts): boolean {
    const classNode = route.app.node;
    const decorators = [
      ...(route.node.type === AST_NODE_TYPES.MethodDefinition ? route.node.decorators : []),
      ...(classNode.type === AST_NODE_TYPES.ClassDeclaration ? classNode.decorators : []),
    ];
    return decorators.some((decorator) => {
      let root: TSESTree.Node = decorator.expression;
      while (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.MemberExpression)
        root = root.type === AST_NODE_TYPES.CallExpression ? root.callee : root.object;
      if (root.type !== AST_NODE_TYPES.Identifier) return true;
      const origin = getImportOrigin(root, scopeOf(this.globalScope, root));
      return origin === null || !/^@nestjs\//u.test(origin.module);
    });
  }

  /**
   * Whether the project registers a Nest guard that may authenticate for every route (`APP_GUARD`,
   * `useGlobalGuards`), as far as the project index sees: one whose class name reads as authentication
   * or is not named (a `useFactory` provider); a global `ThrottlerGuard` or `ImpersonationWriteGuard`
   * does not authenticate.
   */
  private projectHasNestGlobalGuard(): boolean {
    const names = getProjectIndex(this.context)?.nestGlobalGuards() ?? [];
    const local = this.model.apps.flatMap((app) =>
      app.framework === 'nestjs'
        ? app.middleware.filter((item) => item.kind === 'guard').map((item) => item.name ?? '?')
        : [],
    );
    return [...names, ...local].some((name) => name === '?' || isAuthName(name, this.authNames));
  }
}

/** `POST /v1/orders`. */
function label(route: RouteFacts): string {
  const path = route.fullPath ?? route.path ?? '{path}';
  return `${route.methods.join('/')} ${path}`;
}

function containerName(route: RouteFacts): string {
  switch (route.app.kind) {
    case 'controller':
      return 'controller';
    case 'plugin':
      return 'plugin';
    case 'route-module':
      return 'route file';
    case 'router':
      return 'router';
    default:
      return 'app';
  }
}

/** How messages name a middleware: its registered name, else its source text (short). */
function middlewareLabel(item: MiddlewareFacts, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (item.name !== null) return item.name;
  const text = sourceCode.getText(item.node);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The source text of a route-level authentication when it is safe to copy to a sibling: an identifier, member or call on one line. */
function siblingText(item: MiddlewareFacts, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const node = item.node;
  if (
    node.type !== AST_NODE_TYPES.Identifier &&
    node.type !== AST_NODE_TYPES.MemberExpression &&
    node.type !== AST_NODE_TYPES.CallExpression
  )
    return null;
  if (node.loc.start.line !== node.loc.end.line) return null;
  return sourceCode.getText(node);
}

/**
 * The suggestion that adds the siblings' authentication: before the handler argument of an
 * Express/Koa/Hono route (after any route middleware), as a `@UseGuards()` decorator of a Nest method.
 * `null` for Fastify and Next.js, or when the route's shape does not allow it.
 */
function insertAuth(route: RouteFacts, text: string): TSESLint.ReportFixFunction | null {
  if (route.framework === 'nestjs') {
    const method = route.node;
    if (method.type !== AST_NODE_TYPES.MethodDefinition) return null;
    const first = method.decorators[0];
    if (!first) return null;
    const indent = ' '.repeat(first.loc.start.column);
    return (fixer) => fixer.insertTextBefore(first, `@UseGuards(${text})\n${indent}`);
  }
  if (route.framework !== 'express' && route.framework !== 'koa' && route.framework !== 'hono') return null;
  const call = route.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || !route.handlerNode) return null;
  const handler = call.arguments.find((argument) => argument === route.handlerNode);
  if (!handler) return null;
  // First in the chain, as the siblings have it: before the route's own middleware, else the handler.
  const first = call.arguments.find((argument) => route.middleware.some((item) => item.node === argument)) ?? handler;
  return (fixer) => fixer.insertTextBefore(first, `${text}, `);
}

/** Where a route is reported: the `router.post` callee, the Nest method's name, the Next.js export's name. */
function reportNode(route: RouteFacts): TSESTree.Node {
  const node = route.node;
  if (node.type === AST_NODE_TYPES.CallExpression) return node.callee;
  if (node.type === AST_NODE_TYPES.MethodDefinition) return node.key;
  if (node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.declaration) {
    const declaration = node.declaration;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) return declaration.id;
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) return declaration.declarations[0]!.id;
  }
  if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) return node.id;
  if (node.type === AST_NODE_TYPES.VariableDeclarator) return node.id;
  return node;
}

function decoratorName(decorator: TSESTree.Decorator): string {
  const expression = decorator.expression;
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  const name = getDottedName(callee) ?? '';
  return name.slice(name.lastIndexOf('.') + 1);
}

/** A `publicRoutes` entry as a matcher: one starting with `^` is a regular expression, anything else a path glob (`*` one segment, `**` any). */
function toMatcher(pattern: string): RegExp {
  if (pattern.startsWith('^')) return new RegExp(pattern, 'u');
  const source = pattern
    .split(/(\*\*|\*)/u)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replaceAll(/[.+?^${}()|[\]\\]/gu, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`, 'u');
}

/** The first segment of a route's path when it is static (`/account/profile` → `account`); `null` for `/`, `/:id`, unknown paths. */
function firstStaticSegment(path: string | null): string | null {
  const first = path?.split('/').find((segment) => segment !== '');
  return first === undefined || /^[:{[*]/u.test(first) ? null : first;
}

/**
 * Whether a handler does nothing but refuse the request: its body is one `throw`, one `next(error)`
 * or one 4xx/5xx answer (`router.post('/files', (req, res, next) => next(new Error('Filename not
 * provided')))`). Such a route changes nothing, whoever calls it.
 */
function onlyRejects(fn: FunctionNode): boolean {
  const body = fn.body;
  let statement: TSESTree.Node = body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    if (body.body.length !== 1) return false;
    statement = body.body[0]!;
  }
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) statement = statement.argument;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) statement = statement.expression;
  if (statement.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = statement.callee;
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'next') return statement.arguments.length > 0;
  // `res.status(404).json(…)`, `reply.code(400).send(…)`: the first call of the chain sets an error status.
  let inner: TSESTree.Node = statement;
  while (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
    const property = inner.callee.property;
    const status = inner.arguments[0];
    if (
      property.type === AST_NODE_TYPES.Identifier &&
      /^(?:status|code|sendStatus)$/u.test(property.name) &&
      status?.type === AST_NODE_TYPES.Literal &&
      typeof status.value === 'number'
    )
      return status.value >= 400;
    inner = inner.callee.object;
  }
  return false;
}
