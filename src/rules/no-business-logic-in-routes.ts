import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  describeServingContext,
  type AppFacts,
  type FunctionNode,
  type RemoteRoute,
  type RouteFacts,
  type RouteModel,
} from '../frameworks/index.js';
import {
  getImportResolution,
  getProjectIndex,
  getRouteModel,
  getServingIndex,
  readServiceModule,
} from '../project-index/index.js';
import {
  findObjectProperty,
  findVariable,
  getConstantInit,
  getDottedName,
  getImportOrigin,
  getMemberName,
  getRequiredModule,
  getRootExpression,
  getStaticString,
  isFunctionNode,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import {
  getDataLayerIndex,
  isQueryFreeModelStatic,
  MODEL_QUERY_METHODS,
  MODEL_QUERY_NAME,
  type DataAccess,
  type ParsedModule,
} from '../shared/data-layer.js';
import { isHealthPath } from '../shared/health.js';
import { getSettings, isImportInLayer, isInLayer, type ApiAuditSettings } from '../shared/settings.js';

export type Options = [{ maxComplexity?: number; maxStatements?: number }];
export type MessageIds =
  'dataAccessInHandler' | 'dataLayerInjected' | 'tooComplex' | 'tooManyStatements' | 'tooComplexAndLong';

/** Parameter decorators of the NestJS ORM packages that inject a repository, model or connection. */
const INJECT_DECORATORS: Readonly<Record<string, readonly string[]>> = {
  '@nestjs/typeorm': ['InjectRepository', 'InjectDataSource', 'InjectEntityManager', 'InjectConnection'],
  '@nestjs/mongoose': ['InjectModel', 'InjectConnection'],
  '@nestjs/sequelize': ['InjectModel', 'InjectConnection'],
  '@mikro-orm/nestjs': ['InjectRepository', 'InjectEntityManager'],
};
/** Types that are data access when a controller's constructor asks for them, by package. */
const DATA_TYPES: Readonly<Record<string, readonly string[]>> = {
  typeorm: ['Repository', 'EntityManager', 'DataSource', 'TreeRepository', 'MongoRepository'],
  '@prisma/client': ['PrismaClient'],
  mongoose: ['Model', 'Connection'],
  sequelize: ['Sequelize'],
  '@mikro-orm/core': ['EntityManager', 'EntityRepository'],
  '@mikro-orm/postgresql': ['EntityManager', 'EntityRepository'],
  '@mikro-orm/mysql': ['EntityManager', 'EntityRepository'],
  'drizzle-orm/node-postgres': ['NodePgDatabase'],
};
/** The usual name of a Nest wrapper around Prisma (`class PrismaService extends PrismaClient`). */
const PRISMA_SERVICE = /^Prisma(?:Service|Client)$/u;

export default createRule<Options, MessageIds>({
  name: 'no-business-logic-in-routes',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require route handlers to delegate data access and business logic to a service layer',
      recommended: true,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    messages: {
      dataAccessInHandler: '`{{ call }}` is called from {{ where }}; move data access into a service.',
      dataLayerInjected:
        'Controller `{{ controller }}` injects `{{ dependency }}`; inject a service that owns the data access instead.',
      tooComplex:
        'The handler of {{ where }} has a cyclomatic complexity of {{ value }} (limit {{ limit }}); move the logic into a service.',
      tooManyStatements:
        'The handler of {{ where }} has {{ value }} statements (limit {{ limit }}); move the logic into a service.',
      tooComplexAndLong:
        'The handler of {{ where }} has a cyclomatic complexity of {{ complexity }} (limit {{ maxComplexity }}) and {{ statements }} statements (limit {{ maxStatements }}); move the logic into a service.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxComplexity: {
            type: 'integer',
            minimum: 1,
            description: 'Highest cyclomatic complexity a handler may have, counted as ESLint `complexity` does.',
          },
          maxStatements: {
            type: 'integer',
            minimum: 1,
            description: 'Most statements a handler may have, counted as ESLint `max-statements` does.',
          },
        },
      },
    ],
    defaultOptions: [{ maxComplexity: 10, maxStatements: 30 }],
  },
  create(context, [options]) {
    const settings = getSettings(context);
    const file = context.filename;
    // Services, repositories, tests, scripts and migrations are where this logic belongs or never serves.
    if (
      isInLayer(settings, 'nonRuntime', file, context.cwd) ||
      isInLayer(settings, 'services', file, context.cwd) ||
      isInLayer(settings, 'data', file, context.cwd)
    )
      return {};
    return {
      'Program:exit'() {
        const model = getRouteModel(context);
        if (model.routes.length === 0 && model.remoteHandlers.size === 0) return;
        reportDataAccess(context, settings);
        for (const app of model.apps) {
          if (app.kind === 'controller' && !isHealthController(context, model, app))
            reportInjections(context, settings, app);
        }
        for (const [handler, routes] of model.handlers) {
          if (routes.every((route) => isHealthRoute(context, route)) || delegatesToService(context, settings, handler))
            continue;
          reportComplexity(context, handler, describeServingContext({ kind: 'route', routes, root: handler }), options);
        }
        for (const [handler, remote] of model.remoteHandlers) {
          const routes = getProductionRoutes(context, settings, remote);
          if (
            routes.length === 0 ||
            routes[0]!.framework === 'nestjs' ||
            routes.every((route) => isHealthRoute(context, route)) ||
            delegatesToService(context, settings, handler)
          )
            continue;
          const where = describeServingContext({ kind: 'remote-route', routes, root: handler });
          reportComplexity(context, handler, where, options);
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/**
 * Once per handler, the first data-access call made while serving it: in the handler, a callback in
 * it, or a same-file function it calls. NestJS controllers are reported at the injection instead.
 * Health routes, routes registered only by tests and scripts, and calls of a model's own helper statics
 * that reach no data (`User.generateToken()`) are left alone.
 */
function reportDataAccess(context: Context, settings: ApiAuditSettings): void {
  const index = getServingIndex(context);
  const reported = new Set<FunctionNode>();
  for (const access of getDataLayerIndex(context, settings, getImportResolution(context)).accesses) {
    const serving = index.contextOf(access.node);
    if (
      (serving?.kind !== 'route' && serving?.kind !== 'remote-route') ||
      reported.has(serving.root) ||
      serving.routes[0]!.framework === 'nestjs'
    )
      continue;
    const where =
      serving.kind === 'route'
        ? getReportedRoutes(context, serving.routes, (routes) => ({ ...serving, routes }))
        : getReportedRoutes(context, getProductionRoutes(context, settings, serving.routes), (routes) => ({
            ...serving,
            routes,
          }));
    if (where === null || isQueryFreeStaticCall(context, settings, access)) continue;
    reported.add(serving.root);
    context.report({ node: access.node, messageId: 'dataAccessInHandler', data: { call: access.label, where } });
  }
}

/** How the routes read in a message, or `null` when none is left or all are health routes. */
function getReportedRoutes<T extends RouteFacts | RemoteRoute>(
  context: Context,
  routes: T[],
  toServing: (routes: T[]) => Parameters<typeof describeServingContext>[0],
): string | null {
  if (routes.length === 0 || routes.every((route) => isHealthRoute(context, route))) return null;
  return describeServingContext(toServing(routes));
}

/**
 * The routes of another file that serve production traffic: a registration in a test, script or
 * migration (`layers.nonRuntime`, e.g. a test that mounts the handler on a throwaway app) is not one.
 */
function getProductionRoutes(context: Context, settings: ApiAuditSettings, routes: RemoteRoute[]): RemoteRoute[] {
  return routes.filter((route) => !isInLayer(settings, 'nonRuntime', route.file, context.cwd));
}

/**
 * Whether a data access is the call of a model's own helper static that reaches no data:
 * `User.generateToken()` where the model file defines `userSchema.statics.generateToken = () =>
 * crypto.randomBytes(32).toString('hex')` (or `schema.static(…)`, or a class `static`). Only for a call
 * made directly on the model binding with a method that is neither a query method of the ORMs nor named
 * like one (`get…`, `find…`, `list…`, `load…`, …: {@link MODEL_QUERY_NAME}), and only when the
 * model's file can be read: the file the import resolves to through the project index, or this file
 * for a model made here (`mongoose.model('User', userSchema)`). See {@link isQueryFreeModelStatic}.
 */
function isQueryFreeStaticCall(context: Context, settings: ApiAuditSettings, access: DataAccess): boolean {
  const root = getRootExpression(access.node);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const member = root.parent;
  if (
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== root ||
    member.parent?.type !== AST_NODE_TYPES.CallExpression ||
    member.parent.callee !== member
  )
    return false;
  const name = getMemberName(member);
  if (name === null || MODEL_QUERY_METHODS.has(name) || MODEL_QUERY_NAME.test(name)) return false;
  const module = getModelModule(context, root, access.source);
  if (!module) return false;
  let answers = staticAnswers.get(settings)?.get(module.ast);
  if (!answers) {
    answers = new Map();
    const bySettings = staticAnswers.get(settings) ?? new WeakMap<TSESTree.Program, Map<string, boolean>>();
    bySettings.set(module.ast, answers);
    staticAnswers.set(settings, bySettings);
  }
  let answer = answers.get(name);
  if (answer === undefined) {
    const index = getProjectIndex(context);
    const resolve = index ? (specifier: string): string | null => index.resolve(module.filename, specifier) : undefined;
    answer = isQueryFreeModelStatic(module, name, settings, context.cwd, resolve);
    answers.set(name, answer);
  }
  return answer;
}

/** {@link isQueryFreeModelStatic}'s answers per settings, model file tree and static name. */
const staticAnswers = new WeakMap<ApiAuditSettings, WeakMap<TSESTree.Program, Map<string, boolean>>>();

/**
 * The parsed file a model binding comes from: the file its import resolves to, or this file when the
 * binding is made here; `null` when an imported model's file cannot be found or read.
 */
function getModelModule(context: Context, binding: TSESTree.Identifier, source: string): ParsedModule | null {
  const { sourceCode } = context;
  const scope = sourceCode.getScope(binding);
  const def = findVariable(scope, binding)?.defs[0];
  // An import, or `const User = require(…)` / `const { User } = require(…)` / `require(…).User`.
  const imported =
    def?.type === 'ImportBinding' ||
    (def?.type === 'Variable' &&
      def.node.init !== null &&
      getRequiredModule(skipMember(def.node.init), scope) !== null);
  if (!imported) {
    return {
      ast: sourceCode.ast,
      globalScope: sourceCode.scopeManager!.globalScope!,
      visitorKeys: sourceCode.visitorKeys,
      filename: context.filename,
    };
  }
  const file = getImportResolution(context)?.(source);
  return file ? readServiceModule(file) : null;
}

function skipMember(node: TSESTree.Node): TSESTree.Node {
  const inner = skipExpressionWrappers(node);
  return inner.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(inner.object) : inner;
}

/** A controller constructor parameter that asks for a repository, model, connection or ORM client. */
function reportInjections(context: Context, settings: ApiAuditSettings, controller: AppFacts): void {
  const classNode = controller.node as TSESTree.ClassDeclaration;
  const constructor = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  for (const param of constructor?.value.params ?? []) {
    const dependency = getDataDependency(context, settings, param);
    if (dependency) {
      context.report({
        node: param,
        messageId: 'dataLayerInjected',
        data: { controller: classNode.id?.name ?? 'anonymous', dependency },
      });
    }
  }
}

/** What a constructor parameter injects, when it is data access: `@InjectRepository(User)`, `Repository<User>`, `PrismaService`. */
function getDataDependency(context: Context, settings: ApiAuditSettings, param: TSESTree.Parameter): string | null {
  const scope = context.sourceCode.getScope(param);
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  for (const decorator of [...(param.decorators ?? []), ...('decorators' in target ? (target.decorators ?? []) : [])]) {
    const expression =
      decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
    if (expression.type !== AST_NODE_TYPES.Identifier) continue;
    const origin = getImportOrigin(expression, scope);
    if (origin && INJECT_DECORATORS[origin.module]?.includes(origin.imported))
      return `@${getDottedName(decorator.expression) ?? expression.name}()`;
  }
  const annotation = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier)
    return null;
  const typeName = annotation.typeName;
  const text = context.sourceCode.getText(annotation);
  if (PRISMA_SERVICE.test(typeName.name)) return text;
  const origin = getImportOrigin(typeName, scope);
  if (!origin) return null;
  if (DATA_TYPES[origin.module]?.includes(origin.imported)) return text;
  return isImportInLayer(settings, 'data', context.filename, origin.module, context.cwd) ? text : null;
}

/**
 * Complexity and statement count of a handler's own code, reported at its head. Inline callbacks
 * count as the handler's logic; nested function declarations (and functions bound to a name) are
 * the handler's helpers and do not.
 */
function reportComplexity(context: Context, handler: FunctionNode, where: string, options: Options[0]): void {
  const { complexity, statements } = measure(handler, context.sourceCode.visitorKeys);
  const loc = ASTUtils.getFunctionHeadLocation(handler, context.sourceCode);
  const maxComplexity = options.maxComplexity ?? 10;
  const maxStatements = options.maxStatements ?? 30;
  if (complexity > maxComplexity && statements > maxStatements) {
    context.report({
      loc,
      messageId: 'tooComplexAndLong',
      data: { where, complexity, maxComplexity, statements, maxStatements },
    });
  } else if (complexity > maxComplexity) {
    context.report({ loc, messageId: 'tooComplex', data: { where, value: complexity, limit: maxComplexity } });
  } else if (statements > maxStatements) {
    context.report({ loc, messageId: 'tooManyStatements', data: { where, value: statements, limit: maxStatements } });
  }
}

/**
 * Whether a route is a health or readiness probe: its path is one ({@link isHealthPath}), or, when the
 * path is not static, the expression that gives it names one (`url: readinessEndpoint`,
 * `config.healthPath`, `app.openapi(routes.getReadyzRoute, …)`) or falls back to one
 * (`opts.readiness?.endpoint ?? '/ready'`). Pinging the database and mapping probe results to status
 * codes is what these routes are for.
 */
function isHealthRoute(context: Context, route: RouteFacts | RemoteRoute): boolean {
  if ('file' in route) return isHealthPath(route.path);
  if (isHealthPath(route.fullPath ?? route.path)) return true;
  if (route.path !== null || route.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const [first] = route.node.arguments;
  if (!first) return false;
  const inner = skipExpressionWrappers(first);
  const scope = context.sourceCode.getScope(inner);
  const path =
    inner.type === AST_NODE_TYPES.ObjectExpression
      ? (findObjectProperty(inner, 'url', scope) ?? findObjectProperty(inner, 'path', scope))?.value
      : inner;
  return path !== undefined && isHealthPathExpression(context, path, 0);
}

/** See {@link isHealthRoute}. */
function isHealthPathExpression(context: Context, node: TSESTree.Node, depth: number): boolean {
  if (depth > 4) return false;
  const inner = skipExpressionWrappers(node);
  const scope = context.sourceCode.getScope(inner);
  const text = getStaticString(inner, scope);
  if (text !== null) return isHealthPath(text);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      if (HEALTH_NAME.test(inner.name)) return true;
      const init = getConstantInit(findVariable(scope, inner));
      return init !== null && isHealthPathExpression(context, init, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression:
      return HEALTH_NAME.test(context.sourceCode.getText(inner));
    case AST_NODE_TYPES.LogicalExpression:
      return (
        inner.operator !== '&&' &&
        (isHealthPathExpression(context, inner.left, depth + 1) ||
          isHealthPathExpression(context, inner.right, depth + 1))
      );
    case AST_NODE_TYPES.TemplateLiteral:
      return isHealthPath(inner.quasis.map((quasi) => quasi.value.cooked ?? '').join(':part'));
    default:
      return false;
  }
}

/** Names of bindings and properties that hold a health probe's path or route. */
const HEALTH_NAME = /health|readiness|liveness|readyz|livez/iu;

/**
 * Whether a NestJS controller only serves health checks: every route it has is a health route, or is
 * a `@HealthCheck()` handler of `@nestjs/terminus`. Such a controller takes the ORM client or
 * connection to ping it (`this.db.pingCheck('database', { connection })`), which is not data access.
 */
function isHealthController(context: Context, model: RouteModel, controller: AppFacts): boolean {
  const routes = model.routes.filter((route) => route.app === controller);
  return (
    routes.length > 0 &&
    routes.every((route) => isHealthRoute(context, route) || isTerminusHealthCheck(context, route.node))
  );
}

/** A handler method decorated with `@HealthCheck()` from `@nestjs/terminus`. */
function isTerminusHealthCheck(context: Context, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MethodDefinition) return false;
  return node.decorators.some((decorator) => {
    const expression =
      decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
    if (expression.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = getImportOrigin(expression, context.sourceCode.getScope(expression));
    return origin?.module === '@nestjs/terminus' && origin.imported === 'HealthCheck';
  });
}

/**
 * Whether a handler hands its work to the service layer: its own code calls a function imported from a
 * module in `layers.services` (`await usersService.register(req.body)`). Its branching is then the
 * HTTP side of the work (status codes, redirects, error mapping), not business logic, and its
 * complexity is not reported.
 */
function delegatesToService(context: Context, settings: ApiAuditSettings, handler: FunctionNode): boolean {
  const resolveImport = getImportResolution(context);
  let found = false;
  walk(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    let root: TSESTree.Node = node.callee;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    if (root.type !== AST_NODE_TYPES.Identifier) return true;
    const origin = getImportOrigin(root, context.sourceCode.getScope(root));
    if (!origin) return true;
    const resolved = resolveImport?.(origin.module);
    found =
      isImportInLayer(settings, 'services', context.filename, origin.module, context.cwd) ||
      (resolved !== null && resolved !== undefined && isInLayer(settings, 'services', resolved, context.cwd));
    return !found;
  });
  return found;
}

/**
 * Cyclomatic complexity (1 + each branch, as ESLint's `complexity` counts them: `if`, loops, `?:`,
 * `&&`/`||`/`??`, logical assignment, `case x:`, `catch`, default parameters, optional calls and
 * member accesses) and statements (as ESLint's `max-statements`: the statements of every block) of a
 * function, skipping nested named helpers.
 */
function measure(fn: FunctionNode, keys: VisitorKeys): { complexity: number; statements: number } {
  let complexity = 1;
  let statements = 0;
  walk(fn.body, keys, (node) => {
    if (isFunctionNode(node) && isNamedHelper(node)) return false;
    switch (node.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        statements += node.body.length;
        return true;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.CatchClause:
      case AST_NODE_TYPES.AssignmentPattern:
        complexity += 1;
        return true;
      case AST_NODE_TYPES.SwitchCase:
        if (node.test) complexity += 1;
        return true;
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.operator === '&&=' || node.operator === '||=' || node.operator === '??=') complexity += 1;
        return true;
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression:
        if (node.optional) complexity += 1;
        return true;
      default:
        return true;
    }
  });
  for (const param of fn.params) if (param.type === AST_NODE_TYPES.AssignmentPattern) complexity += 1;
  return { complexity, statements };
}

function isNamedHelper(fn: FunctionNode): boolean {
  return fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.parent?.type === AST_NODE_TYPES.VariableDeclarator;
}
