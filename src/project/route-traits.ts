import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { ts } from 'ts-morph';

import type { Framework, RouteFacts } from '../frameworks/index.js';
import { getFunctionName, getMemberName, scopeOf, skipTypeWrappers } from '../shared/ast/index.js';
import { functionAuthenticates, isAuthMiddleware, PUBLIC_DECORATOR, publicRouteReason } from '../shared/auth.js';
import type { ProjectMiddleware } from './app-graph.js';
import {
  flowsIntoValidator,
  getNestPipeStateOf,
  getSchemaValidatedSources,
  isNestParamValidated,
  isValidationMiddleware,
} from '../shared/input-validation.js';
import type { ParsedFile } from './parse.js';
import type { FunctionRef, Resolver } from './resolve.js';

/** What the inventory says about a route's contract. */
export interface RouteTraits {
  responseSchema: boolean;
  readsInput: boolean;
  inputValidation: boolean;
  authentication: RouteAuthentication;
}

/**
 * Whether a caller must authenticate before a route's handler runs, as `require-auth-on-mutating-routes`
 * decides it (src/shared/auth.ts): `authenticated` with the evidence (the middleware, hook or guard's
 * name, or `handler` for a check in the handler itself), `public` with why the route is public by design
 * (a path segment such as `login`, a handler name, a `@Public()`-style decorator), or `none`.
 */
export type RouteAuthentication =
  { state: 'authenticated'; by: string } | { state: 'public'; reason: string } | { state: 'none' };

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
const RESPONSE_SCHEMA_KEYS = ['response', 'responses'];
/** Nest parameter decorators that bind client input. */
const NEST_INPUT_SOURCES = new Set(['Body', 'Query', 'Param']);

/**
 * Whether a route declares a response schema, reads client input, validates it, and authenticates its
 * caller ({@link getRouteAuthentication}; `path` is the route's full path as served, `null` when not
 * static, and `authNames` the `authMiddleware` setting):
 * - response schema: Fastify `schema.response`, OpenAPI `responses` (Hono), a Nest `@Api…Response` decorator;
 * - validation, as `require-input-validation` decides it (src/shared/input-validation.ts): a Fastify input
 *   schema or OpenAPI `request`; validator middleware (a validation package, an express-validator chain,
 *   a name like a validator); for Nest, every `@Body/@Query/@Param` validated by the pipes in effect (a
 *   DTO class under a `ValidationPipe`, a pipe argument); otherwise the input read flowing into a
 *   validation call in the handler.
 * Schemas given by reference are resolved across files.
 */
export function getRouteTraits(
  route: RouteFacts,
  handler: FunctionRef | null,
  middleware: readonly ProjectMiddleware[],
  file: ParsedFile,
  resolver: Resolver,
  path: string | null,
  authNames: readonly string[],
): RouteTraits {
  const authentication = getRouteAuthentication(route, handler, middleware, path, authNames);
  const schemaKeys = route.schema ? getObjectKeys(file, route.schema, resolver) : new Set<string>();
  if (route.framework === 'nestjs') return { ...getNestTraits(route, middleware, file), authentication };
  const accesses = handler ? findInputAccesses(handler, route.framework) : [];
  const responseSchema = RESPONSE_SCHEMA_KEYS.some((name) => schemaKeys.has(name));
  // What `require-input-validation` counts (src/shared/input-validation.ts): a schema for some input,
  // validator middleware, or the read flowing into a validation call in the handler.
  const validatedBySchema = getSchemaValidatedSources(schemaKeys).size > 0;
  const validatedByMiddleware = middleware.some((item) =>
    isValidationMiddleware({ name: item.name, node: item.node, module: item.origin }, item.file.globalScope),
  );
  // `c.req.valid('json')` reads what a validator middleware checked; a `parse`/`validate` call checks it in place.
  const validatedInHandler = accesses.some(
    (access) =>
      (handler !== null && flowsIntoValidator(access, handler.file.globalScope)) ||
      (access.type === AST_NODE_TYPES.MemberExpression && getMemberName(access) === 'valid'),
  );
  return {
    responseSchema,
    readsInput: accesses.length > 0 || validatedBySchema,
    inputValidation: validatedBySchema || validatedByMiddleware || validatedInHandler,
    authentication,
  };
}

/**
 * {@link RouteAuthentication} of one served route: `middleware` is everything that runs before its
 * handler on this path, outermost first (the app's, each mount's, the route's own, Nest global and
 * controller guards); `path` its full path (`null` when not static); `authNames` the `authMiddleware`
 * setting. Authenticated when a piece of it authenticates by what it is ({@link isAuthMiddleware}: a
 * tracked package, an auth-like name, a Nest guard) or by what its function does; otherwise public when
 * the route is public by design ({@link publicRouteReason}, a Nest `@Public()`-style decorator);
 * otherwise authenticated when the handler itself establishes the caller and rejects others
 * ({@link functionAuthenticates}).
 */
export function getRouteAuthentication(
  route: RouteFacts,
  handler: FunctionRef | null,
  middleware: readonly ProjectMiddleware[],
  path: string | null,
  authNames: readonly string[],
): RouteAuthentication {
  for (const item of middleware) {
    const byKind = isAuthMiddleware(
      { name: item.name, module: item.origin, kind: item.kind, hook: item.hook },
      authNames,
    );
    const byBody =
      item.fn !== null &&
      (item.kind === 'middleware' || item.kind === 'hook') &&
      functionAuthenticates(item.fn.fn, item.fn.file.globalScope, authNames);
    if (byKind || byBody)
      return { state: 'authenticated', by: item.name ?? (item.hook ? `${item.hook} hook` : 'middleware') };
  }
  const decorator = route.decorators.find((name) => PUBLIC_DECORATOR.test(name.split('.').at(-1) ?? ''));
  if (decorator !== undefined) return { state: 'public', reason: `@${decorator}()` };
  // A sign-in handler checks credentials and answers 401 itself: public by design says more.
  const reason = publicRouteReason(path ?? route.path, handler ? getFunctionName(handler.fn) : null);
  if (reason !== null) return { state: 'public', reason };
  if (handler && functionAuthenticates(handler.fn, handler.file.globalScope, authNames))
    return { state: 'authenticated', by: 'handler' };
  return { state: 'none' };
}

function getNestTraits(
  route: RouteFacts,
  middleware: readonly ProjectMiddleware[],
  file: ParsedFile,
): Omit<RouteTraits, 'authentication'> {
  const responseSchema = route.decorators.some((name) => /^Api\w*Response$/u.test(name.split('.').at(-1) ?? ''));
  const inputs = route.params.filter((param) => NEST_INPUT_SOURCES.has(param.source.split('.').at(-1) ?? ''));
  // The inventory sees every pipe in effect (global, controller, handler), so no pipes means none run.
  const pipes = getNestPipeStateOf(middleware.filter((item) => item.kind === 'pipe'));
  return {
    responseSchema,
    readsInput: inputs.length > 0,
    inputValidation: inputs.length > 0 && inputs.every((param) => isNestParamValidated(param.node, pipes, file.ast)),
  };
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
