import { afterAll, describe, expect, it } from 'vitest';

import { checkProject } from '../../src/project/index.js';
import { findingLines, removeTemporaryProjects, temporaryProject } from './helpers.js';

afterAll(removeTemporaryProjects);

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    allowJs: true,
  },
  include: ['src', 'apps', 'packages'],
});

/** The `layering` findings of a service written from `files` (a `tsconfig.json` is added). */
async function layering(files: Record<string, string>, settings?: Record<string, unknown>): Promise<string[]> {
  const root = temporaryProject({ 'tsconfig.json': TSCONFIG, ...files });
  const result = await checkProject({ target: root, ...(settings ? { settings } : {}) });
  return findingLines(result).filter((line) => line.includes(' api-audit/layering '));
}

/** An Express router module that registers one route with the given handler body. */
function router(imports: string, body: string): string {
  return `import { Router } from 'express';\n${imports}\n\nexport const router = Router();\n\nrouter.get('/items/:id', async (req, res) => {\n  ${body}\n});\n`;
}

const DB = `import pg from 'pg';\n\nexport const pool = new pg.Pool();\n`;

describe('layering: layers decided by what a file does before what it is called', () => {
  it('still reports a route module that imports the data layer and uses it', async () => {
    expect(
      await layering({
        'src/db.ts': DB,
        'src/routes/items.ts': router(
          `import { pool } from '../db.js';`,
          `res.json((await pool.query('SELECT * FROM items WHERE id = $1', [req.params.id])).rows);`,
        ),
      }),
    ).toEqual([
      'src/routes/items.ts:2 api-audit/layering Route module imports the data-layer module `../db.js`; go through a service so routes stay thin.',
    ]);
  });

  it('ignores imports whose bindings are only used as types (model interfaces, entities, DTOs)', async () => {
    expect(
      await layering({
        'src/models/item.ts': `import pg from 'pg';\n\nexport interface Item { id: string; name: string }\nexport const pool = new pg.Pool();\n`,
        'src/entities/order.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nexport class Order {\n  @PrimaryGeneratedColumn('uuid') id!: string;\n  @Column() total!: number;\n}\n`,
        'src/services/items.service.ts': `import type { Item } from '../models/item.js';\n\nexport async function findItem(id: string): Promise<Item> {\n  return { id, name: 'x' };\n}\n`,
        'src/routes/items.ts': router(
          `import { Item } from '../models/item.js';\nimport { type Order } from '../entities/order.entity.js';\nimport { findItem } from '../services/items.service.js';`,
          `const item: Item = await findItem(req.params.id);\n  const orders: Order[] = [];\n  res.json({ item, orders });`,
        ),
      }),
    ).toEqual([]);
  });

  it('counts a type that names an injected constructor parameter of a decorated class (decorator metadata)', async () => {
    expect(
      await layering({
        'src/prisma/prisma.service.ts': `import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n`,
        'src/stats/stats.controller.ts': `import { Controller, Get } from '@nestjs/common';\nimport { PrismaService } from '../prisma/prisma.service.js';\n\n@Controller('stats')\nexport class StatsController {\n  constructor(private readonly prisma: PrismaService) {}\n\n  @Get()\n  count() {\n    return this.prisma.user.count();\n  }\n}\n`,
      }),
    ).toEqual([
      'src/stats/stats.controller.ts:2 api-audit/layering Route module imports the data-layer module `../prisma/prisma.service.js`; go through a service so routes stay thin.',
    ]);
  });

  it('takes `*.service.ts` under `routes/` for a service: its file name is more specific than its folder', async () => {
    expect(
      await layering({
        'src/db.ts': DB,
        'src/routes/users/users.service.ts': `import { pool } from '../../db.js';\n\nexport async function listUsers() {\n  return (await pool.query('SELECT id, name FROM users')).rows;\n}\n`,
        'src/routes/users/index.ts': router(
          `import { listUsers } from './users.service.js';`,
          `res.json(await listUsers());`,
        ),
      }),
    ).toEqual([]);
  });

  it('lets a repository import a `domain/` entity (the repository maps rows to it)', async () => {
    expect(
      await layering({
        'src/db.ts': DB,
        'src/domain/order.ts': `export class Order {\n  constructor(readonly id: string, readonly totalCents: number) {}\n\n  total(): number {\n    return this.totalCents / 100;\n  }\n}\n`,
        'src/repositories/order.repository.ts': `import { pool } from '../db.js';\nimport { Order } from '../domain/order.js';\n\nexport async function findOrder(id: string): Promise<Order> {\n  const { rows } = await pool.query('SELECT id, total_cents FROM orders WHERE id = $1', [id]);\n  return new Order(rows[0].id, rows[0].total_cents);\n}\n`,
      }),
    ).toEqual([]);
  });

  it('takes files under `services/` that start a web server, a WebSocket server or a worker for entry points', async () => {
    expect(
      await layering({
        'src/routes/index.ts': `import { Router } from 'express';\n\nexport const router = Router();\nrouter.get('/ping', (_req, res) => { res.send('pong'); });\n`,
        'src/services/web.ts': `import express from 'express';\nimport { router } from '../routes/index.js';\n\nconst app = express();\napp.use(router);\napp.listen(3000);\n`,
        'src/services/sockets.ts': `import { WebSocketServer } from 'ws';\nimport { router } from '../routes/index.js';\n\nexport const wss = new WebSocketServer({ port: 8080 });\nexport const routes = router;\n`,
        'src/services/worker.ts': `import { Worker } from 'bullmq';\nimport type { Request } from 'express';\n\nexport const worker = new Worker('mail', async (job) => job.data as Request);\n`,
      }),
    ).toEqual([]);
  });

  it('takes an interface file named `*.handler.ts` and GraphQL model/DTO classes for shapes, not layers', async () => {
    expect(
      await layering({
        'src/events/order.handler.ts': `export interface OrderHandler {\n  handle(orderId: string): Promise<void>;\n}\n\nexport const ORDER_EVENTS = ['created', 'paid'] as const;\n`,
        'src/users/models/user.model.ts': `import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';\n\nexport enum Role { ADMIN = 'ADMIN', USER = 'USER' }\nregisterEnumType(Role, { name: 'Role' });\n\n@ObjectType()\nexport class User {\n  @Field(() => ID) id!: string;\n  @Field() email!: string;\n  @Field(() => Role) role!: Role;\n}\n`,
        'src/users/dto/create-user.input.ts': `import { IsEmail } from 'class-validator';\n\nexport class CreateUserInput {\n  @IsEmail() email!: string;\n}\n`,
        'src/services/notify.service.ts': `import { ORDER_EVENTS, type OrderHandler } from '../events/order.handler.js';\n\nexport const handlers: OrderHandler[] = [];\nexport const events = ORDER_EVENTS;\n`,
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { User } from './models/user.model.js';\nimport { CreateUserInput } from './dto/create-user.input.js';\n\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body() input: CreateUserInput): User {\n    return { id: '1', email: input.email, role: 'USER' } as User;\n  }\n}\n`,
      }),
    ).toEqual([]);
  });

  it('lets a module that only serves health routes import the data layer to ping it', async () => {
    expect(
      await layering({
        'src/db.ts': DB,
        'src/routes/health.ts': `import { Router } from 'express';\nimport { pool } from '../db.js';\n\nexport const health = Router();\nhealth.get('/healthz', async (_req, res) => {\n  await pool.query('SELECT 1');\n  res.send('ok');\n});\n`,
      }),
    ).toEqual([]);
  });

  it('takes a route folder for the route layer only for handler-shaped code: `apps/api/` backends, `api/index.ts` factories and JSON assets are not routes', async () => {
    expect(
      await layering({
        'apps/api/src/db.ts': DB,
        'apps/api/src/assets/markets.json': '{ "developed": ["US"] }',
        'apps/api/src/portfolio/calculator.factory.ts': `export function createCalculator(kind: string) {\n  return { kind, total: (values: number[]) => values.reduce((a, b) => a + b, 0) };\n}\n`,
        'apps/api/src/portfolio/portfolio.service.ts': `import markets from '../assets/markets.json' with { type: 'json' };\nimport { createCalculator } from './calculator.factory.js';\n\nexport function summary(values: number[]) {\n  return { markets, total: createCalculator('roi').total(values) };\n}\n`,
        'packages/core/src/auth/api/index.ts': `import { pool } from '../../../../../apps/api/src/db.js';\n\nexport function createAuthService() {\n  return { count: () => pool.query('SELECT count(*) FROM sessions') };\n}\n`,
        'apps/api/src/routes/items.ts': router(
          `import { pool } from '../db.js';`,
          `res.json((await pool.query('SELECT * FROM items WHERE id = $1', [req.params.id])).rows);`,
        ),
      }),
    ).toEqual([
      'apps/api/src/routes/items.ts:2 api-audit/layering Route module imports the data-layer module `../db.js`; go through a service so routes stay thin.',
    ]);
  });

  it('still takes a handler module in `handlers/` for the route layer when no registration links it', async () => {
    expect(
      await layering({
        'src/db.ts': DB,
        'src/handlers/admin.ts': `import { pool } from '../db.js';\n\nexport function flagged(req: unknown, res: { json(body: unknown): void }) {\n  void pool.query('SELECT * FROM users WHERE flagged').then((result) => res.json(result.rows));\n}\n`,
      }),
    ).toEqual([
      'src/handlers/admin.ts:1 api-audit/layering Route module imports the data-layer module `../db.js`; go through a service so routes stay thin.',
    ]);
  });

  it('leaves middleware modules (a passport strategy loading the user) and plugin wiring in a `service/` folder alone', async () => {
    expect(
      await layering({
        'src/models/user.ts': `import mongoose from 'mongoose';\n\nexport const User = mongoose.model('User', new mongoose.Schema({ email: String }));\n`,
        'src/config/passport.ts': `import type { NextFunction, Request, Response } from 'express';\nimport { User } from '../models/user.js';\n\nexport async function loadUser(req: Request, _res: Response, next: NextFunction) {\n  (req as Request & { account?: unknown }).account = await User.findById(req.params.id);\n  next();\n}\n`,
        'src/routes/openapi.ts': `import type { FastifyInstance } from 'fastify';\n\nexport async function openapi(app: FastifyInstance) {\n  app.get('/documentation/json', async () => ({ openapi: '3.1.0' }));\n}\n`,
        'packages/service/lib/application.ts': `import type { FastifyInstance } from 'fastify';\nimport { openapi } from '../../../src/routes/openapi.js';\n\nexport async function application(app: FastifyInstance) {\n  await app.register(openapi);\n}\n`,
        'packages/service/lib/untyped.js': `import { openapi } from '../../../src/routes/openapi.js';\n\nexport async function untyped(app) {\n  await app.register(openapi);\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { loadUser } from './config/passport.js';\n\nconst app = express();\napp.use('/users/:id', loadUser);\napp.listen(3000);\n`,
      }),
    ).toEqual([]);
  });

  it("follows the user's own layer globs over the evidence", async () => {
    const files = {
      'src/db.ts': DB,
      'src/middleware/audit.ts': `import type { NextFunction, Request, Response } from 'express';\n\nexport function audit(req: Request, _res: Response, next: NextFunction) {\n  console.log(req.method);\n  next();\n}\n`,
      'src/app.ts': `import express from 'express';\nimport { audit } from './middleware/audit.js';\n\nexport const app = express();\napp.use(audit);\n`,
    };
    expect(await layering(files)).toEqual([]);
    expect(await layering(files, { layers: { services: ['**/middleware/**'] } })).toEqual([
      'src/middleware/audit.ts:1 api-audit/layering Service module imports `NextFunction`, `Request` and `Response` from `express`; keep services free of HTTP types and objects so any transport can call them.',
    ]);
  });
});
