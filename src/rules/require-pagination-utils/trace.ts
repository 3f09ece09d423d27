import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode } from '../../frameworks/types.js';
import {
  findClassMethod,
  findExportedConst,
  findExportedFunction,
  findObjectProperty,
  findVariable,
  getBindingOrigin,
  getConstantInit,
  getDottedName,
  getEnclosingClass,
  getFunctionName,
  getImportOrigin,
  getMemberCallOn,
  getMemberName,
  getMethodCall,
  isFunctionNode,
  resolveFunction,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import type { DataAccess, ImportResolution } from '../../shared/data-layer.js';
import {
  classifyQuery,
  getChainCalls,
  PRIMARY_KEYS,
  type QueryLibrary,
  type QueryNode,
  type QueryVerdict,
  type ResolveConstant,
} from './queries.js';

/** One file as the tracer reads it: its tree and scopes, its data accesses, how its imports resolve. */
export interface QueryModule {
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
  visitorKeys: VisitorKeys;
  /** Absolute path. */
  filename: string;
  /** The file's data accesses ({@link DataAccess}) by their outermost node. */
  accesses: ReadonlyMap<TSESTree.Node, DataAccess>;
  /** Resolves this file's import specifiers to files of the service; `undefined` without a project index. */
  resolve: ImportResolution | undefined;
  /** Whether this is the file being linted. */
  local: boolean;
}

/** Gives the {@link QueryModule} of another file of the service (absolute path), or `null` when it cannot be read. */
export type ModuleLoader = (file: string) => QueryModule | null;

/** A value a parameter of a traced function was called with: an argument (and the property path into it). */
interface Binding {
  node: TSESTree.Node;
  path: readonly string[];
  frame: Frame;
}

/** Where the tracer is: the module, the function it entered and with which arguments, and how it got there. */
export interface Frame {
  module: QueryModule;
  bindings: ReadonlyMap<TSESLint.Scope.Variable, Binding>;
  /** The call in the linted file through which the trace left it (set once the trace is in another file). */
  anchor: TSESTree.CallExpression | null;
  /** The name of the function that holds the query, when the trace left the linted file. */
  callee: string | null;
  depth: number;
}

/** A list read a route sends: the query, what it is, and the frame it was found in. */
export interface SentQuery {
  query: QueryNode;
  verdict: NonNullable<QueryVerdict>;
  label: string;
  frame: Frame;
  /** The rows are sent inside an object (`{ data: rows }`, `{ item, colors }`) rather than as the response itself. */
  wrapped: boolean;
}

/** Where the tracer collects what it finds, and whether the value at hand is inside an object literal. */
interface Found {
  found: SentQuery[];
  wrapped: boolean;
}

/** What stays the same during one trace: how other files are read, and the nodes already followed. */
interface TraceState {
  load: ModuleLoader;
  seen: Set<TSESTree.Node>;
}

/** How far the tracer follows calls into functions (handler → service → repository → helper). */
const MAX_DEPTH = 4;

/** Array methods whose result holds the same rows (as many or fewer, but not bounded by a size). */
const SAME_ROWS = new Set(['map', 'filter', 'sort', 'reverse', 'flat', 'flatMap', 'toArray', 'lean', 'exec', 'toJSON']);

/** Where a result's rows are, by the method that read them: pg `{ rows }`, mysql2 `[rows]`, Sequelize `findAndCountAll` `{ rows }`, TypeORM `findAndCount` `[rows, count]`, Supabase `{ data }`, mssql `{ recordset }`. */
const ROW_PATHS: Readonly<Record<string, readonly string[]>> = {
  findAndCountAll: ['rows'],
  findAndCount: ['0'],
  findAndCountBy: ['0'],
  getManyAndCount: ['0'],
  query: ['rows', '0', 'recordset'],
  execute: ['rows', '0'],
  select: ['data'],
  from: ['data'],
};

/** Parameter decorators of the NestJS ORM packages, with the library whose client they inject. */
const INJECTING_DECORATORS: Readonly<Record<string, QueryLibrary>> = {
  InjectRepository: 'typeorm',
  InjectEntityManager: 'typeorm',
  InjectDataSource: 'typeorm',
  InjectModel: null,
};

/** Type names of injected clients (`Repository<User>`, `Model<Cat>`, a `PrismaService`), with their library. */
const CLIENT_TYPES: Readonly<Record<string, QueryLibrary>> = {
  Repository: 'typeorm',
  TreeRepository: 'typeorm',
  MongoRepository: 'typeorm',
  EntityManager: 'typeorm',
  DataSource: 'typeorm',
  Model: 'mongoose',
  PrismaService: 'prisma',
  PrismaClient: 'prisma',
};

/**
 * How {@link classifyQuery} reads a `where` given by name (`where: condition`): the `const` (or
 * never-reassigned `let`) initialiser, unless the object is changed through the binding in a way that
 * may add a primary key (`condition.id = …`, `condition[key] = …`, `Object.assign(condition, …)`), in
 * which case the identifier stays unread (and the query undecided). Takes the file's global scope.
 */
export function createFilterResolver(globalScope: TSESLint.Scope.Scope): ResolveConstant {
  return (value) => {
    if (value.type !== AST_NODE_TYPES.Identifier) return value;
    const variable = findVariable(scopeOf(globalScope, value), value);
    const init = getConstantInit(variable);
    if (!init || variable!.references.some((reference) => mayAddPrimaryKey(reference.identifier))) return value;
    return init;
  };
}

/** `x.id = …`, `x[key] = …` or `Object.assign(x, …)` on a read of `x`. */
function mayAddPrimaryKey(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const write = parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
    const name = getMemberName(parent);
    return write && (name === null || PRIMARY_KEYS.has(name));
  }
  return parent?.type === AST_NODE_TYPES.CallExpression && getDottedName(parent.callee) === 'Object.assign';
}

