import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import parser from '@typescript-eslint/parser';
import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-pagination.js';

const ruleTester = new RuleTester();
/** CommonJS cases (`require` tracked as a global); rule-tester's `TestLanguageOptions` lacks `sourceType`. */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

/**
 * A small service on disk, for the cases that need the project index: route files whose queries sit in
 * a service or repository module, a NestJS controller whose service is in its own file, and controllers
 * registered by a routes file. Each linted file is written with the code it is linted with.
 */
const service = mkdtempSync(join(tmpdir(), 'api-audit-pagination-'));
afterAll(() => rmSync(service, { recursive: true, force: true }));

const USER_ROUTES = `import { Router } from 'express';
import { listUsers, findUser, searchUsers } from '../services/users.js';
export const users = Router();
users.get('/users', async (req, res) => {
  res.json({ data: await listUsers(req.user.teamId) });
});
users.get('/users/search', async (req, res) => {
  res.json(await searchUsers(req.query.q, req.query.limit));
});
users.get('/users/:id', async (req, res) => {
  res.json(await findUser(req.params.id));
});
`;
const PAGED_ROUTES = `import { Router } from 'express';
import * as orders from '../services/orders.js';
export const paged = Router();
paged.get('/orders', async (req, res) => {
  const page = await orders.listOrders({ limit: req.query.limit, cursor: req.query.cursor });
  res.json(page);
});
`;
const NEST_CONTROLLER = `import { Controller, Get, Param } from '@nestjs/common';
import { ArticlesService } from './articles.service';
@Controller('articles')
export class ArticlesController {
  constructor(private readonly articlesService: ArticlesService) {}
  @Get()
  findAll() {
    return this.articlesService.findAll();
  }
  @Get('drafts')
  findDrafts() {
    return this.articlesService.findDrafts();
  }
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.articlesService.findOne(id);
  }
}
`;
const PRODUCT_CONTROLLER = `const Product = require('../models/product');
exports.listProducts = async (req, res) => {
  const products = await Product.find({ published: true }).sort({ createdAt: -1 });
  res.json(products);
};
exports.topProducts = async (req, res) => {
  const products = await Product.find({}).sort({ rating: -1 }).limit(3);
  res.json(products);
};
`;

const PROJECT_ROUTES = `const ProjectController = require('../controllers/ProjectController');
module.exports = (app) => {
  const projectController = new ProjectController();
  app.get('/project/team/:team_id', (req, res) => {
    return projectController.getTeamProjects(req.params.team_id)
      .then((projects) => {
        const visible = projects.filter((project) => !project.ghost);
        return res.status(200).send(visible);
      })
      .catch((error) => res.status(400).send(error));
  });
  app.get('/project/:id', (req, res) => {
    return projectController.findById(req.params.id).then((project) => res.send(project));
  });
};
`;

const serviceFiles: Record<string, string> = {
  'package.json': '{ "name": "service", "private": true }',
  'src/db.js': `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`,
  'src/services/users.js': `import { prisma } from '../db.js';
export async function listUsers(teamId) {
  return prisma.user.findMany({ where: { teamId }, orderBy: { name: 'asc' } });
}
export async function findUser(id) {
  return prisma.user.findUnique({ where: { id } });
}
export async function searchUsers(q, limit) {
  return prisma.user.findMany({ where: { name: { contains: q } }, take: Number(limit) });
}
`,
  'src/services/orders.js': `import { prisma } from '../db.js';
export async function listOrders({ limit, cursor }) {
  const take = Math.min(Number(limit) || 20, 100);
  const items = await prisma.order.findMany({ take, cursor: cursor ? { id: cursor } : undefined });
  return { items, next: items.at(-1)?.id ?? null };
}
`,
  'src/routes/users.js': USER_ROUTES,
  'src/routes/paged.js': PAGED_ROUTES,
  'src/articles/articles.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
@Injectable()
export class ArticlesService {
  constructor(private readonly prisma: PrismaService) {}
  findAll() {
    return this.prisma.article.findMany({ where: { published: true }, take: 50 });
  }
  findDrafts() {
    return this.prisma.article.findMany({ where: { published: false } });
  }
  findOne(id: string) {
    return this.prisma.article.findUnique({ where: { id } });
  }
}
`,
  'src/articles/articles.controller.ts': NEST_CONTROLLER,
  'src/models/product.js': `const mongoose = require('mongoose');
module.exports = mongoose.model('Product', new mongoose.Schema({ name: String, rating: Number }));
`,
  'src/controllers/products.js': PRODUCT_CONTROLLER,
  'src/routes/products.js': `const express = require('express');
const { listProducts, topProducts } = require('../controllers/products');
const router = express.Router();
router.get('/', listProducts);
router.get('/top', topProducts);
module.exports = router;
`,
  'src/controllers/ProjectController.js': `const db = require('../models/models');
class ProjectController {
  getTeamProjects(teamId) {
    return db.Project.findAll({ where: { team_id: teamId } })
      .then((projects) => projects)
      .catch((error) => Promise.reject(error));
  }
  findById(id) {
    return db.Project.findByPk(id);
  }
}
module.exports = ProjectController;
`,
  'src/models/models.js': `const { Sequelize } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
module.exports = { sequelize, Project: sequelize.define('Project', {}) };
`,
  'src/routes/projects.js': PROJECT_ROUTES,
  'src/app.js': `const express = require('express');
const app = express();
app.use('/api/products', require('./routes/products'));
require('./routes/projects')(app);
module.exports = app;
`,
};
for (const [path, text] of Object.entries(serviceFiles)) {
  mkdirSync(dirname(join(service, path)), { recursive: true });
  writeFileSync(join(service, path), text);
}

ruleTester.run('require-pagination', rule, {
  valid: [
    // Express + Prisma: offset pagination with a capped page size, the shape the docs recommend.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const take = Math.min(Number(req.query.limit) || 20, 100);
  const skip = Number(req.query.offset) || 0;
  const posts = await prisma.post.findMany({ where: { published: true }, take, skip, orderBy: { id: 'desc' } });
  res.json({ data: posts });
});
`,
    // Lookups by unique key, counts and aggregates are bounded by nature.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await prisma.user.findUnique({ where: { id: req.params.id } }));
});
app.get('/users/latest', async (req, res) => {
  res.json(await prisma.user.findFirst({ orderBy: { createdAt: 'desc' } }));
});
app.get('/stats', async (req, res) => {
  const total = await prisma.user.count();
  const byRole = await prisma.user.groupBy({ by: ['role'], _count: true });
  const spend = await prisma.order.aggregate({ _sum: { total: true } });
  res.json({ total, byRole, spend });
});
`,
    // Rows picked by primary key (as many as the caller listed), and `distinct` on a column.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/users/batch', async (req, res) => {
  const ids = String(req.query.ids).split(',');
  res.json(await prisma.user.findMany({ where: { id: { in: ids } } }));
});
app.get('/categories', async (req, res) => {
  res.json(await prisma.product.findMany({ distinct: ['category'], select: { category: true } }));
});
`,
    // Cursor pagination: `take` with a cursor.
    `
import { Hono } from 'hono';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = new Hono();
app.get('/feed', async (c) => {
  const cursor = c.req.query('cursor');
  const items = await prisma.post.findMany({ take: 25, ...(cursor ? {} : {}), orderBy: { id: 'asc' } });
  return c.json(items);
});
`,
    // A mutation route is not a list endpoint, whatever it reads.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.post('/users/import', async (req, res) => {
  const existing = await prisma.user.findMany({ where: { email: { in: req.body.emails } } });
  res.json(existing);
});
`,
    // The rows are read but only their number is sent.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/users/count', async (req, res) => {
  const users = await prisma.user.findMany({ where: { active: true } });
  res.json({ count: users.length });
});
`,
    // Mongoose: a constant limit, a lookup by id, a count, and a streamed cursor.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Product = mongoose.model('Product', new mongoose.Schema({ name: String }));
