import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { CALL, getDottedName, skipTypeWrappers, type TraceMap } from '../shared/ast/index.js';
import type { FrameworkAdapter, RouteModelBuilder } from './builder.js';
import type { AppFacts, HandlerParamFacts, HttpMethod, MiddlewareFacts, MiddlewareKind } from './types.js';

type NestInfo =
  | { kind: 'controller' }
  | { kind: 'route'; method: HttpMethod }
  | { kind: 'use'; middleware: MiddlewareKind }
  | { kind: 'factory' };

const route = (method: HttpMethod): Record<symbol, NestInfo> => ({ [CALL]: { kind: 'route', method } });
const use = (middleware: MiddlewareKind): Record<symbol, NestInfo> => ({ [CALL]: { kind: 'use', middleware } });

/**
 * NestJS 10/11 decorators from `@nestjs/common` and the `NestFactory.create()` app from `@nestjs/core`
 * (both CommonJS packages, tracked in legacy mode).
 */
export const nestTraceMap: TraceMap = {
  '@nestjs/common': {
    Controller: { [CALL]: { kind: 'controller' } satisfies NestInfo },
    Get: route('GET'),
    Post: route('POST'),
    Put: route('PUT'),
    Patch: route('PATCH'),
    Delete: route('DELETE'),
    Head: route('HEAD'),
    Options: route('OPTIONS'),
    All: route('ALL'),
    UseGuards: use('guard'),
    UsePipes: use('pipe'),
    UseInterceptors: use('interceptor'),
    UseFilters: use('filter'),
  },
  '@nestjs/core': {
    NestFactory: { create: { [CALL]: { kind: 'factory' } satisfies NestInfo } },
  },
};

/** `app.useGlobal*()` methods of a Nest application and what they register. */
const GLOBAL_USE: Readonly<Record<string, MiddlewareKind>> = {
  use: 'middleware',
  useGlobalGuards: 'guard',
  useGlobalPipes: 'pipe',
  useGlobalInterceptors: 'interceptor',
  useGlobalFilters: 'filter',
};

export const nestAdapter: FrameworkAdapter = {
  framework: 'nestjs',
  packages: ['@nestjs/common', '@nestjs/core'],
  requestTypes: {
    modules: ['@nestjs/common'],
    parameters: ['ExecutionContext', 'ArgumentsHost', 'CallHandler'],
    bindings: [],
  },

  seed(builder) {
    const references = builder.track<NestInfo>(nestTraceMap).filter((reference) => reference.type === 'call');
    const controllers = new Map<TSESTree.Node, AppFacts>();
    const uses = new Map<TSESTree.Node, MiddlewareFacts[]>();
    const routes: { decorator: TSESTree.Decorator; method: HttpMethod; call: TSESTree.CallExpression }[] = [];
    for (const { node, info } of references) {
      const call = node as TSESTree.CallExpression;
      if (info.kind === 'factory') {
        builder.addInstance(call, {
          app: Object.assign(builder.createApp('nestjs', 'app', call), { globalPrefix: '' }),
        });
        continue;
      }
      const decorator = call.parent;
      if (decorator?.type !== AST_NODE_TYPES.Decorator || !decorator.parent) continue;
      if (info.kind === 'controller' && decorator.parent.type === AST_NODE_TYPES.ClassDeclaration) {
        controllers.set(
          decorator.parent,
          builder.createApp('nestjs', 'controller', decorator.parent, getControllerPrefix(builder, call)),
        );
      } else if (info.kind === 'route') {
        routes.push({ decorator, method: info.method, call });
      } else if (info.kind === 'use') {
        const list = uses.get(decorator.parent) ?? [];
        list.push(...call.arguments.map((argument) => builder.middleware('nestjs', info.middleware, argument)));
        uses.set(decorator.parent, list);
      }
    }
    for (const [classNode, app] of controllers) app.middleware.push(...(uses.get(classNode) ?? []));
    for (const { decorator, method, call } of routes) {
      const definition = decorator.parent;
      if (
        definition?.type !== AST_NODE_TYPES.MethodDefinition ||
        definition.value.type !== AST_NODE_TYPES.FunctionExpression
      )
        continue;
      const app = controllers.get(definition.parent.parent);
      if (!app) continue;
      const pathNode = call.arguments[0];
      const path = pathNode ? builder.staticString(pathNode) : '';
      builder.addRoute({
        framework: 'nestjs',
        app,
        node: definition,
        methods: [method],
        path,
        handlerNode: definition,
        handler: definition.value,
        middleware: [...app.middleware, ...(uses.get(definition) ?? [])],
        params: getParams(builder, definition.value),
        decorators: definition.decorators
          .map((item) => getDottedName(item.expression) ?? '')
          .filter((name) => name !== ''),
      });
    }
  },

  interpret(builder, value, method, call) {
    const { app } = value;
    if (method === 'setGlobalPrefix') {
      app.globalPrefix = builder.staticString(call.arguments[0]);
      return;
    }
    const kind = GLOBAL_USE[method];
    if (kind) for (const argument of call.arguments) app.middleware.push(builder.middleware('nestjs', kind, argument));
  },
};

/** `@Controller()`, `@Controller('users')`, `@Controller({ path: 'users', version: '1' })`. */
function getControllerPrefix(builder: RouteModelBuilder, call: TSESTree.CallExpression): string | null {
  const argument = call.arguments[0];
  if (!argument) return '';
  const options = builder.resolveObject(argument);
  if (options) {
    const path = builder.property(options, 'path');
    return path ? builder.staticString(path) : '';
  }
  return builder.staticString(argument);
}

/** Decorated parameters: `@Body() dto: CreateUserDto`, `@Param('id', ParseIntPipe) id: number`. */
function getParams(builder: RouteModelBuilder, fn: TSESTree.FunctionExpression): HandlerParamFacts[] {
  const params: HandlerParamFacts[] = [];
  for (const param of fn.params) {
    const decorator = param.decorators?.[0];
    if (!decorator) continue;
    const expression = skipTypeWrappers(decorator.expression);
    const source = getDottedName(expression);
    if (source === null) continue;
    const key =
      expression.type === AST_NODE_TYPES.CallExpression ? builder.staticString(expression.arguments[0]) : null;
    const annotation = 'typeAnnotation' in param ? param.typeAnnotation?.typeAnnotation : undefined;
    const typeName = annotation?.type === AST_NODE_TYPES.TSTypeReference ? getEntityName(annotation.typeName) : null;
    params.push({ source, key, typeName, node: param });
  }
  return params;
}

function getEntityName(name: TSESTree.EntityName): string | null {
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = getEntityName(name.left);
    return left === null ? null : `${left}.${name.right.name}`;
  }
  return null;
}