/** The library a data access's source names (`@prisma/client`, `mongoose`, `drizzle-orm/…`), or `null` for project modules. */
export function getLibrary(source: string): QueryLibrary {
  if (source === '@prisma/client') return 'prisma';
  if (source === 'typeorm') return 'typeorm';
  if (source === 'sequelize' || source === '@sequelize/core') return 'sequelize';
  if (source === 'mongoose') return 'mongoose';
  if (source === 'mongodb') return 'mongodb';
  if (source === 'knex') return 'knex';
  if (source.startsWith('drizzle-orm')) return 'drizzle';
  return null;
}

/**
 * The list reads whose rows `value` (a value a route handler sends, in `frame`'s module) holds: the
 * query itself (through `await`), a binding of its result (also destructured: `const { rows }`,
 * `const [items, total] = await prisma.$transaction([…])`), `.map()`/`.filter()` of one, an object or
 * array wrapping one (`{ data: rows }`), or what a called function returns: a same-file function, an
 * imported one, a method of an imported service object or class, a NestJS injected service's method
 * (read from its file through `load`). `path` selects a property of the value (`['rows']` for `x.rows`).
 */
export function findSentQueries(value: TSESTree.Node, frame: Frame, load: ModuleLoader): SentQuery[] {
  const found: SentQuery[] = [];
  trace(value, [], frame, { load, seen: new Set() }, { found, wrapped: false });
  return found;
}

