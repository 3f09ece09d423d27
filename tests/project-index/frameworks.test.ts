import { describe, expect, it } from 'vitest';

import { blockingMessage, useServices } from './service.js';

const makeService = useServices();

const sync = blockingMessage;

describe('Koa, Hono, Fastify and Next.js: handlers and routers across files', () => {
  it('Koa: `const app = module.exports = new Koa()`, a router module mounted with `.routes()`, handlers in a controller', async () => {
    const service = makeService({
      'app.js': [
        "const Koa = require('koa');",
        'const app = module.exports = new Koa();',
        "app.use(require('./routes/users').routes());",
      ].join('\n'),
      'routes/users.js': [
        "const Router = require('@koa/router');",
        "const users = require('../controllers/users');",
        "const router = new Router({ prefix: '/users' });",
        "router.get('/:id', users.show);",
        "router.del('/:id', users.remove);",
        'module.exports = router;',
      ].join('\n'),
      'controllers/users.js': [
        "const fs = require('fs');",
        'module.exports = {',
        "  async show(ctx) { ctx.body = fs.readFileSync('user.json', 'utf8'); },",
        '  async remove(ctx) { ctx.status = 204; },',
        '};',
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'controllers/users.js',
        line: 3,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /users/:id, registered in routes/users.js:4'),
      },
    ]);
  });

  it('Koa: a module exporting `router.middleware()`, mounted on a sub-app; handlers are static methods of a class', async () => {
    const service = makeService({
      'app-api/app-api.js': [
        "import Koa from 'koa';",
        "import routesMembers from './routes-members.js';",
        'const app = new Koa();',
        'app.use(routesMembers);',
        'export default app;',
      ].join('\n'),
      'app-api/routes-members.js': [
        "import Router from 'koa-router';",
        "import members from './members.js';",
        "const router = new Router({ prefix: '/api' });",
        "router.get('/members/:id', members.getMemberById);",
        'export default router.middleware();',
      ].join('\n'),
      'app-api/members.js': [
        "import Member from '../models/member.js';",
        'class MembersHandlers {',
        '  static async getMemberById(ctx) {',
        '    ctx.response.body = await Member.get(ctx.params.id);',
        '  }',
        '}',
        'export default MembersHandlers;',
      ].join('\n'),
      'models/member.js': 'export default class Member {\n  static async get(id) {\n    return { id };\n  }\n}\n',
    });
    expect(await service.lint()).toEqual([
      {
        file: 'app-api/members.js',
        line: 4,
        rule: 'api-audit/no-business-logic-in-routes',
        message:
          '`Member.get` is called from GET /api/members/:id, registered in app-api/routes-members.js:4; move data access into a service.',
      },
      {
        file: 'app-api/members.js',
        line: 4,
        rule: 'api-audit/require-response-schema',
        message:
          'Route GET /api/members/:id, registered in app-api/routes-members.js:4 sends the raw result of `Member.get`; map it to a response shape (a DTO, a schema `parse`, or the fields clients may see).',
      },
    ]);
  });

  it('Hono: a sub-app imported and mounted with `app.route()`, its handlers imported from another module', async () => {
    const service = makeService({
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import users from './routes/users';",
        'const app = new Hono();',
        "app.route('/api/users', users);",
        'export default app;',
      ].join('\n'),
      'src/routes/users.ts': [
        "import { Hono } from 'hono';",
        "import { getUser, listUsers } from '../handlers/users';",
        'const users = new Hono();',
        "users.get('/', listUsers);",
        "users.get('/:id', getUser);",
        'export default users;',
      ].join('\n'),
      'src/handlers/users.ts': [
        "import type { Context } from 'hono';",
        "import { db } from '../db';",
        'export const listUsers = async (c: Context) => c.json(await db.user.findMany());',
        'export async function getUser(c: Context) {',
        "  return c.json({ id: c.req.param('id') });",
        '}',
      ].join('\n'),
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
    });
    const raw =
      'sends the raw result of `db.user.findMany`; map it to a response shape (a DTO, a schema `parse`, or the fields clients may see).';
    expect(await service.lint()).toEqual([
      {
        file: 'src/handlers/users.ts',
        line: 3,
        rule: 'api-audit/no-business-logic-in-routes',
        message:
          '`db.user.findMany` is called from GET /api/users, registered in src/routes/users.ts:4; move data access into a service.',
      },
      {
        file: 'src/handlers/users.ts',
        line: 3,
        rule: 'api-audit/require-pagination',
        message:
          'Route GET /api/users, registered in src/routes/users.ts:4 sends every row `db.user.findMany` returns; bound the query with `take` (and `skip` or a `cursor`) and let the client ask for the next page.',
      },
      {
        file: 'src/handlers/users.ts',
        line: 3,
        rule: 'api-audit/require-response-schema',
        message: `Route GET /api/users, registered in src/routes/users.ts:4 ${raw}`,
      },
    ]);
  });

  it('Hono: a chained `new Hono().route()` exported from one module and mounted in another', async () => {
    const service = makeService({
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import api from './api';",
        "export default new Hono().route('/api', api);",
      ].join('\n'),
      'src/api.ts': [
        "import { Hono } from 'hono';",
        "import { reports } from './reports';",
        "export default new Hono().basePath('/v1').route('/reports', reports);",
      ].join('\n'),
      'src/reports.ts': [
        "import { Hono } from 'hono';",
        "import { readFileSync } from 'node:fs';",
        "export const reports = new Hono().get('/latest', (c) => c.text(readFileSync('latest.txt', 'utf8')));",
      ].join('\n'),
    });
    expect((await service.lint()).map((item) => item.message)).toEqual([
      sync('readFileSync', 'GET /api/v1/reports/latest'),
    ]);
  });

  it('Fastify: a plain plugin function registered from another file with a prefix; start-up code in it stays silent', async () => {
    const service = makeService({
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import userRoutes from './routes/users.js';",
        'const app = Fastify();',
        "app.register(userRoutes, { prefix: '/users' });",
      ].join('\n'),
      'src/routes/users.ts': [
        "import { readFileSync } from 'node:fs';",
        "import * as handlers from '../handlers/users.js';",
        'export default async function (fastify, opts) {',
        "  const schema = JSON.parse(readFileSync('schema.json', 'utf8'));",
        "  fastify.get('/:id', { schema }, handlers.show);",
        '}',
      ].join('\n'),
      'src/handlers/users.ts': [
        "import { readFileSync } from 'node:fs';",
        'export async function show(request, reply) {',
        "  return readFileSync('user.json', 'utf8');",
        '}',
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'src/handlers/users.ts',
        line: 3,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /users/:id, registered in src/routes/users.ts:5'),
      },
    ]);
  });

  it('Fastify: a route without a response schema is reported only when its imported handler may send a body', async () => {
    const service = makeService({
      'src/routes/grades.ts': [
        "import type { FastifyInstance } from 'fastify';",
        "import { deleteGradeHandler, listGradesHandler } from '../controllers/grades.controller.js';",
        'export default async function (fastify: FastifyInstance) {',
        "  fastify.delete('/:id', { schema: { params: { type: 'object' } } }, deleteGradeHandler);",
        "  fastify.get('/', listGradesHandler);",
        '}',
      ].join('\n'),
      'src/controllers/grades.controller.ts': [
        "import type { FastifyReply, FastifyRequest } from 'fastify';",
        'export async function deleteGradeHandler(request: FastifyRequest, reply: FastifyReply) {',
        '  if (!request.headers.authorization) return reply.status(403).send();',
        '  return reply.status(204).send(null);',
        '}',
        'export const listGradesHandler = async (request: FastifyRequest, reply: FastifyReply) => {',
        '  return reply.send([{ id: 1, grade: 5 }]);',
        '};',
      ].join('\n'),
    });
    expect((await service.lint()).filter((item) => item.rule === 'api-audit/require-response-schema')).toEqual([
      {
        file: 'src/routes/grades.ts',
        line: 5,
        rule: 'api-audit/require-response-schema',
        message:
          'Route GET / declares no response schema; add `schema.response` so that only the declared fields are serialized.',
      },
    ]);
  });

  it('Next.js: `export const GET = withAuth(async (req) => …)` with the wrapper imported through an alias', async () => {
    const service = makeService({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
      'app/api/users/route.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { withAuth } from '@/lib/auth';",
        'export const GET = withAuth(async (req: Request) => {',
        "  return Response.json(JSON.parse(readFileSync('users.json', 'utf8')));",
        '});',
      ].join('\n'),
      'lib/auth.ts': [
        'export const withAuth =',
        '  (handler: (req: Request) => Promise<Response>) =>',
        '  async (req: Request): Promise<Response> =>',
        "    req.headers.get('authorization') ? handler(req) : new Response(null, { status: 401 });",
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'app/api/users/route.ts',
        line: 4,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /api/users'),
      },
    ]);
  });
});
