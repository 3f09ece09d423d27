import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  findVariable,
  getConstantInit,
  getMemberName,
  getStaticString,
  scopeOf,
  skipExpressionWrappers,
} from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import {
  getPbkdf2MinimumIterations,
  isWeakArgon2,
  isWeakScrypt,
  MINIMUM_BCRYPT_COST,
  normalizeDigestName,
  PASSWORD_HASH_SOURCE_HINT,
  SUGGESTED_BCRYPT_COST,
  type Argon2Api,
  type BcryptApi,
  type ParameterLocation,
  type Pbkdf2Api,
  type ScryptApi,
} from '../shared/password-hashing.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import { classifyComparison, type ComparisonContext } from './no-weak-password-hash-utils/comparisons.js';
import { getFastHashUse, type FastHashUse } from './no-weak-password-hash-utils/fast-hashes.js';
import {
  collectSlowInputs,
  findHashCalls,
  getDigestName,
  getNumber,
  getNumericLiteral,
  getParameter,
  type HashCall,
} from './no-weak-password-hash-utils/hash-calls.js';
import { isPasswordValue, type PasswordContext } from './no-weak-password-hash-utils/passwords.js';
import { splitWords } from '../shared/words.js';

export type Options = [{ additionalPasswordNames?: string[]; checkComparisons?: boolean }];

export type MessageIds =
  | 'fastHash'
  | 'weakPbkdfIterations'
  | 'weakScrypt'
  | 'weakBcryptCost'
  | 'weakArgonParameters'
  | 'plainTextComparison'
  | 'timingUnsafeComparison'
  | 'raiseBcryptCost';

/** Words that name a value that is not a password (bcrypt and Argon2 also hash tokens and keys). */
const NOT_PASSWORD_HEADS = new Set([
  'token',
  'tokens',
  'key',
  'keys',
  'secret',
  'code',
  'codes',
  'otp',
  'nonce',
  'id',
  'email',
]);

const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=']);

/** Text of a file that checks passwords against breach corpora (the Pwned Passwords range API). */
const BREACH_CHECK = /pwnedpasswords|haveibeenpwned/iu;

/** Surely client-side code: hashing there is not how the server stores passwords. */
const CLIENT_DIRECTIVE = 'use client';

