import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { describeServingContext } from '../frameworks/index.js';
import { getImportResolution, getServingIndex } from '../project-index/index.js';
import { getMemberName, skipExpressionWrappers, type VisitorKeys } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { getDataLayerIndex, type DataAccess } from '../shared/data-layer.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import {
  getEnclosingLoops,
  getLoopCollection,
  readsCurrentItem,
  type PerItemLoop,
} from './no-n-plus-one-utils/loops.js';
import { ADVICE, getAccessKind, getDataLibrary } from './no-n-plus-one-utils/queries.js';
import { getLayerFunctionName } from './no-n-plus-one-utils/request-path.js';
import { getRowsOrigin, mayHoldQueriedRows, type RowsOrigin } from './no-n-plus-one-utils/rows.js';

export type Options = [Record<string, never>];
export type MessageIds = 'queryPerRow';

/**
 * Source text a file needs before anything is analysed: a loop (`for (`, `for await (`, `.forEach(`,
 * `Promise.all(`/`Promise.allSettled(` around a `map`). Files without one cannot hold a query per row.
 */
const LOOP_TEXT = /\bfor\s*(?:await\s*)?\(|\.forEach\s*\(|\bPromise\.all(?:Settled)?\s*\(/u;

/** Methods that handle a query's promise rather than query (`pool.execute(…).then(…)`). */
const PROMISE_HANDLERS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Longest text of a collection shown in a message. */
const MAX_SHOWN = 40;

export default createRule<Options, MessageIds>({
  name: 'no-n-plus-one',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a data-layer query per row of an earlier query while serving a request (N+1 queries)',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    messages: {
      queryPerRow:
        '`{{ call }}()` runs once per row of `{{ rows }}` (loaded by `{{ source }}()`) while serving {{ where }}: N+1 queries; {{ advice }}.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    defaultOptions: [{}],
  },
  create(context) {
    const settings = getSettings(context);
    // Tests, scripts, seeders and migrations never serve a request.
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const { sourceCode } = context;
    if (!LOOP_TEXT.test(sourceCode.text)) return {};
    const globalScope = sourceCode.scopeManager!.globalScope!;
    const keys = sourceCode.visitorKeys as VisitorKeys;
    // Set once a loop walks a collection that may hold rows of a query (an awaited value, followed
    // back through bindings): files whose loops walk parameters, request input or literals stop here.
    let hasCandidate = false;
    const onLoop = (node: TSESTree.Node): void => {
      if (hasCandidate) return;
      const collection = getLoopCollection(node, globalScope, keys);
      if (collection && mayHoldQueriedRows(collection, globalScope)) hasCandidate = true;
    };
    return {
      ForOfStatement: onLoop,
      ForStatement: onLoop,
      CallExpression: onLoop,
      'Program:exit'() {
        if (!hasCandidate) return;
        const index = getDataLayerIndex(context, settings, getImportResolution(context));
        if (index.accesses.length < 2) return;
        const layer = isInLayer(settings, 'services', context.filename, context.cwd)
          ? 'service-layer'
          : isInLayer(settings, 'data', context.filename, context.cwd)
            ? 'data-layer'
            : null;
        for (const access of index.accesses) {
          const loops = getEnclosingLoops(access.node, sourceCode.scopeManager!);
          if (loops.length === 0) continue;
          const perRow = findPerRowLoop(access, loops, index, sourceCode.scopeManager!, keys);
          if (!perRow || perRow.origin.bounded || getAccessKind(access) !== 'read') continue;
          const where = describeWhere(context, access.node, layer);
          if (where === null) continue;
          context.report({
            node: getQueryCall(access.node),
            messageId: 'queryPerRow',
            data: {
              call: getLabel(access, sourceCode),
              rows: shorten(sourceCode.getText(perRow.loop.iterated)),
              source: getLabel(perRow.origin.access, sourceCode),
              where,
              advice: ADVICE[getDataLibrary(access)],
            },
          });
        }
      },
    };
  },
});

/**
 * The innermost loop around `access` that walks rows of an earlier data-layer call and whose current row
 * the access reads, with where the rows came from; `null` when none does.
 */
function findPerRowLoop(
  access: DataAccess,
  loops: readonly PerItemLoop[],
  index: ReturnType<typeof getDataLayerIndex>,
  scopeManager: TSESLint.Scope.ScopeManager,
  keys: VisitorKeys,
): { loop: PerItemLoop; origin: RowsOrigin } | null {
  for (const loop of loops) {
    if (!readsCurrentItem(access.node, loop, scopeManager, keys)) continue;
    const origin = getRowsOrigin(loop.iterated, index, scopeManager.globalScope!);
    // The rows are loaded before the loop, not by the access itself (`for (const x of await find(x))`).
    if (origin && origin.access !== access) return { loop, origin };
  }
  return null;
}

/**
 * Where `node` serves requests, as the message says it: the route or middleware the serving index finds
 * (a handler, middleware, a callback in one, a same-file function they call, a handler registered in
 * another file), or, in a service-layer or data-layer module, the named function it is in; `null` for
 * code known to run off the request path.
 */
function describeWhere(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  node: TSESTree.Node,
  layer: 'service-layer' | 'data-layer' | null,
): string | null {
  const serving = getServingIndex(context).contextOf(node);
  if (serving) return describeServingContext(serving);
  if (layer === null) return null;
  const name = getLayerFunctionName(node);
  return name === null ? null : `requests through \`${name}\` (a ${layer} module)`;
}

/**
 * How a data access reads in a message: the index's label (`prisma.user.findUnique`, `db(…).where(…).first`),
 * or, when its chain starts from a call the label elides (`….findOneBy`), the callee as written.
 */
function getLabel(access: DataAccess, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const node = getQueryCall(access.node);
  const label = access.label.replace(/(?:\(…\)\.(?:then|catch|finally))+$/u, '');
  if (!label.startsWith('…')) return label;
  return shorten(sourceCode.getText(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.tag));
}

/** The query of a chain that ends in promise handlers: `pool.execute(…)` of `pool.execute(…).then(…)`. */
function getQueryCall(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
): TSESTree.CallExpression | TSESTree.TaggedTemplateExpression {
  let current = node;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !PROMISE_HANDLERS.has(getMemberName(callee) ?? '')) break;
    const inner = skipExpressionWrappers(callee.object);
    if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.TaggedTemplateExpression) break;
    current = inner;
  }
  return current;
}

function shorten(text: string): string {
  const line = text.replaceAll(/\s+/gu, ' ');
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN - 1)}…` : line;
}
