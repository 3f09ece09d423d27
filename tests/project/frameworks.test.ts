import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { checkProject, type ProjectCheckResult } from '../../src/project/index.js';
import { Resolver } from '../../src/project/resolve.js';
import {
  chainOf,
  findingAt,
  findingLines,
  fixture,
  removeTemporaryProjects,
  routeLines,
  temporaryProject,
} from './helpers.js';

/** The project checks with the app-level ones off, for tests about call chains. */
const CHAIN_CHECKS_ONLY = {
  'missing-rate-limit': 'off',
  'missing-security-headers': 'off',
  'missing-health-check': 'off',
  'missing-error-handler': 'off',
} as const;

describe('checker-nest: global prefix, module wiring and constructor injection', () => {
  let result: ProjectCheckResult;
  beforeAll(async () => {
    result = await checkProject({ target: fixture('checker-nest') });
  });

  it('reports exactly the planted problems', () => {
    expect(findingLines(result)).toEqual([
      'src/admin/reports.controller.ts:4 api-audit/layering Route module imports the data-layer module `../prisma/prisma.service`; go through a service so routes stay thin.',
      'src/auth/password.service.ts:9 api-audit/blocking-call-reachable `hashSync` blocks the event loop in a request path: POST /api/users → this.usersService.create (src/users/users.service.ts:24) → this.passwords.hash (src/auth/password.service.ts:8) → bcrypt.hashSync; use the promise-returning `hash` instead.',
      'src/main.ts:7 api-audit/unversioned-routes 5 of the 5 API routes of this NestJS app are outside a version prefix such as /v1: GET /api/admin/reports/users, GET /api/admin/reports/signups, GET /api/users, GET /api/users/:id and POST /api/users.',
    ]);
  });

  it('follows injected services through the type checker', () => {
    expect(
      chainOf(result, findingAt(result, 'api-audit/blocking-call-reachable', 'src/auth/password.service.ts:9')),
    ).toEqual([
      'POST /api/users @ src/users/users.controller.ts:23',
      'this.usersService.create @ src/users/users.service.ts:24',
      'this.passwords.hash @ src/auth/password.service.ts:8',
      'bcrypt.hashSync @ src/auth/password.service.ts:9',
    ]);
  });

  it('applies the global prefix and RouterModule paths to controllers reached from the root module', () => {
    expect(routeLines(result)).toEqual([
      'GET /api/admin/reports/users -> src/admin/reports.controller.ts:15 [helmet, ValidationPipe, ThrottlerGuard, AdminGuard] app=0',
      'GET /api/admin/reports/signups -> src/admin/reports.controller.ts:20 [helmet, ValidationPipe, ThrottlerGuard, AdminGuard] app=0',
      'GET /api/health -> src/health/health.controller.ts:15 [helmet, ValidationPipe, ThrottlerGuard] app=0',
      'GET /api/users -> src/users/users.controller.ts:13 [helmet, ValidationPipe, ThrottlerGuard] response app=0',
      'GET /api/users/:id -> src/users/users.controller.ts:19 [helmet, ValidationPipe, ThrottlerGuard] response,validated app=0',
      'POST /api/users -> src/users/users.controller.ts:25 [helmet, ValidationPipe, ThrottlerGuard] response,validated app=0',
    ]);
  });

  it('finds throttling, helmet and terminus, and never asks a Nest app for an error handler', () => {
    expect(result.inventory.apps).toHaveLength(1);
    expect(result.inventory.apps[0]).toMatchObject({
      framework: 'nestjs',
      routes: 6,
      errorHandler: ['default exception filter'],
      rateLimit: ['@nestjs/throttler (src/app.module.ts:16)'],
      securityHeaders: ['helmet (src/main.ts:9)'],
      healthCheck: [
        'GET /api/health (src/health/health.controller.ts:13)',
        '@nestjs/terminus imported (src/health/health.controller.ts:2)',
        '@nestjs/terminus imported (src/health/health.module.ts:2)',
      ],
    });
  });

  it('says what it adjusted in the TypeScript 5 tsconfig of the Nest CLI', () => {
    expect(result.warnings).toContain(
      'tsconfig.json: TypeScript 6 deprecates `baseUrl`; loaded with "ignoreDeprecations": "6.0" so they still apply',
    );
  });
});

