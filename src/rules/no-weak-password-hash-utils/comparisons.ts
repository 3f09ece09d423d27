/**
 * Equality comparisons that check a password without a password-hashing library: a typed-in password
 * compared with a stored one (`password === user.password`: the password is stored in plain text), or
 * a computed hash compared with a stored hash using `===` (`hash === user.passwordHash`: the time the
 * comparison takes leaks how many leading characters match).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import {
  getCalleeName,
  findVariable,
  getConstantInit,
  getMemberName,
  resolveFunction,
  scopeOf,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';
import {
  hasHashWord,
  isPasswordFunctionName,
  isPasswordLikeName,
  isPasswordValue,
  isStoredHashName,
  type PasswordContext,
} from './passwords.js';
import { splitWords } from '../../shared/words.js';

/** What {@link classifyComparison} needs beyond {@link PasswordContext}. */
export interface ComparisonContext extends PasswordContext {
  /** Calls of the hashing APIs the rule tracks by import (`crypto.createHash(…)`, `bcrypt.hash(…)`). */
  hashCalls: ReadonlySet<TSESTree.Node>;
  /** Nodes already reported as weak hashing: a comparison of their result is not reported again. */
  reported: readonly TSESTree.Node[];
}

/** A comparison worth reporting: the stored side, and for `timing` the computed-hash side. */
export type PasswordComparison =
  { kind: 'plain-text'; stored: TSESTree.Node } | { kind: 'timing'; stored: TSESTree.Node; computed: TSESTree.Node };

/** Words naming an object that holds a stored record: a user model, a database row. */
const STORED_OBJECT_WORDS = new Set([
  'user',
  'users',
  'account',
  'accounts',
  'admin',
  'admins',
  'member',
  'members',
  'customer',
  'customers',
  'employee',
  'employees',
  'owner',
  'profile',
  'row',
  'rows',
  'record',
  'records',
  'doc',
  'docs',
  'document',
  'entity',
  'result',
  'results',
  'found',
  'existing',
  'stored',
  'db',
  'person',
  'staff',
  'student',
  'teacher',
  'author',
  'player',
  'subscriber',
  'tenant',
]);
/** Query methods (by prefix) whose result is a stored record: `findOne`, `findUnique`, `getUserByEmail`. */
const QUERY_METHOD = /^(?:find|get|select|fetch|query|load|lookup|read)/u;
/** Words that make a name a second copy of the typed-in password (`confirmPassword`, `passwordAgain`). */
const CONFIRMATION_WORDS = new Set([
  'confirm',
  'confirmation',
  'confirmed',
  'repeat',
  'repeated',
  're',
  'retype',
  'retyped',
  'again',
  'verify',
  'verification',
  'check',
]);
/** Words in a function name that make it compute a hash (`encryptPassword`, `sha256`, `makeDigest`). */
const HASHING_FUNCTION_WORD = /^(?:hash|hashed|encrypt|crypt|digest|md5|sha\d*|hmac|pbkdf2|scrypt)$/u;
/** Words in a function name that make it return a boolean, not a hash (`comparePassword`). */
const CHECKING_FUNCTION_WORDS = new Set(['compare', 'verify', 'check', 'valid', 'validate', 'is', 'match', 'matches']);
/** Member names of request data: an object read from these holds typed-in values, not stored ones. */
const REQUEST_DATA_NAMES = new Set(['body', 'query', 'params', 'payload', 'input', 'args', 'fields']);
/** Methods that read a request body (`await c.req.json()`, `await request.formData()`). */
const BODY_READERS = new Set(['json', 'formData', 'parseBody', 'valid', 'text']);

/**
 * Classifies `a === b` (also `!==`, `==`, `!=`):
 * - `plain-text`: one side is a stored password field (`user.password`, `this.pwd`, `rows[0].password`)
 *   and the other a typed-in password that is not a confirmation copy (`password`, `req.body.password`);
 * - `timing`: one side is a stored password or hash (`user.passwordHash`, `this.hash`, a `hash`
 *   parameter) and the other a hash computed from a password (`crypto.pbkdf2Sync(pw, …)`,
 *   `this.encryptPassword(plain)`), unless that computation was already reported as weak.
 * Returns `null` for everything else (two typed-in values, literals, `process.env` secrets).
 */
