import { describe, expect, it } from 'vitest';

import { describeMiddleware, modelOf, routesOf } from './route-model-harness.js';

describe('koa route model', () => {
  it('@koa/router default import with prefix, named routes and nesting', () => {
    const code = `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router({ prefix: '/api' });
const users = new Router();
users.get('user', '/:id', async (ctx) => { ctx.body = {}; });
users.post('/', auth, async (ctx) => { ctx.status = 201; });
router.use('/users', users.routes(), users.allowedMethods());
router.get('/health', (ctx) => { ctx.body = 'ok'; });
app.use(router.routes()).use(router.allowedMethods());
`;
    expect(routesOf(code)).toEqual([
      { framework: 'koa', methods: ['GET'], path: '/:id', fullPath: '/api/users/:id', handler: '7:26', middleware: [] },
      { framework: 'koa', methods: ['POST'], path: '/', fullPath: '/api/users', handler: '8:22', middleware: ['auth'] },
      {
        framework: 'koa',
        methods: ['GET'],
        path: '/health',
        fullPath: '/api/health',
        handler: '10:22',
        middleware: [],
      },
    ]);
  });

  it('koa-router require, named Router export, router.prefix() and del', () => {
    expect(
      routesOf(
        `const Router = require('koa-router');\nconst r = new Router();\nr.prefix('/v1');\nr.del('/x/:id', async (ctx) => {});`,
        { sourceType: 'commonjs' },
      ),
    ).toEqual([
      { framework: 'koa', methods: ['DELETE'], path: '/x/:id', fullPath: '/v1/x/:id', handler: '4:16', middleware: [] },
    ]);
    expect(
      routesOf(
        `import { Router as KoaRouter } from '@koa/router';\nconst r = new KoaRouter();\nr.put('/y', async (ctx) => {});`,
      ).map((route) => route.path),
    ).toEqual(['/y']);
  });

  it('app middleware: try/catch around next() is the error handler; app.on("error") too', () => {
    const code = `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = 500;
    ctx.body = { message: 'Internal error' };
  }
});
app.use(async (ctx, next) => { const start = Date.now(); await next(); ctx.set('X-Response-Time', String(Date.now() - start)); });
app.on('error', (err) => logger.error(err));
`;
    const model = modelOf(code);
    expect(describeMiddleware(model.apps[0]!.middleware)).toEqual([
      'error-handler null@',
      'middleware null@',
      'error-handler null@',
    ]);
    expect(model.middlewareFunctions.size).toBe(3);
  });

  it('namespace import of koa and destructured require of @koa/router', () => {
    const code = `
const { Router } = require('@koa/router');
const r = new Router({ prefix: '/v2' });
r.patch('/z', async (ctx) => {});
`;
    expect(routesOf(code, { sourceType: 'commonjs' }).map((route) => route.fullPath)).toEqual(['/v2/z']);
    expect(
      modelOf(
        `import * as Koa from 'koa';\nconst app = new Koa.default();\napp.use(async (ctx) => { ctx.body = 'hi'; });`,
      ).apps.map((app) => app.kind),
    ).toEqual(['app']);
  });

  it('a local Router class is not koa', () => {
    expect(
      routesOf(`class Router { get(p: string, h: unknown) {} }\nconst r = new Router();\nr.get('/x', () => 1);`),
    ).toEqual([]);
  });

  it('a router received as a typed parameter (a default import of @koa/router names the type)', () => {
    expect(
      routesOf(`
import Router from '@koa/router';
export function registerBooks(router: Router) {
  router.get('/books', async (ctx) => { ctx.body = []; });
}
`),
    ).toEqual([
      { framework: 'koa', methods: ['GET'], path: '/books', fullPath: null, handler: '4:23', middleware: [] },
    ]);
  });
});