export default createRule<Options, MessageIds>({
  name: 'no-weak-password-hash',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow storing or checking passwords with fast hashes, weak work factors or plain comparisons',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      fastHash:
        '`{{ api }}` ({{ algorithm }}) is a fast hash, unfit for storing passwords; hash them with argon2id, scrypt or bcrypt instead.',
      weakPbkdfIterations:
        'This {{ scheme }} runs {{ iterations }} iterations, too few for passwords; use at least {{ minimum }} (OWASP) or argon2id.',
      weakScrypt:
        'This scrypt runs with N={{ cost }}, r={{ blockSize }}, p={{ parallelization }}, below the OWASP minimum for passwords; use N=131072 (2^17), r=8, p=1 (with enough `maxmem`) or argon2id.',
      weakBcryptCost:
        'A bcrypt cost of {{ cost }} is below the OWASP minimum of {{ minimum }} for passwords; use a cost of {{ minimum }} or more.',
      weakArgonParameters:
        'Argon2 with m={{ memory }} KiB and t={{ time }} is below the OWASP minimum for passwords; use at least m=19456 KiB with t=2 (or m=47104 KiB with t=1).',
      plainTextComparison:
        "This password is compared in plain text with the stored `{{ stored }}`; store an argon2id, scrypt or bcrypt hash and check it with that library's verify function.",
      timingUnsafeComparison:
        "This password hash is compared with `{{ operator }}`, which leaks timing; check it with the hashing library's verify function (`bcrypt.compare`, `argon2.verify`) or `crypto.timingSafeEqual`.",
      raiseBcryptCost: 'Raise the cost to {{ cost }} (existing hashes keep verifying).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          additionalPasswordNames: {
            type: 'array',
            items: { type: 'string' },
            description:
              'More identifier or property names that hold a password (matched whole, case-insensitively), e.g. `secretWord`.',
          },
          checkComparisons: {
            type: 'boolean',
            description:
              'Report passwords compared in plain text with a stored field, and password hashes compared with `===`.',
          },
        },
      },
    ],
    defaultOptions: [{ additionalPasswordNames: [], checkComparisons: true }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    if (isInLayer(getSettings(context), 'nonRuntime', context.filename, context.cwd)) return {};
    // UI components hash or compare what a form holds, not what the server stores.
    if (/\.[jt]sx$/u.test(context.filename)) return {};
    const text = sourceCode.text;
    // Checking a password against Have I Been Pwned sends the first characters of its SHA-1.
    if (BREACH_CHECK.test(text)) return {};
    const mayHash = PASSWORD_HASH_SOURCE_HINT.test(text);
    const checkComparisons = options.checkComparisons !== false && /pass|pwd|pw\b|hash/iu.test(text);
    if (!mayHash && !checkComparisons) return {};
    const comparisons: TSESTree.BinaryExpression[] = [];
    const extraNames = new Set((options.additionalPasswordNames ?? []).map((name) => name.toLowerCase()));
    return {
      BinaryExpression(node) {
        if (checkComparisons && EQUALITY_OPERATORS.has(node.operator)) comparisons.push(node);
      },
      'Program:exit'(program: TSESTree.Program) {
        if (hasClientDirective(program)) return;
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const passwordContext: PasswordContext = { globalScope, extraNames };
        const calls = mayHash ? findHashCalls(globalScope) : [];
        const reported = checkHashCalls(context, calls, passwordContext);
        if (comparisons.length === 0) return;
        const comparisonContext: ComparisonContext = {
          ...passwordContext,
          hashCalls: new Set(calls.map((call) => call.node)),
          reported,
        };
        for (const comparison of comparisons) {
          const found = classifyComparison(comparison, comparisonContext);
          if (!found) continue;
          if (found.kind === 'plain-text') {
            context.report({
              node: comparison,
              messageId: 'plainTextComparison',
              data: { stored: shorten(sourceCode.getText(found.stored)) },
            });
          } else {
            context.report({
              node: comparison,
              messageId: 'timingUnsafeComparison',
              data: { operator: comparison.operator },
            });
          }
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

function hasClientDirective(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === CLIENT_DIRECTIVE) return true;
  }
  return false;
}

/**
 * Checks the file's hashing calls and returns the nodes it reported. Fast hashes of a password are
 * judged together: one seen to be a pre-hash (fed into a slow hash) makes the others of the same
 * algorithm pre-hashes too (`password.js` wrapping with SHA-512 both when hashing and when comparing).
 */
function checkHashCalls(context: Context, calls: readonly HashCall[], passwords: PasswordContext): TSESTree.Node[] {
  const reported: TSESTree.Node[] = [];
  const slowInputs = collectSlowInputs(calls);
  const slowCalls = calls.filter((call) => call.info.kind !== 'fast-hash').map((call) => call.node);
  const fastHashes: FastHashUse[] = [];
  for (const call of calls) {
    let node: TSESTree.Node | null = null;
    switch (call.info.kind) {
      case 'fast-hash': {
        const use = getFastHashUse(call.node, call.info, passwords, slowInputs, slowCalls);
        if (use) fastHashes.push(use);
        break;
      }
      case 'pbkdf2':
        node = checkPbkdf2(context, call.node, call.info, passwords);
        break;
      case 'scrypt':
        node = checkScrypt(context, call, call.info, passwords);
        break;
      case 'bcrypt':
        node = checkBcrypt(context, call.node, call.info, passwords);
        break;
      case 'argon2':
        node = checkArgon2(context, call.node, call.info, passwords);
        break;
      default:
        break;
    }
    if (node) reported.push(node);
  }
  const preHashAlgorithms = new Set(fastHashes.filter((use) => use.preHash).map((use) => use.algorithm));
  for (const use of fastHashes) {
    if (use.preHash || use.besideSlowHash || preHashAlgorithms.has(use.algorithm)) continue;
    context.report({
      node: use.node,
      messageId: 'fastHash',
      data: { api: use.info.label, algorithm: use.algorithm },
    });
    reported.push(use.node);
  }
  return reported.sort((a, b) => a.range[0] - b.range[0]);
}

/** PBKDF2 with fewer iterations than OWASP asks for its digest; silent when the count is not visible. */
function checkPbkdf2(
  context: Context,
  node: TSESTree.CallExpression,
  info: Pbkdf2Api,
  passwords: PasswordContext,
): TSESTree.Node | null {
  const scope = scopeOf(passwords.globalScope, node);
  if (info.algorithmName) {
    const name = getParameter(node, info.algorithmName, scope);
    if (name.state !== 'present' || getStaticString(name.node, scope)?.toUpperCase() !== 'PBKDF2') return null;
  }
  const input = getParameter(node, info.input, scope);
  if (input.state !== 'present') return null;
  const password = info.inputIsImportedKey ? getImportedKeyMaterial(input.node, passwords) : input.node;
  if (!password || !isPasswordValue(password, passwords)) return null;
  const iterationsParameter = getParameter(node, info.iterations, scope);
  let iterations: number | null = null;
  let isDefault = false;
  if (iterationsParameter.state === 'present') iterations = getNumber(iterationsParameter.node, scope);
  else if (iterationsParameter.state === 'absent' && info.defaultIterations !== undefined) {
    iterations = info.defaultIterations;
    isDefault = true;
  }
  if (iterations === null) return null;
  let digest: string | null = null;
  if (typeof info.digest === 'string') digest = info.digest;
  else {
    const digestParameter = getParameter(node, info.digest, scope);
    if (digestParameter.state === 'present') digest = getDigestName(digestParameter.node, passwords.globalScope);
    else if (digestParameter.state === 'absent') digest = info.defaultDigest ?? null;
  }
  const minimum = getPbkdf2MinimumIterations(digest);
  if (iterations >= minimum) return null;
  const reportNode = iterationsParameter.state === 'present' ? iterationsParameter.node : node.callee;
  context.report({
    node: reportNode,
    messageId: 'weakPbkdfIterations',
    data: {
      scheme: digest === null ? 'PBKDF2' : `PBKDF2-HMAC-${normalizeDigestName(digest).toUpperCase()}`,
      iterations: `${formatNumber(iterations)}${isDefault ? ' (the default)' : ''}`,
      minimum: formatNumber(getPbkdf2MinimumIterations(digest)),
    },
  });
  return reportNode;
}

/** The key material of a Web Crypto key made by `subtle.importKey('raw', material, …)`, if visible. */
function getImportedKeyMaterial(key: TSESTree.Node, passwords: PasswordContext): TSESTree.Node | null {
  let inner = skipExpressionWrappers(key);
  if (inner.type === AST_NODE_TYPES.Identifier)
    inner = skipExpressionWrappers(
      getConstantInit(findVariable(scopeOf(passwords.globalScope, inner), inner)) ?? inner,
    );
  if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
  if (
    inner.type !== AST_NODE_TYPES.CallExpression ||
    inner.callee.type !== AST_NODE_TYPES.MemberExpression ||
    getMemberName(inner.callee) !== 'importKey'
  )
    return null;
  return inner.arguments[1] ?? null;
}

/** scrypt below every OWASP row (Node's defaults, N=16384 r=8 p=1, included); silent when not visible. */
function checkScrypt(
  context: Context,
  call: HashCall,
  info: ScryptApi,
  passwords: PasswordContext,
): TSESTree.Node | null {
  const { node } = call;
  const scope = scopeOf(passwords.globalScope, node);
  const input = getParameter(node, info.input, scope);
  if (input.state !== 'present' || !isPasswordValue(input.node, passwords)) return null;
  // Node's callback form: `scrypt(pw, salt, 64, callback)` has no options object.
  const callbackOnly =
    info.optionsBeforeCallback === true && !call.promisified && node.arguments.length === info.cost.argument + 1;
  const read = (
    location: ParameterLocation,
    fallback: number | undefined,
  ): { value: number; node: TSESTree.Node | null } | null => {
    const parameter = callbackOnly ? ({ state: 'absent' } as const) : getParameter(node, location, scope);
    if (parameter.state === 'unknown') return null;
    if (parameter.state === 'absent') return fallback === undefined ? null : { value: fallback, node: null };
    const value = getNumber(parameter.node, scope);
    return value === null ? null : { value, node: parameter.node };
  };
  const cost = read(info.cost, info.defaults.cost);
  const blockSize = read(info.blockSize, info.defaults.blockSize);
  const parallelization = read(info.parallelization, info.defaults.parallelization);
  if (!cost || !blockSize || !parallelization) return null;
  const costValue = info.costIsExponent ? 2 ** cost.value : cost.value;
  if (!isWeakScrypt(costValue, blockSize.value, parallelization.value)) return null;
  const reportNode = cost.node ?? node.callee;
  context.report({
    node: reportNode,
    messageId: 'weakScrypt',
    data: {
      cost: String(costValue),
      blockSize: String(blockSize.value),
      parallelization: String(parallelization.value),
    },
  });
  return reportNode;
}

/** bcrypt with a visible cost below 10; suggests raising a literal cost. */
function checkBcrypt(
  context: Context,
  node: TSESTree.CallExpression,
  info: BcryptApi,
  passwords: PasswordContext,
): TSESTree.Node | null {
  const scope = scopeOf(passwords.globalScope, node);
  if (info.input) {
    const input = getParameter(node, info.input, scope);
    if (input.state === 'present' && isNamedLikeNonPassword(input.node, scope)) return null;
  }
  const parameter = getParameter(node, info.cost, scope);
  let cost: number | null = null;
  if (parameter.state === 'present') cost = getNumber(parameter.node, scope);
  else if (parameter.state === 'absent') cost = info.defaultCost ?? null;
  if (cost === null || cost >= MINIMUM_BCRYPT_COST) return null;
  const reportNode = parameter.state === 'present' ? parameter.node : node.callee;
  const literal = parameter.state === 'present' ? getNumericLiteral(parameter.node, scope) : null;
  context.report({
    node: reportNode,
    messageId: 'weakBcryptCost',
    data: { cost: String(cost), minimum: String(MINIMUM_BCRYPT_COST) },
    suggest: literal
      ? [
          {
            messageId: 'raiseBcryptCost',
            data: { cost: String(SUGGESTED_BCRYPT_COST) },
            fix: (fixer) => fixer.replaceText(literal, String(SUGGESTED_BCRYPT_COST)),
          },
        ]
      : [],
  });
  return reportNode;
}

/** Argon2 with visible memory and iterations below every OWASP row; library defaults meet them. */
function checkArgon2(
  context: Context,
  node: TSESTree.CallExpression,
  info: Argon2Api,
  passwords: PasswordContext,
): TSESTree.Node | null {
  const scope = scopeOf(passwords.globalScope, node);
  const input = getParameter(node, info.input, scope);
  if (input.state === 'present' && isNamedLikeNonPassword(input.node, scope)) return null;
  const read = (
    location: ParameterLocation,
    fallback: number | undefined,
  ): { value: number; node: TSESTree.Node | null } | null => {
    const parameter = getParameter(node, location, scope);
    if (parameter.state === 'unknown') return null;
    if (parameter.state === 'absent') return fallback === undefined ? null : { value: fallback, node: null };
    const value = getNumber(parameter.node, scope);
    return value === null ? null : { value, node: parameter.node };
  };
  const memory = read(info.memory, info.defaults.memory);
  const time = read(info.time, info.defaults.time);
  if (!memory || !time || !isWeakArgon2(memory.value, time.value)) return null;
  const reportNode = memory.node ?? time.node ?? node.callee;
  context.report({
    node: reportNode,
    messageId: 'weakArgonParameters',
    data: { memory: String(memory.value), time: String(time.value) },
  });
  return reportNode;
}

/** Whether a bcrypt/Argon2 input is named as something other than a password (`apiKey`, `token`, `otpCode`). */
function isNamedLikeNonPassword(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  const inner = skipExpressionWrappers(node);
  const name =
    inner.type === AST_NODE_TYPES.Identifier
      ? inner.name
      : inner.type === AST_NODE_TYPES.MemberExpression
        ? getMemberName(inner, scope)
        : null;
  const head = name === null ? undefined : splitWords(name).at(-1);
  return head !== undefined && NOT_PASSWORD_HEADS.has(head);
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/** Source text for a message, cut to one short line. */
function shorten(text: string): string {
  const line = text.replace(/\s+/gu, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
