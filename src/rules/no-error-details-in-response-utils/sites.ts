import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  describeServingContext,
  type Framework,
  type FunctionNode,
  type RouteModel,
  type ServingContext,
} from '../../frameworks/index.js';
import {
  CALL,
  findVariable,
  getDottedName,
  getImportOrigin,
  getMemberName,
  getStaticString,
  isFunctionNode,
  resolveObjectLiteral,
  findObjectProperty,
  scopeOf,
  trackReferences,
  walk,
} from '../../shared/ast/index.js';
import { CLIENT_ERROR_METHODS } from '../../shared/expected-errors.js';
import { findResponseSites } from '../../shared/response-sites.js';
import { conditionsAt, isDevelopmentOnly } from './conditions.js';
import { classifyClass, skipValueWrappers, type Analysis, type ErrorParameter } from './sources.js';

/**
 * Where a value reaches the client:
 * - `response`: sent as (part of) a response body by a handler, middleware, error handler or filter;
 * - `http-error`: the message of an HTTP error the framework turns into a response
 *   (`new BadRequestException(msg)`, `createError(400, msg)`, `ctx.throw(400, msg)`).
 */
export interface Sink {
  kind: 'response' | 'http-error';
  /** The expression whose value the client gets. */
  value: TSESTree.Node;
  /** The sending call, assignment, `return` or error construction. */
  node: TSESTree.Node;
  framework: Framework | null;
  /** How the serving function reads in messages (`GET /users`, `requests through the error handler`); `null` when unknown. */
  where: string | null;
  /** The HTTP error's name (`BadRequestException`) for `http-error` sinks. */
  error?: string;
  /**
   * The send takes text only (`res.end(x)`, `res.write(x)`: Node.js throws for an object), so an error
   * object given to it never reaches the client as JSON.
   */
  textOnly?: boolean;
  /** Sent by a response helper the serving function calls (no suggestion: the helper's call is what is seen). */
  helper?: boolean;
}

/** One function that serves requests, with what its parameters are. */
export interface ServingRoot {
  fn: FunctionNode;
  framework: Framework;
  where: string;
  /** The parameter that sends (`res`, `reply`, `c`, `ctx`), or `null` (Nest handlers, Next.js App Router). */
  sender: number | null;
  /** The parameter that holds the error, for error handlers. */
  error: ErrorParameter | null;
  /** Whether the shared `findResponseSites` understands this function's parameters (route handlers and plain middleware). */
  standard: boolean;
}

/**
 * The file's serving functions, by role, from the route model: route handlers (also those registered in
 * another file), middleware, error handlers (Express 4-argument middleware, Fastify `setErrorHandler`,
 * Hono `onError`), functions typed as request handlers, and NestJS exception filters (`@Catch()`
 * classes' `catch(exception, host)`, found here: the route model does not list filter classes).
 * Fills `analysis.errorParameters` with the error parameters of error handlers and filters.
 */
export function findServingRoots(analysis: Analysis, model: RouteModel): ServingRoot[] {
  const roots: ServingRoot[] = [];
  /** Functions already added or skipped (a Set: files with thousands of handlers stay linear). */
  const seen = new Set<FunctionNode>();
  const add = (
    fn: FunctionNode,
    framework: Framework,
    context: ServingContext,
    errorHandler: boolean,
    route = false,
  ): void => {
    analysis.servingFunctions.add(fn);
    if (seen.has(fn)) return;
    seen.add(fn);
    // Registered only in development (`if (process.env.NODE_ENV !== 'production') app.get(…)`).
    const registrations =
      context.kind === 'route' ? context.routes : context.kind === 'middleware' ? context.middleware : [];
    if (registrations.length > 0 && registrations.every((item) => isRegisteredInDevelopment(analysis, item.node)))
      return;
    const where = describeServingContext(context);
    const shape = getErrorHandlerShape(framework, fn, errorHandler);
    if (shape) {
      const error: ErrorParameter = { index: 0, kind: 'handler', expected: false };
      analysis.errorParameters.set(fn, error);
      roots.push({ fn, framework, where, sender: shape.sender, error, standard: false });
      return;
    }
    const sender = framework === 'koa' || framework === 'hono' ? 0 : framework === 'nestjs' && route ? null : 1;
    roots.push({ fn, framework, where, sender, error: null, standard: true });
  };
  // Filters first: their `catch(exception, host)` is also a request function (typed `ArgumentsHost`).
  for (const filter of findExceptionFilters(analysis)) {
    seen.add(filter.fn);
    roots.push(filter);
  }
  for (const [fn, routes] of model.handlers) {
    const framework = routes[0]!.framework;
    add(fn, framework, { kind: 'route', routes, root: fn }, false, true);
    if (framework === 'nestjs') {
      // `@Res() res`: a Nest handler that sends through the platform's response object.
      const index = routes[0]!.params.findIndex((param) => param.source === 'Res' || param.source === 'Response');
      const root = roots.find((item) => item.fn === fn);
      if (root && index >= 0) root.sender = index;
    }
  }
  for (const [fn, routes] of model.remoteHandlers)
    add(fn, routes[0]!.framework, { kind: 'remote-route', routes, root: fn }, false, true);
  for (const [fn, middleware] of model.middlewareFunctions) {
    const first = middleware[0]!;
    add(fn, first.framework, { kind: 'middleware', middleware, root: fn }, first.kind === 'error-handler');
  }
  for (const [fn, middleware] of model.remoteMiddleware) {
    const first = middleware[0]!;
    add(fn, first.framework, { kind: 'remote-middleware', middleware, root: fn }, first.kind === 'error-handler');
  }
  for (const [fn, facts] of model.requestFunctions)
    add(fn, facts.framework, { kind: 'request', root: fn, ...facts }, false);
  return roots;
}

