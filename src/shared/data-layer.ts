import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode } from '../frameworks/types.js';
import {
  CALL,
  CONSTRUCT,
  findVariable,
  followValue,
  getConstantInit,
  getImportOrigin,
  getMemberName,
  getMethodCall,
  getRequiredModule,
  getStaticString,
  isFunctionNode,
  READ,
  resolveFunction,
  scopeOf,
  skipExpressionWrappers,
  trackReferences,
  walk,
  type TraceMap,
  type TraceMapNode,
  type VisitorKeys,
} from './ast/index.js';
import { VALIDATION_METHODS } from './input-validation.js';
import { isImportInLayer, isInLayer, type ApiAuditSettings } from './settings.js';

/** One call that reaches the data layer: a query, a repository method, a raw SQL template. */
export interface DataAccess {
  /** The outermost call (or tagged template) of the chain: `prisma.order.findMany({…})`. */
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** The chain as it reads, arguments elided: `prisma.order.findMany`, `db.select(…).from`. */
  label: string;
  /** Where the client comes from: a package (`@prisma/client`) or an import path (`../db.js`). */
  source: string;
}

/** What the data-layer index answers for one file. */
export interface DataLayerIndex {
  /** Every data-access call of the file, in source order. */
  readonly accesses: readonly DataAccess[];
  /**
   * The data access whose result `node` holds: the access call itself (through `await`, type wrappers,
   * parentheses), or a `const` bound (also by destructuring) to one. `null` otherwise.
   */
  sourceOf(node: TSESTree.Node): DataAccess | null;
}

const construct = (client: string): TraceMapNode => ({ [CONSTRUCT]: client });
const call = (client: string): TraceMapNode => ({ [CALL]: client });
const drizzle = { drizzle: call('drizzle-orm') };
/** A base class whose subclasses are models with static query methods (`User.findAll()`). */
const baseClass = (client: string): TraceMapNode => ({ [READ]: client });

/**
 * ORM and database clients tracked by import: creating one (`new PrismaClient()`, `drizzle(…)`,
 * `knex(…)`, `new Pool()`, `mongoose.model(…)`) gives a client whose method chains are data access;
 * extending `Model`/`BaseEntity` makes a model class whose static calls are.
 */
const CLIENT_TRACE_MAP: TraceMap = {
  '@prisma/client': { PrismaClient: construct('Prisma') },
  typeorm: {
    DataSource: construct('TypeORM'),
    getRepository: call('TypeORM'),
    getManager: call('TypeORM'),
    getConnection: call('TypeORM'),
    getCustomRepository: call('TypeORM'),
    BaseEntity: baseClass('TypeORM'),
  },
  sequelize: { ...construct('Sequelize'), Sequelize: construct('Sequelize'), Model: baseClass('Sequelize') },
  '@sequelize/core': { ...construct('Sequelize'), Sequelize: construct('Sequelize'), Model: baseClass('Sequelize') },
  mongoose: { model: call('Mongoose'), connection: { collection: call('Mongoose') } },
  mongodb: { MongoClient: construct('MongoDB') },
  knex: { ...call('Knex'), knex: call('Knex') },
  pg: { Pool: construct('node-postgres'), Client: construct('node-postgres') },
  mysql2: { createPool: call('mysql2'), createConnection: call('mysql2'), createPoolCluster: call('mysql2') },
  'mysql2/promise': { createPool: call('mysql2'), createConnection: call('mysql2'), createPoolCluster: call('mysql2') },
  'better-sqlite3': { ...construct('better-sqlite3'), ...call('better-sqlite3') },
  'node:sqlite': { DatabaseSync: construct('node:sqlite') },
  postgres: call('postgres.js'),
  '@supabase/supabase-js': { createClient: call('Supabase') },
  'drizzle-orm/node-postgres': drizzle,
  'drizzle-orm/postgres-js': drizzle,
  'drizzle-orm/mysql2': drizzle,
  'drizzle-orm/better-sqlite3': drizzle,
  'drizzle-orm/libsql': drizzle,
  'drizzle-orm/neon-http': drizzle,
  'drizzle-orm/neon-serverless': drizzle,
  'drizzle-orm/pglite': drizzle,
  'drizzle-orm/d1': drizzle,
  'drizzle-orm/bun-sqlite': drizzle,
};