describe('checker-koa-js: JavaScript without tsconfig, Koa routers required across modules', () => {
  let result: ProjectCheckResult;
  beforeAll(async () => {
    result = await checkProject({ target: fixture('checker-koa-js') });
  });

  it('reports exactly the planted problems', () => {
    expect(findingLines(result)).toEqual([
      "src/app.js:10 api-audit/missing-rate-limit No rate limiting on this Koa app: looked for `koa-ratelimit`, `koa2-ratelimit` or `rate-limiter-flexible`, or middleware named for rate limiting, in this app (src/app.js) and the 3 apps mounted on it (src/routes/health.js, src/routes/api.js and src/routes/books.js), and in the imports of the service's 9 files.",
      'src/lib/thumbnail.cjs:6 api-audit/blocking-call-reachable `execFileSync` blocks the event loop in a request path: GET /v1/books/:id/cover → bookService.coverThumbnail (src/services/book-service.js:16) → makeThumbnail (src/lib/thumbnail.cjs:5) → execFileSync; use `execFile` or `spawn` wrapped in a promise (`util.promisify(execFile)`) instead.',
      'src/routes/books.js:4 api-audit/layering Route module imports the data-layer module `../db`; go through a service so routes stay thin.',
    ]);
  });

  it('joins the Koa router prefix and nested router.use() paths across require()', () => {
    expect(routeLines(result)).toEqual([
      'GET /v1/books -> src/routes/books.js:9 [errorHandler, helmet, bodyParser] app=0',
      'GET /v1/books/:id -> src/routes/books.js:14 [errorHandler, helmet, bodyParser] unvalidated app=0',
      'GET /v1/books/:id/cover -> src/routes/books.js:18 [errorHandler, helmet, bodyParser] unvalidated app=0',
      'GET /healthz -> src/routes/health.js:7 [errorHandler, helmet, bodyParser] app=0',
    ]);
  });

  it('recognises the try/catch error middleware of another module and finds .cjs files but not scripts', () => {
    expect(result.inventory.apps[0]).toMatchObject({
      framework: 'koa',
      errorHandler: ['errorHandler (src/app.js:11)'],
      securityHeaders: ['koa-helmet (src/app.js:12)'],
    });
    expect(result.stats.files).toBe(9);
    expect(result.warnings).toEqual([]);
  });
});

describe('checker-hono: sub-apps mounted with app.route() from other modules', () => {
  let result: ProjectCheckResult;
  beforeAll(async () => {
    result = await checkProject({ target: fixture('checker-hono') });
  });

  it('reports the HTTP context taken by a service, and nothing else', () => {
    expect(findingLines(result)).toEqual([
      'src/services/book.service.ts:1 api-audit/layering Service module imports `Context` from `hono`; keep services free of HTTP types and objects so any transport can call them.',
    ]);
  });

  it('mounts imported sub-apps (also one built with basePath) and limits path-scoped middleware', () => {
    expect(routeLines(result)).toEqual([
      'GET /livez -> src/index.ts:16 [secureHeaders] app=0',
      'GET /v1/authors/:id -> src/routes/authors.ts:7 [secureHeaders, rateLimiter] unvalidated app=0',
      'GET /v1/books -> src/routes/books.ts:10 [secureHeaders, rateLimiter] app=0',
      'POST /v1/books -> src/routes/books.ts:12 [secureHeaders, rateLimiter, zValidator] validated app=0',
      'GET /v1/books/:id -> src/routes/books.ts:17 [secureHeaders, rateLimiter] app=0',
    ]);
    expect(result.inventory.apps).toHaveLength(1);
  });
});