const router = express.Router();
router.get('/top', async (req, res) => {
  res.json(await Product.find({}).sort({ rating: -1 }).limit(3));
});
router.get('/:id', async (req, res) => {
  res.json(await Product.findById(req.params.id));
});
router.get('/count', async (req, res) => {
  res.json({ count: await Product.countDocuments() });
});
router.get('/stream', async (req, res) => {
  const cursor = Product.find().cursor();
  for await (const product of cursor) res.write(JSON.stringify(product));
  res.end();
});
module.exports = router;
`,
      languageOptions: commonjs,
    },
    // Mongoose: a constant page size with a keyword filter and a count (proshop's product list), and a
    // paginate plugin (`paginate(filter, options)` pages by itself).
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Product = mongoose.model('Product', new mongoose.Schema({ name: String }));
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
const router = express.Router();
router.get('/products', async (req, res) => {
  const pageSize = 8;
  const page = Number(req.query.pageNumber) || 1;
  const keyword = req.query.keyword ? { name: { $regex: req.query.keyword, $options: 'i' } } : {};
  const count = await Product.countDocuments({ ...keyword });
  const products = await Product.find({ ...keyword }).limit(pageSize).skip(pageSize * (page - 1));
  res.json({ products, page, pages: Math.ceil(count / pageSize) });
});
router.get('/users', async (req, res) => {
  res.send(await User.paginate({ role: req.query.role }, { limit: 10, page: Number(req.query.page) || 1 }));
});
module.exports = router;
`,
      languageOptions: commonjs,
    },
    // A filter built up through its binding may gain a primary key: undecided, silent.
    `
import express from 'express';
import { Model } from 'sequelize';
class Schedule extends Model {}
const app = express();
app.get('/schedules', async (req, res) => {
  const conditions = { companyId: req.user.companyId };
  if (req.query.id) conditions.id = req.query.id;
  res.json(await Schedule.findAll({ where: conditions }));
});
`,
    // A mutable query bound by a later call on its binding.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Review = mongoose.model('Review', new mongoose.Schema({ body: String }));
const router = express.Router();
router.get('/reviews', async (req, res) => {
  const query = Review.find({ approved: true });
  query.limit(50);
  res.json(await query);
});
module.exports = router;
`,
      languageOptions: commonjs,
    },
    // node-postgres: LIMIT in the SQL, a lookup by id, an aggregate.
    `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/events', async (req, res) => {
  const { rows } = await pool.query('SELECT id, name FROM events ORDER BY id DESC LIMIT 50');
  res.json(rows);
});
app.get('/events/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM events WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});
app.get('/events-total', async (req, res) => {
  const result = await pool.query('SELECT COUNT(*) AS total FROM events');
  res.json(result.rows);
});
app.get('/events-by-kind', async (req, res) => {
  const result = await pool.query('SELECT kind, COUNT(*) FROM events GROUP BY kind');
  res.json(result.rows);
});
`,
    // Knex and Drizzle builders with a limit, and a Knex `first()`.
    `
import express from 'express';
import knex from 'knex';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = knex({ client: 'pg' });
const orm = drizzle(process.env.DATABASE_URL);
const app = express();
app.get('/a', async (req, res) => {
  res.json(await db('users').where({ active: true }).orderBy('id').limit(50));
});
app.get('/b', async (req, res) => {
  res.json(await db('users').where({ email: req.query.email }).first());
});
app.get('/c', async (req, res) => {
  res.json(await orm.select().from(users).limit(20));
});
`,
    // Sequelize with a clamped page size; a TypeORM query builder with `take`.
    `
import Koa from 'koa';
import Router from '@koa/router';
import { Sequelize, Model } from 'sequelize';
import { DataSource } from 'typeorm';
class User extends Model {}
const dataSource = new DataSource({ type: 'postgres' });
const router = new Router();
router.get('/users', async (ctx) => {
  const limit = Math.min(parseInt(ctx.query.limit, 10) || 20, 100);
  ctx.body = await User.findAll({ limit, offset: Number(ctx.query.offset) || 0 });
});
router.get('/photos', async (ctx) => {
  ctx.body = await dataSource.getRepository('Photo').createQueryBuilder('photo').orderBy('photo.id').take(20).getMany();
});
`,
    // An export route hands over every row on purpose (`checkExportRoutes` is off by default).
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/orders/export.csv', async (req, res) => {
  const orders = await prisma.order.findMany({ where: { shopId: req.user.shopId } });
  res.send(orders.map((order) => \`\${order.id},\${order.total}\`).join('\\n'));
});
`,
    // Next.js pages/api: the list read is in the POST branch, the GET branch reads one row.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req, res) {
  if (req.method === 'POST') {
    const created = await prisma.link.createMany({ data: req.body.links });
    const links = await prisma.link.findMany({ where: { ownerId: req.body.ownerId } });
    return res.status(201).json(links);
  }
  res.json(await prisma.link.findFirst({ where: { slug: String(req.query.slug) } }));
}
`,
      filename: '/srv/next/pages/api/links.ts',
    },
    // Hono: a page size the validator checked.
    `
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = new Hono();
app.get('/tasks', zValidator('query', z.object({ limit: z.coerce.number().max(100) })), async (c) => {
  const { limit } = c.req.valid('query');
  return c.json(await prisma.task.findMany({ take: limit }));
});
`,
    // Fastify: the querystring schema caps the page size.
    `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.get('/items', {
  schema: { querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } } } },
}, async (request) => {
  return prisma.item.findMany({ take: request.query.limit });
});
`,
    // Express: the page size comes out of a zod parse, a clamp helper, or a capped `let`.
    `
