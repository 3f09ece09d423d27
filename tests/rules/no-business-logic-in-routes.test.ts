import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/no-business-logic-in-routes.js';

const ruleTester = new RuleTester();

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
