import { STATUS_CODES } from 'node:http';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getImportResolution, getRouteModel, readServiceModule } from '../project-index/index.js';
import { findObjectProperty, getMemberName, skipTypeWrappers } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { getErrorExports } from '../shared/expected-errors.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import { isInputCheckTry, isLeakAllowed } from './no-error-details-in-response-utils/conditions.js';
import { findHelperLeaks, type HelperLeak, type ModuleReader } from './no-error-details-in-response-utils/helpers.js';
import { findLeaks, type Leak } from './no-error-details-in-response-utils/leaks.js';
import {
  findHttpErrorSinks,
  findRootSinks,
  findServingRoots,
  type Sink,
} from './no-error-details-in-response-utils/sites.js';
import { skipValueWrappers, type Analysis, type ErrorSource } from './no-error-details-in-response-utils/sources.js';

export type Options = [{ developmentFlags?: string[] }];
export type MessageIds =
  'messageSent' | 'stackSent' | 'errorObjectSent' | 'messageInHttpError' | 'useGenericMessage' | 'omitStack';

/**
 * Files that may hold a caught error: a `catch` clause, `.catch()` or `@Catch()`, a `.then(ok, fail)`,
 * an error handler (`onError`, `setErrorHandler`, a typed `FastifyError`/`ErrorHandler`, a function
 * whose first parameter is named like an error (`(err, c)` registered in another file), or a function
 * of four parameters: Express's error middleware). Anything else is skipped before the route model is
 * asked, so the rule costs next to nothing on files without one.
 */