import express from 'express';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
import { clamp } from './util';
const prisma = new PrismaClient();
const app = express();
const Query = z.object({ limit: z.coerce.number().int().max(100).default(20) });
app.get('/a', async (req, res) => {
  const { limit } = Query.parse(req.query);
  res.json(await prisma.a.findMany({ take: limit }));
});
app.get('/b', async (req, res) => {
  res.json(await prisma.b.findMany({ take: clamp(Number(req.query.limit), 1, 100) }));
});
app.get('/c', async (req, res) => {
  let limit = Number(req.query.limit) || 20;
  if (limit > 100) limit = 100;
  res.json(await prisma.c.findMany({ take: limit }));
});
`,
    // A page size checked by a guard that rejects large values.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req, res) {
  const take = Number(req.query.take ?? 4);
  if (take >= 50) return res.status(400).json({ error: 'take must be below 50' });
  res.json(await prisma.file.findMany({ take, where: { userId: req.user.id } }));
}
`,
      filename: '/srv/next/pages/api/user/recent.ts',
    },
    // A detail route: the item's colors are part of the one item it serves; `{ ...item, colors }` too.
    `
import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
app.get('/items/:id', async (req, res) => {
  const item = await db('items').where({ id: req.params.id }).first();
  const colors = await db('colors').join('item_colors', 'colors.id', 'item_colors.color_id').where({ item_id: item.id }).select('colors.*');
  res.json({ item, colors });
});
app.get('/items/daily/pick', async (req, res) => {
  const item = await db('items').where({ featured: true }).first();
  const colors = await db('colors').where({ item_id: item.id }).select('*');
  res.json({ ...item, colors });
});
`,
    // Reference data small by nature: built-in names (countries, categories), a dropdown-menu route,
    // and `allowModels`.
    `
import express from 'express';
import knex from 'knex';
import { Model } from 'sequelize';
class Category extends Model {}
const db = knex({ client: 'pg' });
const app = express();
app.get('/countries', async (req, res) => {
  res.json(await db('countries').select('code', 'name').orderBy('name'));
});
app.get('/categories', async (req, res) => {
  res.json(await Category.findAll({ order: [['name', 'ASC']] }));
});
app.get('/items/menus', async (req, res) => {
  res.json({ garments: await db('garment_titles').select('*'), fits: await db('fits').select('*') });
});
`,
    // `allowModels`: reference data of the service's own domain.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/airports', async (req, res) => {
  res.json(await prisma.airport.findMany({ orderBy: { code: 'asc' } }));
});
`,
      options: [{ allowModels: ['airports'] }],
    },
    // A slice of the rows is bounded by its size.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/tags/popular', async (req, res) => {
  const tags = await prisma.tag.findMany({ orderBy: { uses: 'desc' } });
  res.json(tags.slice(0, 10));
});
`,
    // A local object that only looks like a client is not tracked.
    `
import express from 'express';
const prisma = { user: { findMany: async () => [] } };
const app = express();
app.get('/users', async (req, res) => {
  res.json(await prisma.user.findMany());
});
`,
    // No routes: a script may read everything.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function reindex() {
  const users = await prisma.user.findMany();
  return users.length;
}
`,
    // Tests never serve requests.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/users', async (req, res) => res.json(await prisma.user.findMany()));
`,
      filename: '/srv/api/src/__tests__/users.test.ts',
    },
    // Cross-file: a service that pages with a capped size and a cursor.
    { code: PAGED_ROUTES, filename: join(service, 'src/routes/paged.js'), options: [{ checkOtherFiles: true }] },
    // Without `checkOtherFiles`, queries in other files are not read (the route file names no query).
    { code: USER_ROUTES, filename: join(service, 'src/routes/users.js') },
  ],
  invalid: [
    // Express + Prisma: a parent-scoped list, sent through `.map`.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/projects', async (req, res) => {
  const projects = await prisma.project.findMany({ where: { teamId: req.user.teamId } });
  res.json(projects.map((project) => ({ id: project.id, name: project.name })));
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /projects',
            call: 'prisma.project.findMany',
            bound: '`take` (and `skip` or a `cursor`)',
          },
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 89,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/projects', async (req, res) => {
  const projects = await prisma.project.findMany({ where: { teamId: req.user.teamId }, take: 100 });
  res.json(projects.map((project) => ({ id: project.id, name: project.name })));
});
`,
            },
          ],
        },
      ],
    },
    // Express + Prisma: a client-supplied page size without a cap.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const { limit = 20, offset = 0 } = req.query;
  const posts = await prisma.post.findMany({ take: Number(limit), skip: Number(offset) });
  res.json({ data: posts });
});
`,
      errors: [
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'prisma.post.findMany',
            input: 'req.query.limit',
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 8,
          column: 52,
          endLine: 8,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const { limit = 20, offset = 0 } = req.query;
  const posts = await prisma.post.findMany({ take: Math.min(Number(limit) || 20, 100), skip: Number(offset) });
  res.json({ data: posts });
});
`,
            },
          ],
        },
      ],
    },
    // Express + Prisma: `$transaction([findMany, count])` with no `take`, and a query without arguments.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/invoices', async (req, res) => {
  const [items, total] = await prisma.$transaction([
    prisma.invoice.findMany({ where: { accountId: req.user.accountId } }),
    prisma.invoice.count({ where: { accountId: req.user.accountId } }),
  ]);
  res.json({ items, total });
});
app.get('/webhooks', async (req, res) => {
  res.json(await prisma.webhook.findMany());
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/invoices', async (req, res) => {
  const [items, total] = await prisma.$transaction([
    prisma.invoice.findMany({ where: { accountId: req.user.accountId }, take: 100 }),
    prisma.invoice.count({ where: { accountId: req.user.accountId } }),
  ]);
  res.json({ items, total });
});
app.get('/webhooks', async (req, res) => {
  res.json(await prisma.webhook.findMany());
});
`,
            },
          ],
        },
        {
          messageId: 'unboundedList',
          data: { route: 'GET /webhooks', call: 'prisma.webhook.findMany', bound: '`take` (and `skip` or a `cursor`)' },
          line: 14,
          column: 33,
          endLine: 14,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/invoices', async (req, res) => {
  const [items, total] = await prisma.$transaction([
    prisma.invoice.findMany({ where: { accountId: req.user.accountId } }),
    prisma.invoice.count({ where: { accountId: req.user.accountId } }),
  ]);
  res.json({ items, total });
});
app.get('/webhooks', async (req, res) => {
  res.json(await prisma.webhook.findMany({ take: 100 }));
});
`,
            },
          ],
        },
      ],
    },
    // Express: a timeline (`/feed`) with the client's `take` and only a fallback, not a cap.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/feed', async (req, res) => {
  const { searchString, skip, take } = req.query;
  const posts = await prisma.post.findMany({
    where: { published: true, title: { contains: String(searchString ?? '') } },
    take: Number(take) || undefined,
    skip: Number(skip) || undefined,
  });
  res.json(posts);
});
`,
      errors: [
        {
          messageId: 'uncappedLimit',
          data: { call: 'prisma.post.findMany', input: 'req.query.take', defaultPageSize: '20', maxPageSize: '100' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/feed', async (req, res) => {
  const { searchString, skip, take } = req.query;
  const posts = await prisma.post.findMany({
    where: { published: true, title: { contains: String(searchString ?? '') } },
    take: Math.min(Number(take) || 20, 100),
    skip: Number(skip) || undefined,
  });
  res.json(posts);
});
`,
            },
          ],
        },
      ],
    },
    // Hono OpenAPI + Drizzle (SQLite): `.all()` runs the select; the rows pass through a zod `parse`.
    {
      code: `
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { drizzle } from 'drizzle-orm/libsql';
import { eq } from 'drizzle-orm';
import { incidents, IncidentSchema } from './schema';
const db = drizzle(process.env.DATABASE_URL);
const app = new OpenAPIHono();
const listRoute = createRoute({ method: 'get', path: '/incidents', responses: {} });
app.openapi(listRoute, async (c) => {
  const rows = await db.select().from(incidents).where(eq(incidents.workspaceId, c.get('workspace').id)).all();
  return c.json(IncidentSchema.array().parse(rows), 200);
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /incidents',
            call: 'db.select(…).from',
            bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
          },
          line: 10,
          column: 25,
          endLine: 10,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'addBound',
              data: {
                maxPageSize: '100',
                bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
              },
              output: `
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { drizzle } from 'drizzle-orm/libsql';
import { eq } from 'drizzle-orm';
import { incidents, IncidentSchema } from './schema';
const db = drizzle(process.env.DATABASE_URL);
const app = new OpenAPIHono();
const listRoute = createRoute({ method: 'get', path: '/incidents', responses: {} });
app.openapi(listRoute, async (c) => {
  const rows = await db.select().from(incidents).where(eq(incidents.workspaceId, c.get('workspace').id)).limit(100).all();
  return c.json(IncidentSchema.array().parse(rows), 200);
});
`,
            },
          ],
        },
      ],
    },
    // Express + Mongoose (CommonJS): `find` with a sort, sent as is; a page size parsed but not capped.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Order = mongoose.model('Order', new mongoose.Schema({ user: String }));
