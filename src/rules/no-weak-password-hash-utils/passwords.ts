/**
 * Whether an expression holds a password: by the names it is read through (`password`,
 * `req.body.passwd`, `user.pwd`, `formData.get('password')`), by the bindings it flows through
 * (`const pw = req.body.password`, `const { password: pw } = body`, `const data = encoder.encode(pw)`),
 * and by the function it is a parameter of (`function hashPassword(plain)`). Names that say the value
 * is a token, a key, an e-mail or an already-computed hash never count.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode } from '../../frameworks/types.js';
import { splitWords } from '../../shared/words.js';
import {
  findVariable,
  getConstantInit,
  getFunctionName,
  getMemberName,
  getStaticString,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';

/** What the recognisers need: the file's global scope and the user's extra password names. */
export interface PasswordContext {
  globalScope: TSESLint.Scope.Scope;
  /** Extra names (lower case) that mean a password (rule option `additionalPasswordNames`). */
  extraNames: ReadonlySet<string>;
}

/** Head words (last word of a name) that mean a password. */
const PASSWORD_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'passwort',
  'senha',
  'contrasena',
  'wachtwoord',
]);
/**
 * Short words that mean a password only as the whole name (`pass`, `pw`) or after a qualifier that
 * says whose (`userPass`, `newPw`): `firstPass` or `renderPass` name a stage, not a password.
 */
const SHORT_PASSWORD_WORDS = new Set(['pass', 'pw']);
const SHORT_WORD_QUALIFIERS = new Set([
  'user',
  'new',
  'old',
  'current',
  'plain',
  'raw',
  'input',
  'login',
  'account',
  'admin',
  'entered',
  'given',
  'confirm',
  'repeat',
  'member',
  'customer',
  'my',
]);
/** Words that make a password name the name of its hash (`hashedPassword`, `password_digest`). */
const HASH_WORDS = new Set(['hash', 'hashed', 'hashes', 'digest', 'encrypted', 'crypted', 'enc', 'cipher']);
/** Words after the password word that keep a function about hashing the password (`hashPasswordSync`). */
const FUNCTION_TAIL_WORDS = new Set(['hash', 'hashed', 'digest', 'sync', 'async']);
/** Words before the password word that make a function about something else (`sendResetPassword`). */
const FUNCTION_OTHER_WORDS = new Set(['reset', 'forgot', 'forgotten', 'recover', 'recovery', 'send', 'email', 'mail']);
/** Last words of function names that make something other than a password hash (`createAccessToken`). */
const NON_PASSWORD_FUNCTION_HEADS = new Set([
  'token',
  'tokens',
  'key',
  'keys',
  'id',
  'signature',
  'sign',
  'etag',
  'checksum',
  'fingerprint',
  'gravatar',
  'avatar',
  'url',
  'link',
  'nonce',
  'code',
]);
/** Parameter names that say nothing about what they hold: in `hashPassword(plain)` it is the password. */
const GENERIC_VALUE_WORDS = new Set([
  'plain',
  'text',
  'str',
  'string',
  'value',
  'val',
  'input',
  'raw',
  'clear',
  'candidate',
  'attempt',
  'entered',
  'given',
  'supplied',
  'provided',
  'user',
  's',
  'p',
  'data',
  'word',
  'phrase',
]);
/** Methods that hand on the same text (or its bytes). */
const TRANSPARENT_METHODS = new Set([
  'toString',
  'trim',
  'trimStart',
  'trimEnd',
  'normalize',
  'toLowerCase',
  'toUpperCase',
  'valueOf',
]);
/** Calls that turn their first argument into a string or bytes. */
const ENCODING_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'unescape', 'utf8ToBytes', 'stringToBytes']);

/** Words without trailing digits (`password2` → `password`), empty ones dropped. */
function stems(name: string): string[] {
  return splitWords(name)
    .map((word) => word.replace(/\d+$/u, ''))
    .filter((word) => word.length > 0);
}

function isPasswordWord(word: string): boolean {
  return PASSWORD_WORDS.has(word) || word.endsWith('password') || word.endsWith('passwd');
}

/**
 * Whether a name means a password or its hash: its last word is `password`, `passwd`, `pwd`,
 * `passphrase`, … (`newPassword`, `USER_PWD`, `password_hash` does not: its head is `hash`), or
 * `pass`/`pw` alone or after a qualifier (`userPass`). `extra` holds more names (lower case).
 */