/**
 * Methods that validate rather than query. Schemas often live next to models (`models/user.ts`
 * exporting a zod schema), so a chain that starts with one of these is not data access.
 */
const NOT_QUERY_METHODS: ReadonlySet<string> = new Set([
  ...VALIDATION_METHODS,
  'is',
  'check',
  'decode',
  'encode',
  'cast',
]);

/**
 * Builds the data-layer index of one file: chains of calls on data-layer clients, found by import
 * tracking (the packages above, `settings.dataLayerModules`) and through bindings imported from
 * files in the data layer (`settings.layers.data`, e.g. `import { prisma } from '../db'`, or through a
 * tsconfig alias, `import { Document } from '@/models'`, when `resolveImport` resolves it as TypeScript
 * does). `filename` resolves relative imports; layer globs match relative to `root` (ESLint's `cwd`).
 */
export function buildDataLayerIndex(
  ast: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  filename: string,
  settings: ApiAuditSettings,
  root?: string,
  resolveImport?: ImportResolution,
): DataLayerIndex {
  const accesses = new Map<TSESTree.Node, DataAccess>();
  const seen = new Set<TSESTree.Node>();
  const onClient = (expression: TSESTree.Node, source: string): void => {
    followValue(
      globalScope,
      expression,
      (use) => {
        const access = getAccessChain(use);
        if (!access || accesses.has(access.node)) return;
        accesses.set(access.node, { ...access, source });
        // A factory result kept for later (`const users = dataSource.getRepository(User)`) is a client too;
        // an awaited result is data, not a client.
        const holder = access.node.parent;
        if (holder?.type === AST_NODE_TYPES.VariableDeclarator || holder?.type === AST_NODE_TYPES.AssignmentExpression)
          onClient(access.node, source);
      },
      seen,
    );
  };

  for (const reference of trackReferences<string>(globalScope, CLIENT_TRACE_MAP)) {
    const source = reference.path[0]!;
    if (reference.type === 'read') {
      // A named import is reported at its specifier; `orm.Model` at the member access.
      const node = reference.node;
      const reads =
        node.type === AST_NODE_TYPES.ImportSpecifier
          ? (findVariable(scopeOf(globalScope, node), node.local)?.references.map((use) => use.identifier) ?? [])
          : [node];
      for (const read of reads) {
        const classNode = read.parent;
        if (
          (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression) ||
          classNode.superClass !== read ||
          !classNode.id
        )
          continue;
        // The class's own scope binds its name for the body only; the outer binding has the uses.
        const inner = scopeOf(globalScope, classNode);
        // (By name: given the node, findVariable would start from the innermost scope again.)
        const variable = findVariable(inner.block === classNode ? (inner.upper ?? inner) : inner, classNode.id.name);
        for (const use of variable?.references ?? []) if (use.isRead()) onClient(use.identifier, source);
      }
      continue;
    }
    // The creating call is setup, not access; what is done with the client is.
    onClient(reference.node, source);
  }

  for (const statement of ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const source = statement.source.value;
    if (!isDataModule(settings, filename, source, root, resolveImport)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      const variable = findVariable(scopeOf(globalScope, specifier), specifier.local);
      for (const use of variable?.references ?? [])
        if (use.isRead() && !use.isTypeReference) onClient(use.identifier, source);
    }
  }
  for (const { declarator, source } of findRelativeRequires(ast)) {
    if (!isDataModule(settings, filename, source, root, resolveImport)) continue;
    const identifiers =
      declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id] : getPatternIdentifiers(declarator.id);
    for (const identifier of identifiers) {
      const variable = findVariable(scopeOf(globalScope, identifier), identifier);
      for (const use of variable?.references ?? []) if (use.isRead()) onClient(use.identifier, source);
    }
  }

  const sorted = [...accesses.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  return {
    accesses: sorted,
    sourceOf(node) {
      let current: TSESTree.Node = node;
      for (let depth = 0; depth < 8; depth += 1) {
        while (
          current.type === AST_NODE_TYPES.AwaitExpression ||
          current.type === AST_NODE_TYPES.TSAsExpression ||
          current.type === AST_NODE_TYPES.TSNonNullExpression ||
          current.type === AST_NODE_TYPES.ChainExpression
        ) {
          current =
            current.type === AST_NODE_TYPES.ChainExpression
              ? current.expression
              : current.type === AST_NODE_TYPES.AwaitExpression
                ? current.argument
                : current.expression;
        }
        const direct = accesses.get(current);
        if (direct) return direct;
        if (current.type !== AST_NODE_TYPES.Identifier) return null;
        const variable = findVariable(scopeOf(globalScope, current), current);
        const def = variable?.defs[0];
        if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init) return null;
        if (def.node.id.type === AST_NODE_TYPES.Identifier) {
          const init = getConstantInit(variable);
          if (!init) return null;
          current = init;
        } else {
          current = def.node.init;
        }
      }
      return null;
    },
  };
}