describe('checker-fastify: plugins registered with prefixes inside plugins of other modules', () => {
  let result: ProjectCheckResult;
  beforeAll(async () => {
    result = await checkProject({ target: fixture('checker-fastify') });
  });

  it('reports the missing app-level controls once, at the app', () => {
    expect(findingLines(result)).toEqual([
      "src/app.ts:5 api-audit/missing-error-handler No error handler on this Fastify app: looked for `setErrorHandler()` in this app (src/app.ts) and the 3 apps mounted on it (src/routes/api.ts, src/routes/projects.ts and src/routes/tasks.ts); unhandled errors get the framework's default reply.",
      "src/app.ts:5 api-audit/missing-rate-limit No rate limiting on this Fastify app: looked for `@fastify/rate-limit`, or middleware named for rate limiting, in this app (src/app.ts) and the 3 apps mounted on it (src/routes/api.ts, src/routes/projects.ts and src/routes/tasks.ts), and in the imports of the service's 6 files.",
      "src/app.ts:5 api-audit/missing-security-headers No security headers on this Fastify app: looked for `@fastify/helmet`, or middleware named for security headers, in this app (src/app.ts) and the 3 apps mounted on it (src/routes/api.ts, src/routes/projects.ts and src/routes/tasks.ts), and in the imports of the service's 6 files.",
    ]);
  });

  it('joins nested plugin prefixes and reads route schemas', () => {
    expect(routeLines(result)).toEqual([
      'GET /ping -> src/app.ts:7 [] app=0',
      'GET /v1/projects -> src/routes/projects.ts:7 [] response app=0',
      'POST /v1/projects -> src/routes/projects.ts:9 [] response,validated app=0',
      'GET/HEAD /v1/tasks/:id -> src/routes/tasks.ts:9 [] response,validated app=0',
    ]);
  });
});

describe('checker-startup-only: blocking calls that only run at start-up or in a timer', () => {
  it('reports nothing', async () => {
    const result = await checkProject({ target: fixture('checker-startup-only') });
    expect(result.findings).toEqual([]);
    expect(routeLines(result)).toEqual([
      'GET /healthz -> src/app.ts:12 [helmet, rateLimit] app=0',
      'GET /v1/greetings/:name -> src/routes/greetings.ts:6 [helmet, rateLimit] unvalidated app=0',
    ]);
  });

  it('would report the helpers if a test file counted as runtime code (it does not)', async () => {
    const result = await checkProject({
      target: fixture('checker-startup-only'),
      settings: { layers: { nonRuntime: [] } },
    });
    const reading =
      'api-audit/blocking-call-reachable `readFileSync` blocks the event loop in a request path: GET /probe → loadTlsOptions (src/lib/tls.ts:4) → readFileSync; use `fs.promises.readFile` instead.';
    // Both reads of loadTlsOptions() (certificate and key), one finding each.
    expect(findingLines(result).filter((line) => line.includes('blocking-call-reachable'))).toEqual([
      `src/lib/tls.ts:5 ${reading}`,
      `src/lib/tls.ts:5 ${reading}`,
    ]);
  });
});