/**
 * The sending parameter of an error handler, or `null` when `fn` is not one: Express middleware of
 * four parameters `(err, req, res, next)` (Express tells them apart by arity), a Fastify error handler
 * `(error, request, reply)`, a Hono `onError` handler `(err, c)`; registered as such (`errorHandler`),
 * or typed so (`FastifyError`, Hono's `Context` second). Koa's error handling middleware catches
 * around `await next()` and sends through `ctx` like any middleware, so it is not special here.
 */
function getErrorHandlerShape(
  framework: Framework,
  fn: FunctionNode,
  errorHandler: boolean,
): { sender: number } | null {
  const count = fn.params.length;
  if (framework === 'express' || framework === 'nestjs') return count === 4 ? { sender: 2 } : null;
  if (framework === 'fastify')
    return errorHandler || (count === 3 && getTypeName(fn.params[0]) === 'FastifyError') ? { sender: 2 } : null;
  if (framework === 'hono')
    return errorHandler || (count === 2 && getTypeName(fn.params[1]) === 'Context') ? { sender: 1 } : null;
  return null;
}

function getTypeName(param: TSESTree.Parameter | undefined): string | null {
  if (param?.type !== AST_NODE_TYPES.Identifier) return null;
  const annotation = param.typeAnnotation?.typeAnnotation;
  return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier
    ? annotation.typeName.name
    : null;
}

/** `@Catch()` from `@nestjs/common`, however imported. */
const CATCH_TRACE_MAP = { '@nestjs/common': { Catch: { [CALL]: true } } };

/**
 * NestJS exception filters: classes decorated `@Catch(...)` with a `catch(exception, host)` method. The
 * exception is expected when every class `@Catch` lists is (`@Catch(HttpException)`) or is the
 * service's own; `@Catch()` with no class catches everything.
 */
