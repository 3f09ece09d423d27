import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { describeServingContext, type Framework, type FunctionNode, type RouteFacts } from '../frameworks/index.js';
import { getImportResolution, getRouteModel, readServiceModule } from '../project-index/index.js';
import {
  findExportedFunction,
  findObjectProperty,
  getImportOrigin,
  getMemberName,
  getMethodCall,
  skipTypeWrappers,
  type VisitorKeys,
} from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { getDataLayerIndex, type DataAccess } from '../shared/data-layer.js';
import { findResponseSites } from '../shared/response-sites.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import { getSensitiveFields, getTypeServices, type TypeServices } from '../shared/types/sensitive-fields.js';

export type Options = [{ credentialFields?: string[] }];
export type MessageIds =
  | 'missingResponseSchema'
  | 'missingResponseContent'
  | 'entityReturned'
  | 'rawDataSent'
  | 'sensitiveFieldSent'
  | 'pickSafeFields';

/** Methods and options that already choose the fields a query returns (Prisma/TypeORM `select`, Mongoose `select`/projection, Sequelize `attributes`, Knex/Drizzle `select(cols)`, SQL `returning`). */
const SHAPING_METHODS = new Set(['select', 'project', 'pluck', 'returning', 'columns']);
const SHAPING_OPTIONS = ['select', 'attributes', 'projection', 'columns', 'omit'];
/** Modules whose exported types are ORM entities or models. */
const ENTITY_MODULE =
  /^(?:@prisma\/client|\.prisma\/client)(?:\/|$)|\.entity(?:\.[cm]?[jt]s)?$|\/entities(?:\/|$)|\.model(?:\.[cm]?[jt]s)?$|\/models(?:\/|$)/u;
/** Decorators that make a class an entity or a document schema. */
const ENTITY_DECORATORS: Readonly<Record<string, readonly string[]>> = {
  typeorm: ['Entity', 'ViewEntity'],
  '@mikro-orm/core': ['Entity'],
  '@nestjs/mongoose': ['Schema'],
  '@typegoose/typegoose': ['modelOptions'],
};
/** Wrappers a Nest handler's declared type may put around what it sends. */
const TYPE_WRAPPERS = new Set(['Promise', 'Observable', 'Array', 'ReadonlyArray']);

