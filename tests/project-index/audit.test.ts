import { describe, expect, it } from 'vitest';

import { audit } from '../../src/api.js';
import type { AuditReport } from '../../src/audit/types.js';
import { useServices } from './service.js';

const makeService = useServices();

/** The inventory as `METHOD path → handler file:line` lines, and the findings as `file:line rule`. */
async function run(
  files: Record<string, string>,
): Promise<{ routes: string[]; findings: string[]; report: AuditReport }> {
  const service = makeService(files);
  const report = await audit({ path: service.root, failOn: 'none' });
  return {
    report,
    routes: report.inventory.routes.map(
      (route) =>
        `${route.methods.join('/')} ${route.path} → ${route.handler ? `${route.handler.file}:${route.handler.line}` : 'unresolved'}`,
    ),
    findings: report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`),
  };
}

const healthyExpress = [
  '  app.use(helmet());',
  '  app.use(rateLimit({ windowMs: 60_000, limit: 100 }));',
  "  app.get('/health', (req, res) => res.send('ok'));",
  '  app.use((err, req, res, next) => res.status(500).json({ error: "internal" }));',
];

describe('api-audit: the project checks read the index', () => {
  it('Express: security headers, rate limit, health route and error handler set up in a function the app is handed to', async () => {
    const { routes, findings } = await run({
      'app.js': [
        "const express = require('express');",
        'const app = express();',
        "require('./setup')(app);",
        "app.use('/v1/users', require('./routes/users'));",
        'app.listen(3000);',
      ].join('\n'),
      'setup.js': [
        "const helmet = require('helmet');",
        "const { rateLimit } = require('express-rate-limit');",
        'module.exports = function setup(app) {',
        ...healthyExpress,
        '};',
      ].join('\n'),
      'routes/users.js': [
        "const express = require('express');",
        "const users = require('../controllers/users');",
        'const router = express.Router();',
        "router.get('/', users.list);",
        "router.post('/', users.create());",
        'module.exports = router;',
      ].join('\n'),
      'controllers/users.js': [
        'exports.list = async (req, res) => res.json([]);',
        'exports.create = () => async (req, res) => res.status(201).json({});',
      ].join('\n'),
    });
    expect(routes).toEqual([
      'GET /v1/users → controllers/users.js:1',
      'POST /v1/users → controllers/users.js:2',
      'GET /health → setup.js:6',
    ]);
    expect(findings).toEqual([]);
  });

  it('Fastify: @fastify/autoload folders give prefixes, and a plugin file registering helmet counts for the app', async () => {
    const { routes, findings } = await run({
      'src/app.ts': [
        "import path from 'node:path';",
        "import Fastify from 'fastify';",
        "import AutoLoad from '@fastify/autoload';",
        'const app = Fastify();',
        "app.register(AutoLoad, { dir: path.join(__dirname, 'plugins') });",
        "app.register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix: '/api/v1' } });",
        "app.get('/health', { schema: { response: { 200: { type: 'string' } } } }, async () => 'ok');",
        'app.setErrorHandler(async (error, request, reply) => reply.code(500).send({ error: "internal" }));',
      ].join('\n'),
      'src/plugins/security.ts': [
        "import fp from 'fastify-plugin';",
        "import helmet from '@fastify/helmet';",
        "import rateLimit from '@fastify/rate-limit';",
        'export default fp(async (fastify) => {',
        '  await fastify.register(helmet);',
        '  await fastify.register(rateLimit, { max: 100 });',
        '});',
      ].join('\n'),
      'src/routes/users/index.ts': [
        "import type { FastifyPluginAsync } from 'fastify';",
        "import { showUser } from '../../handlers/users.js';",
        'const users: FastifyPluginAsync = async (fastify) => {',
        "  fastify.get('/:id', { schema: { response: { 200: { type: 'object' } } } }, showUser);",
        '};',
        'export default users;',
      ].join('\n'),
      'src/routes/users/_id/orders.ts': [
        'module.exports = async function (fastify, opts) {',
        "  fastify.get('/orders', { schema: { response: { 200: { type: 'array' } } } }, async () => []);",
        '};',
      ].join('\n'),
      'src/routes/status.ts': [
        "export const autoPrefix = '/_status';",
        'export default async function (fastify) {',
        "  fastify.get('/', { schema: { response: { 200: { type: 'string' } } } }, async () => 'up');",
        '}',
      ].join('\n'),
      'src/handlers/users.ts': 'export async function showUser(request: unknown) {\n  return { id: 1 };\n}\n',
    });
    expect(routes).toEqual([
      'GET /health → src/app.ts:7',
      'GET /api/v1/_status → src/routes/status.ts:3',
      'GET /api/v1/users/:id/orders → src/routes/users/_id/orders.ts:2',
      'GET /api/v1/users/:id → src/handlers/users.ts:1',
    ]);
    expect(findings).toEqual([]);
  });

  it('Fastify: a fastify-cli app (app.ts default-exporting a plugin that autoloads) gets the app-level checks', async () => {
    const { routes, findings } = await run({
      'package.json': JSON.stringify({ name: 'service', scripts: { start: 'fastify start -l info dist/app.js' } }),
      'src/app.ts': [
        "import { join } from 'node:path';",
        "import AutoLoad from '@fastify/autoload';",
        "import type { FastifyPluginAsync } from 'fastify';",
        'const app: FastifyPluginAsync = async (fastify, opts) => {',
        "  void fastify.register(AutoLoad, { dir: join(__dirname, 'plugins'), options: opts });",
        "  void fastify.register(AutoLoad, { dir: join(__dirname, 'routes'), options: { ...opts, prefix: '/v1' } });",
        '};',
        'export default app;',
      ].join('\n'),
      'src/plugins/cors.ts': [
        "import cors from '@fastify/cors';",
        'export default cors;',
        "export const autoConfig = { origin: ['https://app.example.com'] };",
      ].join('\n'),
      'src/routes/health.ts': [
        'export default async function (fastify) {',
        "  fastify.get('/health', { schema: { response: { 200: { type: 'string' } } } }, async () => 'ok');",
        '}',
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /v1/health → src/routes/health.ts:2']);
    expect(findings).toEqual([
      'src/app.ts:4 api-audit/missing-error-handler',
      'src/app.ts:4 api-audit/missing-rate-limit',
      'src/app.ts:4 api-audit/missing-security-headers',
    ]);
  });

  it('NestJS: the global prefix with its exclude list, URI versioning (default, @Version, VERSION_NEUTRAL) and a prefix read from configuration', async () => {
    const controllers = {
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { UsersController } from './users.controller';",
        "import { HealthController } from './health.controller';",
        '@Module({ controllers: [UsersController, HealthController] })',
        'export class AppModule {}',
      ].join('\n'),
      'src/users.controller.ts': [
        "import { Controller, Get, Param, Version, VERSION_NEUTRAL } from '@nestjs/common';",
        "@Controller('users')",
        'export class UsersController {',
        "  @Get(':id')",
        "  findOne(@Param('id') id: string) { return { id }; }",
        "  @Version('2')",
        '  @Get()',
        '  findAll() { return []; }',
        '  @Version(VERSION_NEUTRAL)',
        "  @Get('ping')",
        "  ping() { return 'pong'; }",
        '}',
      ].join('\n'),
      'src/health.controller.ts': [
        "import { Controller, Get } from '@nestjs/common';",
        "@Controller('health')",
        'export class HealthController {',
        '  @Get()',
        "  check() { return 'ok'; }",
        '}',
      ].join('\n'),
    };
    const { report } = await run({
      ...controllers,
      'src/main.ts': [
        "import { VersioningType } from '@nestjs/common';",
        "import { NestFactory } from '@nestjs/core';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.setGlobalPrefix('api', { exclude: ['health'] });",
        "  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });",
        '  await app.listen(3000);',
        '}',
        'void bootstrap();',
      ].join('\n'),
    });
    expect(report.inventory.routes.map((route) => `${route.methods.join('/')} ${route.displayPath}`)).toEqual([
      'GET /v1/health',
      'GET /api/v1/users/:id',
      'GET /api/v2/users',
      'GET /api/users/ping',
    ]);
    const dynamic = await run({
      ...controllers,
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { ConfigService } from '@nestjs/config';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.setGlobalPrefix(app.get(ConfigService).get('API_PREFIX'));",
        '  await app.listen(3000);',
        '}',
        'void bootstrap();',
      ].join('\n'),
    });
    expect(dynamic.report.inventory.routes.map((route) => [route.path, route.displayPath])).toEqual([
      [null, '{prefix}/health'],
      [null, '{prefix}/users/:id'],
      [null, '{prefix}/users'],
      [null, '{prefix}/users/ping'],
    ]);
  });

  it('Koa: sub-apps through koa-mount and routers through koa-compose, defined in other files', async () => {
    const { routes } = await run({
      'app.js': [
        "const Koa = require('koa');",
        "const mount = require('koa-mount');",
        "const compose = require('koa-compose');",
        "const api = require('./api');",
        "const { users, orders } = require('./routes');",
        'const app = module.exports = new Koa();',
        "app.use(mount('/api', api));",
        'app.use(compose([users.routes(), orders.routes()]));',
      ].join('\n'),
      'api.js': [
        "const Koa = require('koa');",
        "const Router = require('@koa/router');",
        'const api = new Koa();',
        'const router = new Router();',
        "router.get('/ping', (ctx) => { ctx.body = 'pong'; });",
        'api.use(router.routes());',
        'module.exports = api;',
      ].join('\n'),
      'routes.js': [
        "const Router = require('@koa/router');",
        "exports.users = new Router({ prefix: '/users' }).get('/', (ctx) => { ctx.body = []; });",
        "exports.orders = new Router({ prefix: '/orders' }).get('/', (ctx) => { ctx.body = []; });",
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /api/ping → api.js:5', 'GET /users → routes.js:2', 'GET /orders → routes.js:3']);
  });

  it('Express: lazy start-up work behind a flag the helper sets is reported neither by the rule nor by the checker', async () => {
    const { findings } = await run({
      'app.js': [
        "const express = require('express');",
        "const { ingest } = require('./ai');",
        'const app = express();',
        "app.post('/ai/rag/ingest', ingest);",
        'app.listen(3000);',
      ].join('\n'),
      'ai.js': [
        "const fs = require('fs');",
        'let ready = false;',
        'function prepare() {',
        "  if (!fs.existsSync('rag_input')) fs.mkdirSync('rag_input');",
        '  ready = true;',
        '}',
        'exports.ingest = async (req, res) => {',
        '  if (!ready) prepare();',
        "  fs.writeFileSync('rag_input/last.txt', 'x');",
        '  res.json({ ok: true });',
        '};',
      ].join('\n'),
    });
    expect(findings.filter((line) => /sync|blocking/u.test(line))).toEqual(['ai.js:9 api-audit/no-sync-in-handler']);
  });
});
