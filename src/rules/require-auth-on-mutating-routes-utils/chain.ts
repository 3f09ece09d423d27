import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  getAppPrefix,
  joinPaths,
  type AppFacts,
  type ChainMiddleware,
  type ExternalFacts,
  type Framework,
  type MiddlewareFacts,
  type FunctionNode,
  type RouteFacts,
} from '../../frameworks/index.js';
import {
  findExportedFunction,
  getBindingOrigin,
  getRootExpression,
  scopeOf,
  skipTypeWrappers,
} from '../../shared/ast/index.js';
import {
  AUTH_HOOKS,
  canRejectRequest,
  functionAuthenticates,
  isAuthMiddleware,
  isRelativeModule,
} from '../../shared/auth.js';

/** Frameworks where middleware only applies to routes registered after it. */
const ORDERED: ReadonlySet<Framework> = new Set(['express', 'koa', 'hono']);

/** What runs before a route, as far as its file shows. */
export interface RouteChain {
  /** Middleware, hooks and guards that run before the handler and cover its path, outermost first. */
  items: MiddlewareFacts[];
  /** Authentication registered on the route's app (or an app it is mounted on) after the route: it does not protect it. */
  authAfter: MiddlewareFacts[];
  /**
   * The outermost app of the chain is created in this file (`express()`, `new Koa()`, `fastify()`), so
   * nothing registered in another file runs before the route; `false` for a router, plugin or sub-app
   * whose parent is elsewhere, or an instance mounted in several places.
   */
  rootVisible: boolean;
  /** The outermost app the chain reaches in this file. */
  root: AppFacts;
  /** Middleware of other files that runs before the route (from the project index), outermost first. */
  remote: ChainMiddleware[];
}

/**
 * The in-file middleware chain of a (non-Nest, non-Next.js) route: the route app's own middleware and
 * that of each app it is mounted on in this file, registered before the route or the mount where order
 * matters (Express, Koa, Hono; Fastify hooks apply to their whole encapsulation context), limited to the
 * route's path, then the route's own.
 */
export function getRouteChain(route: RouteFacts, external?: ExternalFacts['appChains']): RouteChain {
  const items: MiddlewareFacts[] = [];
  const authAfter: MiddlewareFacts[] = [];
  const ordered = ORDERED.has(route.framework);
  let current = route.app;
  let before = route.node.range[0];
  let rootVisible = false;
  const seen = new Set<AppFacts>();
  const levels: MiddlewareFacts[][] = [];
  for (;;) {
    seen.add(current);
    const level: MiddlewareFacts[] = [];
    const prefix = getAppPrefix(current, new Set());
    for (const item of current.middleware) {
      if (item.kind === 'error-handler') continue;
      if (!coversPath(item.path, prefix, route.fullPath)) continue;
      if (ordered && item.node.range[0] > before) {
        authAfter.push(item);
        continue;
      }
      level.push(item);
    }
    levels.unshift(level);
    const [mount, ...others] = current.mounts;
    if (!mount || others.length > 0 || seen.has(mount.parent)) {
      rootVisible =
        !mount && current.kind === 'app' && current.servedUnder === undefined && current.framework !== 'nestjs';
      break;
    }
    before = mount.node.range[0];
    current = mount.parent;
  }
  for (const level of levels) items.push(...level);
  items.push(...route.middleware);
  let remote: ChainMiddleware[] = [];
  if (current.mounts.length === 0) {
    const range = current.node.range;
    const entry = external?.find((item) => item.app[0] === range[0] && item.app[1] === range[1]);
    if (entry) {
      remote = entry.middleware.filter(
        (item) => item.kind !== 'error-handler' && coversPath(item.path, '', route.fullPath),
      );
      rootVisible = entry.complete;
    }
  }
  return { items, authAfter, rootVisible, root: current, remote };
}

/**
 * Whether middleware limited to `path` (relative to its app, served under `prefix`) runs for a route
 * served at `fullPath`: `''`, `/` and unknown parts cover everything; `*` and `:param` segments match any.
 */
export function coversPath(path: string | null, prefix: string | null, fullPath: string | null): boolean {
  if (
    path === '' ||
    path === '/' ||
    path === '*' ||
    path === '/*' ||
    path === null ||
    prefix === null ||
    fullPath === null
  )
    return true;
  const wanted = joinPaths(prefix, path).split('/').filter(Boolean);
  const actual = fullPath.split('/').filter(Boolean);
  for (let index = 0; index < wanted.length; index += 1) {
    const segment = wanted[index]!;
    if (segment === '*' || segment.endsWith('*')) return true;
    const got = actual[index];
    if (got === undefined) return false;
    if (segment !== got && !segment.startsWith(':') && !got.startsWith(':') && !got.startsWith('[')) return false;
  }
  return true;
}

