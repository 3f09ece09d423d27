import { describe, expect, it } from 'vitest';

import { describeMiddleware, modelOf, routesOf } from './route-model-harness.js';

describe('fastify route model', () => {
  describe('import forms', () => {
    it('default import, shorthand routes with and without options', () => {
      const code = `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/health', async () => ({ ok: true }));
app.post('/notes', { schema: { body: noteBody, response: { 201: note } } }, async (request, reply) => {});
app.put('/notes/:id', { schema: { params }, handler: async (request) => {} });
`;
      const model = modelOf(code);
      expect(
        model.routes.map((route) => [route.methods, route.path, route.handler?.loc.start.line, route.schema?.type]),
      ).toEqual([
        [['GET'], '/health', 4, undefined],
        [['POST'], '/notes', 5, 'ObjectExpression'],
        [['PUT'], '/notes/:id', 6, 'ObjectExpression'],
      ]);
      expect(model.routes[1]!.options?.type).toBe('ObjectExpression');
    });

    it('named import { fastify } and require(...)()', () => {
      expect(
        routesOf(
          `import { fastify } from 'fastify';\nconst server = fastify();\nserver.delete('/a/:id', async () => {});`,
        ),
      ).toEqual([
        {
          framework: 'fastify',
          methods: ['DELETE'],
          path: '/a/:id',
          fullPath: '/a/:id',
          handler: '3:24',
          middleware: [],
        },
      ]);
      expect(
        routesOf(`const app = require('fastify')({ logger: true });\napp.get('/b', (req, reply) => {});`, {
          sourceType: 'commonjs',
        }),
      ).toEqual([
        { framework: 'fastify', methods: ['GET'], path: '/b', fullPath: '/b', handler: '2:14', middleware: [] },
      ]);
    });

    it('namespace import and destructured require', () => {
      expect(
        routesOf(`import * as F from 'fastify';\nconst app = F.fastify();\napp.get('/a', async () => 1);`).map(
          (r) => r.path,
        ),
      ).toEqual(['/a']);
      expect(
        routesOf(`const { fastify: make } = require('fastify');\nmake().get('/b', async () => 1);`, {
          sourceType: 'commonjs',
        }).map((r) => r.path),
      ).toEqual(['/b']);
    });

    it('a shadowing local fastify is not tracked', () => {
      expect(
        routesOf(
          `import fastify from 'fastify';\nexport function f(fastify) { const app = fastify(); app.get('/x', () => 1); }`,
        ),
      ).toEqual([]);
    });
  });

  describe('route declarations', () => {
    it('reads app.route({ method, url, schema, handler, preHandler })', () => {
      const code = `
import fastify from 'fastify';
const app = fastify();
const schema = { response: { 200: userSchema } };
app.route({ method: ['GET', 'HEAD'], url: '/users/:id', schema, preHandler: [app.authenticate, checkRole], handler: getUser });
async function getUser(request, reply) {}
`;
      const model = modelOf(code);
      const route = model.routes[0]!;
      expect([route.methods, route.path, route.handler?.loc.start.line, route.schema?.type]).toEqual([
        ['GET', 'HEAD'],
        '/users/:id',
        6,
        'ObjectExpression',
      ]);
      expect(describeMiddleware(route.middleware)).toEqual([
        'hook app.authenticate@/users/:id',
        'hook checkRole@/users/:id',
      ]);
      expect(route.middleware.map((item) => item.hook)).toEqual(['preHandler', 'preHandler']);
    });

    it('resolves route options kept in a same-file variable', () => {
      const code = `
import fastify from 'fastify';
const app = fastify();
const opts = { schema: { response: { 200: s } }, onRequest: verify };
app.get('/a', opts, async () => 1);
`;
      const route = modelOf(code).routes[0]!;
      expect([route.schema?.type, route.middleware.map((item) => item.name)]).toEqual(['ObjectExpression', ['verify']]);
    });
  });

  describe('plugins, prefixes and hooks', () => {
    it('a plugin registered with a prefix gets the prefix in its full paths', () => {
      const code = `
import Fastify from 'fastify';
const app = Fastify();
async function userRoutes(instance, opts) {
  instance.get('/', async () => []);
  instance.get('/:id', async () => ({}));
}
app.register(userRoutes, { prefix: '/v1/users' });
app.register(async (child) => { child.post('/login', async () => ({})); }, { prefix: '/auth' });
`;
      expect(routesOf(code).map((route) => [route.path, route.fullPath])).toEqual([
        ['/', '/v1/users'],
        ['/:id', '/v1/users/:id'],
        ['/login', '/auth/login'],
      ]);
    });

    it('recognises plugins by their FastifyPluginAsync / FastifyInstance types and fastify-plugin', () => {
      const code = `
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
const notes: FastifyPluginAsync = async (fastify) => {
  fastify.get('/notes', async () => []);
};
export default notes;
export async function tags(app: FastifyInstance) {
  app.withTypeProvider().get('/tags', async () => []);
}
export const auth = fp(async (server) => { server.post('/token', async () => ({})); });
`;
      expect(routesOf(code).map((route) => [route.path, route.fullPath])).toEqual([
        ['/notes', '/notes'],
        ['/tags', '/tags'],
        ['/token', '/token'],
      ]);
    });

    it('a function with a local FastifyInstance type is not a plugin', () => {
      expect(
        routesOf(
          `interface FastifyInstance { get(p: string, h: unknown): void }\nexport function f(app: FastifyInstance) { app.get('/x', () => 1); }`,
        ),
      ).toEqual([]);
    });

    it('records hooks, error handlers and plugins from other modules', () => {
      const code = `
import fastify from 'fastify';
import helmet from '@fastify/helmet';
const app = fastify();
app.register(helmet);
app.register(import('@fastify/rate-limit'), { max: 100 });
app.addHook('onRequest', async (request) => { await request.jwtVerify(); });
app.setErrorHandler((error, request, reply) => { reply.status(500).send({ message: 'Internal error' }); });
`;
      const model = modelOf(code);
      expect(describeMiddleware(model.apps[0]!.middleware)).toEqual([
        'plugin helmet@',
        'plugin @fastify/rate-limit@',
        'hook null@',
        'error-handler null@',
      ]);
      expect(model.apps[0]!.middleware.map((item) => item.module)).toEqual([
        '@fastify/helmet',
        '@fastify/rate-limit',
        undefined,
        undefined,
      ]);
      expect(model.apps[0]!.middleware[2]!.hook).toBe('onRequest');
    });
  });
});