describe('other ways of handing routers and handlers across modules', () => {
  afterAll(removeTemporaryProjects);

  it('Express: a router required inline, a router returned by a factory, a handler wrapped in asyncHandler', async () => {
    const root = temporaryProject({
      'package.json': JSON.stringify({ name: 'cjs-express', type: 'commonjs' }),
      'src/app.js': [
        "const express = require('express');",
        "const { createOrdersRouter } = require('./routes/orders');",
        'const app = express();',
        "app.use('/v2/users', require('./routes/users'));",
        "app.use('/v2/orders', createOrdersRouter({ pageSize: 20 }));",
        'app.use((err, req, res, next) => { res.status(500).end(); });',
        'module.exports = app;',
        '',
      ].join('\n'),
      'src/routes/users.js': [
        "const { Router } = require('express');",
        "const { asyncHandler } = require('../lib/async-handler');",
        "const { exportUsers } = require('../services/users');",
        'const router = Router();',
        "router.get('/export', asyncHandler(async (req, res) => res.send(await exportUsers())));",
        'module.exports = router;',
        '',
      ].join('\n'),
      'src/routes/orders.js': [
        "const express = require('express');",
        'function createOrdersRouter(options) {',
        '  const router = express.Router();',
        "  router.get('/', (req, res) => res.json({ pageSize: options.pageSize }));",
        '  return router;',
        '}',
        'module.exports = { createOrdersRouter };',
        '',
      ].join('\n'),
      'src/lib/async-handler.js':
        'exports.asyncHandler = (fn) => (req, res, next) => fn(req, res, next).catch(next);\n',
      'src/services/users.js': [
        "const zlib = require('node:zlib');",
        'async function exportUsers() {',
        '  return zlib.deflateSync(JSON.stringify([{ id: 1 }]));',
        '}',
        'module.exports = { exportUsers };',
        '',
      ].join('\n'),
    });
    const result = await checkProject({
      target: root,
      checks: { 'missing-rate-limit': 'off', 'missing-security-headers': 'off', 'missing-health-check': 'off' },
    });
    expect(routeLines(result)).toEqual([
      'GET /v2/orders -> src/routes/orders.js:4 [] app=0',
      'GET /v2/users/export -> src/routes/users.js:5 [] app=0',
    ]);
    expect(findingLines(result)).toEqual([
      'src/services/users.js:3 api-audit/blocking-call-reachable `deflateSync` blocks the event loop in a request path: GET /v2/users/export → exportUsers (src/services/users.js:2) → zlib.deflateSync; use `util.promisify(zlib.deflate)` or a stream instead.',
    ]);
  });

  it('JavaScript: methods known only by an assigned name (`exports.x =`, `Foo.prototype.x =`) are followed', async () => {
    const root = temporaryProject({
      'package.json': JSON.stringify({ name: 'cjs-assigned', type: 'commonjs' }),
      'src/app.js': [
        "const express = require('express');",
        "const reports = require('./reports');",
        "const Store = require('./store');",
        'const app = express();',
        'const store = new Store();',
        "app.get('/v1/report', (req, res) => res.send(reports.render()));",
        "app.get('/v1/store', (req, res) => res.send(store.load()));",
        'module.exports = app;',
        '',
      ].join('\n'),
      'src/reports.js': [
        "const fs = require('node:fs');",
        'exports.render = function () {',
        "  return fs.readFileSync('report.html', 'utf8');",
        '};',
        '',
      ].join('\n'),
      'src/store.js': [
        "const zlib = require('node:zlib');",
        'function Store() {}',
        'Store.prototype.load = function () {',
        "  return zlib.gunzipSync(Buffer.from('')).toString();",
        '};',
        'module.exports = Store;',
        '',
      ].join('\n'),
    });
    const result = await checkProject({
      target: root,
      checks: CHAIN_CHECKS_ONLY,
    });
    expect(findingLines(result)).toEqual([
      'src/reports.js:3 api-audit/blocking-call-reachable `readFileSync` blocks the event loop in a request path: GET /v1/report → reports.render (src/reports.js:2) → fs.readFileSync; use `fs.promises.readFile` instead.',
      'src/store.js:4 api-audit/blocking-call-reachable `gunzipSync` blocks the event loop in a request path: GET /v1/store → store.load (src/store.js:3) → zlib.gunzipSync; use `util.promisify(zlib.gunzip)` or a stream instead.',
    ]);
  });

  it('Next.js: route modules are inventoried and followed, without app-level checks', async () => {
    const root = temporaryProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', types: [] },
        include: ['app', 'lib'],
      }),
      'app/api/reports/[id]/route.ts': [
        "import { buildReport } from '../../../../lib/reports';",
        '',
        'export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {',
        '  return Response.json(buildReport((await params).id));',
        '}',
        '',
      ].join('\n'),
      'lib/reports.ts': [
        "import { readFileSync } from 'node:fs';",
        '',
        'export function buildReport(id: string): string {',
        '  return readFileSync(`reports/${id}.json`, "utf8");',
        '}',
        '',
      ].join('\n'),
    });
    const result = await checkProject({ target: root });
    expect(routeLines(result)).toEqual(['GET /api/reports/[id] -> app/api/reports/[id]/route.ts:3 [] app=null']);
    expect(result.inventory.apps).toEqual([]);
    expect(findingLines(result)).toEqual([
      'lib/reports.ts:4 api-audit/blocking-call-reachable `readFileSync` blocks the event loop in a request path: GET /api/reports/[id] → buildReport (lib/reports.ts:3) → readFileSync; use `fs.promises.readFile` instead.',
    ]);
  });
  it('input validation: a read validated in place or through a binding, not one used raw or rebound', async () => {
    const nextRoute = (body: string[]): string =>
      ["import { z } from 'zod';", 'const Body = z.object({ name: z.string() });', ...body, ''].join('\n');
    const root = temporaryProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', types: [] },
        include: ['app', 'src'],
      }),
      'app/api/inline/route.ts': nextRoute([
        'export async function POST(req: Request) {',
        '  return Response.json(Body.parse(await req.json()));',
        '}',
      ]),
      'app/api/bound/route.ts': nextRoute([
        'export async function POST(req: Request) {',
        '  const body = await req.json();',
        '  const data = Body.parse(body);',
        '  return Response.json(data);',
        '}',
      ]),
      'app/api/safe/route.ts': nextRoute([
        'export const POST = async (request: Request) => {',
        '  const json = (await request.json()) as unknown;',
        '  const parsed = Body.safeParse(json);',
        "  if (!parsed.success) return Response.json({ error: 'invalid' }, { status: 400 });",
        '  return Response.json(parsed.data);',
        '};',
      ]),
      'app/api/raw/route.ts': nextRoute([
        'export async function POST(req: Request) {',
        '  const body = await req.json();',
        '  return Response.json(body);',
        '}',
      ]),
      'app/api/rebound/route.ts': nextRoute([
        'export async function POST(req: Request) {',
        '  let body = await req.json();',
        '  body = { ...body, at: Date.now() };',
        '  Body.parse(body);',
        '  return Response.json(body);',
        '}',
      ]),
      'src/app.ts': [
        "import express from 'express';",
        "import Joi from 'joi';",
        '',
        'const app = express();',
        'const schema = Joi.object({ name: Joi.string() });',
        "app.post('/bound', (req, res) => {",
        '  const input = req.body;',
        '  const { value } = schema.validate(input);',
        '  res.json(value);',
        '});',
        "app.post('/logged', (req, res) => {",
        '  const input = req.body;',
        '  console.log(input);',
        '  res.json(input);',
        '});',
        'app.listen(3000);',
        '',
      ].join('\n'),
    });
    const result = await checkProject({ target: root });
    expect(routeLines(result).sort()).toEqual([
      'POST /api/bound -> app/api/bound/route.ts:3 [] validated app=null',
      'POST /api/inline -> app/api/inline/route.ts:3 [] validated app=null',
      'POST /api/raw -> app/api/raw/route.ts:3 [] unvalidated app=null',
      'POST /api/rebound -> app/api/rebound/route.ts:3 [] unvalidated app=null',
      'POST /api/safe -> app/api/safe/route.ts:3 [] validated app=null',
      'POST /bound -> src/app.ts:6 [] validated app=0',
      'POST /logged -> src/app.ts:11 [] unvalidated app=0',
    ]);
  });
  it('authentication: middleware mounted before a router in another file, a handler that checks the session, public-by-design routes', async () => {
    const root = temporaryProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', types: [] },
        include: ['app', 'src'],
      }),
      'src/app.ts': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import { accountRouter } from './routes/account';",
        "import { ordersRouter } from './routes/orders';",
        '',
        'const app = express();',
        "app.use('/account', accountRouter);",
        "app.post('/api/before', (req, res) => res.json({}));",
        "app.use('/api', passport.authenticate('jwt', { session: false }));",
        "app.use('/api/orders', ordersRouter);",
        "app.post('/early', (req, res) => res.json({}));",
        'app.listen(3000);',
        '',
      ].join('\n'),
      'src/routes/account.ts': [
        "import { Router } from 'express';",
        'export const accountRouter = Router();',
        "accountRouter.post('/login', (req, res) => res.json({}));",
        "accountRouter.delete('/', (req, res) => res.status(204).end());",
        '',
      ].join('\n'),
      'src/routes/orders.ts': [
        "import { Router } from 'express';",
        'export const ordersRouter = Router();',
        "ordersRouter.post('/', (req, res) => res.status(201).json({}));",
        '',
      ].join('\n'),
      'app/api/notes/route.ts': [
        "import { getServerSession } from 'next-auth';",
        'export async function POST(req: Request) {',
        '  const session = await getServerSession();',
        "  if (!session) return Response.json({ error: 'unauthorized' }, { status: 401 });",
        '  return Response.json({ ok: true });',
        '}',
        '',
      ].join('\n'),
      'app/api/feedback/route.ts': [
        'export async function POST(req: Request) {',
        '  return Response.json(await req.json());',
        '}',
        '',
      ].join('\n'),
    });
    const result = await checkProject({ target: root });
    const auth = result.inventory.routes
      .map(
        (route) => `${route.methods.join('/')} ${route.path} ${route.authentication} ${route.authenticationEvidence}`,
      )
      .sort();
    expect(auth).toEqual([
      'DELETE /account no null',
      'POST /account/login public path segment "login"',
      'POST /api/before no null',
      'POST /api/feedback no null',
      'POST /api/notes yes handler',
      'POST /api/orders yes passport.authenticate',
      'POST /early no null',
    ]);
  });
});

