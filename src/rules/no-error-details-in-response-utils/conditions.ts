import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  getCalleeName,
  findVariable,
  getConstantInit,
  getDottedName,
  getMemberName,
  getStaticString,
  isFunctionNode,
  scopeOf,
  walk,
} from '../../shared/ast/index.js';
import { EXPECTED_ERROR_FLAGS, VALIDATION_METHODS } from '../../shared/expected-errors.js';
import type { Leak } from './leaks.js';
import type { Sink } from './sites.js';
import {
  classifyClass,
  isErrorOf,
  isStatusOf,
  skipValueWrappers,
  variableOf,
  type Analysis,
  type ErrorSource,
} from './sources.js';

/**
 * A condition known to hold where a node runs: `test` is truthy (`polarity: true`) or falsy; or, in a
 * `case` of a `switch`, the discriminant equals the case's test.
 */
export type Condition =
  | { test: TSESTree.Node; polarity: boolean; discriminant?: never; caseTest?: never }
  | { discriminant: TSESTree.Node; caseTest: TSESTree.Node; polarity?: never; test?: never };

/**
 * The conditions that hold where `node` runs, from every enclosing `if`/`else`, `?:`, `&&`/`||`, `case`,
 * and every earlier `if (test) return/throw …` of an enclosing block (an early exit: after it, `test`
 * is falsy). Walks up to the program; conditions outside a callback held when it was made.
 */
export function conditionsAt(node: TSESTree.Node): Condition[] {
  const found: Condition[] = [];
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent) found.push({ test: parent.test, polarity: true });
        else if (child === parent.alternate) found.push({ test: parent.test, polarity: false });
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator !== '??')
          found.push({ test: parent.left, polarity: parent.operator === '&&' });
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (parent.test && parent.consequent.includes(child as TSESTree.Statement))
          found.push({ discriminant: parent.parent.discriminant, caseTest: parent.test });
        addEarlyExits(parent.consequent, child, found);
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
        addEarlyExits(parent.body, child, found);
        break;
      default:
        break;
    }
  }
  return found;
}

function addEarlyExits(statements: readonly TSESTree.Node[], child: TSESTree.Node, found: Condition[]): void {
  const index = statements.indexOf(child);
  for (let i = 0; i < index; i += 1) {
    const statement = statements[i]!;
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    const thenExits = exits(statement.consequent);
    const elseExits = statement.alternate !== null && exits(statement.alternate);
    if (thenExits && !elseExits) found.push({ test: statement.test, polarity: false });
    else if (elseExits && !thenExits) found.push({ test: statement.test, polarity: true });
  }
}

/** Whether a statement always leaves the block: `return`, `throw`, a block with one, an `if` whose branches both do. */
function exits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some(exits);
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && exits(statement.consequent) && exits(statement.alternate);
    default:
      return false;
  }
}

/**
 * Whether a condition narrows `source`'s error to one whose message is meant for the client (or that
 * the service chose deliberately):
 * - `err instanceof X` for an expected class (`HttpException`, `HttpError`, `ZodError`, …) or one the
 *   rule does not know (the service's own `AppError`); never `Error` and its built-in subclasses, or a
 *   database / HTTP client error class;
 * - a type guard called with the error (`createError.isHttpError(err)`, `Boom.isBoom(err)`, or the
 *   service's own `isAppError(err)`), except known internal ones (`axios.isAxiosError`);
 * - a flag of an expected error (`err.expose`, `err.isBoom`, `err.isOperational`, `err.statusCode`, …);
 * - a status below 500 (`err.status < 500`, `status !== 500`, `statusCode === 404`, the `else` of
 *   `err.status >= 500`), also through a `const status = err.status || 500`;
 * - an identity check against a literal (`err.name === 'ValidationError'`, `err.code === 'P2025'`,
 *   `err.message.includes('not found')`, `case 'CastError':`) or `typeof err === 'string'`.
 */
export function narrows(analysis: Analysis, condition: Condition, source: ErrorSource): boolean {
  if (condition.test === undefined)
    return isIdentityCheck(analysis, condition.discriminant, condition.caseTest, source);
  return narrowsTest(analysis, condition.test, condition.polarity, source, 0);
}

