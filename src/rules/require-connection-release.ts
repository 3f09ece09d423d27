import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { describeServingContext } from '../frameworks/index.js';
import { getProjectIndex, getRouteModel, getServingIndex } from '../project-index/index.js';
import {
  getBindingOrigin,
  getConstantInit,
  getMemberName,
  findVariable,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
  trackReferences,
  type VisitorKeys,
} from '../shared/ast/index.js';
import {
  CHECKOUT_METHODS,
  CLIENT_FACTORIES,
  CONNECTION_MODULES,
  TYPEORM_QUERY_RUNNER,
  type CheckoutMethod,
  type ClientFactoryInfo,
} from '../shared/connection-clients.js';
import { createRule } from '../shared/create-rule.js';
import type { SqlClientId } from '../shared/sql-clients.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import { createExportResolver, SqlClientResolver, type ResolveExport } from './no-sql-injection-utils/clients.js';
import {
  analyzeCheckout,
  getCheckout,
  getCheckoutTarget,
  type Checkout,
  type CheckoutProblem,
} from './require-connection-release-utils/checkout.js';
import { fixWrap, planWrap } from './require-connection-release-utils/fix.js';
import { isMadePerCall } from './require-connection-release-utils/per-request.js';

export type Options = [Record<string, never>];

export type MessageIds =
  | 'connectionNeverReleased'
  | 'connectionLeaksOnExit'
  | 'connectionLeaksOnError'
  | 'transactionNeverEnded'
  | 'transactionLeaksOnExit'
  | 'transactionLeaksOnError'
  | 'clientPerRequest'
  | 'wrapInTryFinally';

/** The client resolver and the export resolver it uses, made on the first checkout-like call of a file. */
interface ClientLookup {
  clients: SqlClientResolver;
  resolveExport: ResolveExport;
}