describe('blocking-call-reachable on a service without blocking calls to follow', () => {
  afterAll(removeTemporaryProjects);
  afterEach(() => vi.restoreAllMocks());

  /** A handler calling a service; the service blocks when `blocking` is given (a statement). */
  function service(blocking: string | null): string {
    return temporaryProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { types: [] }, include: ['src'] }),
      'src/app.ts': [
        "import express from 'express';",
        "import { readFileSync } from 'node:fs';",
        "import { listOrders } from './orders.service';",
        'const app = express();',
        "app.get('/v1/orders', async (req, res) => res.json(await listOrders()));",
        "app.get('/v1/banner', (req, res) => res.send(readFileSync('banner.txt', 'utf8')));",
        '',
      ].join('\n'),
      'src/orders.service.ts': [
        "import { readFileSync } from 'node:fs';",
        'export async function listOrders(): Promise<string[]> {',
        blocking ?? '  return [];',
        '}',
        '',
      ].join('\n'),
    });
  }
  const options = { checks: CHAIN_CHECKS_ONLY };

  it("resolves no call when the only blocking call is the rule's (in a handler of the same file)", async () => {
    const calleeOf = vi.spyOn(Resolver.prototype, 'calleeOf');
    const result = await checkProject({ target: service(null), ...options });
    expect(findingLines(result)).toEqual([]);
    expect(calleeOf).not.toHaveBeenCalled();
  });

  it('follows the calls as soon as another file blocks', async () => {
    const calleeOf = vi.spyOn(Resolver.prototype, 'calleeOf');
    const result = await checkProject({
      target: service("  return JSON.parse(readFileSync('orders.json', 'utf8'));"),
      ...options,
    });
    expect(findingLines(result)).toEqual([
      'src/orders.service.ts:3 api-audit/blocking-call-reachable `readFileSync` blocks the event loop in a request path: GET /v1/orders → listOrders (src/orders.service.ts:2) → readFileSync; use `fs.promises.readFile` instead.',
    ]);
    expect(calleeOf).toHaveBeenCalled();
  });

  it('finds a blocking call on a `lib` global (`Atomics.wait`) in another file', async () => {
    const result = await checkProject({
      target: service('  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);\n  return [];'),
      ...options,
    });
    expect(findingLines(result)).toEqual([
      'src/orders.service.ts:3 api-audit/blocking-call-reachable `Atomics.wait` blocks the event loop in a request path: GET /v1/orders → listOrders (src/orders.service.ts:2) → Atomics.wait; use `Atomics.waitAsync` instead.',
    ]);
  });
});