function trace(input: TSESTree.Node, path: readonly string[], frame: Frame, state: TraceState, found: Found): void {
  let node = skipExpressionWrappers(input);
  while (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  if (state.seen.has(node)) return;
  state.seen.add(node);
  const { module } = frame;
  if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    // `prisma.$transaction([a, b])` and `Promise.all([a, b])` hand back one result per element.
    if (node.type === AST_NODE_TYPES.CallExpression && /^\d+$/u.test(path[0] ?? '')) {
      const method = getMethodCall(node)?.method;
      const list = node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
      if ((method === '$transaction' || method === 'all') && list?.type === AST_NODE_TYPES.ArrayExpression) {
        const element = list.elements[Number(path[0])];
        if (element && element.type !== AST_NODE_TYPES.SpreadElement)
          trace(element, path.slice(1), frame, state, found);
        return;
      }
    }
    const access =
      module.accesses.get(node) ?? module.accesses.get(getPromiseChainTop(node)) ?? getInjectedAccess(node, module);
    if (access) {
      const verdict = classifyQuery(access.node, getLibrary(access.source), createFilterResolver(module.globalScope));
      if (verdict && selectsRows(path, verdict, access.node))
        found.found.push({
          query: access.node,
          verdict,
          label: getQueryLabel(access.label, verdict),
          frame,
          wrapped: found.wrapped,
        });
      return;
    }
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return;
    const method = getMethodCall(node)?.method;
    const callee = skipExpressionWrappers(node.callee);
    if (method !== undefined && callee.type === AST_NODE_TYPES.MemberExpression) {
      // `promise.catch(…)` passes the value on; `promise.then((rows) => …)` gives what its callback returns.
      if (method === 'catch' || method === 'finally') {
        trace(callee.object, path, frame, state, found);
        return;
      }
      const callback = node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
      if (method === 'then' && isFunctionNode(callback)) {
        traceReturns(callback, path, frame, state, found);
        return;
      }
      if (SAME_ROWS.has(method)) {
        if (path.length === 0) trace(callee.object, [], frame, state, found);
        return;
      }
      // `ListSchema.parse(rows)` (zod) validates the rows and returns them all.
      if ((method === 'parse' || method === 'parseAsync') && node.arguments.length === 1 && path.length === 0) {
        trace(node.arguments[0]!, [], frame, state, found);
        return;
      }
      if (getDottedName(callee) === 'Array.from') {
        if (node.arguments[0]) trace(node.arguments[0], path, frame, state, found);
        return;
      }
    }
    const target = resolveCallee(node, module, state.load);
    if (target && frame.depth < MAX_DEPTH) enterFunction(target, node, path, frame, state, found);
    return;
  }
  switch (node.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      trace(node.consequent, path, frame, state, found);
      trace(node.alternate, path, frame, state, found);
      return;
    case AST_NODE_TYPES.LogicalExpression:
      trace(node.left, path, frame, state, found);
      trace(node.right, path, frame, state, found);
      return;
    case AST_NODE_TYPES.ObjectExpression:
      // `{ ...item, colors }` is one record with its children, not a list response.
      if (path.length === 0 && node.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement))
        return;
      for (const property of node.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          trace(property.argument, path, frame, state, found);
        } else if (path.length === 0) {
          if (!isFunctionNode(property.value))
            trace(property.value, [], frame, state, { found: found.found, wrapped: true });
        } else if (property === findObjectProperty(node, path[0]!)) {
          trace(property.value, path.slice(1), frame, state, found);
        }
      }
      return;
    case AST_NODE_TYPES.ArrayExpression:
      if (path.length > 0) {
        const element = /^\d+$/u.test(path[0]!) ? node.elements[Number(path[0])] : null;
        if (element && element.type !== AST_NODE_TYPES.SpreadElement)
          trace(element, path.slice(1), frame, state, found);
        return;
      }
      for (const element of node.elements)
        if (element?.type === AST_NODE_TYPES.SpreadElement) trace(element.argument, [], frame, state, found);
      return;
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(node);
      if (name !== null) trace(node.object, [name, ...path], frame, state, found);
      return;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scopeOf(module.globalScope, node), node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const receiver = def?.type === 'Parameter' ? getThenReceiver(def.node, def.name) : null;
      if (receiver) {
        trace(receiver, path, frame, state, found);
        return;
      }
      if (!variable || def?.type !== 'Variable' || !def.node.init) return;
      if (def.node.id.type === AST_NODE_TYPES.Identifier) {
        const init = getConstantInit(variable);
        if (!init || isBuiltFurther(variable, init, module)) return;
        trace(init, path, frame, state, found);
        return;
      }
      const inner = getPatternPath(def.node.id, node.name);
      if (inner) trace(def.node.init, [...inner, ...path], frame, state, found);
      return;
    }
    default:
      return;
  }
}

/**
 * How a message names a query: the data-layer index's label (`Order.find(…).sort`) up to the call that
 * reads the rows (`Order.find`), so the calls after it (`.sort`, `.then`) do not hide the method.
 */