/** Whether an import specifier names a data-layer module: a listed package (or a subpath of one), or a file in the data layer. */
function isDataModule(
  settings: ApiAuditSettings,
  filename: string,
  source: string,
  root: string | undefined,
  resolveImport: ImportResolution | undefined,
): boolean {
  if (settings.dataLayerModules.some((module) => source === module || source.startsWith(`${module}/`))) return true;
  if (isImportInLayer(settings, 'data', filename, source, root)) return true;
  const resolved = resolveImport?.(source);
  return resolved ? isInLayer(settings, 'data', resolved, root) : false;
}

/** Resolves a module specifier of the linted file to a file of the service (absolute path), or `null`. */
export type ImportResolution = (specifier: string) => string | null;

const cache = new WeakMap<TSESTree.Program, DataLayerIndex>();

/** The data-layer index of the file a rule is linting, built once per file (cached per `Program`). */
export function getDataLayerIndex(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  settings: ApiAuditSettings,
  resolveImport?: ImportResolution,
): DataLayerIndex {
  const { sourceCode } = context;
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const index = buildDataLayerIndex(
    sourceCode.ast,
    sourceCode.scopeManager!.globalScope!,
    context.filename,
    settings,
    context.cwd,
    resolveImport,
  );
  cache.set(sourceCode.ast, index);
  return index;
}

/**
 * The data access a client use starts: the outermost member/call/tagged-template chain rooted at
 * `node` that makes at least one call (`prisma.user.findMany()`, `knex('users').where(…)`, sql`…`).
 * `null` when the client is only read or passed along, or the chain starts with a validation method.
 */
function getAccessChain(node: TSESTree.Node): Omit<DataAccess, 'source'> | null {
  let current: TSESTree.Node = node;
  let top: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | null = null;
  const parts: string[] = [
    node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.ThisExpression ? 'this' : '…',
  ];
  let firstMethod: string | null = null;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) break;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const name = ASTUtils.getPropertyName(parent);
      parts.push(name === null ? '[…]' : `.${name}`);
    } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === current) {
      if (firstMethod === null) firstMethod = getMethodCall(parent)?.method ?? '';
      parts.push('(…)');
      top = parent;
    } else if (parent.type === AST_NODE_TYPES.TaggedTemplateExpression && parent.tag === current) {
      parts.push('`…`');
      top = parent;
    } else if (parent.type !== AST_NODE_TYPES.TSNonNullExpression && parent.type !== AST_NODE_TYPES.ChainExpression) {
      break;
    }
    current = parent;
  }
  if (!top || (firstMethod !== null && NOT_QUERY_METHODS.has(firstMethod))) return null;
  // The label names the chain up to its last call, without that call's arguments.
  const label = parts.join('').replace(/\(…\)$|`…`$/u, '');
  return { node: top, label: label.length > 60 ? `${label.slice(0, 57)}…` : label };
}

