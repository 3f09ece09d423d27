import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  CALL,
  CONSTRUCT,
  findVariable,
  followValue,
  getConstantInit,
  getMethodCall,
  getRequiredModule,
  READ,
  scopeOf,
  trackReferences,
  type TraceMap,
  type TraceMapNode,
} from './ast/index.js';
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
const VALIDATION_METHODS = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'validate',
  'validateSync',
  'validateAsync',
  'assert',
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
  if (!top || (firstMethod !== null && VALIDATION_METHODS.has(firstMethod))) return null;
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