export function getQueryLabel(label: string, verdict: NonNullable<QueryVerdict>): string {
  if (verdict.kind !== 'unbounded') return label;
  const index = label.indexOf(`.${verdict.method}`);
  return index < 0 ? label : label.slice(0, index + verdict.method.length + 1);
}

/** Whether `path` (what the route sends of a query's result) holds the rows a list read returns. */
function selectsRows(path: readonly string[], verdict: NonNullable<QueryVerdict>, query: QueryNode): boolean {
  if (path.length === 0) return true;
  if (path.length !== 1) return false;
  const method = verdict.kind === 'unbounded' ? verdict.method : (getChainCalls(query).at(-1)?.method ?? '');
  if (verdict.kind === 'unbounded' && verdict.idiom === 'sql') return ['rows', '0', 'recordset'].includes(path[0]!);
  return ROW_PATHS[method]?.includes(path[0]!) ?? false;
}

/**
 * A query kept in a binding before it runs (`const query = Model.find(filter)`) that is changed through
 * the binding (`query.limit(n)`, `query.where(…)`): query builders are mutable, so the initialiser alone
 * does not tell what runs.
 */
function isBuiltFurther(variable: TSESLint.Scope.Variable, init: TSESTree.Node, module: QueryModule): boolean {
  if (
    skipExpressionWrappers(init).type === AST_NODE_TYPES.AwaitExpression ||
    !module.accesses.has(skipExpressionWrappers(init))
  )
    return false;
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier;
  });
}

/** The property path of `name` inside a destructuring pattern: `['rows']` for `{ rows }`, `['0']` for `[items]`. */
function getPatternPath(pattern: TSESTree.Node, name: string): string[] | null {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return pattern.name === name ? [] : null;
    case AST_NODE_TYPES.AssignmentPattern:
      return getPatternPath(pattern.left, name);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key =
          property.key.type === AST_NODE_TYPES.Identifier && !property.computed
            ? property.key.name
            : property.key.type === AST_NODE_TYPES.Literal
              ? String(property.key.value)
              : null;
        const inner = key === null ? null : getPatternPath(property.value, name);
        if (inner) return [key!, ...inner];
      }
      return null;
    case AST_NODE_TYPES.ArrayPattern:
      for (const [index, element] of pattern.elements.entries()) {
        const inner = element ? getPatternPath(element, name) : null;
        if (inner) return [String(index), ...inner];
      }
      return null;
    default:
      return null;
  }
}

/** Follows a call into the function it runs: binds its parameters to the call's arguments and traces its returns. */
function enterFunction(
  target: { fn: FunctionNode; module: QueryModule },
  call: TSESTree.CallExpression,
  path: readonly string[],
  frame: Frame,
  state: TraceState,
  found: Found,
): void {
  const { fn, module } = target;
  const leaving = frame.anchor === null && frame.module.local && !module.local;
  const next: Frame = {
    module,
    bindings: bindParameters(fn, call, module, frame),
    anchor: leaving ? call : frame.anchor,
    callee: leaving || frame.callee !== null ? (getFunctionName(fn) ?? 'a function') : null,
    depth: frame.depth + 1,
  };
  traceReturns(fn, path, next, state, found);
}

/** Traces what a function returns: its expression body, or each `return x` outside nested functions. */
function traceReturns(fn: FunctionNode, path: readonly string[], frame: Frame, state: TraceState, found: Found): void {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    trace(fn.body, path, frame, state, found);
    return;
  }
  walk(fn.body, frame.module.visitorKeys, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) trace(node.argument, path, frame, state, found);
    return true;
  });
}

/**
 * The outermost call of `.then(…)`/`.catch(…)`/`.finally(…)` calls made on a query
 * (`Model.findAll(…).then(cb).catch(cb)`), which the data-layer index records as the query's node;
 * `node` itself when none is made on it.
 */
function getPromiseChainTop(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let next = getMemberCallOn(current); next; next = getMemberCallOn(current)) {
    if (!['then', 'catch', 'finally'].includes(getMemberName(next.member) ?? '')) break;
    current = next.call;
  }
  return current;
}

