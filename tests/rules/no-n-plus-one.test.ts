import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';

import rule from '../../src/rules/no-n-plus-one.js';

const ruleTester = new RuleTester();

/** `languageOptions` of the CommonJS cases (rule-tester's type does not declare `sourceType`). */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

const PRISMA_ADVICE =
  'load the relation with `include` in the first query, or collect the keys and run one `findMany({ where: { id: { in: ids } } })`';
const SEQUELIZE_ADVICE =
  '`include` the association in the first query, or collect the keys and run one `findAll({ where: { id: ids } })`';
const TYPEORM_ADVICE =
  'load the relation with `relations` or a join in the first query, or collect the keys and run one `findBy({ id: In(ids) })`';
const MONGOOSE_ADVICE =
  '`populate()` the reference in the first query, or collect the keys and run one `find({ _id: { $in: ids } })`';
const MONGODB_ADVICE = 'collect the keys and run one `find({ _id: { $in: ids } })`, or use `$lookup` in an aggregation';
const KNEX_ADVICE = 'join the table in the first query, or collect the keys and run one `whereIn(column, ids)` query';
const DRIZZLE_ADVICE =
  'load the relation `with` a relational query or a join, or collect the keys and run one `inArray(column, ids)` query';
const SUPABASE_ADVICE =
  "select the related table in the first query (`select('*, other(*)')`), or collect the keys and run one `.in(column, ids)` query";
const SQL_ADVICE =
  'join the table in the first query, or collect the keys and run one query with `= ANY($1)` / `IN (…)`';
const OTHER_ADVICE =
  'load what every row needs in one query (a join, `include`, or an `IN` list of the collected keys), or batch the lookups with a DataLoader';

/**
 * A small service on disk, for the cases that need the project index: a handler defined in a controller
 * and registered by a router that the app mounts under `/api`, a service-layer module and a job module
 * that share the Prisma client of `src/db.js` (a data-layer module).
 */
const service = mkdtempSync(join(tmpdir(), 'api-audit-n-plus-one-'));
afterAll(() => rmSync(service, { recursive: true, force: true }));

const POST_HANDLERS = `import { prisma } from '../db.js';

export async function listPosts(req, res) {
  const posts = await prisma.post.findMany({ where: { published: true } });
  for (const post of posts) {
    post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
  }
  res.json(posts);
}
`;
const DRAFT_HANDLERS = `import { prisma } from '../db.js';

export async function listDrafts(req, res) {
  const drafts = await prisma.post.findMany({ where: { published: false } });
  const authorIds = drafts.map((draft) => draft.authorId);
  const authors = await prisma.user.findMany({ where: { id: { in: authorIds } } });
  res.json({ drafts, authors });
}
`;
const DIGEST_JOB = `import { prisma } from '../db.js';

export async function sendDigests() {
  const users = await prisma.user.findMany({ where: { digest: true } });
  for (const user of users) {
    const posts = await prisma.post.findMany({ where: { authorId: user.id } });
    await mail(user.email, posts);
  }
}
`;
const FEED_SERVICE = `import { prisma } from '../db.js';

export async function getFeed(userId) {
  const follows = await prisma.follow.findMany({ where: { followerId: userId } });
  return Promise.all(
    follows.map(async (follow) => prisma.post.findMany({ where: { authorId: follow.followeeId }, take: 20 })),
  );
}
`;

const serviceFiles: Record<string, string> = {
  'package.json': `{ "name": "blog", "private": true, "type": "module" }`,
  'src/db.js': `import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`,
  'src/controllers/posts.js': POST_HANDLERS,
  'src/controllers/drafts.js': DRAFT_HANDLERS,
  'src/routes.js': `import express from 'express';
import { listDrafts } from './controllers/drafts.js';
import { listPosts } from './controllers/posts.js';
export const router = express.Router();
router.get('/posts', listPosts);
router.get('/drafts', listDrafts);
`,
  'src/app.js': `import express from 'express';
import { router } from './routes.js';
const app = express();
app.use('/api', router);
app.listen(3000);
`,
  'src/services/feed.service.js': FEED_SERVICE,
  'src/jobs/digest.js': DIGEST_JOB,
};
for (const [path, text] of Object.entries(serviceFiles)) {
  mkdirSync(dirname(join(service, path)), { recursive: true });
  writeFileSync(join(service, path), text);
}

