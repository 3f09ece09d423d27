import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode } from '../../frameworks/types.js';
import {
  findVariable,
  getConstantInit,
  getImportOrigin,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
  READ,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import {
  BUILT_IN_ERROR_CLASSES,
  DETAIL_PROPERTIES,
  ERROR_TRACE_MAP,
  STATUS_METHODS,
  STATUS_PROPERTIES,
  type ErrorExportInfo,
  type ErrorExports,
  type ErrorKind,
} from '../../shared/expected-errors.js';

/**
 * Where an error comes from:
 * - `catch`: the parameter of a `catch` clause;
 * - `handler`: the error parameter of an error handler (Express 4-argument middleware, Fastify
 *   `setErrorHandler`, Hono `onError`);
 * - `filter`: the exception of a NestJS exception filter's `catch(exception, host)`;
 * - `promise`: the parameter of a `.catch(err => …)` callback (or the second callback of `.then`);
 * - `callback`: the first parameter of a Node.js-style callback, named as such (`(err, rows) => …`
 *   passed to `db.query(sql, …)`, `passport.authenticate('local', (err, user) => …)`);
 * - `parameter`: a parameter of a response helper, followed as if it held an error to learn what the
 *   helper sends (see `helpers.ts`).
 */
export type SourceKind = 'catch' | 'handler' | 'filter' | 'promise' | 'callback' | 'parameter';

/** A variable that holds a caught error. */
export interface ErrorSource {
  /** The variable; `null` for a destructured `catch ({ message })`, whose bindings are the details themselves. */
  variable: TSESLint.Scope.Variable | null;
  kind: SourceKind;
  /**
   * Known to hold only errors made for the client: a filter whose `@Catch()` lists only such classes,
   * an error parameter typed as one, a `try` whose block can only throw validation errors.
   */
  expected: boolean;
}

/** An expression that holds a caught error: its source, and the references of the error variable it goes back to. */
export interface ErrorRef {
  source: ErrorSource;
  /** The error variable's identifiers the value comes from (itself, or those in an alias's initialiser). */
  refs: TSESTree.Identifier[];
}

/** A function whose parameter `index` holds an error, with the source kind and whether only expected errors arrive. */
export interface ErrorParameter {
  index: number;
  kind: SourceKind;
  expected: boolean;
}

/** What the analysis of one file shares: scopes, visitor keys, tracked error exports, error parameters, options. */
export interface Analysis {
  globalScope: TSESLint.Scope.Scope;
  keys: VisitorKeys;
  exports: ErrorExports;
  /** Error handlers and exception filters of the file, by function. */
  errorParameters: Map<FunctionNode, ErrorParameter>;
  /** The file's serving functions (handlers, middleware): their first parameter is a request, never an error. */
  servingFunctions: Set<FunctionNode>;
  /** Names of configuration flags that are true only in development (rule option `developmentFlags`). */
  developmentFlags: readonly string[];
  /** Whether a `try` block can only throw errors about the input (see `conditions.ts`), by `try`. */
  expectedTry: (block: TSESTree.TryStatement) => boolean;
  sources: Map<TSESLint.Scope.Variable, ErrorSource | null>;
}

/** The variable an identifier refers to, from the scope it appears in. */
export function variableOf(analysis: Analysis, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return findVariable(scopeOf(analysis.globalScope, identifier), identifier);
}

/**
 * The caught error an expression holds: a reference to an error variable, or to a `const` alias of one
 * (`const e = err as AxiosError`, `const error = err instanceof Error ? err : new Error(String(err))`,
 * `const e = err || fallback`), through type wrappers, `await` and optional chains; `null` otherwise.
 */
export function resolveError(analysis: Analysis, node: TSESTree.Node, depth = 0): ErrorRef | null {
  if (depth > 6) return null;
  const inner = skipValueWrappers(node);
  if (inner.type === AST_NODE_TYPES.ConditionalExpression) {
    return mergeRefs(
      resolveError(analysis, inner.consequent, depth + 1),
      resolveError(analysis, inner.alternate, depth + 1),
    );
  }
  if (inner.type === AST_NODE_TYPES.LogicalExpression) {
    return inner.operator === '&&'
      ? resolveError(analysis, inner.right, depth + 1)
      : mergeRefs(resolveError(analysis, inner.left, depth + 1), resolveError(analysis, inner.right, depth + 1));
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(analysis, inner);
  if (!variable) return null;
  const source = getErrorSource(analysis, variable);
  if (source) return { source, refs: [inner] };
  const init = getConstantInit(variable);
  const def = variable.defs[0];
  if (!init || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
  const aliased = resolveError(analysis, init, depth + 1);
  return aliased ? { source: aliased.source, refs: [inner, ...aliased.refs] } : null;
}

function mergeRefs(a: ErrorRef | null, b: ErrorRef | null): ErrorRef | null {
  if (!a) return b;
  if (!b) return a;
  return { source: a.source, refs: [...a.refs, ...b.refs] };
}

/** `x as T`, `<T>x`, `x!`, `x satisfies T`, `a?.b` wrappers and `await x`, stripped. */
export function skipValueWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = skipExpressionWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipExpressionWrappers(current.argument);
  return current;
}

/** Whether `node` holds the same caught error as `source` (an alias counts). */
export function isErrorOf(analysis: Analysis, node: TSESTree.Node, source: ErrorSource): boolean {
  return resolveError(analysis, node)?.source === source;
}

/**
 * A variable bound by destructuring a caught error (`catch ({ message })`, `const { message, stack } =
 * err`, `const { statusCode = 500 } = err`): the error and the property it reads; `null` otherwise.
 */
export function getDestructuredProperty(
  analysis: Analysis,
  variable: TSESLint.Scope.Variable,
): { ref: ErrorRef | null; source: ErrorSource; property: string; at: TSESTree.Node } | null {
  const def = variable.defs.length === 1 ? variable.defs[0]! : null;
  if (!def) return null;
  const property = getPatternKey(def.name);
  if (property === null) return null;
  if (def.type === 'CatchClause') {
    const source = getCatchSource(analysis, def.node);
    return { ref: null, source, property, at: def.name };
  }
  if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !def.node.init) return null;
  if (def.parent.kind !== 'const' && variable.references.some((ref) => ref.isWrite() && ref.init !== true)) return null;
  const ref = resolveError(analysis, def.node.init);
  return ref ? { ref, source: ref.source, property, at: def.name } : null;
}

/** The key of the top-level object-pattern property that binds `name` (`{ message }`, `{ statusCode: code = 500 }`), or `null`. */
function getPatternKey(name: TSESTree.Node): string | null {
  let current: TSESTree.Node = name;
  if (current.parent?.type === AST_NODE_TYPES.AssignmentPattern && current.parent.left === current)
    current = current.parent;
  const property = current.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== current) return null;
  if (property.parent.type !== AST_NODE_TYPES.ObjectPattern) return null;
  const pattern = property.parent;
  const owner = pattern.parent;
  if (owner?.type !== AST_NODE_TYPES.CatchClause && owner?.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  return ASTUtils.getPropertyName(property);
}

/** The error source of a variable (cached), or `null` when it does not hold a caught error. */
export function getErrorSource(analysis: Analysis, variable: TSESLint.Scope.Variable): ErrorSource | null {
  const cached = analysis.sources.get(variable);
  if (cached !== undefined) return cached;
  const source = computeErrorSource(analysis, variable);
  analysis.sources.set(variable, source);
  return source;
}

function computeErrorSource(analysis: Analysis, variable: TSESLint.Scope.Variable): ErrorSource | null {
  const def = variable.defs.length === 1 ? variable.defs[0]! : null;
  if (!def || def.name.type !== AST_NODE_TYPES.Identifier) return null;
  if (def.type === 'CatchClause') {
    if (def.node.param !== def.name) return null;
    return { ...getCatchSource(analysis, def.node), variable };
  }
  if (def.type !== 'Parameter' || !isFunctionNode(def.node)) return null;
  const fn = def.node;
  const index = fn.params.indexOf(def.name as TSESTree.Parameter);
  const param = analysis.errorParameters.get(fn);
  if (param && param.index === index) {
    return { variable, kind: param.kind, expected: param.expected || isTypedExpected(analysis, def.name) };
  }
  if (index === 0 && isPromiseRejectionCallback(fn)) return { variable, kind: 'promise', expected: false };
  if (index === 0 && !analysis.servingFunctions.has(fn) && isErrorFirstCallback(fn, def.name))
    return { variable, kind: 'callback', expected: false };
  return null;
}

/** The names Node.js code gives the error of an error-first callback (`e` is as often an array element). */
const CALLBACK_ERROR_NAME = /^(?:err|error)$/u;

/** Array and collection methods whose callbacks get elements, never errors (`errors.map((error) => …)`). */
const ELEMENT_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
]);