/** For the first parameter of a `.then()` callback (`query.then((rows) => …)`), the promise it receives the value of. */
function getThenReceiver(fn: TSESTree.Node, name: TSESTree.Node): TSESTree.Node | null {
  if (!isFunctionNode(fn) || fn.params[0] !== name) return null;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === 'then' ? callee.object : null;
}

/** Parameters of `fn` bound to `call`'s arguments: `(limit)` to the argument, `({ limit })` to the argument's `limit`. */
function bindParameters(
  fn: FunctionNode,
  call: TSESTree.CallExpression,
  module: QueryModule,
  caller: Frame,
): Map<TSESLint.Scope.Variable, Binding> {
  const bindings = new Map<TSESLint.Scope.Variable, Binding>();
  const scope = scopeOf(module.globalScope, fn.body);
  for (const [index, param] of fn.params.entries()) {
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) break;
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scope, target);
      if (variable) bindings.set(variable, { node: argument, path: [], frame: caller });
    } else if (target.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (key === null || value.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = findVariable(scope, value);
        if (variable) bindings.set(variable, { node: argument, path: [key], frame: caller });
      }
    }
  }
  return bindings;
}

/** The argument a parameter of the traced function was called with, and the caller's frame; `null` when not bound. */
export function getBinding(frame: Frame, variable: TSESLint.Scope.Variable): Binding | null {
  return frame.bindings.get(variable) ?? null;
}

/**
 * The function a call runs, wherever it is: a same-file function (`list()`, `this.list()`,
 * `service.list()` on a same-file object), an imported function (`import { list } from '../services'`,
 * `require`), a method of an imported service (`usersService.list()` with a namespace import, an
 * exported object or `new Service()`, a class's static), or a NestJS injected service's method
 * (`this.usersService.findAll()` with `constructor(private usersService: UsersService)`).
 */
function resolveCallee(
  call: TSESTree.CallExpression,
  module: QueryModule,
  load: ModuleLoader,
): { fn: FunctionNode; module: QueryModule } | null {
  const callee = skipExpressionWrappers(call.callee);
  const scope = scopeOf(module.globalScope, call);
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const local = resolveFunction(callee, scope);
  if (local) return { fn: local, module };
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const origin = getBindingOrigin(callee, scope);
    const other = origin ? loadImport(module, origin.module, load) : null;
    if (!origin || !other) return null;
    const fn = findExportedFunction(
      other.ast,
      other.globalScope,
      origin.imported === '*' ? 'default' : origin.imported,
    );
    return fn ? { fn, module: other } : null;
  }
  const name = getMemberName(callee);
  if (name === null) return null;
  const object = skipExpressionWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    const instance = getInstanceClass(object, scope);
    const origin = getBindingOrigin(instance ?? object, scope);
    const other = origin ? loadImport(module, origin.module, load) : null;
    if (!origin || !other) return null;
    if (instance) {
      const classNode = findExportedClass(other.ast, origin.imported, null) ?? getExportedClass(other, origin.imported);
      const fn = classNode ? findClassMethod(classNode, name) : null;
      return fn ? { fn, module: other } : null;
    }
    if (origin.imported === '*') {
      const fn = findExportedFunction(other.ast, other.globalScope, name);
      if (fn) return { fn, module: other };
    }
    const fn = findExportMember(other, origin.imported === '*' ? 'default' : origin.imported, name);
    return fn ? { fn, module: other } : null;
  }
  // NestJS: `this.usersService.findAll()`, the service injected through the constructor.
  if (
    object.type === AST_NODE_TYPES.MemberExpression &&
    skipExpressionWrappers(object.object).type === AST_NODE_TYPES.ThisExpression
  ) {
    const property = getMemberName(object);
    const classNode = getEnclosingClass(call);
    const typeName = property !== null && classNode ? getInjectedType(classNode, property) : null;
    if (!typeName || !classNode) return null;
    const classScope = scopeOf(module.globalScope, classNode);
    const variable = findVariable(classScope, typeName);
    const declared = variable?.defs.find((def) => def.type === 'ClassName')?.node;
    if (declared?.type === AST_NODE_TYPES.ClassDeclaration) {
      const fn = findClassMethod(declared, name);
      return fn ? { fn, module } : null;
    }
    const origin = getImportOrigin(typeName, classScope);
    const other = origin ? loadImport(module, origin.module, load) : null;
    const exported = other && origin ? findExportedClass(other.ast, origin.imported, typeName.name) : null;
    const fn = exported ? findClassMethod(exported, name) : null;
    return fn && other ? { fn, module: other } : null;
  }
  return null;
}