function narrowsTest(
  analysis: Analysis,
  node: TSESTree.Node,
  polarity: boolean,
  source: ErrorSource,
  depth: number,
): boolean {
  if (depth > 8) return false;
  const test = skipValueWrappers(node);
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' && narrowsTest(analysis, test.argument, !polarity, source, depth + 1);
    case AST_NODE_TYPES.LogicalExpression: {
      const left = (p: boolean): boolean => narrowsTest(analysis, test.left, p, source, depth + 1);
      const right = (p: boolean): boolean => narrowsTest(analysis, test.right, p, source, depth + 1);
      if (test.operator === '&&') return polarity ? left(true) || right(true) : left(false) && right(false);
      if (test.operator === '||') return polarity ? left(true) && right(true) : left(false) || right(false);
      return false;
    }
    case AST_NODE_TYPES.BinaryExpression:
      return narrowsBinary(analysis, test, polarity, source);
    case AST_NODE_TYPES.CallExpression:
      return polarity && narrowsCall(analysis, test, source);
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(test);
      return polarity && name !== null && EXPECTED_ERROR_FLAGS.has(name) && isErrorOf(analysis, test.object, source);
    }
    case AST_NODE_TYPES.Identifier: {
      // `const isHttp = err instanceof HttpException; if (isHttp) …`
      const variable = variableOf(analysis, test);
      const init = variable ? getConstantInit(variable) : null;
      return init !== null && narrowsTest(analysis, init, polarity, source, depth + 1);
    }
    default:
      return false;
  }
}

function narrowsBinary(
  analysis: Analysis,
  test: TSESTree.BinaryExpression,
  polarity: boolean,
  source: ErrorSource,
): boolean {
  const { operator } = test;
  if (operator === 'instanceof')
    return polarity && isErrorOf(analysis, test.left, source) && classifyClass(analysis, test.right) !== 'internal';
  if (operator === 'in') {
    const key = getStaticString(test.left);
    return polarity && key !== null && EXPECTED_ERROR_FLAGS.has(key) && isErrorOf(analysis, test.right, source);
  }
  if (!['===', '==', '!==', '!=', '<', '<=', '>', '>='].includes(operator)) return false;
  if (isFoundCheck(analysis, test, polarity, source)) return true;
  const left = test.left as TSESTree.Node;
  const right = test.right;
  // Status comparisons, with the status on the left.
  if (isStatusOf(analysis, left, source)) return impliesClientStatus(operator, right, polarity);
  if (isStatusOf(analysis, right, source)) return impliesClientStatus(mirror(operator), left, polarity);
  const equal = operator === '===' || operator === '==';
  const notEqual = operator === '!==' || operator === '!=';
  if (!(equal && polarity) && !(notEqual && !polarity)) return false;
  return isIdentityCheck(analysis, left, right, source) || isIdentityCheck(analysis, right, left, source);
}

/** `a op b` read as `b mirror(op) a`. */
function mirror(operator: string): string {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[operator] ?? operator;
}

/** Whether `status op value` (or its negation, for `polarity: false`) means a status below 500. */
function impliesClientStatus(operator: string, value: TSESTree.Node, polarity: boolean): boolean {
  const negated: Record<string, string> = {
    '<': '>=',
    '<=': '>',
    '>': '<=',
    '>=': '<',
    '===': '!==',
    '==': '!=',
    '!==': '===',
    '!=': '==',
  };
  const op = polarity ? operator : negated[operator]!;
  const status = getStatusValue(value);
  if (status === null) {
    // `status === HttpStatus.NOT_FOUND`: a named status that is not a server error.
    if (op !== '===' && op !== '==') return false;
    const name = getDottedName(value);
    return name !== null && !/INTERNAL|SERVER|GATEWAY|UNAVAILABLE|NOT_IMPLEMENTED/u.test(name);
  }
  switch (op) {
    case '<':
      return status <= 500;
    case '<=':
      return status < 500;
    case '===':
    case '==':
      return status < 500;
    case '!==':
    case '!=':
      return status >= 500;
    default:
      return false;
  }
}

