import { basename } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { describeServingContext, type FunctionNode } from '../frameworks/index.js';
import { getServingIndex } from '../project-index/index.js';
import {
  findGlobalReferences,
  findVariable,
  getCalleeName,
  getMemberName,
  isFunctionNode,
  READ,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type TraceMap,
} from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { VALIDATION_METHODS } from '../shared/input-validation.js';
import { getSecretKindOfName } from '../shared/secret-names.js';
import { getSettings, isInLayer } from '../shared/settings.js';

export type Options = [{ allowVariables?: string[] }];
export type MessageIds = 'envReadPerRequest' | 'uncheckedSecret';

/** `process.env` as a global. */
const ENV_GLOBAL: TraceMap = { process: { env: { [READ]: true } } };
const PROCESS_MODULES: ReadonlySet<string> = new Set(['process', 'node:process']);

/**
 * Variables that say where and how the process runs rather than configure it: `NODE_ENV` (read for
 * development-only branches), and what the platform sets on every instance (Next.js `NEXT_RUNTIME`,
 * Vercel's `VERCEL_ENV`/`VERCEL_REGION`, Fly.io's `FLY_REGION`/`FLY_MACHINE_ID`/`FLY_ALLOC_ID`), which no
 * config schema guards.
 */
const MODE_VARIABLES: ReadonlySet<string> = new Set([
  'NODE_ENV',
  'NEXT_RUNTIME',
  'VERCEL_ENV',
  'VERCEL_REGION',
  'FLY_REGION',
  'FLY_MACHINE_ID',
  'FLY_ALLOC_ID',
]);

/**
 * Functions that validate the environment as a whole, besides schema methods ({@link VALIDATION_METHODS}):
 * envalid `cleanEnv`, t3-env `createEnv`, envsafe `envsafe`, env-schema `envSchema`, `@nestjs/config`'s
 * `validate` option runs through `ConfigModule.forRoot` (a `validationSchema`), znv `parseEnv`.
 */
const ENV_VALIDATORS: ReadonlySet<string> = new Set([
  'cleanEnv',
  'createEnv',
  'envsafe',
  'envSchema',
  'parseEnv',
  'forRoot',
  ...VALIDATION_METHODS,
]);

/** Files of build and development tools: `vite.config.mts`, `drizzle.config.ts`, `next.config.js`, `jest.config.cjs`. */
const TOOL_CONFIG = /\.config\.[cm]?[jt]s$/u;

/** Calls that stop start-up when a value is missing: `assert(x)`, `invariant(x, …)`, `ok(x)`. */
const ASSERTIONS: ReadonlySet<string> = new Set(['assert', 'invariant', 'ok', 'strictEqual', 'notStrictEqual']);

export default createRule<Options, MessageIds>({
  name: 'require-validated-config',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require configuration to be read once at start-up through a validated config module, not per request or unchecked',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    messages: {
      envReadPerRequest:
        '`{{ variable }}` is read from the environment while serving {{ where }}; read configuration once at start-up in a validated config module and import the value.',
      uncheckedSecret:
        '`{{ variable }}` ({{ kind }}) is {{ how }} but never checked, so a missing value reaches its first use instead of stopping start-up; validate the environment (zod, envalid, t3-env, a `@nestjs/config` schema) or throw when it is missing.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowVariables: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Environment variables that may be read anywhere (`NODE_ENV` always may), e.g. a per-request feature toggle the platform sets.',
          },
        },
      },
    ],
    defaultOptions: [{ allowVariables: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const settings = getSettings(context);
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    // Build and tool configuration (`vite.config.ts`, `drizzle.config.ts`) runs in development, not in the service.
    if (TOOL_CONFIG.test(basename(context.filename)) || !sourceCode.text.includes('env')) return {};
    const allowed = new Set([...MODE_VARIABLES, ...(options.allowVariables ?? [])]);
    return {
      'Program:exit'() {
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const reads = findEnvReads(globalScope).filter((read) => !allowed.has(read.variable));
        if (reads.length === 0) return;
        reportRequestPathReads(context, reads);
        reportUncheckedSecrets(context, reads, globalScope);
      },
    };
  },
});

/** One read of an environment variable: the node that reads it (`process.env.X`, the `X` of `const { X } = process.env`). */
interface EnvRead {
  node: TSESTree.Node;
  variable: string;
}

