import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { ts } from 'ts-morph';

import type { Framework, RouteFacts } from '../frameworks/index.js';
import { getMemberName, scopeOf, skipTypeWrappers } from '../shared/ast/index.js';
import type { ProjectMiddleware } from './app-graph.js';
import { flowsIntoValidation, VALIDATION_MODULES } from '../shared/input-validation.js';
import { isModule } from './catalog.js';
import type { ParsedFile } from './parse.js';
import type { FunctionRef, Resolver } from './resolve.js';

/** What the inventory says about a route's contract. */
export interface RouteTraits {
  responseSchema: boolean;
  readsInput: boolean;
  inputValidation: boolean;
}

/**
 * Member paths below a handler's request parameter that read client input, per framework
 * (`req.body`, `ctx.request.body`, `c.req.json()`, `request.nextUrl.searchParams`).
 */
const INPUT_PATHS: Readonly<Record<Framework, readonly string[]>> = {
  express: ['body', 'query', 'params', 'files', 'file'],
  fastify: ['body', 'query', 'params'],
  koa: ['request.body', 'request.query', 'request.files', 'query', 'params', 'querystring'],
  hono: [
    'req.json',
    'req.query',
    'req.queries',
    'req.param',
    'req.parseBody',
    'req.formData',
    'req.text',
    'req.arrayBuffer',
    'req.valid',
  ],
  nextjs: ['json', 'formData', 'text', 'nextUrl.searchParams', 'body', 'query'],
  nestjs: [],
};
/** Schema keys that validate input: Fastify's route schema, the OpenAPI route config of `@hono/zod-openapi`. */
const INPUT_SCHEMA_KEYS = ['body', 'querystring', 'query', 'params', 'headers', 'request'];
const RESPONSE_SCHEMA_KEYS = ['response', 'responses'];
/** Nest parameter decorators that bind client input. */
const NEST_INPUT_SOURCES = new Set(['Body', 'Query', 'Param']);
/** Types a Nest `ValidationPipe` cannot check (class-validator works on classes). */
const PRIMITIVE_TYPES = new Set([
  'String',
  'Number',
  'Boolean',
  'Object',
  'Record',
  'Array',
  'Partial',
  'Pick',
  'Omit',
  'Date',
  'any',
  'unknown',
]);

/**
 * Whether a route declares a response schema, reads client input, and validates it:
 * - response schema: Fastify `schema.response`, OpenAPI `responses` (Hono), a Nest `@Api…Response` decorator;
 * - validation: a Fastify input schema or OpenAPI `request`; middleware from a validation package
 *   (express-validator, celebrate, `@hono/zod-validator`, …) or named like a validator; for Nest, a pipe
 *   on every `@Body/@Query/@Param` (a `ValidationPipe` in effect and a DTO class, or a pipe argument);
 *   otherwise a `parse`/`safeParse`/`validate` call in the handler whose argument reads the input.
 * Schemas given by reference are resolved across files.
 */
export function getRouteTraits(
  route: RouteFacts,
  handler: FunctionRef | null,
  middleware: readonly ProjectMiddleware[],
  file: ParsedFile,
  resolver: Resolver,
): RouteTraits {
  const schemaKeys = route.schema ? getObjectKeys(file, route.schema, resolver) : new Set<string>();
  if (route.framework === 'nestjs') return getNestTraits(route, middleware);
  const accesses = handler ? findInputAccesses(handler, route.framework) : [];
  const responseSchema = RESPONSE_SCHEMA_KEYS.some((name) => schemaKeys.has(name));
  const validatedBySchema = INPUT_SCHEMA_KEYS.some((name) => schemaKeys.has(name));
  const validatedByMiddleware = middleware.some(
    (item) => (item.origin !== null && isModule(item.origin, VALIDATION_MODULES)) || /valid/iu.test(item.name ?? ''),
  );
  // `c.req.valid('json')` reads what a validator middleware checked; a `parse`/`validate` call checks it in place.
  const validatedInHandler = accesses.some(
    (access) =>
      (handler !== null && flowsIntoValidation(access, handler.file.globalScope)) ||
      (access.type === AST_NODE_TYPES.MemberExpression && getMemberName(access) === 'valid'),
  );
  return {
    responseSchema,
    readsInput: accesses.length > 0 || validatedBySchema,
    inputValidation: validatedBySchema || validatedByMiddleware || validatedInHandler,
  };
}

