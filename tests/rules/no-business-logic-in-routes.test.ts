import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';

import rule from '../../src/rules/no-business-logic-in-routes.js';

const ruleTester = new RuleTester();

/**
 * A small service on disk, for the cases that need the project index: model files whose statics are
 * read, and handlers registered in other files. Each linted file is written with the code it is linted with.
 */
const service = mkdtempSync(join(tmpdir(), 'api-audit-business-logic-'));
afterAll(() => rmSync(service, { recursive: true, force: true }));

const ACCOUNT_ROUTES = `import { Router } from 'express';
import User from '../models/User.js';
export const account = Router();
account.post('/account/verify', async (req, res) => {
  const token = await User.generateToken();
  req.user.emailVerificationToken = token;
  req.user.emailVerificationIpHash = User.hashIP(req.ip);
  req.session.reset = User.newReset(req.ip);
  res.redirect('/account');
});
`;
const SESSION_ROUTES = `import { Router } from 'express';
import Session from '../models/Session.js';
import Member from '../models/member.js';
export const sessions = Router();
sessions.post('/account/logout-everywhere', async (req, res) => {
  await Session.removeSessionByUserId(req.user.id);
  res.redirect('/');
});
sessions.get('/members/:id', async (req, res) => {
  res.render('member', { member: await Member.byId(req.params.id), label: Member.label(req.user) });
});
sessions.get('/members/:id/edit', async (req, res) => {
  res.render('member-edit', { member: await Member.get(req.params.id) });
});
`;
const HEALTH_HANDLERS = `import { sql } from 'drizzle-orm';
import { db } from '../../db/client.js';
export const getStatus = async (c) => {
  await db.execute(sql\`SELECT 1\`);
  return c.json({ status: 'ok' });
};
`;
const ORDER_HANDLERS = `import { db } from '../../db/client.js';
export const listOrders = async (c) => c.json(await db.query.orders.findMany({ limit: 50 }));
`;

const serviceFiles: Record<string, string> = {
  'package.json': '{ "name": "service", "private": true, "type": "module" }',
  // A Mongoose model whose helper statics only use node:crypto, and one that queries through \`this\`.
  'src/models/User.js': `const crypto = require('node:crypto');
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, emailVerificationToken: String });
userSchema.statics.hashIP = function hashIP(ip) {
  return crypto.createHash('sha256').update(ip).digest('hex');
};
userSchema.statics.generateToken = function generateToken() {
  return crypto.randomBytes(32).toString('hex');
};
userSchema.statics.newReset = function newReset(ip) {
  return { token: this.generateToken(), ipHash: this.hashIP(ip), expires: Date.now() + 900000 };
};
module.exports = mongoose.model('User', userSchema);
`,
  'src/models/Session.js': `const mongoose = require('mongoose');
const validator = require('validator');
const sessionSchema = new mongoose.Schema({ session: String, expires: Date });
sessionSchema.statics = {
  removeSessionByUserId(userId) {
    if (!validator.isMongoId(userId)) return Promise.resolve({ deletedCount: 0 });
    return this.deleteMany({ session: { $regex: new RegExp(userId) } });
  },
};
module.exports = mongoose.model('Session', sessionSchema);
`,
  // A model class whose statics query through a base class, and one that formats a value.
  'src/models/member.js': `import Model from './model-super.js';
export default class Member extends Model {
  static async get(id) {
    return await super.get('Member', id);
  }
  static async byId(id) {
    return await super.get('Member', id);
  }
  static label(member) {
    return \`\${member.firstname} \${member.lastname}\`.trim();
  }
}
`,
  'src/models/model-super.js': `export default class Model {
  static async get(table, id) {
    const [rows] = await global.db.query(\`Select * From \${table} Where \${table}Id = :id\`, { id });
    return rows[0];
  }
}
`,
  'src/routes/account.js': ACCOUNT_ROUTES,
  'src/routes/sessions.js': SESSION_ROUTES,
  'src/db/client.js': `import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle(process.env.DATABASE_URL);
`,
  // A handler mounted only by its test, and one mounted by the app and by its test.
  'src/features/status/handlers.js': HEALTH_HANDLERS,
  'src/features/status/status.test.js': `import { Hono } from 'hono';
import * as handlers from './handlers.js';
const app = new Hono();
app.get('/status', handlers.getStatus);
`,
  'src/features/orders/handlers.js': ORDER_HANDLERS,
  'src/features/orders/orders.test.js': `import { Hono } from 'hono';
import { listOrders } from './handlers.js';
const app = new Hono();
app.get('/orders', listOrders);
`,
  'src/app.js': `import { Hono } from 'hono';
import { listOrders } from './features/orders/handlers.js';
export const app = new Hono();
app.get('/api/orders', listOrders);
`,
};
for (const [path, text] of Object.entries(serviceFiles)) {
  mkdirSync(dirname(join(service, path)), { recursive: true });
  writeFileSync(join(service, path), text);
}