ruleTester.run('no-n-plus-one', rule, {
  valid: [
    // Prisma: the relation loaded with `include` in the one query (the fix the message names).
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany({ include: { author: true } });
  res.json(posts);
});
`,
    // Prisma: the keys collected first, then one `findMany` with `in`, joined in memory.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany();
  const authors = await prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } });
  const byId = new Map(authors.map((author) => [author.id, author]));
  for (const post of posts) post.author = byId.get(post.authorId);
  res.json(posts);
});
`,
    // A write per row (stock decremented per order line inside a transaction) is a batching question, not an N+1 read.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.post('/orders/:id/confirm', async (req, res) => {
  const lines = await prisma.orderLine.findMany({ where: { orderId: req.params.id } });
  for (const line of lines) {
    await prisma.product.update({ where: { id: line.productId }, data: { stock: { decrement: line.quantity } } });
  }
  res.sendStatus(204);
});
`,
    // Rows from the request, not from an earlier query: how many is the caller's choice (validate the length instead).
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.post('/users/lookup', async (req, res) => {
  const users = [];
  for (const id of req.body.ids) users.push(await prisma.user.findUnique({ where: { id } }));
  res.json(users);
});
`,
    // Rows capped by a constant on the query: three lookups, fixed when the code was written.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/home', async (req, res) => {
  const featured = await prisma.post.findMany({ where: { featured: true }, take: 3 });
  const cards = await Promise.all(
    featured.map(async (post) => ({ post, author: await prisma.user.findUnique({ where: { id: post.authorId } }) })),
  );
  res.json(cards);
});
`,
    // Rows capped by a constant `slice`.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/home', async (req, res) => {
  const posts = await prisma.post.findMany({ orderBy: { score: 'desc' } });
  for (const post of posts.slice(0, 5)) {
    post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
  }
  res.json(posts);
});
`,
    // `await` in a loop over rows, for work that is not the database (mail, HTTP, a queue).
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { sendMail } from './mail.js';
const prisma = new PrismaClient();
const app = express();
app.post('/newsletter', async (req, res) => {
  const subscribers = await prisma.subscriber.findMany();
  for (const subscriber of subscribers) await sendMail(subscriber.email, req.body.text);
  res.sendStatus(202);
});
`,
    // The same query in every iteration does not read the row: not one query per row (hoisting it is another matter).
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany();
  for (const post of posts) {
    const settings = await prisma.settings.findFirst();
    post.theme = settings.theme;
  }
  res.json(posts);
});
`,
    // DataLoader batches the `load` calls of one tick into one query: that is the fix.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { userLoader } from '../db/loaders';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany();
  const authors = await Promise.all(posts.map((post) => userLoader.load(post.authorId)));
  res.json({ posts, authors });
});
`,
      filename: '/srv/blog/src/routes/posts.ts',
    },
    // Mongoose `populate` fills the references of every document with one query per path.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Post = mongoose.model('Post');
const User = mongoose.model('User');
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await Post.find().lean();
  for (const post of posts) await User.populate(post, { path: 'author' });
  res.json(posts);
});
`,
      languageOptions: commonjs,
    },
    // A seeder: never serves a request.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const posts = await prisma.post.findMany();
for (const post of posts) {
  const author = await prisma.user.findUnique({ where: { id: post.authorId } });
  console.log(author.name);
}
`,
      filename: '/srv/blog/prisma/seeds/posts.ts',
    },
    // A job module, neither a route nor the service or data layer: not known request-path code.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function reindex() {
  const posts = await prisma.post.findMany();
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    await index(post, author);
  }
}
`,
      filename: '/srv/blog/src/jobs/reindex.ts',
    },
    // A scheduled method of a NestJS service runs off the request path.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { prisma } from '../prisma';