/** Source text naming a tracked package, or a checkout method whose client may come from another file. */
const MODULE_TEXT = new RegExp(
  `['"\`](?:${[...CONNECTION_MODULES].map((name) => name.replaceAll(/[.*+?^${}()|[\]\\/]/gu, '\\$&')).join('|')})['"\`]`,
  'u',
);
const CHECKOUT_TEXT = /\.(?:connect|getConnection|createQueryRunner|transaction)\s*\(/u;

/** Names a checkout call's method may have: a cheap filter before resolving the receiver. */
const CHECKOUT_NAMES: ReadonlySet<string> = new Set(
  Object.values(CHECKOUT_METHODS).flatMap((methods) => Object.keys(methods)),
);

const MAX_SHOWN = 40;

export default createRule<Options, MessageIds>({
  name: 'require-connection-release',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require connections checked out of a pool to be released on every path, and clients to be shared rather than made per request',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      connectionNeverReleased:
        'The connection `{{ name }}` from `{{ call }}` ({{ module }}) is never released; call `{{ remedy }}` in a `finally` block.',
      connectionLeaksOnExit:
        'The connection `{{ name }}` from `{{ call }}` ({{ module }}) is not released when the function leaves at line {{ line }}; call `{{ remedy }}` in a `finally` block.',
      connectionLeaksOnError:
        'The connection `{{ name }}` from `{{ call }}` ({{ module }}) is not released when `{{ thrower }}` throws; call `{{ remedy }}` in a `finally` block.',
      transactionNeverEnded:
        'The transaction `{{ name }}` from `{{ call }}` ({{ module }}) is never committed or rolled back; end it on every path, or pass `{{ method }}()` a callback so that {{ module }} does.',
      transactionLeaksOnExit:
        'The transaction `{{ name }}` from `{{ call }}` ({{ module }}) is neither committed nor rolled back when the function leaves at line {{ line }}; end it on every path, or pass `{{ method }}()` a callback so that {{ module }} does.',
      transactionLeaksOnError:
        'The transaction `{{ name }}` from `{{ call }}` ({{ module }}) is not rolled back when `{{ thrower }}` throws; call `{{ remedy }}` in a `catch` block, or pass `{{ method }}()` a callback so that {{ module }} does.',
      clientPerRequest:
        '`{{ call }}` ({{ module }}) opens {{ opens }} each time it serves {{ where }}; create it once at module level and share it.',
      wrapInTryFinally: 'Wrap the statements after the checkout in `try { … } finally { {{ release }} }`.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    defaultOptions: [{}],
  },
  create(context) {
    const { sourceCode } = context;
    const settings = getSettings(context);
    // Tests, scripts, seeds and migrations never serve requests; a one-off connection there is fine.
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const { text } = sourceCode;
    const importsModule = MODULE_TEXT.test(text);
    if (!importsModule && !CHECKOUT_TEXT.test(text)) return {};

    const globalScope = sourceCode.scopeManager!.globalScope!;
    const keys = sourceCode.visitorKeys as VisitorKeys;
    let resolver: ClientLookup | null = null;
    const getResolver = (): ClientLookup => {
      if (resolver) return resolver;
      const index = getProjectIndex(context);
      const resolveExport = createExportResolver(
        (specifier) => index?.resolve(context.filename, specifier) ?? null,
        (from, specifier) => index?.resolve(from, specifier) ?? null,
      );
      resolver = {
        clients: new SqlClientResolver(
          globalScope,
          () => false,
          () => getRouteModel(context),
          resolveExport,
        ),
        resolveExport,
      };
      return resolver;
    };

    return {
      CallExpression(node) {
        const callee = skipExpressionWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = getMemberName(callee);
        if (name === null || !CHECKOUT_NAMES.has(name)) return;
        // Only a result kept in a binding is followed: check that before resolving the receiver.
        if (!getCheckoutTarget(node)) return;
        const method = getCheckoutMethod(getResolver(), globalScope, callee, name, node);
        if (!method) return;
        const checkout = getCheckout(node, method, globalScope);
        if (!checkout) return;
        const problem = analyzeCheckout(checkout, keys);
        if (problem) reportCheckout(context, checkout, problem, name);
      },
      'Program:exit'() {
        if (!importsModule) return;
        const created = trackReferences<ClientFactoryInfo>(globalScope, CLIENT_FACTORIES).filter(
          (reference) => reference.type !== 'read',
        );
        if (created.length === 0) return;
        const index = getServingIndex(context);
        if (index.functions.size === 0) return;
        for (const { node, info } of created) {
          const serving = index.contextOf(node);
          if (!serving || !isMadePerCall(node, info, globalScope, keys)) continue;
          context.report({
            node,
            messageId: 'clientPerRequest',
            data: {
              call: info.call,
              module: info.module,
              opens: info.opens,
              where: describeServingContext(serving),
            },
          });
        }
      },
    };
  },
});

/**
 * The checkout a call is: a tracked client's checkout method (`pool.connect()` on a node-postgres pool,
 * `getConnection()` on a mysql pool, `transaction()` without a callback on Knex or Sequelize), or
 * TypeORM's `createQueryRunner()` on any receiver; `null` otherwise.
 */
function getCheckoutMethod(
  lookup: ClientLookup,
  globalScope: TSESLint.Scope.Scope,
  callee: TSESTree.MemberExpression,
  name: string,
  call: TSESTree.CallExpression,
): CheckoutMethod | null {
  const resolver = lookup.clients;
  const kind = resolver.getClient(callee.object) ?? getModuleMemberClient(lookup, globalScope, callee.object);
  const methods = kind === null ? undefined : CHECKOUT_METHODS[kind];
  let method = methods && Object.hasOwn(methods, name) ? methods[name]! : null;
  if (!method && name === 'createQueryRunner') method = TYPEORM_QUERY_RUNNER;
  if (!method) return null;
  if (method.callbackForm && call.arguments.some((argument) => isFunctionLike(argument))) return null;
  // `new Client().connect()` connects a client of its own; only a pool's `connect()` checks one out.
  if (kind === 'pg' && isPgClient(resolver, globalScope, callee.object)) return null;
  return method;
}

