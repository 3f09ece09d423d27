import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { RouteModel } from '../../frameworks/types.js';
import { readServiceModule } from '../../project-index/index.js';
import {
  getCalleeName,
  getEnclosingClass,
  findVariable,
  getBindingOrigin,
  getImportOrigin,
  getMemberName,
  getRequiredModule,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';
import {
  FASTIFY_POSTGRES_PROPERTY,
  PRISMA_ONLY_METHODS,
  SQL_CLIENT_FACTORIES,
  SQL_CLIENT_MODULES,
  SQL_CLIENT_TYPES,
  SQL_CLIENTS,
  SQL_FUNCTIONS,
  type SqlClientId,
  type SqlMethod,
} from '../../shared/sql-clients.js';

/** A call that hands raw SQL to a client: what the rule checks. */
export interface SqlSink {
  call: TSESTree.CallExpression;
  /** The library as messages name it (`node-postgres`, `Knex`). */
  client: string;
  /** The client kind, or `null` for a function export (`sql.raw`, `literal`). */
  clientId: SqlClientId | null;
  /** The method as messages name it (`query`, `whereRaw`, `sql.raw`). */
  method: string;
  spec: SqlMethod;
}

/** Answers whether a module specifier of the linted file is part of the service's data layer. */
export type IsDataModule = (source: string) => boolean;

/**
 * The client another file of the service exports (`module.exports = knex(config)` in `../knex.js`), by
 * module specifier and export name (`default`, `*` for the whole CommonJS export, or a name).
 */
export type ResolveExport = (source: string, imported: string) => SqlClientId | null;

/** Names a call's callee may have for it to be a SQL sink: a cheap filter before resolving the receiver. */
const SINK_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(SQL_CLIENTS).flatMap((client) => Object.keys(client.methods)),
  ...SQL_FUNCTIONS.map((fn) => fn.path.at(-1)!),
]);

const MAX_DEPTH = 10;

/** Method names no other library uses for much else: a client for them may be looked for in other files. */
const CROSS_FILE_SINK_NAMES = /^(?:query|execute|raw|\w+Raw|unsafe|literal|\$queryRawUnsafe|\$executeRawUnsafe)$/u;

/** Whether a member/call chain below `node` calls `method` (`repo.createQueryBuilder('u').leftJoin(…)`). */
function chainCalls(node: TSESTree.Node, method: string): boolean {
  let current = skipExpressionWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(current.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === method) return true;
      current = callee;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = skipExpressionWrappers(current.object);
    } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = skipExpressionWrappers(current.argument);
    } else return false;
  }
}

/**
 * Finds the SQL client behind an expression by following it back to where it was made: a tracked
 * factory (`new Pool()`, `knex(…)`, `mysql.createPool(…)`), a client method's result (`await pool.connect()`,
 * `dataSource.createQueryBuilder()`), a client callback's parameter (`knex.transaction(trx => …)`), a
 * parameter or class property typed with a client type imported from its package
 * (`private readonly dataSource: DataSource`), a binding imported from the service's data layer, or
 * `@fastify/postgres`'s `fastify.pg`. Shadowed locals are never clients: every step is a scope lookup.
 */
export class SqlClientResolver {
  private readonly classMembers = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();
  private readonly sinks = new Map<TSESTree.CallExpression, SqlSink | null>();
  /** Whether the sink being resolved may look for its client in other files (see {@link getSink}). */
  private crossFile = true;
  private readonly visiting = new Set<TSESTree.Node>();

  constructor(
    private readonly globalScope: TSESLint.Scope.Scope,
    private readonly isDataModule: IsDataModule,
    private readonly getRouteModel: () => RouteModel | null,
    private readonly resolveExport: ResolveExport = () => null,
  ) {}

  /**
   * The SQL sink a call is, or `null`: a client method that takes raw SQL (`pool.query`, `knex.whereRaw`,
   * `qb.where`), a function export that does (`sql.raw`, `literal`), a Prisma `$queryRawUnsafe`, or a
   * `query`/`execute`/`raw` function imported from the data layer.
   */
  getSink(call: TSESTree.CallExpression): SqlSink | null {
    if (this.sinks.has(call)) return this.sinks.get(call)!;
    const callee = skipExpressionWrappers(call.callee);
    // Reading another file is worth it for names only SQL clients use, or a TypeORM query builder chain.
    this.crossFile =
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      CROSS_FILE_SINK_NAMES.test(getMemberName(callee) ?? '') ||
      chainCalls(callee.object, 'createQueryBuilder');
    const sink = this.findSink(call, callee);
    this.sinks.set(call, sink);
    return sink;
  }

