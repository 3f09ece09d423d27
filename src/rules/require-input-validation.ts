import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  getAppMiddleware,
  getRouteModelOf,
  type Framework,
  type FunctionNode,
  type RemoteRoute,
  type RouteFacts,
} from '../frameworks/index.js';
import { getImportResolution, getProjectIndex, getRouteModel, readServiceModule } from '../project-index/index.js';
import { resolveObjectLiteral, scopeOf, skipExpressionWrappers } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { getDataLayerIndex } from '../shared/data-layer.js';
import {
  getSchemaValidatedSources,
  INPUT_SOURCES,
  isNestParamValidated,
  isValidationMiddleware,
  type InputSource,
} from '../shared/input-validation.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import {
  collectGuards,
  collectInputs,
  collectValidatedSources,
  isTrustedCaller,
} from './require-input-validation-utils/analysis.js';
import { InputTracker, type InputValue } from './require-input-validation-utils/inputs.js';
import { getAddPipeFix, getCoercionPipe, getNestPipeState } from './require-input-validation-utils/nest.js';
import { findSinks, type SinkKind } from './require-input-validation-utils/sinks.js';

export type Options = [{ additionalValidators?: string[] }];
export type MessageIds = 'unvalidatedInput' | 'addParsePipe';

/** How messages name each sink. */
const SINK_NAMES: Readonly<Record<SinkKind, string>> = {
  database: 'a database call',
  file: 'a file path',
  shell: 'a shell command',
  response: 'an HTML response',
};

/** What each framework validates input with, for the message. */
const VALIDATORS: Readonly<Record<Framework, string>> = {
  express: 'a schema (`Schema.parse(req.body)`) or validation middleware (express-validator, celebrate)',
  fastify: 'the route `schema` (`body`, `querystring`, `params`, `headers`)',
  nestjs: 'a DTO class under `ValidationPipe` or a pipe on the parameter (`ParseIntPipe`)',
  hono: 'a validator middleware (`zValidator`) and `c.req.valid()`',
  koa: 'a schema (`Schema.parse(ctx.request.body)`) or validation middleware',
  nextjs: 'a schema (`Schema.parse(await request.json())`, `Schema.parse(req.body)` in `pages/api`)',
};

/** Packages that validate every route against an OpenAPI document from app-level middleware. */
const APP_VALIDATOR_PACKAGES = [
  'express-openapi-validator',
  'openapi-backend',
  'express-openapi',
  'swagger-express-validator',
  'express-ajv-swagger-validation',
  'fastify-openapi-glue',
  'koa-openapi',
  'koa-oas3',
  'openapi-validator-middleware',
];

/** What a route's own declarations validate: every input, or some (a Fastify schema per part). */
type RouteValidation = ReadonlySet<InputSource>;
const ALL: RouteValidation = new Set(INPUT_SOURCES);

