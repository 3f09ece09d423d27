/**
 * What the plugin knows about database connections that are checked out by hand and must be given
 * back, and about the exports that create a whole client (a pool or a connection of its own), as data.
 * `require-connection-release` reads it. Facts come from each library's documentation: node-postgres
 * "Pooling" (`pool.connect()` / `client.release()`), mysql and mysql2 READMEs ("Pooling connections",
 * `getConnection` / `connection.release()`), TypeORM "Query Runner" (`createQueryRunner` / `release`),
 * Knex "Transactions" (`transaction()` without a handler / `commit` / `rollback`), Sequelize
 * "Unmanaged transactions" (`transaction()` without a callback / `commit` / `rollback`), Prisma "Instantiating
 * Prisma Client" (one instance per application), MongoDB Node.js driver "Connection pools" (one
 * `MongoClient` per application), Mongoose "Connections" (`createConnection` opens a pool).
 */

import { CALL, CONSTRUCT, type TraceMap, type TraceMapNode } from './ast/index.js';
import type { SqlClientId } from './sql-clients.js';

/**
 * What a checkout hands out: a pooled `connection` (given back with `release()`), or a `transaction` (ended
 * with `commit()` or `rollback()`; only `rollback()` is right on the error path).
 */
export type CheckoutKind = 'connection' | 'transaction';

/** One method that checks a connection or a transaction out of a client. */
export interface CheckoutMethod {
  /** The package as messages name it (`pg`, `mysql2`, `typeorm`). */
  module: string;
  kind: CheckoutKind;
  /** Methods on the checked-out value that give it back, on any path. */
  ends: readonly string[];
  /** Methods among {@link ends} that are right on the error path (`rollback`, `release`). */
  errorEnds: readonly string[];
  /** The call the message asks for, with `{{ name }}` for the binding (`{{ name }}.release()`). */
  remedy: string;
  /**
   * A function argument makes the call managed (Knex `transaction(async (trx) => …)`, Sequelize
   * `transaction(async (t) => …)`, mysql `getConnection((err, conn) => …)`): the library ends it, or
   * the callback does (not checked here).
   */
  callbackForm: boolean;
}

const pooled = (module: string): CheckoutMethod => ({
  module,
  kind: 'connection',
  ends: ['release', 'destroy'],
  errorEnds: ['release', 'destroy'],
  remedy: '{{ name }}.release()',
  callbackForm: true,
});

const transaction = (module: string): CheckoutMethod => ({
  module,
  kind: 'transaction',
  ends: ['commit', 'rollback'],
  errorEnds: ['rollback'],
  remedy: '{{ name }}.rollback()',
  callbackForm: true,
});

/**
 * Checkout methods by the client kind of their receiver (as `SqlClientResolver` finds it) and method name.
 * node-postgres `Pool#connect` resolves to a `PoolClient` (a `Client#connect` resolves to nothing, so
 * only a bound result is a checkout); `@fastify/postgres`'s `fastify.pg` is the same pool.
 */
export const CHECKOUT_METHODS: Readonly<Partial<Record<SqlClientId, Readonly<Record<string, CheckoutMethod>>>>> = {
  pg: { connect: { ...pooled('pg'), ends: ['release'], errorEnds: ['release'] } },
  mysql: { getConnection: pooled('mysql') },
  mysql2: { getConnection: pooled('mysql2') },
  typeorm: {
    createQueryRunner: {
      module: 'typeorm',
      kind: 'connection',
      ends: ['release'],
      errorEnds: ['release'],
      remedy: 'await {{ name }}.release()',
      callbackForm: false,
    },
  },
  knex: { transaction: transaction('knex') },
  sequelize: { transaction: transaction('sequelize') },
};

/**
 * `createQueryRunner` belongs to TypeORM alone, so it is recognised on any receiver: a `DataSource`
 * reached through a service of the project (`this.db.dataSource`) that import tracking cannot see.
 */
export const TYPEORM_QUERY_RUNNER = CHECKOUT_METHODS.typeorm!.createQueryRunner!;

/** What a factory export makes, for messages: `a node-postgres pool`, `a Prisma client`. */
export interface ClientFactoryInfo {
  /** The package as messages name it. */
  module: string;
  /** The call as messages name it: `new Pool()`, `mysql.createPool()`. */
  call: string;
  /** What it opens, in words: `a connection pool`, `a client with its own connection pool`. */
  opens: string;
  /** Only a created value that is then connected (`client.connect()`) opens anything (node-postgres `Client`). */
  needsConnect?: boolean;
  /** The call's own result is not the client: `mongoose.connect()` connects the default connection. */
  connectsDefault?: boolean;
}

const info = (module: string, call: string, opens: string, extra: Partial<ClientFactoryInfo> = {}): TraceMapNode => ({
  [call.startsWith('new ') ? CONSTRUCT : CALL]: { module, call, opens, ...extra } satisfies ClientFactoryInfo,
});

const POOL = 'a connection pool';
const CONNECTION = 'a database connection';
const CLIENT_POOL = 'a client with its own connection pool';

const mysqlFactories = (module: string): TraceMapNode => ({
  createConnection: info(module, 'createConnection()', CONNECTION),
  createPool: info(module, 'createPool()', POOL),
  createPoolCluster: info(module, 'createPoolCluster()', POOL),
});

const sequelize = (module: string): TraceMapNode => ({
  ...info(module, 'new Sequelize()', CLIENT_POOL),
  Sequelize: info(module, 'new Sequelize()', CLIENT_POOL),
});

/**
 * Exports that create a client holding connections of its own, by package: made once per process and
 * shared, never once per request.
 */
export const CLIENT_FACTORIES: TraceMap = {
  pg: {
    Pool: info('pg', 'new Pool()', POOL),
    Client: info('pg', 'new Client()', CONNECTION, { needsConnect: true }),
  },
  'pg-pool': info('pg-pool', 'new Pool()', POOL),
  postgres: info('postgres', 'postgres()', POOL),
  mysql: mysqlFactories('mysql'),
  mysql2: mysqlFactories('mysql2'),
  'mysql2/promise': mysqlFactories('mysql2'),
  '@prisma/client': { PrismaClient: info('@prisma/client', 'new PrismaClient()', CLIENT_POOL) },
  sequelize: sequelize('sequelize'),
  '@sequelize/core': sequelize('@sequelize/core'),
  'sequelize-typescript': { Sequelize: info('sequelize-typescript', 'new Sequelize()', CLIENT_POOL) },
  typeorm: {
    DataSource: info('typeorm', 'new DataSource()', CLIENT_POOL),
    createConnection: info('typeorm', 'createConnection()', CLIENT_POOL),
  },
  knex: { ...info('knex', 'knex()', CLIENT_POOL), knex: info('knex', 'knex()', CLIENT_POOL) },
  mongoose: {
    connect: info('mongoose', 'mongoose.connect()', POOL, { connectsDefault: true }),
    createConnection: info('mongoose', 'mongoose.createConnection()', POOL),
  },
  mongodb: {
    MongoClient: {
      ...info('mongodb', 'new MongoClient()', CLIENT_POOL),
      connect: info('mongodb', 'MongoClient.connect()', CLIENT_POOL),
    },
  },
};

/** Every module named above, for the rule's cheap pre-check. */
export const CONNECTION_MODULES: ReadonlySet<string> = new Set([
  ...Object.keys(CLIENT_FACTORIES),
  'typeorm',
  '@nestjs/typeorm',
  '@fastify/postgres',
  'knex',
]);