  private findSink(call: TSESTree.CallExpression, callee: TSESTree.Node): SqlSink | null {
    const name = getCalleeName(callee);
    if (name === null || !SINK_NAMES.has(name)) return null;
    const path = this.getExportPath(callee);
    if (path) {
      const fn = SQL_FUNCTIONS.find(
        (candidate) =>
          candidate.module === path.module &&
          candidate.path.length === path.path.length &&
          candidate.path.every((part, i) => part === path.path[i]),
      );
      if (fn) return { call, client: fn.client, clientId: null, method: fn.method, spec: fn.spec };
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // `import { query } from '../db'`: the data layer's own query function.
      const origin = getBindingOrigin(callee, scopeOf(this.globalScope, callee));
      const spec = SQL_CLIENTS['data-layer'].methods[origin?.imported ?? ''];
      if (origin && spec && this.isDataModule(origin.module))
        return { call, client: SQL_CLIENTS['data-layer'].name, clientId: 'data-layer', method: name, spec };
      return null;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const prisma = Object.hasOwn(PRISMA_ONLY_METHODS, name) ? PRISMA_ONLY_METHODS[name] : undefined;
    if (prisma) return { call, client: 'Prisma', clientId: 'prisma', method: name, spec: prisma };
    const clientId = this.getClient(callee.object);
    if (clientId === null) return null;
    const client = SQL_CLIENTS[clientId];
    const spec = Object.hasOwn(client.methods, name) ? client.methods[name] : undefined;
    return spec ? { call, client: client.name, clientId, method: name, spec } : null;
  }

  /** The client kind `node` holds, or `null` when it is not (known to be) a SQL client. */
  getClient(node: TSESTree.Node, depth = 0): SqlClientId | null {
    if (depth > MAX_DEPTH || this.visiting.has(node)) return null;
    this.visiting.add(node);
    try {
      return this.resolve(skipValueWrappers(node), depth + 1);
    } finally {
      this.visiting.delete(node);
    }
  }

  private resolve(node: TSESTree.Node, depth: number): SqlClientId | null {
    switch (node.type) {
      case AST_NODE_TYPES.NewExpression:
        return this.getFactoryClient(node.callee, 'construct');
      case AST_NODE_TYPES.CallExpression: {
        const made = this.getFactoryClient(node.callee, 'call');
        if (made) return made;
        const callee = skipExpressionWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const owner = this.getClient(callee.object, depth);
          if (owner === null) return null;
          const method = getMemberName(callee);
          const client = SQL_CLIENTS[owner];
          const next = method !== null && client.clientMethods ? client.clientMethods[method] : undefined;
          if (next && Object.hasOwn(client.clientMethods!, method!)) return next;
          return client.chainable ? owner : null;
        }
        // `knex('users')`: calling a builder client gives a builder.
        const owner = this.getClient(callee, depth);
        return owner !== null && SQL_CLIENTS[owner].chainable ? owner : null;
      }
      case AST_NODE_TYPES.MemberExpression:
        return this.resolveMember(node, depth);
      case AST_NODE_TYPES.Identifier:
        return this.resolveIdentifier(node, depth);
      default:
        return null;
    }
  }

