import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/require-response-schema.js';

const ruleTester = new RuleTester();

ruleTester.run('require-response-schema', rule, {
  valid: [
    // Fastify routes that declare their responses, inline, through a const, or through a spread.
    `
import Fastify from 'fastify';
const app = Fastify();
const noteSchema = { response: { 200: Note } };
app.get('/notes/:id', { schema: noteSchema }, async (request) => getNote(request.params.id));
app.post('/notes', { schema: { body: NoteInput, response: { 201: Note } } }, async (request, reply) => reply.code(201).send(await createNote(request.body)));
app.route({ method: 'GET', url: '/health', schema: { response: { 200: Health } }, handler: async () => ({ status: 'ok' }) });
app.get('/tags', { schema: { ...listSchema } }, async () => listTags());
app.get('/imported', { schema: importedSchema }, async () => listTags());
`,
    // Fastify routes whose handlers send no body (a status only) need no response schema.
    `
import Fastify from 'fastify';
const app = Fastify();
app.delete('/grades/:id', { schema: { params: GradeParams } }, async (request, reply) => {
  if (!(await canDelete(request))) return reply.status(403).send();
  await removeGrade(request.params.id);
  return reply.status(204).send(null);
});
app.post('/records/sync', async (request, reply) => {
  await syncRecords();
  reply.code(204).send();
});
`,
    // A count is a number: no row fields to leak, bare or named in an object.
    `
import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
export async function GET() {
  const partnersCount = await prisma.partner.count({ where: { status: 'approved' } });
  return NextResponse.json({ count: partnersCount });
}
export async function POST() {
  return NextResponse.json(await prisma.campaign.count());
}
`,
    // Hono OpenAPI routes with content schemas; a 204 has no body.
    `
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
const app = new OpenAPIHono();
app.openapi(
  createRoute({
    method: 'get',
    path: '/users/{id}',
    responses: { 200: { content: { 'application/json': { schema: UserSchema } }, description: 'The user' }, 404: { description: 'Not found' } },
  }),
  (c) => c.json(toUser(c.req.valid('param').id)),
);
app.openapi(createRoute({ method: 'delete', path: '/users/{id}', responses: { 204: { description: 'Deleted' } } }), (c) => c.body(null, 204));
`,
    // Hono OpenAPI: route definitions imported from a shared package and spread with extra middleware,
    // on an app received as a typed parameter (the responses live in the spread definition).
    `
import type { OpenAPIHono } from '@hono/zod-openapi';
import { listMaterialsRoute } from '@acme/openapi';
export function registerMaterialRoutes(app: OpenAPIHono, requireAuth: MiddlewareHandler): void {
  app.openapi({ ...listMaterialsRoute, middleware: [requireAuth] as const }, async (c) => c.json(await list(c)));
}
`,
    // NestJS handlers returning DTOs, or entities only inside a mapped type.
    `
import { Controller, Get, Param } from '@nestjs/common';
import { UserDto } from './dto/user.dto';
@Controller('users')
export class UsersController {
  @Get(':id') async findOne(@Param('id') id: string): Promise<UserDto> { return this.users.findOne(id); }
  @Get() findAll(): Promise<UserDto[]> { return this.users.findAll(); }
}
`,
    // Express: mapped results, schema-parsed results, picked fields, selected columns, service results.
    {
      code: `
import { Router } from 'express';
import { prisma } from '../db.js';
export const users = Router();
users.get('/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } });
  res.json({ id: user.id, email: user.email });
});
users.get('/', async (req, res) => {
  const rows = await prisma.user.findMany({ select: { id: true, email: true } });
  res.json(rows);
});
users.get('/dto', async (req, res) => {
  const rows = await prisma.user.findMany();
  res.json(rows.map(toUserDto));
});
users.get('/parsed', async (req, res) => {
  res.json(UserList.parse(await prisma.user.findMany()));
});
`,
      filename: '/srv/shop/src/routes/users.ts',
    },
    // Koa and Hono handlers sending mapped values.
    {
      code: `
import Router from '@koa/router';
import { Hono } from 'hono';
import { db } from '../db.js';
const router = new Router();
router.get('/items', async (ctx) => { const items = await db.item.findMany(); ctx.body = items.map(serializeItem); });
const app = new Hono();
app.get('/items', async (c) => c.json(await listItems()));
`,
      filename: '/srv/api/src/routes/items.ts',
    },
    // A test file is not a service.
    {
      code: `
import express from 'express';
import { prisma } from '../src/db.js';
const app = express();
app.get('/u', async (req, res) => res.json(await prisma.user.findMany()));
`,
      filename: '/srv/shop/test/users.spec.ts',
    },
  ],
  invalid: [
    // Fastify: no options, options without schema, schema without response.
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/notes', async () => listNotes());
app.post('/notes', { preHandler: [app.authenticate] }, async (request) => createNote(request.body));
app.route({ method: 'PUT', url: '/notes/:id', schema: { body: NoteInput }, handler: updateNote });
async function updateNote(request) { return saveNote(request.body); }
`,
      errors: [
        {
          messageId: 'missingResponseSchema',
          data: { route: 'GET /notes' },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 8,
        },
        { messageId: 'missingResponseSchema', data: { route: 'POST /notes' }, line: 5, column: 1 },
        { messageId: 'missingResponseSchema', data: { route: 'PUT /notes/:id' }, line: 6, column: 1 },
      ],
    },
    // A prefixed Fastify plugin: the message gives the full path known in the file.
    {
      code: `
import type { FastifyPluginAsync } from 'fastify';
import Fastify from 'fastify';
const notes: FastifyPluginAsync = async (instance) => {
  instance.get('/:id', { schema: { params: IdParams } }, async (request) => getNote(request.params.id));
};
const app = Fastify();
app.register(notes, { prefix: '/v1/notes' });
`,
      errors: [{ messageId: 'missingResponseSchema', data: { route: 'GET /v1/notes/:id' }, line: 5, column: 3 }],
    },
    // Hono OpenAPI: a success response without a content schema, and a route without responses.
    {
      code: `
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
const app = new OpenAPIHono();
const listUsers = createRoute({ method: 'get', path: '/users', responses: { 200: { description: 'The users' } } });
app.openapi(listUsers, (c) => c.json([]));
app.openapi(createRoute({ method: 'post', path: '/users' }), (c) => c.json({}, 201));
`,
      errors: [
        { messageId: 'missingResponseContent', data: { status: '200', route: 'GET /users' }, line: 4, column: 77 },
        { messageId: 'missingResponseSchema', data: { route: 'POST /users' }, line: 6, column: 1 },
      ],
    },
    // NestJS: entities by decorator in the same file, by entity module, and Prisma model types.
    {
      code: `
import { Controller, Get, Param } from '@nestjs/common';
import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
import { Order } from '../orders/order.entity';
import type { User as PrismaUser } from '@prisma/client';
@Entity()
export class Invoice { @PrimaryGeneratedColumn() id: number; @Column() total: number; }
@Controller('billing')
export class BillingController {
  @Get('invoices/:id') findInvoice(@Param('id') id: string): Promise<Invoice | null> { return this.billing.find(id); }
  @Get('orders') listOrders(): Promise<Order[]> { return this.billing.orders(); }
  @Get('me') me(): PrismaUser { return this.billing.me(); }
}
`,
      errors: [
        {
          messageId: 'entityReturned',
          data: { route: 'GET /billing/invoices/:id', entity: 'Invoice' },
          line: 10,
          column: 70,
        },
        { messageId: 'entityReturned', data: { route: 'GET /billing/orders', entity: 'Order' }, line: 11, column: 40 },
        { messageId: 'entityReturned', data: { route: 'GET /billing/me', entity: 'PrismaUser' }, line: 12, column: 20 },
      ],
    },
    // Express: the raw Prisma row, directly, wrapped in an object, or spread.
    {
      code: `
import { Router } from 'express';
import { prisma } from '../db.js';
export const users = Router();
users.get('/me', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.user.id } });
  res.json(user);
});
users.get('/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } });
  res.status(200).json({ user, fetchedAt: Date.now() });
});
users.get('/copy/:id', async (req, res) => {
  res.send({ ...(await prisma.user.findUniqueOrThrow({ where: { id: req.params.id } })) });
});
`,
      filename: '/srv/shop/src/routes/users.ts',
      errors: [
        {
          messageId: 'rawDataSent',
          data: { route: 'GET /me', call: 'prisma.user.findUnique' },
          line: 7,
          column: 12,
          endLine: 7,
          endColumn: 16,
        },
        { messageId: 'rawDataSent', data: { route: 'GET /:id', call: 'prisma.user.findUnique' }, line: 11, column: 24 },
        {
          messageId: 'rawDataSent',
          data: { route: 'GET /copy/:id', call: 'prisma.user.findUniqueOrThrow' },
          line: 14,
          column: 12,
        },
      ],
    },
    // Koa ctx.body, Hono c.json, Fastify reply.send and return, Next.js Response.json.
    {
      code: `