/**
 * A Node.js error-first callback: a function passed as an argument of a call (not an array method's),
 * whose first parameter has an error's name (`(err, rows) => …`). The convention of Node.js core and
 * of the callback APIs of database drivers (`mysql`, `sqlite3`), `jsonwebtoken`, `passport` and `multer`.
 */
function isErrorFirstCallback(fn: FunctionNode, param: TSESTree.Node): boolean {
  const call = fn.parent;
  if (param.type !== AST_NODE_TYPES.Identifier || !CALLBACK_ERROR_NAME.test(param.name)) return false;
  if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) return false;
  if (!call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const method = call.callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(call.callee) : null;
  return method === null || !ELEMENT_METHODS.has(method);
}

function getCatchSource(analysis: Analysis, clause: TSESTree.CatchClause): ErrorSource {
  const tryStatement = clause.parent;
  return {
    variable: null,
    kind: 'catch',
    expected: tryStatement.type === AST_NODE_TYPES.TryStatement && analysis.expectedTry(tryStatement),
  };
}

/** `p.catch(fn)` (the first argument) or `p.then(onFulfilled, fn)` (the second). */
function isPromiseRejectionCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression)
    return false;
  const method = getMemberName(call.callee);
  return (method === 'catch' && call.arguments[0] === fn) || (method === 'then' && call.arguments[1] === fn);
}