export default createRule<Options, MessageIds>({
  name: 'require-response-schema',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require routes to declare their response shape instead of sending raw models',
      recommended: true,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      missingResponseSchema:
        'Route {{ route }} declares no response schema; add `schema.response` so that only the declared fields are serialized.',
      missingResponseContent:
        'Response {{ status }} of route {{ route }} declares no content schema; describe its body under `content`.',
      entityReturned:
        'Route {{ route }} returns the entity `{{ entity }}`; return a response DTO with only the fields clients may see.',
      rawDataSent:
        'Route {{ route }} sends the raw result of `{{ call }}`; map it to a response shape (a DTO, a schema `parse`, or the fields clients may see).',
      sensitiveFieldSent:
        'Route {{ route }} sends a value whose type has `{{ field }}`; leave credential fields out of the response.',
      pickSafeFields: 'Send only {{ fields }}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          credentialFields: {
            type: 'array',
            items: { type: 'string' },
            description: 'Property names that hold credentials; replaces the shared `credentialFields` setting.',
          },
        },
      },
    ],
    defaultOptions: [{ credentialFields: [] }],
  },
  create(context, [options]) {
    const settings = getSettings(context);
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const credentialFields = options.credentialFields?.length ? options.credentialFields : settings.credentialFields;
    return {
      'Program:exit'() {
        const model = getRouteModel(context);
        if (model.routes.length === 0 && model.remoteHandlers.size === 0) return;
        const types = getTypeServices(context);
        const data = getDataLayerIndex(context, settings, getImportResolution(context));
        const { sourceCode } = context;
        /** Raw ORM results and (with types) credential fields in what `handler` sends. */
        const checkSentValues = (framework: Framework, handler: FunctionNode, label: string): void => {
          const globalScope = sourceCode.scopeManager!.globalScope!;
          for (const site of findResponseSites(framework, handler, globalScope, sourceCode.visitorKeys)) {
            const raw = getRawAccess(site.value, data.sourceOf.bind(data));
            if (raw) {
              context.report({ node: site.value, messageId: 'rawDataSent', data: { route: label, call: raw.label } });
            } else if (types) {
              reportSensitiveFields(context, types, site.value, label, credentialFields);
            }
          }
        };
        for (const route of model.routes) {
          const label = describeServingContext({ kind: 'route', routes: [route], root: route.handler! });
          if (route.framework === 'fastify') checkFastifySchema(context, route, label);
          if (route.framework === 'hono' && route.options) checkOpenApiResponses(context, route, label);
          if (route.framework === 'nestjs') checkNestReturnType(context, route, label);
          if (route.handler) checkSentValues(route.framework, route.handler, label);
        }
        for (const [handler, routes] of model.remoteHandlers) {
          checkSentValues(
            routes[0]!.framework,
            handler,
            describeServingContext({ kind: 'remote-route', routes, root: handler }),
          );
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/**
 * A Fastify route without `schema.response` (options inline or in a same-file `const`); silent when the
 * schema is not a literal it can read, and when the handler sends no body (`reply.code(204).send()`,
 * `send(null)`, nothing returned): read in this file, or in the file its import resolves to through the
 * project index.
 */
function checkFastifySchema(context: Context, route: RouteFacts, label: string): void {
  if (route.options?.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement) && !route.schema)
    return;
  const schema = route.schema ? skipTypeWrappers(route.schema) : null;
  if (schema && schema.type !== AST_NODE_TYPES.ObjectExpression) return;
  if (
    schema &&
    (findObjectProperty(schema, 'response') ||
      schema.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement))
  )
    return;
  if (!mayReply(context, route)) return;
  context.report({ node: reportNodeOf(route), messageId: 'missingResponseSchema', data: { route: label } });
}

/** Whether a Fastify route's handler may send a body; `true` when the handler cannot be read. */
function mayReply(context: Context, route: RouteFacts): boolean {
  const { sourceCode } = context;
  if (route.handler) return sendsBody(route.handler, sourceCode.scopeManager!.globalScope!, sourceCode.visitorKeys);
  const imported = route.handlerNode ? getImportedBinding(context, route.handlerNode) : null;
  const file = imported ? getImportResolution(context)?.(imported.source) : null;
  const module = file ? readServiceModule(file) : null;
  const fn = module && imported ? findExportedFunction(module.ast, module.globalScope, imported.name) : null;
  return !module || !fn || sendsBody(fn, module.globalScope, module.visitorKeys);
}

/**
 * Whether a Fastify handler sends anything but nothing: a `reply.send(x)` or `return x` whose value is
 * not `null`/`undefined`. `return reply.code(204).send()` returns the reply (Fastify's idiom), whose
 * own `send` is judged on its own.
 */
function sendsBody(fn: FunctionNode, globalScope: TSESLint.Scope.Scope, visitorKeys: VisitorKeys): boolean {
  const reply = fn.params[1]?.type === AST_NODE_TYPES.Identifier ? fn.params[1].name : null;
  return findResponseSites('fastify', fn, globalScope, visitorKeys).some((site) => {
    const value = skipTypeWrappers(site.value);
    return !(
      (value.type === AST_NODE_TYPES.Literal && value.value === null) ||
      (value.type === AST_NODE_TYPES.Identifier && (value.name === 'undefined' || value.name === reply)) ||
      (value.type === AST_NODE_TYPES.CallExpression && getMethodCall(value)?.method === 'send')
    );
  });
}

/** The module and exported name an identifier is imported as (`import { h } from './h'`, `import h from './h'`). */
function getImportedBinding(context: Context, node: TSESTree.Node): { source: string; name: string } | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const origin = getImportOrigin(node, context.sourceCode.getScope(node));
  return origin ? { source: origin.module, name: origin.imported } : null;
}

/**
 * A `@hono/zod-openapi` route whose `responses` is missing, or has a success status (2xx except
 * 204/205, which have no body) without a `content` entry that gives a `schema`.
 */
function checkOpenApiResponses(context: Context, route: RouteFacts, label: string): void {
  const config = route.options!;
  const responses = findObjectProperty(config, 'responses');
  // `{ ...listUsersRoute, middleware }`: the spread route (often from a shared package) may hold them.
  if (!responses && config.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return;
  if (!responses) {
    context.report({ node: reportNodeOf(route), messageId: 'missingResponseSchema', data: { route: label } });
    return;
  }
  const value = skipTypeWrappers(responses.value);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return;
  for (const entry of value.properties) {
    if (entry.type !== AST_NODE_TYPES.Property) continue;
    const status = Number(
      entry.key.type === AST_NODE_TYPES.Literal
        ? entry.key.value
        : entry.key.type === AST_NODE_TYPES.Identifier
          ? entry.key.name
          : NaN,
    );
    if (!(status >= 200 && status < 300) || status === 204 || status === 205) continue;
    const response = skipTypeWrappers(entry.value);
    if (
      response.type !== AST_NODE_TYPES.ObjectExpression ||
      response.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)
    )
      continue;
    const content = findObjectProperty(response, 'content');
    const media = content ? skipTypeWrappers(content.value) : null;
    if (media && media.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const hasSchema = media?.properties.some(
      (type) =>
        type.type === AST_NODE_TYPES.SpreadElement ||
        (type.type === AST_NODE_TYPES.Property &&
          type.value.type === AST_NODE_TYPES.ObjectExpression &&
          findObjectProperty(type.value, 'schema') !== null),
    );
    if (!hasSchema)
      context.report({
        node: entry.key,
        messageId: 'missingResponseContent',
        data: { status: String(status), route: label },
      });
  }
}

/** A NestJS handler whose declared return type is (a promise/array/nullable of) an ORM entity. */
function checkNestReturnType(context: Context, route: RouteFacts, label: string): void {
  const returnType = route.handler?.returnType?.typeAnnotation;
  if (!returnType) return;
  for (const reference of unwrapType(returnType)) {
    const entity = getEntityName(context, reference);
    if (entity) {
      context.report({ node: reference, messageId: 'entityReturned', data: { route: label, entity } });
      return;
    }
  }
}

/** The type references a declared type sends: inside `Promise<…>`, `Observable<…>`, arrays and unions. */
function unwrapType(type: TSESTree.TypeNode): TSESTree.TSTypeReference[] {
  switch (type.type) {
    case AST_NODE_TYPES.TSArrayType:
      return unwrapType(type.elementType);
    case AST_NODE_TYPES.TSUnionType:
      return type.types.flatMap(unwrapType);
    case AST_NODE_TYPES.TSTypeReference: {
      const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : null;
      const argument = type.typeArguments?.params[0];
      if (name !== null && TYPE_WRAPPERS.has(name) && argument) return unwrapType(argument);
      return [type];
    }
    default:
      return [];
  }
}

/** The name of an entity type: a same-file `@Entity()`/`@Schema()` class, or a type from an entity module or `@prisma/client`. */
function getEntityName(context: Context, reference: TSESTree.TSTypeReference): string | null {
  if (reference.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const identifier = reference.typeName;
  const scope = context.sourceCode.getScope(reference);
  const origin = getImportOrigin(identifier, scope);
  if (origin) return ENTITY_MODULE.test(origin.module) && origin.imported !== 'Prisma' ? identifier.name : null;
  const variable =
    scope.set.get(identifier.name) ??
    context.sourceCode.scopeManager?.globalScope?.childScopes[0]?.set.get(identifier.name);
  const classNode = variable?.defs.find((def) => def.node.type === AST_NODE_TYPES.ClassDeclaration)?.node as
    TSESTree.ClassDeclaration | undefined;
  if (!classNode) return null;
  const classScope = context.sourceCode.getScope(classNode);
  for (const decorator of classNode.decorators) {
    const callee =
      decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
    if (callee.type !== AST_NODE_TYPES.Identifier) continue;
    const decoratorOrigin = getImportOrigin(callee, classScope);
    if (decoratorOrigin && ENTITY_DECORATORS[decoratorOrigin.module]?.includes(decoratorOrigin.imported))
      return identifier.name;
  }
  return null;
}

/**
 * The data access whose raw result `value` sends: the value itself, or a property or spread of an
 * object literal wrapping it (`{ user }`, `{ data: rows }`, `{ ...user }`). Queries that already
 * choose their fields (`select`, `attributes`, a projection) are not raw.
 */
function getRawAccess(value: TSESTree.Node, sourceOf: (node: TSESTree.Node) => DataAccess | null): DataAccess | null {
  const inner = skipTypeWrappers(value);
  const candidates: TSESTree.Node[] = [inner];
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of inner.properties)
      candidates.push(property.type === AST_NODE_TYPES.Property ? property.value : property.argument);
  }
  for (const candidate of candidates) {
    const access = sourceOf(candidate);
    if (access && !isShaped(access.node) && !SCALAR_QUERIES.has(access.label.split('.').at(-1) ?? '')) return access;
  }
  return null;
}

/** Query methods whose result is a number or a boolean, with no row fields to leak (`prisma.user.count()`, Mongoose `countDocuments`/`exists`). */
const SCALAR_QUERIES: ReadonlySet<string> = new Set(['count', 'countDocuments', 'estimatedDocumentCount', 'exists']);

/** Whether a query chain picks its columns: a `select(…)`-like call with arguments, or a `select`/`attributes`/`projection` option. */
function isShaped(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const method = getMethodCall(current)?.method;
      if (method !== undefined && SHAPING_METHODS.has(method) && current.arguments.length > 0) return true;
      for (const argument of current.arguments) {
        const object = skipTypeWrappers(argument);
        if (
          object.type === AST_NODE_TYPES.ObjectExpression &&
          SHAPING_OPTIONS.some((name) => findObjectProperty(object, name))
        )
          return true;
      }
      current = current.callee;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      current = current.tag;
    } else {
      return false;
    }
  }
}

