import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { blockingMessage, useServices } from './service.js';

const makeService = useServices();

const sync = blockingMessage;

describe('Express: handlers, apps and routers across files', () => {
  it('follows an untyped `module.exports = (app) => …` called from the app file to handlers in other modules', async () => {
    const service = makeService({
      'src/app.js': [
        "const express = require('express');",
        'const app = express();',
        "require('./routes')(app, { name: 'db' });",
        "app.use('/api/users', require('./routes/users'));",
        'module.exports = app;',
      ].join('\n'),
      'src/routes/index.js': [
        "const fs = require('fs');",
        "const home = require('../controllers/home');",
        'module.exports = function (app, db) {',
        "  const banner = fs.readFileSync('banner.txt', 'utf8');", // start-up code: silent
        "  app.get('/', home.index);",
        "  app.post('/login', home.login(db));",
        '};',
      ].join('\n'),
      'src/routes/users.js': [
        "const { Router } = require('express');",
        "const { show } = require('../controllers/users');",
        'const router = Router();',
        "router.get('/:id', show);",
        'module.exports = router;',
      ].join('\n'),
      'src/controllers/home.js': [
        "const fs = require('fs');",
        "exports.index = function (req, res) { res.send(fs.readFileSync('home.html')); };",
        "exports.login = (db) => (req, res) => { res.send(fs.readFileSync('login.html')); };",
        "exports.unused = function (req, res) { res.send(fs.readFileSync('x')); };",
      ].join('\n'),
      'src/controllers/users.js': [
        "const fs = require('fs');",
        "module.exports = { show(req, res) { res.json(JSON.parse(fs.readFileSync('u.json', 'utf8'))); } };",
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'src/controllers/home.js',
        line: 2,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /, registered in src/routes/index.js:5'),
      },
      {
        file: 'src/controllers/home.js',
        line: 3,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'POST /login, registered in src/routes/index.js:6'),
      },
      {
        file: 'src/controllers/users.js',
        line: 2,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /api/users/:id, registered in src/routes/users.js:4'),
      },
    ]);
  });

  it('reads typed apps, tsconfig aliases, `.js` specifiers, package imports, controllers as classes, objects and wrappers', async () => {
    const service = makeService({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'nodenext', strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } },
      }),
      'package.json': JSON.stringify({ name: 'service', type: 'module', imports: { '#db': './src/db/index.ts' } }),
      'src/server.ts': [
        "import express from 'express';",
        "import { configureRoutes } from '@/routes.js';",
        'const app = express();',
        'configureRoutes(app);',
        'app.listen(3000);',
      ].join('\n'),
      'src/routes.ts': [
        "import type { Express } from 'express';",
        "import asyncHandler from 'express-async-handler';",
        "import * as documents from '@/controllers/documents.js';",
        "import { UserController } from './controllers/users.js';",
        "import handlers from './controllers/reports.js';",
        "import { catchAsync } from './lib/catch-async.js';",
        'const users = new UserController();',
        'export function configureRoutes(app: Express): void {',
        "  app.get('/documents', asyncHandler(documents.list));",
        "  app.get('/users/:id', users.show.bind(users));",
        "  app.get('/reports', catchAsync(handlers.list));",
        '}',
      ].join('\n'),
      'src/lib/catch-async.ts': [
        "import type { RequestHandler } from 'express';",
        'export const catchAsync = (fn: RequestHandler): RequestHandler => (req, res, next) =>',
        '  Promise.resolve(fn(req, res, next)).catch(next);',
      ].join('\n'),
      'src/db/index.ts': [
        "import { Sequelize, Model } from 'sequelize';",
        "export const sequelize = new Sequelize('sqlite::memory:');",
        'export class Document extends Model {}',
      ].join('\n'),
      'src/controllers/documents.ts': [
        "import { Document } from '#db';",
        'export async function list(req: unknown, res: { json(body: unknown): void }) {',
        '  res.json(await Document.findAll());',
        '}',
      ].join('\n'),
      'src/controllers/users.ts': [
        "import { readFileSync } from 'node:fs';",
        'export class UserController {',
        '  show(req: unknown, res: { send(body: unknown): void }) {',
        "    res.send(readFileSync('user.json'));",
        '  }',
        '}',
      ].join('\n'),
      'src/controllers/reports.ts': [
        "import { execSync } from 'node:child_process';",
        'export default {',
        '  list(req: unknown, res: { send(body: unknown): void }) {',
        "    res.send(execSync('report'));",
        '  },',
        '};',
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'src/controllers/documents.ts',
        line: 3,
        rule: 'api-audit/no-business-logic-in-routes',
        message:
          '`Document.findAll` is called from GET /documents, registered in src/routes.ts:9; move data access into a service.',
      },
      {
        file: 'src/controllers/documents.ts',
        line: 3,
        rule: 'api-audit/require-pagination',
        message:
          'Route GET /documents, registered in src/routes.ts:9 sends every row `Document.findAll` returns; bound the query with `limit` (and `offset`) and let the client ask for the next page.',
      },
      {
        file: 'src/controllers/documents.ts',
        line: 3,
        rule: 'api-audit/require-response-schema',
        message:
          'Route GET /documents, registered in src/routes.ts:9 sends the raw result of `Document.findAll`; map it to a response shape (a DTO, a schema `parse`, or the fields clients may see).',
      },
      {
        file: 'src/controllers/reports.ts',
        line: 4,
        rule: 'api-audit/no-sync-in-handler',
        message: sync(
          'execSync',
          'GET /reports, registered in src/routes.ts:11',
          '`execFile` or `spawn` wrapped in a promise (`util.promisify(execFile)`)',
        ),
      },
      {
        file: 'src/controllers/users.ts',
        line: 4,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /users/:id, registered in src/routes.ts:10'),
      },
    ]);
  });

  it('reads `routes.forEach((route) => router.use(route.path, route.route))` over a const array of routers', async () => {
    const service = makeService({
      'src/app.js': [
        "const express = require('express');",
        "const routes = require('./routes/v1');",
        'const app = express();',
        "app.use('/v1', routes);",
      ].join('\n'),
      'src/routes/v1/index.js': [
        "const express = require('express');",
        "const authRoute = require('./auth.route');",
        'const router = express.Router();',
        "const defaultRoutes = [{ path: '/auth', route: authRoute }];",
        'defaultRoutes.forEach((route) => {',
        '  router.use(route.path, route.route);',
        '});',
        'module.exports = router;',
      ].join('\n'),
      'src/routes/v1/auth.route.js': [
        "const express = require('express');",
        "const authController = require('../../controllers/auth.controller');",
        'const router = express.Router();',
        "router.post('/login', authController.login);",
        'module.exports = router;',
      ].join('\n'),
      'src/controllers/auth.controller.js': [
        "const bcrypt = require('bcrypt');",
        'const catchAsync = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);',
        'const login = catchAsync(async (req, res) => {',
        '  res.send({ ok: bcrypt.compareSync(req.body.password, req.user.hash) });',
        '});',
        'module.exports = { login };',
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'src/controllers/auth.controller.js',
        line: 4,
        rule: 'api-audit/no-sync-in-handler',
        message: sync(
          'compareSync',
          'POST /v1/auth/login, registered in src/routes/v1/auth.route.js:4',
          'the promise-returning `compare`',
        ),
      },
    ]);
  });

  it('reports in middleware defined in another module, naming where it is registered', async () => {
    const service = makeService({
      'app.js': [
        "import express from 'express';",
        "import { requireAuth, audit } from './middleware/auth.js';",
        'const app = express();',
        'app.use(requireAuth);',
        "app.get('/me', audit(), (req, res) => res.json(req.user));",
        'export default app;',
      ].join('\n'),
      'middleware/auth.js': [
        "import { readFileSync } from 'node:fs';",
        'export function requireAuth(req, res, next) {',
        "  const keys = readFileSync('keys.json');",
        '  next();',
        '}',
        'export const audit = () => (req, res, next) => {',
        "  readFileSync('audit.log');",
        '  next();',
        '};',
        'export function neverRegistered(req, res, next) {',
        "  readFileSync('x');",
        '}',
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([
      {
        file: 'middleware/auth.js',
        line: 3,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'requests through the middleware `requireAuth`, registered in app.js:4'),
      },
      {
        file: 'middleware/auth.js',
        line: 7,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'requests through the middleware `audit`, registered in app.js:5'),
      },
    ]);
  });

  it('sees a change to the router when one ESLint instance lints the controller again', async () => {
    const service = makeService({
      'routes.js': [
        "import { Router } from 'express';",
        "import { list } from './controller.js';",
        'export const router = Router();',
        "router.get('/a', list);",
      ].join('\n'),
      'controller.js': [
        "import { readFileSync } from 'node:fs';",
        "export function list(req, res) { res.send(readFileSync('a')); }",
        "export function other(req, res) { res.send(readFileSync('b')); }",
      ].join('\n'),
    });
    const first = await service.lint('controller.js');
    expect(first.map((item) => item.message)).toEqual([
      sync('readFileSync', 'GET {prefix}/a, registered in routes.js:4'),
    ]);
    service.write({
      'routes.js': [
        "import { Router } from 'express';",
        "import { other } from './controller.js';",
        'export const router = Router();',
        '',
        "router.post('/b-route', other);",
      ].join('\n'),
    });
    const second = await service.lint('controller.js');
    expect(second.map((item) => [item.line, item.message])).toEqual([
      [3, sync('readFileSync', 'POST {prefix}/b-route, registered in routes.js:5')],
    ]);
    service.write({ 'routes.js': "import { Router } from 'express';\nexport const router = Router();\n" });
    expect(await service.lint('controller.js')).toEqual([]);
  });

  it('links a monorepo: routes in one workspace package, handlers in another linked into node_modules, each with its own tsconfig paths', async () => {
    const service = makeService({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/api/package.json': JSON.stringify({
        name: 'api',
        dependencies: { '@repo/handlers': 'workspace:*', express: '^5.0.0' },
      }),
      'apps/api/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'apps/api/src/app.ts': [
        "import express from 'express';",
        "import { usersRouter } from '@/routes/users';",
        'const app = express();',
        "app.use('/users', usersRouter);",
      ].join('\n'),
      'apps/api/src/routes/users.ts': [
        "import { Router } from 'express';",
        "import { listUsers } from '@repo/handlers';",
        'export const usersRouter = Router();',
        "usersRouter.get('/', listUsers);",
      ].join('\n'),
      'packages/handlers/package.json': JSON.stringify({ name: '@repo/handlers', main: 'src/index.ts' }),
      'packages/handlers/src/index.ts': [
        "import { readFileSync } from 'node:fs';",
        'export function listUsers(req: unknown, res: { send(body: string): void }) {',
        "  res.send(readFileSync('users.json', 'utf8'));",
        '}',
      ].join('\n'),
    });
    mkdirSync(join(service.root, 'node_modules/@repo'), { recursive: true });
    symlinkSync(join(service.root, 'packages/handlers'), join(service.root, 'node_modules/@repo/handlers'), 'dir');
    expect(await service.lint('packages/handlers/src/index.ts')).toEqual([
      {
        file: 'packages/handlers/src/index.ts',
        line: 3,
        rule: 'api-audit/no-sync-in-handler',
        message: sync('readFileSync', 'GET /users, registered in apps/api/src/routes/users.ts:4'),
      },
    ]);
  });

  it('with projectIndex: false, each file stands alone', async () => {
    const service = makeService(
      {
        'routes.js':
          "import { Router } from 'express';\nimport { list } from './controller.js';\nexport const router = Router().get('/a', list);\n",
        'controller.js':
          "import { readFileSync } from 'node:fs';\nexport function list(req, res) { res.send(readFileSync('a')); }\n",
      },
      { projectIndex: false },
    );
    expect(await service.lint()).toEqual([]);
  });

  it('stays silent on exported request-shaped functions that nothing registers, and on start-up code', async () => {
    const service = makeService({
      'app.js': [
        "const express = require('express');",
        "const setup = require('./setup');",
        'const app = express();',
        'setup(app);',
      ].join('\n'),
      'setup.js': [
        "const fs = require('fs');",
        "const { helper } = require('./helpers');",
        'module.exports = (app) => {',
        "  const cert = fs.readFileSync('cert.pem');",
        "  app.set('cert', cert);",
        '};',
      ].join('\n'),
      'helpers.js': [
        "const fs = require('fs');",
        "exports.helper = (req, res) => res.send(fs.readFileSync('x'));",
      ].join('\n'),
    });
    expect(await service.lint()).toEqual([]);
  });
});
