import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeName, getStaticString, skipExpressionWrappers } from '../../shared/ast/index.js';
import type { DataAccess } from '../../shared/data-layer.js';

/**
 * What a data-access call does, as far as the N+1 question goes:
 * - `read`: it loads rows (`findUnique`, `findByPk`, `findById`, Knex `where(…).first()`, `SELECT …`);
 * - `write`: it changes rows (`create`, `update`, `upsert`, `save`, `INSERT …`): one write per row is a
 *   batching question (`createMany`, a bulk insert), often deliberate inside a transaction;
 * - `batched`: it is already the batching fix or loads on its own schedule: DataLoader `load`/`loadMany`,
 *   Mongoose `Model.populate(docs, …)`;
 * - `unknown`: nothing says which (a transaction, `query(text)` with SQL that is not static, a helper
 *   whose name says neither): left alone.
 */
export type AccessKind = 'read' | 'write' | 'batched' | 'unknown';

/**
 * Methods that read, across the ORMs and drivers the data-layer index tracks: Prisma model delegates
 * (`findUnique`, `findFirst`, `findMany`, `count`, `aggregate`, `groupBy`), Sequelize (`findByPk`,
 * `findAll`, `findAndCountAll`), TypeORM repositories and query builders (`findOneBy`, `findBy`,
 * `getOne`, `getMany`), Mongoose models and queries (`findById`, `countDocuments`, `exec`, `lean`),
 * Knex and Drizzle builders (`select`, `first`, `pluck`), Supabase (`select`), MongoDB (`find`, `findOne`).
 */
const READ_METHODS: ReadonlySet<string> = new Set([
  'aggregate',
  'count',
  'countBy',
  'countDocuments',
  'distinct',
  'exists',
  'exist',
  'existsBy',
  'find',
  'findAll',
  'findAndCount',
  'findAndCountAll',
  'findBy',
  'findById',
  'findByIds',
  'findByPk',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'findOne',
  'findOneBy',
  'findOneByOrFail',
  'findOneOrFail',
  'findUnique',
  'findUniqueOrThrow',
  'first',
  'getCount',
  'getMany',
  'getOne',
  'getOneOrFail',
  'getRawMany',
  'getRawOne',
  'groupBy',
  'pluck',
  'select',
  'selectFrom',
  'selectDistinct',
  'where',
]);

/**
 * Methods that write: Prisma (`create`, `update`, `upsert`, `delete` and their `Many` forms,
 * `$executeRaw`), Sequelize (`bulkCreate`, `destroy`, `increment`, `findOrCreate`), TypeORM (`save`,
 * `insert`, `softDelete`), Mongoose (`findByIdAndUpdate`, `updateOne`, `bulkWrite`), Knex (`insert`,
 * `update`, `del`, `merge`), Drizzle (`insert`, `update`, `delete`, `set`, `values`).
 */
const WRITE_METHODS: ReadonlySet<string> = new Set([
  '$executeRaw',
  '$executeRawUnsafe',
  'bulkCreate',
  'bulkWrite',
  'create',
  'createMany',
  'createManyAndReturn',
  'decrement',
  'del',
  'delete',
  'deleteMany',
  'deleteOne',
  'destroy',
  'findByIdAndDelete',
  'findByIdAndRemove',
  'findByIdAndUpdate',
  'findOneAndDelete',
  'findOneAndRemove',
  'findOneAndReplace',
  'findOneAndUpdate',
  'findOrCreate',
  'increment',
  'insert',
  'insertInto',
  'insertMany',
  'insertOne',
  'merge',
  'onConflict',
  'remove',
  'replaceOne',
  'restore',
  'save',
  'set',
  'softDelete',
  'softRemove',
  'update',
  'updateMany',
  'updateOne',
  'updateTable',
  'upsert',
  'values',
]);

/** Methods that take SQL text: node-postgres and mysql2 `query`/`execute`, SQLite `get`/`all`/`prepare`, Knex `raw`. */
const SQL_METHODS: ReadonlySet<string> = new Set([
  'query',
  'execute',
  'get',
  'all',
  'prepare',
  'raw',
  '$queryRawUnsafe',
]);

/** Tagged templates that read (`$queryRaw`) — any other tag's SQL is read from its text. */
const READ_TAGS: ReadonlySet<string> = new Set(['$queryRaw']);