/** A numeric status: a number literal, or Nest's `HttpStatus.INTERNAL_SERVER_ERROR` (500). */
function getStatusValue(node: TSESTree.Node): number | null {
  const inner = skipValueWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') return inner.value;
  const name = getDottedName(inner);
  if (name?.endsWith('INTERNAL_SERVER_ERROR')) return 500;
  return null;
}

/**
 * `err.name === 'ValidationError'`, `err.code === 11000`, `err.constructor.name === 'X'`,
 * `typeof err === 'string'`: a property of the error (not its status) or its type compared with a literal.
 */
function isIdentityCheck(
  analysis: Analysis,
  subject: TSESTree.Node,
  value: TSESTree.Node,
  source: ErrorSource,
): boolean {
  const literal = skipValueWrappers(value);
  if (literal.type !== AST_NODE_TYPES.Literal && literal.type !== AST_NODE_TYPES.TemplateLiteral) {
    // `case ErrorCode.NotFound:`: a named constant.
    if (literal.type !== AST_NODE_TYPES.MemberExpression) return false;
  }
  const inner = skipValueWrappers(subject);
  if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'typeof') {
    // A thrown string or number is a code or message the service chose (`throw 'Not found'`, `reject(404)`).
    const type = getStaticString(literal);
    return (type === 'string' || type === 'number') && isErrorOf(analysis, inner.argument, source);
  }
  return isErrorProperty(analysis, inner, source);
}

/**
 * `err.message.indexOf('404') > -1`, `msg.indexOf('x') !== -1`, `err.code.search(/P2/) >= 0`: a search in a
 * property of the error that holds when the literal is found (or, with `polarity: false`, when it is not
 * found: `=== -1` in the `else` branch).
 */
function isFoundCheck(
  analysis: Analysis,
  test: TSESTree.BinaryExpression,
  polarity: boolean,
  source: ErrorSource,
): boolean {
  const [call, bound, op] =
    skipValueWrappers(test.left).type === AST_NODE_TYPES.CallExpression
      ? [skipValueWrappers(test.left), skipValueWrappers(test.right), test.operator]
      : [skipValueWrappers(test.right), skipValueWrappers(test.left as TSESTree.Node), mirror(test.operator)];
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getMemberName(call.callee);
  if (method !== 'indexOf' && method !== 'lastIndexOf' && method !== 'search') return false;
  if (!isErrorProperty(analysis, call.callee.object, source)) return false;
  const value =
    bound.type === AST_NODE_TYPES.Literal && typeof bound.value === 'number'
      ? bound.value
      : bound.type === AST_NODE_TYPES.UnaryExpression &&
          bound.operator === '-' &&
          bound.argument.type === AST_NODE_TYPES.Literal &&
          typeof bound.argument.value === 'number'
        ? -bound.argument.value
        : null;
  if (value === null) return false;
  const found =
    (op === '>' && value >= -1) || (op === '>=' && value >= 0) || ((op === '!==' || op === '!=') && value === -1);
  const notFound = ((op === '===' || op === '==') && value === -1) || (op === '<' && value <= 0);
  return polarity ? found : notFound;
}