export default createRule<Options, MessageIds>({
  name: 'require-input-validation',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require request input to pass a validator before it reaches a database call, a file path, a shell command or an HTML response',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      unvalidatedInput:
        '`{{ input }}` reaches {{ sink }} (`{{ label }}`) without passing a validator; validate it first with {{ how }}.',
      addParsePipe: 'Parse and check it with `{{ pipe }}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          additionalValidators: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Names of functions or methods of your own that validate what they are given (`checkInput`, `guard.body`): a call of one validates its arguments, and middleware by that name validates the route.',
          },
        },
      },
    ],
    defaultOptions: [{ additionalValidators: [] }],
  },
  create(context, [options]) {
    const settings = getSettings(context);
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const additionalValidators = options.additionalValidators ?? [];
    return {
      'Program:exit'(program: TSESTree.Program) {
        const model = getRouteModel(context);
        if (model.handlers.size === 0 && model.remoteHandlers.size === 0) return;
        const { sourceCode } = context;
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const root = getProjectIndex(context)?.root ?? null;
        if (root !== null && usesAppValidator(root)) return;
        const dataLayer = getDataLayerIndex(context, settings, getImportResolution(context));
        const reported = new Set<string>();
        const check = (
          fn: FunctionNode,
          framework: Framework,
          validated: RouteValidation,
          routes: RouteFacts[],
        ): void => {
          if (isTrustedCaller(fn, sourceCode.visitorKeys)) return;
          const guards = collectGuards(fn, sourceCode.visitorKeys, sourceCode);
          const nestParams = framework === 'nestjs' ? getNestInputs(routes, context.filename, root, program) : [];
          const tracker = new InputTracker(framework, fn, globalScope, sourceCode, guards, nestParams);
          const inHandler = collectValidatedSources(
            fn,
            sourceCode.visitorKeys,
            globalScope,
            tracker,
            additionalValidators,
          );
          for (const sink of findSinks(framework, fn, program, globalScope, sourceCode.visitorKeys, dataLayer)) {
            for (const value of sink.values) {
              for (const { node, input } of collectInputs(value, sink.kind, tracker, globalScope)) {
                if (validated.has(input.source) || inHandler.has(input.source) || !reaches(input, sink.kind)) continue;
                const key = `${sink.node.range.join(':')}|${input.name}`;
                const at = `${node.range.join(':')}`;
                if (reported.has(key) || reported.has(at)) continue;
                reported.add(key);
                reported.add(at);
                report(node, input, sink.kind, sink.label, framework, nestParams);
              }
            }
          }
        };
        const report = (
          node: TSESTree.Node,
          input: InputValue,
          kind: SinkKind,
          label: string,
          framework: Framework,
          nestParams: ReturnType<typeof getNestInputs>,
        ): void => {
          const param = nestParams.find((item) => item.input !== 'request' && item.input === input)?.node;
          const pipe = param ? getCoercionPipe(param) : null;
          const fix = param && pipe ? getAddPipeFix(param, pipe, program, globalScope) : null;
          context.report({
            node,
            messageId: 'unvalidatedInput',
            data: { input: input.name, sink: SINK_NAMES[kind], label, how: VALIDATORS[framework] },
            suggest: fix && pipe ? [{ messageId: 'addParsePipe', data: { pipe }, fix }] : [],
          });
        };

        for (const [fn, routes] of model.handlers) {
          const framework = routes[0]!.framework;
          const validated = unionOf(
            routes.map((route) => getRouteValidation(route, globalScope, additionalValidators)),
          );
          if (validated.size === INPUT_SOURCES.length && framework !== 'nestjs') continue;
          check(fn, framework, validated, routes);
        }
        for (const [fn, remotes] of model.remoteHandlers) {
          if (model.handlers.has(fn) || root === null) continue;
          const found = remotes.map((remote) => getRemoteValidation(remote, root, additionalValidators));
          // A registration that cannot be read (or a Nest route, checked where it is declared): stay silent.
          if (found.some((item) => item === null)) continue;
          const validated = unionOf(found as RouteValidation[]);
          if (validated.size === INPUT_SOURCES.length) continue;
          check(fn, remotes[0]!.framework, validated, []);
        }
      },
    };
  },
});

/** Whether an input reaching a sink of this kind is worth a report (see the stance in the docs). */
function reaches(input: InputValue, kind: SinkKind): boolean {
  // Text (a path parameter, a header, a Hono or Next.js query value) is bound as a parameter by the
  // data layer; only values the client can shape into objects carry operators into a filter.
  if (kind === 'database') return input.structured;
  // A whole body or query object is sent as JSON, not rendered.
  if (kind === 'response') return !input.whole;
  return true;
}

function unionOf(items: readonly RouteValidation[]): RouteValidation {
  const union = new Set<InputSource>();
  for (const item of items) for (const source of item) union.add(source);
  return union;
}

/**
 * The inputs a route validates before its handler runs: all of them behind validation middleware
 * (route-level, or app/router-level registered before the route), the parts a Fastify schema (or a
 * Hono OpenAPI `request`) declares. A schema that cannot be read counts as validating everything.
 */