/** Names of a data-layer module's own functions that read (`getUserById`, `findPostsByAuthor`, `countLikes`). */
const READ_NAME = /^(?:find|get|list|fetch|search|count|exists?|select|lookup)(?![a-z])/u;
/** Names that write (`createUser`, `saveOrder`, `addTag`, `upsertStats`, `markRead`). */
const WRITE_NAME =
  /^(?:create|insert|add|update|upsert|save|delete|remove|destroy|set|mark|increment|decrement)(?![a-z])/u;

/** The start of SQL that only reads (`SELECT …`, `WITH … SELECT …`), and any keyword that writes. */
const SQL_READ = /^[\s(]*(?:select|with)\b/iu;
const SQL_WRITE = /\b(?:insert|update|delete|merge|upsert|replace)\b/iu;

/**
 * The calls and tagged templates of a data-access chain, outermost first, with the name each calls
 * (`findUnique` for `prisma.user.findUnique(…)`, `first`, `where` and `db` for `db('users').where(…).first()`,
 * the function's name for an imported data-layer function, `null` for a computed one).
 */
export function getChainCalls(
  access: DataAccess,
): { node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression; name: string | null }[] {
  const calls: { node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression; name: string | null }[] = [];
  let current: TSESTree.Node = access.node;
  for (let depth = 0; depth < 24; depth += 1) {
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const callee = skipExpressionWrappers(
        current.type === AST_NODE_TYPES.CallExpression ? current.callee : current.tag,
      );
      calls.push({ node: current, name: getCalleeName(callee) });
      current = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = current.object;
    } else {
      break;
    }
  }
  return calls;
}

/** The names a data-access chain calls, from its client outwards: `['findUnique']`, `['db', 'where', 'first']`. */
function getChainMethods(access: DataAccess): string[] {
  return getChainCalls(access)
    .map((call) => call.name)
    .filter((name): name is string => name !== null)
    .reverse();
}

/** What `access` does (see {@link AccessKind}), from its chain's methods and, for raw SQL, its static text. */
export function getAccessKind(access: DataAccess): AccessKind {
  const methods = getChainMethods(access);
  if (methods.length === 0) return 'unknown';
  if (methods[0] === 'populate' || methods.includes('load') || methods.includes('loadMany')) return 'batched';
  if (methods.some((method) => WRITE_METHODS.has(method))) return 'write';
  const sql = getSqlText(access);
  if (sql !== null) return SQL_READ.test(sql) && !SQL_WRITE.test(sql) ? 'read' : 'write';
  if (methods.some((method) => READ_METHODS.has(method))) return 'read';
  const last = methods.at(-1)!;
  if (READ_TAGS.has(last)) return 'read';
  if (SQL_METHODS.has(last) || access.node.type === AST_NODE_TYPES.TaggedTemplateExpression) return 'unknown';
  // An imported data-layer function or a model's own static (`User.getByEmail(…)`): by its name.
  if (WRITE_NAME.test(last)) return 'write';
  return READ_NAME.test(last) ? 'read' : 'unknown';
}

/**
 * The SQL a raw query runs, when it is static: the first argument of `query`/`execute`/`get`/`all`/`raw`
 * (a string, a template without expressions, or `{ text }`), or the literal parts of a tagged template
 * (sql`SELECT …`); `null` otherwise.
 */
function getSqlText(access: DataAccess): string | null {
  const node = access.node;
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression)
    return node.quasi.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('?');
  // The innermost call that names SQL (`db.prepare('SELECT …').get(id)` as well as `pool.query('…', [id])`).
  let found: string | null = null;
  for (const { node: call, name } of getChainCalls(access)) {
    const first = call.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined;
    const text = name !== null && SQL_METHODS.has(name) && first ? getSqlArgument(first) : null;
    if (text !== null) found = text;
  }
  return found;
}

function getSqlArgument(node: TSESTree.Node): string | null {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.TemplateLiteral)
    return inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('?');
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of inner.properties)
      if (
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        (property.key.name === 'text' || property.key.name === 'sql')
      )
        return getSqlArgument(property.value);
    return null;
  }
  return getStaticString(inner);
}