const router = express.Router();
router.get('/orders/mine', async (req, res) => {
  const orders = await Order.find({ user: req.user._id }).sort({ createdAt: -1 });
  res.json(orders);
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /orders/mine',
            call: 'Order.find',
            bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
          },
          line: 7,
          column: 30,
          endLine: 7,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'addBound',
              data: {
                maxPageSize: '100',
                bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
              },
              output: `
const express = require('express');
const mongoose = require('mongoose');
const Order = mongoose.model('Order', new mongoose.Schema({ user: String }));
const router = express.Router();
router.get('/orders/mine', async (req, res) => {
  const orders = await Order.find({ user: req.user._id }).limit(100).sort({ createdAt: -1 });
  res.json(orders);
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Product = mongoose.model('Product', new mongoose.Schema({ name: String }));
const router = express.Router();
router.get('/products', async (req, res) => {
  const pageSize = req.query.pageSize;
  const page = Number(req.query.page) || 1;
  const products = await Product.find({}).limit(parseInt(pageSize)).skip(pageSize * (page - 1));
  res.json({ products, page });
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'Product.find(…).limit(…).skip',
            input: 'req.query.pageSize',
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 9,
          column: 49,
          endLine: 9,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
const express = require('express');
const mongoose = require('mongoose');
const Product = mongoose.model('Product', new mongoose.Schema({ name: String }));
const router = express.Router();
router.get('/products', async (req, res) => {
  const pageSize = req.query.pageSize;
  const page = Number(req.query.page) || 1;
  const products = await Product.find({}).limit(Math.min(parseInt(pageSize) || 20, 100)).skip(pageSize * (page - 1));
  res.json({ products, page });
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    // Express + Sequelize (CommonJS): the rows reach `res.send` through `.then((data) => …)`.
    {
      code: `
const express = require('express');
const { Sequelize, Op } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Tutorial = sequelize.define('tutorial', {});
const router = express.Router();
router.get('/tutorials', (req, res) => {
  const title = req.query.title;
  const condition = title ? { title: { [Op.iLike]: \`%\${title}%\` } } : null;
  Tutorial.findAll({ where: condition })
    .then((data) => res.send(data))
    .catch((err) => res.status(500).send({ message: err.message }));
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'unboundedList',
          data: { route: 'GET /tutorials', call: 'Tutorial.findAll', bound: '`limit` (and `offset`)' },
          line: 10,
          column: 12,
          endLine: 10,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`limit` (and `offset`)' },
              output: `
const express = require('express');
const { Sequelize, Op } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Tutorial = sequelize.define('tutorial', {});
const router = express.Router();
router.get('/tutorials', (req, res) => {
  const title = req.query.title;
  const condition = title ? { title: { [Op.iLike]: \`%\${title}%\` } } : null;
  Tutorial.findAll({ where: condition, limit: 100 })
    .then((data) => res.send(data))
    .catch((err) => res.status(500).send({ message: err.message }));
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    // A filter built up through its binding without a primary key is still a list.
    {
      code: `
import express from 'express';
import { Model, Op } from 'sequelize';
class Professional extends Model {}
const app = express();
app.get('/professionals/search', async (req, res) => {
  const where = { companyId: req.user.companyId };
  if (req.query.name) where.name = { [Op.like]: String(req.query.name) };
  res.json(await Professional.findAll({ where }));
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: { route: 'GET /professionals/search', call: 'Professional.findAll', bound: '`limit` (and `offset`)' },
          line: 9,
          column: 31,
          endLine: 9,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`limit` (and `offset`)' },
              output: `
import express from 'express';
import { Model, Op } from 'sequelize';
class Professional extends Model {}
const app = express();
app.get('/professionals/search', async (req, res) => {
  const where = { companyId: req.user.companyId };
  if (req.query.name) where.name = { [Op.like]: String(req.query.name) };
  res.json(await Professional.findAll({ where, limit: 100 }));
});
`,
            },
          ],
        },
      ],
    },
    // Express: a rendered page lists every row as well.
    {
      code: `
import express from 'express';
import mongoose from 'mongoose';
const Store = mongoose.model('Store', new mongoose.Schema({ name: String }));
const app = express();
app.get('/stores', async (req, res) => {
  const stores = await Store.find();
  res.render('stores', { title: 'Stores', stores });
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /stores',
            call: 'Store.find',
            bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
          },
          line: 7,
          column: 30,
          endLine: 7,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'addBound',
              data: {
                maxPageSize: '100',
                bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
              },
              output: `
import express from 'express';
import mongoose from 'mongoose';
const Store = mongoose.model('Store', new mongoose.Schema({ name: String }));
const app = express();
app.get('/stores', async (req, res) => {
  const stores = await Store.find().limit(100);
  res.render('stores', { title: 'Stores', stores });
});
`,
            },
          ],
        },
      ],
    },
    // Express + node-postgres: `{ rows }` of a SELECT without LIMIT, and mysql2's `[rows]`.
    {
      code: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/tutorials', async (req, res) => {
  const { rows } = await pool.query('SELECT id, title FROM tutorials WHERE published = true ORDER BY id');
  res.json(rows);
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /tutorials',
            call: 'pool.query',
            bound: '`LIMIT` (and `OFFSET` or a `WHERE` on a sorted key)',
          },
          line: 7,
          column: 31,
          endLine: 7,
          endColumn: 106,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`LIMIT` (and `OFFSET` or a `WHERE` on a sorted key)' },
              output: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/tutorials', async (req, res) => {
  const { rows } = await pool.query('SELECT id, title FROM tutorials WHERE published = true ORDER BY id LIMIT 100');
  res.json(rows);
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const app = express();
app.get('/books', async (req, res) => {
  const [rows] = await pool.query(\`SELECT * FROM books WHERE author_id = ?\`, [req.query.author]);
  res.json(rows);
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /books',
            call: 'pool.query',
            bound: '`LIMIT` (and `OFFSET` or a `WHERE` on a sorted key)',
          },
          line: 7,
          column: 29,
          endLine: 7,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`LIMIT` (and `OFFSET` or a `WHERE` on a sorted key)' },
              output: `
import express from 'express';
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const app = express();
app.get('/books', async (req, res) => {
  const [rows] = await pool.query(\`SELECT * FROM books WHERE author_id = ? LIMIT 100\`, [req.query.author]);
  res.json(rows);
});
`,
            },
          ],
        },
      ],
    },
    // Express: the query sits in a same-file function the handler calls.
    {
      code: `
import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
function listComments(postId) {
  return db('comments').where({ post_id: postId }).orderBy('created_at');
}
const app = express();
app.get('/posts/:id/comments', async (req, res) => {
  res.json(await listComments(req.params.id));
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /posts/:id/comments',
            call: 'db(…).where(…).orderBy',
            bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'addBound',
              data: {
                maxPageSize: '100',
                bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
              },
              output: `
import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
function listComments(postId) {
  return db('comments').where({ post_id: postId }).orderBy('created_at').limit(100);
}
const app = express();
app.get('/posts/:id/comments', async (req, res) => {
  res.json(await listComments(req.params.id));
});
`,
            },
          ],
        },
      ],
    },
    // Fastify: the handler's return value is the reply; a page size from the querystring, no schema.
    {
      code: `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.get('/notes', async (request) => {
  return prisma.note.findMany({ where: { ownerId: request.user.id }, take: Number(request.query.limit) });
});
`,
      errors: [
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'prisma.note.findMany',
            input: 'request.query.limit',
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 7,
          column: 76,
          endLine: 7,
          endColumn: 103,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.get('/notes', async (request) => {
  return prisma.note.findMany({ where: { ownerId: request.user.id }, take: Math.min(Number(request.query.limit) || 20, 100) });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.route({
  method: 'GET',
  url: '/audit-log',
  handler: async () => prisma.auditEntry.findMany({ orderBy: { at: 'desc' } }),
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /audit-log',
            call: 'prisma.auditEntry.findMany',
            bound: '`take` (and `skip` or a `cursor`)',
          },
          line: 9,
          column: 42,
          endLine: 9,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.route({
  method: 'GET',
  url: '/audit-log',
  handler: async () => prisma.auditEntry.findMany({ orderBy: { at: 'desc' }, take: 100 }),
});
`,
            },
          ],
        },
      ],
    },
    // NestJS: a controller returning an injected TypeORM repository's `find()` through its service.
    {
      code: `
import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Cat } from './cat.entity';
@Injectable()
export class CatsService {
  constructor(@InjectRepository(Cat) private readonly cats: Repository<Cat>) {}
  findAll() {
    return this.cats.find({ order: { name: 'ASC' } });
  }
}
@Controller('cats')
export class CatsController {
  constructor(private readonly catsService: CatsService) {}
  @Get()
  findAll() {
    return this.catsService.findAll();
  }
}
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: { route: 'GET /cats', call: 'this.cats.find', bound: '`take` (and `skip` or a `cursor`)' },
          line: 10,
          column: 22,
          endLine: 10,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Cat } from './cat.entity';
@Injectable()
export class CatsService {
  constructor(@InjectRepository(Cat) private readonly cats: Repository<Cat>) {}
  findAll() {
    return this.cats.find({ order: { name: 'ASC' }, take: 100 });
  }
}
@Controller('cats')
export class CatsController {
  constructor(private readonly catsService: CatsService) {}
  @Get()
  findAll() {
    return this.catsService.findAll();
  }
}
`,
            },
          ],
        },
      ],
    },
    // NestJS: `@Query('limit')` handed to Prisma without a cap.
    {
      code: `
import { Controller, Get, Query, DefaultValuePipe, ParseIntPipe } from '@nestjs/common';
import { PrismaService } from './prisma.service';
@Controller('tickets')
export class TicketsController {
  constructor(private readonly prisma: PrismaService) {}
  @Get()
  list(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number) {
    return this.prisma.ticket.findMany({ take: limit });
  }
}
`,
      errors: [
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'this.prisma.ticket.findMany',
            input: "@Query('limit')",
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 9,
          column: 48,
          endLine: 9,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import { Controller, Get, Query, DefaultValuePipe, ParseIntPipe } from '@nestjs/common';
import { PrismaService } from './prisma.service';
@Controller('tickets')
export class TicketsController {
  constructor(private readonly prisma: PrismaService) {}
  @Get()
  list(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number) {
    return this.prisma.ticket.findMany({ take: Math.min(Number(limit) || 20, 100) });
  }
}
`,
            },
          ],
        },
      ],
    },
    // Hono + Drizzle: a select without `.limit()`, and `c.req.query('limit')` without a cap.
    {
      code: `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { tasks } from './schema';
const db = drizzle(process.env.DATABASE_URL);
const app = new Hono();
app.get('/tasks', async (c) => {
  const rows = await db.select().from(tasks).where(eq(tasks.done, false));
  return c.json(rows);
});
app.get('/tasks/recent', async (c) => {
  const rows = await db.select().from(tasks).limit(Number(c.req.query('limit') ?? 20));
  return c.json(rows);
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /tasks',
            call: 'db.select(…).from',
            bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
          },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'addBound',
              data: {
                maxPageSize: '100',
                bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
              },
              output: `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { tasks } from './schema';
const db = drizzle(process.env.DATABASE_URL);
const app = new Hono();
app.get('/tasks', async (c) => {
  const rows = await db.select().from(tasks).where(eq(tasks.done, false)).limit(100);
  return c.json(rows);
});
app.get('/tasks/recent', async (c) => {
  const rows = await db.select().from(tasks).limit(Number(c.req.query('limit') ?? 20));
  return c.json(rows);
});
`,
            },
          ],
        },
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'db.select(…).from(…).limit',
            input: "c.req.query('limit')",
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 13,
          column: 52,
          endLine: 13,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { tasks } from './schema';
