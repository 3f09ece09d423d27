import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

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
        const controller = builder.createApp(
          'nestjs',
          'controller',
          decorator.parent,
          getControllerPrefix(builder, call),
        );
        const options = call.arguments[0] ? builder.resolveObject(call.arguments[0]) : null;
        const version = options ? readVersion(builder, builder.property(options, 'version')) : undefined;
        if (version !== undefined) controller.version = version;
        controllers.set(decorator.parent, controller);
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
      const versionDecorator = definition.decorators.find(
        (item) =>
          item.expression.type === AST_NODE_TYPES.CallExpression &&
          getDottedName(item.expression.callee) === 'Version' &&
          builder.moduleOf(item.expression) === '@nestjs/common',
      )?.expression as TSESTree.CallExpression | undefined;
      const version = versionDecorator ? readVersion(builder, versionDecorator.arguments[0] ?? null) : undefined;
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
        ...(version === undefined ? {} : { version }),
      });
    }
  },

  interpret(builder, value, method, call) {
    const { app } = value;
    if (method === 'setGlobalPrefix') {
      app.globalPrefix = builder.staticString(call.arguments[0]);
      const exclude = builder.property(builder.resolveObject(call.arguments[1]), 'exclude');
      if (exclude?.type === AST_NODE_TYPES.ArrayExpression) {
        app.globalPrefixExclude = exclude.elements.flatMap((element) => {
          if (!element || element.type === AST_NODE_TYPES.SpreadElement) return [];
          const entry = builder.resolveObject(element);
          const path = builder.staticString(entry ? builder.property(entry, 'path') : element);
          return path === null ? [] : [path];
        });
      }
      return;
    }
    if (method === 'enableVersioning') {
      // `enableVersioning()` defaults to URI versioning (NestApplication.enableVersioning's default options).
      const options = builder.resolveObject(call.arguments[0]);
      const type = builder.property(options, 'type');
      const typeName = type ? (getDottedName(type) ?? builder.staticString(type)) : 'URI';
      if (typeName === null || !/(?:^|\.)URI$|^0$/u.test(typeName)) return;
      const prefixNode = builder.property(options, 'prefix');
      const prefix = prefixNode
        ? prefixNode.type === AST_NODE_TYPES.Literal && prefixNode.value === false
          ? ''
          : (builder.staticString(prefixNode) ?? 'v')
        : 'v';
      const defaultVersion = readVersion(builder, builder.property(options, 'defaultVersion'));
      app.versioning = { prefix, defaultVersion: defaultVersion ?? null };
      return;
    }
    const kind = GLOBAL_USE[method];
    if (kind) for (const argument of call.arguments) app.middleware.push(builder.middleware('nestjs', kind, argument));
  },
};

/**
 * A version as Nest reads it: a string (`'2'`), the first of an array (`['1', '2']`), `null` for
 * `VERSION_NEUTRAL`; `undefined` when none is given or it is not static.
 */
function readVersion(builder: RouteModelBuilder, node: TSESTree.Node | null): string | null | undefined {
  if (!node) return undefined;
  const inner = skipTypeWrappers(builder.resolveConstant(node));
  if (getDottedName(inner)?.endsWith('VERSION_NEUTRAL')) return null;
  if (inner.type === AST_NODE_TYPES.ArrayExpression)
    return inner.elements[0] ? readVersion(builder, inner.elements[0]) : undefined;
  return builder.staticString(inner) ?? undefined;
}

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