function getRouteValidation(
  route: RouteFacts,
  globalScope: TSESLint.Scope.Scope,
  additionalValidators: readonly string[],
): RouteValidation {
  if (route.framework === 'nestjs') return new Set();
  const before = getAppMiddleware(route.app).filter((item) => item.node.range[0] < route.node.range[0]);
  if ([...before, ...route.middleware].some((item) => isValidationMiddleware(item, globalScope, additionalValidators)))
    return ALL;
  if (route.schema) {
    const object = resolveObjectLiteral(route.schema, scopeOf(globalScope, route.schema));
    if (!object) return ALL;
    const keys = object.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier
        ? [property.key.name]
        : property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Literal
          ? [String(property.key.value)]
          : [],
    );
    if (object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return ALL;
    return getSchemaValidatedSources(keys);
  }
  if (route.framework === 'fastify' && hasUnreadOptions(route)) return ALL;
  return new Set();
}

/** A Fastify route given an options object the model could not read (`app.post('/x', opts, handler)`). */
function hasUnreadOptions(route: RouteFacts): boolean {
  if (route.options) return false;
  const call = route.node;
  if (call.type !== AST_NODE_TYPES.CallExpression) return true;
  return call.arguments.some(
    (argument, index) =>
      index > 0 &&
      argument !== route.handlerNode &&
      skipExpressionWrappers(argument).type !== AST_NODE_TYPES.ArrowFunctionExpression &&
      skipExpressionWrappers(argument).type !== AST_NODE_TYPES.FunctionExpression,
  );
}

/**
 * The validation of a route registered in another file, read from that file's route model at the
 * registration's line; `null` when it cannot be read, or for NestJS (its routes are in the handler's file).
 */
function getRemoteValidation(
  remote: RemoteRoute,
  root: string,
  additionalValidators: readonly string[],
): RouteValidation | null {
  if (remote.framework === 'nestjs') return null;
  const file = join(root, remote.file);
  const module = readServiceModule(file);
  if (!module) return null;
  const model = getRouteModelOf({ ast: module.ast, globalScope: module.globalScope, filename: file });
  const routes = model.routes.filter((route) => route.node.loc.start.line === remote.line);
  if (routes.length === 0) return null;
  return unionOf(routes.map((route) => getRouteValidation(route, module.globalScope, additionalValidators)));
}

const NEST_SOURCES: Readonly<Record<string, InputSource>> = {
  Body: 'body',
  Query: 'query',
  Param: 'params',
  Headers: 'headers',
};

/** The parameters of a Nest handler bound to client input that no pipe validates, and `@Req()` ones. */
function getNestInputs(
  routes: readonly RouteFacts[],
  filename: string,
  root: string | null,
  program: TSESTree.Program,
): { node: TSESTree.Parameter; input: InputValue | 'request' }[] {
  const route = routes[0];
  if (!route) return [];
  const pipes = getNestPipeState(route, filename, root);
  const found: { node: TSESTree.Parameter; input: InputValue | 'request' }[] = [];
  for (const param of route.params) {
    const name = param.source.split('.').at(-1) ?? '';
    if (name === 'Req' || name === 'Request') {
      found.push({ node: param.node, input: 'request' });
      continue;
    }
    const source = NEST_SOURCES[name];
    if (!source || isNestParamValidated(param.node, pipes, program)) continue;
    const identifier = param.node.type === AST_NODE_TYPES.Identifier ? param.node : null;
    if (!identifier) continue;
    found.push({
      node: param.node,
      input: {
        source,
        name: identifier.name,
        structured: source === 'body' || source === 'query',
        whole: param.key === null,
      },
    });
  }
  return found;
}

/** Projects whose dependencies validate every route against an OpenAPI document (cached per root). */
const appValidators = new Map<string, boolean>();

function usesAppValidator(root: string): boolean {
  let answer = appValidators.get(root);
  if (answer === undefined) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
      const names = ['dependencies', 'devDependencies'].flatMap((key) =>
        Object.keys((manifest[key] as Record<string, string> | undefined) ?? {}),
      );
      answer = names.some((name) => APP_VALIDATOR_PACKAGES.includes(name));
    } catch {
      answer = false;
    }
    appValidators.set(root, answer);
  }
  return answer;
}