/**
 * A client read as a property of another module of the service, which the resolver reads as the whole
 * export: `db.pool` with `const db = require('./db')` (also through `const pool = db.pool`).
 */
function getModuleMemberClient(
  lookup: ClientLookup,
  globalScope: TSESLint.Scope.Scope,
  receiver: TSESTree.Node,
): SqlClientId | null {
  let node = skipExpressionWrappers(receiver);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = getConstantInit(findVariable(scopeOf(globalScope, node), node));
    if (!init) return null;
    node = skipExpressionWrappers(init);
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.Identifier) return null;
  const name = getMemberName(node);
  const origin = getBindingOrigin(node.object, scopeOf(globalScope, node.object));
  if (name === null || !origin || (origin.imported !== '*' && origin.imported !== 'default')) return null;
  return lookup.resolveExport(origin.module, name);
}

function isFunctionLike(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return isFunctionNode(inner) || inner.type === AST_NODE_TYPES.Identifier;
}

/** Whether a node-postgres receiver is a `Client` made with `new Client()` (not a `Pool`). */
function isPgClient(resolver: SqlClientResolver, globalScope: TSESLint.Scope.Scope, receiver: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(receiver);
  let made: TSESTree.Node | null = inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(globalScope, inner), inner);
    made = getConstantInit(variable);
  }
  if (made?.type !== AST_NODE_TYPES.NewExpression) return false;
  return resolver.getExportPath(made.callee)?.path.at(-1) === 'Client';
}

function reportCheckout(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  checkout: Checkout,
  problem: CheckoutProblem,
  methodName: string,
): void {
  const { sourceCode } = context;
  const { method, call } = checkout;
  const name = checkout.target.name;
  const data = {
    name,
    call: `${shorten(sourceCode.getText(call.callee))}()`,
    module: method.module,
    remedy: method.remedy.replace('{{ name }}', name),
    method: methodName,
    line: problem.kind === 'exit' ? String(problem.exit.loc.start.line) : '',
    thrower: problem.kind === 'error' ? describeThrower(problem.thrower, sourceCode) : '',
  };
  const connection = method.kind === 'connection';
  const messageId: MessageIds =
    problem.kind === 'never'
      ? connection
        ? 'connectionNeverReleased'
        : 'transactionNeverEnded'
      : problem.kind === 'exit'
        ? connection
          ? 'connectionLeaksOnExit'
          : 'transactionLeaksOnExit'
        : connection
          ? 'connectionLeaksOnError'
          : 'transactionLeaksOnError';
  const plan = connection && problem.kind === 'error' ? planWrap(checkout, problem.ends, sourceCode) : null;
  context.report({
    node: call,
    messageId,
    data,
    suggest: plan
      ? [
          {
            messageId: 'wrapInTryFinally',
            data: { release: sourceCode.getText(plan.release) },
            fix: (fixer) => fixWrap(fixer, plan, sourceCode),
          },
        ]
      : [],
  });
}

/** How the call that may throw reads in a message: `client.query()`, `new Error()`, `throw`. */
function describeThrower(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  let inner = node;
  if (inner.type === AST_NODE_TYPES.ThrowStatement) inner = skipExpressionWrappers(inner.argument);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
  if (inner.type === AST_NODE_TYPES.CallExpression) return `${shorten(sourceCode.getText(inner.callee))}()`;
  if (inner.type === AST_NODE_TYPES.NewExpression) return `new ${shorten(sourceCode.getText(inner.callee))}()`;
  return shorten(sourceCode.getText(inner));
}

function shorten(text: string): string {
  const line = text.replaceAll(/\s+/gu, ' ');
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN - 1)}…` : line;
}