/** The module an import specifier of `module` names, read through `load`; `null` for packages and unresolved paths. */
function loadImport(module: QueryModule, specifier: string, load: ModuleLoader): QueryModule | null {
  const file = module.resolve?.(specifier);
  return file ? load(file) : null;
}

/**
 * The function `member` of what a module exports as `exportName`: a property of an exported object
 * literal, an instance method of an exported `new Service()`, or a static method of an exported class.
 */
function findExportMember(module: QueryModule, exportName: string, member: string): FunctionNode | null {
  let value: TSESTree.Node | null =
    exportName === 'default' ? getDefaultExport(module.ast) : findExportedConst(module.ast, exportName);
  value ??= findExportedClass(module.ast, exportName, null);
  for (let depth = 0; value && depth < 4; depth += 1) {
    const inner = skipExpressionWrappers(value);
    const scope = scopeOf(module.globalScope, inner);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) {
      const property = findObjectProperty(inner, member);
      return property ? resolveFunction(property.value, scope) : null;
    }
    if (inner.type === AST_NODE_TYPES.ClassDeclaration || inner.type === AST_NODE_TYPES.ClassExpression)
      return findStaticMethod(inner, member);
    if (inner.type === AST_NODE_TYPES.NewExpression && inner.callee.type === AST_NODE_TYPES.Identifier) {
      const classNode = findVariable(scope, inner.callee)?.defs.find((def) => def.type === 'ClassName')?.node;
      return classNode?.type === AST_NODE_TYPES.ClassDeclaration ? findClassMethod(classNode, member) : null;
    }
    if (inner.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scope, inner);
    const def = variable?.defs[0];
    value = def?.type === 'ClassName' ? def.node : getConstantInit(variable);
  }
  return null;
}

/** `const service = new Service()` with `Service` imported: the class's identifier, else `null`. */
function getInstanceClass(object: TSESTree.Identifier, scope: TSESLint.Scope.Scope): TSESTree.Identifier | null {
  const init = getConstantInit(findVariable(scope, object));
  const made = init ? skipExpressionWrappers(init) : null;
  return made?.type === AST_NODE_TYPES.NewExpression && made.callee.type === AST_NODE_TYPES.Identifier
    ? made.callee
    : null;
}

/** The class a module exports as `name` through a binding (`module.exports = ProjectController`, `export default Service`). */
function getExportedClass(
  module: QueryModule,
  name: string,
): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let value: TSESTree.Node | null =
    name === '*' || name === 'default' ? getDefaultExport(module.ast) : findExportedConst(module.ast, name);
  for (let depth = 0; value && depth < 4; depth += 1) {
    const inner = skipExpressionWrappers(value);
    if (inner.type === AST_NODE_TYPES.ClassDeclaration || inner.type === AST_NODE_TYPES.ClassExpression) return inner;
    if (inner.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(module.globalScope, inner), inner);
    const def = variable?.defs[0];
    value = def?.type === 'ClassName' ? def.node : getConstantInit(variable);
  }
  return null;
}

/** `export default x` / `module.exports = x`: the exported expression or declaration. */
function getDefaultExport(ast: TSESTree.Program): TSESTree.Node | null {
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) return statement.declaration;
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      getDottedName(statement.expression.left) === 'module.exports'
    )
      return statement.expression.right;
  }
  return null;
}