@Injectable()
export class PostsService {
  @Cron('0 * * * *')
  async refreshScores() {
    const posts = await prisma.post.findMany();
    for (const post of posts) {
      const votes = await prisma.vote.count({ where: { postId: post.id } });
      await prisma.post.update({ where: { id: post.id }, data: { score: votes } });
    }
  }
}
`,
      filename: '/srv/blog/src/posts/posts.service.ts',
    },
    // Functions made in a loop run when they are called, not per row here.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany();
  const loaders = [];
  for (const post of posts) loaders.push(() => prisma.user.findUnique({ where: { id: post.authorId } }));
  res.json(await loaders[0]());
});
`,
    // Rows handed in by the caller: whose rows they are is decided where the function is called.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
async function withAuthors(posts) {
  for (const post of posts) post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
  return posts;
}
app.post('/preview', async (req, res) => res.json(await withAuthors(req.body.posts)));
`,
    // SQL whose text is not static: nothing tells whether it reads.
    `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/sync', async (req, res) => {
  const { rows } = await pool.query('SELECT id, kind FROM items');
  for (const row of rows) await pool.query(statements[row.kind], [row.id]);
  res.sendStatus(204);
});
`,
    // An UPDATE per row: a write.
    `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/reorder', async (req, res) => {
  const { rows } = await pool.query('SELECT id FROM items ORDER BY created_at');
  for (let i = 0; i < rows.length; i++) {
    await pool.query('UPDATE items SET position = $1 WHERE id = $2', [i, rows[i].id]);
  }
  res.sendStatus(204);
});
`,
    // A `for` loop counting to a constant is not a loop over rows.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/stats', async (req, res) => {
  const days = await prisma.day.findMany();
  const counts = [];
  for (let day = 0; day < 7; day++) counts.push(await prisma.visit.count({ where: { weekday: day } }));
  res.json({ days, counts });
});
`,
    // A `map` whose promises are not awaited together (handed to `$transaction`) is left alone.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany();
  const authors = await prisma.$transaction(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
  res.json({ posts, authors });
});
`,
    // Fastify: the Sequelize association loaded with `include`.
    `
import Fastify from 'fastify';
import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
class Order extends Model {}
class Customer extends Model {}
const fastify = Fastify();
fastify.get('/orders', async () => Order.findAll({ include: [Customer] }));
`,
    // Hono: Drizzle relational query `with` the author.
    `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL);
const app = new Hono();
app.get('/posts', async (c) => c.json(await db.query.posts.findMany({ with: { author: true } })));
`,
    // Koa: Knex join instead of a lookup per row.
    `
import Koa from 'koa';
import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg' });
const router = new Router();
router.get('/orders', async (ctx) => {
  ctx.body = await db('orders').join('customers', 'customers.id', 'orders.customer_id').select('orders.*', 'customers.name');
});
new Koa().use(router.routes()).listen(3000);
`,
    // Next.js route handler: one `findMany` with `in` for every row's author.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET() {
  const posts = await prisma.post.findMany();
  const authors = await prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } });
  return Response.json({ posts, authors });
}
`,
      filename: 'app/api/posts/route.ts',
    },
    // A NestJS lifecycle hook of a service runs at start-up.
    {
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
import { prisma } from '../prisma';
@Injectable()
export class CacheService implements OnModuleInit {
  private readonly owners = new Map();
  async onModuleInit() {
    const posts = await prisma.post.findMany();
    for (const post of posts) this.owners.set(post.id, await prisma.user.findUnique({ where: { id: post.authorId } }));
  }
}
`,
      filename: '/srv/blog/src/cache/cache.service.ts',
    },
    // Hono: `Promise.all(rows.map(…))` over work that is not the database.
    `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL);
const app = new Hono();
app.post('/hooks/replay', async (c) => {
  const hooks = await db.query.webhooks.findMany();
  await Promise.all(hooks.map((hook) => fetch(hook.url, { method: 'POST' })));
  return c.body(null, 204);
});
`,
    // Koa: the ids come from the request body.
    `