  private resolveMember(node: TSESTree.MemberExpression, depth: number): SqlClientId | null {
    const name = getMemberName(node);
    if (name === null) return null;
    const object = skipValueWrappers(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return this.resolveThisMember(node, name, depth);
    // `fastify.pg` (and `fastify.pg.pool`) of `@fastify/postgres`, on an instance the route model knows.
    if (name === FASTIFY_POSTGRES_PROPERTY && this.isFastifyInstance(object)) return 'pg';
    const owner = this.getClient(object, depth);
    if (owner === null) return null;
    if (owner === 'pg' && name === 'pool') return 'pg';
    const properties = SQL_CLIENTS[owner].clientProperties;
    return properties && Object.hasOwn(properties, name) ? properties[name]! : null;
  }

  private isFastifyInstance(node: TSESTree.Node): boolean {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      // `request.server.pg`
      return getMemberName(node) === 'server' && this.isFastifyInstance(skipValueWrappers(node.object));
    }
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.ThisExpression) return false;
    return this.getRouteModel()?.instanceOf(node)?.framework === 'fastify';
  }

  private resolveIdentifier(node: TSESTree.Identifier, depth: number): SqlClientId | null {
    const scope = scopeOf(this.globalScope, node);
    const variable = findVariable(scope, node);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'ImportBinding': {
        const origin = getImportOrigin(node, scope);
        if (!origin) return null;
        return (
          this.resolveExport(origin.module, origin.imported) ?? (this.isDataModule(origin.module) ? 'data-layer' : null)
        );
      }
      case 'Parameter':
        return this.resolveParameter(def.name as TSESTree.Identifier, def.node, depth);
      case 'Variable': {
        const declarator = def.node;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const typed = this.getTypedClient(declarator.id.typeAnnotation?.typeAnnotation);
          if (typed) return typed;
        }
        const init = declarator.init;
        if (init) {
          // `const db = require('../db')`, `const { pool } = require('./db')`.
          const origin = getBindingOrigin(node, scope);
          if (origin) {
            const exported = this.crossFile ? this.resolveExport(origin.module, origin.imported) : null;
            if (exported) return exported;
            if (this.isDataModule(origin.module)) return 'data-layer';
          }
          if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
        }
        // Every value it is given must be the same client (`let client; … client = await pool.connect()`).
        const values: TSESTree.Node[] = init ? [init] : [];
        for (const reference of variable.references) {
          if (!reference.isWrite() || reference.init) continue;
          const parent = reference.identifier.parent;
          if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=') return null;
          values.push(parent.right);
        }
        let found: SqlClientId | null = null;
        for (const value of values) {
          const client = this.getClient(value, depth);
          if (client === null || (found !== null && client !== found)) return null;
          found = client;
        }
        return found;
      }
      default:
        return null;
    }
  }

  /** A parameter typed as a client, or the client a client method's callback receives. */
  private resolveParameter(name: TSESTree.Identifier, fn: TSESTree.Node, depth: number): SqlClientId | null {
    const typed = this.getTypedClient(name.typeAnnotation?.typeAnnotation);
    if (typed) return typed;
    if (!isFunctionNode(fn)) return null;
    const index = fn.params.findIndex(
      (param) =>
        param === name ||
        (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name) ||
        (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter === name),
    );
    const call = fn.parent;
    if (
      index < 0 ||
      call?.type !== AST_NODE_TYPES.CallExpression ||
      !call.arguments.some((argument) => argument === fn)
    )
      return null;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = getMemberName(callee);
    const owner = this.getClient(callee.object, depth);
    const callback =
      owner !== null && method !== null && SQL_CLIENTS[owner].callbackMethods
        ? SQL_CLIENTS[owner].callbackMethods[method]
        : undefined;
    return callback && Object.hasOwn(SQL_CLIENTS[owner!].callbackMethods!, method!) && callback.parameter === index
      ? callback.client
      : null;
  }

  /** `this.name` inside a class: its property's type or initialiser, or what the class assigns to it. */
  private resolveThisMember(node: TSESTree.MemberExpression, name: string, depth: number): SqlClientId | null {
    const classNode = getEnclosingClass(node);
    if (!classNode) return null;
    for (const member of this.getClassMembers(classNode).get(name) ?? []) {
      const client =
        member.type === AST_NODE_TYPES.MethodDefinition
          ? this.resolveGetter(member.value, depth)
          : member.type === AST_NODE_TYPES.PropertyDefinition
            ? (this.getTypedClient(member.typeAnnotation?.typeAnnotation) ??
              (member.value ? this.getClient(member.value, depth) : null))
            : member.type === AST_NODE_TYPES.Identifier
              ? this.getTypedClient(member.typeAnnotation?.typeAnnotation)
              : this.getClient(member, depth);
      if (client) return client;
    }
    return null;
  }

  /** A getter's client: its declared return type, or what it returns. */
  private resolveGetter(
    fn: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression,
    depth: number,
  ): SqlClientId | null {
    const typed = this.getTypedClient(fn.returnType?.typeAnnotation);
    if (typed) return typed;
    const body = fn.body?.body ?? [];
    const returned = body.length === 1 && body[0]!.type === AST_NODE_TYPES.ReturnStatement ? body[0]!.argument : null;
    return returned ? this.getClient(returned, depth) : null;
  }

  /**
   * A class's members by name: property definitions, getters, constructor parameter properties (their
   * identifier), and the values assigned to `this.name` in its methods.
   */
  private getClassMembers(
    classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ): Map<string, TSESTree.Node[]> {
    let members = this.classMembers.get(classNode);
    if (members) return members;
    members = new Map();
    const add = (name: string | null, node: TSESTree.Node): void => {
      if (name === null) return;
      const list = members!.get(name) ?? [];
      list.push(node);
      members!.set(name, list);
    };
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static)
        add(ASTUtils.getPropertyName(member), member);
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'get' && !member.static)
        add(ASTUtils.getPropertyName(member), member);
      if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static) continue;
      if (member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner =
            param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier) add(inner.name, inner);
        }
      }
      collectThisAssignments(member.value.body, add);
    }
    this.classMembers.set(classNode, members);
    return members;
  }

  /** The client a type annotation names: a client type imported from its package, or any type from the data layer. */
  getTypedClient(type: TSESTree.TypeNode | undefined): SqlClientId | null {
    if (!type) return null;
    if (type.type === AST_NODE_TYPES.TSUnionType) {
      for (const member of type.types) {
        const client = this.getTypedClient(member);
        if (client) return client;
      }
      return null;
    }
    if (type.type !== AST_NODE_TYPES.TSTypeReference) return null;
    let name: TSESTree.EntityName = type.typeName;
    const path: string[] = [];
    while (name.type === AST_NODE_TYPES.TSQualifiedName) {
      path.unshift(name.right.name);
      name = name.left;
    }
    if (name.type !== AST_NODE_TYPES.Identifier) return null;
    const origin = getImportOrigin(name, scopeOf(this.globalScope, name));
    if (!origin) return null;
    // `Knex.Transaction`, `Database.Database`: a type in the namespace of the client's own type.
    const imported = origin.imported === '*' ? (path[0] ?? 'default') : origin.imported;
    const known = SQL_CLIENT_TYPES.find((entry) => entry.module === origin.module && entry.name === imported);
    if (known) return known.client;
    return this.isDataModule(origin.module) ? 'data-layer' : null;
  }

  /** The client a factory call or `new` makes, when `callee` is a tracked factory export. */
  private getFactoryClient(callee: TSESTree.Node, creation: 'construct' | 'call'): SqlClientId | null {
    const path = this.getExportPath(callee);
    if (!path) return null;
    const factory = SQL_CLIENT_FACTORIES.find(
      (candidate) =>
        candidate.module === path.module &&
        (candidate.creation === 'any' || candidate.creation === creation) &&
        candidate.path.length === path.path.length &&
        candidate.path.every((part, i) => part === path.path[i]),
    );
    return factory?.client ?? null;
  }

  /**
   * The module and export path an expression reads: `Pool` imported from `pg` gives `pg` + `['Pool']`,
   * `pg.native.Pool` gives `pg` + `['native', 'Pool']`, `require('knex')` gives `knex` + `[]`; `null` when
   * it is not an import. `sqlite3.verbose()` is read as `sqlite3` itself.
   */
  getExportPath(node: TSESTree.Node): { module: string; path: string[] } | null {
    const inner = skipExpressionWrappers(node);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const scope = scopeOf(this.globalScope, inner);
      const origin = getBindingOrigin(inner, scope);
      if (!origin) return null;
      return {
        module: origin.module,
        path: origin.imported === '*' || origin.imported === 'default' ? [] : [origin.imported],
      };
    }
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      const name = getMemberName(inner);
      const base = name === null ? null : this.getExportPath(inner.object);
      if (!base) return null;
      // `require('knex').default`, `import * as x` read through `default`.
      return name === 'default' && base.path.length === 0 ? base : { module: base.module, path: [...base.path, name!] };
    }
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const module = getRequiredModule(inner, scopeOf(this.globalScope, inner));
      if (module !== null) return { module, path: [] };
      const callee = skipExpressionWrappers(inner.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === 'verbose') {
        const base = this.getExportPath(callee.object);
        return base?.module === 'sqlite3' ? base : null;
      }
    }
    return null;
  }
}