import Router from '@koa/router';
import { Pool } from 'pg';
const pool = new Pool();
const router = new Router({ prefix: '/api' });
router.get('/accounts', async (ctx) => { const { rows } = await pool.query('SELECT * FROM accounts'); ctx.body = rows; });
`,
      filename: '/srv/koa/src/routes/accounts.ts',
      errors: [
        { messageId: 'rawDataSent', data: { route: 'GET /api/accounts', call: 'pool.query' }, line: 6, column: 114 },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
const app = new Hono();
app.get('/users', async (c) => { const users = await db.query.users.findMany(); return c.json(users); });
`,
      filename: '/srv/hono/src/routes/users.ts',
      errors: [
        {
          messageId: 'rawDataSent',
          data: { route: 'GET /users', call: 'db.query.users.findMany' },
          line: 6,
          column: 95,
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
import { prisma } from './db.js';
const app = Fastify();
app.get('/a', { schema: { response: { 200: A } } }, async (request, reply) => reply.send(await prisma.a.findMany()));
app.get('/b', { schema: { response: { 200: B } } }, async () => { const rows = await prisma.b.findMany(); return rows; });
`,
      filename: '/srv/fastify/src/app.ts',
      errors: [
        { messageId: 'rawDataSent', data: { route: 'GET /a', call: 'prisma.a.findMany' }, line: 5, column: 90 },
        { messageId: 'rawDataSent', data: { route: 'GET /b', call: 'prisma.b.findMany' }, line: 6, column: 114 },
      ],
    },
    {
      code: `
import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db';
export async function GET() {
  const orders = await prisma.order.findMany();
  return NextResponse.json(orders);
}
`,
      filename: '/srv/next/app/api/orders/route.ts',
      settings: { 'api-audit': { dataLayerModules: ['@/lib/db'] } },
      errors: [
        {
          messageId: 'rawDataSent',
          data: { route: 'GET /api/orders', call: 'prisma.order.findMany' },
          line: 6,
          column: 28,
        },
      ],
    },
  ],
});

const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: true,
      tsconfigRootDir: fileURLToPath(new URL('../../fixtures/typed/', import.meta.url)),
    },
  },
});

typedTester.run('require-response-schema (with type information)', rule, {
  valid: [
    `
import express from 'express';
import { findPublicUser } from 'app-services';
const app = express();
app.get('/users/:id', async (req, res) => { res.json(await findPublicUser(req.params.id)); });
`,
    // A login route hands out tokens: a session object without an id is not a stored record.
    `
import express from 'express';
import { login } from 'app-services';
const app = express();
app.post('/login', async (req, res) => { res.json(await login(req.body.email, req.body.password)); });
`,
    // Credential fields by option: a smaller list lets passwordHash through.
    {
      code: `
import express from 'express';
import { findUser } from 'app-services';
const app = express();
app.get('/users/:id', async (req, res) => { res.json(await findUser(req.params.id)); });
`,
      options: [{ credentialFields: ['apiKey'] }],
    },
  ],
  invalid: [
    {
      code: `
import express from 'express';
import { findUser } from 'app-services';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await findUser(req.params.id);
  res.json(user);
});
`,
      errors: [
        {
          messageId: 'sensitiveFieldSent',
          data: { route: 'GET /users/:id', field: 'passwordHash' },
          line: 7,
          column: 12,
          suggestions: [
            {
              messageId: 'pickSafeFields',
              data: { fields: '`id`, `email`, `name`, `createdAt`' },
              output: `
