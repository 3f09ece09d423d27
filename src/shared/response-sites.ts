import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Framework, FunctionNode } from '../frameworks/types.js';
import {
  findVariable,
  getImportOrigin,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipTypeWrappers,
  walk,
  type VisitorKeys,
} from './ast/index.js';

/** Where a handler hands a value to the client, and the value. */
export interface ResponseSite {
  /** The expression whose value becomes the response body. */
  value: TSESTree.Node;
  /** The sending node: `res.json(x)`, `ctx.body = x`, `return x`. */
  node: TSESTree.Node;
}

/** Methods of Express/Next.js `res`, Fastify `reply` and Hono `c` that send a body. */
const EXPRESS_SEND = new Set(['json', 'send', 'jsonp']);

/**
 * The places a route handler sends a body, by framework:
 * - Express and Next.js `pages/api`: `res.json(x)`, `res.send(x)`, `res.status(n).json(x)` on the
 *   handler's second parameter;
 * - Fastify: `reply.send(x)` (also after `reply.code(n)`) on the second parameter, and the handler's
 *   own `return x` (an async handler's result is the reply);
 * - Koa: `ctx.body = x` (also `ctx.response.body`) on the first parameter;
 * - Hono: `c.json(x)` on the first parameter;
 * - Next.js App Router: `Response.json(x)` (the global) and `NextResponse.json(x)` from `next/server`;
 * - NestJS: the handler method's own `return x`.
 * Sends inside callbacks nested in the handler count; same-file helpers that receive `res` do not.
 */
export function findResponseSites(
  framework: Framework,
  handler: FunctionNode,
  globalScope: TSESLint.Scope.Scope,
  keys: VisitorKeys,
): ResponseSite[] {
  const sites: ResponseSite[] = [];
  const param = (index: number): TSESLint.Scope.Variable | null => {
    const node = handler.params[index];
    return node?.type === AST_NODE_TYPES.Identifier ? findVariable(scopeOf(globalScope, handler.body), node) : null;
  };
  const isRootedAt = (node: TSESTree.Node, variable: TSESLint.Scope.Variable | null): boolean => {
    if (!variable) return false;
    let current = skipTypeWrappers(node);
    while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression) {
      current = skipTypeWrappers(current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.callee);
    }
    return (
      current.type === AST_NODE_TYPES.Identifier &&
      variable.references.some((reference) => reference.identifier === current)
    );
  };

  const sender =
    framework === 'express' || framework === 'nextjs' || framework === 'fastify'
      ? param(1)
      : framework === 'koa' || framework === 'hono'
        ? param(0)
        : null;
  walk(handler.body, keys, (node) => {
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.arguments[0]
    ) {
      const method = getMemberName(node.callee);
      const receiver = node.callee.object;
      const sends =
        ((framework === 'express' || framework === 'nextjs') &&
          method !== null &&
          EXPRESS_SEND.has(method) &&
          isRootedAt(receiver, sender)) ||
        (framework === 'fastify' && method === 'send' && isRootedAt(receiver, sender)) ||
        (framework === 'hono' &&
          method === 'json' &&
          receiver.type === AST_NODE_TYPES.Identifier &&
          isRootedAt(receiver, sender)) ||
        (framework === 'nextjs' && method === 'json' && isNextResponse(receiver, globalScope));
      if (sends) sites.push({ value: node.arguments[0], node });
    }
    if (
      framework === 'koa' &&
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.operator === '=' &&
      node.left.type === AST_NODE_TYPES.MemberExpression
    ) {
      if (getMemberName(node.left) === 'body' && isRootedAt(node.left.object, sender))
        sites.push({ value: node.right, node });
    }
    return true;
  });
  if (framework === 'fastify' || framework === 'nestjs') {
    if (handler.body.type !== AST_NODE_TYPES.BlockStatement) {
      sites.push({ value: handler.body, node: handler.body });
    } else {
      walk(handler.body, keys, (node) => {
        if (isFunctionNode(node)) return false;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !isSenderCall(node.argument, sites))
          sites.push({ value: node.argument, node });
        return true;
      });
    }
  }
  return sites;
}

/** `return reply.send(x)` is already a site; its return value is the reply, not a body. */
function isSenderCall(node: TSESTree.Node, sites: readonly ResponseSite[]): boolean {
  const inner = skipTypeWrappers(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node);
  return sites.some((site) => site.node === inner);
}

/** `Response` (the unshadowed global) or `NextResponse` imported from `next/server`. */
function isNextResponse(node: TSESTree.Node, globalScope: TSESLint.Scope.Scope): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = scopeOf(globalScope, node);
  if (node.name === 'Response') {
    const variable = findVariable(scope, node);
    return !variable || variable.defs.length === 0;
  }
  const origin = getImportOrigin(node, scope);
  return origin?.module === 'next/server' && origin.imported === 'NextResponse';
}