ruleTester.run('no-business-logic-in-routes', rule, {
  valid: [
    // A readiness probe that pings the database is doing its job.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/healthz', async (req, res) => {
  await prisma.$queryRaw\`SELECT 1\`;
  res.send('ok');
});
`,
      filename: '/srv/api/src/routes/health.ts',
    },
    // A handler whose branching maps a service's outcome to HTTP: it delegates, its complexity is not business logic.
    {
      code: `
import express from 'express';
import * as users from '../services/users.service.js';
const app = express();
app.post('/signup', async (req, res) => {
  const result = await users.register(req.body);
  if (result.kind === 'invalid') return res.status(400).json(result.errors);
  if (result.kind === 'taken') return res.status(409).end();
  if (result.kind === 'locked' || result.kind === 'banned') return res.status(403).end();
  if (req.accepts('html')) return res.redirect(result.next ?? '/');
  return res.status(201).json({ id: result.user?.id ?? null });
});
`,
      filename: '/srv/api/src/routes/signup.ts',
      options: [{ maxComplexity: 3 }],
    },
    // Thin handlers that validate, call a service and map the result.
    {
      code: `
import { Router } from 'express';
import { z } from 'zod';
import * as orderService from '../services/order.service.js';
import { toOrderDto } from './mappers.js';
const CreateOrder = z.object({ productId: z.string(), quantity: z.number().int().positive() });
export const orders = Router();
orders.post('/', async (req, res) => {
  const input = CreateOrder.parse(req.body);
  const order = await orderService.create(req.user.id, input);
  res.status(201).json(toOrderDto(order));
});
`,
      filename: '/srv/shop/src/routes/orders.ts',
    },
    // Prisma queries in a service and in a repository are where they belong.
    {
      code: `
import { prisma } from '../db.js';
export async function listOrders(userId: string) { return prisma.order.findMany({ where: { userId } }); }
`,
      filename: '/srv/shop/src/services/order.service.ts',
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
import express from 'express';
const prisma = new PrismaClient();
export const app = express();
app.get('/health', async (req, res) => { res.json({ ok: true }); });
`,
      filename: '/srv/shop/src/repositories/seed-app.repository.ts',
    },
    // A migration or seed script with an app is not production routing.
    {
      code: `
import { PrismaClient } from '@prisma/client';
import express from 'express';
const prisma = new PrismaClient();
const app = express();
app.post('/seed', async (req, res) => { await prisma.user.createMany({ data: [] }); res.end(); });
`,
      filename: '/srv/shop/scripts/seed-server.ts',
    },
    // Data access at start-up (module level, bootstrap), not in a handler.
    {
      code: `
import { Pool } from 'pg';
import Fastify from 'fastify';
const pool = new Pool();
await pool.query('SELECT 1');
const app = Fastify();
app.get('/ping', async () => 'pong');
`,
      filename: '/srv/api/src/app.ts',
    },
    // A zod schema imported from a models folder: validating is not querying.
    {
      code: `
import { Hono } from 'hono';
import { UserInput } from '../models/user.js';
import { createUser } from '../services/users.js';
const app = new Hono();
app.post('/users', async (c) => c.json(await createUser(UserInput.parse(await c.req.json())), 201));
`,
      filename: '/srv/api/src/routes/users.ts',
    },
    // A Nest service injecting a repository, and a controller injecting the service.
    {
      code: `
import { Controller, Get, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
@Injectable()
export class UsersService { constructor(@InjectRepository(User) private readonly users: Repository<User>) {} findAll() { return this.users.find(); } }
@Controller('users')
export class UsersController { constructor(private readonly usersService: UsersService) {} @Get() findAll() { return this.usersService.findAll(); } }
`,
      filename: '/srv/nest/src/users/users.controller.ts',
    },
    // An object called prisma that is not a client.
    {
      code: `
import express from 'express';
const prisma = { order: { findMany: () => [] } };
const app = express();
app.get('/orders', (req, res) => res.json(prisma.order.findMany()));
`,
      filename: '/srv/shop/src/routes/orders.ts',
    },
    // A model's helper statics that only call node:crypto are not data access (read from the model file).
    { code: ACCOUNT_ROUTES, filename: join(service, 'src/routes/account.js') },
    // The same for a model made in the route file itself.
    {
      code: `
import express from 'express';
import mongoose from 'mongoose';
import { randomInt } from 'node:crypto';
const codeSchema = new mongoose.Schema({ code: String });
codeSchema.static('generateCode', function generateCode() {
  return randomInt(100000, 1000000).toString();
});
const Code = mongoose.model('Code', codeSchema);
const app = express();
app.post('/login/2fa/resend', (req, res) => { req.session.code = Code.generateCode(); res.redirect('/login/2fa'); });
`,
      filename: '/srv/legacy/src/app.ts',
    },
    // A handler that only a test mounts is not a production route.
    { code: HEALTH_HANDLERS, filename: join(service, 'src/features/status/handlers.js') },
    // A readiness probe whose path comes from configuration, with a default that names it.
    {
      code: `
import Fastify from 'fastify';
import { Pool } from 'pg';
const pool = new Pool();
export async function startProbes(opts) {
  const app = Fastify();
  const readinessEndpoint = opts.readiness?.endpoint ?? '/ready';
  app.route({
    method: 'GET',
    url: readinessEndpoint,
    handler: async (request, reply) => {
      const { rows } = await pool.query('SELECT 1 AS ok');
      if (rows[0]?.ok === 1) return reply.status(opts.readiness?.success ?? 200).send('OK');
      return reply.status(opts.readiness?.fail ?? 500).send('ERR');
    },
  });
  return app;
}
`,
      filename: '/srv/runtime/lib/probes.ts',
      options: [{ maxComplexity: 3 }],
    },
    // NestJS terminus health checks: the controller takes the ORM client to ping it.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { PrismaService } from '../prisma/prisma.service';
@Controller('status')
export class StatusController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly prismaHealth: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
  ) {}
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.prismaHealth.pingCheck('database', this.prisma)]);
  }
}
`,
      filename: '/srv/nest/src/status/status.controller.ts',
    },
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}
  @Get()
  check() {
    return this.health.check([() => this.db.pingCheck('database', { connection: this.dataSource })]);
  }
}
`,
      filename: '/srv/nest/src/health/health.controller.ts',
    },
    // Complexity within the budget.
    {
      code: `
import express from 'express';
const app = express();
app.get('/a', (req, res) => { if (req.query.a) { res.json(1); } else { res.json(req.query.b ?? 2); } });
`,
      filename: '/srv/x/src/routes/a.ts',
    },
  ],
  invalid: [
    // Express + Prisma through an imported client from the data layer (../db.js).
    {
      code: `
import { Router } from 'express';
import { prisma } from '../db.js';
export const orders = Router();
orders.get('/', async (req, res) => {
  const rows = await prisma.order.findMany({ where: { userId: req.user.id } });
  const count = await prisma.order.count();
  res.json({ rows, count });
});
`,
      filename: '/srv/shop/src/routes/orders.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'prisma.order.findMany', where: 'GET /' },
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 79,
        },
      ],
    },
    // A model static that queries through \`this\`, one that queries through its base class, and one named as a query.
    {
      code: SESSION_ROUTES,
      filename: join(service, 'src/routes/sessions.js'),
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'Session.removeSessionByUserId', where: 'POST /account/logout-everywhere' },
          line: 6,
          column: 9,
        },
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'Member.byId', where: 'GET /members/:id' },
          line: 10,
          column: 40,
        },
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'Member.get', where: 'GET /members/:id/edit' },
          line: 13,
          column: 45,
        },
      ],
    },
    // A same-file model static that queries through \`this\`.
    {
      code: `
import express from 'express';
import mongoose from 'mongoose';
const codeSchema = new mongoose.Schema({ code: String, active: Boolean });
codeSchema.statics = {
  activeCodes() {
    return this.find({ active: true }).lean();
  },
};
const Code = mongoose.model('Code', codeSchema);
const app = express();
app.get('/codes', async (req, res) => { res.json(await Code.activeCodes()); });
`,
      filename: '/srv/legacy/src/app.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'Code.activeCodes', where: 'GET /codes' },
          line: 12,
          column: 56,
        },
      ],
    },
    // A configurable path that is not a probe's.
    {
      code: `
import Fastify from 'fastify';
import { Pool } from 'pg';
const pool = new Pool();
export function start(opts) {
  const app = Fastify();
  const reportEndpoint = opts.reports?.endpoint ?? '/reports/daily';
  app.route({ method: 'GET', url: reportEndpoint, handler: async () => (await pool.query('SELECT * FROM sales')).rows });
  return app;
}
`,
      filename: '/srv/runtime/lib/reports.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'pool.query', where: 'GET /{path}' },
          line: 8,
          column: 79,
        },
      ],
    },
    // A handler mounted by the app and by its test: reported for the app's route.
    {
      code: ORDER_HANDLERS,
      filename: join(service, 'src/features/orders/handlers.js'),
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'db.query.orders.findMany', where: 'GET /api/orders, registered in src/app.js:4' },
          line: 2,
          column: 53,
        },
      ],
    },
    // A terminus health route next to a route that reads the database: the injection is reported.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { PrismaService } from '../prisma/prisma.service';
@Controller('admin')
export class AdminController {
  constructor(private readonly health: HealthCheckService, private readonly prisma: PrismaService) {}
  @Get('health')
  @HealthCheck()
  check() { return this.health.check([]); }
  @Get('users')
  users() { return this.prisma.user.findMany(); }
}
`,
      filename: '/srv/nest/src/admin/admin.controller.ts',
      errors: [
        {
          messageId: 'dataLayerInjected',
          data: { controller: 'AdminController', dependency: 'PrismaService' },
          line: 7,
          column: 60,
        },
      ],
    },
    // A client created in the route file; the prefix of an in-file mount is in the message.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