import express from 'express';
import { findUser } from 'app-services';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await findUser(req.params.id);
  res.json({ id: user.id, email: user.email, name: user.name, createdAt: user.createdAt });
});
`,
            },
          ],
        },
      ],
    },
    // Arrays and nullable unions are looked through; no pick suggestion for them.
    {
      code: `
import express from 'express';
import { listUsers, findAccount } from 'app-services';
const app = express();
app.get('/users', async (req, res) => { res.json(await listUsers()); });
app.get('/accounts/:id', async (req, res) => { res.json(await findAccount(req.params.id)); });
`,
      errors: [
        {
          messageId: 'sensitiveFieldSent',
          data: { route: 'GET /users', field: 'passwordHash' },
          line: 5,
          column: 50,
          suggestions: null,
        },
        {
          messageId: 'sensitiveFieldSent',
          data: { route: 'GET /accounts/:id', field: 'api_key' },
          line: 6,
          column: 57,
          suggestions: null,
        },
      ],
    },
    // A stored session record with a refresh token is a leak.
    {
      code: `
import express from 'express';
import { findSession } from 'app-services';
const app = express();
app.get('/sessions/:id', async (req, res) => { res.json(await findSession(req.params.id)); });
`,
      errors: [
        {
          messageId: 'sensitiveFieldSent',
          data: { route: 'GET /sessions/:id', field: 'refreshToken' },
          line: 5,
          column: 57,
          suggestions: null,
        },
      ],
    },
  ],
});
