import type { Framework } from '../frameworks/index.js';
import { catchesNext } from '../frameworks/koa.js';
import type { ProjectMiddleware } from './app-graph.js';
import { ERROR_HANDLERS, isModule } from './catalog.js';

/**
 * How a piece of middleware was found to handle errors: `read` from its function (the route model's
 * `error-handler` entries: Express 4-arity middleware, Fastify `setErrorHandler`, Hono `onError`, Koa
 * try/catch middleware and `app.on('error')`, and the same shapes for functions in other files or
 * returned by a factory), `package` (one of {@link ERROR_HANDLERS}), or `name`: a function the
 * checker could not read (the service's own, built dynamically) whose name says it handles errors
 * (`errorHandler.uncaughtError`, `handleErrors`).
 */
export type ErrorHandlerEvidence = 'read' | 'package' | 'name';

/** Whether a piece of middleware handles errors for its app, and how that is known; `null` when it does not, as far as can be told. */
export function getErrorHandlerEvidence(framework: Framework, item: ProjectMiddleware): ErrorHandlerEvidence | null {
  if (item.kind === 'error-handler') return 'read';
  if (item.origin !== null && isModule(item.origin, ERROR_HANDLERS.modules)) return 'package';
  if (item.kind !== 'middleware') return null;
  if (!item.fn) return item.origin === null && item.name !== null && /error/iu.test(item.name) ? 'name' : null;
  if (framework === 'express') return item.fn.fn.params.length === 4 ? 'read' : null;
  if (framework === 'koa') return catchesNext(item.fn.fn) ? 'read' : null;
  return null;
}

/** Whether a piece of middleware could be anything, error handler included: the service's own, and its function could not be read. */
export function isUnread(item: ProjectMiddleware): boolean {
  return item.kind === 'middleware' && item.fn === null && item.origin === null;
}