function findExceptionFilters(analysis: Analysis): ServingRoot[] {
  const roots: ServingRoot[] = [];
  for (const { node } of trackReferences<true>(analysis.globalScope, CATCH_TRACE_MAP)) {
    const decorator = node.parent;
    const classNode = decorator?.parent;
    if (
      node.type !== AST_NODE_TYPES.CallExpression ||
      decorator?.type !== AST_NODE_TYPES.Decorator ||
      (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression)
    )
      continue;
    const method = classNode.body.body.find(
      (member): member is TSESTree.MethodDefinition =>
        member.type === AST_NODE_TYPES.MethodDefinition &&
        !member.static &&
        member.key.type === AST_NODE_TYPES.Identifier &&
        member.key.name === 'catch',
    );
    if (method?.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
    const expected =
      node.arguments.length > 0 && node.arguments.every((argument) => classifyClass(analysis, argument) !== 'internal');
    const error: ErrorParameter = { index: 0, kind: 'filter', expected };
    analysis.errorParameters.set(method.value, error);
    const name =
      classNode.id?.name ??
      (classNode.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
      classNode.parent.id.type === AST_NODE_TYPES.Identifier
        ? classNode.parent.id.name
        : null);
    roots.push({
      fn: method.value,
      framework: 'nestjs',
      where: name ? `requests through the exception filter \`${name}\`` : 'requests through an exception filter',
      sender: null,
      error,
      standard: false,
    });
  }
  return roots;
}

/** Methods that send a body, by the object they are called on. */
const EXPRESS_SENDS = new Set(['json', 'send', 'jsonp', 'end', 'write']);
const HONO_SENDS = new Set(['json', 'text', 'html', 'body']);

/**
 * Every place a serving function hands a value to the client: the shared `findResponseSites` for
 * route handlers and middleware, plus what it does not cover (noted for it): the error handlers'
 * own parameter positions, `res.end(x)` / `res.write(x)`, Hono `c.text/html/body(x)`, Next.js
 * `new Response(x)` / `new NextResponse(x)`, Nest `@Res()` responses and exception filters (the
 * response from `host.switchToHttp().getResponse()`, `httpAdapter.reply(response, body)`), Fastify
 * error handlers' `return x`, and client errors raised on the sender (`ctx.throw(400, msg)`, the
 * `@fastify/sensible` reply helpers `reply.badRequest(msg)`).
 */
export function findRootSinks(
  analysis: Analysis,
  root: ServingRoot,
): { sinks: Sink[]; isSender: (node: TSESTree.Node) => boolean } {
  const { fn, framework, where } = root;
  const sinks: Sink[] = [];
  const seen = new Set<TSESTree.Node>();
  const push = (sink: Omit<Sink, 'framework' | 'where'>): void => {
    if (seen.has(sink.node)) return;
    seen.add(sink.node);
    sinks.push({ ...sink, framework, where });
  };
  const shared = root.standard ? findResponseSites(framework, fn, analysis.globalScope, analysis.keys) : [];
  const senders = new Set<TSESLint.Scope.Variable>();
  const param = root.sender === null ? undefined : fn.params[root.sender];
  if (param?.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(analysis.globalScope, fn.body), param);
    if (variable) senders.add(variable);
  }
  const filter = root.error?.kind === 'filter';
  const style: Framework = filter ? 'express' : framework === 'nestjs' ? 'express' : framework;
  const isSender = (node: TSESTree.Node): boolean => isRootedAt(analysis, node, senders, filter);
  walk(fn.body, analysis.keys, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && filter && node.init && isGetResponse(node.init)) {
      if (node.id.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(scopeOf(analysis.globalScope, node), node.id);
        if (variable) senders.add(variable);
      }
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = getMemberName(node.callee);
      const receiver = node.callee.object;
      const [first, second] = node.arguments;
      if (method === null || !first) return true;
      if (
        ((style === 'express' || style === 'nextjs') && EXPRESS_SENDS.has(method) && isSender(receiver)) ||
        (style === 'fastify' && method === 'send' && isSender(receiver)) ||
        (style === 'hono' && HONO_SENDS.has(method) && isSender(receiver))
      ) {
        push({ kind: 'response', value: first, node, textOnly: method === 'end' || method === 'write' });
      } else if (filter && method === 'reply' && second && isSender(first)) {
        push({ kind: 'response', value: second, node });
      } else if (style === 'koa' && method === 'throw' && isSender(receiver)) {
        const message = getHttpErrorsMessage(node.arguments);
        if (message) push({ kind: 'http-error', value: message, node, error: 'ctx.throw' });
      } else if (
        style === 'fastify' &&
        CLIENT_ERROR_METHODS.has(method) &&
        (isSender(receiver) ||
          (receiver.type === AST_NODE_TYPES.MemberExpression && getMemberName(receiver) === 'httpErrors'))
      ) {
        // `@fastify/sensible`: `reply.badRequest(msg)`, `fastify.httpErrors.badRequest(msg)`.
        push({
          kind: 'http-error',
          value: first,
          node,
          error: isSender(receiver) ? `reply.${method}` : `httpErrors.${method}`,
        });
      }
    }
    if (
      style === 'koa' &&
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.operator === '=' &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      getMemberName(node.left) === 'body' &&
      isSender(node.left.object)
    ) {
      push({ kind: 'response', value: node.right, node });
    }
    if (framework === 'nextjs' && node.type === AST_NODE_TYPES.NewExpression && node.arguments[0]) {
      if (isResponseClass(analysis, node.callee)) push({ kind: 'response', value: node.arguments[0], node });
    }
    return true;
  });
  // The shared sites last, so a send both find keeps what only this walk knows (`textOnly`).
  for (const site of shared) push({ kind: 'response', value: site.value, node: site.node });
  if (framework === 'fastify' && root.error && fn.body.type === AST_NODE_TYPES.BlockStatement) {
    // An async Fastify error handler's return value is the reply.
    walk(fn.body, analysis.keys, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
        const value = skipValueWrappers(node.argument);
        if (!sinks.some((sink) => sink.node === value) && !isSender(value))
          push({ kind: 'response', value: node.argument, node });
      }
      return true;
    });
  }
  return { sinks, isSender };
}

