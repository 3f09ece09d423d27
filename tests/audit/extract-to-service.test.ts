import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Project } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';

import { extractToService, type ExtractToServiceResult } from '../../src/audit/codemods/extract-to-service.js';
import { audit } from '../../src/audit/run.js';

const inputs = join(dirname(fileURLToPath(import.meta.url)), 'extract-to-service');
const made: string[] = [];

afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A temporary service: package.json, the tests' tsconfig and framework stubs, and `files`. */
function makeService(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'api-audit-extract-'));
  made.push(root);
  writeFileSync(join(root, 'package.json'), '{ "name": "svc", "type": "module" }\n');
  copyFileSync(join(inputs, 'tsconfig.json'), join(root, 'tsconfig.json'));
  // Kept as .txt so the project's own type-check does not read these ambient modules.
  copyFileSync(join(inputs, 'framework-stubs.d.ts.txt'), join(root, 'stubs.d.ts'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function run(root: string, files: string[]): Promise<ExtractToServiceResult> {
  return extractToService({ root, files: files.map((file) => join(root, file)) });
}

function read(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/** TypeScript's errors over the whole temporary service, as `file: TSnnnn message`. */
function typeErrors(root: string): string[] {
  const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json') });
  return project.getPreEmitDiagnostics().map((diagnostic) => {
    const file =
      diagnostic
        .getSourceFile()
        ?.getFilePath()
        .slice(root.length + 1) ?? '';
    const message = diagnostic.getMessageText();
    return `${file}: TS${diagnostic.getCode()} ${typeof message === 'string' ? message : message.getMessageText()}`;
  });
}

const DB = `import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
`;

/** Runs the codemod again: nothing changes (the files keep their text, no change is listed). */
async function expectSecondRunChangesNothing(root: string, files: string[]): Promise<void> {
  const texts = snapshot(root);
  const again = await run(root, files);
  expect(again.changes).toEqual([]);
  expect(snapshot(root)).toEqual(texts);
}

/** Every file of the temporary service with its text. */
function snapshot(root: string, directory = root, into: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) snapshot(root, path, into);
    else into[path.slice(root.length + 1)] = readFileSync(path, 'utf8');
  }
  return into;
}

describe('extract-to-service', () => {
  it('Express: moves the query and the sum into `listOrders`, reads the request values first, keeps the mapping', async () => {
    const root = makeService({
      'src/db.ts': DB,
      'src/routes/orders.ts': `import { Router } from 'express';
import { prisma } from '../db.js';

export const orders = Router();

// Orders of the signed-in user, with their total.
orders.get('/orders', async (req, res) => {
  const status = req.query.status ?? 'open';
  // Only this user's orders.
  const rows = await prisma.order.findMany({ where: { userId: req.user!.id, status } });
  const total = rows.reduce((sum, order) => sum + order.total, 0); // in cents
  res.json({ orders: rows.map((order) => ({ id: order.id, total: order.total })), total });
});
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['src/routes/orders.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'src/routes/orders.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 7,
          description: `Moved the logic of GET /orders into \`listOrders\` in src/services/order.service.ts (new file).`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'src/routes/orders.ts')).toBe(`import { Router } from 'express';
import { listOrders } from '../services/order.service.js';

export const orders = Router();

// Orders of the signed-in user, with their total.
orders.get('/orders', async (req, res) => {
  const status = req.query.status ?? 'open';
  const userId = req.user!.id;
  // Only this user's orders.
  const { rows, total } = await listOrders(userId, status);
  res.json({ orders: rows.map((order) => ({ id: order.id, total: order.total })), total });
});
`);
    expect(read(root, 'src/services/order.service.ts')).toBe(`import { prisma } from '../db.js';

export async function listOrders(userId: string, status: string) {
  const rows = await prisma.order.findMany({ where: { userId: userId, status } });
  const total = rows.reduce((sum, order) => sum + order.total, 0); // in cents
  return { rows, total };
}
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['src/routes/orders.ts']);
  }, 60_000);

  it('Fastify: a handler whose result is returned, with a block comment', async () => {
    const root = makeService({
      'src/db.ts': DB,
      'src/routes/orders.ts': `import type { FastifyInstance } from 'fastify';
import { prisma } from '../db.js';

export async function orderRoutes(app: FastifyInstance) {
  app.get('/orders/:id', async (request) => {
    /* The id comes as a string. */
    const order = await prisma.order.findUnique({ where: { id: Number(request.params.id) } });
    return { id: order?.id ?? null, total: order?.total ?? 0 };
  });
}
`,
      'src/server.ts': `import fastify from 'fastify';
import { orderRoutes } from './routes/orders.js';

const app = fastify();
app.register(orderRoutes);
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['src/routes/orders.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'src/routes/orders.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 5,
          description: `Moved the logic of GET /orders/:id into \`getOrder\` in src/services/order.service.ts (new file).`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'src/routes/orders.ts')).toBe(`import type { FastifyInstance } from 'fastify';
import { getOrder } from '../services/order.service.js';

export async function orderRoutes(app: FastifyInstance) {
  app.get('/orders/:id', async (request) => {
    const id = request.params.id;
    /* The id comes as a string. */
    const order = await getOrder(id);
    return { id: order?.id ?? null, total: order?.total ?? 0 };
  });
}
`);
    expect(read(root, 'src/services/order.service.ts')).toBe(`import { prisma } from '../db.js';

export async function getOrder(id: any) {
  return await prisma.order.findUnique({ where: { id: Number(id) } });
}
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['src/routes/orders.ts']);
  }, 60_000);

  it('Hono: an arrow with an expression body gets braces; the awaited query leaves the response', async () => {
    const root = makeService({
      'src/db.ts': DB,
      'src/index.ts': `import { Hono } from 'hono';
import { prisma } from './db.js';

const app = new Hono();

// The latest twenty orders.
app.get('/orders', async (c) => c.json(await prisma.order.findMany({ take: 20 })));

export default app;
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['src/index.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'src/index.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 7,
          description: `Moved the logic of GET /orders into \`listOrders\` in src/services/order.service.ts (new file).`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'src/index.ts')).toBe(`import { Hono } from 'hono';
import { listOrders } from './services/order.service.js';

const app = new Hono();

// The latest twenty orders.
app.get('/orders', async (c) => {
  const result = await listOrders();
  return c.json(result);
});

export default app;
`);
    expect(read(root, 'src/services/order.service.ts')).toBe(`import { prisma } from '../db.js';

export async function listOrders() {
  return await prisma.order.findMany({ take: 20 });
}
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['src/index.ts']);
  }, 60_000);

  it('Koa: `ctx.params` is read in the handler, two queries move', async () => {
    const root = makeService({
      'src/db.ts': DB,
      'src/routes/orders.ts': `import Router from '@koa/router';
import { prisma } from '../db.js';

export const router = new Router();

router.get('/orders/:id', async (ctx) => {
  const order = await prisma.order.findUnique({ where: { id: Number(ctx.params.id) } });
  const count = await prisma.order.count({ where: { userId: order?.userId } }); // the user's orders
  ctx.body = { order, count };
});
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['src/routes/orders.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'src/routes/orders.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 6,
          description: `Moved the logic of GET /orders/:id into \`getOrder\` in src/services/order.service.ts (new file).`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'src/routes/orders.ts')).toBe(`import Router from '@koa/router';
import { getOrder } from '../services/order.service.js';

export const router = new Router();

router.get('/orders/:id', async (ctx) => {
  const id = ctx.params.id;
  const { order, count } = await getOrder(id);
  ctx.body = { order, count };
});
`);
    expect(read(root, 'src/services/order.service.ts')).toBe(`import { prisma } from '../db.js';

export async function getOrder(id: string) {
  const order = await prisma.order.findUnique({ where: { id: Number(id) } });
  const count = await prisma.order.count({ where: { userId: order?.userId } }); // the user's orders
  return { order, count };
}
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['src/routes/orders.ts']);
  }, 60_000);

  it('Next.js route handler: the body is read in the handler; the service goes beside `app/`', async () => {
    const root = makeService({
      'lib/db.ts': DB,
      'app/api/orders/route.ts': `import { NextResponse } from 'next/server';
import { prisma } from '../../../lib/db';

export async function POST(request: Request) {
  const body = await request.json();
  // New orders start open.
  const order = await prisma.order.create({ data: { userId: body.userId, total: body.total, status: 'open' } });
  return NextResponse.json({ id: order.id }, { status: 201 });
}
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['app/api/orders/route.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'app/api/orders/route.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 4,
          description: `Moved the logic of POST /api/orders into \`createOrder\` in services/order.service.ts (new file).`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'app/api/orders/route.ts')).toBe(`import { NextResponse } from 'next/server';
import { createOrder } from '../../../services/order.service';

export async function POST(request: Request) {
  const body = await request.json();
  // New orders start open.
  const order = await createOrder(body);
  return NextResponse.json({ id: order.id }, { status: 201 });
}
`);
    expect(read(root, 'services/order.service.ts')).toBe(`import { prisma } from '../lib/db';

export async function createOrder(body: any) {
  return await prisma.order.create({ data: { userId: body.userId, total: body.total, status: 'open' } });
}
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['app/api/orders/route.ts']);
  }, 60_000);

  it("NestJS: the logic becomes a method of the injected service, using the service's own PrismaService", async () => {
    const root = makeService({
      'src/prisma/prisma.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}
`,
      'src/orders/orders.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class OrdersService {
  constructor(private readonly db: PrismaService) {}

  count() {
    return this.db.order.count();
  }
}
`,
      'src/orders/orders.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { OrdersService } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrdersService,
  ) {}

  @Get(':id')
  async findOne(@Param('id') id: string) {
    // Ids are numbers in the database.
    const order = await this.prisma.order.findUnique({ where: { id: Number(id) } });
    return { id: order?.id, total: order?.total };
  }
}
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['src/orders/orders.controller.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'src/orders/orders.controller.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 13,
          description: `Moved the logic of GET /orders/:id into \`OrdersService.findOne\` in src/orders/orders.service.ts.`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'src/orders/orders.controller.ts')).toBe(`import { Controller, Get, Param } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { OrdersService } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly orders: OrdersService,
  ) {}

  @Get(':id')
  async findOne(@Param('id') id: string) {
    // Ids are numbers in the database.
    const order = await this.orders.findOne(id);
    return { id: order?.id, total: order?.total };
  }
}
`);
    expect(read(root, 'src/orders/orders.service.ts')).toBe(`import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class OrdersService {
  constructor(private readonly db: PrismaService) {}

  count() {
    return this.db.order.count();
  }

  async findOne(id: string) {
    const prisma = this.db;
    return await prisma.order.findUnique({ where: { id: Number(id) } });
  }
}
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['src/orders/orders.controller.ts']);
  }, 60_000);

  it('a client made in the route file moves to a module of its own first (TypeScript\'s "Move to a new file")', async () => {
    const root = makeService({
      'src/routes/orders.ts': `import { Router } from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const orders = Router();

orders.get('/orders', async (req, res) => {
  const rows = await prisma.order.findMany({ take: 10 });
  res.json(rows);
});
`,
    });
    expect(typeErrors(root)).toEqual([]);
    const result = await run(root, ['src/routes/orders.ts']);
    expect(result).toEqual({
      changes: [
        {
          file: 'src/routes/orders.ts',
          kind: 'codemod',
          ruleId: 'api-audit/no-business-logic-in-routes',
          line: 7,
          description: `Moved the logic of GET /orders into \`listOrders\` in src/services/order.service.ts (new file).`,
        },
      ],
      skipped: [],
    });
    expect(read(root, 'src/routes/orders.ts')).toBe(`import { Router } from 'express';
import { listOrders } from '../services/order.service';

export const orders = Router();

orders.get('/orders', async (req, res) => {
  const rows = await listOrders();
  res.json(rows);
});
`);
    expect(read(root, 'src/services/order.service.ts')).toBe(`import { prisma } from '../routes/prisma';

export async function listOrders() {
  return await prisma.order.findMany({ take: 10 });
}
`);
    expect(read(root, 'src/routes/prisma.ts')).toBe(`import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
`);
    expect(typeErrors(root)).toEqual([]);
    await expectSecondRunChangesNothing(root, ['src/routes/orders.ts']);
  }, 60_000);

  it('skips what it cannot move safely, says why, and changes nothing', async () => {
    const files = {
      'src/db.ts': DB,
      'src/routes/orders.ts': `import { Router } from 'express';
import { prisma } from '../db.js';

export const orders = Router();

orders.get('/orders/:id', async (req, res) => {
  const order = await prisma.order.findUnique({ where: { id: Number(req.params.id) } });
  if (!order) return res.status(404).json({ error: 'not found' });
  res.json(order);
});

orders.post('/orders', async (req, res, next) => {
  try {
    const order = await prisma.order.create({ data: req.body });
    res.status(201).json(order);
  } catch (error) {
    next(error);
  }
});

orders.put('/orders/:id', async (req, res) => {
  const order = await prisma.order.findUnique({ where: { id: Number(req.params.id) } });
  res.status(order ? 200 : 404);
  res.json(order);
});

orders.delete('/orders/:id', async (req, res) => {
  const count = await prisma.order.count({ where: { userId: describe(req) } });
  res.json({ count });
});

function describe(req: { params: Record<string, string> }): string {
  return req.params.id ?? '';
}
`,
      'src/routes/legacy.js': `import { Router } from 'express';
import { prisma } from '../db.js';

export const legacy = Router();

legacy.get('/legacy', async (req, res) => {
  const rows = await prisma.order.findMany();
  res.json(rows);
});
`,
    };
    const root = makeService({
      ...files,
      'src/app.ts': `import { Hono } from 'hono';
import type { Context } from 'hono';
import { prisma } from './db.js';

const app = new Hono();

const owner = (c: Context) => c.req.param('userId');

app.get('/users/:userId/orders', async (c) => c.json(await prisma.order.findMany({ where: { userId: owner(c) } })));
`,
    });
    const texts = snapshot(root);
    const result = await run(root, ['src/routes/orders.ts', 'src/routes/legacy.js', 'src/app.ts']);
    expect(result).toEqual({
      changes: [],
      skipped: [
        {
          file: 'src/routes/orders.ts',
          line: 6,
          where: 'GET /orders/:id',
          reason: `it does not send one response as its last statement`,
        },
        { file: 'src/routes/orders.ts', line: 12, where: 'POST /orders', reason: `it calls \`next\`` },
        {
          file: 'src/routes/orders.ts',
          line: 21,
          where: 'PUT /orders/:id',
          reason: `its logic uses \`res\` (res.status)`,
        },
        {
          file: 'src/routes/orders.ts',
          line: 27,
          where: 'DELETE /orders/:id',
          reason: `its logic passes \`req\` itself on`,
        },
        {
          file: 'src/routes/legacy.js',
          line: 6,
          where: 'GET /legacy',
          reason: `JavaScript: without types the move could not be checked; move it by hand`,
        },
        {
          file: 'src/app.ts',
          line: 9,
          where: 'GET /users/:userId/orders',
          reason: 'its logic passes `c` itself on',
        },
      ],
    });
    expect(snapshot(root)).toEqual(texts);
    expect(existsSync(join(root, 'src/services'))).toBe(false);
  }, 60_000);

  it('NestJS: skips a controller that injects no service', async () => {
    const root = makeService({
      'src/prisma/prisma.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}
`,
      'src/orders/orders.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Controller('orders')
export class OrdersController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  async findAll() {
    const rows = await this.prisma.order.findMany();
    return rows.map((order) => order.id);
  }
}
`,
    });
    const texts = snapshot(root);
    const result = await run(root, ['src/orders/orders.controller.ts']);
    expect(result).toEqual({
      changes: [],
      skipped: [
        {
          file: 'src/orders/orders.controller.ts',
          line: 9,
          where: 'GET /orders',
          reason: `\`OrdersController\` injects no service class to move it into`,
        },
      ],
    });
    expect(snapshot(root)).toEqual(texts);
  }, 60_000);

  it('rolls back a move whose service would import the route file back (a helper function of the route file)', async () => {
    const root = makeService({
      'src/db.ts': DB,
      'src/routes/orders.ts': `import { Router } from 'express';
import { prisma } from '../db.js';

export const orders = Router();

function pageSize(limit: string | undefined): number {
  return Math.min(Number(limit ?? 20), 100);
}

orders.get('/orders', async (req, res) => {
  const rows = await prisma.order.findMany({ take: pageSize(req.query.limit) });
  res.json(rows);
});
`,
    });
    const texts = snapshot(root);
    const result = await run(root, ['src/routes/orders.ts']);
    expect(result).toEqual({
      changes: [],
      skipped: [
        {
          file: 'src/routes/orders.ts',
          line: 10,
          where: 'GET /orders',
          reason: `its logic uses \`pageSize\` of the route file, which the service would import back (move \`pageSize\` to its own module first)`,
        },
      ],
    });
    expect(snapshot(root)).toEqual(texts);
  }, 60_000);

  it('`api-audit --fix --unsafe` runs it and lists the move and the handlers it left', async () => {
    const root = makeService({
      'src/db.ts': DB,
      'src/routes/orders.ts': `import { Router } from 'express';
import { prisma } from '../db.js';

export const orders = Router();

orders.get('/orders', async (req, res) => {
  const rows = await prisma.order.findMany({ take: 10 });
  res.json(rows);
});

orders.get('/orders/:id', async (req, res) => {
  const order = await prisma.order.findUnique({ where: { id: Number(req.params.id) } });
  if (!order) return res.status(404).json({ error: 'not found' });
  res.json(order);
});
`,
    });
    const report = await audit({ path: root, fix: true, unsafe: true, lintOnly: true, engine: 'eslint' });
    expect(report.changes).toEqual([
      {
        file: 'src/routes/orders.ts',
        kind: 'codemod',
        ruleId: 'api-audit/no-business-logic-in-routes',
        line: 6,
        description: 'Moved the logic of GET /orders into `listOrders` in src/services/order.service.ts (new file).',
      },
    ]);
    expect(report.warnings).toContain(
      'Not moved to a service: GET /orders/:id (src/routes/orders.ts:12): it does not send one response as its last statement.',
    );
    expect(read(root, 'src/services/order.service.ts')).toBe(`import { prisma } from '../db.js';

export async function listOrders() {
  return await prisma.order.findMany({ take: 10 });
}
`);
    expect(report.findings.filter((finding) => finding.ruleId === 'api-audit/no-business-logic-in-routes')).toEqual([
      expect.objectContaining({ file: 'src/routes/orders.ts', line: 13 }),
    ]);
    expect(typeErrors(root)).toEqual([]);
  }, 60_000);
});