import Koa from 'koa';
import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg' });
const router = new Router();
router.post('/carts/price', async (ctx) => {
  const prices = await Promise.all(ctx.request.body.items.map((item) => db('products').where({ id: item.id }).first()));
  ctx.body = prices;
});
new Koa().use(router.routes()).listen(3000);
`,
    // Cross-file: a handler registered in another file that collects the keys and runs one query.
    {
      code: DRAFT_HANDLERS,
      filename: join(service, 'src/controllers/drafts.js'),
    },
    // Cross-file: a job module outside the request path, importing the shared client.
    {
      code: DIGEST_JOB,
      filename: join(service, 'src/jobs/digest.js'),
    },
  ],
  invalid: [
    // Express + Prisma: the textbook N+1, a `findUnique` per post.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await prisma.post.findMany();
  for (const post of posts) {
    post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
  }
  res.json(posts);
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.user.findUnique',
            rows: 'posts',
            source: 'prisma.post.findMany',
            where: 'GET /posts',
            advice: PRISMA_ADVICE,
          },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 81,
        },
      ],
    },
    // Express + Sequelize: `Promise.all(rows.map(async …))` still runs one query per row.
    {
      code: `
import express from 'express';
import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
class Order extends Model {}
class Customer extends Model {}
const router = express.Router();
router.get('/orders', async (req, res) => {
  const orders = await Order.findAll({ where: { status: 'open' } });
  const rows = await Promise.all(
    orders.map(async (order) => ({ order, customer: await Customer.findByPk(order.customerId) })),
  );
  res.json(rows);
});
export default router;
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'Customer.findByPk',
            rows: 'orders',
            source: 'Order.findAll',
            where: 'GET /orders',
            advice: SEQUELIZE_ADVICE,
          },
          line: 11,
          column: 59,
          endLine: 11,
          endColumn: 94,
        },
      ],
    },
    // Express + Mongoose: an async `forEach` is not awaited, and still queries per row.
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const Comment = mongoose.model('Comment');
const User = mongoose.model('User');
const app = express();
app.get('/comments', async (req, res) => {
  const comments = await Comment.find({ post: req.query.post });
  comments.forEach(async (comment) => {
    comment.authorName = (await User.findById(comment.author)).name;
  });
  res.json(comments);
});
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'User.findById',
            rows: 'comments',
            source: 'Comment.find',
            where: 'GET /comments',
            advice: MONGOOSE_ADVICE,
          },
          line: 10,
          column: 33,
          endLine: 10,
          endColumn: 62,
        },
      ],
    },
    // node-postgres: an indexed `for` over `rows[i]`, a `SELECT` per row.
    {
      code: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/invoices', async (req, res) => {
  const { rows: invoices } = await pool.query('SELECT id, customer_id FROM invoices WHERE due < now()');
  for (let i = 0; i < invoices.length; i++) {
    const result = await pool.query('SELECT name FROM customers WHERE id = $1', [invoices[i].customer_id]);
    invoices[i].customer = result.rows[0];
  }
  res.json(invoices);
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'pool.query',
            rows: 'invoices',
            source: 'pool.query',
            where: 'GET /invoices',
            advice: SQL_ADVICE,
          },
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 107,
        },
      ],
    },
    // Koa + Knex: `for await`, and the row read through a binding of the body.
    {
      code: `
import Koa from 'koa';
import Router from '@koa/router';
import knex from 'knex';
const db = knex({ client: 'pg' });
const router = new Router();
router.get('/orders', async (ctx) => {
  const orders = await db('orders').where({ status: 'open' });
  for await (const order of orders) {
    const customerId = order.customer_id;
    order.customer = await db('customers').where({ id: customerId }).first();
  }
  ctx.body = orders;
});
new Koa().use(router.routes()).listen(3000);
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'db(…).where(…).first',
            rows: 'orders',
            source: 'db(…).where',
            where: 'GET /orders',
            advice: KNEX_ADVICE,
          },
          line: 11,
          column: 28,
          endLine: 11,
          endColumn: 77,
        },
      ],
    },
    // Fastify + TypeORM: a repository from `getRepository`, `findOneBy` per row of a filtered list.
    {
      code: `
import Fastify from 'fastify';
import { getRepository } from 'typeorm';
import { Order, Customer } from './entities';
const fastify = Fastify();
fastify.get('/orders', async () => {
  const orders = await getRepository(Order).find();
  const open = orders.filter((order) => order.open);
  for (const order of open) {
    order.customer = await getRepository(Customer).findOneBy({ id: order.customerId });
  }
  return open;
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'getRepository(Customer).findOneBy',
            rows: 'open',
            source: 'getRepository(Order).find',
            where: 'GET /orders',
            advice: TYPEORM_ADVICE,
          },
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 87,
        },
      ],
    },
    // Hono + Drizzle: a relational `findFirst` per row, over keys projected with `map`.
    {
      code: `
import { Hono } from 'hono';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL);
const app = new Hono();
app.get('/posts', async (c) => {
  const posts = await db.query.posts.findMany();
  const authorIds = [...new Set(posts.map((post) => post.authorId))];
  const authors = [];
  for (const id of authorIds) authors.push(await db.query.users.findFirst({ where: (users, { eq }) => eq(users.id, id) }));
  return c.json({ posts, authors });
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'db.query.users.findFirst',
            rows: 'authorIds',
            source: 'db.query.posts.findMany',
            where: 'GET /posts',
            advice: DRIZZLE_ADVICE,
          },
          line: 10,
          column: 50,
          endLine: 10,
          endColumn: 122,
        },
      ],
    },
    // Next.js route handler: a count per row (a `groupBy` answers it in one query).
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET() {
  const posts = await prisma.post.findMany();
  const counts = await Promise.all(posts.map((post) => prisma.comment.count({ where: { postId: post.id } })));
  return Response.json({ posts, counts });
}
`,
      filename: 'app/api/posts/route.ts',
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.comment.count',
            rows: 'posts',
            source: 'prisma.post.findMany',
            where: 'GET /api/posts',
            advice: PRISMA_ADVICE,
          },
          line: 6,
          column: 56,
          endLine: 6,
          endColumn: 108,
        },
      ],
    },
    // NestJS: a service method (service layer) looping over rows of the data-layer client.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { prisma } from '../prisma';