/** Top-level `const x = require('./relative')` / `const { a } = require('../db')` declarations. */
function findRelativeRequires(ast: TSESTree.Program): { declarator: TSESTree.VariableDeclarator; source: string }[] {
  const found: { declarator: TSESTree.VariableDeclarator; source: string }[] = [];
  for (const statement of ast.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const source = declarator.init ? getRequiredModule(declarator.init) : null;
      if (source !== null) found.push({ declarator, source });
    }
  }
  return found;
}

function getPatternIdentifiers(pattern: TSESTree.Node): TSESTree.Identifier[] {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return [pattern];
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((property) =>
        getPatternIdentifiers(property.type === AST_NODE_TYPES.Property ? property.value : property.argument),
      );
    case AST_NODE_TYPES.ArrayPattern:
      return pattern.elements.flatMap((element) => (element ? getPatternIdentifiers(element) : []));
    case AST_NODE_TYPES.AssignmentPattern:
      return getPatternIdentifiers(pattern.left);
    case AST_NODE_TYPES.RestElement:
      return getPatternIdentifiers(pattern.argument);
    default:
      return [];
  }
}

/**
 * Query methods of the ORMs' models and repositories (Mongoose, Sequelize, TypeORM, Prisma delegates):
 * a call of one on a data-layer binding is data access without looking further.
 */
export const MODEL_QUERY_METHODS: ReadonlySet<string> = new Set([
  'aggregate',
  'bulkCreate',
  'bulkWrite',
  'count',
  'countDocuments',
  'create',
  'createMany',
  'createQueryBuilder',
  'delete',
  'deleteMany',
  'deleteOne',
  'destroy',
  'distinct',
  'estimatedDocumentCount',
  'exists',
  'find',
  'findAll',
  'findAndCountAll',
  'findBy',
  'findById',
  'findByIdAndDelete',
  'findByIdAndUpdate',
  'findByPk',
  'findFirst',
  'findMany',
  'findOne',
  'findOneAndDelete',
  'findOneAndUpdate',
  'findOneBy',
  'findOrCreate',
  'findUnique',
  'insert',
  'insertMany',
  'query',
  'remove',
  'replaceOne',
  'save',
  'update',
  'updateMany',
  'updateOne',
  'upsert',
  'where',
]);

/**
 * Names a model's own query methods usually have (`Member.get()`, `Article.list()`, `User.findByEmail()`,
 * `Team.insert()`): a static named like this counts as data access without reading its body.
 */
export const MODEL_QUERY_NAME =
  /^(?:find|get|list|load|fetch|search|query|count|exists?|create|insert|add|update|upsert|save|delete|remove|destroy|paginate)(?![a-z])/u;

/** A parsed file of the service, as the model-static check reads it. */
export interface ParsedModule {
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
  visitorKeys: VisitorKeys;
  /** Absolute path, for its relative imports and the layer globs. */
  filename: string;
}

/** Globals whose calls never reach a database. */
const PURE_GLOBALS: ReadonlySet<string> = new Set([
  'Array',
  'BigInt',
  'Boolean',
  'Buffer',
  'Date',
  'Error',
  'Intl',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'Promise',
  'RangeError',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'TextDecoder',
  'TextEncoder',
  'TypeError',
  'URL',
  'URLSearchParams',
  'crypto',
  'decodeURIComponent',
  'encodeURIComponent',
  'isNaN',
  'parseFloat',
  'parseInt',
  'structuredClone',
]);

