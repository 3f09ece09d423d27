import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { findObjectProperty, getMemberName, getStaticString, skipExpressionWrappers } from '../../shared/ast/index.js';

/** A query node as the data-layer index gives it: the outermost call (or tagged template) of a chain. */
export type QueryNode = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;

/** One call of a query chain, root first: `prisma.user.findMany(…)` is one, `Model.find(…).lean()` two. */
export interface ChainCall {
  /** The method name (`findMany`, `limit`), or `null` for a direct call (`knex('users')`, sql`…`). */
  method: string | null;
  node: QueryNode;
}

/**
 * How a list read is bounded in its ORM's idiom, which picks the words of the message and the shape of
 * the suggestion:
 * - `take-option`: Prisma `findMany({ take })`, TypeORM `find({ take })`;
 * - `limit-option`: Sequelize `findAll({ limit })`, Drizzle's relational `findMany({ limit })`;
 * - `limit-method`: `.limit(n)` on a Mongoose/MongoDB query, a Knex, Drizzle or Supabase builder;
 * - `take-method`: `.take(n)` on a TypeORM query builder;
 * - `sql`: `LIMIT n` in raw SQL.
 */
export type BoundIdiom = 'take-option' | 'limit-option' | 'limit-method' | 'take-method' | 'sql';

/** Where a suggestion adds the bound, when the rule can write it. */
export type BoundInsertion =
  /** Add a property to this options object (it has at least one property). */
  | { kind: 'property'; object: TSESTree.ObjectExpression; key: string }
  /** Give this call without arguments an options object `{ key: n }`. */
  | { kind: 'argument'; call: TSESTree.CallExpression; key: string }
  /** Insert `.method(n)` right after this node. */
  | { kind: 'method'; after: TSESTree.Node; method: string }
  /** Insert ` LIMIT n` before the closing quote of this string. */
  | { kind: 'sql'; literal: TSESTree.StringLiteral | TSESTree.TemplateLiteral };

/**
 * What a query is, as this rule reads it:
 * - `unbounded`: a read that returns every matching row (`method` is the call that reads them, `model`
 *   the model or table when it can be named), with the idiom its bound takes and where a suggestion
 *   can add one (`null` when it cannot be written safely);
 * - `bounded`: a list read with a page size; `bounds` are the expressions that give it (`take: x`,
 *   `.limit(x)`), empty for literal SQL `LIMIT`s;
 * - `null`: not a list read (a unique lookup, an aggregate, a write, a stream) or not decidable.
 */
export type QueryVerdict =
  | {
      kind: 'unbounded';
      /** The call that reads the rows (`findMany(…)`, the raw SQL call), where the rule reports. */
      at: QueryNode;
      method: string;
      model: string | null;
      idiom: BoundIdiom;
      insertion: BoundInsertion | null;
    }
  | { kind: 'bounded'; bounds: TSESTree.Node[] }
  | null;

/** Which library a chain's receiver belongs to, when the caller knows (tracked import or injected type). */
export type QueryLibrary = 'prisma' | 'typeorm' | 'sequelize' | 'mongoose' | 'mongodb' | 'knex' | 'drizzle' | null;

/**
 * Methods that read one row, a number or nothing, or stream instead of collecting: a chain with one is
 * not a list read. Prisma `findUnique`/`findFirst`/`count`/`aggregate`/`groupBy` (Prisma Client API
 * reference), TypeORM `findOne*`/`getOne`/`getCount`, Sequelize `findOne`/`findByPk`/`count`, Mongoose
 * `findOne`/`findById`/`countDocuments`/`distinct`/`cursor`, Knex `first`/`count`/`pluck`, Drizzle and
 * Supabase `single`, better-sqlite3 `get`/`iterate`, and every write.
 */
