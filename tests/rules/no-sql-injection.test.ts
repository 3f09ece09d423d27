import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

import rule from '../../src/rules/no-sql-injection.js';

const ruleTester = new RuleTester();
/** CommonJS cases (`require` tracked as a global); rule-tester's `TestLanguageOptions` lacks `sourceType`. */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

ruleTester.run('no-sql-injection', rule, {
  valid: [
    // Parameterised queries, each driver's way.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function findUser(id) {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}
`,
    `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export const findUser = (email) => pool.execute('SELECT * FROM users WHERE email = ?', [email]);
`,
    `
import Database from 'better-sqlite3';
const db = new Database('app.db');
export const findUser = (id) => db.prepare('SELECT * FROM users WHERE id = ?').get(id);
`,
    `
import { Sequelize, QueryTypes } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const findUser = (email) =>
  sequelize.query('SELECT * FROM users WHERE email = :email', { replacements: { email }, type: QueryTypes.SELECT });
`,
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export const byColumn = (column, value) => db('users').whereRaw('?? = ?', [column, value]);
`,
    // Tagged templates bind every interpolation.
    `
import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
export const findUser = (email) => prisma.$queryRaw\`SELECT * FROM "User" WHERE email = \${email}\`;
export const inList = (ids) => prisma.$queryRaw\`SELECT * FROM "User" WHERE id IN (\${Prisma.join(ids)})\`;
`,
    `
import { sql } from 'drizzle-orm';
export const byName = (db, name) => db.execute(sql\`SELECT * FROM users WHERE name = \${name}\`);
`,
    `
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL);
export const findUser = (id) => sql\`SELECT * FROM users WHERE id = \${id}\`;
`,
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const findUser = (email) => prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE email = $1', email);
`,
    // TypeORM named parameters.
    `
import { DataSource } from 'typeorm';
export const byEmail = (dataSource: DataSource, email: string) =>
  dataSource.getRepository('User').createQueryBuilder('user').where('user.email = :email', { email }).getOne();
`,
    // Compile-time constants: literals, \`const\` bindings, SCREAMING_CASE names, fragments built from them.
    `
import { Pool } from 'pg';
import { USERS_TABLE } from './tables';
const pool = new Pool();
const STATUS = 'active';
const columns = ['id', 'email', 'name'].join(', ');
export async function list() {
  const limit = 50;
  const where = \`status = '\${STATUS}'\`;
  return pool.query(\`SELECT \${columns} FROM \${USERS_TABLE} WHERE \${where} LIMIT \${limit}\`);
}
`,
    // Generated placeholders and conditions that only add placeholders.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function byIds(ids) {
  const placeholders = ids.map((_, i) => \`$\${i + 1}\`).join(', ');
  return pool.query(\`SELECT * FROM users WHERE id IN (\${placeholders})\`, ids);
}
export async function search(filters) {
  const conditions = [];
  const values = [];
  if (filters.name) {
    values.push(filters.name);
    conditions.push(\`name = $\${values.length}\`);
  }
  if (filters.role) conditions.push(\`role = $\${values.push(filters.role)}\`);
  const where = conditions.length > 0 ? \`WHERE \${conditions.join(' AND ')}\` : '';
  return pool.query(\`SELECT * FROM users \${where}\`, values);
}
`,
    `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export const insertMany = (rows) =>
  pool.query(\`INSERT INTO tags (name) VALUES \${rows.map(() => '(?)').join(', ')}\`, rows.map((row) => row.name));
export const inList = (ids) => pool.query(\`SELECT * FROM users WHERE id IN (\${new Array(ids.length).fill('?').join(',')})\`, ids);
`,
    // Values checked against an allowlist, picked from a constant map, or turned into numbers.
    `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
const SORTABLE = ['name', 'created_at'];
const DIRECTIONS = { asc: 'ASC', desc: 'DESC' };
app.get('/users', async (req, res) => {
  const sort = String(req.query.sort);
  if (!SORTABLE.includes(sort)) return res.status(400).end();
  const dir = DIRECTIONS[req.query.dir] ?? 'ASC';
  const limit = Math.min(Number(req.query.limit) || 20, 100);
  const page = parseInt(req.query.page, 10);
  const { rows } = await pool.query(\`SELECT * FROM users ORDER BY \${sort} \${dir} LIMIT \${limit} OFFSET \${page * limit}\`);
  res.json(rows);
});
`,
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function list(order) {
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  return pool.query(\`SELECT * FROM posts ORDER BY created_at \${direction}\`);
}
`,
    // Escaped values and identifiers.
    `
import mysql from 'mysql2';
import format from 'pg-format';
const connection = mysql.createConnection({});
export const byName = (name) => connection.query(\`SELECT * FROM users WHERE name = \${connection.escape(name)}\`);
export const byColumn = (column, value) =>
  connection.query(\`SELECT * FROM users WHERE \${mysql.escapeId(column)} = \${mysql.escape(value)}\`);
export const fromTable = (db, table) => db.query(format('SELECT * FROM %I', table));
`,
    // Names in a repository that come from its callers (not visibly from the request): a table, a column.
    `
import { Pool } from 'pg';
const pool = new Pool();
export class Repository {
  constructor(table) {
    this.table = table;
  }
  findById(id) {
    return pool.query(\`SELECT * FROM \${this.table} WHERE id = $1\`, [id]);
  }
  countBy(column, value) {
    return pool.query(\`SELECT count(*) FROM \${this.table} WHERE "\${column}" = $1\`, [value]);
  }
}
`,
    // Numbers by type, configuration from the environment, generated ids, dates.
    `
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
export class MetricsStore {
  constructor(private readonly db: Knex) {}
  clear(hoursAgo: number) {
    return this.db('metrics').whereRaw(\`created_at <= NOW() - INTERVAL '\${hoursAgo} hours'\`).del();
  }
  savepoint() {
    return this.db.raw(\`SAVEPOINT sp_\${randomUUID().replaceAll('-', '_')}\`);
  }
  setSchema() {
    return this.db.raw(\`SET search_path TO \${process.env.DB_SCHEMA}\`);
  }
  since(date: Date) {
    return this.db.raw(\`SELECT * FROM metrics WHERE at > '\${date.toISOString()}'\`);
  }
}
`,
    // A fragment helper's result in a clause, and a comment with an apostrophe.
    `
import { Sequelize } from 'sequelize';
import { deepJsonbSet, ifStr } from './sql-helpers';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const tag = (withLegal) => sequelize.query(\`
  UPDATE expenses SET "data" = \${deepJsonbSet('data', ['tags'], ':tags')}
  -- the expense's own tags
  WHERE id = :id \${ifStr(withLegal, 'AND legal')}
\`, { replacements: { tags: [], id: 1 } });
`,
    // Knex builders and placeholder helpers interpolated.
    `
import type { Knex } from 'knex';
export class Filters {
  constructor(private readonly knex: Knex) {}
  notIn(builder: Knex.QueryBuilder, values: string[]) {
    return builder.whereRaw(\`COALESCE(??, '') NOT IN (\${this.createSqlPlaceholders(values)})\`, ['name', ...values]);
  }
  nested(values: string[]) {
    return this.knex.raw(\`SELECT * FROM (\${this.knex('users').whereIn('id', values).toQuery()}) AS u\`);
  }
  createSqlPlaceholders(values: string[]) {
    return values.map(() => '?').join(',');
  }
}
`,
    // Not SQL clients: a local class named like the driver's, a parameter without a type, a GraphQL client.
    `
class Pool {
  query(text) {
    return text;
  }
}
const pool = new Pool();
export const findUser = (id) => pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
`,
    `
export async function findUser(db, id) {
  return db.query(\`SELECT * FROM users WHERE id = \${id}\`);
}
`,
    `
import { pool } from '../db';
export const search = (client, term) => client.query(\`{ search(term: "\${term}") { id } }\`);
export const logQuery = (id) => pool.query(\`users/\${id}\`);
`,
    // A shadowed import: the local \`pg\` is not the package.
    `
import pg from 'pg';
export function connect(pg) {
  const pool = new pg.Pool();
  return (id) => pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
}
`,
    // Tests, scripts and migrations never serve requests.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const reset = (table) => pool.query(\`TRUNCATE \${table}; DELETE FROM audit WHERE id = \${table.length}\`);
export const seed = (name) => pool.query(\`INSERT INTO users (name) VALUES ('\${name}')\`);
`,
      filename: '/srv/api/test/helpers.ts',
    },
    // \`checkNonRequestValues: false\`: only values that visibly come from the request.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const findUser = (id) => pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
`,
      options: [{ checkNonRequestValues: false }],
    },
    // \`allowFunctions\`: a sanitiser of one's own.
    {
      code: `
import { Pool } from 'pg';
import { toSafeSql } from './sanitize';
const pool = new Pool();
export const findUser = (name) => pool.query(\`SELECT * FROM users WHERE name = '\${toSafeSql(name)}'\`);
`,
      options: [{ allowFunctions: ['toSafeSql'] }],
    },
    // Shapes from real services: a constant list quoted into \`IN\`, TypeORM's spread parameter named at run
    // time, an identifier escaped by the query builder, a savepoint name, an operator between name and parameter.
    `
import type { Knex } from 'knex';
import { ROOT_ROLE_TYPES } from '../util/constants';
export class AccessStore {
  constructor(private readonly db: Knex) {}
  rootRoles(userId: number) {
    return this.db.raw(
      \`SELECT r.name FROM roles r WHERE r.user_id = ? AND r.type IN (\${ROOT_ROLE_TYPES.map((type) => \`'\${type}'\`).join(',')})\`,
      [userId],
    );
  }
}
`,
    `
import type { SelectQueryBuilder } from 'typeorm';
export function constrain(qb: SelectQueryBuilder<object>, ids: string[], comparison: '>' | '>=', since: number) {
  const idsName = \`ids_\${ids.join('_').replace(/-/g, '_')}\`;
  const column = qb.escape('languageCode');
  qb.where(\`facet_value.id IN (:...\${idsName})\`, { [idsName]: ids });
  qb.andWhere(\`si.\${column} = :languageCode\`, { languageCode: 'en' });
  qb.andWhere(\`item.updated_at \${comparison} :since\`, { since });
  return qb;
}
`,
    `
const { Pool } = require('pg');
const pool = new Pool();
module.exports.upsert = async function (client, queryConfig) {
  const savepoint = \`upsert_\${Math.random().toString(36).substring(7)}\`;
  await client.query(\`SAVEPOINT \${savepoint}\`);
  await pool.query(\`RELEASE SAVEPOINT \${savepoint}\`);
};
`,
    // Arrays of numbers by their declared type.
    `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const hostFilter = (hostIds?: number[]) =>
  sequelize.literal(\`"CollectiveId" IN (SELECT id FROM "Collectives" WHERE "HostCollectiveId" IN (\${hostIds.join(',')}))\`);
`,
  ],
  invalid: [
    // node-postgres: a named import; an interpolated value becomes `$1` and a values array (fix).
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function findUser(id) {
  const { rows } = await pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
  return rows[0];
}
`,
      output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function findUser(id) {
  const { rows } = await pool.query(\`SELECT * FROM users WHERE id = $1\`, [id]);
  return rows[0];
}
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'node-postgres', method: 'query', how: '`$1` placeholders and a values array' },
          line: 5,
          column: 71,
          endLine: 5,
          endColumn: 73,
          suggestions: null,
        },
      ],
    },
    // Default import, `new pg.Pool()`; a whole quoted string becomes the placeholder (fix).
    {
      code: `
import pg from 'pg';
const pool = new pg.Pool();
export const findByEmail = (email) => pool.query(\`SELECT id FROM users WHERE email = '\${email}' AND active\`);
`,
      output: `
import pg from 'pg';
const pool = new pg.Pool();
export const findByEmail = (email) => pool.query(\`SELECT id FROM users WHERE email = $1 AND active\`, [email]);
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'email',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 89,
          endLine: 4,
          endColumn: 94,
          suggestions: null,
        },
      ],
    },
    // Namespace import and a concatenation: rewritten as a string literal (fix).
    {
      code: `
import * as pg from 'pg';
const client = new pg.Client();
export function remove(id) {
  return client.query('DELETE FROM sessions WHERE user_id = ' + id + ' AND expired');
}
`,
      output: `
import * as pg from 'pg';
const client = new pg.Client();
export function remove(id) {
  return client.query('DELETE FROM sessions WHERE user_id = $1 AND expired', [id]);
}
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'node-postgres', method: 'query', how: '`$1` placeholders and a values array' },
          line: 5,
          column: 65,
          endLine: 5,
          endColumn: 67,
          suggestions: null,
        },
      ],
    },
    // CommonJS `require`, a callback after the SQL: the values go before it (fix).
    {
      code: `
const pg = require('pg');
const pool = new pg.Pool();
module.exports.find = (name, done) => pool.query("SELECT * FROM users WHERE name = '" + name + "'", (err, res) => done(err, res));
`,
      languageOptions: commonjs,
      output: `
const pg = require('pg');
const pool = new pg.Pool();
module.exports.find = (name, done) => pool.query("SELECT * FROM users WHERE name = $1", [name], (err, res) => done(err, res));
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'name',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 89,
          endLine: 4,
          endColumn: 93,
          suggestions: null,
        },
      ],
    },
    // Destructured `require` with an alias; the client from `pool.connect()`.
    {
      code: `
const { Pool: PgPool } = require('pg');
const pool = new PgPool();
async function rename(id, name) {
  const client = await pool.connect();
  try {
    await client.query(\`UPDATE users SET name = '\${name}' WHERE id = $1\`, [id]);
  } finally {
    client.release();
  }
}
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'name',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 7,
          column: 52,
          endLine: 7,
          endColumn: 56,
          suggestions: null,
        },
      ],
    },
    // A client held in a `let` assigned in `try`.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function archive(id) {
  let client;
  try {
    client = await pool.connect();
    await client.query(\`UPDATE orders SET archived = true WHERE id = \${id}\`);
  } finally {
    client?.release();
  }
}
`,
      output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function archive(id) {
  let client;
  try {
    client = await pool.connect();
    await client.query(\`UPDATE orders SET archived = true WHERE id = $1\`, [id]);
  } finally {
    client?.release();
  }
}
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'node-postgres', method: 'query', how: '`$1` placeholders and a values array' },
          line: 8,
          column: 72,
          endLine: 8,
          endColumn: 74,
          suggestions: null,
        },
      ],
    },
    // A `pool.connect()` callback.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export function count(table, status, done) {
  pool.connect((err, client, release) => {
    client.query(\`SELECT count(*) FROM orders WHERE status = '\${status}'\`, (error, result) => {
      release();
      done(error, result);
    });
  });
}
`,
      output: `
import { Pool } from 'pg';
const pool = new Pool();
export function count(table, status, done) {
  pool.connect((err, client, release) => {
    client.query(\`SELECT count(*) FROM orders WHERE status = $1\`, [status], (error, result) => {
      release();
      done(error, result);
    });
  });
}
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'status',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 6,
          column: 65,
          endLine: 6,
          endColumn: 71,
          suggestions: null,
        },
      ],
    },
    // A parameter typed with the client type.
    {
      code: `
import type { PoolClient } from 'pg';
export async function setRole(db: PoolClient, userId: string, role: string) {
  await db.query(\`UPDATE users SET role = '\${role}' WHERE id = '\${userId}'\`);
}
`,
      output: `
import type { PoolClient } from 'pg';
export async function setRole(db: PoolClient, userId: string, role: string) {
  await db.query(\`UPDATE users SET role = $1 WHERE id = $2\`, [role, userId]);
}
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'role',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 46,
          endLine: 4,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
    // `LIKE` with text around the value: a suggestion passes the whole pattern as the value.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const search = (term) => pool.query(\`SELECT id, title FROM posts WHERE title ILIKE '%\${term}%'\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'term',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 95,
          endLine: 4,
          endColumn: 99,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '$1' },
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export const search = (term) => pool.query(\`SELECT id, title FROM posts WHERE title ILIKE $1\`, [\`%\${term}%\`]);
`,
            },
          ],
        },
      ],
    },
    // `IN (…)` of a joined list: no mechanical rewrite.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const byIds = (ids) => pool.query(\`SELECT * FROM users WHERE id IN (\${ids.join(',')})\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: "ids.join(',')",
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 78,
          endLine: 4,
          endColumn: 91,
          suggestions: null,
        },
      ],
    },
    // Strings joined into `IN (…)`, even when typed.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const byCodes = (codes: string[]) => pool.query(\`SELECT * FROM countries WHERE code IN ('\${codes.join("','")}')\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'codes.join("\',\'")',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 99,
          endLine: 4,
          endColumn: 116,
          suggestions: null,
        },
      ],
    },
    // `LIMIT`: a suggestion (the value type matters to some drivers).
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const page = (limit) => pool.query(\`SELECT * FROM posts ORDER BY id LIMIT \${limit}\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'limit',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 84,
          endLine: 4,
          endColumn: 89,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '$1' },
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export const page = (limit) => pool.query(\`SELECT * FROM posts ORDER BY id LIMIT $1\`, [limit]);
`,
            },
          ],
        },
      ],
    },
    // A query config object (`{ text }`).
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const find = (id) => pool.query({ text: \`SELECT * FROM users WHERE id = \${id}\`, rowMode: 'array' });
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'node-postgres', method: 'query', how: '`$1` placeholders and a values array' },
          line: 4,
          column: 82,
          endLine: 4,
          endColumn: 84,
          suggestions: null,
        },
      ],
    },
    // SQL built in a `const` first: reported at the value, without a fix.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function findOrders(userId) {
  const sql = \`SELECT * FROM orders WHERE user_id = \${userId} ORDER BY created_at DESC\`;
  return (await pool.query(sql)).rows;
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'userId',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 5,
          column: 55,
          endLine: 5,
          endColumn: 61,
          suggestions: null,
        },
      ],
    },
    // Filters pushed onto an array and joined: the quoted value is reported.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function list(filters) {
  const conditions = [];
  const values = [];
  if (filters.name) {
    values.push(filters.name);
    conditions.push(\`name = $\${values.length}\`);
  }
  if (filters.role) conditions.push(\`role = '\${filters.role}'\`);
  const where = conditions.length > 0 ? \`WHERE \${conditions.join(' AND ')}\` : '';
  return pool.query(\`SELECT * FROM users \${where}\`, values);
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'filters.role',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 11,
          column: 48,
          endLine: 11,
          endColumn: 60,
          suggestions: null,
        },
      ],
    },
    // A `let` grown with `+=`.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function list(status) {
  let sql = 'SELECT * FROM invoices WHERE 1 = 1';
  if (status) sql += " AND status = '" + status + "'";
  return pool.query(sql);
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'status',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 6,
          column: 42,
          endLine: 6,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    // mysql2: `?` and a values array (fix).
    {
      code: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function findUser(id) {
  const [rows] = await pool.execute(\`SELECT * FROM users WHERE id = \${id}\`);
  return rows;
}
`,
      output: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
export async function findUser(id) {
  const [rows] = await pool.execute(\`SELECT * FROM users WHERE id = ?\`, [id]);
  return rows;
}
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'mysql2', method: 'execute', how: '`?` placeholders and a values array' },
          line: 5,
          column: 71,
          endLine: 5,
          endColumn: 73,
          suggestions: null,
        },
      ],
    },
    // mysql2 connection from `await pool.getConnection()`.
    {
      code: `
import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function pay(orderId, amount) {
  const connection = await pool.getConnection();
  await connection.query(\`UPDATE orders SET paid = \${amount} WHERE id = ?\`, [orderId]);
  connection.release();
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'amount', client: 'mysql2', method: 'query', how: '`?` placeholders and a values array' },
          line: 6,
          column: 54,
          endLine: 6,
          endColumn: 60,
          suggestions: null,
        },
      ],
    },
    // mysql with a callback: the values go before it (fix).
    {
      code: `
const mysql = require('mysql');
const connection = mysql.createConnection({});
exports.find = (name, callback) => connection.query("SELECT * FROM users WHERE name = '" + name + "'", (error, rows) => callback(error, rows));
`,
      languageOptions: commonjs,
      output: `
const mysql = require('mysql');
const connection = mysql.createConnection({});
exports.find = (name, callback) => connection.query("SELECT * FROM users WHERE name = ?", [name], (error, rows) => callback(error, rows));
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'name', client: 'mysql', method: 'query', how: '`?` placeholders and a values array' },
          line: 4,
          column: 92,
          endLine: 4,
          endColumn: 96,
          suggestions: null,
        },
      ],
    },
    // better-sqlite3: the values go to the statement call (fix).
    {
      code: `
import Database from 'better-sqlite3';
const db = new Database('app.db');
export const findUser = (id) => db.prepare(\`SELECT * FROM users WHERE id = \${id}\`).get();
`,
      output: `
import Database from 'better-sqlite3';
const db = new Database('app.db');
export const findUser = (id) => db.prepare(\`SELECT * FROM users WHERE id = ?\`).get(id);
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'id',
            client: 'better-sqlite3',
            method: 'prepare',
            how: '`?` placeholders and values given to the statement',
          },
          line: 4,
          column: 78,
          endLine: 4,
          endColumn: 80,
          suggestions: null,
        },
      ],
    },
    // better-sqlite3: a statement kept for later gets no fix.
    {
      code: `
import Database from 'better-sqlite3';
const db = Database('app.db');
export function findUser(email) {
  const statement = db.prepare(\`SELECT * FROM users WHERE email = '\${email}'\`);
  return statement.get();
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'email',
            client: 'better-sqlite3',
            method: 'prepare',
            how: '`?` placeholders and values given to the statement',
          },
          line: 5,
          column: 70,
          endLine: 5,
          endColumn: 75,
          suggestions: null,
        },
      ],
    },
    // better-sqlite3 `exec` cannot bind values: the message says what to use.
    {
      code: `
import Database from 'better-sqlite3';
const db = new Database('app.db');
export const rename = (id, name) => db.exec(\`UPDATE users SET name = '\${name}' WHERE id = \${id}\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'name',
            client: 'better-sqlite3',
            method: 'exec',
            how: '`prepare()` with `?` placeholders and values given to the statement',
          },
          line: 4,
          column: 73,
          endLine: 4,
          endColumn: 77,
          suggestions: null,
        },
      ],
    },
    // node:sqlite (fix).
    {
      code: `
import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync('app.db');
export const ordersOf = (userId) => db.prepare(\`SELECT * FROM orders WHERE user_id = \${userId}\`).all();
`,
      output: `
import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync('app.db');
export const ordersOf = (userId) => db.prepare(\`SELECT * FROM orders WHERE user_id = ?\`).all(userId);
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'userId',
            client: 'node:sqlite',
            method: 'prepare',
            how: '`?` placeholders and values given to the statement',
          },
          line: 4,
          column: 88,
          endLine: 4,
          endColumn: 94,
          suggestions: null,
        },
      ],
    },
    // sqlite3 with a callback (fix).
    {
      code: `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('app.db');
exports.find = (id, done) => db.get('SELECT * FROM users WHERE id = ' + id, function (err, row) { done(err, row); });
`,
      languageOptions: commonjs,
      output: `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('app.db');
exports.find = (id, done) => db.get('SELECT * FROM users WHERE id = ?', [id], function (err, row) { done(err, row); });
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'sqlite3', method: 'get', how: '`?` placeholders and a values array' },
          line: 4,
          column: 73,
          endLine: 4,
          endColumn: 75,
          suggestions: null,
        },
      ],
    },
    // mysql under the default parser (plain JavaScript).
    {
      code: `
const mysql = require('mysql');
const pool = mysql.createPool({});
exports.deleteUser = function (id) {
  pool.query('DELETE FROM users WHERE id = ' + id, function (error) {
    if (error) throw error;
  });
};
`,
      languageOptions: { ...commonjs, parser: espree },
      output: `
const mysql = require('mysql');
const pool = mysql.createPool({});
exports.deleteUser = function (id) {
  pool.query('DELETE FROM users WHERE id = ?', [id], function (error) {
    if (error) throw error;
  });
};
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'mysql', method: 'query', how: '`?` placeholders and a values array' },
          line: 5,
          column: 48,
          endLine: 5,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
    // postgres.js `unsafe` (fix).
    {
      code: `
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL);
export const findUser = (id) => sql.unsafe(\`SELECT * FROM users WHERE id = \${id}\`);
`,
      output: `
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL);
export const findUser = (id) => sql.unsafe(\`SELECT * FROM users WHERE id = $1\`, [id]);
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'postgres.js', method: 'unsafe', how: '`$1` placeholders and a values array' },
          line: 4,
          column: 78,
          endLine: 4,
          endColumn: 80,
          suggestions: null,
        },
      ],
    },
    // Sequelize `query`: a suggestion with `replacements`.
    {
      code: `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const findUser = (email) => sequelize.query(\`SELECT * FROM users WHERE email = '\${email}'\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'email', client: 'Sequelize', method: 'query', how: '`?` placeholders and `replacements`' },
          line: 4,
          column: 90,
          endLine: 4,
          endColumn: 95,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '?' },
              output: `
import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const findUser = (email) => sequelize.query(\`SELECT * FROM users WHERE email = ?\`, { replacements: [email] });
`,
            },
          ],
        },
      ],
    },
    // Sequelize `query` with options: `replacements` joins them.
    {
      code: `
import { QueryTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const findUser = (id) => sequelize.query(\`SELECT * FROM users WHERE id = \${id}\`, { type: QueryTypes.SELECT });
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'Sequelize', method: 'query', how: '`?` placeholders and `replacements`' },
          line: 4,
          column: 83,
          endLine: 4,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '?' },
              output: `
import { QueryTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DATABASE_URL);
export const findUser = (id) => sequelize.query(\`SELECT * FROM users WHERE id = ?\`, { replacements: [id], type: QueryTypes.SELECT });
`,
            },
          ],
        },
      ],
    },
    // Sequelize `literal`.
    {
      code: `
import { literal } from 'sequelize';
export const orderByRole = (role) => [[literal(\`role = '\${role}'\`), 'DESC']];
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'role',
            client: 'Sequelize',
            method: 'literal',
            how: '`replacements` in the query, or `sequelize.escape()` for the value',
          },
          line: 3,
          column: 59,
          endLine: 3,
          endColumn: 63,
          suggestions: null,
        },
      ],
    },
    // Knex `raw`: a suggestion with bindings.
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export const lastLogin = (userId) => db.raw(\`SELECT max(at) FROM logins WHERE user_id = \${userId}\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'userId', client: 'Knex', method: 'raw', how: '`?` placeholders and a bindings array' },
          line: 4,
          column: 91,
          endLine: 4,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '?' },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export const lastLogin = (userId) => db.raw(\`SELECT max(at) FROM logins WHERE user_id = ?\`, [userId]);
`,
            },
          ],
        },
      ],
    },
    // Knex `whereRaw` on a query builder.
    {
      code: `
import { knex } from 'knex';
const db = knex({ client: 'pg' });
export const active = (since) => db('users').where({ active: true }).whereRaw(\`last_seen > '\${since}'\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'since', client: 'Knex', method: 'whereRaw', how: '`?` placeholders and a bindings array' },
          line: 4,
          column: 95,
          endLine: 4,
          endColumn: 100,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '?' },
              output: `
import { knex } from 'knex';
const db = knex({ client: 'pg' });
export const active = (since) => db('users').where({ active: true }).whereRaw(\`last_seen > ?\`, [since]);
`,
            },
          ],
        },
      ],
    },
    // A Knex transaction callback.
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export const bump = (id) => db.transaction(async (trx) => {
  await trx.raw(\`UPDATE counters SET n = n + 1 WHERE id = \${id}\`);
});
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'Knex', method: 'raw', how: '`?` placeholders and a bindings array' },
          line: 5,
          column: 61,
          endLine: 5,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: '?' },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export const bump = (id) => db.transaction(async (trx) => {
  await trx.raw(\`UPDATE counters SET n = n + 1 WHERE id = ?\`, [id]);
});
`,
            },
          ],
        },
      ],
    },
    // A sort column from the request, as a name: only an allowlist helps.
    {
      code: `
import express from 'express';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = express();
app.get('/users', async (req, res) => {
  res.json(await db('users').orderByRaw(\`\${req.query.sort} DESC\`));
});
`,
      output: null,
      errors: [
        {
          messageId: 'requestValue',
          data: { value: 'req.query.sort', client: 'Knex', method: 'orderByRaw' },
          line: 7,
          column: 44,
          endLine: 7,
          endColumn: 58,
          suggestions: null,
        },
      ],
    },
    // Koa: a destructured query value as a name.
    {
      code: `
import Router from '@koa/router';
import { Pool } from 'pg';
const pool = new Pool();
const router = new Router();
router.get('/reports', async (ctx) => {
  const { column } = ctx.query;
  ctx.body = (await pool.query(\`SELECT \${column} FROM reports\`)).rows;
});
`,
      output: null,
      errors: [
        {
          messageId: 'requestValue',
          data: { value: 'column', client: 'node-postgres', method: 'query' },
          line: 8,
          column: 42,
          endLine: 8,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    // Hono: `c.req.query()` as a name.
    {
      code: `
import { Hono } from 'hono';
import { Pool } from 'pg';
const pool = new Pool();
const app = new Hono();
app.get('/items', async (c) => {
  const { rows } = await pool.query(\`SELECT * FROM items ORDER BY \${c.req.query('sort')}\`);
  return c.json(rows);
});
`,
      output: null,
      errors: [
        {
          messageId: 'requestValue',
          data: { value: "c.req.query('sort')", client: 'node-postgres', method: 'query' },
          line: 7,
          column: 69,
          endLine: 7,
          endColumn: 88,
          suggestions: null,
        },
      ],
    },
    // Fastify: `@fastify/postgres` on the instance.
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.get('/users/:id', async (request) => {
  const { rows } = await fastify.pg.query(\`SELECT * FROM users WHERE id = \${request.params.id}\`);
  return rows[0];
});
`,
      output: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.get('/users/:id', async (request) => {
  const { rows } = await fastify.pg.query(\`SELECT * FROM users WHERE id = $1\`, [request.params.id]);
  return rows[0];
});
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'request.params.id',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 5,
          column: 77,
          endLine: 5,
          endColumn: 94,
          suggestions: null,
        },
      ],
    },
    // TypeORM: a `DataSource` injected into a Nest service.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}
  totals(accountId: string) {
    return this.dataSource.query(\`SELECT sum(amount) FROM payments WHERE account_id = '\${accountId}'\`);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'accountId', client: 'TypeORM', method: 'query', how: 'placeholders and a values array' },
          line: 8,
          column: 90,
          endLine: 8,
          endColumn: 99,
          suggestions: null,
        },
      ],
    },
    // TypeORM: the entity manager of a transaction.
    {
      code: `
import { DataSource } from 'typeorm';
export const dataSource = new DataSource({ type: 'postgres' });
export const transfer = (from, amount) =>
  dataSource.transaction(async (manager) => {
    await manager.query(\`UPDATE accounts SET balance = balance - \${amount} WHERE id = $1\`, [from]);
  });
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'amount', client: 'TypeORM', method: 'query', how: 'placeholders and a values array' },
          line: 6,
          column: 68,
          endLine: 6,
          endColumn: 74,
          suggestions: null,
        },
      ],
    },
    // TypeORM: a query builder condition gets a `:name` parameter (suggestion).
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  byEmail(email: string) {
    return this.users.createQueryBuilder('user').where(\`user.email = '\${email}'\`).getOne();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'email',
            client: 'TypeORM',
            method: 'where',
            how: '`:name` parameters and a parameters object',
          },
          line: 10,
          column: 73,
          endLine: 10,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholder: ':email' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  byEmail(email: string) {
    return this.users.createQueryBuilder('user').where(\`user.email = :email\`, { email }).getOne();
  }
}
`,
            },
          ],
        },
      ],
    },
    // TypeORM: a Nest `@Query()` value as a name.
    {
      code: `
import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Controller('users')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}
  @Get()
  list(@Query('sort') sort: string) {
    return this.dataSource.query(\`SELECT * FROM users ORDER BY \${sort}\`);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestValue',
          data: { value: 'sort', client: 'TypeORM', method: 'query' },
          line: 9,
          column: 66,
          endLine: 9,
          endColumn: 70,
          suggestions: null,
        },
      ],
    },
    // Prisma `$queryRawUnsafe`: the tagged `$queryRaw` binds each value (suggestion).
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const findUser = (email) => prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE email = '\${email}'\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'email', client: 'Prisma', method: '$queryRawUnsafe', how: 'the tagged template `$queryRaw`' },
          line: 4,
          column: 98,
          endLine: 4,
          endColumn: 103,
          suggestions: [
            {
              messageId: 'useTaggedTemplate',
              data: { tag: '$queryRaw' },
              output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const findUser = (email) => prisma.$queryRaw\`SELECT * FROM "User" WHERE email = \${email}\`;
`,
            },
          ],
        },
      ],
    },
    // Prisma through a project service (`this.prisma`).
    {
      code: `
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';
@Injectable()
export class AuditService {
  constructor(private readonly prisma: PrismaService) {}
  purge(days) {
    return this.prisma.$executeRawUnsafe(\`DELETE FROM audit WHERE created_at < now() - interval '\${days} days'\`);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'days',
            client: 'Prisma',
            method: '$executeRawUnsafe',
            how: 'the tagged template `$executeRaw`',
          },
          line: 8,
          column: 100,
          endLine: 8,
          endColumn: 104,
          suggestions: null,
        },
      ],
    },
    // Drizzle `sql.raw`: the `sql` tag binds each value (suggestion).
    {
      code: `
import { sql } from 'drizzle-orm';
export const byName = (db, name) => db.execute(sql.raw(\`SELECT * FROM users WHERE name = '\${name}'\`));
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'name', client: 'Drizzle', method: 'sql.raw', how: 'the tagged template `sql`' },
          line: 3,
          column: 93,
          endLine: 3,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'useTaggedTemplate',
              data: { tag: 'sql' },
              output: `
import { sql } from 'drizzle-orm';
export const byName = (db, name) => db.execute(sql\`SELECT * FROM users WHERE name = \${name}\`);
`,
            },
          ],
        },
      ],
    },
    // An `INTERVAL` literal takes no placeholder without a cast: no rewrite.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const purge = (days) => pool.query(\`DELETE FROM audit WHERE at < now() - INTERVAL '\${days} days'\`);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'days',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 4,
          column: 93,
          endLine: 4,
          endColumn: 97,
          suggestions: null,
        },
      ],
    },
    // A request value as a number in a Nest controller is still a string at run time.
    {
      code: `
import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Controller('orders')
export class OrdersController {
  constructor(private readonly dataSource: DataSource) {}
  @Get(':id')
  find(@Param('id') id: number) {
    return this.dataSource.query(\`SELECT * FROM orders WHERE id = \${id}\`);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'TypeORM', method: 'query', how: 'placeholders and a values array' },
          line: 9,
          column: 69,
          endLine: 9,
          endColumn: 71,
          suggestions: null,
        },
      ],
    },
    // A SQL comment with an apostrophe does not open a string.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const find = (id) => pool.query(\`
  -- the user's latest order
  SELECT * FROM orders WHERE user_id = \${id}
\`);
`,
      output: `
import { Pool } from 'pg';
const pool = new Pool();
export const find = (id) => pool.query(\`
  -- the user's latest order
  SELECT * FROM orders WHERE user_id = $1
\`, [id]);
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'node-postgres', method: 'query', how: '`$1` placeholders and a values array' },
          line: 6,
          column: 42,
          endLine: 6,
          endColumn: 44,
          suggestions: null,
        },
      ],
    },
    // A client imported from the data layer.
    {
      code: `
import { pool } from '../db';
export async function findUser(id) {
  return pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
}
`,
      filename: '/srv/api/src/routes/users.ts',
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'the data layer', method: 'query', how: 'placeholders and a values array' },
          line: 4,
          column: 55,
          endLine: 4,
          endColumn: 57,
          suggestions: null,
        },
      ],
    },
    // The data layer's own query function.
    {
      code: `
import { query } from '../db/index.js';
export const findOrder = (id) => query(\`SELECT * FROM orders WHERE id = '\${id}'\`);
`,
      filename: '/srv/api/src/services/orders.ts',
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'id', client: 'the data layer', method: 'query', how: 'placeholders and a values array' },
          line: 3,
          column: 76,
          endLine: 3,
          endColumn: 78,
          suggestions: null,
        },
      ],
    },
    // Kysely `sql.raw`.
    {
      code: `
import { sql } from 'kysely';
export const byName = (db, name) => sql.raw(\`SELECT * FROM users WHERE name = '\${name}'\`).execute(db);
`,
      output: null,
      errors: [
        {
          messageId: 'unsafeValue',
          data: { value: 'name', client: 'Kysely', method: 'sql.raw', how: 'the tagged template `sql`' },
          line: 3,
          column: 82,
          endLine: 3,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'useTaggedTemplate',
              data: { tag: 'sql' },
              output: `
import { sql } from 'kysely';
export const byName = (db, name) => sql\`SELECT * FROM users WHERE name = \${name}\`.execute(db);
`,
            },
          ],
        },
      ],
    },
    // `checkNonRequestValues: false` still reports request values.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (req, res) => {
  res.json(await pool.query(\`SELECT * FROM users WHERE id = \${req.params.id}\`));
};
`,
      options: [{ checkNonRequestValues: false }],
      output: `
import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (req, res) => {
  res.json(await pool.query(\`SELECT * FROM users WHERE id = $1\`, [req.params.id]));
};
`,
      errors: [
        {
          messageId: 'unsafeValue',
          data: {
            value: 'req.params.id',
            client: 'node-postgres',
            method: 'query',
            how: '`$1` placeholders and a values array',
          },
          line: 5,
          column: 63,
          endLine: 5,
          endColumn: 76,
          suggestions: null,
        },
      ],
    },
  ],
});