/**
 * Every read of a named environment variable in the file: `process.env.X`, `process.env['X']` and
 * `const { X } = process.env`, through the global `process` or an import of `process`/`node:process`
 * (`import { env } from 'node:process'`). A local binding named `process` is not the global. Reads of
 * the whole object (`{ ...process.env }`, `schema.parse(process.env)`) name no variable and are left out.
 */
function findEnvReads(globalScope: TSESLint.Scope.Scope): EnvRead[] {
  const envNodes = findEnvObjects(globalScope);
  const reads: EnvRead[] = [];
  for (const env of envNodes) {
    const parent = env.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === env) {
      const variable = getMemberName(parent);
      if (variable !== null) reads.push({ node: parent, variable });
    } else if (
      parent?.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === env &&
      parent.id.type === AST_NODE_TYPES.ObjectPattern
    ) {
      for (const property of parent.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const variable = getPropertyKeyName(property);
        if (variable !== null) reads.push({ node: property, variable });
      }
    }
  }
  return reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The nodes that read the environment object: `process.env` of the global `process`, of a default or
 * namespace import of `process`/`node:process` (`import process from 'node:process'`), and the uses of
 * a named import of it (`import { env } from 'node:process'`).
 */
function findEnvObjects(globalScope: TSESLint.Scope.Scope): TSESTree.Node[] {
  const nodes = findGlobalReferences<true>(globalScope, ENV_GLOBAL).map((reference) => reference.node);
  const program = globalScope.block as TSESTree.Program;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !PROCESS_MODULES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      const variable = findVariable(scopeOf(globalScope, specifier.local), specifier.local);
      for (const reference of variable?.references ?? []) {
        const identifier = reference.identifier as TSESTree.Identifier;
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          const imported = specifier.imported;
          const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
          if (name === 'env') nodes.push(identifier);
        } else if (
          identifier.parent.type === AST_NODE_TYPES.MemberExpression &&
          identifier.parent.object === identifier
        ) {
          if (getMemberName(identifier.parent) === 'env') nodes.push(identifier.parent);
        }
      }
    }
  }
  return nodes;
}

/** Reports reads made while a request is served, once per variable and serving function. */
function reportRequestPathReads(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, reads: EnvRead[]): void {
  if (!reads.some((read) => getEnclosingFunction(read.node) !== null)) return;
  const index = getServingIndex(context);
  if (index.functions.size === 0) return;
  const seen = new Map<FunctionNode, Set<string>>();
  for (const read of reads) {
    const serving = index.contextOf(read.node);
    if (!serving) continue;
    const variables = seen.get(serving.root) ?? new Set<string>();
    seen.set(serving.root, variables);
    if (variables.has(read.variable)) continue;
    variables.add(read.variable);
    context.report({
      node: read.node,
      messageId: 'envReadPerRequest',
      data: { variable: read.variable, where: describeServingContext(serving) },
    });
  }
}

/**
 * Reports secrets read at module scope (start-up) whose presence is asserted without a check:
 * `process.env.JWT_SECRET!`, `as string`, `String(…)` or a template of it alone. Silent in a file that validates the environment as a whole
 * (`Env.parse(process.env)`, `cleanEnv(process.env, …)`, `createEnv({ … })`) and for a variable the file
 * checks itself (`if (!process.env.X) throw …`, `assert(process.env.X)`, any test of it).
 */
function reportUncheckedSecrets(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  reads: EnvRead[],
  globalScope: TSESLint.Scope.Scope,
): void {
  const atStartUp = reads.filter((read) => getEnclosingFunction(read.node) === null);
  if (atStartUp.length === 0 || validatesWholeEnvironment(globalScope)) return;
  const checked = new Set(reads.filter((read) => isTested(read.node)).map((read) => read.variable));
  let testedMembers: Set<string> | null = null;
  for (const read of atStartUp) {
    if (checked.has(read.variable) || isInsideValidation(read.node)) continue;
    const kind = getSecretKindOfName(read.variable);
    if (kind === null) continue;
    const how = getUncheckedUse(read.node);
    if (how === null) continue;
    // Checked where it is stored: `const secret = process.env.X!; if (!secret) throw …`, or as the
    // property it becomes (`{ jwtSecret: process.env.JWT_SECRET! }` with `config.jwtSecret` tested).
    const holder = getHolder(read.node);
    if (holder?.type === 'binding' && isBindingTested(holder.node, globalScope)) continue;
    if (holder?.type === 'property') {
      testedMembers ??= findTestedMembers(context.sourceCode);
      if (testedMembers.has(holder.name)) continue;
    }
    context.report({ node: read.node, messageId: 'uncheckedSecret', data: { variable: read.variable, kind, how } });
  }
}