/** `await x`, `x as T`, `x!`, `(x)`, optional chains: the value inside. */
export function skipValueWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = skipExpressionWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipExpressionWrappers(current.argument);
  return current;
}

/** Calls `add(name, value)` for every `this.name = value` in a method body (not inside nested non-arrow functions). */
function collectThisAssignments(
  body: TSESTree.Node | null | undefined,
  add: (name: string | null, node: TSESTree.Node) => void,
): void {
  if (!body) return;
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.operator === '=' &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      skipExpressionWrappers(node.left.object).type === AST_NODE_TYPES.ThisExpression
    )
      add(getMemberName(node.left), node.right);
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isChildNode(item)) stack.push(item);
      } else if (isChildNode(value)) stack.push(value);
    }
  }
}

function isChildNode(value: unknown): value is TSESTree.Node {
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string')
    return false;
  const type = (value as TSESTree.Node).type;
  return (
    type !== AST_NODE_TYPES.FunctionExpression &&
    type !== AST_NODE_TYPES.FunctionDeclaration &&
    type !== AST_NODE_TYPES.ClassBody
  );
}

/** A parsed file of the service, as `readServiceModule` gives it. */
export interface ServiceModule {
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
}

/**
 * The expression a module exports under `imported` (`default`, `*` for the CommonJS export object, or a
 * name): `export default X`, `export const name = X`, `export { local as name }`, `module.exports = X`,
 * `module.exports = { name: X }`, `module.exports.name = X`, `exports.name = X`; for a re-export
 * (`export { x } from './y'`), the module and name to look up next. `null` when not found.
 */