/** `host.switchToHttp().getResponse()`, `ctx.getResponse<Response>()`: a Nest filter's response object. */
function isGetResponse(node: TSESTree.Node): boolean {
  const inner = skipValueWrappers(node);
  return (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(inner.callee) === 'getResponse'
  );
}

/** Whether a chain of members and calls starts at one of `senders` (or, in a filter, at `getResponse()`). */
function isRootedAt(
  analysis: Analysis,
  node: TSESTree.Node,
  senders: ReadonlySet<TSESLint.Scope.Variable>,
  filter: boolean,
): boolean {
  let current = skipValueWrappers(node);
  for (;;) {
    if (filter && isGetResponse(current)) return true;
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipValueWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = skipValueWrappers(current.callee);
    else break;
  }
  if (current.type !== AST_NODE_TYPES.Identifier || senders.size === 0) return false;
  const variable = findVariable(scopeOf(analysis.globalScope, current), current);
  return variable !== null && senders.has(variable);
}

/** The global `Response` or `NextResponse` from `next/server`. */
function isResponseClass(analysis: Analysis, callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = scopeOf(analysis.globalScope, callee);
  if (callee.name === 'Response') {
    const variable = findVariable(scope, callee);
    return !variable || variable.defs.length === 0;
  }
  const origin = getImportOrigin(callee, scope);
  return origin?.module === 'next/server' && origin.imported === 'NextResponse';
}

/**
 * The message argument of an http-errors style call (`createError(400, msg)`, `ctx.throw(400, msg)`)
 * when its status is a client error (http-errors exposes 4xx messages only); `null` for a 5xx or
 * missing status (500 by default), or no message.
 */
export function getHttpErrorsMessage(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node | null {
  let status: number | null = null;
  let message: TSESTree.Node | null = null;
  for (const argument of args) {
    const inner = skipValueWrappers(argument);
    if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') status ??= inner.value;
    else if (inner.type !== AST_NODE_TYPES.ObjectExpression && inner.type !== AST_NODE_TYPES.SpreadElement)
      message ??= argument;
  }
  return status !== null && status < 500 ? message : null;
}

/**
 * The HTTP errors made anywhere in the file whose message reaches the client (tracked exports of
 * `@nestjs/common`, `hono/http-exception`, `http-errors`, Boom, `@fastify/sensible`), with the value
 * that becomes the message; client-status-only ones (http-errors, Boom) only for a 4xx status. Such
 * an error exists to become a response, so where it is made (a controller, a Nest service) does not
 * matter.
 */
export function findHttpErrorSinks(analysis: Analysis): Sink[] {
  const sinks: Sink[] = [];
  for (const [node, info] of analysis.exports.calls) {
    if (info.role !== 'http-error') continue;
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    let value: TSESTree.Node | null = null;
    if (info.message === 'http-errors') {
      value = getHttpErrorsMessage(node.arguments);
    } else if (info.message === 'arg1.message') {
      const options = node.arguments[1]
        ? resolveObjectLiteral(node.arguments[1], scopeOf(analysis.globalScope, node))
        : null;
      value = options ? (findObjectProperty(options, 'message')?.value ?? null) : null;
    } else if (info.visibility === 'always' || (info.status !== null && info.status < 500)) {
      value = node.arguments[0] ?? null;
    }
    if (value && getStaticString(value) === null)
      sinks.push({
        kind: 'http-error',
        value,
        node,
        framework: null,
        where: null,
        error: getDottedName(node.callee) ?? info.name,
      });
  }
  return sinks;
}

/**
 * Whether a registration (`app.get(…)`, `app.use(mw)`) runs only in development: under a
 * development-only condition itself, or inside a function of this file that is not exported and is
 * called only under one (`if (process.env.NODE_ENV !== 'production') registerDebugRoutes(app)`).
 */
function isRegisteredInDevelopment(analysis: Analysis, node: TSESTree.Node): boolean {
  if (conditionsAt(node).some((condition) => isDevelopmentOnly(analysis, condition))) return true;
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || !isFunctionNode(fn)) return false;
  const binding =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id
      : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
        ? fn.parent.id
        : null;
  if (!binding) return false;
  const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.parent : fn.parent?.parent?.parent;
  if (
    holder?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration
  )
    return false;
  const variable = findVariable(scopeOf(analysis.globalScope, binding), binding);
  const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
  return (
    reads.length > 0 &&
    reads.every((reference) => {
      const call = reference.identifier.parent;
      return (
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee === reference.identifier &&
        conditionsAt(call).some((condition) => isDevelopmentOnly(analysis, condition))
      );
    })
  );
}
