import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../frameworks/index.js';
import type { BlockingCall } from '../../shared/blocking-calls.js';
import { APPLICATION_HOOKS, type AppGraph, type ProjectMiddleware } from '../app-graph.js';
import { getCallLabel, type CallGraph } from '../call-graph.js';
import type { FileAnalysis } from '../file-analysis.js';
import { findingAt, formatList, type DraftFinding } from '../findings.js';
import { positionOf, type ParsedFile } from '../parse.js';
import type { FunctionRef } from '../resolve.js';
import type { RouteEntry } from '../route-entries.js';
import type { ChainStep } from '../types.js';

/** Where requests enter the service's code: a route's handler or middleware, or app-level middleware. */
export interface ServingRoot {
  /** `GET /v1/users`, or `requests through the middleware \`auditLog\``. */
  label: string;
  /** Where the route or middleware is registered. */
  file: ParsedFile;
  node: TSESTree.Node;
  fn: FunctionRef;
  /** Shown as the chain's second step: the function itself when it is not the route's handler in the same file. */
  showFunction: boolean;
  /** The function's name as registered (`renderReceipt`, `auditLog`). */
  name: string;
}

interface Reach {
  root: ServingRoot;
  steps: { label: string; target: FunctionRef }[];
  order: number;
}

/**
 * Every route handler and every middleware function of the project, as entry points for
 * {@link findReachableBlockingCalls}: route-level functions labelled with the route, app-level middleware,
 * hooks and error handlers labelled as `describeServingContext` words them. Plugin functions (run once at
 * registration) and Fastify application hooks are not entry points; functions that cannot be resolved
 * are skipped.
 */
export function collectServingRoots(entries: readonly RouteEntry[], graph: AppGraph): ServingRoot[] {
  const roots: ServingRoot[] = [];
  const seen = new Set<string>();
  const add = (root: ServingRoot): void => {
    const key = `${root.label}\u0000${root.fn.file.path}:${root.fn.fn.range[0]}`;
    if (seen.has(key)) return;
    seen.add(key);
    roots.push(root);
  };
  for (const entry of entries) {
    const file = entry.app.file;
    if (entry.handler) {
      const name = entry.route.handlerNode ? getNodeText(file, entry.route.handlerNode) : 'handler';
      add({
        label: entry.label,
        file,
        node: entry.route.node,
        fn: entry.handler,
        showFunction: entry.handler.file !== file,
        name,
      });
    }
    for (const item of entry.app.routeMiddleware.get(entry.route) ?? []) {
      if (item.fn)
        add({
          label: entry.label,
          file,
          node: entry.route.node,
          fn: item.fn,
          showFunction: true,
          name: item.name ?? 'middleware',
        });
    }
  }
  for (const app of graph.apps) {
    for (const item of app.middleware) {
      // A plugin function runs once, when it is registered; application hooks run at start-up or shutdown.
      if (item.kind === 'plugin' || (item.hook !== undefined && APPLICATION_HOOKS.has(item.hook))) continue;
      if (item.fn)
        add({
          label: describeMiddleware(item),
          file: item.file,
          node: item.node,
          fn: item.fn,
          showFunction: true,
          name: item.name ?? item.kind,
        });
    }
  }
  return roots;
}

/**
 * Blocking calls reachable from a serving root through calls into other functions, up to `maxDepth`
 * calls deep, each reported once: at the blocking call, with the shortest chain from the first root that
 * reaches it and the number of other roots. A call the file's own serving index already reaches
 * (a handler or middleware of the same file, or a same-file function they call) is the ESLint rule
 * `no-sync-in-handler`'s and is not reported again. When the service has no other blocking call, no
 * call is resolved at all.
 */
