import { describe, expect, it } from 'vitest';

import { audit } from '../../src/api.js';
import type { AuditReport } from '../../src/audit/types.js';
import { useServices } from './service.js';

const makeService = useServices();

const APP_CHECKS = new Set([
  'api-audit/missing-error-handler',
  'api-audit/missing-rate-limit',
  'api-audit/missing-security-headers',
  'api-audit/missing-health-check',
]);

/** The app-level findings of an audit as `file:line rule severity`, and the report. */
async function appFindings(files: Record<string, string>): Promise<{ findings: string[]; report: AuditReport }> {
  const service = makeService(files);
  const report = await audit({ path: service.root, failOn: 'none' });
  return {
    report,
    findings: report.findings
      .filter((finding) => APP_CHECKS.has(finding.ruleId))
      .map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity}`),
  };
}

/** Express app-level controls other than the error handler, for tests about the error handler. */
const EXPRESS_CONTROLS = ["const helmet = require('helmet');", "const { rateLimit } = require('express-rate-limit');"];
const EXPRESS_USE = [
  'app.use(helmet());',
  'app.use(rateLimit({ windowMs: 60_000, limit: 100 }));',
  "app.get('/healthz', (req, res) => res.send('ok'));",
];

describe('app-level checks: a control is found wherever a path from the app reaches it', () => {
  it('Fastify: `setErrorHandler` in an autoloaded plugin (fastify-plugin) covers the app', async () => {
    const { findings } = await appFindings({
      'src/server.ts': [
        "import path from 'node:path';",
        "import Fastify from 'fastify';",
        "import AutoLoad from '@fastify/autoload';",
        "import helmet from '@fastify/helmet';",
        "import rateLimit from '@fastify/rate-limit';",
        'const app = Fastify();',
        'app.register(helmet);',
        'app.register(rateLimit, { max: 100 });',
        "app.register(AutoLoad, { dir: path.join(__dirname, 'plugins') });",
        "app.get('/health', async () => 'ok');",
        "app.get('/users', async () => []);",
        'app.listen({ port: 3000 });',
      ].join('\n'),
      'src/plugins/errors.ts': [
        "import fp from 'fastify-plugin';",
        'export default fp(async (fastify) => {',
        '  fastify.setErrorHandler(async (error, request, reply) => reply.code(500).send({ error: "internal" }));',
        '});',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('Koa: `onerror(app)` of koa-onerror, and a try/catch middleware returned by a factory of another file', async () => {
    const koa = (errors: string[]): Record<string, string> => ({
      'app.js': [
        "const Koa = require('koa');",
        "const Router = require('@koa/router');",
        "const helmet = require('koa-helmet');",
        "const ratelimit = require('koa-ratelimit');",
        ...errors,
        'const app = new Koa();',
        'const router = new Router();',
        "router.get('/health', (ctx) => { ctx.body = 'ok'; });",
        "router.get('/users', (ctx) => { ctx.body = []; });",
        'app.use(helmet());',
        "app.use(ratelimit({ driver: 'memory', db: new Map() }));",
        'app.use(router.routes());',
        'app.listen(3000);',
      ].join('\n'),
      'middleware/errors.js': [
        'module.exports = function errorHandler() {',
        '  return async function handle(ctx, next) {',
        '    try {',
        '      await next();',
        '    } catch (err) {',
        '      ctx.status = err.status || 500;',
        "      ctx.body = { error: 'internal' };",
        '    }',
        '  };',
        '};',
      ].join('\n'),
    });
    expect((await appFindings(koa([]))).findings).toEqual(['app.js:5 api-audit/missing-error-handler warning']);
    const libraryCall = await appFindings({
      ...koa(["const onerror = require('koa-onerror');"]),
      'app.js': `${koa(["const onerror = require('koa-onerror');"])['app.js']}\nonerror(app);`,
    });
    expect(libraryCall.findings).toEqual([]);
    expect(libraryCall.report.inventory.apps[0]?.errorHandler).toEqual(['koa-onerror (app.js:14)']);
    const factory = await appFindings({
      ...koa(["const errorHandler = require('./middleware/errors');"]),
      'app.js': koa(["const errorHandler = require('./middleware/errors');"])['app.js']!.replace(
        'app.use(helmet());',
        'app.use(errorHandler());\napp.use(helmet());',
      ),
    });
    expect(factory.findings).toEqual([]);
  });

  it('Express: an error middleware made by a factory of another file (`app.use(apiErrorHandler())`)', async () => {
    const { findings, report } = await appFindings({
      'src/app.js': [
        "const express = require('express');",
        ...EXPRESS_CONTROLS,
        "const { apiErrorHandler } = require('./errors');",
        'const app = express();',
        ...EXPRESS_USE,
        "app.get('/users', (req, res) => res.json([]));",
        'app.use(apiErrorHandler());',
        'module.exports = app;',
      ].join('\n'),
      'src/errors.js': [
        'exports.apiErrorHandler = function apiErrorHandler() {',
        '  return (err, req, res, next) => {',
        "    res.status(err.status || 500).json({ error: 'internal' });",
        '  };',
        '};',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
    expect(report.inventory.apps[0]?.errorHandler).toEqual(['apiErrorHandler (src/app.js:10)']);
  });

  it('Koa: sub-apps that a middleware runs by hand (`compose(admin.middleware)`) inherit the app above them', async () => {
    const subApp = (name: string): string =>
      [
        "const Koa = require('koa');",
        "const Router = require('@koa/router');",
        'const app = new Koa();',
        'const router = new Router();',
        `router.get('/${name}', (ctx) => { ctx.body = '${name}'; });`,
        'app.use(async function handleErrors(ctx, next) {',
        '  try {',
        '    await next();',
        '  } catch (err) {',
        '    ctx.status = 500;',
        '  }',
        '});',
        'app.use(router.routes());',
        'module.exports = app;',
      ].join('\n');
    const { findings, report } = await appFindings({
      'app.js': [
        "const Koa = require('koa');",
        "const compose = require('koa-compose');",
        "const helmet = require('koa-helmet');",
        "const admin = require('./admin');",
        "const api = require('./api');",
        'const app = new Koa();',
        'app.use(helmet());',
        'app.use(async function subApp(ctx) {',
        "  if (ctx.hostname.startsWith('admin.')) await compose(admin.middleware)(ctx);",
        '  else await compose(api.middleware)(ctx);',
        '});',
        'app.listen(3000);',
      ].join('\n'),
      'admin.js': subApp('admin'),
      'api.js': subApp('health').replace(
        'app.use(router.routes());',
        "app.use(router.routes());\napp.use(require('./api-routes'));",
      ),
      'api-routes.js': [
        "const Router = require('@koa/router');",
        'const router = new Router();',
        "router.get('/users', (ctx) => { ctx.body = []; });",
        'module.exports = router.middleware();',
      ].join('\n'),
    });
    expect(findings).toEqual(['app.js:6 api-audit/missing-rate-limit warning']);
    expect(report.inventory.apps).toHaveLength(1);
    // The routers of both sub-apps, one exported as `router.middleware()`, are the app's routes.
    expect(report.inventory.apps[0]?.routes).toBe(3);
  });

  it('Koa: a sub-app mounted with koa-mount inherits the controls of the app above it', async () => {
    const { findings, report } = await appFindings({
      'app.js': [
        "const Koa = require('koa');",
        "const mount = require('koa-mount');",
        "const helmet = require('koa-helmet');",
        "const ratelimit = require('koa-ratelimit');",
        "const api = require('./api');",
        'const app = new Koa();',
        'app.use(async (ctx, next) => {',
        '  try {',
        '    await next();',
        '  } catch (err) {',
        '    ctx.status = 500;',
        '  }',
        '});',
        'app.use(helmet());',
        "app.use(ratelimit({ driver: 'memory', db: new Map() }));",
        "app.use(mount('/api', api));",
        'app.listen(3000);',
      ].join('\n'),
      'api.js': [
        "const Koa = require('koa');",
        "const Router = require('@koa/router');",
        'const api = new Koa();',
        'const router = new Router();',
        "router.get('/health', (ctx) => { ctx.body = 'ok'; });",
        "router.get('/users', (ctx) => { ctx.body = []; });",
        'api.use(router.routes());',
        'module.exports = api;',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
    expect(report.inventory.apps).toHaveLength(1);
  });

  it('an app a script builds only to read its config or write its OpenAPI document gets no app-level check', async () => {
    const { findings, report } = await appFindings({
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { ConfigService } from '@nestjs/config';",
        "import helmet from 'helmet';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const configApp = await NestFactory.create(AppModule);',
        "  const port = configApp.get(ConfigService).get<number>('PORT');",
        '  await configApp.close();',
        '  const app = await NestFactory.create(AppModule);',
        '  app.use(helmet());',
        '  await app.listen(port ?? 3000);',
        '}',
        'void bootstrap();',
      ].join('\n'),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { ThrottlerModule } from '@nestjs/throttler';",
        "import { UsersController } from './users.controller';",
        '@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60_000, limit: 100 }])], controllers: [UsersController] })',
        'export class AppModule {}',
      ].join('\n'),
      'src/users.controller.ts': [
        "import { Controller, Get } from '@nestjs/common';",
        "@Controller('users')",
        'export class UsersController {',
        '  @Get()',
        '  list() {',
        '    return [];',
        '  }',
        '}',
      ].join('\n'),
      'src/openapi.ts': [
        "import { writeFileSync } from 'node:fs';",
        "import express from 'express';",
        "import { usersRouter } from './users.router';",
        'const app = express();',
        "app.use('/users', usersRouter);",
        "writeFileSync('openapi.json', JSON.stringify({ paths: app.get('paths') }));",
      ].join('\n'),
      'src/users.router.ts': [
        "import { Router } from 'express';",
        'export const usersRouter = Router();',
        "usersRouter.get('/', (req, res) => res.json([]));",
      ].join('\n'),
    });
    expect(findings).toEqual(['src/main.ts:9 api-audit/missing-health-check warning']);
    expect(report.inventory.apps.map((app) => `${app.location.file}:${app.location.line}`)).toEqual(['src/main.ts:9']);
    expect(report.inventory.routes.map((route) => `${route.methods.join('/')} ${route.path}`)).toEqual([
      'GET /users',
      'GET /users',
    ]);
  });

  it('Express: the router a factory handed the app returns, mounted at a configured path, brings its error handlers', async () => {
    const { findings, report } = await appFindings({
      'lib/app.js': [
        "const express = require('express');",
        ...EXPRESS_CONTROLS,
        "const routes = require('./routes');",
        'const app = express();',
        "var mount = app.set('url prefix') || '/';",
        'app.use(helmet());',
        'app.use(rateLimit({ windowMs: 60_000, limit: 100 }));',
        'app.use(mount, routes(app));',
        'app.listen(3000);',
      ].join('\n'),
      'lib/routes.js': [
        "const express = require('express');",
        'module.exports = function mountRouter(expressApp) {',
        '  const router = express.Router();',
        "  router.get('/healthz', (req, res) => res.send('ok'));",
        "  router.get('/bins', (req, res) => res.json([]));",
        '  router.use((err, req, res, next) => res.status(500).send(expressApp.get("name")));',
        '  return router;',
        '};',
      ].join('\n'),
    });
    // The mount path is only known at run time, so the health route cannot be told apart: info.
    expect(findings).toEqual(['lib/app.js:5 api-audit/missing-health-check info']);
    expect(report.inventory.apps[0]?.errorHandler).toEqual(['error handler (lib/routes.js:6)']);
  });

  it('takes the error handler a caller sets on the app a factory returns, and is unsure of the rest (`createRouter()` then `app.use`)', async () => {
    const { report } = await appFindings({
      'src/lib/create-router.ts': [
        "import { Hono } from 'hono';",
        'export function createRouter() {',
        '  return new Hono();',
        '}',
      ].join('\n'),
      'src/app.ts': [
        "import { secureHeaders } from 'hono/secure-headers';",
        "import { rateLimiter } from 'hono-rate-limiter';",
        "import { createRouter } from './lib/create-router';",
        'const app = createRouter();',
        "app.use('*', secureHeaders());",
        "app.use('*', rateLimiter({ windowMs: 60_000, limit: 100, keyGenerator: (c) => c.req.header('x-forwarded-for') ?? '' }));",
        "app.get('/healthz', (c) => c.text('ok'));",
        'export default app;',
      ].join('\n'),
    });
    expect(
      report.findings
        .filter((finding) => APP_CHECKS.has(finding.ruleId))
        .map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity} ${finding.message}`),
    ).toEqual([
      "src/lib/create-router.ts:3 api-audit/missing-error-handler info No error handler on this Hono app: looked for `onError()` in this app (src/lib/create-router.ts), nothing mounted on it; unhandled errors get the framework's default reply. Unsure: this app is returned by `createRouter()`, called at src/app.ts:4, and what the callers add to the app they get is not followed.",
    ]);
    const withHandler = await appFindings({
      'src/lib/create-router.ts': "import { Hono } from 'hono';\nexport const createRouter = () => new Hono();\n",
      'src/app.ts': [
        "import { createRouter } from './lib/create-router';",
        'const app = createRouter();',
        "app.get('/healthz', (c) => c.text('ok'));",
        "app.onError((err, c) => c.json({ error: 'internal' }, 500));",
        'export default app;',
      ].join('\n'),
    });
    expect(withHandler.findings.filter((line) => line.includes('error-handler'))).toEqual([]);
    expect(withHandler.report.inventory.apps[0]?.errorHandler).toEqual([
      'onError() on the app `createRouter()` returns (src/app.ts:2)',
    ]);
  });

  it('unversioned-routes counts API routes only: pages rendered as HTML and a catch-all CORS preflight are not', async () => {
    const service = makeService({
      'src/app.js': [
        "const express = require('express');",
        "const cors = require('cors');",
        'const app = express();',
        "app.options('*', cors({ origin: 'https://app.example.com' }));",
        "app.get('/', (req, res) => res.render('home'));",
        "app.get('/login', (req, res) => res.redirect('/auth'));",
        "app.get('/v1/users', (req, res) => res.json([]));",
        'app.listen(3000);',
      ].join('\n'),
    });
    const report = await audit({ path: service.root, failOn: 'none' });
    expect(report.findings.filter((finding) => finding.ruleId === 'api-audit/unversioned-routes')).toEqual([]);
    service.write({
      'src/app.js': [
        "const express = require('express');",
        'const app = express();',
        "app.get('/', (req, res) => res.render('home'));",
        "app.get('/users', (req, res) => res.json([]));",
        "app.get('/users/:id', (req, res) => res.json({}));",
        "app.get('/v2/users', (req, res) => res.json([]));",
        'app.listen(3000);',
      ].join('\n'),
    });
    const unversioned = await audit({ path: service.root, failOn: 'none' });
    expect(
      unversioned.findings.filter((finding) => finding.ruleId === 'api-audit/unversioned-routes').map((f) => f.message),
    ).toEqual([
      '2 of the 3 API routes of this Express app are outside a version prefix such as /v1: GET /users and GET /users/:id.',
    ]);
    // A site of pages with one JSON endpoint for its own scripts is not an API to version.
    service.write({
      'src/app.js': [
        "const express = require('express');",
        'const app = express();',
        ...['/', '/about', '/contact', '/account'].map(
          (path) => `app.get('${path}', (req, res) => res.render('page'));`,
        ),
        "app.post('/account/avatar', (req, res) => res.json({ ok: true }));",
        'app.listen(3000);',
      ].join('\n'),
    });
    const site = await audit({ path: service.root, failOn: 'none' });
    expect(site.findings.filter((finding) => finding.ruleId === 'api-audit/unversioned-routes')).toEqual([]);
  });

  it("Hono: the service's own rate-limit and security-header middleware count by their names", async () => {
    const { findings, report } = await appFindings({
      'src/middleware/rate-limit.ts': [
        "import { createMiddleware } from 'hono/factory';",
        'export function createRateLimitMiddleware(max: number) {',
        '  const hits = new Map<string, number>();',
        '  return createMiddleware(async (c, next) => {',
        "    const key = c.req.header('x-forwarded-for') ?? '';",
        '    hits.set(key, (hits.get(key) ?? 0) + 1);',
        "    if ((hits.get(key) ?? 0) > max) return c.text('Too many requests', 429);",
        '    await next();',
        '  });',
        '}',
      ].join('\n'),
      'src/middleware/headers.ts': [
        "import { createMiddleware } from 'hono/factory';",
        'export const securityHeaders = createMiddleware(async (c, next) => {',
        '  await next();',
        "  c.header('X-Content-Type-Options', 'nosniff');",
        '});',
      ].join('\n'),
      'src/app.ts': [
        "import { Hono } from 'hono';",
        "import { createRateLimitMiddleware } from './middleware/rate-limit';",
        "import { securityHeaders } from './middleware/headers';",
        'const app = new Hono();',
        "app.use('*', securityHeaders);",
        "app.use('/api/*', createRateLimitMiddleware(100));",
        "app.get('/healthz', (c) => c.text('ok'));",
        "app.onError((err, c) => c.json({ error: 'internal' }, 500));",
        'export default app;',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
    expect(report.inventory.apps[0]?.rateLimit).toEqual(['createRateLimitMiddleware (by its name) (src/app.ts:6)']);
    expect(report.inventory.apps[0]?.securityHeaders).toEqual(['securityHeaders (by its name) (src/app.ts:5)']);
  });

  it('says what it searched, and reports at info when middleware it could not read may be the error handler', async () => {
    const { report } = await appFindings({
      'src/app.js': [
        "const express = require('express');",
        ...EXPRESS_CONTROLS,
        "const handlers = require('./handlers');",
        'const app = express();',
        ...EXPRESS_USE,
        "app.get('/users', (req, res) => res.json([]));",
        'app.use(handlers.make().last);',
        'app.listen(3000);',
      ].join('\n'),
      'src/handlers.js': 'exports.make = () => Object.create(null);\n',
    });
    expect(
      report.findings
        .filter((finding) => APP_CHECKS.has(finding.ruleId))
        .map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`),
    ).toEqual([
      "api-audit/missing-error-handler info No error handler on this Express app: looked for an error middleware with four parameters `(err, req, res, next)`, or the `errorhandler` or `api-error-handler` package in this app (src/app.js), nothing mounted on it; unhandled errors get the framework's default reply. Unsure: one middleware of the service could not be read (handlers.make.last at src/app.js:10) and may handle errors.",
    ]);
  });

  it('counts an unreadable middleware named for errors as the error handler (`errorHandler.uncaughtError`)', async () => {
    const { findings, report } = await appFindings({
      'src/app.js': [
        "const express = require('express');",
        ...EXPRESS_CONTROLS,
        "const handlers = require('./handlers');",
        'const app = express();',
        'const errorHandler = handlers.make();',
        ...EXPRESS_USE,
        "app.get('/users', (req, res) => res.json([]));",
        'app.use(errorHandler.uncaughtError);',
        'app.listen(3000);',
      ].join('\n'),
      'src/handlers.js': 'exports.make = () => Object.create(null);\n',
    });
    expect(findings).toEqual([]);
    expect(report.inventory.apps[0]?.errorHandler).toEqual([
      'errorHandler.uncaughtError (by its name) (src/app.js:11)',
    ]);
  });
});