/** `err.name`, `err.code`, `err.constructor.name`, `err.message`, `err.cause.code`: a property read of the error. */
function isErrorProperty(analysis: Analysis, node: TSESTree.Node, source: ErrorSource, depth = 0): boolean {
  let current = skipValueWrappers(node);
  // `${err.message}`, `String(err.code)`, `err.message.toLowerCase()`: the same text; `${err}`: the error's.
  if (current.type === AST_NODE_TYPES.TemplateLiteral && current.expressions.length === 1 && depth < 4) {
    const expression = current.expressions[0]!;
    return isErrorOf(analysis, expression, source) || isErrorProperty(analysis, expression, source, depth + 1);
  }
  // `err?.message || \`${err}\``: the error's text either way.
  if (current.type === AST_NODE_TYPES.LogicalExpression && depth < 4)
    return (
      isErrorProperty(analysis, current.left, source, depth + 1) &&
      (isErrorProperty(analysis, current.right, source, depth + 1) ||
        skipValueWrappers(current.right).type === AST_NODE_TYPES.Literal)
    );
  if (
    current.type === AST_NODE_TYPES.CallExpression &&
    depth < 4 &&
    ((current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'String' && current.arguments[0]) ||
      (current.callee.type === AST_NODE_TYPES.MemberExpression &&
        ['toLowerCase', 'toUpperCase', 'trim', 'toString'].includes(getMemberName(current.callee) ?? '')))
  ) {
    const inner =
      current.callee.type === AST_NODE_TYPES.MemberExpression ? current.callee.object : current.arguments[0]!;
    if (isErrorOf(analysis, inner, source)) return true;
    return isErrorProperty(analysis, inner, source, depth + 1);
  }
  for (let depth = 0; depth < 3 && current.type === AST_NODE_TYPES.MemberExpression; depth += 1) {
    current = skipValueWrappers(current.object);
    if (isErrorOf(analysis, current, source)) return true;
  }
  if (current.type === AST_NODE_TYPES.Identifier && depth < 4) {
    // `const { code } = err; if (code === 'P2002')`
    const variable = variableOf(analysis, current);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init)
      return isErrorOf(analysis, def.node.init, source);
    // `const errorMessage = err.message; if (errorMessage === '401')`
    const init = variable ? getConstantInit(variable) : null;
    if (init && !isErrorOf(analysis, init, source)) return isErrorProperty(analysis, init, source, depth + 1);
  }
  return false;
}

/**
 * A call that tests the error: a tracked type guard (`isHttpError(err)`, `Boom.isBoom(err)`), an
 * unknown function given the error (the service's own guard), a method of a property of the error
 * with a literal (`err.message.includes('duplicate')`), or a list or pattern checked against one
 * (`['P2002', 'P2025'].includes(err.code)`, `/timeout/.test(err.message)`). Built-in conversions
 * (`Boolean(err)`) and known internal guards (`axios.isAxiosError`) do not narrow.
 */
function narrowsCall(analysis: Analysis, call: TSESTree.CallExpression, source: ErrorSource): boolean {
  const tracked = analysis.exports.calls.get(call);
  if (tracked?.role === 'predicate')
    return tracked.kind === 'expected' && call.arguments.some((a) => isErrorOf(analysis, a, source));
  const callee = skipValueWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `err.message.includes('x')`, `err.code.startsWith('P2')`
    if (isErrorProperty(analysis, callee.object, source) && !isErrorOf(analysis, callee.object, source)) return true;
    // `codes.includes(err.code)`, `/x/.test(err.message)`
    const method = getMemberName(callee);
    if ((method === 'includes' || method === 'test' || method === 'has') && call.arguments[0])
      return isErrorProperty(analysis, call.arguments[0], source);
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(analysis.globalScope, callee), callee);
    // Global conversions say nothing about the error's kind.
    if (!variable || variable.defs.length === 0) return false;
  }
  if (tracked) return false;
  return call.arguments.some((argument) => isErrorOf(analysis, argument, source));
}

/** What the environment variable or setting in a comparison names: `NODE_ENV`, `APP_ENV`, `config.env`, `app.get('env')`. */
const ENV_NAME = /^(?:node_?env|app_?env|env|environment|stage|mode)$/iu;
const PRODUCTION = /^prod(?:uction)?$/iu;
const DEVELOPMENT = /^(?:dev|development|local|test|testing)$/iu;
/** Flags that are true only in development: `isDev`, `isDevelopment`, `debug`, `DEBUG`, `__DEV__`, `import.meta.env.DEV`, `showStack`. */
const DEVELOPMENT_FLAG =
  /^(?:_*(?:is_?)?(?:dev|development|debug|debugging|local)(?:_?(?:mode|env|environment|enabled))?_*|(?:expose|show|include)_?(?:errors?|error_?details|stack|stack_?traces?))$/iu;
