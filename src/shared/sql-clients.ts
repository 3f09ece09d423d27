/**
 * What the plugin knows about SQL clients, as data: which packages make them, which of their methods take
 * a raw SQL string, how those methods take bound values, and the placeholder syntax of each driver.
 * `no-sql-injection` reads it; the facts come from each library's documentation (linked per entry).
 */

/**
 * The placeholder syntax a driver binds values to: `numbered` is PostgreSQL's `$1`, `$2`, … (node-postgres
 * "Parameterized query", postgres.js `unsafe`), `question` is `?` (mysql/mysql2 "Escaping query values",
 * better-sqlite3 "Binding Parameters", `node:sqlite` `StatementSync`, sqlite3 `Database#run`, Knex
 * "Raw Parameter Binding", Sequelize `replacements`).
 */
export type PlaceholderStyle = 'numbered' | 'question';

/**
 * How a raw-SQL method takes the values its placeholders stand for:
 * - `argument`: the next positional argument, an array (pg `query(text, values, callback?)`, mysql
 *   `query(sql, values, callback?)`, sqlite3 `run(sql, params, callback?)`, postgres.js `unsafe(q, values)`);
 * - `statement`: the prepared statement's run method (`db.prepare(sql).get(...values)`: better-sqlite3,
 *   `node:sqlite`);
 * - `bindings`: Knex's next argument, an array for `?` (`knex.raw(sql, bindings)`, `whereRaw(sql, bindings)`);
 * - `replacements`: Sequelize's options object (`sequelize.query(sql, { replacements })`);
 * - `parameters`: TypeORM's named `:name` parameters object (`qb.where('u.id = :id', { id })`);
 * - `spread`: Prisma's rest arguments (`$queryRawUnsafe(sql, ...values)`), whose placeholders depend on
 *   the database;
 * - `none`: no way to bind values (`exec`, Sequelize `literal`).
 */
export type SqlValuesStyle = 'argument' | 'statement' | 'bindings' | 'replacements' | 'parameters' | 'spread' | 'none';

/** One method (or function) that takes a raw SQL string. */
export interface SqlMethod {
  /** Index of the SQL argument. */
  sql: number;
  /** When the SQL argument may be a query config object, the property holding the SQL (pg `text`, mysql `sql`). */
  sqlProperty?: string;
  values: SqlValuesStyle;
  /**
   * A generic method name on a client whose library is unknown (a binding imported from the service's data
   * layer): only a first argument that reads as SQL (`SELECT …`, `UPDATE … SET`) makes it a SQL call.
   */
  needsSqlText?: boolean;
  /**
   * The tagged template that parameterises each interpolation and can replace the call (Prisma `$queryRaw`
   * for `$queryRawUnsafe`, Drizzle/Kysely `sql` for `sql.raw`): `member` swaps the method name on the same
   * receiver, `receiver` makes the call's receiver the tag.
   */
  taggedTwin?: { kind: 'member'; name: string } | { kind: 'receiver' };
  /** What to use instead when the method cannot bind values itself (`exec`, `literal`), as Markdown. */
  advice?: string;
}

/** Identifies an entry of {@link SQL_CLIENTS}. */
export type SqlClientId =
  | 'pg'
  | 'postgres'
  | 'mysql'
  | 'mysql2'
  | 'better-sqlite3'
  | 'node:sqlite'
  | 'sqlite3'
  | 'sqlite'
  | 'sequelize'
  | 'knex'
  | 'typeorm'
  | 'typeorm-query-builder'
  | 'prisma'
  | 'data-layer';

/** One kind of client object: what its methods do. */
export interface SqlClient {
  /** The library as messages name it. */
  name: string;
  /** The driver's placeholder syntax, or `null` when it depends on the database behind (TypeORM, Prisma). */
  placeholder: PlaceholderStyle | null;
  /** Methods that take raw SQL. */
  methods: Readonly<Record<string, SqlMethod>>;
  /** Methods whose result (awaited or not) is another client: `pool.connect()`, `getConnection()`, `createQueryBuilder()`. */
  clientMethods?: Readonly<Record<string, SqlClientId>>;
  /** Methods whose callback receives a client, by parameter index: `pool.connect((err, client) => …)`. */
  callbackMethods?: Readonly<Record<string, { parameter: number; client: SqlClientId }>>;
  /** Properties holding another client: TypeORM `dataSource.manager`, Knex `knex.schema`. */
  clientProperties?: Readonly<Record<string, SqlClientId>>;
  /**
   * Query builders (Knex, TypeORM's `SelectQueryBuilder`): calling the client, or any of its methods not
   * listed above, gives a builder of the same kind, so `knex('users').where(…).whereRaw(…)` is followed.
   */
  chainable?: boolean;
}