export function findExportedValue(
  module: ServiceModule,
  imported: string,
): TSESTree.Node | { reexportFrom: string; imported: string } | null {
  const whole = imported === 'default' || imported === '*';
  for (const statement of module.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && whole) return statement.declaration;
    // `export { sequelize } from './sequelize'`
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        if (exported === imported) return { reexportFrom: statement.source.value, imported: local };
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations)
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === imported && declarator.init)
            return declarator.init;
      }
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (exported === imported && specifier.local.type === AST_NODE_TYPES.Identifier) return specifier.local;
      }
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
    const target = getCommonJsTarget(expression.left);
    if (target === null) continue;
    if (target === '' && whole) return expression.right;
    if (target === imported) return expression.right;
    if (target === '' && expression.right.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of expression.right.properties)
        if (property.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(property) === imported)
          return property.value;
    }
  }
  return null;
}

/** `module.exports` gives `''`, `module.exports.name` and `exports.name` give `name`; anything else `null`. */
function getCommonJsTarget(node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getMemberName(node);
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && name === 'exports') return '';
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') return name;
  if (
    object.type === AST_NODE_TYPES.MemberExpression &&
    object.object.type === AST_NODE_TYPES.Identifier &&
    object.object.name === 'module' &&
    getMemberName(object) === 'exports'
  )
    return name;
  return null;
}

/** What each file of the service exports, by export name: computed once per parsed file. */
const exportsByModule = new WeakMap<ServiceModule, Map<string, SqlClientId | null>>();

/** How many files deep a client is followed through exports (`models/index.ts` re-exporting `lib/sequelize.ts`). */
const MAX_EXPORT_DEPTH = 3;

/**
 * Resolves a client exported by another file of the service (`const knex = require('../knex')` where
 * `../knex.js` does `module.exports = knex(config)`), through the project index's module resolution, and
 * through that file's own imports and re-exports up to {@link MAX_EXPORT_DEPTH} files deep.
 */
export function createExportResolver(
  resolve: (specifier: string) => string | null,
  resolveFrom: (from: string, specifier: string) => string | null,
  depth = 0,
): ResolveExport {
  return (source, imported) => {
    if (depth >= MAX_EXPORT_DEPTH || SQL_CLIENT_MODULES.has(source) || source.startsWith('node:')) return null;
    const file = resolve(source);
    if (!file) return null;
    const module = readServiceModule(file);
    if (!module) return null;
    let answers = exportsByModule.get(module);
    if (!answers) {
      answers = new Map();
      exportsByModule.set(module, answers);
    }
    if (answers.has(imported)) return answers.get(imported)!;
    answers.set(imported, null);
    const value = findExportedValue(module, imported);
    const nested = createExportResolver((specifier) => resolveFrom(file, specifier), resolveFrom, depth + 1);
    const client =
      value === null
        ? null
        : 'reexportFrom' in value
          ? nested(value.reexportFrom, value.imported)
          : new SqlClientResolver(
              module.globalScope,
              () => false,
              () => null,
              nested,
            ).getClient(value);
    answers.set(imported, client);
    return client;
  };
}
