import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { Framework, FunctionNode } from '../frameworks/index.js';
import type { ProjectMiddleware } from './app-graph.js';

/**
 * Whether a piece of middleware handles errors for its app: the route model's `error-handler` entries
 * (Express 4-arity middleware, Fastify `setErrorHandler`, Hono `onError`, Koa try/catch middleware and
 * `app.on('error')`), and the same shapes for functions the route model could not see because they are
 * imported (`app.use(errorHandler)` with `errorHandler` declared in another file).
 */
export function isErrorHandler(framework: Framework, item: ProjectMiddleware): boolean {
  if (item.kind === 'error-handler') return true;
  if (item.kind !== 'middleware' || !item.fn) return false;
  if (framework === 'express') return item.fn.fn.params.length === 4;
  if (framework === 'koa') return catchesNext(item.fn.fn);
  return false;
}

/**
 * Whether a Koa middleware wraps `await next()` in a `try` with a `catch` (Koa's documented error
 * handling pattern). Same test as the Koa adapter of the route model applies to same-file middleware.
 */
export function catchesNext(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const nextName = fn.params[1]?.type === AST_NODE_TYPES.Identifier ? fn.params[1].name : 'next';
  return fn.body.body.some(
    (statement) => statement.type === AST_NODE_TYPES.TryStatement && statement.handler !== null && statement.block.body.some((inner) => isAwaitNext(inner, nextName)),
  );
}

function isAwaitNext(statement: TSESTree.Statement, nextName: string): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = statement.expression;
  return (
    expression.type === AST_NODE_TYPES.AwaitExpression &&
    expression.argument.type === AST_NODE_TYPES.CallExpression &&
    expression.argument.callee.type === AST_NODE_TYPES.Identifier &&
    expression.argument.callee.name === nextName
  );
}