const MAY_CATCH =
  /\bcatch\b|\.then\s*\(|onError|setErrorHandler|FastifyError|ErrorHandler|\(\s*(?:err|error|e|ex|exception)\s*[:,)]|\(\s*[\w$]+\s*(?::[^,()]*)?(?:,\s*[\w$]+\s*(?::[^,()]*)?){3}\)\s*(?:=>|\{|:)/u;

export default createRule<Options, MessageIds>({
  name: 'no-error-details-in-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending the message, stack or object of an unexpected error to the client',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      messageSent:
        "`{{ detail }}` sends a caught error's message to the client ({{ where }}); unexpected errors' messages reveal queries, paths and internals, so log the error and send a generic message, or narrow it to an expected error first.",
      stackSent:
        '`{{ detail }}` sends a stack trace to the client ({{ where }}); log it on the server and send a generic message, or send it only behind a development-only check.',
      errorObjectSent:
        '`{{ detail }}` sends the caught error object to the client ({{ where }}); its fields (SQL, driver codes, request settings) go out as JSON, so log it and send a generic message instead.',
      messageInHttpError:
        "`{{ detail }}` becomes the client-visible message of `{{ error }}`; unexpected errors' messages reveal queries, paths and internals, so log the error and pass a message of your own, or narrow it to an expected error first.",
      useGenericMessage: "Send '{{ text }}' instead.",
      omitStack: 'Leave the stack trace out (`undefined` is not serialized).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          developmentFlags: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Names (`verboseErrors`) or dotted paths (`config.verboseErrors`) of flags that are true only in development, beyond the built-in `NODE_ENV` checks and `isDev`/`debug`-like names.',
          },
        },
      },
    ],
    defaultOptions: [{ developmentFlags: [] }],
  },
  create(context, [options]) {
    const settings = getSettings(context);
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const { sourceCode } = context;
    if (!MAY_CATCH.test(sourceCode.text)) return {};
    return {
      'Program:exit'() {
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const exports = getErrorExports(globalScope);
        const model = getRouteModel(context);
        const expectedTries = new Map<TSESTree.TryStatement, boolean>();
        const analysis: Analysis = {
          globalScope,
          keys: sourceCode.visitorKeys,
          exports,
          errorParameters: new Map(),
          servingFunctions: new Set(),
          developmentFlags: options.developmentFlags ?? [],
          expectedTry: (statement) => {
            let expected = expectedTries.get(statement);
            if (expected === undefined) {
              expected = isInputCheckTry(analysis, statement);
              expectedTries.set(statement, expected);
            }
            return expected;
          },
          sources: new Map(),
        };
        const roots = findServingRoots(analysis, model);
        const sinks: Sink[] = [];
        const senders: { root: (typeof roots)[number]; isSender: (node: TSESTree.Node) => boolean }[] = [];
        for (const root of roots) {
          const found = findRootSinks(analysis, root);
          sinks.push(...found.sinks);
          senders.push({ root, isSender: found.isSender });
        }
        sinks.push(...findHttpErrorSinks(analysis));
        // Response helpers (`sendError(res, err.message)`, `return serverError(err)`), same-file or imported.
        const sinkNodes = new Set(sinks.map((sink) => sink.node));
        const reader: ModuleReader = { resolve: getImportResolution(context), read: readServiceModule };
        const helperLeaks = senders.flatMap(({ root, isSender }) =>
          findHelperLeaks(
            analysis,
            root.fn,
            isSender,
            { where: root.where, framework: root.framework },
            reader,
            (node) => sinkNodes.has(node),
          ),
        );
        const reported = new Set<TSESTree.Node>();
        const found = [
          ...sinks.map((sink) => ({ sink, leaks: findLeaks(analysis, sink.value) })),
          ...groupBySink(helperLeaks),
        ];
        for (const { sink, leaks } of found) {
          // One report per error in a sent value for its text (`err instanceof Error ? err.message :
          // String(err)`, `(err && err.message) || err`: one message sent), and one for its stack.
          const kinds = new Map<ErrorSource, Set<string>>();
          for (const leak of leaks) {
            if (reported.has(leak.node) || isLeakAllowed(analysis, leak, sink)) continue;
            reported.add(leak.node);
            const seen = kinds.get(leak.source) ?? new Set<string>();
            kinds.set(leak.source, seen);
            const kind = leak.kind === 'stack' ? 'stack' : 'text';
            if (seen.has(kind)) continue;
            seen.add(kind);
            report(context, leak, sink);
          }
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** Helper leaks gathered by the call that passes them. */
function groupBySink(helperLeaks: readonly HelperLeak[]): { sink: Sink; leaks: Leak[] }[] {
  const groups = new Map<Sink, Leak[]>();
  for (const { leak, sink } of helperLeaks) groups.set(sink, [...(groups.get(sink) ?? []), leak]);
  return [...groups].map(([sink, leaks]) => ({ sink, leaks }));
}

function report(context: Context, leak: Leak, sink: Sink): void {
  const { sourceCode } = context;
  const detail = describeDetail(sourceCode, leak.node);
  if (sink.kind === 'http-error') {
    context.report({ node: leak.node, messageId: 'messageInHttpError', data: { detail, error: sink.error ?? '' } });
    return;
  }
  const messageId = leak.kind === 'stack' ? 'stackSent' : leak.kind === 'object' ? 'errorObjectSent' : 'messageSent';
  context.report({
    node: leak.node,
    messageId,
    data: { detail, where: sink.where ?? 'a request' },
    suggest: getSuggestions(sourceCode, leak, sink),
  });
}

/**
 * The detail as it reads in the source, for a message: the error in a template as `${err}`, whitespace
 * collapsed, long expressions cut to 60 characters.
 */
function describeDetail(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  let text = sourceCode.getText(node);
  if (node.parent?.type === AST_NODE_TYPES.TemplateLiteral) text = `\${${text}}`;
  const flat = text.replaceAll(/\s+/gu, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/**
 * A generic replacement where the shape is simple: the detail is the whole body or a property value
 * of object literals that are (`{ message: err.message }`, `{ error: { detail: err } }`). A message or
 * the error object becomes the status's reason phrase (`'Internal Server Error'`, or `'Bad Request'`
 * after `res.status(400)`); a stack trace property becomes `undefined`, which JSON leaves out.
 * Behaviour changes (the client sees less), so these are suggestions, never fixes.
 */
function getSuggestions(
  sourceCode: Readonly<TSESLint.SourceCode>,
  leak: Leak,
  sink: Sink,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const node = leak.node;
  if (sink.helper || sourceCode.getCommentsInside(node).length > 0) return [];
  const body = skipValueWrappers(sink.value);
  const text = getReasonPhrase(sink);
  const quoted = `'${text}'`;
  if (node === body) {
    // The error object itself becomes an object; anything else sent was text.
    const replacement =
      node.type === AST_NODE_TYPES.Identifier && leak.kind === 'object' ? `{ message: ${quoted} }` : quoted;
    return [{ messageId: 'useGenericMessage', data: { text }, fix: (fixer) => fixer.replaceText(node, replacement) }];
  }
  const property = node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || !isInsideObjects(property, body))
    return [];
  if (leak.kind === 'stack') {
    return [
      {
        messageId: 'omitStack',
        fix: (fixer) =>
          property.shorthand
            ? fixer.replaceText(property, `${sourceCode.getText(property.key)}: undefined`)
            : fixer.replaceText(node, 'undefined'),
      },
    ];
  }
  return [
    {
      messageId: 'useGenericMessage',
      data: { text },
      fix: (fixer) =>
        property.shorthand
          ? fixer.replaceText(property, `${sourceCode.getText(property.key)}: ${quoted}`)
          : fixer.replaceText(node, quoted),
    },
  ];
}

/** Whether `property` sits in object literals nested directly in `body` (`{ error: { message: … } }`). */
function isInsideObjects(property: TSESTree.Property, body: TSESTree.Node): boolean {
  let current: TSESTree.Node = property.parent;
  for (;;) {
    if (current.type !== AST_NODE_TYPES.ObjectExpression) return false;
    if (current === body) return true;
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== current) return false;
    current = parent.parent;
  }
}

/**
 * The reason phrase of the status a send sets, when it is a 4xx literal (`res.status(404).json(…)`,
 * `reply.code(400).send(…)`, `c.json(…, 400)`, `NextResponse.json(…, { status: 400 })`); otherwise
 * `Internal Server Error`. Phrases from Node.js `http.STATUS_CODES`.
 */
function getReasonPhrase(sink: Sink): string {
  const status = getSendStatus(sink.node);
  return status !== null && status >= 400 && status < 500
    ? (STATUS_CODES[status] ?? 'Bad Request')
    : 'Internal Server Error';
}

function getSendStatus(node: TSESTree.Node): number | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const second = node.arguments[1] ? skipTypeWrappers(node.arguments[1]) : null;
  if (second?.type === AST_NODE_TYPES.Literal && typeof second.value === 'number') return second.value;
  if (second?.type === AST_NODE_TYPES.ObjectExpression) {
    const status = findObjectProperty(second, 'status')?.value;
    if (status?.type === AST_NODE_TYPES.Literal && typeof status.value === 'number') return status.value;
  }
  let current: TSESTree.Node = node.callee;
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee: TSESTree.Expression = current.callee;
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee) : null;
      const argument = current.arguments[0] ? skipTypeWrappers(current.arguments[0]) : null;
      if (
        (method === 'status' || method === 'code') &&
        argument?.type === AST_NODE_TYPES.Literal &&
        typeof argument.value === 'number'
      )
        return argument.value;
      current = callee;
    } else {
      current = current.object;
    }
  }
  return null;
}