const pgQuery: SqlMethod = { sql: 0, sqlProperty: 'text', values: 'argument' };
const mysqlQuery: SqlMethod = { sql: 0, sqlProperty: 'sql', values: 'argument' };
const prepare: SqlMethod = { sql: 0, values: 'statement' };
const exec: SqlMethod = {
  sql: 0,
  values: 'none',
  advice: '`prepare()` with `?` placeholders and values given to the statement',
};
const literal: SqlMethod = {
  sql: 0,
  values: 'none',
  advice: '`replacements` in the query, or `sequelize.escape()` for the value',
};
const sqlite3Call: SqlMethod = { sql: 0, values: 'argument' };
const knexRaw: SqlMethod = { sql: 0, values: 'bindings' };
const typeormCondition: SqlMethod = { sql: 0, values: 'parameters' };
const typeormJoinCondition: SqlMethod = { sql: 2, values: 'parameters' };
const typeormQuery: SqlMethod = { sql: 0, values: 'argument' };
const prismaQueryRawUnsafe: SqlMethod = { sql: 0, values: 'spread', taggedTwin: { kind: 'member', name: '$queryRaw' } };
const prismaExecuteRawUnsafe: SqlMethod = {
  sql: 0,
  values: 'spread',
  taggedTwin: { kind: 'member', name: '$executeRaw' },
};

/** Knex's raw-SQL methods of the client and its query builders (Knex docs, "Raw" and "whereRaw"). */
const KNEX_RAW_METHODS = [
  'raw',
  'whereRaw',
  'andWhereRaw',
  'orWhereRaw',
  'havingRaw',
  'andHavingRaw',
  'orHavingRaw',
  'orderByRaw',
  'groupByRaw',
  'joinRaw',
  'fromRaw',
  'selectRaw',
] as const;

const knexMethods: Record<string, SqlMethod> = Object.fromEntries(KNEX_RAW_METHODS.map((name) => [name, knexRaw]));

/** The two Prisma methods that take a SQL string rather than a tagged template (Prisma docs, "Raw queries"). */
const prismaMethods: Record<string, SqlMethod> = {
  $queryRawUnsafe: prismaQueryRawUnsafe,
  $executeRawUnsafe: prismaExecuteRawUnsafe,
};

/**
 * Every client kind. Sources: node-postgres "Queries" and "Pooling"; mysql and mysql2 READMEs ("Performing
 * queries", "Using prepared statements", `getConnection`); better-sqlite3 API docs (`prepare`, `exec`);
 * Node.js `node:sqlite` (`DatabaseSync#prepare`, `#exec`); sqlite3 API (`run/get/all/each/exec/prepare`);
 * sqlite (`open`); postgres.js README ("Unsafe raw string queries"); Sequelize "Raw Queries" and
 * `sequelize.literal`; Knex "Raw" and "Transactions"; TypeORM "Select using Query Builder",
 * `DataSource#query`, `EntityManager#query`, `QueryRunner`; Prisma "Raw queries".
 */