export function isPasswordLikeName(name: string, extra: ReadonlySet<string>): boolean {
  if (extra.has(name.toLowerCase())) return true;
  const words = stems(name);
  const head = words.at(-1);
  if (head === undefined) return false;
  if (isPasswordWord(head)) return true;
  if (SHORT_PASSWORD_WORDS.has(head)) {
    const previous = words.at(-2);
    return previous === undefined || SHORT_WORD_QUALIFIERS.has(previous);
  }
  return false;
}

/** Whether a name says it holds a hash (`hashedPassword`, `password_digest`, `encryptedPwd`). */
export function hasHashWord(name: string): boolean {
  return stems(name).some((word) => HASH_WORDS.has(word));
}

/** Whether a name means the password itself, not its hash: {@link isPasswordLikeName} without a hash word. */
export function isPasswordName(name: string, extra: ReadonlySet<string>): boolean {
  return isPasswordLikeName(name, extra) && !hasHashWord(name);
}

/**
 * Whether a name means a stored password hash: a password name with a hash word (`passwordHash`,
 * `hashed_password`, `encryptedPassword`), or a hash word followed by a password word.
 */
export function isStoredHashName(name: string): boolean {
  const words = stems(name);
  return words.some(isPasswordWord) && words.some((word) => HASH_WORDS.has(word));
}

/**
 * Whether a function's name says it hashes or checks a password: a password word followed only by
 * `hash`/`digest`/`sync`/`async` (`hashPassword`, `encryptPassword`, `passwordHash`,
 * `validPassword`), and not about resets or mail (`sendResetPassword`, `createPasswordResetToken`).
 */
export function isPasswordFunctionName(name: string): boolean {
  const words = stems(name);
  let index = -1;
  for (let i = words.length - 1; i >= 0; i -= 1) {
    if (isPasswordWord(words[i]!)) {
      index = i;
      break;
    }
  }
  if (index < 0) return false;
  if (!words.slice(index + 1).every((word) => FUNCTION_TAIL_WORDS.has(word))) return false;
  return !words.slice(0, index).some((word) => FUNCTION_OTHER_WORDS.has(word));
}

/**
 * The name a function is known by: its own or its binding's (see `getFunctionName`), or the member it
 * is assigned to (`userSchema.methods.encryptPassword = function (plain) {…}`); `null` when anonymous.
 */
export function getFunctionLikeName(fn: FunctionNode): string | null {
  const own = getFunctionName(fn);
  if (own !== null) return own;
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === fn &&
    parent.left.type === AST_NODE_TYPES.MemberExpression
  )
    return getMemberName(parent.left);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === fn) return ASTUtils.getPropertyName(parent);
  return null;
}

/**
 * Whether `node` holds a password (see the file comment). Follows `const` bindings, destructuring,
 * parameters of password functions, string conversions (`String(pw)`, `pw.trim()`,
 * `Buffer.from(pw)`, `encoder.encode(pw)`), concatenations and template literals with a salt, and
 * `formData.get('password')`.
 */
