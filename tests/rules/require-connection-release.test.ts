import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/require-connection-release.js';

const ruleTester = new RuleTester();
/** CommonJS cases (`require` tracked as a global); rule-tester's `TestLanguageOptions` lacks `sourceType`. */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

ruleTester.run('require-connection-release', rule, {
  valid: [
    // node-postgres: released in `finally`, the shape the docs recommend.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
`,
    // Checked out inside the `try`, released in `finally` only when it was checked out.
    `
import pg from 'pg';
const pool = new pg.Pool();
export async function audit(entry) {
  let client;
  try {
    client = await pool.connect();
    await client.query('INSERT INTO audit (entry) VALUES ($1)', [entry]);
  } finally {
    if (client) client.release();
  }
}
`,
    // `pool.query()` checks out and releases by itself.
    `
import { Pool } from 'pg';
import express from 'express';
const pool = new Pool();
const app = express();
app.get('/users', async (req, res) => {
  const { rows } = await pool.query('SELECT id, name FROM users');
  res.json(rows);
});
`,
    // Released on the error path in `catch` and on the success path in `try`.
    `
const { Pool } = require('pg');
const pool = new Pool();
async function count() {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT count(*) FROM users');
    client.release();
    return rows[0].count;
  } catch (error) {
    client.release(error);
    throw error;
  }
}
module.exports = { count };
`,
    // A catch that swallows the error: the release after the try runs on every path.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function ping() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } catch (error) {
    console.error(error);
  }
  client.release();
}
`,
    // Handed to someone else: returned, passed, released in a callback, kept for LISTEN.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function getClient() {
  const client = await pool.connect();
  await client.query('SET search_path TO app');
  return client;
}
export async function inTransaction(work) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await work(client);
}
export async function perResponse(res) {
  const client = await pool.connect();
  res.on('finish', () => client.release());
  return client.query('SELECT 1');
}
export async function listen(onChange) {
  const client = await pool.connect();
  client.on('notification', onChange);
  await client.query('LISTEN changes');
}
`,
    // Wrapped in an object that owns it from now on, and returned.
    `
import { Pool } from 'pg';
class Transaction {
  constructor(client) { this.client = client; }
}
const pool = new Pool();
export async function begin() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    return new Transaction(client);
  } catch (error) {
    client.release(error);
    throw error;
  }
}
`,
    // Committed (and released) by a helper of the service before the return; released by hand when rollback fails.
    `
import { Pool } from 'pg';
import { begin, commit, rollback } from './query-builder';
const pool = new Pool();
export async function recompute() {
  const connection = await pool.connect();
  try {
    await begin(connection);
    const { rows } = await connection.query('SELECT count(*) AS n FROM orders');
    await commit(connection);
    return rows[0].n;
  } catch (error) {
    try {
      await rollback(connection);
    } catch (rollbackError) {
      connection.release(rollbackError);
    }
    throw error;
  }
}
`,
    // One binding reused for a batch of transactions: which commit ends which is not followed.
    `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export async function load(rows) {
  let t = await sequelize.transaction();
  for (const [index, row] of rows.entries()) {
    await sequelize.models.Row.create(row, { transaction: t });
    if (index % 1000 === 999) {
      await t.commit();
      t = await sequelize.transaction();
    }
  }
  await t.commit();
}
`,
    // The suggestion's output does not fire again.
    `
import { Pool } from 'pg';
import express from 'express';
const pool = new Pool();
const app = express();
app.get('/users', async (req, res) => {
  try {
    const client = await pool.connect();
    try {
      const result = await client.query('SELECT * FROM users');
      res.json(result.rows);
    } finally {
      client.release();
    }
  } catch (error) {
    res.status(500).json({ error: 'Internal Server Error' });
  }
});
`,
    `
import Fastify from 'fastify';
import postgres from '@fastify/postgres';
const app = Fastify();
app.register(postgres, { connectionString: process.env.DATABASE_URL });
app.get('/users', async () => {
  const client = await app.pg.connect();
  try {
    const { rows } = await client.query('SELECT id, name FROM users');
    return rows;
  } finally {
    client.release();
  }
});
`,
    `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function placeOrder(order) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.execute('INSERT INTO orders (user_id) VALUES (?)', [order.userId]);
    await conn.commit();
  } finally {
    conn.release();
  }
}
`,
    // A connection of its own (`new Client()`), not a pool checkout.
    `