@Injectable()
export class PostsService {
  async listWithAuthors() {
    const posts = await prisma.post.findMany();
    for (const post of posts) {
      post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
    }
    return posts;
  }
}
`,
      filename: '/srv/blog/src/posts/posts.service.ts',
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.user.findUnique',
            rows: 'posts',
            source: 'prisma.post.findMany',
            where: 'requests through `listWithAuthors` (a service-layer module)',
            advice: PRISMA_ADVICE,
          },
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 83,
        },
      ],
    },
    // A repository function (data layer): rows of an `include`d relation, a lookup per comment.
    {
      code: `
import { prisma } from '../db';
export async function getPostWithCommenters(id: string) {
  const post = await prisma.post.findUnique({ where: { id }, include: { comments: true } });
  for (const comment of post.comments) {
    comment.user = await prisma.user.findUnique({ where: { id: comment.userId } });
  }
  return post;
}
`,
      filename: '/srv/blog/src/repositories/post.repository.ts',
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.user.findUnique',
            rows: 'post.comments',
            source: 'prisma.post.findUnique',
            where: 'requests through `getPostWithCommenters` (a data-layer module)',
            advice: PRISMA_ADVICE,
          },
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 83,
        },
      ],
    },
    // A same-file helper the handler calls is request-path code.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
async function loadFeed() {
  const posts = await prisma.post.findMany();
  return Promise.all(posts.map(async ({ id, authorId }) => ({ id, author: await prisma.user.findUnique({ where: { id: authorId } }) })));
}
app.get('/feed', async (req, res) => res.json(await loadFeed()));
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.user.findUnique',
            rows: 'posts',
            source: 'prisma.post.findMany',
            where: 'GET /feed',
            advice: PRISMA_ADVICE,
          },
          line: 8,
          column: 81,
          endLine: 8,
          endColumn: 132,
        },
      ],
    },
    // A `slice` wider than the constant bound is still reported.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/home', async (req, res) => {
  const posts = await prisma.post.findMany();
  for (const post of posts.slice(0, 50)) {
    post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
  }
  res.json(posts);
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.user.findUnique',
            rows: 'posts.slice(0, 50)',
            source: 'prisma.post.findMany',
            where: 'GET /home',
            advice: PRISMA_ADVICE,
          },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 81,
        },
      ],
    },
    // Nested loops: reported once, for the loop whose row the query reads.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/boards', async (req, res) => {
  const boards = await prisma.board.findMany({ include: { columns: true } });
  for (const board of boards) {
    for (const column of board.columns) {
      column.cards = await prisma.card.findMany({ where: { columnId: column.id } });
    }
  }
  res.json(boards);
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.card.findMany',
            rows: 'board.columns',
            source: 'prisma.board.findMany',
            where: 'GET /boards',
            advice: PRISMA_ADVICE,
          },
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 84,
        },
      ],
    },
    // A function imported from the data layer, named as a read: the generic advice.
    {
      code: `