/** How far {@link isQueryFreeModelStatic} follows `this.otherStatic()` and same-file helper calls. */
const MAX_HELPER_DEPTH = 4;

/**
 * Whether the static method `name` of the model(s) defined in `module` provably reaches no data: every
 * definition of it in the file (`schema.statics.name = fn`, `schema.statics = { name() {} }`,
 * `schema.static('name', fn)`, a class's `static name()`) is a same-file function whose body makes no
 * data access (as {@link buildDataLayerIndex} finds it in that file), calls nothing on `this` or `super`
 * (the model itself) but other such statics, and calls only globals such as `Math` or `crypto`, packages
 * that are not data-layer modules (`node:crypto`, `validator`), its own locals and same-file helpers that
 * are query-free too. `false` when no definition is found or any is not such a function: calls on its
 * parameters, on project modules outside the data layer and on unknown globals count as possible access.
 * `settings`, `root` and `resolveImport` (resolving `module`'s own imports) as for {@link buildDataLayerIndex}.
 */
export function isQueryFreeModelStatic(
  module: ParsedModule,
  name: string,
  settings: ApiAuditSettings,
  root?: string,
  resolveImport?: ImportResolution,
): boolean {
  let index: DataLayerIndex | null = null;
  const verdicts = new Map<FunctionNode, boolean>();
  const isFree = (fn: FunctionNode, depth: number): boolean => {
    const known = verdicts.get(fn);
    if (known !== undefined) return known;
    if (depth > MAX_HELPER_DEPTH) return false;
    verdicts.set(fn, false); // a cycle proves nothing
    index ??= buildDataLayerIndex(module.ast, module.globalScope, module.filename, settings, root, resolveImport);
    const free =
      !index.accesses.some((access) => access.node.range[0] >= fn.range[0] && access.node.range[1] <= fn.range[1]) &&
      hasOnlyPureCalls(fn, depth);
    verdicts.set(fn, free);
    return free;
  };
  const staticIsFree = (staticName: string, depth: number): boolean => {
    const definitions = findModelStatics(module, staticName);
    return definitions !== null && definitions.length > 0 && definitions.every((fn) => isFree(fn, depth));
  };
  const hasOnlyPureCalls = (fn: FunctionNode, depth: number): boolean => {
    let pure = true;
    walk(fn.body, module.visitorKeys, (node) => {
      if (!pure) return false;
      if (node.type === AST_NODE_TYPES.Super) pure = false;
      else if (node.type === AST_NODE_TYPES.ThisExpression) {
        // `this.generateCode()` in a static: another static of the same model.
        const member = node.parent;
        const staticName =
          member?.type === AST_NODE_TYPES.MemberExpression && member.object === node ? getMemberName(member) : null;
        pure =
          staticName !== null &&
          member?.parent?.type === AST_NODE_TYPES.CallExpression &&
          member.parent.callee === member &&
          staticIsFree(staticName, depth + 1);
      } else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        pure = isPureCallee(node.callee, fn, depth);
      }
      return pure;
    });
    return pure;
  };
  const isPureCallee = (callee: TSESTree.Node, within: FunctionNode, depth: number): boolean => {
    let root = skipExpressionWrappers(callee);
    while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression)
      root = skipExpressionWrappers(root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee);
    // `this`/`super` are checked where they appear; literals (`'a'.repeat(2)`, `[…].map()`) are values.
    if (root.type !== AST_NODE_TYPES.Identifier) return true;
    const scope = scopeOf(module.globalScope, root);
    const variable = findVariable(scope, root);
    if (!variable || variable.defs.length === 0) return PURE_GLOBALS.has(root.name);
    const target = resolveFunction(root, scope);
    if (target) return target === within || isFree(target, depth + 1);
    const source = getImportOrigin(root, scope)?.module ?? getRequiredModuleOf(variable, scope);
    if (source !== null) return isPurePackage(settings, source) && !resolveImport?.(source);
    // A local of the static itself: its initialiser is checked with the rest of the body.
    const def = variable.defs[0]!;
    return def.type === 'Variable' && def.node.range[0] >= within.range[0] && def.node.range[1] <= within.range[1];
  };
  return staticIsFree(name, 0);
}