/** The ORM or driver a data access goes through, as its fix is named in messages. */
export type DataLibrary =
  'prisma' | 'sequelize' | 'typeorm' | 'mongoose' | 'mongodb' | 'knex' | 'drizzle' | 'supabase' | 'sql' | 'other';

/** The library of each package the data-layer index tracks (`DataAccess.source`). */
const LIBRARY_OF_PACKAGE: Readonly<Record<string, DataLibrary>> = {
  '@prisma/client': 'prisma',
  sequelize: 'sequelize',
  '@sequelize/core': 'sequelize',
  typeorm: 'typeorm',
  mongoose: 'mongoose',
  mongodb: 'mongodb',
  knex: 'knex',
  pg: 'sql',
  mysql2: 'sql',
  'mysql2/promise': 'sql',
  'better-sqlite3': 'sql',
  'node:sqlite': 'sql',
  postgres: 'sql',
  '@supabase/supabase-js': 'supabase',
};

/**
 * The library of a data access: by the package its client comes from, or, for a client imported from a
 * data-layer module of the service (`../db`), by methods only one library has (`findUnique` Prisma,
 * `findByPk` Sequelize, `findOneBy` TypeORM, `findById` Mongoose, `db.query.x.findFirst` and
 * `select().from()` Drizzle), then by raw SQL; `other` when nothing tells.
 */
export function getDataLibrary(access: DataAccess): DataLibrary {
  if (access.source.startsWith('drizzle-orm')) return 'drizzle';
  const known = LIBRARY_OF_PACKAGE[access.source];
  if (known) return known;
  const methods = new Set(getChainMethods(access));
  const has = (...names: string[]): boolean => names.some((name) => methods.has(name));
  if (access.label.includes('.query.') && has('findFirst', 'findMany')) return 'drizzle';
  if (has('findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany')) return 'prisma';
  if (has('findByPk', 'findAll', 'findAndCountAll')) return 'sequelize';
  if (has('findOneBy', 'findBy', 'getOne', 'getMany', 'getRawMany', 'getRawOne')) return 'typeorm';
  if (has('findById', 'countDocuments', 'lean', 'exec')) return 'mongoose';
  if (has('from') && has('select')) return 'drizzle';
  if (access.node.type === AST_NODE_TYPES.TaggedTemplateExpression || getSqlText(access) !== null) return 'sql';
  return 'other';
}

/**
 * How each library loads the rows' related data in one query, from its own documentation: Prisma
 * "Query optimization: solving the N+1 problem" (`include`, `in`), Sequelize "Eager loading" (`include`)
 * and `Op.in` by array, TypeORM "Find options" (`relations`, `In`), Mongoose "Populate" and `$in`, MongoDB
 * `$in`/`$lookup`, Knex `whereIn`, Drizzle "Relational queries" (`with`) and `inArray`, Supabase
 * "Querying joins" and `.in()`; raw SQL a join or `= ANY($1)` / `IN (…)`. The generic advice names
 * DataLoader (graphql/dataloader README: batching per tick).
 */
export const ADVICE: Readonly<Record<DataLibrary, string>> = {
  prisma:
    'load the relation with `include` in the first query, or collect the keys and run one `findMany({ where: { id: { in: ids } } })`',
  sequelize:
    '`include` the association in the first query, or collect the keys and run one `findAll({ where: { id: ids } })`',
  typeorm:
    'load the relation with `relations` or a join in the first query, or collect the keys and run one `findBy({ id: In(ids) })`',
  mongoose:
    '`populate()` the reference in the first query, or collect the keys and run one `find({ _id: { $in: ids } })`',
  mongodb: 'collect the keys and run one `find({ _id: { $in: ids } })`, or use `$lookup` in an aggregation',
  knex: 'join the table in the first query, or collect the keys and run one `whereIn(column, ids)` query',
  drizzle:
    'load the relation `with` a relational query or a join, or collect the keys and run one `inArray(column, ids)` query',
  supabase:
    "select the related table in the first query (`select('*, other(*)')`), or collect the keys and run one `.in(column, ids)` query",
  sql: 'join the table in the first query, or collect the keys and run one query with `= ANY($1)` / `IN (…)`',
  other:
    'load what every row needs in one query (a join, `include`, or an `IN` list of the collected keys), or batch the lookups with a DataLoader',
};