export function isPasswordValue(node: TSESTree.Node, context: PasswordContext, depth = 0): boolean {
  if (depth > 6) return false;
  const inner = skipExpressionWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier:
      return isPasswordIdentifier(inner, context, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(inner, scopeOf(context.globalScope, inner));
      return name !== null && isPasswordName(name, context.extraNames);
    }
    case AST_NODE_TYPES.CallExpression:
      return isPasswordCall(inner, context, depth);
    case AST_NODE_TYPES.NewExpression:
      return false;
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.expressions.some((expression) => isPasswordValue(expression, context, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
      return (
        inner.operator === '+' &&
        (isPasswordValue(inner.left, context, depth + 1) || isPasswordValue(inner.right, context, depth + 1))
      );
    case AST_NODE_TYPES.LogicalExpression:
      return inner.operator !== '&&' && isPasswordValue(inner.left, context, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return isPasswordValue(inner.argument, context, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        isPasswordValue(inner.consequent, context, depth + 1) || isPasswordValue(inner.alternate, context, depth + 1)
      );
    default:
      return false;
  }
}

function isPasswordIdentifier(identifier: TSESTree.Identifier, context: PasswordContext, depth: number): boolean {
  const variable = findVariable(scopeOf(context.globalScope, identifier), identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0]! : undefined;
  // A parameter of `createAccessToken({ password, salt })` holds what makes a token, whatever its name.
  if (def?.type === 'Parameter' && isFunctionNode(def.node) && isNonPasswordFunctionName(getFunctionLikeName(def.node)))
    return false;
  if (isPasswordLikeName(identifier.name, context.extraNames)) return !hasHashWord(identifier.name);
  if (!variable || !def) return false;
  const key = def.name.type === AST_NODE_TYPES.Identifier ? getDestructuredKey(def.name) : null;
  if (key !== null) return isPasswordName(key, context.extraNames);
  if (def.type === 'Parameter') {
    const fn = def.node;
    if (!isFunctionNode(fn)) return false;
    const name = getFunctionLikeName(fn);
    if (name !== null && isPasswordFunctionName(name) && isGenericValueName(identifier.name)) return true;
    return isPasswordAtCallSites(fn, def.name, context, depth);
  }
  const init = getConstantInit(variable);
  return init !== null && isPasswordValue(init, context, depth + 1);
}

/** The key a destructured binding was read from (`pw` in `{ password: pw } = body` → `password`), or `null`. */
function getDestructuredKey(name: TSESTree.Identifier): string | null {
  let current: TSESTree.Node = name;
  if (current.parent?.type === AST_NODE_TYPES.AssignmentPattern && current.parent.left === current)
    current = current.parent;
  const property = current.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== current) return null;
  if (property.parent?.type !== AST_NODE_TYPES.ObjectPattern) return null;
  return ASTUtils.getPropertyName(property);
}

/** Whether a function's name says it makes a token, key, id, signature or checksum (`createAccessToken`). */
function isNonPasswordFunctionName(name: string | null): boolean {
  const head = name === null ? undefined : stems(name).at(-1);
  return head !== undefined && NON_PASSWORD_FUNCTION_HEADS.has(head);
}

function isGenericValueName(name: string): boolean {
  const words = stems(name);
  return words.length > 0 && words.every((word) => GENERIC_VALUE_WORDS.has(word));
}

function isPasswordCall(call: TSESTree.CallExpression, context: PasswordContext, depth: number): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const first = call.arguments[0];
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return ENCODING_FUNCTIONS.has(callee.name) && first !== undefined && isPasswordValue(first, context, depth + 1);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getMemberName(callee);
  if (method === null) return false;
  if (TRANSPARENT_METHODS.has(method)) return isPasswordValue(callee.object, context, depth + 1);
  if (method === 'encode' || (method === 'from' && isBufferIdentifier(callee.object)))
    return first !== undefined && isPasswordValue(first, context, depth + 1);
  if (method === 'concat')
    return [callee.object, ...call.arguments].some((part) => isPasswordValue(part, context, depth + 1));
  // `formData.get('password')`, `params.get('pwd')`.
  if (method === 'get' && call.arguments.length === 1) {
    const key = getStaticString(first, scopeOf(context.globalScope, call));
    return key !== null && isPasswordName(key, context.extraNames);
  }
  return false;
}

function isBufferIdentifier(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'Buffer';
}

/**
 * Whether a same-file call of `fn` passes a password at the position of `parameter`
 * (`const sha256 = (text) => …; sha256(password)`).
 */
function isPasswordAtCallSites(
  fn: FunctionNode,
  parameter: TSESTree.Node,
  context: PasswordContext,
  depth: number,
): boolean {
  return getArgumentsAtCallSites(fn, parameter, context.globalScope).some((argument) =>
    isPasswordValue(argument, context, depth + 1),
  );
}

/**
 * The arguments given for `parameter` (an identifier in `fn`'s parameter list) at `fn`'s same-file
 * call sites (see {@link getCallSites}); calls that spread arguments before it are skipped.
 */
export function getArgumentsAtCallSites(
  fn: FunctionNode,
  parameter: TSESTree.Node,
  globalScope: TSESLint.Scope.Scope,
): TSESTree.Node[] {
  const index = fn.params.findIndex(
    (param) => param === parameter || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === parameter),
  );
  if (index < 0) return [];
  const found: TSESTree.Node[] = [];
  for (const site of getCallSites(fn, globalScope)) {
    const argument = site.arguments[index];
    if (argument && !site.arguments.slice(0, index + 1).some((item) => item.type === AST_NODE_TYPES.SpreadElement))
      found.push(argument);
  }
  return found;
}

/**
 * The calls in the file of a function bound to a name (`function f() {}`, `const f = () => …`),
 * through that name's references; `[]` for a function passed inline or a method.
 */
export function getCallSites(fn: FunctionNode, globalScope: TSESLint.Scope.Scope): TSESTree.CallExpression[] {
  let id: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    id = fn.parent.id;
  if (!id) return [];
  const variable = findVariable(scopeOf(globalScope, id), id);
  const sites: TSESTree.CallExpression[] = [];
  for (const reference of variable?.references ?? []) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) sites.push(parent);
  }
  return sites;
}