export function findReachableBlockingCalls(
  roots: readonly ServingRoot[],
  callGraph: CallGraph,
  analyses: ReadonlyMap<ParsedFile, FileAnalysis>,
  maxDepth: number,
): DraftFinding[] {
  // The blocking calls this check may report: those outside the rule's reach, and those the rule knows
  // only by a function's request types (`(req: Request, res: Response)`), for which this check can name
  // the route (the command then keeps this finding instead of the rule's). Without any there is nothing
  // to find and no call to resolve: on a clean service this skips the whole call graph (1.8 s of 2,000
  // files' audit, mostly type queries).
  const candidates = new Set<BlockingCall>();
  for (const analysis of analyses.values()) {
    for (const call of analysis.blocking) {
      const context = analysis.serving.contextOf(call.node);
      if (!context || context.kind === 'request') candidates.add(call);
    }
  }
  if (candidates.size === 0) return [];
  const reached = new Map<BlockingCall, { file: ParsedFile; reaches: Reach[] }>();
  roots.forEach((root, order) => {
    const visited = new Set<FunctionNode>([root.fn.fn]);
    let frontier: { ref: FunctionRef; steps: Reach['steps'] }[] = [{ ref: root.fn, steps: [] }];
    for (let depth = 0; frontier.length > 0; depth += 1) {
      const next: typeof frontier = [];
      for (const { ref, steps } of frontier) {
        for (const blocking of callGraph.blockingIn(ref)) {
          if (!candidates.has(blocking)) continue;
          const record = reached.get(blocking) ?? { file: ref.file, reaches: [] };
          if (!record.reaches.some((reach) => reach.root.label === root.label))
            record.reaches.push({ root, steps, order });
          reached.set(blocking, record);
        }
        if (depth >= maxDepth) continue;
        for (const site of callGraph.callsFrom(ref)) {
          if (visited.has(site.target.fn)) continue;
          visited.add(site.target.fn);
          next.push({ ref: site.target, steps: [...steps, { label: site.label, target: site.target }] });
        }
      }
      frontier = next;
    }
  });

  const findings: DraftFinding[] = [];
  for (const [blocking, { file, reaches }] of reached) {
    const best = [...reaches].sort((a, b) => chainLength(a) - chainLength(b) || a.order - b.order)[0]!;
    const chain = buildChain(best, file, blocking);
    const others = [...new Set(reaches.filter((reach) => reach !== best).map((reach) => reach.root.label))];
    const also = others.length > 0 ? ` (also reached from ${formatList(others, 3)})` : '';
    const text = chain
      .map((step, index) =>
        index === 0 || index === chain.length - 1
          ? step.label
          : `${step.label} (${step.file.projectPath}:${step.line})`,
      )
      .join(' → ');
    const message = `\`${blocking.info.name}\` blocks the event loop in a request path: ${text}${also}; use ${blocking.info.alternative} instead.`;
    findings.push({
      ...findingAt('blocking-call-reachable', file, blocking.node, message),
      chain: chain.map((step): ChainStep => ({
        label: step.label,
        file: step.file.path,
        line: step.line,
        column: step.column,
      })),
    });
  }
  return findings;
}

function chainLength(reach: Reach): number {
  return reach.steps.length + (reach.root.showFunction ? 1 : 0);
}

interface Step {
  label: string;
  file: ParsedFile;
  line: number;
  column: number;
}

/** The route or middleware, the function when shown, each call followed, and the blocking call. */
function buildChain(reach: Reach, file: ParsedFile, blocking: BlockingCall): Step[] {
  const { root } = reach;
  const steps: Step[] = [{ label: root.label, file: root.file, ...positionOf(root.file, root.node) }];
  if (root.showFunction) steps.push({ label: root.name, ...functionLocation(root.fn) });
  for (const step of reach.steps) steps.push({ label: step.label, ...functionLocation(step.target) });
  const label = getCallLabel(file, blocking.node);
  steps.push({
    label: label.length > 40 ? blocking.info.name : label,
    file,
    ...positionOf(file, blocking.node),
  });
  return steps;
}

/** Where a function is declared: its name (`function f`, `f() {}` in a class or object, `const f =`), else its start. */
function functionLocation({ file, fn }: FunctionRef): Omit<Step, 'label'> {
  let node: TSESTree.Node = fn;
  const parent = fn.parent;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) node = fn.id;
  else if (
    parent?.type === AST_NODE_TYPES.MethodDefinition ||
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition
  )
    node = parent.key;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator) node = parent.id;
  return { file, ...positionOf(file, node) };
}

function describeMiddleware(item: ProjectMiddleware): string {
  if (item.kind === 'error-handler') return 'requests through the error handler';
  if (item.kind === 'hook') return item.hook ? `requests through the \`${item.hook}\` hook` : 'requests through a hook';
  const kind = item.kind === 'middleware' || item.kind === 'plugin' ? 'middleware' : item.kind;
  return item.name ? `requests through the ${kind} \`${item.name}\`` : `requests through a ${kind}`;
}

function getNodeText(file: ParsedFile, node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.MethodDefinition)
    return file.sourceFile.text.slice(node.key.range[0], node.key.range[1]);
  const text = file.sourceFile.text.slice(node.range[0], node.range[1]).replace(/\s+/gu, ' ');
  return text.length > 40 ? 'handler' : text;
}