import { Client } from 'pg';
export async function migrate() {
  const client = new Client();
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}
`,
    // The callback form of pool.connect / getConnection is not checked.
    `
import { Pool } from 'pg';
const pool = new Pool();
pool.connect((err, client, done) => {
  if (err) throw err;
  client.query('SELECT 1', () => done());
});
`,
    // mysql2: execute on the pool, and a connection released in finally.
    `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export const findUser = (id) => pool.execute('SELECT * FROM users WHERE id = ?', [id]);
export async function rename(id, name) {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await connection.execute('UPDATE users SET name = ? WHERE id = ?', [name, id]);
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
}
`,
    // Knex: the managed transaction, and an unmanaged one rolled back in catch.
    `
import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export const createOrder = (order, items) =>
  db.transaction(async (trx) => {
    const [id] = await trx('orders').insert(order).returning('id');
    await trx('order_items').insert(items.map((item) => ({ ...item, orderId: id })));
    return id;
  });
export async function archive(id) {
  const trx = await db.transaction();
  try {
    await trx('orders').where({ id }).update({ archived: true });
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}
`,
    // Knex: rolled back in finally (a dry run).
    `
import type { Knex } from 'knex';
export function withRollback(db: Knex) {
  return async (work: (trx: Knex.Transaction) => Promise<unknown>) => {
    const trx = await db.transaction();
    try {
      return await work(trx);
    } finally {
      await trx.rollback();
    }
  };
}
`,
    // TypeORM: the query runner released in finally (NestJS service).
    `
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Injectable()
export class TransferService {
  constructor(private readonly dataSource: DataSource) {}
  async transfer(from: number, to: number, amount: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      await queryRunner.manager.decrement('Account', { id: from }, 'balance', amount);
      await queryRunner.manager.increment('Account', { id: to }, 'balance', amount);
      await queryRunner.commitTransaction();
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
}
`,
    // Sequelize: managed, and unmanaged with rollback in catch and commit in try.
    `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const register = (data) => sequelize.transaction(async (t) => sequelize.models.User.create(data, { transaction: t }));
export async function rename(id, name) {
  const t = await sequelize.transaction();
  try {
    await sequelize.models.User.update({ name }, { where: { id }, transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}
`,
    // Lazy singleton on a module-level binding, and a global one (Next.js dev reloads).
    `
import { PrismaClient } from '@prisma/client';
import express from 'express';
let prisma: PrismaClient | undefined;
function getPrisma() {
  if (!prisma) prisma = new PrismaClient();
  return prisma;
}
const app = express();
app.get('/users', async (req, res) => {
  res.json(await getPrisma().user.findMany());
});
`,
    {
      code: `
import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export async function GET() {
  globalForPrisma.prisma ??= new PrismaClient();
  return Response.json(await globalForPrisma.prisma.user.findMany());
}
`,
      filename: 'app/api/users/route.ts',
    },
    // A module-level pool shared by every request.
    `
import { Pool } from 'pg';
import { Hono } from 'hono';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = new Hono();
app.get('/users', async (c) => c.json((await pool.query('SELECT * FROM users')).rows));
`,
    // A client made at start-up, in a function that registers the routes.
    `
import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
export async function build() {
  const client = new MongoClient(process.env.MONGO_URL);
  await client.connect();
  const app = Fastify();
  app.get('/users', async () => client.db().collection('users').find().toArray());
  return app;
}
`,
    // A client per tenant kept in a cache: a hand-over, not one per request.
    `
import { Pool } from 'pg';
import express from 'express';
const pools = new Map();
const app = express();
app.get('/t/:tenant/users', async (req, res) => {
  let pool = pools.get(req.params.tenant);
  if (!pool) {
    pool = new Pool({ database: req.params.tenant });
    pools.set(req.params.tenant, pool);
  }
  res.json((await pool.query('SELECT * FROM users')).rows);
});
`,
    // mongoose.connect() is a no-op while the default connection is open.
    `
import mongoose from 'mongoose';
export default async function handler(req, res) {
  await mongoose.connect(process.env.MONGODB_URI);
  res.json(await mongoose.model('User').find());
}
`,
    // Tests and scripts are not checked.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function seed() {
  const client = await pool.connect();
  await client.query('INSERT INTO users (name) VALUES ($1)', ['ada']);
  client.release();
}
`,
      filename: 'scripts/seed.ts',
    },
    // A local named like a client package export is not one.
    `
class Pool { async connect() { return { query: async () => [], release() {} }; } }
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query();
  client.release();
}
`,
  ],
  invalid: [
    // The common Express shape: released only when the query succeeds.
    {
      code: `
import { Pool } from 'pg';
import express from 'express';
const pool = new Pool();
const app = express();
app.get('/users', async (req, res) => {
  try {
    const client = await pool.connect();
    const result = await client.query('SELECT * FROM users');
    client.release();
    res.json(result.rows);
  } catch (error) {
    res.status(500).json({ error: 'Internal Server Error' });
  }
});
`,
      errors: [
        {
          messageId: 'connectionLeaksOnError',
          data: {
            name: 'client',
            call: 'pool.connect()',
            module: 'pg',
            remedy: 'client.release()',
            thrower: 'client.query()',
          },
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              data: { release: 'client.release();' },
              output: `
import { Pool } from 'pg';
import express from 'express';
const pool = new Pool();
const app = express();
app.get('/users', async (req, res) => {
  try {
    const client = await pool.connect();
    try {
      const result = await client.query('SELECT * FROM users');
      res.json(result.rows);
    } finally {
      client.release();
    }
  } catch (error) {
    res.status(500).json({ error: 'Internal Server Error' });
  }
});
`,
            },
          ],
        },
      ],
    },
    // The simple shape: the statements between checkout and release go into `try`.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
  await client.query('COMMIT');
  client.release();
}
`,
      errors: [
        {
          messageId: 'connectionLeaksOnError',
          line: 5,
          column: 24,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from, to, amount) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
`,
            },
          ],
        },
      ],
    },
    // An early return skips the release.
    {
      code: `
import { Pool } from 'pg';
import { Router } from 'express';
const pool = new Pool();
export const router = Router();
router.get('/users/:id', async (req, res) => {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  if (rows.length === 0) return res.status(404).end();
  client.release();
  res.json(rows[0]);
});
`,
      errors: [
        {
          messageId: 'connectionLeaksOnExit',
          data: { name: 'client', call: 'pool.connect()', module: 'pg', remedy: 'client.release()', line: '9' },
          line: 7,
          column: 24,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    // Never released at all.
    {
      code: `
const { Pool } = require('pg');
const pool = new Pool();
async function health() {
  const client = await pool.connect();
  await client.query('SELECT 1');
  return true;
}
module.exports = { health };
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'connectionNeverReleased',
          data: { name: 'client', call: 'pool.connect()', module: 'pg', remedy: 'client.release()' },
          line: 5,
          column: 24,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    // An error listener does not keep the connection: a missing release is still reported.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function vacuum(table) {
  const client = await pool.connect();
  client.on('error', (error) => console.error(error));
  await client.query('VACUUM ' + table);
}
`,
      errors: [{ messageId: 'connectionNeverReleased', line: 5, column: 24, endColumn: 38, suggestions: null }],
    },
    // Fastify with @fastify/postgres: the rest of the block moves into the `try` with the statements it needs.
    {
      code: `
import Fastify from 'fastify';
import postgres from '@fastify/postgres';
const app = Fastify();
app.register(postgres, { connectionString: process.env.DATABASE_URL });
app.get('/users', async () => {
  const client = await app.pg.connect();
  const { rows } = await client.query('SELECT id, name FROM users');
  client.release();
  return rows;
});
`,
      errors: [
        {
          messageId: 'connectionLeaksOnError',
          data: {
            name: 'client',
            call: 'app.pg.connect()',
            module: 'pg',
            remedy: 'client.release()',
            thrower: 'client.query()',
          },
          line: 7,
          column: 24,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              output: `
import Fastify from 'fastify';
import postgres from '@fastify/postgres';
const app = Fastify();
app.register(postgres, { connectionString: process.env.DATABASE_URL });
app.get('/users', async () => {
  const client = await app.pg.connect();
  try {
    const { rows } = await client.query('SELECT id, name FROM users');
    return rows;
  } finally {
    client.release();
  }
});
`,
            },
          ],
        },
      ],
    },
    // Released before each return of the `try`, but the `catch` returns without it.
    {
      code: `
const express = require('express');
const mysql = require('mysql2/promise');
const pool = mysql.createPool({ host: process.env.DB_HOST });
const router = express.Router();
router.post('/signup', async (req, res) => {
  try {
    const conn = await pool.getConnection();
    const [taken] = await conn.query('SELECT id FROM users WHERE email = ?', [req.body.email]);
    if (taken.length > 0) {
      conn.release();
      return res.status(409).json({ message: 'taken' });
    }
    const [result] = await conn.query('INSERT INTO users (email) VALUES (?)', [req.body.email]);
    conn.release();
    return res.status(201).json({ id: result.insertId });
  } catch (error) {
    return res.status(500).json({ message: 'failed' });
  }
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'connectionLeaksOnError',
          data: {
            name: 'conn',
            call: 'pool.getConnection()',
            module: 'mysql2',
            remedy: 'conn.release()',
            thrower: 'conn.query()',
          },
          line: 8,
          column: 24,
          endColumn: 44,
          suggestions: null,
        },
      ],
    },
    // mysql2: released after the commit only.
    {
      code: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function placeOrder(order) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('INSERT INTO orders (user_id) VALUES (?)', [order.userId]);
  await conn.commit();
  conn.release();
}
`,
      errors: [
        {
          messageId: 'connectionLeaksOnError',
          data: {
            name: 'conn',
            call: 'pool.getConnection()',
            module: 'mysql2',
            remedy: 'conn.release()',
            thrower: 'conn.beginTransaction()',
          },
          line: 5,
          column: 22,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              output: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function placeOrder(order) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.execute('INSERT INTO orders (user_id) VALUES (?)', [order.userId]);
    await conn.commit();
  } finally {
    conn.release();
  }
}
`,
            },
          ],
        },
      ],
    },
    // TypeORM: released in `try` and in `catch`, but not on the early return.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Injectable()
export class OrdersService {
  constructor(private readonly dataSource: DataSource) {}
  async cancel(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      const order = await queryRunner.manager.findOneBy('Order', { id });
      if (!order) return null;
      await queryRunner.manager.update('Order', { id }, { status: 'cancelled' });
      await queryRunner.commitTransaction();
      await queryRunner.release();
      return order;
    } catch (error) {
      await queryRunner.rollbackTransaction();
      await queryRunner.release();
      throw error;
    }
  }
}
`,
      errors: [
        {
          messageId: 'connectionLeaksOnExit',
          data: {
            name: 'queryRunner',
            call: 'this.dataSource.createQueryRunner()',
            module: 'typeorm',
            remedy: 'await queryRunner.release()',
            line: '13',
          },
          line: 8,
          column: 25,
          endColumn: 60,
          suggestions: null,
        },
      ],
    },
    // Knex: committed, but never rolled back when a query throws.
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function moveItem(id, to) {
  const trx = await db.transaction();
  await trx('items').where({ id }).update({ shelf: to });
  await trx('moves').insert({ id, to });
  await trx.commit();
}
`,
      errors: [
        {
          messageId: 'transactionLeaksOnError',
          data: {
            name: 'trx',
            call: 'db.transaction()',
            module: 'knex',
            remedy: 'trx.rollback()',
            method: 'transaction',
            thrower: "trx('items').where({ id }).update()",
          },
          line: 5,
          column: 21,
          endColumn: 37,
          suggestions: null,
        },
      ],
    },
    // Sequelize: an unmanaged transaction committed in `try`, with a `catch` that does not roll back.
    {
      code: `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export async function rename(id, name) {
  const t = await sequelize.transaction();
  try {
    await sequelize.models.User.update({ name }, { where: { id }, transaction: t });
    await t.commit();
  } catch (error) {
    console.error(error);
    throw error;
  }
}
`,
      errors: [
        {
          messageId: 'transactionLeaksOnError',
          data: {
            name: 't',
            call: 'sequelize.transaction()',
            module: 'sequelize',
            remedy: 't.rollback()',
            method: 'transaction',
            thrower: 'sequelize.models.User.update()',
          },
          line: 5,
          column: 19,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    // Sequelize: never committed nor rolled back.
    {
      code: `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export async function lock() {
  const t = await sequelize.transaction();
  await sequelize.query('SELECT pg_advisory_xact_lock(1)');
}
`,
      errors: [
        {
          messageId: 'transactionNeverEnded',
          line: 5,
          column: 19,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    // A pool per request (Express), a Prisma client per request (Next.js pages), a node-postgres Client.
    {
      code: `
import { Pool } from 'pg';
import express from 'express';
const app = express();
app.get('/users', async (req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('SELECT * FROM users');
  await pool.end();
  res.json(rows);
});
`,
      errors: [
        {
          messageId: 'clientPerRequest',
          data: { call: 'new Pool()', module: 'pg', opens: 'a connection pool', where: 'GET /users' },
          line: 6,
          column: 16,
          endColumn: 72,
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
export default async function handler(req, res) {
  const prisma = new PrismaClient();
  const users = await prisma.user.findMany();
  await prisma.$disconnect();
  res.status(200).json(users);
}
`,
      filename: 'pages/api/users.ts',
      errors: [
        {
          messageId: 'clientPerRequest',
          data: {
            call: 'new PrismaClient()',
            module: '@prisma/client',
            opens: 'a client with its own connection pool',
            where: 'ALL /api/users',
          },
          line: 4,
          column: 18,
          endColumn: 36,
        },
      ],
    },
    {
      code: `
const { Client } = require('pg');
const Router = require('@koa/router');
const router = new Router();
router.get('/stats', async (ctx) => {
  const client = new Client();
  await client.connect();
  ctx.body = (await client.query('SELECT count(*) FROM events')).rows;
  await client.end();
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'clientPerRequest',
          data: { call: 'new Client()', module: 'pg', opens: 'a database connection', where: 'GET /stats' },
          line: 6,
          column: 18,
          endColumn: 30,
        },
      ],
    },
    // Fastify: a MongoClient per request, and mysql2 createConnection in a Hono handler.
    {
      code: `
import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
const app = Fastify();
app.get('/users', async () => {
  const client = await MongoClient.connect(process.env.MONGO_URL);
  const users = await client.db().collection('users').find().toArray();
  await client.close();
  return users;
});
`,
      errors: [
        {
          messageId: 'clientPerRequest',
          data: {
            call: 'MongoClient.connect()',
            module: 'mongodb',
            opens: 'a client with its own connection pool',
            where: 'GET /users',
          },
          line: 6,
          column: 24,
          endColumn: 66,
        },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
import mysql from 'mysql2/promise';
const app = new Hono();
app.get('/orders', async (c) => {
  const connection = await mysql.createConnection(process.env.DATABASE_URL);
  const [rows] = await connection.query('SELECT * FROM orders');
  await connection.end();
  return c.json(rows);
});
`,
      errors: [
        {
          messageId: 'clientPerRequest',
          data: {
            call: 'createConnection()',
            module: 'mysql2',
            opens: 'a database connection',
            where: 'GET /orders',
          },
          line: 6,
          column: 28,
          endColumn: 76,
        },
      ],
    },
    // NestJS: a DataSource made in a controller method.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Controller('reports')
export class ReportsController {
  @Get()
  async list() {
    const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await dataSource.initialize();
    return dataSource.query('SELECT * FROM reports');
  }
}
`,
      errors: [
        {
          messageId: 'clientPerRequest',
          data: {
            call: 'new DataSource()',
            module: 'typeorm',
            opens: 'a client with its own connection pool',
            where: 'GET /reports',
          },
          line: 8,
          column: 24,
          endColumn: 91,
        },
      ],
    },
    // mongoose connected and disconnected on every request.
    {
      code: `
import mongoose from 'mongoose';
export async function POST(request) {
  await mongoose.connect(process.env.MONGODB_URI);
  const user = await mongoose.model('User').create(await request.json());
  await mongoose.disconnect();
  return Response.json(user);
}
`,
      filename: 'app/api/users/route.ts',
      errors: [
        {
          messageId: 'clientPerRequest',
          data: {
            call: 'mongoose.connect()',
            module: 'mongoose',
            opens: 'a connection pool',
            where: 'POST /api/users',
          },
          line: 4,
          column: 9,
          endColumn: 50,
        },
      ],
    },
  ],
});