describe('blocking-call-reachable asks the type checker only about calls that can run a service function', () => {
  afterAll(removeTemporaryProjects);
  afterEach(() => vi.restoreAllMocks());

  // `status` is a member name the service declares (an error class field), so `res.status()` passes the
  // member-name filter; `service.list()` is a call on a parameter too, but one the service types.
  const files = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { types: [] }, include: ['src'] }),
    'src/app.ts': [
      "import express from 'express';",
      "import { OrdersService } from './orders.service';",
      'const orders = new OrdersService();',
      'async function respond(service: OrdersService): Promise<string[]> {',
      '  return service.list();',
      '}',
      'const app = express();',
      "app.get('/v1/orders', async (req, res, next) => {",
      '  try {',
      '    res.status(200).json(await respond(orders));',
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      "app.get('/v1/health', function health(req, res: { status(code: number): unknown }) {",
      '  res.status(204);',
      '});',
      '',
    ].join('\n'),
    'src/orders.service.ts': [
      "import { readFileSync } from 'node:fs';",
      'export class HttpError extends Error {',
      '  status = 500;',
      '}',
      'export class OrdersService {',
      '  list(): string[] {',
      "    return JSON.parse(readFileSync('orders.json', 'utf8'));",
      '  }',
      '}',
      '',
    ].join('\n'),
  };

  it('skips calls of parameters and methods of framework-typed handler parameters, and still finds the chain', async () => {
    const calleeOf = vi.spyOn(Resolver.prototype, 'calleeOf');
    const result = await checkProject({
      target: temporaryProject(files),
      checks: CHAIN_CHECKS_ONLY,
    });
    expect(findingLines(result)).toEqual([
      'src/orders.service.ts:7 api-audit/blocking-call-reachable `readFileSync` blocks the event loop in a request path: GET /v1/orders → respond (src/app.ts:4) → service.list (src/orders.service.ts:6) → readFileSync; use `fs.promises.readFile` instead.',
    ]);
    const asked = calleeOf.mock.calls.map(([file, call]) => file.sourceFile.text.slice(...call.callee.range));
    // Asked: the service's own calls, and `res.status` where the handler annotates `res` itself.
    expect(asked.sort()).toEqual(['res.status', 'respond', 'service.list']);
  });
});