export function classifyComparison(
  node: TSESTree.BinaryExpression,
  context: ComparisonContext,
): PasswordComparison | null {
  if (!['===', '!==', '==', '!='].includes(node.operator)) return null;
  const left = skipExpressionWrappers(node.left);
  const right = skipExpressionWrappers(node.right);
  for (const [stored, other] of [
    [left, right],
    [right, left],
  ] as const) {
    const storedName = getStoredName(stored, context);
    if (storedName === null) continue;
    const computed = getComputedHash(other, context, 0);
    if (computed) {
      if (computed === 'reported') return null;
      return { kind: 'timing', stored, computed: other };
    }
    if (
      stored.type === AST_NODE_TYPES.MemberExpression &&
      isPasswordLikeName(storedName, context.extraNames) &&
      !hasHashWord(storedName) &&
      isTypedInPassword(other, stored, context)
    ) {
      return { kind: 'plain-text', stored };
    }
  }
  return null;
}

/**
 * The field name when `node` is a stored password or hash: a member of a stored record named like a
 * password or a hash (`user.password`, `row.password_hash`, `this.hash`), or a variable named like a
 * stored hash (`hash`, `storedHash`, `passwordHash`); `null` otherwise.
 */
function getStoredName(node: TSESTree.Node, context: ComparisonContext): string | null {
  if (node.type === AST_NODE_TYPES.Identifier)
    return isStoredHashName(node.name) || isBareHashName(node.name) ? node.name : null;
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getMemberName(node, scopeOf(context.globalScope, node));
  if (name === null) return null;
  if (!isPasswordLikeName(name, context.extraNames) && !isStoredHashName(name) && !isBareHashName(name)) return null;
  return isStoredRecord(node.object, context, 0) ? name : null;
}

/** `hash`, `hashed`, `storedHash`, `expectedHash`: a hash held for comparison. */
function isBareHashName(name: string): boolean {
  const words = splitWords(name);
  const head = words.at(-1);
  return head === 'hash' || head === 'hashed' || head === 'digest';
}

function isStoredRecord(node: TSESTree.Node, context: ComparisonContext, depth: number): boolean {
  if (depth > 3) return false;
  const inner = skipExpressionWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scopeOf(context.globalScope, inner), inner);
      const init = getConstantInit(variable);
      if (init) {
        if (isTypedInRecord(init)) return false;
        if (isQueryResult(init)) return true;
      }
      return isStoredObjectName(inner.name);
    }
    case AST_NODE_TYPES.MemberExpression: {
      if (inner.computed && inner.property.type === AST_NODE_TYPES.Literal)
        return isStoredRecord(inner.object, context, depth + 1);
      const name = getMemberName(inner);
      return name !== null && isStoredObjectName(name);
    }
    default:
      return false;
  }
}

function isStoredObjectName(name: string): boolean {
  const head = splitWords(name).at(-1);
  return head !== undefined && STORED_OBJECT_WORDS.has(head);
}

/** An initialiser that builds a record from typed-in values: an object literal, `new X(…)`, request data. */
function isTypedInRecord(init: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(init);
  if (
    inner.type === AST_NODE_TYPES.ObjectExpression ||
    inner.type === AST_NODE_TYPES.NewExpression ||
    inner.type === AST_NODE_TYPES.ArrayExpression
  )
    return true;
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return isTypedInRecord(inner.argument);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(inner);
    return name !== null && REQUEST_DATA_NAMES.has(name);
  }
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(inner.callee);
    return name !== null && BODY_READERS.has(name);
  }
  return false;
}

/** `await User.findOne(…)`, `await repo.findUnique(…)`, `await getUserByEmail(…)` (through `await`). */
function isQueryResult(init: TSESTree.Node): boolean {
  let inner = skipExpressionWrappers(init);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  const name = getCalleeName(callee);
  return name !== null && QUERY_METHOD.test(name);
}

/**
 * Whether `node` is a password as typed in (not a stored field, not a confirmation copy, not a
 * member of the same object as `stored`).
 */
