import { describe, expect, it } from 'vitest';

import { describeMiddleware, modelOf, routesOf } from './route-model-harness.js';

describe('express route model', () => {
  describe('import forms', () => {
    it('default import: express() and express.Router()', () => {
      expect(
        routesOf(`
import express from 'express';
const app = express();
const router = express.Router();
router.get('/users', (req, res) => res.json([]));
app.post('/login', (req, res) => res.end());
`),
      ).toEqual([
        { framework: 'express', methods: ['GET'], path: '/users', fullPath: '/users', handler: '5:21', middleware: [] },
        {
          framework: 'express',
          methods: ['POST'],
          path: '/login',
          fullPath: '/login',
          handler: '6:19',
          middleware: [],
        },
      ]);
    });

    it('an array of paths registers one route per path; an array with a non-static element stays one route', () => {
      expect(
        routesOf(`
import express from 'express';
const app = express();
app.get(['/issues', '/bugs'], (req, res) => res.redirect('/help'));
app.get(['/a', process.env.EXTRA], (req, res) => res.end());
`),
      ).toEqual([
        {
          framework: 'express',
          methods: ['GET'],
          path: '/issues',
          fullPath: '/issues',
          handler: '4:30',
          middleware: [],
        },
        { framework: 'express', methods: ['GET'], path: '/bugs', fullPath: '/bugs', handler: '4:30', middleware: [] },
        { framework: 'express', methods: ['GET'], path: null, fullPath: null, handler: '5:35', middleware: [] },
      ]);
    });

    it('a mount path held in a binding (`var mount = app.set(…) || "/"`) or read from `process.env` is a path, not middleware', () => {
      const model = modelOf(`
import express from 'express';
const app = express();
var mount = app.set('url prefix') || '/';
app.use(mount, (req, res, next) => next());
app.use(process.env.PREFIX, (req, res, next) => next());
`);
      // Both paths are known only at run time (`null`); neither is taken for a middleware.
      expect(describeMiddleware(model.apps[0]!.middleware)).toEqual(['middleware null@null', 'middleware null@null']);
    });

    it('named import of Router', () => {
      expect(
        routesOf(`
import { Router } from 'express';
const router = Router();
router.delete('/items/:id', async (req, res) => { res.sendStatus(204); });
`),
      ).toEqual([
        {
          framework: 'express',
          methods: ['DELETE'],
          path: '/items/:id',
          fullPath: '/items/:id',
          handler: '4:28',
          middleware: [],
        },
      ]);
    });

    it('aliased named import', () => {
      expect(
        routesOf(
          `import { Router as makeRouter } from 'express';\nconst r = makeRouter();\nr.put('/a', (req, res) => {});`,
        ),
      ).toEqual([
        { framework: 'express', methods: ['PUT'], path: '/a', fullPath: '/a', handler: '3:12', middleware: [] },
      ]);
    });

    it('namespace import', () => {
      expect(
        routesOf(
          `import * as express from 'express';\nconst app = express();\napp.patch('/a', (req, res) => {});\nexpress.Router().get('/b', (req, res) => {});`,
        ),
      ).toEqual([
        { framework: 'express', methods: ['PATCH'], path: '/a', fullPath: '/a', handler: '3:16', middleware: [] },
        { framework: 'express', methods: ['GET'], path: '/b', fullPath: '/b', handler: '4:27', middleware: [] },
      ]);
    });

    it('require and destructured require (CommonJS)', () => {
      const code = `
const express = require('express');
const { Router } = require('express');
const app = express();
const api = Router();
api.get('/a', function listA(req, res) {});
app.all('/b', (req, res) => {});
`;
      expect(routesOf(code, { sourceType: 'commonjs' })).toEqual([
        { framework: 'express', methods: ['GET'], path: '/a', fullPath: '/a', handler: '6:14', middleware: [] },
        { framework: 'express', methods: ['ALL'], path: '/b', fullPath: '/b', handler: '7:14', middleware: [] },
      ]);
    });

    it('require in a TypeScript module without CommonJS globals', () => {
      expect(
        routesOf(`const express = require('express');\nconst app = express();\napp.get('/a', (req, res) => {});`),
      ).toEqual([
        { framework: 'express', methods: ['GET'], path: '/a', fullPath: '/a', handler: '3:14', middleware: [] },
      ]);
    });

    it('a local binding that shadows the import is not express', () => {
      const code = `
import express from 'express';
function build(express: () => { get(p: string, h: unknown): void }) {
  const app = express();
  app.get('/not-a-route', () => {});
}
`;
      expect(routesOf(code)).toEqual([]);
    });

    it('an object named app that did not come from express is not an app', () => {
      expect(
        routesOf(
          `const app = makeThing();\napp.get('/x', () => {});\nconst router = { get(p, h) {} };\nrouter.get('/y', () => {});`,
        ),
      ).toEqual([]);
    });
  });

  describe('routes', () => {
    it('resolves handlers given by reference, through wrappers, objects and classes', () => {
      const code = `
import { Router } from 'express';
const router = Router();
function listUsers(req, res) {}
const getUser = async (req, res) => {};
const controller = { create(req, res) {}, remove: (req, res) => {} };
class OrdersController { list(req, res) {} }
const orders = new OrdersController();
router.get('/users', listUsers);
router.get('/users/:id', asyncHandler(getUser));
router.post('/users', controller.create);
router.delete('/users/:id', controller.remove);
router.get('/orders', orders.list.bind(orders));
router.get('/ext', importedHandler);
`;
      expect(routesOf(code).map((route) => [route.path, route.handler])).toEqual([
        ['/users', '4:0'],
        ['/users/:id', '5:16'],
        ['/users', '6:27'],
        ['/users/:id', '6:50'],
        ['/orders', '7:29'],
        ['/ext', null],
      ]);
    });

    it('collects route middleware before the handler, flattening arrays', () => {
      const code = `
import express from 'express';
const app = express();
app.post('/orders', authenticate, [validate(orderSchema), rateLimit({ max: 5 })], passport.authenticate('jwt'), (req, res) => {});
`;
      expect(routesOf(code)[0]!.middleware).toEqual(['authenticate', 'validate', 'rateLimit', 'passport.authenticate']);
    });

    it('reads route chains: app.route(path).get(h).post(h)', () => {
      const code = `
import express from 'express';
const app = express();
app.route('/books').get((req, res) => {}).post(auth, (req, res) => {});
`;
      expect(routesOf(code)).toEqual([
        { framework: 'express', methods: ['GET'], path: '/books', fullPath: '/books', handler: '4:24', middleware: [] },
        {
          framework: 'express',
          methods: ['POST'],
          path: '/books',
          fullPath: '/books',
          handler: '4:53',
          middleware: ['auth'],
        },
      ]);
    });

    it('follows chained registrations: router.get(...).post(...)', () => {
      expect(
        routesOf(
          `import { Router } from 'express';\nexport default Router().get('/a', (q, s) => {}).post('/b', (q, s) => {});`,
        ).map((r) => r.path),
      ).toEqual(['/a', '/b']);
    });

    it('ignores app settings reads and non-static paths keep a null path', () => {
      const code = `
import express from 'express';
const app = express();
const env = app.get('env');
app.get(\`/items/\${kind}\`, (req, res) => {});
const base = '/static';
app.get(base + '/x', (req, res) => {});
`;
      expect(routesOf(code).map((route) => [route.path, route.fullPath])).toEqual([
        [null, null],
        ['/static/x', '/static/x'],
      ]);
    });
  });

  describe('mounts and middleware', () => {
    it('joins prefixes of routers mounted in the same file, nested', () => {
      const code = `
import express, { Router } from 'express';
const app = express();
const v1 = Router();
const users = Router();
users.get('/:id', (req, res) => {});
users.get('/', (req, res) => {});
v1.use('/users', users);
app.use('/v1/', v1);
`;
      expect(routesOf(code).map((route) => route.fullPath)).toEqual(['/v1/users/:id', '/v1/users']);
    });

    it('a router mounted twice has no single full path', () => {
      const code = `
import express from 'express';
const app = express();
const r = express.Router();
r.get('/x', (req, res) => {});
app.use('/a', r);
app.use('/b', r);
`;
      expect(routesOf(code)[0]!.fullPath).toBeNull();
    });

    it('records app middleware, paths and 4-arity error handlers', () => {
      const code = `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(express.json());
app.use(cors({ origin: allowed }));
app.use('/admin', requireAdmin);
function errorHandler(err, req, res, next) { res.status(500).end(); }
app.use(errorHandler);
app.use((err, req, res, _next) => {});
`;
      const model = modelOf(code);
      expect(describeMiddleware(model.apps[0]!.middleware)).toEqual([
        'middleware express.json@',
        'middleware cors@',
        'middleware requireAdmin@/admin',
        'error-handler errorHandler@',
        'error-handler null@',
      ]);
      expect(model.apps[0]!.middleware[1]!.module).toBe('cors');
      expect(model.middlewareFunctions.size).toBe(2);
    });

    it('maps each handler to its routes', () => {
      const code = `
import express from 'express';
const app = express();
const h = (req, res) => {};
app.get('/a', h);
app.head('/a', h);
`;
      const model = modelOf(code);
      expect([...model.handlers.values()].map((routes) => routes.map((route) => route.methods[0]))).toEqual([
        ['GET', 'HEAD'],
      ]);
    });
  });

  describe('an app or router received as a typed parameter (registered in another file)', () => {
    it('`app: Express` serves its routes at their own paths; `router: Router` under a prefix the caller decides', () => {
      expect(
        routesOf(`
import type { Express, Router } from 'express';
export function configureApp(app: Express): void {
  app.get('/health', (req, res) => res.send('ok'));
}
export function userRoutes(router: Router) {
  router.post('/users', (req, res) => res.status(201).end());
}
`),
      ).toEqual([
        {
          framework: 'express',
          methods: ['GET'],
          path: '/health',
          fullPath: '/health',
          handler: '4:21',
          middleware: [],
        },
        { framework: 'express', methods: ['POST'], path: '/users', fullPath: null, handler: '7:24', middleware: [] },
      ]);
    });

    it('a namespace-qualified type, with the app as the second parameter', () => {
      expect(
        routesOf(`
import express from 'express';
export default (db: unknown, app: express.Application) => {
  app.delete('/items/:id', (req, res) => res.end());
};
`),
      ).toEqual([
        {
          framework: 'express',
          methods: ['DELETE'],
          path: '/items/:id',
          fullPath: '/items/:id',
          handler: '4:27',
          middleware: [],
        },
      ]);
    });

    it('is a router for the app-level checks: no root app is made of it', () => {
      const model = modelOf(`
import { Express } from 'express';
export function configureApp(app: Express) { app.get('/x', (req, res) => res.end()); }
`);
      expect(model.apps.map((app) => `${app.kind} ${app.name}`)).toEqual(['router configureApp']);
    });

    it('a local type of the same name, or an untyped parameter, is not an app', () => {
      expect(
        routesOf(`
interface Express { get(path: string, handler: unknown): void }
export function configureApp(app: Express, other) {
  app.get('/x', () => 1);
  other.get('/y', () => 2);
}
`),
      ).toEqual([]);
    });
  });
});
