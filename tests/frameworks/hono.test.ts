import { describe, expect, it } from 'vitest';

import { describeMiddleware, modelOf, routesOf } from './route-model-harness.js';

describe('hono route model', () => {
  it('named import: routes, middleware, sub-app mounts and basePath', () => {
    const code = `
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
const app = new Hono().basePath('/api');
const books = new Hono();
books.get('/', (c) => c.json([]));
books.post('/', zValidator('json', bookSchema), async (c) => c.json({}, 201));
app.route('/books', books);
app.get('/health', (c) => c.text('ok'));
`;
    expect(routesOf(code)).toEqual([
      { framework: 'hono', methods: ['GET'], path: '/', fullPath: '/api/books', handler: '6:15', middleware: [] },
      {
        framework: 'hono',
        methods: ['POST'],
        path: '/',
        fullPath: '/api/books',
        handler: '7:48',
        middleware: ['zValidator'],
      },
      {
        framework: 'hono',
        methods: ['GET'],
        path: '/health',
        fullPath: '/api/health',
        handler: '9:19',
        middleware: [],
      },
    ]);
  });

  it('aliased, namespace, hono/tiny and require forms; chained routes; app.on', () => {
    expect(
      routesOf(
        `import { Hono as H } from 'hono/tiny';\nconst a = new H();\na.get('/x', (c) => c.text('')).post('/y', (c) => c.text(''));`,
      ).map((r) => r.path),
    ).toEqual(['/x', '/y']);
    expect(
      routesOf(
        `import * as hono from 'hono';\nconst a = new hono.Hono();\na.on(['GET', 'POST'], '/form', (c) => c.text(''));`,
      ).map((r) => r.methods),
    ).toEqual([['GET', 'POST']]);
    expect(
      routesOf(
        `const { Hono } = require('hono');\nconst a = new Hono();\na.delete('/x/:id', (c) => c.body(null, 204));`,
        { sourceType: 'commonjs' },
      ).map((r) => r.path),
    ).toEqual(['/x/:id']);
  });

  it('a local class named Hono is not hono', () => {
    expect(
      routesOf(`class Hono { get(p: string, h: unknown) {} }\nconst app = new Hono();\napp.get('/x', () => 1);`),
    ).toEqual([]);
  });

  it('reads OpenAPIHono routes from createRoute configs', () => {
    const code = `
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
const app = new OpenAPIHono();
const getUser = createRoute({
  method: 'get',
  path: '/users/{id}',
  request: { params: ParamsSchema },
  responses: { 200: { content: { 'application/json': { schema: UserSchema } }, description: 'The user' } },
});
app.openapi(getUser, (c) => c.json({}));
app.openapi(createRoute({ method: 'post', path: '/users', middleware: [auth], responses: {} }), async (c) => c.json({}, 201));
`;
    const model = modelOf(code);
    expect(
      model.routes.map((route) => [
        route.methods,
        route.path,
        route.handler?.loc.start.line,
        route.schema?.type,
        route.middleware.map((m) => m.name),
      ]),
    ).toEqual([
      [['GET'], '/users/{id}', 10, 'ObjectExpression', []],
      [['POST'], '/users', 11, 'ObjectExpression', ['auth']],
    ]);
  });

  it('keeps a sub-app from another module as a plugin entry for the project checker', () => {
    const code = `
import { Hono } from 'hono';
import { users } from './users.js';
const app = new Hono();
app.route('/users', users);
`;
    expect(describeMiddleware(modelOf(code).apps[0]!.middleware)).toEqual(['plugin users@/users']);
  });

  it('records use() middleware with paths and onError handlers', () => {
    const code = `
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
const app = new Hono();
app.use(secureHeaders());
app.use('/admin/*', basicAuth({ username, password }));
app.onError((err, c) => c.json({ message: 'Internal Server Error' }, 500));
`;
    expect(describeMiddleware(modelOf(code).apps[0]!.middleware)).toEqual([
      'middleware secureHeaders@',
      'middleware basicAuth@/admin/*',
      'error-handler null@',
    ]);
  });

  it('an app received as a typed parameter registers routes under a prefix the caller decides', () => {
    expect(
      routesOf(`
import type { Hono } from 'hono';
export function registerUsers(app: Hono) {
  app.get('/users/:id', (c) => c.json({}));
}
`),
    ).toEqual([
      { framework: 'hono', methods: ['GET'], path: '/users/:id', fullPath: null, handler: '4:24', middleware: [] },
    ]);
  });
});