describe('NestJS module metadata the checker cannot read', () => {
  afterAll(removeTemporaryProjects);

  it('attaches controllers no module reaches to the only Nest app, with its global prefix', async () => {
    const root = temporaryProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { experimentalDecorators: true, types: [] },
        include: ['src'],
      }),
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { AppModule } from './app.module';",
        'async function bootstrap(): Promise<void> {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.setGlobalPrefix('v2');",
        '  await app.listen(3000);',
        '}',
        'void bootstrap();',
        '',
      ].join('\n'),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { metadata } from './metadata';",
        '@Module(metadata)',
        'export class AppModule {}',
        '',
      ].join('\n'),
      'src/metadata.ts':
        "import { CatsController } from './cats.controller';\nexport const metadata = { controllers: [CatsController] };\n",
      'src/cats.controller.ts': [
        "import { Controller, Get } from '@nestjs/common';",
        "@Controller('cats')",
        'export class CatsController {',
        '  @Get()',
        '  findAll(): string[] {',
        "    return ['Tom'];",
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const result = await checkProject({ target: root });
    expect(routeLines(result)).toEqual(['GET /v2/cats -> src/cats.controller.ts:5 [] app=0']);
    expect(findingLines(result).map((line) => line.split(' ')[1])).toEqual([
      'api-audit/missing-health-check',
      'api-audit/missing-rate-limit',
      'api-audit/missing-security-headers',
    ]);
  });
});