/** A class a module exports as `name` (`export class UsersService`, `export default class`), or `null`. */
function findExportedClass(
  ast: TSESTree.Program,
  name: string,
  localName: string | null,
): TSESTree.ClassDeclaration | null {
  for (const statement of ast.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : null;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? name === 'default' : declaration.id?.name === name)
      return declaration;
    if (localName !== null && declaration.id?.name === localName) return declaration;
  }
  return null;
}

/** A static method of a class (`static async list() {}`), or `null`. */
function findStaticMethod(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
): FunctionNode | null {
  const method = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.static && ASTUtils.getPropertyName(member) === name,
  );
  return method?.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : null;
}

/** The constructor parameter property `name` of a class (`constructor(private readonly name: T)`). */
function getParameterProperty(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
): TSESTree.TSParameterProperty | null {
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const param of member.value.params) {
      if (
        param.type === AST_NODE_TYPES.TSParameterProperty &&
        param.parameter.type === AST_NODE_TYPES.Identifier &&
        param.parameter.name === name
      )
        return param;
    }
  }
  return null;
}

/** The type name a constructor parameter property is declared with (`UsersService`), or `null`. */
function getInjectedType(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  property: string,
): TSESTree.Identifier | null {
  const param = getParameterProperty(classNode, property);
  const annotation = param?.parameter.typeAnnotation?.typeAnnotation;
  return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier
    ? annotation.typeName
    : null;
}

/**
 * A query on a client a NestJS service has injected (`this.usersRepository.find()`,
 * `this.prisma.user.findMany()`, `this.catModel.find()`): the chain's root is `this.<property>` where the
 * property is a constructor parameter with an ORM injection decorator (`@InjectRepository`,
 * `@InjectModel`, …) or a client type (`Repository<User>`, `Model<Cat>`, `PrismaService`). The
 * data-layer index tracks clients by import, which cannot see these.
 */
function getInjectedAccess(node: QueryNode, module: QueryModule): DataAccess | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  // The outermost call of the chain only: `this.repo.find().then(…)` is read from its top.
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return null;
  let current: TSESTree.Node = node;
  let client: TSESTree.MemberExpression | null = null;
  for (;;) {
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (skipExpressionWrappers(current.object).type === AST_NODE_TYPES.ThisExpression) {
        client = current;
        break;
      }
      current = current.object;
    } else break;
  }
  if (!client || client === skipExpressionWrappers(node.callee)) return null;
  const property = getMemberName(client);
  const classNode = getEnclosingClass(node);
  const param = property !== null && classNode ? getParameterProperty(classNode, property) : null;
  if (!param) return null;
  const scope = scopeOf(module.globalScope, param);
  let library: QueryLibrary | undefined;
  for (const decorator of param.decorators) {
    const expression = decorator.expression;
    const name = getDottedName(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
    if (name !== null && Object.hasOwn(INJECTING_DECORATORS, name)) {
      const origin = getImportOrigin(
        (expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression) as TSESTree.Identifier,
        scope,
      );
      library =
        origin?.module === '@nestjs/sequelize'
          ? 'sequelize'
          : origin?.module === '@nestjs/mongoose'
            ? 'mongoose'
            : INJECTING_DECORATORS[name]!;
    }
  }
  const typeName = getInjectedType(classNode!, property!);
  if (library === undefined && typeName && Object.hasOwn(CLIENT_TYPES, typeName.name)) {
    const origin = getImportOrigin(typeName, scope);
    // `Model` must be Mongoose's; `Repository` TypeORM's; a PrismaService is the project's own.
    if (typeName.name === 'Model') library = origin?.module === 'mongoose' ? 'mongoose' : undefined;
    else if (CLIENT_TYPES[typeName.name] === 'typeorm') library = origin?.module === 'typeorm' ? 'typeorm' : undefined;
    else library = CLIENT_TYPES[typeName.name];
  }
  if (library === undefined) return null;
  const source =
    library === 'prisma'
      ? '@prisma/client'
      : library === 'typeorm'
        ? 'typeorm'
        : library === 'sequelize'
          ? 'sequelize'
          : library === 'mongoose'
            ? 'mongoose'
            : '';
  const text = getDottedName(node.callee);
  return { node, label: text ?? `this.${property}…`, source };
}