const NOT_A_LIST: ReadonlySet<string> = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findById',
  'findByPk',
  'findOrCreate',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'findByIdAndUpdate',
  'findByIdAndDelete',
  'getOne',
  'getOneOrFail',
  'getRawOne',
  'getCount',
  'getExists',
  'first',
  'single',
  'maybeSingle',
  'get',
  'count',
  'countBy',
  'countDocuments',
  'estimatedDocumentCount',
  'countDistinct',
  'aggregate',
  'groupBy',
  'distinct',
  'exists',
  'existsBy',
  'sum',
  'avg',
  'min',
  'max',
  'maximum',
  'minimum',
  'average',
  'pluck',
  'cursor',
  'stream',
  'iterate',
  'eachAsync',
  'explain',
  'toSQL',
  'toQuery',
  'getQuery',
  'getSql',
  'create',
  'createMany',
  'createManyAndReturn',
  'insert',
  'insertMany',
  'update',
  'updateMany',
  'updateOne',
  'upsert',
  'delete',
  'deleteMany',
  'deleteOne',
  'del',
  'destroy',
  'remove',
  'save',
  'bulkCreate',
  'bulkWrite',
  'replaceOne',
  'increment',
  'decrement',
  'truncate',
  'run',
  'returning',
  'onConflict',
  'merge',
  'values',
  'set',
  '$executeRaw',
  '$executeRawUnsafe',
  '$transaction',
]);

/** Methods that give a list read its page size, or page it for you (`mongoose-paginate`, Objection `page`, Supabase `range`). */
const BOUND_METHODS: ReadonlySet<string> = new Set(['limit', 'take', 'top', 'paginate', 'page', 'range']);

/** Option keys that give the page size of a list read (Prisma/TypeORM `take`, Sequelize/Drizzle/MongoDB `limit`). */
const BOUND_KEYS = ['take', 'limit'];

/** Keys whose presence in a where-clause or filter picks rows by primary key (one row, or as many as the list given). */
export const PRIMARY_KEYS: ReadonlySet<string> = new Set(['id', '_id', 'uuid']);

/** TypeORM `find` options other than a filter: an object with one of these is TypeORM's, not a Mongo filter. */
const TYPEORM_FIND_OPTIONS: ReadonlySet<string> = new Set([
  'where',
  'relations',
  'order',
  'select',
  'skip',
  'take',
  'cache',
  'withDeleted',
  'loadEagerRelations',
  'relationLoadStrategy',
]);

/** Query-builder methods a Knex/Drizzle/Supabase list read is made of. */
const BUILDER_METHODS: ReadonlySet<string> = new Set([
  'select',
  'selectAll',
  'selectFrom',
  'selectDistinct',
  'from',
  'where',
  'whereIn',
  'whereNot',
  'whereNull',
  'whereNotNull',
  'andWhere',
  'orWhere',
  'whereRaw',
  'join',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'orderBy',
  'orderByRaw',
  'eq',
  'neq',
  'in',
  'is',
  'match',
  'filter',
  'order',
  'ilike',
  'like',
  'gt',
  'gte',
  'lt',
  'lte',
  'offset',
  'skip',
  'having',
  'as',
  'with',
]);

/** Methods that run a built query without changing what it reads (Drizzle `execute`/`all`, MongoDB `toArray`, Mongoose `lean`/`exec`). */
const RUN_METHODS: ReadonlySet<string> = new Set([
  'execute',
  'all',
  'toArray',
  'lean',
  'exec',
  'populate',
  'sort',
  'select',
  'orderBy',
]);

/** Methods that take raw SQL as their first argument (pg/mysql2 `query`/`execute`, Prisma `$queryRaw*`, Knex `raw`, pg-promise `any`/`manyOrNone`, postgres.js `unsafe`, sqlite `all`). */
const RAW_SQL_METHODS: ReadonlySet<string> = new Set([
  'query',
  'execute',
  '$queryRaw',
  '$queryRawUnsafe',
  'raw',
  'any',
  'many',
  'manyOrNone',
  'unsafe',
  'all',
]);

/** The calls of a query chain, root first, through member accesses, optional chains and type wrappers. */
export function getChainCalls(top: QueryNode): ChainCall[] {
  const calls: ChainCall[] = [];
  let current: TSESTree.Node = top;
  for (;;) {
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(current.callee);
      calls.push({
        method: callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee) : null,
        node: current,
      });
      current = callee;
    } else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const tag = skipExpressionWrappers(current.tag);
      calls.push({ method: tag.type === AST_NODE_TYPES.MemberExpression ? getMemberName(tag) : null, node: current });
      current = tag;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = current.object;
    } else {
      return calls.reverse();
    }
  }
}