function isTypedInPassword(
  node: TSESTree.Node,
  stored: TSESTree.MemberExpression,
  context: ComparisonContext,
): boolean {
  if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return false;
  const name =
    node.type === AST_NODE_TYPES.Identifier
      ? node.name
      : node.type === AST_NODE_TYPES.MemberExpression
        ? getMemberName(node, scopeOf(context.globalScope, node))
        : null;
  if (name !== null && isConfirmationName(name)) return false;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    if (isStoredRecord(node.object, context, 0)) return false;
    if (isSameObject(node.object, stored.object)) return false;
  }
  return isPasswordValue(node, context);
}

function isConfirmationName(name: string): boolean {
  if (/[A-Za-z]2$/u.test(name)) return true;
  return splitWords(name).some((word) => CONFIRMATION_WORDS.has(word));
}

function isSameObject(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = skipExpressionWrappers(a);
  const right = skipExpressionWrappers(b);
  if (left.type === AST_NODE_TYPES.ThisExpression) return right.type === AST_NODE_TYPES.ThisExpression;
  if (left.type === AST_NODE_TYPES.Identifier)
    return right.type === AST_NODE_TYPES.Identifier && left.name === right.name;
  return false;
}

/**
 * Whether `node` is a hash computed from a password: a call chain through a tracked hashing API with a
 * password among its arguments (`crypto.pbkdf2Sync(pw, salt, …).toString('hex')`), or a call of a
 * function named to hash (`this.encryptPassword(plain)`, `sha256(password)`) given a password; also a
 * `const` bound to one. `'reported'` when the hashing inside was already reported as weak.
 */
function getComputedHash(node: TSESTree.Node, context: ComparisonContext, depth: number): boolean | 'reported' {
  if (depth > 3) return false;
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return getComputedHash(inner.argument, context, depth + 1);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const init = getConstantInit(findVariable(scopeOf(context.globalScope, inner), inner));
    return init ? getComputedHash(init, context, depth + 1) : false;
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  let hasPassword = false;
  let hashing: TSESTree.CallExpression | null = null;
  // Walk the chain `a(…).b(…).c(…)` down to its first call.
  for (let current: TSESTree.Node = inner; ;) {
    if (current.type !== AST_NODE_TYPES.CallExpression) break;
    if (current.arguments.some((argument) => isPasswordValue(argument, context))) hasPassword = true;
    if (context.hashCalls.has(current) || isHashingFunctionCall(current, context)) hashing ??= current;
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    current = skipExpressionWrappers(callee.object);
  }
  if (!hashing) return false;
  // `encryptPassword(x)`: the function's name says what `x` is.
  if (!hasPassword && !isPasswordHashingName(hashing, context)) return false;
  if (isWithinReported(hashing, context.reported)) return 'reported';
  // A same-file function whose body was reported (`encryptPassword` using HMAC-SHA1).
  const fn = resolveFunction(hashing.callee, scopeOf(context.globalScope, hashing));
  if (fn && context.reported.some((reported) => within(reported, fn))) return 'reported';
  return true;
}

function isHashingFunctionCall(call: TSESTree.CallExpression, context: ComparisonContext): boolean {
  const callee = skipExpressionWrappers(call.callee);
  // An undeclared global (`md5` from a browser script tag) is not known to hash anything.
  if (
    callee.type === AST_NODE_TYPES.Identifier &&
    !findVariable(scopeOf(context.globalScope, callee), callee)?.defs.length
  )
    return false;
  const name = getCalleeName(callee);
  if (name === null) return false;
  const words = splitWords(name);
  if (words.some((word) => CHECKING_FUNCTION_WORDS.has(word))) return false;
  return words.some((word) => HASHING_FUNCTION_WORD.test(word)) && (isPasswordFunctionName(name) || words.length <= 2);
}

function isPasswordHashingName(call: TSESTree.CallExpression, context: ComparisonContext): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const name = getCalleeName(callee);
  return name !== null && isPasswordFunctionName(name) && isHashingFunctionCall(call, context);
}

function isWithinReported(node: TSESTree.Node, reported: readonly TSESTree.Node[]): boolean {
  return reported.some((item) => within(item, node) || within(node, item));
}

/** Whether `inner`'s range lies inside `outer`'s. */
function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
