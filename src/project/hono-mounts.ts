import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import type { AppFacts } from '../frameworks/index.js';
import { getMethodCall, getStaticString, scopeOf } from '../shared/ast/index.js';
import type { FileAnalysis } from './file-analysis.js';

/** A Hono `app.route(path, sub)` whose `sub` is not an app of the same file. */
export interface HonoRouteMount {
  parent: AppFacts;
  path: string | null;
  /** The `sub` argument, to resolve across files. */
  child: TSESTree.Node;
  node: TSESTree.CallExpression;
}

/** Hono methods that return the app they are called on (Hono's API chains). */
const CHAINABLE = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'all', 'on', 'use', 'route', 'openapi', 'onError', 'notFound', 'doc', 'doc31']);

/**
 * The `app.route(path, sub)` calls of a file whose `sub` comes from another module. The route model
 * records Hono mounts only when both apps are in the same file (unlike Fastify's `register` or
 * Express's `use`, an unresolved `route` leaves no middleware entry behind), so the calls are found
 * here, on the same ESTree, from the reads of each Hono app's binding and its method chains.
 */
export function findHonoRouteMounts(analysis: FileAnalysis): HonoRouteMount[] {
  const { file, model } = analysis;
  const mountedInFile = new Set<TSESTree.Node>();
  for (const app of model.apps) for (const mount of app.mounts) mountedInFile.add(mount.node);
  const found: HonoRouteMount[] = [];
  for (const app of model.apps) {
    if (app.framework !== 'hono') continue;
    for (const holder of getHolders(app, analysis)) {
      let current: TSESTree.Node = holder;
      for (;;) {
        const member = current.parent;
        const call = member?.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
        const method = getMethodCall(call)?.method;
        if (method === undefined || !CHAINABLE.has(method)) break;
        const [pathNode, child] = call.arguments;
        if (method === 'route' && pathNode && child && !mountedInFile.has(call)) {
          found.push({ parent: app, path: getStaticString(pathNode, scopeOf(file.globalScope, pathNode)), child, node: call });
        }
        current = call;
      }
    }
  }
  return found;
}

/** The expressions holding an app: its creating node and every read of the `const`/`let` it is stored in. */
function getHolders(app: AppFacts, { file }: FileAnalysis): TSESTree.Node[] {
  const holders: TSESTree.Node[] = [app.node];
  let current: TSESTree.Node = app.node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = current.parent;
  }
  const declarator = current.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === current && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(scopeOf(file.globalScope, declarator.id), declarator.id);
    for (const reference of variable?.references ?? []) if (reference.isRead()) holders.push(reference.identifier);
  }
  return holders;
}