const PRODUCTION_FLAG = /^(?:is_?)?prod(?:uction)?(?:_?(?:mode|env|environment))?$/iu;

/**
 * Whether a condition holds only in development: a comparison of `NODE_ENV` (or `APP_ENV`,
 * `config.env`, `app.get('env')`, `configService.get('NODE_ENV')`) with `'production'` / `'development'`,
 * a flag named like `isDev`, `isDevelopment`, `debug`, `__DEV__`, or the negation of `isProduction`,
 * a `const` holding one of those, or a flag listed in `developmentFlags`.
 */
export function isDevelopmentOnly(analysis: Analysis, condition: Condition): boolean {
  return condition.test !== undefined && isDevelopmentTest(analysis, condition.test, condition.polarity, 0);
}

function isDevelopmentTest(analysis: Analysis, node: TSESTree.Node, polarity: boolean, depth: number): boolean {
  if (depth > 6) return false;
  const test = skipValueWrappers(node);
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' && isDevelopmentTest(analysis, test.argument, !polarity, depth + 1);
    case AST_NODE_TYPES.LogicalExpression: {
      const left = (p: boolean): boolean => isDevelopmentTest(analysis, test.left, p, depth + 1);
      const right = (p: boolean): boolean => isDevelopmentTest(analysis, test.right, p, depth + 1);
      if (test.operator === '&&') return polarity ? left(true) || right(true) : left(false) && right(false);
      if (test.operator === '||') return polarity ? left(true) && right(true) : left(false) || right(false);
      return false;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const equal = test.operator === '===' || test.operator === '==';
      if (!equal && test.operator !== '!==' && test.operator !== '!=') return false;
      const [subject, literal] = isEnvironment(test.left as TSESTree.Node)
        ? [test.left, test.right]
        : [test.right, test.left as TSESTree.Node];
      if (!isEnvironment(subject)) return false;
      const value = getStaticString(literal);
      if (value === null) return false;
      const is = equal === polarity;
      return (is && DEVELOPMENT.test(value)) || (!is && PRODUCTION.test(value));
    }
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression: {
      const name = getFlagName(test);
      if (name !== null) {
        if (polarity && (DEVELOPMENT_FLAG.test(name.last) || isListedFlag(analysis, name))) return true;
        if (!polarity && PRODUCTION_FLAG.test(name.last)) return true;
      }
      if (test.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(analysis, test);
        const init = variable ? getConstantInit(variable) : null;
        return init !== null && isDevelopmentTest(analysis, init, polarity, depth + 1);
      }
      return false;
    }
    default:
      return false;
  }
}

function isListedFlag(analysis: Analysis, name: { full: string | null; last: string }): boolean {
  return analysis.developmentFlags.some((flag) => flag === name.full || flag === name.last);
}

/** The name of a flag: `isDev` → `isDev`, `config.debug` → `debug`, `env.isDevelopment()` → `isDevelopment`. */
function getFlagName(node: TSESTree.Node): { full: string | null; last: string } | null {
  const inner = node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0 ? node.callee : node;
  if (inner.type === AST_NODE_TYPES.Identifier) return { full: inner.name, last: inner.name };
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const last = getMemberName(inner);
    return last === null ? null : { full: getDottedName(inner), last };
  }
  return null;
}

/** `process.env.NODE_ENV`, `config.env`, `env.APP_ENV`, `app.get('env')`, `configService.get('NODE_ENV')`. */
function isEnvironment(node: TSESTree.Node): boolean {
  const inner = skipValueWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return ENV_NAME.test(inner.name);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(inner);
    return name !== null && ENV_NAME.test(name);
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.length === 1) {
    const key = getStaticString(inner.arguments[0]);
    return key !== null && ENV_NAME.test(key);
  }
  return false;
}

/** Globals whose calls cannot throw an error about the server (conversions, `JSON.parse` of the input). */
const SAFE_GLOBAL_CALLS = new Set([
  'JSON.parse',
  'Number',
  'String',
  'Boolean',
  'parseInt',
  'parseFloat',
  'Array.isArray',
  'Object.keys',
  'Object.values',
  'Object.entries',
]);