const db = drizzle(process.env.DATABASE_URL);
const app = new Hono();
app.get('/tasks', async (c) => {
  const rows = await db.select().from(tasks).where(eq(tasks.done, false));
  return c.json(rows);
});
app.get('/tasks/recent', async (c) => {
  const rows = await db.select().from(tasks).limit(Math.min(Number(c.req.query('limit') ?? 20) || 20, 100));
  return c.json(rows);
});
`,
            },
          ],
        },
      ],
    },
    // Koa + Sequelize: `findAll()` without options, and `findAndCountAll`'s rows with a client page size.
    {
      code: `
import Router from '@koa/router';
import { Model } from 'sequelize';
class Article extends Model {}
const router = new Router({ prefix: '/articles' });
router.get('/', async (ctx) => {
  ctx.body = await Article.findAll();
});
router.get('/paged', async (ctx) => {
  const { rows, count } = await Article.findAndCountAll({ limit: +ctx.query.limit, offset: +ctx.query.offset });
  ctx.body = { rows, count };
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: { route: 'GET /articles', call: 'Article.findAll', bound: '`limit` (and `offset`)' },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`limit` (and `offset`)' },
              output: `
import Router from '@koa/router';
import { Model } from 'sequelize';
class Article extends Model {}
const router = new Router({ prefix: '/articles' });
router.get('/', async (ctx) => {
  ctx.body = await Article.findAll({ limit: 100 });
});
router.get('/paged', async (ctx) => {
  const { rows, count } = await Article.findAndCountAll({ limit: +ctx.query.limit, offset: +ctx.query.offset });
  ctx.body = { rows, count };
});
`,
            },
          ],
        },
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'Article.findAndCountAll',
            input: 'ctx.query.limit',
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 10,
          column: 66,
          endLine: 10,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import Router from '@koa/router';