/** How one middleware of a chain counts. */
export type MiddlewareVerdict = 'auth' | 'inert' | 'unknown';

/**
 * Whether `item` authenticates (`auth`), cannot (`inert`: a package that is not an authentication
 * package, a request hook that is not one, a local function that never ends a request, a pipe), or
 * might, unseen (`unknown`: project middleware imported from another file whose name says nothing and
 * whose function `resolveImported` cannot read, a function that can end the request as authentication
 * would, a local Fastify plugin from a `plugins/` folder, which `fastify-plugin` usually un-encapsulates).
 * `resolveImported` (see {@link createImportedMiddlewareResolver}) reads middleware of the service's own
 * modules, so a validator or an id check there counts as `inert`.
 */
export function judgeMiddleware(
  item: MiddlewareFacts,
  authNames: readonly string[],
  globalScope: TSESLint.Scope.Scope,
  resolveImported?: (item: MiddlewareFacts) => ImportedFunction | null,
): MiddlewareVerdict {
  if (isAuthMiddleware(item, authNames)) return 'auth';
  if (item.kind !== 'middleware' && item.kind !== 'hook' && item.kind !== 'guard' && item.kind !== 'plugin')
    return 'inert';
  if (
    item.kind === 'hook' &&
    item.hook !== undefined &&
    !['onRequest', 'preParsing', 'preValidation', 'preHandler'].includes(item.hook)
  )
    return 'inert';
  if (item.kind === 'guard') return 'inert';
  if (item.function) return judgeFunction(item.function, globalScope, authNames);
  const module = item.module ?? null;
  if (module !== null && !isRelativeModule(module)) return 'inert';
  if (item.kind === 'plugin') {
    if (item.framework !== 'fastify') return 'inert';
    return module !== null && /(?:^|\/)plugins?(?:\/|$)/iu.test(module) ? 'unknown' : 'inert';
  }
  const imported = resolveImported?.(item);
  if (imported && 'package' in imported)
    return isAuthMiddleware({ ...item, module: imported.package }, authNames) ? 'auth' : 'inert';
  return imported ? judgeFunction(imported.fn, imported.globalScope, authNames) : 'unknown';
}

/** A middleware's function from its own body: authenticates, can end a request as authentication would, or neither. */
function judgeFunction(
  fn: FunctionNode,
  globalScope: TSESLint.Scope.Scope,
  authNames: readonly string[],
): MiddlewareVerdict {
  if (functionAuthenticates(fn, globalScope, authNames)) return 'auth';
  return canRejectRequest(fn) ? 'unknown' : 'inert';
}

/**
 * What middleware written in this file comes from: a function declared in another file of the service
 * (with the global scope of its module), or a package (`check('text').notEmpty()` of express-validator).
 */
export type ImportedFunction = { fn: FunctionNode; globalScope: TSESLint.Scope.Scope } | { package: string };

/**
 * Finds the function behind middleware imported from the service's own modules: `checkObjectId`
 * (`import checkObjectId from '../middleware/checkObjectId.js'`), a factory call `validate(schema)`
 * (`const validate = require('../middlewares/validate')`: the factory's body holds the middleware it
 * returns), or a member of a required module (`helpers.verify`); or the package of a chain that starts
 * at a package's binding (`check('text').notEmpty()`). `globalScope`: the linted file's;
 * `resolveSpecifier`: the project index's module resolution (`getImportResolution`), `undefined`
 * without an index; `read`: the index's parsed file (`readServiceModule`). Answers `null` for packages,
 * unresolvable modules and exports that are not functions.
 */
