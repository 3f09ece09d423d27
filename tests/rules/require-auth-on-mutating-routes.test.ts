import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-auth-on-mutating-routes.js';
import { AUTH_PACKAGES, mayShowAuthentication } from '../../src/shared/auth.js';

const ruleTester = new RuleTester();

/**
 * Small services on disk, for the cases that need the project index (a router mounted in another file,
 * a Nest app whose global guard is in its module) or the file system (a Next.js `middleware.ts`). Each
 * linted file is written with the code it is linted with.
 */
const root = mkdtempSync(join(tmpdir(), 'api-audit-auth-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NEST_GLOBAL_MODULE = `import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { ProjectsController } from './projects.controller';
@Module({ controllers: [ProjectsController], providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })
export class AppModule {}
`;
const NEST_GLOBAL_CONTROLLER = `import { Controller, Delete, Param, Post, UseGuards } from '@nestjs/common';
import { RolesGuard } from './auth/roles.guard';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
@Controller('projects')
export class ProjectsController {
  @Post()
  @UseGuards(JwtAuthGuard)
  create() {}
  @Post(':id/archive')
  @UseGuards(JwtAuthGuard)
  archive(@Param('id') id: string) {}
  @Delete(':id')
  remove(@Param('id') id: string) {}
}
`;
const NEXT_MIDDLEWARE = `export { default } from 'next-auth/middleware';
export const config = { matcher: ['/api/projects/:path*'] };
`;
const NEXT_PROJECT_ROUTE = `import { getServerSession } from 'next-auth';
import { db } from '@/lib/db';
export async function GET() {
  const session = await getServerSession();
  if (!session) return new Response(null, { status: 401 });
  return Response.json(await db.project.findMany());
}
export async function POST(request: Request) {
  const project = await db.project.create({ data: await request.json() });
  return Response.json(project, { status: 201 });
}
`;

const PRODUCTS_ROUTER = `import express from 'express';
import { protect, admin } from '../middleware/authMiddleware.js';
import checkObjectId from '../middleware/checkObjectId.js';
const validate = require('../middleware/validate');
const router = express.Router();
const create = (req, res) => res.status(201).json({});
const review = (req, res) => res.status(201).json({});
const update = (req, res) => res.json({});
const remove = (req, res) => res.status(204).end();
router.route('/').post(protect, admin, validate('product'), create);
router.route('/:id/reviews').post(protect, checkObjectId, review);
router.route('/:id').put(protect, admin, checkObjectId, update).delete(checkObjectId, remove);
export default router;
`;
const AUTH_MIDDLEWARE = `import jwt from 'jsonwebtoken';
export const protect = (req, res, next) => {
  try {
    req.user = jwt.verify(req.cookies.jwt, process.env.JWT_SECRET);
    next();
  } catch {
    res.status(401);
    throw new Error('Not authorized');
  }
};
export const admin = (req, res, next) => (req.user?.isAdmin ? next() : res.status(403).end());
`;
const CHECK_OBJECT_ID = `import { isValidObjectId } from 'mongoose';
function checkObjectId(req, res, next) {
  if (!isValidObjectId(req.params.id)) {
    res.status(404);
    throw new Error(\`Invalid ObjectId: \${req.params.id}\`);
  }
  next();
}
export default checkObjectId;
`;
const VALIDATE_MIDDLEWARE = `const httpStatus = require('http-status');
const schemas = require('../validations');
const validate = (name) => (req, res, next) => {
  const { error } = schemas[name].validate(req.body);
  if (error) return next(Object.assign(new Error(error.message), { status: httpStatus.BAD_REQUEST }));
  return next();
};
module.exports = validate;
`;
const GATED_ROUTER = `import express from 'express';
import { protect } from '../middleware/authMiddleware.js';
import gate from '../middleware/gate.js';
const router = express.Router();
router.post('/', protect, (req, res) => res.status(201).json({}));
router.put('/:id', protect, (req, res) => res.json({}));
router.delete('/:id', gate, (req, res) => res.status(204).end());
export default router;
`;

const ACCOUNT_APP = `
import express from 'express';
import { flash } from './middleware/flash.js';
const app = express();
app.use(flash);
const isAuthenticated = (req, res, next) => (req.isAuthenticated() ? next() : res.redirect('/login'));
const done = (req, res) => res.redirect('/account');
app.post('/account/profile', isAuthenticated, done);
app.post('/account/password', isAuthenticated, done);
app.post('/account/delete', done);
app.post('/api/stripe', done);
app.post('/api/upload', done);
app.post('/api/twilio', done);
`;
const POSTS_ROUTER = `
import { Router } from 'express';
import { requireAuth } from '../middleware/auth';
export const posts = Router();
posts.post('/', requireAuth, (req, res) => res.status(201).json({ author: req.user.id }));
posts.put('/:id', requireAuth, (req, res) => res.json({ author: req.user.id }));
posts.delete('/:id', (req, res) => res.json({ removedBy: req.user.id }));
`;
const USERS_ROUTER = `import express from 'express';
import { protect, admin } from '../middleware/authMiddleware.js';
import { authUser, registerUser, logoutUser, getUsers, updateUserProfile, deleteUser, updateUser } from '../controllers/users.js';
const router = express.Router();
router.route('/').post(registerUser).get(protect, admin, getUsers);
router.post('/auth', authUser);
router.post('/logout', logoutUser);
router.route('/profile').put(protect, updateUserProfile);
router.route('/:id').delete(protect, admin, deleteUser).put(updateUser);
export default router;
`;
const VALIDATED_POSTS = `const express = require('express');
const { check, validationResult } = require('express-validator');
const auth = require('../middleware/auth');
const router = express.Router();
router.post('/', auth, check('text').notEmpty(), (req, res) => res.status(201).json({}));
router.put('/like/:id', auth, (req, res) => res.json({}));
router.post('/comment/:id', check('text').notEmpty(), (req, res) => res.status(201).json(validationResult(req)));
module.exports = router;
`;
const TENANTS_PLUGIN = `import type { FastifyInstance } from 'fastify';
import { decrypt } from '../auth/crypto';
import { registerApiKeyAuth } from '../plugins/apikey';
export default async function routes(fastify: FastifyInstance) {
  registerApiKeyAuth(fastify);
  fastify.post('/tenants/:id', async (request) => ({ secret: decrypt(String(request.body)) }));
  fastify.delete('/tenants/:id', async () => ({ ok: true }));
}
`;
const ORDERS_ROUTER = `import { Router } from 'express';
import { requireAuth } from '../middleware/require-auth';
export const orders = Router();
orders.get('/mine', requireAuth, (req, res) => res.json([]));
orders.post('/', (req, res) => res.status(201).json({ id: 1 }));
`;
const APP_AUTH_BEFORE_MOUNT = `import express from 'express';
import passport from 'passport';
import { orders } from './routes/orders';
const app = express();
app.use(express.json());
app.use('/api', passport.authenticate('jwt', { session: false }));
app.use('/api/orders', orders);
app.listen(3000);
`;
const APP_NO_AUTH_BEFORE_MOUNT = `import express from 'express';
import { orders } from './routes/orders';
const app = express();
app.use(express.json());
app.use('/api/orders', orders);
app.listen(3000);
`;

const files: Record<string, string> = {
  'express-auth/package.json': '{ "name": "shop", "private": true }',
  'express-auth/src/app.ts': APP_AUTH_BEFORE_MOUNT,
  'express-auth/src/routes/orders.ts': ORDERS_ROUTER,
  'express-open/package.json': '{ "name": "shop", "private": true }',
  'express-open/src/app.ts': APP_NO_AUTH_BEFORE_MOUNT,
  'express-open/src/routes/orders.ts': ORDERS_ROUTER,
  'nest/package.json': '{ "name": "nest-service", "private": true }',
  'nest/src/app.module.ts': NEST_GLOBAL_MODULE,
  'nest/src/projects.controller.ts': NEST_GLOBAL_CONTROLLER,
  'express-ids/package.json': '{ "name": "express-ids", "private": true, "type": "module" }',
  'express-ids/src/middleware/authMiddleware.js': AUTH_MIDDLEWARE,
  'express-ids/src/middleware/checkObjectId.js': CHECK_OBJECT_ID,
  'express-ids/src/middleware/validate.js': VALIDATE_MIDDLEWARE,
  'express-ids/src/routes/products.js': PRODUCTS_ROUTER,
  'express-ids/src/routes/gated.js': GATED_ROUTER,
  'fastify-admin/package.json': '{ "name": "fastify-admin", "private": true }',
  'fastify-admin/src/app.ts': `import fastify from 'fastify';
import tenants from './routes/tenants';
const app = fastify();
app.register(tenants, { prefix: '/admin' });
app.listen({ port: 5000 });
`,
  'fastify-admin/src/plugins/apikey.ts': `import type { FastifyInstance } from 'fastify';
export function registerApiKeyAuth(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.headers.apikey !== process.env.ADMIN_API_KEY) return reply.status(401).send();
  });
}
`,
  'fastify-admin/src/routes/tenants.ts': TENANTS_PLUGIN,
  'next/package.json': '{ "name": "next-app", "private": true }',
  'next/middleware.ts': NEXT_MIDDLEWARE,
  'next/app/api/projects/route.ts': NEXT_PROJECT_ROUTE,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

ruleTester.run('require-auth-on-mutating-routes', rule, {
  valid: [
    // Express: passport authenticates every route of the router, registered before them.
    `
import express from 'express';
import passport from 'passport';
const app = express();
const api = express.Router();
api.use(passport.authenticate('jwt', { session: false }));
api.post('/orders', (req, res) => res.status(201).json({ id: 1 }));
api.delete('/orders/:id', (req, res) => res.sendStatus(204));
app.use(express.json());
app.use('/api', api);
app.listen(3000);
`,
    // Express: express-jwt on the app before the routes.
    `
const express = require('express');
const { expressjwt } = require('express-jwt');
const app = express();
app.use(express.json());
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));
app.post('/notes', (req, res) => res.json({ ok: true }));
`,
    // Fastify: an onRequest hook with @fastify/jwt in the plugin that holds the route.
    `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET });
app.register(async (api) => {
  api.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
  api.post('/orders', async (request) => ({ id: 1 }));
}, { prefix: '/api' });
`,
    // Fastify: a hook in the parent scope applies to the routes of child plugins.
    `
import Fastify from 'fastify';
const app = Fastify();
app.addHook('preHandler', app.auth([app.verifyJwt]));
app.register(async (orders) => {
  orders.post('/orders', async () => ({ id: 1 }));
});
`,
    // NestJS: a class-level guard from @nestjs/passport.
    `
import { Body, Controller, Delete, Param, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Controller('posts')
@UseGuards(AuthGuard('jwt'))
export class PostsController {
  @Post()
  create(@Body() body: unknown) {}
  @Delete(':id')
  remove(@Param('id') id: string) {}
}
`,
    // NestJS: a global guard with a @Public() opt-out: deliberately public.
    `
import { Body, Controller, Delete, Param, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Public } from '../auth/public.decorator';
@Controller('comments')
export class CommentsController {
  @Post(':id/like')
  @UseGuards(JwtAuthGuard)
  like(@Param('id') id: string) {}
  @Post(':id/pin')
  @UseGuards(JwtAuthGuard)
  pin(@Param('id') id: string) {}
  @Public()
  @Post()
  create(@Body() body: unknown) {}
}
`,
    // NestJS: a controller whose service may register a global guard elsewhere: nothing to compare with.
    `
import { Body, Controller, Post } from '@nestjs/common';
@Controller('invoices')
export class InvoicesController {
  @Post()
  create(@Body() body: unknown) {}
}
`,
    // NestJS: APP_GUARD in the module (found through the project index): an unguarded method is covered.
    { code: NEST_GLOBAL_CONTROLLER, filename: join(root, 'nest/src/projects.controller.ts') },
    // Hono: jwt() on a path pattern covering the routes.
    `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', jwt({ secret: 'x', alg: 'HS256' }));
app.post('/api/posts', async (c) => c.json({ ok: true }, 201));
app.delete('/api/posts/:id', (c) => c.body(null, 204));
`,
    // Next.js: the handler checks the session and answers 401 without one.
    {
      code: `
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
export async function POST(request: Request) {
  const session = await getServerSession(authOptions);
  if (!session) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ ok: true });
}
`,
      filename: '/srv/web/app/api/posts/route.ts',
    },
    // Next.js: middleware.ts with next-auth covers the path.
    { code: NEXT_PROJECT_ROUTE, filename: join(root, 'next/app/api/projects/route.ts') },
    // Koa: koa-jwt registered before the router.
    `
import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
const app = new Koa();
const router = new Router();
router.post('/articles', async (ctx) => { ctx.status = 201; });
app.use(jwt({ secret: process.env.JWT_SECRET }));
app.use(router.routes());
`,
    // Public by design: login, signup and a Stripe webhook before the authentication middleware.
    `
import express from 'express';
import passport from 'passport';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY);
const app = express();
app.post('/auth/login', passport.authenticate('local'), (req, res) => res.json(req.user));
app.post('/signup', (req, res) => res.status(201).end());
app.post('/billing/events', (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.WH);
  res.json({ received: event.id });
});
app.post('/password/forgot', (req, res) => res.sendStatus(202));
app.use(passport.authenticate('jwt', { session: false }));
app.post('/orders', (req, res) => res.json({}));
`,
    // A router mounted in another file: its parent's middleware is not visible, nothing to compare with.
    `
import { Router } from 'express';
import { requireAuth } from '../middleware/auth';
export const router = Router();
router.get('/me', requireAuth, (req, res) => res.json(req.user));
router.post('/feedback', (req, res) => res.sendStatus(202));
`,
    // Cross-file: the middleware on the unguarded route is in a module that cannot be read (\`gate\`
    // may be the authentication), so nothing stands out.
    { code: GATED_ROUTER, filename: join(root, 'express-ids/src/routes/gated.js') },
    // Cross-file, Fastify: the plugin hands its instance to a function of the service, which may add an
    // authentication hook unseen (it does: an onRequest hook checking an API key).
    { code: TENANTS_PLUGIN, filename: join(root, 'fastify-admin/src/routes/tenants.ts') },
    // The siblings check permissions, which says the app authenticates upstream; a route without a
    // permission check lacks authorisation, which this rule does not judge.
    `
import express from 'express';
import { checkPermission } from '../../enterprise/rbac/PermissionCheck';
import controller from '../../controllers/assistants';
const router = express.Router();
router.post('/', checkPermission('assistants:create'), controller.createAssistant);
router.put('/:id', checkPermission('assistants:update'), controller.updateAssistant);
router.delete('/:id', checkPermission('assistants:delete'), controller.deleteAssistant);
router.post('/generate/instruction', controller.generateAssistantInstruction);
export default router;
`,
    // The unguarded route only refuses the request: it changes nothing, whoever calls it.
    `
import express from 'express';
import { requireSession } from './middlewares';
const router = express.Router();
router.post('/files', function (req, res, next) {
  next(new Error('Filename not provided.'));
});
router.post('/files/:name', requireSession, (req, res) => res.status(201).json({}));
router.delete('/files/:name', requireSession, (req, res) => res.status(204).end());
`,
    // Cross-file: the app authenticates /api before mounting the router (found through the project index).
    { code: ORDERS_ROUTER, filename: join(root, 'express-auth/src/routes/orders.ts') },
    // Unrecognised app-level middleware before the route: it could be the authentication.
    `
import express from 'express';
import passport from 'passport';
import { gate } from './middleware/gate';
const app = express();
app.use(passport.initialize());
app.use(gate);
app.post('/orders', (req, res) => res.json({}));
`,
    // The handler reads the authenticated user: something it cannot see authenticated the request.
    `
import express from 'express';
import session from 'express-session';
import passport from 'passport';
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET }));
app.use(passport.session());
app.post('/todos', (req, res) => res.json({ owner: req.user.id }));
`,
    // Reads only.
    `
import express from 'express';
import passport from 'passport';
const app = express();
app.get('/orders', (req, res) => res.json([]));
`,
    // Options: a public route by glob, and a project's own authentication middleware by name.
    {
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.post('/public/contact', (req, res) => res.sendStatus(202));
`,
      options: [{ publicRoutes: ['/public/**'] }],
    },
    {
      code: `
import express from 'express';
import passport from 'passport';
import { gatekeeper } from './gatekeeper';
const app = express();
app.use(gatekeeper);
app.post('/orders', (req, res) => res.json({}));
`,
      options: [{ additionalAuthNames: ['gatekeeper'] }],
    },
  ],
  invalid: [
    // Express: the route is registered before app.use(auth), which does not protect it.
    {
      code: `
import express from 'express';
import { expressjwt } from 'express-jwt';
const app = express();
app.use(express.json());
app.post('/orders', (req, res) => res.status(201).json({ id: 1 }));
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));
app.delete('/orders/:id', (req, res) => res.sendStatus(204));
`,
      errors: [
        {
          messageId: 'authAfterRoute',
          data: { route: 'POST /orders', auth: 'expressjwt' },
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 9,
          suggestions: null,
        },
      ],
    },
    // Express: an unguarded DELETE among guarded siblings of the same router.
    {
      code: `
import { Router } from 'express';
import { requireAuth } from '../middleware/require-auth';
import * as posts from '../controllers/posts';
const router = Router();
router.get('/', posts.list);
router.post('/', requireAuth, posts.create);
router.put('/:id', requireAuth, posts.update);
router.delete('/:id', posts.remove);
export default router;
`,
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'DELETE /:id', count: '2', auth: 'requireAuth', container: 'router' },
          line: 9,
          column: 1,
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'requireAuth', container: 'router' },
              output: `
import { Router } from 'express';
import { requireAuth } from '../middleware/require-auth';
import * as posts from '../controllers/posts';
const router = Router();
router.get('/', posts.list);
router.post('/', requireAuth, posts.create);
router.put('/:id', requireAuth, posts.update);
router.delete('/:id', requireAuth, posts.remove);
export default router;
`,
            },
          ],
        },
      ],
    },
    // NestJS: method-level authentication guards on every handler but one.
    {
      code: `
import { Body, Controller, Delete, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
@Controller('accounts')
export class AccountsController {
  @Post()
  @UseGuards(JwtAuthGuard)
  create(@Body() body: unknown) {}

  @Patch(':id')
  @UseGuards(JwtAuthGuard)
  update(@Param('id') id: string, @Body() body: unknown) {}

  @Delete(':id')
  remove(@Param('id') id: string) {}
}
`,
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'DELETE /accounts/:id', count: '2', auth: 'JwtAuthGuard', container: 'controller' },
          line: 15,
          column: 3,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'JwtAuthGuard', container: 'controller' },
              output: `
import { Body, Controller, Delete, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
@Controller('accounts')
export class AccountsController {
  @Post()
  @UseGuards(JwtAuthGuard)
  create(@Body() body: unknown) {}

  @Patch(':id')
  @UseGuards(JwtAuthGuard)
  update(@Param('id') id: string, @Body() body: unknown) {}

  @UseGuards(JwtAuthGuard)
  @Delete(':id')
  remove(@Param('id') id: string) {}
}
`,
            },
          ],
        },
      ],
    },
    // Next.js: the GET handler checks the session, the POST handler does not.
    {
      code: `
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';
export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session) return new Response(null, { status: 401 });
  return Response.json(await db.note.findMany());
}
export async function POST(request: Request) {
  const note = await db.note.create({ data: await request.json() });
  return Response.json(note, { status: 201 });
}
`,
      filename: '/srv/web/app/api/notes/route.ts',
      errors: [
        {
          messageId: 'missingAuth',
          data: { route: 'POST /api/notes' },
          line: 10,
          column: 23,
          endColumn: 27,
          suggestions: null,
        },
      ],
    },
    // Express: an app that authenticates some routes, and a mutating route with nothing before it.
    {
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.use(express.json());
app.get('/me', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.user));
app.post('/orders', (req, res) => res.status(201).json({}));
`,
      errors: [{ messageId: 'missingAuth', data: { route: 'POST /orders' }, line: 7, column: 1, suggestions: null }],
    },
    // Cross-file: the route's own middleware is read in its module: an ObjectId check (404) and a
    // validator factory (400) end requests, but not as authentication does, so the route stands out.
    {
      code: PRODUCTS_ROUTER,
      filename: join(root, 'express-ids/src/routes/products.js'),
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'DELETE /:id', count: 3, container: 'router', auth: 'protect' },
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'protect', container: 'router' },
              output: PRODUCTS_ROUTER.replace(
                '.delete(checkObjectId, remove)',
                '.delete(protect, checkObjectId, remove)',
              ),
            },
          ],
          line: 12,
          column: 1,
        },
      ],
    },
    // Express: the /account routes authenticate one by one; the unguarded demo routes under /api
    // do not dilute them.
    {
      code: ACCOUNT_APP,
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'POST /account/delete', count: 2, container: 'app', auth: 'isAuthenticated' },
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'isAuthenticated', container: 'app' },
              output: ACCOUNT_APP.replace(
                "app.post('/account/delete', done)",
                "app.post('/account/delete', isAuthenticated, done)",
              ),
            },
          ],
          line: 10,
          column: 1,
        },
      ],
    },
    // Express: the handler reads req.user, but unlike its siblings nothing authenticates before it.
    {
      code: POSTS_ROUTER,
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'DELETE /:id', count: 2, container: 'router', auth: 'requireAuth' },
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'requireAuth', container: 'router' },
              output: POSTS_ROUTER.replace("posts.delete('/:id', (req", "posts.delete('/:id', requireAuth, (req"),
            },
          ],
          line: 7,
          column: 1,
        },
      ],
    },
    // Express: registerUser, authUser and logoutUser are public by their names; the update route is not.
    {
      code: USERS_ROUTER,
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'PUT /:id', count: 2, container: 'router', auth: 'protect' },
          line: 9,
          column: 1,
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'protect', container: 'router' },
              output: USERS_ROUTER.replace('.put(updateUser)', '.put(protect, updateUser)'),
            },
          ],
        },
      ],
    },
    // Express: an express-validator chain is validation, not authentication (its package says so).
    {
      code: VALIDATED_POSTS,
      errors: [
        {
          messageId: 'unlikeSiblings',
          data: { route: 'POST /comment/:id', count: 2, container: 'router', auth: 'auth' },
          line: 7,
          column: 1,
          suggestions: [
            {
              messageId: 'addSiblingAuth',
              data: { auth: 'auth', container: 'router' },
              output: VALIDATED_POSTS.replace("post('/comment/:id', check", "post('/comment/:id', auth, check"),
            },
          ],
        },
      ],
    },
    // Cross-file: the app mounts the router with nothing that authenticates before it.
    {
      code: ORDERS_ROUTER,
      filename: join(root, 'express-open/src/routes/orders.ts'),
      errors: [{ messageId: 'missingAuth', data: { route: 'POST /api/orders' }, line: 5, column: 1 }],
    },
    // Hono: jwt() covers /api/* only.
    {
      code: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', jwt({ secret: 'x', alg: 'HS256' }));
app.post('/api/posts', (c) => c.json({ ok: true }, 201));
app.post('/admin/reindex', (c) => c.json({ ok: true }));
`,
      errors: [{ messageId: 'missingAuth', data: { route: 'POST /admin/reindex' }, line: 7, column: 1 }],
    },
    // Koa: the router is mounted before koa-jwt.
    {
      code: `
import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
const app = new Koa();
const router = new Router();
router.post('/articles', async (ctx) => { ctx.status = 201; });
app.use(router.routes());
app.use(jwt({ secret: process.env.JWT_SECRET }));
`,
      errors: [{ messageId: 'authAfterRoute', data: { route: 'POST /articles', auth: 'jwt' }, line: 7, column: 1 }],
    },
    // Fastify: a hook in a sibling plugin does not reach this plugin's routes.
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.register(async (admin) => {
  admin.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
  admin.post('/admin/users', async () => ({ ok: true }));
});
app.register(async (shop) => {
  shop.post('/orders', async () => ({ ok: true }));
});
`,
      errors: [{ messageId: 'missingAuth', data: { route: 'POST /orders' }, line: 11, column: 3 }],
    },
  ],
});

describe('mayShowAuthentication (the text test before the rule walks a file)', () => {
  it('finds every authentication package, guard and rejection the rule can read', () => {
    for (const module of AUTH_PACKAGES.keys())
      expect(mayShowAuthentication(`import x from '${module}';`, []), module).toBe(true);
    for (const text of [
      "import { jwtVerify } from 'jose';",
      'if (!ok) return res.status(401).end();',
      'throw new ForbiddenException();',
      '@UseGuards(RolesGuard)',
      'await checkUser(req);',
      "import { verify } from 'svix';",
      'crypto.timingSafeEqual(a, b)',
      'stripe.webhooks.constructEvent(body, signature, secret)',
      "import { protect } from './middleware/protect';",
    ])
      expect(mayShowAuthentication(text, []), text).toBe(true);
  });

  it('answers no for a router that never mentions authentication, yes when the project names its own', () => {
    const text = `import { Router } from 'express';
import * as service from '../services/orders.service.js';
export const ordersRouter = Router();
ordersRouter.post('/', async (req, res) => res.status(201).json(await service.create(req.body)));
`;
    expect(mayShowAuthentication(text, [])).toBe(false);
    expect(mayShowAuthentication(text, ['gatekeeper'])).toBe(true);
  });
});