import express from 'express';
import { listPosts, getUserById } from '../db/queries';
const app = express();
app.get('/posts', async (req, res) => {
  const posts = await listPosts();
  for (const post of posts) post.author = await getUserById(post.authorId);
  res.json(posts);
});
`,
      filename: '/srv/blog/src/routes/posts.ts',
      errors: [
        {
          messageId: 'queryPerRow',
          data: { call: 'getUserById', rows: 'posts', source: 'listPosts', where: 'GET /posts', advice: OTHER_ADVICE },
          line: 7,
          column: 49,
          endLine: 7,
          endColumn: 75,
        },
      ],
    },
    // mysql2: rows destructured from the first query, a `SELECT` per row in a non-async `forEach`.
    {
      code: `
import express from 'express';
import mysql from 'mysql2/promise';
const pool = mysql.createPool(process.env.DATABASE_URL);
const app = express();
app.get('/teams', async (req, res) => {
  const [teams] = await pool.query('SELECT id, owner_id FROM teams');
  teams.forEach((team) => {
    pool.execute('SELECT name FROM users WHERE id = ?', [team.owner_id]).then(([owners]) => console.log(owners[0]));
  });
  res.json(teams);
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: { call: 'pool.execute', rows: 'teams', source: 'pool.query', where: 'GET /teams', advice: SQL_ADVICE },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 73,
        },
      ],
    },
    // MongoDB driver: a destructured loop variable, a `find` per row.
    {
      code: `
import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL);
const db = client.db();
const fastify = Fastify();
fastify.get('/users', async () => {
  const users = await db.collection('users').find().toArray();
  for (const { _id: userId } of users) {
    const orders = await db.collection('orders').find({ userId }).toArray();
    console.log(orders.length);
  }
  return users;
});
`,
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'db.collection(…).find(…).toArray',
            rows: 'users',
            source: 'db.collection(…).find(…).toArray',
            where: 'GET /users',
            advice: MONGODB_ADVICE,
          },
          line: 10,
          column: 26,
          endLine: 10,
          endColumn: 76,
        },
      ],
    },
    // Next.js `pages/api` + Supabase: a `select` per row.
    {
      code: `
import { createClient } from '@supabase/supabase-js';
const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY);
export default async function handler(req, res) {
  const { data: posts } = await supabase.from('posts').select('id, author_id');
  for (const post of posts) {
    const { data: author } = await supabase.from('profiles').select('name').eq('id', post.author_id).single();
    post.author = author;
  }
  res.status(200).json(posts);
}
`,
      filename: 'pages/api/posts.ts',
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'supabase.from(…).select(…).eq(…).single',
            rows: 'posts',
            source: 'supabase.from(…).select',
            where: 'ALL /api/posts',
            advice: SUPABASE_ADVICE,
          },
          line: 7,
          column: 36,
          endLine: 7,
          endColumn: 110,
        },
      ],
    },
    // Cross-file: the handler is registered in another file (the project index links it).
    {
      code: POST_HANDLERS,
      filename: join(service, 'src/controllers/posts.js'),
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.user.findUnique',
            rows: 'posts',
            source: 'prisma.post.findMany',
            where: 'GET /api/posts, registered in src/routes.js:5',
            advice: PRISMA_ADVICE,
          },
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 81,
        },
      ],
    },
    // Cross-file: a service-layer module, its client imported from the data layer.
    {
      code: FEED_SERVICE,
      filename: join(service, 'src/services/feed.service.js'),
      errors: [
        {
          messageId: 'queryPerRow',
          data: {
            call: 'prisma.post.findMany',
            rows: 'follows',
            source: 'prisma.follow.findMany',
            where: 'requests through `getFeed` (a service-layer module)',
            advice: PRISMA_ADVICE,
          },
          line: 6,
          column: 35,
          endLine: 6,
          endColumn: 109,
        },
      ],
    },
  ],
});