export const SQL_CLIENTS: Readonly<Record<SqlClientId, SqlClient>> = {
  pg: {
    name: 'node-postgres',
    placeholder: 'numbered',
    methods: { query: pgQuery },
    clientMethods: { connect: 'pg' },
    // `transact` is `@fastify/postgres`'s transaction helper on the same pool.
    callbackMethods: { connect: { parameter: 1, client: 'pg' }, transact: { parameter: 0, client: 'pg' } },
  },
  postgres: {
    name: 'postgres.js',
    placeholder: 'numbered',
    methods: { unsafe: { sql: 0, values: 'argument' } },
    clientMethods: { begin: 'postgres', reserve: 'postgres' },
    callbackMethods: { begin: { parameter: 0, client: 'postgres' } },
  },
  mysql: {
    name: 'mysql',
    placeholder: 'question',
    methods: { query: mysqlQuery },
    clientMethods: { getConnection: 'mysql', of: 'mysql' },
    callbackMethods: { getConnection: { parameter: 1, client: 'mysql' } },
  },
  mysql2: {
    name: 'mysql2',
    placeholder: 'question',
    methods: { query: mysqlQuery, execute: mysqlQuery },
    clientMethods: { getConnection: 'mysql2', promise: 'mysql2', of: 'mysql2' },
    callbackMethods: { getConnection: { parameter: 1, client: 'mysql2' } },
  },
  'better-sqlite3': {
    name: 'better-sqlite3',
    placeholder: 'question',
    methods: { prepare, exec },
  },
  'node:sqlite': {
    name: 'node:sqlite',
    placeholder: 'question',
    methods: { prepare, exec },
  },
  sqlite3: {
    name: 'sqlite3',
    placeholder: 'question',
    methods: { run: sqlite3Call, get: sqlite3Call, all: sqlite3Call, each: sqlite3Call, prepare: sqlite3Call, exec },
  },
  sqlite: {
    name: 'sqlite',
    placeholder: 'question',
    methods: { run: sqlite3Call, get: sqlite3Call, all: sqlite3Call, each: sqlite3Call, prepare: sqlite3Call, exec },
  },
  sequelize: {
    name: 'Sequelize',
    placeholder: 'question',
    methods: { query: { sql: 0, values: 'replacements' }, literal },
  },
  knex: {
    name: 'Knex',
    placeholder: 'question',
    methods: knexMethods,
    callbackMethods: { transaction: { parameter: 0, client: 'knex' } },
    clientProperties: { schema: 'knex' },
    chainable: true,
  },
  typeorm: {
    name: 'TypeORM',
    placeholder: null,
    methods: { query: typeormQuery },
    clientMethods: {
      createQueryBuilder: 'typeorm-query-builder',
      getRepository: 'typeorm',
      getTreeRepository: 'typeorm',
      withRepository: 'typeorm',
      createQueryRunner: 'typeorm',
      getCustomRepository: 'typeorm',
      initialize: 'typeorm',
    },
    callbackMethods: { transaction: { parameter: 0, client: 'typeorm' } },
    clientProperties: { manager: 'typeorm', connection: 'typeorm' },
  },
  'typeorm-query-builder': {
    name: 'TypeORM',
    placeholder: null,
    methods: {
      where: typeormCondition,
      andWhere: typeormCondition,
      orWhere: typeormCondition,
      having: typeormCondition,
      andHaving: typeormCondition,
      orHaving: typeormCondition,
      innerJoin: typeormJoinCondition,
      leftJoin: typeormJoinCondition,
      innerJoinAndSelect: typeormJoinCondition,
      leftJoinAndSelect: typeormJoinCondition,
    },
    chainable: true,
  },
  prisma: {
    name: 'Prisma',
    placeholder: null,
    methods: prismaMethods,
    callbackMethods: { $transaction: { parameter: 0, client: 'prisma' } },
  },
  'data-layer': {
    name: 'the data layer',
    placeholder: null,
    methods: {
      query: { sql: 0, values: 'argument', needsSqlText: true },
      execute: { sql: 0, values: 'argument', needsSqlText: true },
      unsafe: { sql: 0, values: 'argument', needsSqlText: true },
      ...knexMethods,
      ...prismaMethods,
    },
    chainable: true,
  },
};

/** How an export is used to make a client: `new X()`, `X()`, or either. */
export type ClientCreation = 'construct' | 'call' | 'any';

/** An export that makes a client: module, export path (`[]` for the module itself), how, and the kind. */
export interface SqlClientFactory {
  module: string;
  path: readonly string[];
  creation: ClientCreation;
  client: SqlClientId;
}

const factories = (
  modules: readonly string[],
  paths: readonly (readonly string[])[],
  creation: ClientCreation,
  client: SqlClientId,
): SqlClientFactory[] => modules.flatMap((module) => paths.map((path) => ({ module, path, creation, client })));

const MYSQL_FACTORIES = [['createConnection'], ['createPool'], ['createPoolCluster']] as const;