/**
 * Reads a data-access chain (`top`, the outermost call the data-layer index gives) as a list read or
 * not: the first call that reads rows decides the idiom (`findMany`, `findAll`, `find`, `getMany`, a
 * builder chain, raw SQL), then its options and the calls after it tell whether a page size is given.
 * `library` names the ORM when the caller knows it (for `find`, which Mongoose and TypeORM share).
 */
export function classifyQuery(
  top: QueryNode,
  library: QueryLibrary,
  resolve: ResolveConstant = (node) => node,
): QueryVerdict {
  const calls = getChainCalls(top);
  if (calls.some((call) => call.method !== null && NOT_A_LIST.has(call.method))) return null;
  const boundCalls = calls.filter((call) => call.method !== null && BOUND_METHODS.has(call.method));
  const methodBounds = boundCalls.map((call) => (call.node as TSESTree.CallExpression).arguments[0] ?? call.node);
  const index = calls.findIndex((call) => call.method !== null && isListMethod(call.method));
  if (index >= 0) {
    const start = calls[index]!;
    if (start.node.type !== AST_NODE_TYPES.CallExpression) return null;
    return classifyListCall(start.node, start.method!, calls, index, methodBounds, library, resolve);
  }
  const sql = classifyRawSql(calls, methodBounds);
  if (sql !== undefined) return sql;
  return classifyBuilder(calls, methodBounds, library);
}

function isListMethod(method: string): boolean {
  return (
    method === 'findMany' ||
    method === 'findAll' ||
    method === 'findAndCountAll' ||
    method === 'find' ||
    method === 'findBy' ||
    method === 'findAndCount' ||
    method === 'findAndCountBy' ||
    method === 'getMany' ||
    method === 'getRawMany' ||
    method === 'getManyAndCount'
  );
}

/** `findMany`, `findAll`, `find`, `getMany` and their siblings. */
function classifyListCall(
  call: TSESTree.CallExpression,
  method: string,
  calls: readonly ChainCall[],
  index: number,
  methodBounds: TSESTree.Node[],
  library: QueryLibrary,
  resolve: ResolveConstant,
): QueryVerdict {
  const args = call.arguments.map((argument) => skipExpressionWrappers(argument));
  const objects = args.map((argument) => (argument.type === AST_NODE_TYPES.ObjectExpression ? argument : null));
  const model = getModelName(call);
  if (method === 'getMany' || method === 'getRawMany' || method === 'getManyAndCount') {
    if (methodBounds.length > 0) return { kind: 'bounded', bounds: methodBounds };
    const callee = skipExpressionWrappers(call.callee) as TSESTree.MemberExpression;
    return {
      kind: 'unbounded',
      at: call,
      method,
      model,
      idiom: 'take-method',
      insertion: { kind: 'method', after: callee.object, method: 'take' },
    };
  }
  // An options object the rule cannot read (`findMany(args)`, a spread) may hold the bound.
  if (args.some((argument, position) => !objects[position] && !isFilterPosition(method, position, library, argument)))
    return null;
  if (objects.some((object) => object?.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)))
    return null;
  const optionBounds = objects.flatMap((object) =>
    object ? BOUND_KEYS.flatMap((key) => findObjectProperty(object, key)?.value ?? []) : [],
  );
  const bounds = [...optionBounds, ...methodBounds];
  if (bounds.length > 0) return { kind: 'bounded', bounds };

  const first = objects[0] ?? null;
  if (method === 'findMany' || method === 'findAll' || method === 'findAndCountAll') {
    const where = first ? getWhere(first, resolve) : [];
    if (where === undefined || where.some(picksByPrimaryKey)) return null;
    // Prisma `distinct` reads one row per value of a column: bounded by that column's values.
    if (first && findObjectProperty(first, 'distinct')) return null;
    const drizzle = method === 'findMany' && isDrizzleRelational(call);
    const key = method === 'findMany' && !drizzle ? 'take' : 'limit';
    return {
      kind: 'unbounded',
      at: call,
      method,
      model,
      idiom: key === 'take' ? 'take-option' : 'limit-option',
      insertion: optionInsertion(call, first, key),
    };
  }
  // find / findBy / findAndCount / findAndCountBy: TypeORM options, or a Mongoose/MongoDB filter.
  const typeorm =
    library === 'typeorm' ||
    method !== 'find' ||
    (first !== null && first.properties.some((property) => isOptionKey(property, TYPEORM_FIND_OPTIONS)));
  if (typeorm && library !== 'mongoose' && library !== 'mongodb') {
    const where =
      method === 'findBy' || method === 'findAndCountBy'
        ? first
          ? [first]
          : []
        : first
          ? getWhere(first, resolve)
          : [];
    if (where === undefined || where.some(picksByPrimaryKey)) return null;
    const writable = method === 'find' || method === 'findAndCount';
    return {
      kind: 'unbounded',
      at: call,
      method,
      model,
      idiom: 'take-option',
      insertion: writable ? optionInsertion(call, first, 'take') : null,
    };
  }
  if (first && picksByPrimaryKey(first)) return null;
  const known = library === 'mongoose' || library === 'mongodb' || calls.length > index + 1 || first !== null;
  return {
    kind: 'unbounded',
    at: call,
    method,
    model,
    idiom: 'limit-method',
    insertion: known ? { kind: 'method', after: call, method: 'limit' } : null,
  };
}