/** Where a read's value is stored: a `const`/`let` binding, or an object literal's property by name. */
function getHolder(
  read: TSESTree.Node,
): { type: 'binding'; node: TSESTree.Identifier } | { type: 'property'; name: string } | null {
  let current: TSESTree.Node = read;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      current.parent.type === AST_NODE_TYPES.CallExpression ||
      current.parent.type === AST_NODE_TYPES.TemplateLiteral)
  )
    current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
    return parent.id.type === AST_NODE_TYPES.Identifier ? { type: 'binding', node: parent.id } : null;
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current) {
    const name = getPropertyKeyName(parent);
    return name === null ? null : { type: 'property', name };
  }
  return null;
}

function getPropertyKeyName(property: TSESTree.Property): string | null {
  const key = property.key;
  if (key.type === AST_NODE_TYPES.Identifier && !property.computed) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
}

/** Whether some read of the binding declared by `id` is tested ({@link isTested}). */
function isBindingTested(id: TSESTree.Identifier, globalScope: TSESLint.Scope.Scope): boolean {
  const variable = findVariable(scopeOf(globalScope, id), id);
  return variable?.references.some((reference) => reference.isRead() && isTested(reference.identifier)) ?? false;
}

/** Names of properties the file tests somewhere (`if (!config.jwtSecret)`, `assert(env.apiKey)`). */
function findTestedMembers(sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const names = new Set<string>();
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || !isTested(node)) return;
    const name = getMemberName(node);
    if (name !== null) names.add(name);
  });
  return names;
}

/** How a read asserts its value is present without checking it, or `null` when it does not. */
function getUncheckedUse(read: TSESTree.Node): string | null {
  const parent = read.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.TSNonNullExpression) return 'asserted present with `!`';
  if (
    (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSTypeAssertion) &&
    parent.typeAnnotation.type === AST_NODE_TYPES.TSStringKeyword
  )
    return 'cast to `string`';
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === read &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'String'
  )
    return 'turned into a string with `String()` (`"undefined"` when missing)';
  if (
    parent.type === AST_NODE_TYPES.TemplateLiteral &&
    parent.expressions.length === 1 &&
    parent.quasis.every((quasi) => quasi.value.cooked === '')
  )
    return 'put into a template string (`"undefined"` when missing)';
  return null;
}

/** Whether a call in the file hands `process.env` itself to a validator (`Env.parse(process.env)`, `cleanEnv(process.env, …)`). */
function validatesWholeEnvironment(globalScope: TSESLint.Scope.Scope): boolean {
  return findEnvObjects(globalScope).some((env) => {
    for (let current: TSESTree.Node | undefined = env; current?.parent; current = current.parent) {
      const parent: TSESTree.Node = current.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.Expression))
        return isValidatorCall(parent);
      if (parent.type !== AST_NODE_TYPES.Property && parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
    }
    return false;
  });
}

/** Whether a read sits in what a validator call receives (`createEnv({ runtimeEnv: { X: process.env.X } })`). */
function isInsideValidation(read: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = read; current?.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (isFunctionNode(parent)) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== current && isValidatorCall(parent))
      return true;
  }
  return false;
}

function isValidatorCall(call: TSESTree.CallExpression): boolean {
  const name = getCalleeName(skipExpressionWrappers(call.callee));
  return name !== null && ENV_VALIDATORS.has(name);
}

/**
 * Whether a read is tested: the condition of an `if`, a ternary or a loop, an operand of `!`, `===`,
 * `!==`, `==`, `!=`, `&&` or `||`, `typeof`, or an argument of an assertion (`assert(process.env.X)`).
 * A file that tests a variable anywhere decides for itself what a missing value means.
 */
function isTested(read: TSESTree.Node): boolean {
  let current: TSESTree.Node = read;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  )
    current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
      return parent.test === current;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '!==', '==', '!='].includes(parent.operator);
    case AST_NODE_TYPES.LogicalExpression:
      return parent.operator === '&&' || (parent.operator === '||' && parent.right === current);
    case AST_NODE_TYPES.CallExpression: {
      const name = getCalleeName(skipExpressionWrappers(parent.callee));
      return name !== null && ASSERTIONS.has(name) && parent.arguments[0] === current;
    }
    default:
      return false;
  }
}

function getEnclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}