/**
 * Every definition of the static method `name` in a model file, resolved to same-file functions; `null`
 * when one is not a function this file defines.
 */
function findModelStatics(module: ParsedModule, name: string): FunctionNode[] | null {
  const found: FunctionNode[] = [];
  let unknown = false;
  const add = (value: TSESTree.Node): void => {
    const fn = isFunctionNode(value) ? value : resolveFunction(value, scopeOf(module.globalScope, value));
    if (fn) found.push(fn);
    else unknown = true;
  };
  const fromObject = (object: TSESTree.Node): void => {
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) unknown = true;
      else if (ASTUtils.getPropertyName(property) === name) add(property.value);
    }
  };
  walk(module.ast, module.visitorKeys, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.AssignmentExpression: {
        const left = node.left;
        if (left.type !== AST_NODE_TYPES.MemberExpression) break;
        const property = getMemberName(left);
        // schema.statics.name = fn
        if (
          property === name &&
          left.object.type === AST_NODE_TYPES.MemberExpression &&
          getMemberName(left.object) === 'statics'
        )
          add(node.right);
        // schema.statics = { name() {…} }
        else if (property === 'statics') fromObject(skipExpressionWrappers(node.right));
        break;
      }
      case AST_NODE_TYPES.CallExpression: {
        // schema.static('name', fn), schema.static({ name: fn })
        if (getMethodCall(node)?.method !== 'static') break;
        const [first, second] = node.arguments;
        if (first && getStaticString(first) === name && second) add(second);
        else if (first) fromObject(skipExpressionWrappers(first));
        break;
      }
      case AST_NODE_TYPES.MethodDefinition:
      case AST_NODE_TYPES.PropertyDefinition:
        if (node.static && ASTUtils.getPropertyName(node) === name) {
          if (node.value) add(node.value);
          else unknown = true;
        }
        break;
      default:
        break;
    }
    return true;
  });
  return unknown ? null : found;
}

/** `const x = require('m')` / `const { a } = require('m')` / `const x = require('m').a`: `m`, else `null`. */
function getRequiredModuleOf(variable: TSESLint.Scope.Variable, scope: TSESLint.Scope.Scope): string | null {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return null;
  let init = skipExpressionWrappers(def.node.init);
  if (init.type === AST_NODE_TYPES.MemberExpression) init = skipExpressionWrappers(init.object);
  return getRequiredModule(init, scope);
}

/** A package (not a relative or absolute path) that is neither a tracked database client nor listed in `dataLayerModules`. */
function isPurePackage(settings: ApiAuditSettings, source: string): boolean {
  if (/^(?:\.|\/|#|@\/|~\/)/u.test(source)) return false;
  if (settings.dataLayerModules.some((module) => source === module || source.startsWith(`${module}/`))) return false;
  return !Object.hasOwn(CLIENT_TRACE_MAP, source) && !DATABASE_PACKAGES.has(source);
}

/** Database drivers and clients that are not in {@link CLIENT_TRACE_MAP} by that name. */
const DATABASE_PACKAGES: ReadonlySet<string> = new Set([
  'mysql',
  'sqlite3',
  'sqlite',
  'redis',
  'ioredis',
  'mssql',
  'oracledb',
  'tedious',
  'cassandra-driver',
  '@neondatabase/serverless',
  '@planetscale/database',
  '@libsql/client',
  '@vercel/postgres',
  '@google-cloud/firestore',
  'firebase-admin',
  'dynamoose',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@mikro-orm/core',
  'objection',
  'bookshelf',
  'kysely',
  'typeorm',
]);