/** The exports that create clients, by package (sources as for {@link SQL_CLIENTS}). */
export const SQL_CLIENT_FACTORIES: readonly SqlClientFactory[] = [
  ...factories(['pg'], [['Pool'], ['Client'], ['native', 'Pool'], ['native', 'Client']], 'construct', 'pg'),
  ...factories(['pg-pool'], [[]], 'construct', 'pg'),
  ...factories(['postgres'], [[]], 'call', 'postgres'),
  ...factories(['mysql'], MYSQL_FACTORIES, 'call', 'mysql'),
  ...factories(['mysql2', 'mysql2/promise'], MYSQL_FACTORIES, 'call', 'mysql2'),
  ...factories(['better-sqlite3'], [[]], 'any', 'better-sqlite3'),
  ...factories(['node:sqlite'], [['DatabaseSync']], 'construct', 'node:sqlite'),
  ...factories(['sqlite3'], [['Database'], ['cached', 'Database']], 'construct', 'sqlite3'),
  ...factories(['sqlite'], [['open']], 'call', 'sqlite'),
  ...factories(['sequelize', '@sequelize/core', 'sequelize-typescript'], [[], ['Sequelize']], 'construct', 'sequelize'),
  ...factories(['knex'], [[], ['knex'], ['default']], 'call', 'knex'),
  ...factories(['typeorm'], [['DataSource'], ['Connection']], 'construct', 'typeorm'),
  ...factories(
    ['typeorm'],
    [['getConnection'], ['getManager'], ['getRepository'], ['createConnection'], ['getCustomRepository']],
    'call',
    'typeorm',
  ),
  ...factories(['@prisma/client'], [['PrismaClient']], 'construct', 'prisma'),
];

/**
 * Types that mark a parameter or class property as a client (`constructor(private readonly ds: DataSource)`,
 * `@InjectRepository(User) private repo: Repository<User>`, `@InjectConnection() knex: Knex`), by the
 * package they are imported from and their exported name.
 */
export const SQL_CLIENT_TYPES: readonly { module: string; name: string; client: SqlClientId }[] = [
  ...['Pool', 'Client', 'PoolClient'].map((name) => ({ module: 'pg', name, client: 'pg' as const })),
  ...['Sql', 'TransactionSql', 'ReservedSql'].map((name) => ({
    module: 'postgres',
    name,
    client: 'postgres' as const,
  })),
  ...['Pool', 'Connection', 'PoolConnection'].map((name) => ({ module: 'mysql', name, client: 'mysql' as const })),
  ...['mysql2', 'mysql2/promise'].flatMap((module) =>
    ['Pool', 'Connection', 'PoolConnection'].map((name) => ({ module, name, client: 'mysql2' as const })),
  ),
  { module: 'better-sqlite3', name: 'default', client: 'better-sqlite3' },
  { module: 'better-sqlite3', name: 'Database', client: 'better-sqlite3' },
  { module: 'node:sqlite', name: 'DatabaseSync', client: 'node:sqlite' },
  { module: 'sqlite3', name: 'Database', client: 'sqlite3' },
  { module: 'sqlite', name: 'Database', client: 'sqlite' },
  ...['sequelize', '@sequelize/core', 'sequelize-typescript'].map((module) => ({
    module,
    name: 'Sequelize',
    client: 'sequelize' as const,
  })),
  { module: 'knex', name: 'Knex', client: 'knex' },
  { module: 'knex', name: 'default', client: 'knex' },
  ...['DataSource', 'Connection', 'EntityManager', 'Repository', 'TreeRepository', 'QueryRunner'].map((name) => ({
    module: 'typeorm',
    name,
    client: 'typeorm' as const,
  })),
  ...['SelectQueryBuilder', 'UpdateQueryBuilder', 'DeleteQueryBuilder'].map((name) => ({
    module: 'typeorm',
    name,
    client: 'typeorm-query-builder' as const,
  })),
  { module: '@prisma/client', name: 'PrismaClient', client: 'prisma' },
];

/** A function export that takes raw SQL itself (not a client method). */
export interface SqlFunction {
  module: string;
  path: readonly string[];
  /** The library as messages name it. */
  client: string;
  /** The call as messages name it (`sql.raw`, `Prisma.raw`). */
  method: string;
  spec: SqlMethod;
}