const router = express.Router();
router.get('/:id', async (req, res) => { res.json(await prisma.product.findUnique({ where: { id: req.params.id } })); });
app.use('/v1/products', router);
`,
      filename: '/srv/shop/src/app.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'prisma.product.findUnique', where: 'GET /v1/products/:id' },
          line: 7,
          column: 57,
        },
      ],
    },
    // node-postgres via require in CommonJS, reached through a same-file helper.
    {
      code: `
const { Pool } = require('pg');
const express = require('express');
const pool = new Pool();
const app = express();
function findUser(id) { return pool.query('SELECT id, email FROM users WHERE id = $1', [id]); }
app.get('/users/:id', async (req, res) => { const { rows } = await findUser(req.params.id); res.json(rows[0]); });
`,
      filename: '/srv/legacy/src/server.js',
      languageOptions: { globals: { require: 'readonly' } },
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'pool.query', where: 'GET /users/:id' },
          line: 6,
          column: 32,
        },
      ],
    },
    // Drizzle in a Hono route.
    {
      code: `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema.js';
const db = drizzle(process.env.DATABASE_URL!);
const app = new Hono();
app.get('/users', async (c) => c.json(await db.select().from(users).limit(50)));
`,
      filename: '/srv/hono/src/routes/users.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'db.select(…).from(…).limit', where: 'GET /users' },
          line: 7,
          column: 45,
        },
      ],
    },
    // Knex called directly, in a Koa router.
    {
      code: `