/** Whether a non-literal argument is a filter (a Mongo `find(filter)`, TypeORM `findBy(where)`) rather than options that may hold a bound. */
function isFilterPosition(method: string, position: number, library: QueryLibrary, argument: TSESTree.Node): boolean {
  if (argument.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (method === 'findBy' || method === 'findAndCountBy') return position === 0;
  if (method === 'find' && library !== 'typeorm') return position === 0;
  return false;
}

/**
 * The filters the `where` of an options object can be: the object literal, each branch of a conditional
 * or `||`/`??` (`title ? { title } : null`), through `const`s (`resolve` follows one binding); `[]`
 * when there is no `where` (or a branch is `null`/`undefined`), `undefined` when a part cannot be read.
 */
function getWhere(
  options: TSESTree.ObjectExpression,
  resolve: ResolveConstant,
): TSESTree.ObjectExpression[] | undefined {
  const property = findObjectProperty(options, 'where');
  return property ? getFilters(property.value, resolve, 0) : [];
}

function getFilters(
  node: TSESTree.Node,
  resolve: ResolveConstant,
  depth: number,
): TSESTree.ObjectExpression[] | undefined {
  const value = skipExpressionWrappers(resolve(skipExpressionWrappers(node)));
  if (value.type === AST_NODE_TYPES.ObjectExpression) return [value];
  if (
    (value.type === AST_NODE_TYPES.Literal && value.value === null) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined')
  )
    return [];
  if (depth > 3) return undefined;
  const branches =
    value.type === AST_NODE_TYPES.ConditionalExpression
      ? [value.consequent, value.alternate]
      : value.type === AST_NODE_TYPES.LogicalExpression
        ? [value.left, value.right]
        : null;
  if (!branches) return undefined;
  const filters: TSESTree.ObjectExpression[] = [];
  for (const branch of branches) {
    const found = getFilters(branch, resolve, depth + 1);
    if (!found) return undefined;
    filters.push(...found);
  }
  return filters;
}

/** Follows an identifier to the value of the `const` it names (the node itself otherwise); given by the caller, which has the scopes. */
export type ResolveConstant = (node: TSESTree.Node) => TSESTree.Node;

/** Whether a filter names a primary key (`{ id }`, `{ _id: { $in: ids } }`, `{ id: In(ids) }`): one row, or as many as the caller listed. */
function picksByPrimaryKey(filter: TSESTree.ObjectExpression): boolean {
  return filter.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property && PRIMARY_KEYS.has(ASTUtils.getPropertyName(property) ?? ''),
  );
}

function isOptionKey(property: TSESTree.ObjectLiteralElement, keys: ReadonlySet<string>): boolean {
  return property.type === AST_NODE_TYPES.Property && keys.has(ASTUtils.getPropertyName(property) ?? '');
}

/** `db.query.users.findMany()`: Drizzle's relational queries take `limit`, not Prisma's `take`. */
function isDrizzleRelational(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const table = skipExpressionWrappers(callee.object);
  return table.type === AST_NODE_TYPES.MemberExpression && getMemberName(table) === 'query';
}