/**
 * Whether a `try` block can only throw errors about the input, so that its `catch` may show their
 * message: every call in it (outside nested functions) is a schema validation (`schema.parse(…)`,
 * `schema.validateAsync(…)`, `validateOrReject(dto)`), `jwt.verify(…)` of `jsonwebtoken`, `JSON.parse`
 * or a conversion, the `console`, or the making of an error (`new BadRequestException(…)`,
 * `createError(400, …)`), and every `throw` throws a made error; at least one such check is there.
 * Anything else may throw an error of the server, so the block does not qualify.
 */
export function isInputCheckTry(analysis: Analysis, statement: TSESTree.TryStatement): boolean {
  let checks = 0;
  let other = false;
  walk(statement.block, analysis.keys, (node) => {
    if (other) return false;
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ThrowStatement) {
      const thrown = skipValueWrappers(node.argument);
      if (thrown.type !== AST_NODE_TYPES.NewExpression && thrown.type !== AST_NODE_TYPES.CallExpression) other = true;
      return true;
    }
    if (node.type === AST_NODE_TYPES.NewExpression) {
      if (!isErrorMaking(analysis, node)) other = true;
      return true;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const tracked = analysis.exports.calls.get(node);
    if (tracked?.role === 'input-check') {
      checks += 1;
      return true;
    }
    if (tracked?.role === 'http-error') return true;
    const callee = skipValueWrappers(node.callee);
    const dotted = getDottedName(callee);
    if (dotted !== null && isGlobal(analysis, callee) && SAFE_GLOBAL_CALLS.has(dotted)) {
      if (dotted === 'JSON.parse') checks += 1;
      return true;
    }
    if (dotted?.startsWith('console.') && isGlobal(analysis, callee)) return true;
    const method = getCalleeName(callee);
    if (method !== null && VALIDATION_METHODS.has(method)) {
      checks += 1;
      return true;
    }
    other = true;
    return false;
  });
  return checks > 0 && !other;
}

/** `new XError(…)` / `new XException(…)` or a tracked HTTP error: making an error, which does not throw. */
function isErrorMaking(analysis: Analysis, node: TSESTree.NewExpression): boolean {
  if (analysis.exports.calls.get(node)?.role === 'http-error') return true;
  const name = getDottedName(node.callee);
  return name !== null && /(?:Error|Exception)$/u.test(name);
}

/** Whether the root identifier of `callee` is not a local binding (a global such as `JSON` or `console`). */
function isGlobal(analysis: Analysis, callee: TSESTree.Node): boolean {
  let root = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(scopeOf(analysis.globalScope, root), root.name);
  return !variable || variable.defs.length === 0;
}

/**
 * Whether a leak is fine: behind a development-only check (where the detail is read, where its
 * variable was bound, or where it is sent); or, for a message or the error object, when the error is
 * known to be expected (a filter's `@Catch(HttpException)`, a typed handler parameter, a `try` that
 * only validates input) or narrowed to an expected one by a condition that holds there. A stack trace
 * is never fine outside development. Fastify's `reply.send(err)` of the error itself goes through
 * Fastify's error handler (as `throw err` does), so it is left to that handler.
 */
export function isLeakAllowed(analysis: Analysis, leak: Leak, sink: Sink): boolean {
  if (leak.kind === 'object' && sink.textOnly) return true;
  if (
    leak.kind === 'object' &&
    sink.framework === 'fastify' &&
    sink.kind === 'response' &&
    leak.node === skipValueWrappers(sink.value)
  )
    return true;
  const conditions = [
    ...conditionsAt(leak.node),
    ...conditionsAt(sink.node),
    ...leak.refs.flatMap((ref) => conditionsAt(ref)),
    ...(leak.boundAt ? conditionsAt(leak.boundAt) : []),
  ];
  if (conditions.some((condition) => isDevelopmentOnly(analysis, condition))) return true;
  if (leak.kind === 'stack') return false;
  if (leak.source.expected) return true;
  return conditions.some((condition) => narrows(analysis, condition, leak.source));
}