import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const router = new Router({ prefix: '/api' });
router.get('/items', async (ctx) => { ctx.body = await db('items').where({ active: true }); });
`,
      filename: '/srv/koa/src/routes/items.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'db(…).where', where: 'GET /api/items' },
          line: 6,
          column: 56,
        },
      ],
    },
    // A Mongoose model made in the same file, in a Fastify route.
    {
      code: `
import Fastify from 'fastify';
import mongoose from 'mongoose';
const Cat = mongoose.model('Cat', new mongoose.Schema({ name: String }));
const app = Fastify();
app.get('/cats', async () => Cat.find().lean());
`,
      filename: '/srv/fastify/src/app.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'Cat.find(…).lean', where: 'GET /cats' },
          line: 6,
          column: 30,
        },
      ],
    },
    // TypeORM: a repository from a DataSource kept at module level.
    {
      code: `
import express from 'express';
import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
const users = dataSource.getRepository(User);
const app = express();
app.get('/users', async (req, res) => { res.json(await users.find({ take: 20 })); });
`,
      filename: '/srv/typeorm/src/app.ts',
      errors: [
        { messageId: 'dataAccessInHandler', data: { call: 'users.find', where: 'GET /users' }, line: 7, column: 56 },
      ],
    },
    // Sequelize model class with static queries, in a Next.js route handler.
    {
      code: `