/**
 * With type information: report a sent value whose type (awaited, array element, union member) has a
 * credential property. Suggests an object literal picking the other fields when the value is a
 * plain identifier or member access of a single object type with a short list of properties.
 */
function reportSensitiveFields(
  context: Context,
  types: TypeServices,
  value: TSESTree.Node,
  route: string,
  credentialFields: readonly string[],
): void {
  const result = getSensitiveFields(types, value, credentialFields);
  if (!result) return;
  const inner = skipTypeWrappers(value);
  const canPick =
    result.pickable !== null &&
    (inner.type === AST_NODE_TYPES.Identifier ||
      (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && getMemberName(inner) !== null));
  const text = context.sourceCode.getText(inner);
  const picked = result.pickable?.map((name) => `${name}: ${text}.${name}`).join(', ');
  context.report({
    node: value,
    messageId: 'sensitiveFieldSent',
    data: { route, field: result.fields[0]! },
    suggest: canPick
      ? [
          {
            messageId: 'pickSafeFields',
            data: { fields: result.pickable!.map((name) => `\`${name}\``).join(', ') },
            fix: (fixer) => fixer.replaceText(inner, `{ ${picked} }`),
          },
        ]
      : [],
  });
}

/** The node to report a route-level problem at: the registering call's callee (`app.get`), or the route itself. */
function reportNodeOf(route: RouteFacts): TSESTree.Node {
  return route.node.type === AST_NODE_TYPES.CallExpression ? route.node.callee : route.node;
}