import { Model } from 'sequelize';
class Article extends Model {}
const router = new Router({ prefix: '/articles' });
router.get('/', async (ctx) => {
  ctx.body = await Article.findAll();
});
router.get('/paged', async (ctx) => {
  const { rows, count } = await Article.findAndCountAll({ limit: Math.min(+ctx.query.limit || 20, 100), offset: +ctx.query.offset });
  ctx.body = { rows, count };
});
`,
            },
          ],
        },
      ],
    },
    // Koa + TypeORM query builder: `getMany()` without `take`.
    {
      code: `
import Router from '@koa/router';
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const router = new Router();
router.get('/photos', async (ctx) => {
  ctx.body = await dataSource.getRepository('Photo').createQueryBuilder('photo').where('photo.public = true').getMany();
});
`,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /photos',
            call: 'dataSource.getRepository(…).createQueryBuilder(…).where(……',
            bound: '`.take()` (and `.skip()`)',
          },
          line: 7,
          column: 111,
          endLine: 7,
          endColumn: 120,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`.take()` (and `.skip()`)' },
              output: `
import Router from '@koa/router';
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const router = new Router();
router.get('/photos', async (ctx) => {
  ctx.body = await dataSource.getRepository('Photo').createQueryBuilder('photo').where('photo.public = true').take(100).getMany();
});
`,
            },
          ],
        },
      ],
    },
    // Next.js App Router: a GET export sending every row; `searchParams.get('limit')` without a cap.
    {
      code: `
import { NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET(request) {
  const limit = request.nextUrl.searchParams.get('limit');
  const links = await prisma.link.findMany({ orderBy: { createdAt: 'desc' }, take: parseInt(limit ?? '50') });
  const tags = await prisma.tag.findMany({ orderBy: { name: 'asc' } });
  return NextResponse.json({ links, tags });
}
`,
      filename: '/srv/next/app/api/links/route.ts',
      errors: [
        {
          messageId: 'uncappedLimit',
          data: {
            call: 'prisma.link.findMany',
            input: "searchParams.get('limit')",
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 7,
          column: 84,
          endLine: 7,
          endColumn: 107,
          suggestions: [
            {
              messageId: 'capLimit',
              data: { maxPageSize: '100', defaultPageSize: '20' },
              output: `
import { NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET(request) {
  const limit = request.nextUrl.searchParams.get('limit');
  const links = await prisma.link.findMany({ orderBy: { createdAt: 'desc' }, take: Math.min(parseInt(limit ?? '50') || 20, 100) });
  const tags = await prisma.tag.findMany({ orderBy: { name: 'asc' } });
  return NextResponse.json({ links, tags });
}
`,
            },
          ],
        },
        {
          messageId: 'unboundedList',
          line: 8,
          column: 33,
          endLine: 8,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import { NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET(request) {
  const limit = request.nextUrl.searchParams.get('limit');
  const links = await prisma.link.findMany({ orderBy: { createdAt: 'desc' }, take: parseInt(limit ?? '50') });
  const tags = await prisma.tag.findMany({ orderBy: { name: 'asc' }, take: 100 });
  return NextResponse.json({ links, tags });
}
`,
            },
          ],
        },
      ],
    },
    // Next.js pages/api: the GET branch of a handler that serves every method.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req, res) {
  switch (req.method) {
    case 'GET': {
      const documents = await prisma.document.findMany({ where: { teamId: String(req.query.teamId) } });
      return res.status(200).json(documents);
    }
    case 'POST': {
      const document = await prisma.document.create({ data: req.body });
      return res.status(201).json(document);
    }
  }
}
`,
      filename: '/srv/next/pages/api/teams/[teamId]/documents.ts',
      errors: [
        {
          messageId: 'unboundedList',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 104,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '100', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req, res) {
  switch (req.method) {
    case 'GET': {
      const documents = await prisma.document.findMany({ where: { teamId: String(req.query.teamId) }, take: 100 });
      return res.status(200).json(documents);
    }
    case 'POST': {
      const document = await prisma.document.create({ data: req.body });
      return res.status(201).json(document);
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    // `checkExportRoutes`: export routes are checked too, and `maxPageSize` sets the suggested bound.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/orders/export', async (req, res) => {
  res.json(await prisma.order.findMany({ where: { shopId: req.user.shopId } }));
});
`,
      options: [{ checkExportRoutes: true, maxPageSize: 500 }],
      errors: [
        {
          messageId: 'unboundedList',
          line: 7,
          column: 31,
          endLine: 7,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'addBound',
              data: { maxPageSize: '500', bound: '`take` (and `skip` or a `cursor`)' },
              output: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/orders/export', async (req, res) => {
  res.json(await prisma.order.findMany({ where: { shopId: req.user.shopId }, take: 500 }));
});
`,
            },
          ],
        },
      ],
    },
    // Cross-file (Express): the list query sits in a service module; the page size goes there uncapped.
    {
      code: USER_ROUTES,
      filename: join(service, 'src/routes/users.js'),
      options: [{ checkOtherFiles: true }],
      errors: [
        {
          messageId: 'unboundedListInCallee',
          data: {
            route: 'GET /users',
            call: 'prisma.user.findMany',
            callee: 'listUsers',
            where: 'src/services/users.js:3',
            bound: '`take` (and `skip` or a `cursor`)',
          },
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 52,
          suggestions: null,
        },
        {
          messageId: 'uncappedLimitInCallee',
          data: {
            call: 'prisma.user.findMany',
            callee: 'searchUsers',
            where: 'src/services/users.js:9',
            input: 'req.query.limit',
            defaultPageSize: '20',
            maxPageSize: '100',
          },
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 59,
          suggestions: null,
        },
      ],
    },
    // Cross-file (NestJS): the controller's service reads drafts without `take`.
    {
      code: NEST_CONTROLLER,
      filename: join(service, 'src/articles/articles.controller.ts'),
      options: [{ checkOtherFiles: true }],
      errors: [
        {
          messageId: 'unboundedListInCallee',
          data: {
            route: 'GET /articles/drafts',
            call: 'this.prisma.article.findMany',
            callee: 'findDrafts',
            where: 'src/articles/articles.service.ts:10',
            bound: '`take` (and `skip` or a `cursor`)',
          },
          line: 12,
          column: 12,
          endLine: 12,
          endColumn: 45,
          suggestions: null,
        },
      ],
    },
    // Cross-file (Express): a controller class instance from another file, its promise read in `.then()`;
    // the path ends in a parameter but the list is the response itself.
    {
      code: PROJECT_ROUTES,
      filename: join(service, 'src/routes/projects.js'),
      options: [{ checkOtherFiles: true }],
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'unboundedListInCallee',
          data: {
            route: 'GET /project/team/:team_id',
            call: 'db.Project.findAll',
            callee: 'getTeamProjects',
            where: 'src/controllers/ProjectController.js:4',
            bound: '`limit` (and `offset`)',
          },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 65,
          suggestions: null,
        },
      ],
    },
    // Cross-file (Express): a controller module whose handlers a routes file registers.
    {
      code: PRODUCT_CONTROLLER,
      filename: join(service, 'src/controllers/products.js'),
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'unboundedList',
          data: {
            route: 'GET /api/products, registered in src/routes/products.js:4',
            call: 'Product.find',
            bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
          },
          line: 3,
          column: 34,
          endLine: 3,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'addBound',
              data: {
                maxPageSize: '100',
                bound: '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
              },
              output: `const Product = require('../models/product');
