import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { describeServingContext, type AppFacts, type FunctionNode } from '../frameworks/index.js';
import { getImportResolution, getRouteModel, getServingIndex } from '../project-index/index.js';
import { getDottedName, getImportOrigin, isFunctionNode, walk, type VisitorKeys } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { getDataLayerIndex } from '../shared/data-layer.js';
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
        reportDataAccess(context);
        for (const app of model.apps) if (app.kind === 'controller') reportInjections(context, settings, app);
        for (const [handler, routes] of model.handlers) {
          if (delegatesToService(context, settings, handler)) continue;
          reportComplexity(context, handler, describeServingContext({ kind: 'route', routes, root: handler }), options);
        }
        for (const [handler, routes] of model.remoteHandlers) {
          if (routes[0]!.framework === 'nestjs' || delegatesToService(context, settings, handler)) continue;
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
 */
function reportDataAccess(context: Context): void {
  const index = getServingIndex(context);
  const reported = new Set<FunctionNode>();
  for (const access of getDataLayerIndex(context, getSettings(context), getImportResolution(context)).accesses) {
    const serving = index.contextOf(access.node);
    if (
      (serving?.kind !== 'route' && serving?.kind !== 'remote-route') ||
      reported.has(serving.root) ||
      serving.routes[0]!.framework === 'nestjs' ||
      serving.routes.every((route) => isHealthPath('file' in route ? route.path : (route.fullPath ?? route.path)))
    )
      continue;
    reported.add(serving.root);
    context.report({
      node: access.node,
      messageId: 'dataAccessInHandler',
      data: { call: access.label, where: describeServingContext(serving) },
    });
  }
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
 * Health and readiness routes (`/health`, `/healthz`, `/_health`, `/ready`, `/readyz`, `/live`,
 * `/livez`, `/ping`, and the same as the last segment): pinging the database is what they are for.
 */
function isHealthPath(path: string | null): boolean {
  const last = path?.split('/').filter(Boolean).at(-1)?.toLowerCase();
  return last !== undefined && HEALTH_SEGMENTS.has(last);
}

const HEALTH_SEGMENTS: ReadonlySet<string> = new Set([
  'health',
  'healthz',
  '_health',
  'healthcheck',
  'ready',
  'readyz',
  'readiness',
  'live',
  'livez',
  'liveness',
  'ping',
]);

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