/**
 * Functions that turn a string into raw SQL: Sequelize `literal` ("Raw queries" and `sequelize.literal`),
 * Prisma `Prisma.raw` ("Raw query helpers"), Drizzle `sql.raw` ("Magic sql operator"), Kysely `sql.raw`
 * (`sql` module docs). Their tagged-template siblings (`Prisma.sql`, Drizzle and Kysely `sql`) parameterise.
 */
export const SQL_FUNCTIONS: readonly SqlFunction[] = [
  ...['sequelize', '@sequelize/core', 'sequelize-typescript'].flatMap((module) => [
    { module, path: ['literal'], client: 'Sequelize', method: 'literal', spec: literal },
    { module, path: ['Sequelize', 'literal'], client: 'Sequelize', method: 'literal', spec: literal },
  ]),
  {
    module: '@prisma/client',
    path: ['Prisma', 'raw'],
    client: 'Prisma',
    method: 'Prisma.raw',
    spec: { sql: 0, values: 'none', advice: 'the tagged template `Prisma.sql`' },
  },
  ...['drizzle-orm', 'drizzle-orm/sql'].map((module) => ({
    module,
    path: ['sql', 'raw'],
    client: 'Drizzle',
    method: 'sql.raw',
    spec: { sql: 0, values: 'none', taggedTwin: { kind: 'receiver' } } satisfies SqlMethod,
  })),
  {
    module: 'kysely',
    path: ['sql', 'raw'],
    client: 'Kysely',
    method: 'sql.raw',
    spec: { sql: 0, values: 'none', taggedTwin: { kind: 'receiver' } },
  },
];

/**
 * Method names that belong to Prisma alone, recognised on any receiver: Prisma clients are usually
 * reached through a service class of the project (`this.prisma`, a `PrismaService` extending
 * `PrismaClient` in another file), which import tracking cannot see.
 */
export const PRISMA_ONLY_METHODS: Readonly<Record<string, SqlMethod>> = prismaMethods;

/**
 * Fastify's `@fastify/postgres` decoration: `fastify.pg` (and `fastify.pg.pool`) is a node-postgres
 * pool on the Fastify instance (`@fastify/postgres` README).
 */
export const FASTIFY_POSTGRES_PROPERTY = 'pg';

/**
 * Every module this file names, for a rule's cheap pre-check: a file loading none of them (and importing
 * nothing from the data layer) has no SQL client to check.
 */
export const SQL_CLIENT_MODULES: ReadonlySet<string> = new Set([
  ...SQL_CLIENT_FACTORIES.map((factory) => factory.module),
  ...SQL_CLIENT_TYPES.map((type) => type.module),
  ...SQL_FUNCTIONS.map((fn) => fn.module),
]);

/**
 * Functions whose result is safe to build into SQL text, by name: escaping helpers of the drivers and of
 * `sqlstring`, `pg-format`, `pg-escape` (`escape`, `escapeId`, `escapeLiteral`, `escapeIdentifier`,
 * `format`, `ident`, `literal`, `quote_ident`, …) and helpers of one's own named after them
 * (`toSqlLiteral`, `quoteIdent`, `rangeLiteral`, `sanitizeSortColumn`).
 */
export const SQL_ESCAPE_FUNCTION: RegExp =
  /^(?:(?:escape|quote|sanitize)\w*|format|formatQuery|ident|identifier|literal|\w*(?:Escape|Quote|Literal|Ident|Identifier|Sanitize)(?:[A-Z_\d]\w*)?)$/u;

/** The readable name of a placeholder style for messages. */
export function describePlaceholders(style: PlaceholderStyle | null, values: SqlValuesStyle): string {
  switch (values) {
    case 'bindings':
      return '`?` placeholders and a bindings array';
    case 'replacements':
      return '`?` placeholders and `replacements`';
    case 'parameters':
      return '`:name` parameters and a parameters object';
    case 'statement':
      return '`?` placeholders and values given to the statement';
    case 'spread':
      return 'placeholders and values after the query';
    case 'none':
      return 'a parameterised query';
    case 'argument':
      return style === 'numbered'
        ? '`$1` placeholders and a values array'
        : style === 'question'
          ? '`?` placeholders and a values array'
          : 'placeholders and a values array';
  }
}
