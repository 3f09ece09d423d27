/**
 * Fast digests (MD5, SHA-*, HMAC) applied to a password, and what their surroundings say: a pre-hash
 * fed into a slow hash, a legacy format verified beside a slow one, a protocol's challenge-response.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../frameworks/index.js';
import {
  getCalleeName,
  climbValueWrappers,
  findVariable,
  followValue,
  getConstantInit,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';
import type { FastHashApi } from '../../shared/password-hashing.js';
import { getDigestName, getParameter } from './hash-calls.js';
import {
  getArgumentsAtCallSites,
  getCallSites,
  getFunctionLikeName,
  isPasswordValue,
  type PasswordContext,
} from './passwords.js';
import { splitWords } from '../../shared/words.js';

/** Names of a slow hash's work factor: `rounds`, `saltRounds`, `SALT_ROUNDS`, `cost`, `workFactor`, `logRounds`. */
const WORK_FACTOR_NAME = /(?:^|_|[a-z])(?:rounds|Rounds|ROUNDS|cost|Cost|COST|workFactor|WorkFactor|WORK_FACTOR)$/u;

/** Authentication protocols that hash a password on the wire (see `isProtocolFunction`). */
const PROTOCOL_WORDS = new Set([
  'ntlm',
  'ntlmv2',
  'lm',
  'scram',
  'cram',
  'chap',
  'mschap',
  'kerberos',
  'mysql',
  'radius',
  'sasl',
]);

/** Words of a value mixed into a challenge-response or signed request (see `hasChallengePart`). */
const CHALLENGE_WORDS = new Set(['nonce', 'cnonce', 'realm', 'challenge', 'timestamp', 'ts', 'time', 'now', 'date']);

/** A fast hash applied to a password, and what its surroundings say about it. */
export interface FastHashUse {
  node: TSESTree.CallExpression;
  info: FastHashApi;
  algorithm: string;
  /** Its result goes into a slow hash (`bcrypt.hash(hmac(pepper, pw), 12)`). */
  preHash: boolean;
  /**
   * The function around it also calls a slow hash: a verifier of several stored formats that checks
   * legacy MD5/SHA hashes of migrated users and hashes new ones properly (OWASP "Upgrading Legacy Hashes").
   */
  besideSlowHash: boolean;
}

/** The fast hash `node` when it hashes a password (see {@link FastHashUse}); `null` when it does not. */
export function getFastHashUse(
  node: TSESTree.CallExpression,
  info: FastHashApi,
  passwords: PasswordContext,
  slowInputs: ReadonlySet<TSESTree.Node>,
  slowCalls: readonly TSESTree.Node[],
): FastHashUse | null {
  const { globalScope } = passwords;
  const results: TSESTree.Node[] = [];
  const inputs: TSESTree.Node[] = [];
  if (info.input === 'update') {
    followValue(globalScope, node, (hasher) => {
      for (const update of getUpdateCalls(hasher)) {
        if (update.arguments[0]) inputs.push(update.arguments[0]);
        results.push(climbChain(update));
      }
    });
  } else {
    const input = getParameter(node, info.input, scopeOf(globalScope, node));
    if (input.state === 'present') inputs.push(input.node);
    results.push(climbChain(node));
  }
  const hashesPassword = inputs.some((input) => isPasswordValue(input, passwords));
  if (!hashesPassword || inputs.some((input) => hasChallengePart(input, globalScope))) return null;
  const enclosing = getEnclosingFunction(node);
  if (enclosing && isProtocolFunction(enclosing)) return null;
  return {
    node,
    info,
    algorithm: getAlgorithmName(node, info, globalScope),
    preHash: results.some((result) => isPreHash(result, globalScope, slowInputs)),
    besideSlowHash: enclosing !== null && slowCalls.some((call) => within(call, enclosing)),
  };
}

/**
 * Whether a function is named for an authentication protocol whose wire format hashes the password
 * (`createNTLMHash`, `scramClientProof`, `mysqlNativePassword`): it talks to another system, it does
 * not store anything.
 */
function isProtocolFunction(fn: FunctionNode): boolean {
  const name = getFunctionLikeName(fn);
  return name !== null && splitWords(name).some((word) => PROTOCOL_WORDS.has(word));
}