/**
 * Whether an error parameter's type annotation names a class whose errors are made for the client
 * (`err: HttpError`, `exception: HttpException`) or one of the service's own (`err: AppError`): the
 * handler is declared to receive only those. `Error`, `any`, `unknown` and library-internal classes
 * say nothing.
 */
function isTypedExpected(analysis: Analysis, param: TSESTree.Node): boolean {
  if (param.type !== AST_NODE_TYPES.Identifier) return false;
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = annotation.typeName;
  if (name.type !== AST_NODE_TYPES.Identifier) return false;
  return classifyName(analysis, name) !== 'internal';
}

/**
 * What kind of errors a class named by `node` makes (the right side of `instanceof`, a `@Catch()`
 * argument, a type name): from the tracked exports ({@link ErrorExports}) or the import's package in
 * `ERROR_TRACE_MAP`; the built-in `Error` classes are `internal`; any other class (the service's own,
 * or from a package the rule does not know) is `unknown`, which the rule treats as a deliberate choice.
 */
export function classifyClass(analysis: Analysis, node: TSESTree.Node): ErrorKind | 'unknown' {
  const inner = skipExpressionWrappers(node);
  const tracked = analysis.exports.classes.get(inner);
  if (tracked) return tracked.kind;
  if (inner.type === AST_NODE_TYPES.Identifier) return classifyName(analysis, inner);
  return 'unknown';
}

function classifyName(analysis: Analysis, identifier: TSESTree.Identifier): ErrorKind | 'unknown' {
  const scope = scopeOf(analysis.globalScope, identifier);
  const variable = findVariable(scope, identifier);
  if (!variable || variable.defs.length === 0)
    return BUILT_IN_ERROR_CLASSES.has(identifier.name) ? 'internal' : 'unknown';
  const origin = getImportOrigin(identifier, scope);
  if (origin && origin.imported !== '*' && origin.imported !== 'default') {
    const leaf = ERROR_TRACE_MAP[origin.module]?.[origin.imported]?.[READ] as ErrorExportInfo | undefined;
    if (leaf?.role === 'class') return leaf.kind;
  }
  return 'unknown';
}

/**
 * Whether an expression gives the HTTP status of `source`'s error: `err.status`, `err.statusCode`,
 * `err.output.statusCode` (Boom), `err.response.status` (an HTTP client's upstream status),
 * `err.getStatus()` (Nest), with a fallback (`err.status || 500`), one branch of a conditional, a
 * conversion (`Number(err.status)`), or a `const` holding one (also destructured:
 * `const { statusCode = 500 } = err`).
 */
export function isStatusOf(analysis: Analysis, node: TSESTree.Node, source: ErrorSource, depth = 0): boolean {
  if (depth > 5) return false;
  const inner = skipValueWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(inner);
      if (name === null || !STATUS_PROPERTIES.has(name)) return false;
      const object = skipValueWrappers(inner.object);
      if (isErrorOf(analysis, object, source)) return true;
      return object.type === AST_NODE_TYPES.MemberExpression && isErrorOf(analysis, object.object, source);
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipValueWrappers(inner.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = getMemberName(callee);
        return name !== null && STATUS_METHODS.has(name) && isErrorOf(analysis, callee.object, source);
      }
      return (
        callee.type === AST_NODE_TYPES.Identifier &&
        (callee.name === 'Number' || callee.name === 'parseInt') &&
        inner.arguments[0] !== undefined &&
        isStatusOf(analysis, inner.arguments[0], source, depth + 1)
      );
    }
    case AST_NODE_TYPES.LogicalExpression:
      return isStatusOf(analysis, inner.left, source, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        isStatusOf(analysis, inner.consequent, source, depth + 1) ||
        isStatusOf(analysis, inner.alternate, source, depth + 1)
      );
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(analysis, inner);
      if (!variable) return false;
      const destructured = getDestructuredProperty(analysis, variable);
      if (destructured) return destructured.source === source && STATUS_PROPERTIES.has(destructured.property);
      const init = getConstantInit(variable);
      return init ? isStatusOf(analysis, init, source, depth + 1) : false;
    }
    default:
      return false;
  }
}

/** Whether a property read of an error gives its text or stack (`message`, `stack`, `sqlMessage`). */
export function getDetailKind(property: string): 'message' | 'stack' | null {
  return Object.hasOwn(DETAIL_PROPERTIES, property) ? DETAIL_PROPERTIES[property]! : null;
}
