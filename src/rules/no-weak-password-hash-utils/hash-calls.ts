/**
 * Finding the hashing calls of a file and reading their parameters: calls of the APIs in
 * `shared/password-hashing.ts` by import tracking, the Web Crypto global, `util.promisify` wrappers,
 * and arguments or options-object properties resolved through same-file constants.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  findObjectProperty,
  findVariable,
  followValue,
  getBindingOrigin,
  getConstantInit,
  getMemberName,
  getStaticString,
  READ,
  resolveObjectLiteral,
  scopeOf,
  skipExpressionWrappers,
  trackReferences,
  findGlobalReferences,
} from '../../shared/ast/index.js';
import {
  PASSWORD_HASH_GLOBAL_TRACE_MAP,
  PASSWORD_HASH_TRACE_MAP,
  PROMISIFY_TRACE_MAP,
  type ParameterLocation,
  type PasswordHashApi,
} from '../../shared/password-hashing.js';

/** One call of a tracked hashing API; `promisified` when called through `util.promisify(fn)`. */
export interface HashCall {
  node: TSESTree.CallExpression;
  info: PasswordHashApi;
  promisified: boolean;
}

/** A parameter of a call: left out, given as `node`, or given in a way the rule cannot read. */
export type Parameter = { state: 'absent' } | { state: 'present'; node: TSESTree.Node } | { state: 'unknown' };

/**
 * Every call in the file of a hashing API from {@link PASSWORD_HASH_TRACE_MAP} (by import), of the
 * Web Crypto global, and of `util.promisify(crypto.pbkdf2 | crypto.scrypt)` results; in source order.
 */
export function findHashCalls(globalScope: TSESLint.Scope.Scope): HashCall[] {
  const calls: HashCall[] = [];
  const reads = new Map<TSESTree.Node, PasswordHashApi>();
  for (const reference of trackReferences<PasswordHashApi>(globalScope, PASSWORD_HASH_TRACE_MAP)) {
    if (reference.type === 'call' && reference.node.type === AST_NODE_TYPES.CallExpression)
      calls.push({ node: reference.node, info: reference.info, promisified: false });
    else if (reference.type === 'read') reads.set(reference.node, reference.info);
  }
  for (const reference of findGlobalReferences<PasswordHashApi>(globalScope, PASSWORD_HASH_GLOBAL_TRACE_MAP)) {
    if (reference.node.type === AST_NODE_TYPES.CallExpression)
      calls.push({ node: reference.node, info: reference.info, promisified: false });
  }
  if (reads.size > 0 || calls.length > 0) {
    for (const reference of trackReferences(globalScope, PROMISIFY_TRACE_MAP)) {
      const promisify = reference.node;
      if (promisify.type !== AST_NODE_TYPES.CallExpression || reference.type !== 'call') continue;
      const wrapped = promisify.arguments[0];
      const info = wrapped ? (reads.get(wrapped) ?? getImportedApi(wrapped, globalScope)) : undefined;
      if (!info) continue;
      followValue(globalScope, promisify, (expression) => {
        const parent = expression.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === expression)
          calls.push({ node: parent, info, promisified: true });
      });
    }
  }
  return calls.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The API an identifier is imported as, when the trace map reads it (`scrypt` in
 * `import { scrypt } from 'node:crypto'` or `const { scrypt } = require('crypto')`); `undefined` otherwise.
 */
function getImportedApi(node: TSESTree.Node, globalScope: TSESLint.Scope.Scope): PasswordHashApi | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const origin = getBindingOrigin(node, scopeOf(globalScope, node));
  if (!origin || !Object.hasOwn(PASSWORD_HASH_TRACE_MAP, origin.module)) return undefined;
  const moduleMap = PASSWORD_HASH_TRACE_MAP[origin.module]!;
  const exported = origin.imported === 'default' || origin.imported === '*' ? undefined : moduleMap[origin.imported];
  return exported?.[READ] as PasswordHashApi | undefined;
}

/** The arguments that go into a slow password hash (bcrypt, scrypt, Argon2, PBKDF2, their verify calls). */
export function collectSlowInputs(calls: readonly HashCall[]): Set<TSESTree.Node> {
  const inputs = new Set<TSESTree.Node>();
  for (const { node, info } of calls) {
    if (info.kind === 'fast-hash' || !('input' in info) || info.input === undefined) continue;
    const input = getParameter(node, info.input, null);
    if (input.state === 'present') inputs.add(input.node);
  }
  return inputs;
}

/**
 * Reads a parameter of a call: the argument at `location.argument`, or a property (any alias) of the
 * object literal there (also through a `const`). `unknown` when the argument is spread, or the object
 * is not a static literal and the property may come from elsewhere. `scope` `null` skips `const` lookups.
 */
export function getParameter(
  call: TSESTree.CallExpression,
  location: ParameterLocation,
  scope: TSESLint.Scope.Scope | null,
): Parameter {
  const args = call.arguments;
  for (let i = 0; i <= location.argument && i < args.length; i += 1)
    if (args[i]!.type === AST_NODE_TYPES.SpreadElement) return { state: 'unknown' };
  const argument = args[location.argument];
  if (!('names' in location)) return argument ? { state: 'present', node: argument } : { state: 'absent' };
  if (!argument) return { state: 'absent' };
  const object = scope ? resolveObjectLiteral(argument, scope) : null;
  if (!object) return { state: 'unknown' };
  for (const name of location.names) {
    const property = findObjectProperty(object, name, scope ?? undefined);
    if (property) return { state: 'present', node: property.value };
  }
  return object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)
    ? { state: 'unknown' }
    : { state: 'absent' };
}

/** A number the expression statically evaluates to (literals, `const`s, `2 ** 17`), or `null`. */
export function getNumber(node: TSESTree.Node, scope: TSESLint.Scope.Scope): number | null {
  const result = ASTUtils.getStaticValue(node, scope);
  return result && typeof result.value === 'number' && Number.isFinite(result.value) ? result.value : null;
}

/** The numeric literal a cost is written as: the argument itself or a same-file `const`'s initialiser. */
export function getNumericLiteral(node: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESTree.Literal | null {
  let inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const init = getConstantInit(findVariable(scope, inner));
    if (!init) return null;
    inner = skipExpressionWrappers(init);
  }
  return inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number' ? inner : null;
}

/**
 * A digest name from how libraries take it: a string (`'sha256'`, `'SHA-256'`), a Web Crypto
 * algorithm object (`{ name: 'SHA-256' }`), an imported hash function (`sha256` from @noble/hashes),
 * a factory call (`createSHA256()` from hash-wasm) or a namespace member (`CryptoJS.algo.SHA256`).
 */
export function getDigestName(node: TSESTree.Node, globalScope: TSESLint.Scope.Scope): string | null {
  const scope = scopeOf(globalScope, node);
  const inner = skipExpressionWrappers(node);
  const text = getStaticString(inner, scope);
  if (text !== null) return text;
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    const name = findObjectProperty(inner, 'name', scope);
    return name ? getStaticString(name.value, scope) : null;
  }
  if (inner.type === AST_NODE_TYPES.Identifier) return /^(?:sha|md5|ripemd)/iu.test(inner.name) ? inner.name : null;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(inner, scope);
    return name !== null && /^(?:sha|md5|ripemd)/iu.test(name) ? name : null;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(inner.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    const match = name === null ? null : /^create(sha\w+|md5|ripemd\w+)$/iu.exec(name);
    return match ? match[1]! : null;
  }
  return null;
}