/** The nearest function around `node` (arrow, declaration or expression), or `null` at module level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** Whether `inner`'s range lies inside `outer`'s. */
export function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Whether hashed data mixes the password with a nonce, realm, challenge or timestamp: a
 * challenge-response or request signature a protocol prescribes (HTTP Digest's
 * `md5(user:realm:password)`, a vendor API's `md5(account + password + timestamp)`), not storage.
 */
function hasChallengePart(input: TSESTree.Node, globalScope: TSESLint.Scope.Scope, depth = 0): boolean {
  if (depth > 3) return false;
  const inner = skipExpressionWrappers(input);
  const parts: TSESTree.Node[] = [];
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) parts.push(...inner.expressions);
  else if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+')
    parts.push(inner.left, inner.right);
  else if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(globalScope, inner), inner);
    const def = variable?.defs.length === 1 ? variable.defs[0]! : undefined;
    // A helper's parameter (`const md5 = (value) => …`): what its callers pass.
    if (def?.type === 'Parameter' && isFunctionNode(def.node))
      return getArgumentsAtCallSites(def.node, def.name, globalScope).some((argument) =>
        hasChallengePart(argument, globalScope, depth + 1),
      );
    const init = getConstantInit(variable);
    return init !== null && hasChallengePart(init, globalScope, depth + 1);
  } else return false;
  return parts.some((part) => {
    const value = skipExpressionWrappers(part);
    const name =
      value.type === AST_NODE_TYPES.Identifier
        ? value.name
        : value.type === AST_NODE_TYPES.MemberExpression
          ? getMemberName(value)
          : value.type === AST_NODE_TYPES.CallExpression
            ? getCalleeText(value)
            : null;
    if (name !== null && splitWords(name).some((word) => CHALLENGE_WORDS.has(word))) return true;
    return hasChallengePart(value, globalScope, depth + 1);
  });
}

function getCalleeText(call: TSESTree.CallExpression): string | null {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee) : null;
}

/** `hasher.update(x)` calls on a hasher, following chains (`.update(a).update(b)`). */
function getUpdateCalls(hasher: TSESTree.Node): TSESTree.CallExpression[] {
  const found: TSESTree.CallExpression[] = [];
  let current: TSESTree.Node = climbValueWrappers(hasher);
  for (;;) {
    const member = current.parent;
    const call = member?.parent;
    if (
      member?.type !== AST_NODE_TYPES.MemberExpression ||
      member.object !== current ||
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.callee !== member ||
      getMemberName(member) !== 'update'
    )
      return found;
    found.push(call);
    current = call;
  }
}

/** The outermost call of the method chain `node` starts (`x.update(p).digest('hex').toString()`), through `await`. */
function climbChain(node: TSESTree.Node): TSESTree.Node {
  let current = climbValueWrappers(node);
  for (;;) {
    const member = current.parent;
    const call = member?.parent;
    if (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === current &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === member
    ) {
      current = climbValueWrappers(call);
      continue;
    }
    return current;
  }
}

/**
 * Whether a digest result reaches a slow hash's input: directly, through `const`s, or returned from a
 * same-file function whose calls do (`const prehash = (pw) => createHmac(…).update(pw).digest('base64')`).
 */
function isPreHash(
  result: TSESTree.Node,
  globalScope: TSESLint.Scope.Scope,
  slowInputs: ReadonlySet<TSESTree.Node>,
  depth = 0,
): boolean {
  let found = false;
  followValue(globalScope, result, (expression) => {
    if (found) return;
    const value = climbChain(expression);
    if (slowInputs.has(value) || slowInputs.has(expression) || isPassedWithWorkFactor(value)) {
      found = true;
      return;
    }
    if (depth > 1) return;
    const fn = getReturningFunction(value);
    if (!fn) return;
    for (const site of getCallSites(fn, globalScope)) {
      if (isPreHash(site, globalScope, slowInputs, depth + 1)) {
        found = true;
        return;
      }
    }
  });
  return found;
}

/**
 * Whether `value` is handed to a call next to a work factor (`pool.exec('hash', [digest, rounds])`,
 * `hashInWorker(digest, saltRounds)`): a slow hash this file does not see.
 */
function isPassedWithWorkFactor(value: TSESTree.Node): boolean {
  let holder: TSESTree.Node = value;
  if (holder.parent?.type === AST_NODE_TYPES.ArrayExpression) holder = holder.parent;
  const call = holder.parent;
  if (
    call?.type !== AST_NODE_TYPES.CallExpression ||
    !call.arguments.includes(holder as TSESTree.CallExpressionArgument)
  )
    return false;
  const siblings =
    holder === value ? call.arguments : [...call.arguments, ...(holder as TSESTree.ArrayExpression).elements];
  return siblings.some((sibling) => {
    if (!sibling || sibling === value) return false;
    const inner = skipExpressionWrappers(sibling);
    const name = getCalleeName(inner);
    return name !== null && WORK_FACTOR_NAME.test(name);
  });
}

/** The function `value` is returned from (`return value`, or an arrow's expression body), if any. */
function getReturningFunction(value: TSESTree.Node): FunctionNode | null {
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === value) return parent;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return null;
  for (let current: TSESTree.Node | undefined = parent.parent; current; current = current.parent)
    if (isFunctionNode(current)) return current;
  return null;
}

function getAlgorithmName(node: TSESTree.CallExpression, info: FastHashApi, globalScope: TSESLint.Scope.Scope): string {
  let name: string | null;
  if (typeof info.algorithm === 'string') name = info.algorithm;
  else {
    const parameter = getParameter(node, info.algorithm, scopeOf(globalScope, node));
    name = parameter.state === 'present' ? getDigestName(parameter.node, globalScope) : null;
    if (name !== null) name = name.toUpperCase();
  }
  if (name === null) return 'any algorithm';
  return info.hmac ? `HMAC-${name}` : name;
}