exports.listProducts = async (req, res) => {
  const products = await Product.find({ published: true }).limit(100).sort({ createdAt: -1 });
  res.json(products);
};
exports.topProducts = async (req, res) => {
  const products = await Product.find({}).sort({ rating: -1 }).limit(3);
  res.json(products);
};
`,
            },
          ],
        },
      ],
    },
  ],
});

/**
 * Every suggestion re-parses and is idempotent: applied to the code, the result parses and the rule no
 * longer reports the query (or page size) it fixed, nor anything else.
 */
describe('require-pagination suggestions', () => {
  const lint = (code: string): Linter.LintMessage[] =>
    new Linter({ configType: 'flat' }).verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: parser as Linter.Parser },
          plugins: { 'api-audit': { rules: { 'require-pagination': rule } } as never },
          rules: { 'api-audit/require-pagination': 'error' },
        },
      ],
      { filename: 'src/routes.ts' },
    );
  const ROUTES = `
import express from 'express';
import mongoose from 'mongoose';
import knex from 'knex';
import { Pool } from 'pg';
import { Model } from 'sequelize';
import { DataSource } from 'typeorm';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const Store = mongoose.model('Store', new mongoose.Schema({ name: String }));
const db = knex({ client: 'pg' });
const pool = new Pool();
class Article extends Model {}
const dataSource = new DataSource({ type: 'postgres' });
const app = express();
app.get('/a', async (req, res) => res.json(await prisma.project.findMany({ where: { teamId: req.user.teamId } })));
app.get('/b', async (req, res) => res.json(await prisma.webhook.findMany()));
app.get('/c', async (req, res) => res.json(await Store.find({ open: true }).sort({ name: 1 })));
app.get('/d', async (req, res) => res.json(await db('comments').where({ post_id: req.query.post }).orderBy('id')));
app.get('/e', async (req, res) => res.json((await pool.query('SELECT id FROM events ORDER BY id')).rows));
app.get('/f', async (req, res) => res.json(await Article.findAll()));
app.get('/g', async (req, res) => res.json(await dataSource.getRepository('Photo').createQueryBuilder('p').getMany()));
app.get('/h', async (req, res) => res.json(await prisma.post.findMany({ take: Number(req.query.limit) })));
app.get('/i', async (req, res) => res.json(await Store.find().limit(req.query.limit)));
`;

  it('each suggestion gives code that parses and that the rule accepts', () => {
    const messages = lint(ROUTES);
    expect(messages.map((message) => message.messageId)).toEqual([
      'unboundedList',
      'unboundedList',
      'unboundedList',
      'unboundedList',
      'unboundedList',
      'unboundedList',
      'unboundedList',
      'uncappedLimit',
      'uncappedLimit',
    ]);
    for (const message of messages) {
      const fix = message.suggestions![0]!.fix;
      const output = ROUTES.slice(0, fix.range[0]) + fix.text + ROUTES.slice(fix.range[1]);
      const again = lint(output);
      expect(again.filter((item) => item.fatal)).toEqual([]);
      expect(again.length).toBe(messages.length - 1);
      expect(again.some((item) => item.line === message.line && item.messageId === message.messageId)).toBe(false);
    }
  });
});
