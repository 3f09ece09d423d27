import type { Framework } from '../frameworks/index.js';
import { catchesNext } from '../frameworks/koa.js';
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