import { Model } from 'sequelize';
class Invoice extends Model {}
export async function GET() { return Response.json(await Invoice.findAll({ limit: 10 })); }
`,
      filename: '/srv/next/app/api/invoices/route.ts',
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'Invoice.findAll', where: 'GET /api/invoices' },
          line: 4,
          column: 58,
        },
      ],
    },
    // A repository imported from the data layer by a route module, with settings naming an internal package too.
    {
      code: `
import express from 'express';
import { userRepository } from '../repositories/user.repository';
import { audit } from '@acme/db';
const app = express();
app.get('/me', async (req, res) => { res.json(await userRepository.findById(req.user.id)); });
app.post('/audit', async (req, res) => { await audit.insert(req.body); res.status(204).end(); });
`,
      filename: '/srv/shop/src/routes/me.ts',
      settings: { 'api-audit': { dataLayerModules: ['@acme/db'] } },
      errors: [
        {
          messageId: 'dataAccessInHandler',
          data: { call: 'userRepository.findById', where: 'GET /me' },
          line: 6,
          column: 53,
        },
        { messageId: 'dataAccessInHandler', data: { call: 'audit.insert', where: 'POST /audit' }, line: 7, column: 48 },
      ],
    },
    // NestJS controllers injecting data access: reported at the injection.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  @Get() findAll() { return this.users.find(); }
}
`,
      filename: '/srv/nest/src/users/users.controller.ts',
      errors: [
        {
          messageId: 'dataLayerInjected',
          data: { controller: 'UsersController', dependency: '@InjectRepository()' },
          line: 7,
          column: 15,
        },
      ],
    },
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { EntityManager } from 'typeorm';
@Controller('orders')
export class OrdersController {
  constructor(private prisma: PrismaService, private readonly em: EntityManager) {}
  @Get() list() { return this.prisma.order.findMany(); }
}
`,
      filename: '/srv/nest/src/orders/orders.controller.ts',
      errors: [
        {
          messageId: 'dataLayerInjected',
          data: { controller: 'OrdersController', dependency: 'PrismaService' },
          line: 7,
          column: 15,
        },
        {
          messageId: 'dataLayerInjected',
          data: { controller: 'OrdersController', dependency: 'EntityManager' },
          line: 7,
          column: 46,
        },
      ],
    },
    // The complexity budget, reported at the handler's head with the measured value.
    {
      code: `
import express from 'express';
const app = express();
app.post('/checkout', async (req, res) => {
  let total = 0;
  for (const item of req.body.items) {
    if (item.qty > 10 && !req.user.isWholesale) total += item.price * 0.9;
    else if (item.coupon || item.sale) total += item.price * 0.8;
    else total += item.price;
  }
  const shipping = total > 100 ? 0 : req.body.express ? 20 : 5;
  res.json({ total: total + shipping, currency: req.body.currency ?? 'EUR' });
});
`,
      filename: '/srv/shop/src/routes/checkout.ts',
      options: [{ maxComplexity: 5 }],
      errors: [
        {
          messageId: 'tooComplex',
          data: { where: 'POST /checkout', value: 9, limit: 5 },
          line: 4,
          column: 40,
          endLine: 4,
          endColumn: 42,
        },
      ],
    },
    // Over both budgets: one finding with both measures.
    {
      code: `
import express from 'express';
const app = express();
app.get('/report', (req, res) => {
  const rows = req.body.rows;
  const total = rows.length > 0 ? rows.length : 0;
  res.json({ total });
});
`,
      filename: '/srv/api/src/routes/report.ts',
      options: [{ maxComplexity: 1, maxStatements: 2 }],
      errors: [
        {
          messageId: 'tooComplexAndLong',
          data: { where: 'GET /report', complexity: 2, maxComplexity: 1, statements: 3, maxStatements: 2 },
          line: 4,
          column: 31,
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/summary', async (request) => {
  const a = 1;
  const b = 2;
  const c = a + b;
  return { c };
});
`,
      filename: '/srv/api/src/routes/summary.ts',
      options: [{ maxStatements: 3 }],
      errors: [
        { messageId: 'tooManyStatements', data: { where: 'GET /summary', value: 4, limit: 3 }, line: 4, column: 37 },
      ],
    },
  ],
});