/** Where `key: n` goes: into the options object, or as a new one when the call has no arguments. */
function optionInsertion(
  call: TSESTree.CallExpression,
  options: TSESTree.ObjectExpression | null,
  key: string,
): BoundInsertion | null {
  if (options) return options.properties.length > 0 ? { kind: 'property', object: options, key } : null;
  return call.arguments.length === 0 ? { kind: 'argument', call, key } : null;
}

/** The model or table a list call reads: `user` in `prisma.user.findMany`, `Product` in `Product.find`. */
function getModelName(call: TSESTree.CallExpression): string | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const object = skipExpressionWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name;
  if (object.type === AST_NODE_TYPES.MemberExpression) return getMemberName(object);
  return null;
}

/**
 * Raw SQL (`pool.query('SELECT …')`, sql`SELECT …`, `db.prepare('SELECT …').all()`): `undefined` when
 * the chain is not raw SQL, else the verdict on its text ({@link readSqlText}).
 */
function classifyRawSql(calls: readonly ChainCall[], methodBounds: TSESTree.Node[]): QueryVerdict | undefined {
  const prepare = calls.findIndex((call) => call.method === 'prepare');
  let carrier: ChainCall | undefined;
  if (prepare >= 0) {
    // better-sqlite3 / node:sqlite: `prepare(sql).all()` reads every row; `get()` reads one.
    if (!calls.slice(prepare + 1).some((call) => call.method === 'all')) return null;
    carrier = calls[prepare];
  } else {
    carrier = calls.find(
      (call) =>
        call.node.type === AST_NODE_TYPES.TaggedTemplateExpression ||
        (call.method !== null && RAW_SQL_METHODS.has(call.method) && call.node.arguments.length > 0),
    );
  }
  if (!carrier) return undefined;
  const text = getSqlSource(carrier.node);
  if (!text) return null;
  const verdict = readSqlText(text.sql);
  if (verdict === 'bounded') return { kind: 'bounded', bounds: [] };
  if (verdict !== 'unbounded') return null;
  if (methodBounds.length > 0) return { kind: 'bounded', bounds: methodBounds };
  const literal = text.literal;
  const insertion: BoundInsertion | null =
    literal && !/;\s*$/u.test(text.sql) && !/--[^\n]*$/u.test(text.sql) ? { kind: 'sql', literal } : null;
  return {
    kind: 'unbounded',
    at: carrier.node,
    method: carrier.method ?? 'sql',
    model: getSqlTable(text.sql),
    idiom: 'sql',
    insertion,
  };
}

/**
 * The SQL text a raw call carries, with `?` for each interpolation, and the literal it is written in
 * when that is the whole of its first argument (for a suggestion); `null` when it is not static.
 */
function getSqlSource(
  node: QueryNode,
): { sql: string; literal: TSESTree.StringLiteral | TSESTree.TemplateLiteral | null } | null {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    return { sql: node.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?'), literal: null };
  }
  const first = node.arguments[0];
  if (!first) return null;
  const inner = skipExpressionWrappers(first);
  if (inner.type === AST_NODE_TYPES.TemplateLiteral)
    return { sql: inner.quasis.map((quasi) => quasi.value.cooked ?? '').join('?'), literal: inner };
  if (inner.type === AST_NODE_TYPES.TaggedTemplateExpression)
    return { sql: inner.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join('?'), literal: null };
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string')
    return { sql: inner.value, literal: inner as TSESTree.StringLiteral };
  const text = getStaticString(inner);
  return text === null ? null : { sql: text, literal: null };
}

/**
 * What a SQL statement reads: `unbounded` for a `SELECT … FROM` that may return many rows and has no
 * `LIMIT`/`FETCH FIRST`/`TOP`; `bounded` when it has one; `null` for anything else: writes, a
 * `SELECT` without `FROM`, aggregates without `GROUP BY` (one row), `GROUP BY` reads (one row per group),
 * `EXISTS`, and lookups by primary key (`WHERE id = $1`).
 */
