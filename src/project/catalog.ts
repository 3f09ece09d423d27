import type { Framework } from '../frameworks/index.js';

/**
 * What the app-level checks look for, per framework. `modules` are the packages that count as
 * evidence wherever they are used (any framework); `mention` is what a finding names for an app of
 * that framework, so the message lists what fits it.
 */
export interface ControlCatalog {
  modules: readonly string[];
  mention: Readonly<Partial<Record<Framework, readonly string[]>>>;
  /** The service's own middleware named for the control (`createRateLimitMiddleware()`, `secureHeaders`) counts too. */
  names?: RegExp;
}

/** Rate limiting: the packages' READMEs (express-rate-limit, @fastify/rate-limit, @nestjs/throttler, hono-rate-limiter, koa-ratelimit, …). */
export const RATE_LIMIT: ControlCatalog = {
  modules: [
    'express-rate-limit',
    'express-slow-down',
    'express-brute',
    'rate-limiter-flexible',
    '@fastify/rate-limit',
    'fastify-rate-limit',
    '@nestjs/throttler',
    'hono-rate-limiter',
    'koa-ratelimit',
    'koa2-ratelimit',
    '@upstash/ratelimit',
  ],
  mention: {
    express: ['express-rate-limit', 'express-slow-down', 'rate-limiter-flexible'],
    fastify: ['@fastify/rate-limit'],
    nestjs: ['@nestjs/throttler', 'express-rate-limit'],
    hono: ['hono-rate-limiter'],
    koa: ['koa-ratelimit', 'koa2-ratelimit', 'rate-limiter-flexible'],
  },
  names: /rate.?limit|throttl/iu,
};

/** Security headers (CSP, HSTS, `X-Content-Type-Options`, …): helmet and its framework ports. */
export const SECURITY_HEADERS: ControlCatalog = {
  modules: ['helmet', '@fastify/helmet', 'fastify-helmet', 'hono/secure-headers', 'koa-helmet', 'lusca', 'koa-lusca'],
  mention: {
    express: ['helmet'],
    fastify: ['@fastify/helmet'],
    nestjs: ['helmet', '@fastify/helmet'],
    hono: ['hono/secure-headers'],
    koa: ['koa-helmet'],
  },
  names: /helmet|secure.?headers|security.?headers/iu,
};

/** Health-check libraries that serve the probe routes themselves. */
export const HEALTH_CHECK: ControlCatalog = {
  modules: ['@nestjs/terminus', '@godaddy/terminus', 'fastify-healthcheck', 'express-healthcheck'],
  mention: {
    express: ['@godaddy/terminus', 'express-healthcheck'],
    fastify: ['fastify-healthcheck'],
    nestjs: ['@nestjs/terminus'],
    koa: ['@godaddy/terminus'],
  },
};

/** A path segment naming an API version: `v1`, `v2`, `v1.1`. */
export const VERSION_SEGMENT = /^v\d+(?:[.-]\d+)*$/iu;

/** What counts as an app's error handler, in words, per framework. */
export const ERROR_HANDLER_EVIDENCE: Readonly<Partial<Record<Framework, string>>> = {
  express: 'an error middleware with four parameters `(err, req, res, next)`',
  fastify: '`setErrorHandler()`',
  hono: '`onError()`',
  koa: "a middleware that wraps `await next()` in `try`/`catch`, or `app.on('error')`",
};

/**
 * Packages that install an error handler: as middleware (`app.use(errorhandler())`) or given the app
 * (`onerror(app)` of `koa-onerror`, which sets `app.context.onerror`), per each package's README.
 */
export const ERROR_HANDLERS: ControlCatalog = {
  modules: [
    'errorhandler',
    'api-error-handler',
    'express-error-handler',
    'strong-error-handler',
    'koa-onerror',
    'koa-json-error',
    'koa-better-error-handler',
    'koa-error',
  ],
  mention: { express: ['errorhandler', 'api-error-handler'], koa: ['koa-onerror', 'koa-json-error'] },
};

/**
 * Database clients and ORMs, their subpaths included (`drizzle-orm/pg-core`, `mysql2/promise`): a file that
 * imports one as a value defines or reaches data (a TypeORM `@Entity`, a Mongoose schema, a Drizzle
 * table), so it is never taken for a shapes-only file by `layering`. The clients whose calls are data
 * access are tracked by `src/shared/data-layer.ts`.
 */
export const DATA_CLIENT_MODULES: readonly string[] = [
  '@prisma/client',
  'typeorm',
  '@nestjs/typeorm',
  'sequelize',
  'sequelize-typescript',
  '@sequelize/core',
  'mongoose',
  '@nestjs/mongoose',
  '@typegoose/typegoose',
  'mongodb',
  'knex',
  'objection',
  'pg',
  'mysql',
  'mysql2',
  'better-sqlite3',
  'sqlite3',
  'node:sqlite',
  'postgres',
  'drizzle-orm',
  '@mikro-orm/core',
  '@supabase/supabase-js',
  'kysely',
  'redis',
  'ioredis',
];

/**
 * Imports that tie a module to HTTP: request, response and context types and objects of the
 * frameworks (`'*'` stands for the default or namespace import of the framework itself).
 */
export const HTTP_IMPORTS: Readonly<Record<string, ReadonlySet<string>>> = {
  express: new Set([
    'default',
    '*',
    'Request',
    'Response',
    'NextFunction',
    'RequestHandler',
    'ErrorRequestHandler',
    'Router',
    'Express',
    'Application',
  ]),
  'express-serve-static-core': new Set(['Request', 'Response', 'NextFunction', 'RequestHandler']),
  fastify: new Set([
    'default',
    '*',
    'fastify',
    'FastifyRequest',
    'FastifyReply',
    'FastifyInstance',
    'RouteHandler',
    'RouteHandlerMethod',
  ]),
  koa: new Set([
    'default',
    '*',
    'Context',
    'ParameterizedContext',
    'DefaultContext',
    'Middleware',
    'Next',
    'Request',
    'Response',
  ]),
  '@koa/router': new Set(['default', '*', 'Router', 'RouterContext', 'Middleware']),
  'koa-router': new Set(['default', '*', 'Router', 'RouterContext', 'IRouterContext', 'Middleware']),
  hono: new Set(['Context', 'Hono', 'HonoRequest', 'Next', 'MiddlewareHandler', 'Handler']),
  'next/server': new Set(['NextRequest', 'NextResponse']),
  next: new Set(['NextApiRequest', 'NextApiResponse', 'NextApiHandler']),
  '@nestjs/common': new Set(['Req', 'Res', 'Request', 'Response']),
  http: new Set(['IncomingMessage', 'ServerResponse']),
  'node:http': new Set(['IncomingMessage', 'ServerResponse']),
};

/** Whether `module` is `name` or a subpath of it. */
export function isModule(module: string, names: readonly string[]): boolean {
  return names.some((name) => module === name || module.startsWith(`${name}/`));
}
