import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { describeServingContext } from '../frameworks/index.js';
import { getServingIndex } from '../project-index/index.js';
import { isFunctionNode } from '../shared/ast/index.js';
import { findBlockingCalls, type BlockingCall, type BlockingCallSpecifier } from '../shared/blocking-calls.js';
import { createRule } from '../shared/create-rule.js';
import { fixToAsync, fixToAwaitedTwin, planPromiseTwin } from '../shared/fix/promise-twin.js';
import { getSettings, isInLayer } from '../shared/settings.js';

export type Options = [{ additionalBlockingCalls?: BlockingCallSpecifier[]; allow?: string[] }];
export type MessageIds = 'blockingCall' | 'makeAsyncAndAwait';

export default createRule<Options, MessageIds>({
  name: 'no-sync-in-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow blocking calls while a request is being served',
      recommended: true,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      blockingCall: '`{{ name }}` blocks the event loop while serving {{ where }}; use {{ alternative }} instead.',
      makeAsyncAndAwait: 'Make this function `async` and await `{{ twin }}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          additionalBlockingCalls: {
            type: 'array',
            description:
              'More exports that block, by module and dot-separated export path (`default` for the module itself).',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['module', 'path'],
              properties: {
                module: { type: 'string', description: 'Module name as imported, e.g. `xlsx`.' },
                path: { type: 'string', description: 'Export path, e.g. `readFile` or `utils.sheet_to_json`.' },
                alternative: { type: 'string', description: 'What to use instead, shown in the message.' },
              },
            },
          },
          allow: {
            type: 'array',
            description: 'Blocking APIs not to report, as `module` or `module.export` (e.g. `fs.existsSync`).',
            items: { type: 'string' },
          },
        },
      },
    ],
    defaultOptions: [{ additionalBlockingCalls: [], allow: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const settings = getSettings(context);
    // Tests, scripts and migrations never serve production traffic.
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    // A rule option, when given, replaces the shared setting.
    const additional = options.additionalBlockingCalls?.length
      ? options.additionalBlockingCalls
      : settings.blockingCalls;
    return {
      'Program:exit'() {
        // The calls first (import tracking, cheap): a file without one never asks the project index.
        const calls = findBlockingCalls(sourceCode.scopeManager!.globalScope!, { additional, allow: options.allow });
        if (calls.length === 0) return;
        const index = getServingIndex(context);
        if (index.functions.size === 0) return;
        for (const blocking of calls) {
          const serving = index.contextOf(blocking.node);
          if (serving) reportBlockingCall(context, blocking, describeServingContext(serving), serving.root);
        }
      },
    };
  },
});

/**
 * Reports one blocking call. Fixes it when the function around it is already `async` and a promise
 * twin exists; suggests making the handler or middleware itself `async` when it is not (that changes
 * what it returns, so it is never an automatic fix). Nested callbacks get neither: making a
 * `map` callback async would change the values it produces.
 */
function reportBlockingCall(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  blocking: BlockingCall,
  where: string,
  root: TSESTree.Node,
): void {
  const { sourceCode } = context;
  const call = blocking.node;
  const plan = call.type === 'CallExpression' ? planPromiseTwin(blocking, sourceCode) : null;
  const enclosing = getEnclosingFunction(call);
  const data = { name: blocking.info.name, where, alternative: blocking.info.alternative };
  if (plan && call.type === 'CallExpression' && enclosing?.async) {
    context.report({
      node: call,
      messageId: 'blockingCall',
      data,
      fix: (fixer) => fixToAwaitedTwin(fixer, call, plan, sourceCode),
    });
    return;
  }
  const canSuggest =
    plan &&
    call.type === 'CallExpression' &&
    enclosing === root &&
    enclosing &&
    !enclosing.async &&
    !enclosing.generator;
  context.report({
    node: call,
    messageId: 'blockingCall',
    data,
    suggest: canSuggest
      ? [
          {
            messageId: 'makeAsyncAndAwait',
            data: { twin: plan.callee },
            fix: (fixer) => {
              const makeAsync = fixToAsync(fixer, enclosing, sourceCode);
              return makeAsync ? [makeAsync, ...fixToAwaitedTwin(fixer, call, plan, sourceCode)] : null;
            },
          },
        ]
      : [],
  });
}

function getEnclosingFunction(node: TSESTree.Node): TSESTree.FunctionLike | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}