export function createImportedMiddlewareResolver(
  globalScope: TSESLint.Scope.Scope,
  resolveSpecifier: ((specifier: string) => string | null) | undefined,
  read: (file: string) => { ast: TSESTree.Program; globalScope: TSESLint.Scope.Scope } | null,
): (item: MiddlewareFacts) => ImportedFunction | null {
  return (item) => {
    let node = skipTypeWrappers(item.node);
    const root = getRootExpression(node);
    const rootOrigin =
      root.type === AST_NODE_TYPES.Identifier ? getBindingOrigin(root, scopeOf(globalScope, root)) : null;
    if (rootOrigin && !isRelativeModule(rootOrigin.module)) return { package: rootOrigin.module };
    if (!resolveSpecifier) return null;
    if (node.type === AST_NODE_TYPES.CallExpression) node = skipTypeWrappers(node.callee);
    let member: string | null = null;
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      !node.computed &&
      node.property.type === AST_NODE_TYPES.Identifier
    ) {
      member = node.property.name;
      node = skipTypeWrappers(node.object);
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const origin = getBindingOrigin(node, scopeOf(globalScope, node));
    if (!origin || !isRelativeModule(origin.module)) return null;
    const whole = origin.imported === '*' || origin.imported === 'default';
    if (member !== null && !whole) return null;
    const name = member ?? (whole ? 'default' : origin.imported);
    const file = resolveSpecifier(origin.module);
    const module = file === null ? null : read(file);
    const fn = module ? findExportedFunction(module.ast, module.globalScope, name) : null;
    return fn && module ? { fn, globalScope: module.globalScope } : null;
  };
}

/**
 * The Next.js middleware file of the project of a route file (`middleware.ts` or `proxy.ts` at the
 * project root or in `src/`, the folder holding `app/` or `pages/`), with its text; `null` when there is none.
 */
export function findNextMiddleware(filename: string): { file: string; text: string } | null {
  const normalized = filename.replaceAll('\\', '/');
  const match = /^(.*?\/)(?:src\/)?(?:app|pages)\//u.exec(normalized);
  if (!match) return null;
  const roots = [match[1]!, join(match[1]!, 'src')];
  for (const root of roots) {
    for (const name of ['middleware', 'proxy']) {
      for (const extension of ['ts', 'js', 'mjs', 'tsx', 'jsx']) {
        const file = join(root, `${name}.${extension}`);
        if (!existsSync(file)) continue;
        try {
          return { file, text: readFileSync(file, 'utf8') };
        } catch {
          return null;
        }
      }
    }
  }
  return null;
}

/**
 * Whether a Next.js middleware file's `config.matcher` (strings, read from its text) covers `path`; a
 * file without a matcher runs for every path. A matcher that is not a plain list of strings covers.
 */
export function nextMatcherCovers(text: string, path: string | null): boolean {
  const matcher = /matcher\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*"|`[^`]*`)/u.exec(text);
  if (!matcher || path === null) return true;
  const entries = [...matcher[1]!.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/gu)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  if (entries.length === 0) return true;
  return entries.some((entry) => matcherEntryCovers(entry, path));
}

function matcherEntryCovers(entry: string, path: string): boolean {
  // Negative lookaheads and regex groups (`/((?!api|_next).*)`): too open to read, assume covered.
  if (/[()]/u.test(entry)) {
    const excluded = /\(\?!([^)]*)\)/u.exec(entry)?.[1];
    if (
      excluded &&
      excluded.split('|').some((word) => word !== '' && path.split('/')[1]?.startsWith(word.replace(/\\/gu, '')))
    )
      return false;
    return true;
  }
  const wanted = entry.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  for (let index = 0; index < wanted.length; index += 1) {
    const segment = wanted[index]!;
    if (/^:[^/]*[*+]$/u.test(segment) || segment === '*') return true;
    const got = actual[index];
    if (got === undefined) return /^:[^/]*\*$/u.test(segment);
    if (segment !== got && !segment.startsWith(':') && !got.startsWith('[')) return false;
  }
  return wanted.length === actual.length;
}

/** The directory a file is in (`/`-separated). */
export function directoryOf(file: string): string {
  return dirname(file.replaceAll('\\', '/'));
}

/**
 * {@link judgeMiddleware} for middleware registered in another file ({@link ChainMiddleware}): its
 * function, when the index read it, says whether it authenticates or can end a request.
 */
export function judgeRemoteMiddleware(item: ChainMiddleware, authNames: readonly string[]): MiddlewareVerdict {
  if (item.authenticates === true || isAuthMiddleware(item, authNames)) return 'auth';
  if (item.kind !== 'middleware' && item.kind !== 'hook' && item.kind !== 'guard' && item.kind !== 'plugin')
    return 'inert';
  if (item.kind === 'hook' && item.hook !== undefined && !AUTH_HOOKS.has(item.hook)) return 'inert';
  if (item.kind === 'guard') return 'inert';
  if (item.canReject !== undefined) return item.canReject ? 'unknown' : 'inert';
  const module = item.module ?? null;
  if (module !== null && !isRelativeModule(module)) return 'inert';
  if (item.kind === 'plugin') {
    if (item.framework !== 'fastify') return 'inert';
    return module !== null && /(?:^|\/)plugins?(?:\/|$)/iu.test(module) ? 'unknown' : 'inert';
  }
  return 'unknown';
}