function getNestTraits(route: RouteFacts, middleware: readonly ProjectMiddleware[]): RouteTraits {
  const responseSchema = route.decorators.some((name) => /^Api\w*Response$/u.test(name.split('.').at(-1) ?? ''));
  const inputs = route.params.filter((param) => NEST_INPUT_SOURCES.has(param.source.split('.').at(-1) ?? ''));
  const validationPipe = middleware.some((item) => item.kind === 'pipe' && /ValidationPipe$/u.test(item.name ?? ''));
  const covered = (param: RouteFacts['params'][number]): boolean => {
    if (hasPipeArgument(param.node)) return true;
    return (
      validationPipe &&
      param.typeName !== null &&
      !PRIMITIVE_TYPES.has(param.typeName) &&
      /^[A-Z]/u.test(param.typeName)
    );
  };
  return { responseSchema, readsInput: inputs.length > 0, inputValidation: inputs.length > 0 && inputs.every(covered) };
}

/** `@Param('id', ParseIntPipe)`, `@Body(new ZodValidationPipe(schema))`: a pipe given to the parameter decorator. */
function hasPipeArgument(param: TSESTree.Parameter): boolean {
  const expression = param.decorators[0]?.expression;
  if (expression?.type !== AST_NODE_TYPES.CallExpression) return false;
  const args = expression.arguments;
  const first = args[0];
  const rest = first && first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? args.slice(1) : args;
  return rest.length > 0;
}

/** The keys of an object literal, or of the object literal a name resolves to in any analysed file. */
function getObjectKeys(file: ParsedFile, node: TSESTree.Node, resolver: Resolver): Set<string> {
  const inner = skipTypeWrappers(node);
  const keys = new Set<string>();
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of inner.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = ASTUtils.getPropertyName(property);
      if (name !== null) keys.add(name);
    }
    return keys;
  }
  for (const value of resolver.valuesOf(file, inner)) {
    if (!ts.isObjectLiteralExpression(value.node)) continue;
    for (const property of value.node.properties) {
      if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)))
        keys.add(property.name.text);
    }
  }
  return keys;
}

/** The member expressions in a handler that read client input from its request parameter. */
function findInputAccesses({ file, fn }: FunctionRef, framework: Framework): TSESTree.Node[] {
  const patterns = INPUT_PATHS[framework];
  const param = fn.params[0];
  if (!param || patterns.length === 0) return [];
  if (param.type === AST_NODE_TYPES.ObjectPattern) {
    const keys = param.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property ? [ASTUtils.getPropertyName(property) ?? ''] : [],
    );
    return keys.some((name) => patterns.some((pattern) => pattern.split('.')[0] === name)) ? [param] : [];
  }
  if (param.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(scopeOf(file.globalScope, param), param);
  const found: TSESTree.Node[] = [];
  for (const reference of variable?.references ?? []) {
    const access = getInputAccess(reference.identifier, patterns);
    if (access) found.push(access);
  }
  return found;
}

/** `req.body`, `ctx.request.body`, `c.req.json()`, `const { body } = req`: the outermost node of an input read. */
function getInputAccess(identifier: TSESTree.Node, patterns: readonly string[]): TSESTree.Node | null {
  const parent = identifier.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === identifier &&
    parent.id.type === AST_NODE_TYPES.ObjectPattern
  ) {
    const keys = parent.id.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property ? [ASTUtils.getPropertyName(property) ?? ''] : [],
    );
    return keys.some((name) => patterns.some((pattern) => pattern.split('.')[0] === name)) ? parent : null;
  }
  let current: TSESTree.Node = identifier;
  const path: string[] = [];
  while (
    current.parent?.type === AST_NODE_TYPES.MemberExpression &&
    current.parent.object === current &&
    path.length < 2
  ) {
    const name = getMemberName(current.parent);
    if (name === null) break;
    path.push(name);
    current = current.parent;
    if (patterns.includes(path.join('.'))) return current;
  }
  return null;
}