export function readSqlText(sql: string): 'unbounded' | 'bounded' | null {
  const text = sql
    .replaceAll(/--[^\n]*/gu, ' ')
    .replaceAll(/\/\*[\s\S]*?\*\//gu, ' ')
    .replaceAll(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
  if (!/^\(?\s*(?:select|with)\b/u.test(text)) return null;
  if (/\blimit\b|\bfetch (?:first|next)\b|\bselect (?:distinct )?top\b/u.test(text)) return 'bounded';
  // The outer statement of a CTE is what is returned.
  const select = text.startsWith('with') ? text.slice(text.lastIndexOf(') select') + 2) : text;
  const from = select.indexOf(' from ');
  if (!select.startsWith('select') || from < 0) return null;
  if (/\bgroup by\b/u.test(select)) return null;
  const columns = select.slice('select'.length, from).trim();
  if (
    /^(?:distinct )?(?:count|sum|avg|min|max|exists|bool_and|bool_or|array_agg|json_agg|jsonb_agg|string_agg)\s*\(/u.test(
      columns,
    )
  )
    return null;
  if (/\bwhere\b.*?(?:^|[^\w"`.])(?:\w+\.)?["`]?(?:id|uuid)["`]?\s*=/u.test(select)) return null;
  return 'unbounded';
}

/** The first table a SQL `FROM` names, without schema or quotes. */
function getSqlTable(sql: string): string | null {
  const match = /\bfrom\s+(?:["`]?\w+["`]?\.)?["`]?(\w+)/iu.exec(sql);
  return match ? match[1]! : null;
}

/**
 * Knex, Drizzle and Supabase builder chains (`knex('users').where(…)`, `db.select().from(users)`,
 * `supabase.from('t').select()`): a list read when made of builder methods only (or `knex(table)` alone).
 */
function classifyBuilder(
  calls: readonly ChainCall[],
  methodBounds: TSESTree.Node[],
  library: QueryLibrary,
): QueryVerdict {
  if (calls.length === 0) return null;
  const rootCall = calls[0]!;
  const direct = rootCall.method === null && rootCall.node.type === AST_NODE_TYPES.CallExpression;
  const methods = calls.slice(direct ? 1 : 0).map((call) => call.method);
  if (
    methods.some(
      (method) =>
        method === null || (!BUILDER_METHODS.has(method) && !RUN_METHODS.has(method) && !BOUND_METHODS.has(method)),
    )
  )
    return null;
  const selects = methods.some(
    (method) =>
      method === 'select' ||
      method === 'selectAll' ||
      method === 'from' ||
      method === 'selectFrom' ||
      method === 'selectDistinct',
  );
  const table = direct ? getStaticString((rootCall.node as TSESTree.CallExpression).arguments[0]) : null;
  if (!selects && !(direct && (library === 'knex' || table !== null))) return null;
  // Supabase `select('*', { count: 'exact', head: true })` counts without reading rows.
  const select = calls.find((call) => call.method === 'select');
  if (select?.node.type === AST_NODE_TYPES.CallExpression) {
    const options = select.node.arguments[1];
    if (options?.type === AST_NODE_TYPES.ObjectExpression && findObjectProperty(options, 'head')) return null;
  }
  if (methods.includes('selectDistinct')) return null;
  if (methodBounds.length > 0) return { kind: 'bounded', bounds: methodBounds };
  // `.limit(n)` goes before a terminal `execute()`/`all()`/`toArray()`, else at the end.
  const last = calls.at(-1)!;
  const terminal = last.method === 'execute' || last.method === 'all' || last.method === 'toArray';
  const after = terminal
    ? (skipExpressionWrappers((last.node as TSESTree.CallExpression).callee) as TSESTree.MemberExpression).object
    : last.node;
  return {
    kind: 'unbounded',
    at: calls[0]!.node,
    method: calls.find((call) => call.method === 'from' || call.method === 'selectFrom')?.method ?? 'select',
    model: getBuilderTable(calls),
    idiom: 'limit-method',
    insertion: { kind: 'method', after, method: 'limit' },
  };
}

/** The table a builder reads: `knex('users')`, `.from('users')`, `.from(users)`. */
function getBuilderTable(calls: readonly ChainCall[]): string | null {
  for (const call of calls) {
    if (call.node.type !== AST_NODE_TYPES.CallExpression) continue;
    if (call.method !== null && call.method !== 'from' && call.method !== 'selectFrom') continue;
    const argument = call.node.arguments[0];
    if (!argument) continue;
    const name = getStaticString(argument);
    if (name !== null) return name.split(/\s+/u)[0]!;
    if (argument.type === AST_NODE_TYPES.Identifier) return argument.name;
  }
  return null;
}
