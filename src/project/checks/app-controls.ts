import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { FRAMEWORK_NAMES } from '../../frameworks/types.js';
import { getMethodCall, walk } from '../../shared/ast/index.js';
import type { AppGraph, ProjectApp } from '../app-graph.js';
import {
  ERROR_HANDLER_EVIDENCE,
  ERROR_HANDLERS,
  HEALTH_CHECK,
  isModule,
  RATE_LIMIT,
  SECURITY_HEADERS,
  VERSION_SEGMENT,
  type ControlCatalog,
} from '../catalog.js';
import { getErrorHandlerEvidence, isUnread } from '../error-handlers.js';
import { isHealthPath } from '../../shared/health.js';
import { findResponseSites } from '../../shared/response-sites.js';
import type { FileAnalysis } from '../file-analysis.js';
import { findingAt, formatAlternatives, formatList, type DraftFinding } from '../findings.js';
import { positionOf, type ParsedFile } from '../parse.js';
import type { RouteEntry } from '../route-entries.js';

/** What was found on one root app, as `what (file:line)` strings; an empty list means nothing was found. */
export interface AppControls {
  app: ProjectApp;
  routes: RouteEntry[];
  errorHandler: string[];
  rateLimit: string[];
  securityHeaders: string[];
  healthCheck: string[];
}

/**
 * The app-level checks, once per root app (an `express()`, `fastify()`, `new Hono()`, `new Koa()` or
 * `NestFactory.create()` mounted on nothing, throwaway apps aside), over the app and everything mounted
 * on it across files (see `buildAppGraph`):
 * - `missing-error-handler`: some route is not covered by an error handler on its app, an app above it,
 *   or an app sharing its context (handed to a function, a `fastify-plugin` plugin): Express 4-arity
 *   middleware (also returned by a factory), Fastify `setErrorHandler`, Hono `onError`, Koa try/catch
 *   middleware or `app.on('error')`, an error-handler package as middleware or handed the app
 *   (`onerror(app)`), or unreadable middleware named for errors. NestJS apps have a default exception
 *   filter and are never reported. Reported `unsure` (at `info`) when middleware of the service could
 *   not be read;
 * - `missing-rate-limit` / `missing-security-headers`: no middleware, plugin, guard or call from a
 *   rate-limit / security-header package on the app tree, and no import of one anywhere in the service;
 * - `missing-health-check`: no route at `/health`, `/healthz`, `/livez`, `/readyz`, `/ping` (any
 *   segment) and no health-check library imported; `unsure` when some route's path is not static;
 * - `unversioned-routes` (info): API routes (handlers that send data; probes and catch-all preflights
 *   aside) with no `v1`-style segment; skipped for a Nest app that calls `enableVersioning()`, for a
 *   site whose pages outnumber its API routes three to one, and when more routes are unreadable than
 *   API routes are known.
 * Messages say what was searched (the app's file, the files of the apps mounted on it, how many files'
 * imports). Findings are located at the node creating the app. Next.js route modules have no app
 * object and are not checked.
 */
export function checkAppControls(
  graph: AppGraph,
  entries: readonly RouteEntry[],
  analyses: readonly FileAnalysis[],
): { controls: AppControls[]; findings: DraftFinding[] } {
  const controls: AppControls[] = [];
  const findings: DraftFinding[] = [];
  const roots = graph.roots
    .filter((app) => app.facts.framework !== 'nextjs')
    .sort((a, b) => a.file.path.localeCompare(b.file.path) || a.facts.node.range[0] - b.facts.node.range[0]);
  for (const root of roots) {
    const tree = collectTree(root);
    const routes = entries.filter((entry) => entry.chain.root === root);
    const framework = root.facts.framework;
    const name = FRAMEWORK_NAMES[framework];
    const searched = describeTree(root, tree);
    // An app a factory returns gets whatever its callers add, which the graph does not follow.
    const calls = root.factory?.calls ?? [];
    const factoryDoubt =
      root.factory && calls.length > 0
        ? `this app is returned by \`${root.factory.name}()\`, called at ${formatList(
            calls.map((call) => where(call.file, call.node)),
            3,
          )}, and what the callers add to the app they get is not followed`
        : undefined;
    const report = (check: DraftFinding['check'], message: string, doubt?: string): void => {
      const reason = [doubt, factoryDoubt].filter(Boolean).join('; ');
      findings.push({
        ...findingAt(check, root.file, root.facts.node, reason ? `${message} Unsure: ${reason}.` : message),
        ...(reason ? { unsure: true } : {}),
      });
    };

    // `const app = createRouter(); app.onError(…)`: the error handler a caller sets on the app a factory returns.
    const factoryHandlers = calls
      .filter((call) => call.methods.includes(FACTORY_ERROR_METHODS[framework] ?? ''))
      .map(
        (call) =>
          `${FACTORY_ERROR_METHODS[framework]}() on the app \`${root.factory?.name}()\` returns (${where(call.file, call.node)})`,
      );
    const errorHandler =
      framework === 'nestjs' ? ['default exception filter'] : [...findErrorHandlers(tree), ...factoryHandlers];
    if (framework !== 'nestjs' && factoryHandlers.length === 0 && !isCovered(root, tree, routes)) {
      const unread = tree.flatMap((app) => app.middleware.filter(isUnread));
      report(
        'missing-error-handler',
        `No error handler on this ${name} app: looked for ${ERROR_HANDLER_EVIDENCE[framework] ?? 'an error handler'}${ERROR_HANDLERS.mention[framework] ? `, or the ${mention(ERROR_HANDLERS, framework)} package` : ''} in ${searched}; unhandled errors get the framework's default reply.`,
        unread.length > 0
          ? `${unread.length === 1 ? 'one middleware' : `${unread.length} middleware`} of the service could not be read (${formatList(
              unread.map((item) => `${item.name ?? 'anonymous'} at ${where(item.file, item.node)}`),
              3,
            )}) and may handle errors`
          : undefined,
      );
    }
    const rateLimit = findPackageEvidence(tree, analyses, RATE_LIMIT);
    if (rateLimit.length === 0) {
      report(
        'missing-rate-limit',
        `No rate limiting on this ${name} app: looked for ${mention(RATE_LIMIT, framework)}, or middleware named for rate limiting, in ${searched}, and in the imports of the service's ${analyses.length} files.`,
      );
    }
    const securityHeaders = findPackageEvidence(tree, analyses, SECURITY_HEADERS);
    if (securityHeaders.length === 0) {
      report(
        'missing-security-headers',
        `No security headers on this ${name} app: looked for ${mention(SECURITY_HEADERS, framework)}, or middleware named for security headers, in ${searched}, and in the imports of the service's ${analyses.length} files.`,
      );
    }
    const healthCheck = [
      ...routes
        .filter((entry) => isHealthPath(entry.path))
        .map((entry) => `${entry.label} (${where(entry.app.file, entry.route.node)})`),
      ...findImports(analyses, HEALTH_CHECK.modules),
    ];
    if (healthCheck.length === 0 && routes.length > 0) {
      const libraries = HEALTH_CHECK.mention[framework];
      const dynamic = routes.filter((entry) => entry.path === null).length;
      report(
        'missing-health-check',
        `No health-check route on this ${name} app: looked for a route at /health, /healthz, /ready(z), /live(z) or /ping among its ${routes.length === 1 ? 'one route' : `${routes.length} routes`}${libraries ? `, and for ${mention(HEALTH_CHECK, framework)}` : ''}.`,
        dynamic > 0
          ? `${dynamic === 1 ? 'one route has a path' : `${dynamic} routes have paths`} not known before run time`
          : undefined,
      );
    }
    if (!(framework === 'nestjs' && callsEnableVersioning(root.file))) {
      // API routes: a known path, not a probe or a catch-all preflight, and a handler that sends data (a
      // page rendered with `res.render` or a redirect is not an API a client pins a version of).
      const api = routes.filter(
        (entry) => entry.path !== null && !isHealthPath(entry.path) && !isPreflight(entry) && sendsData(entry),
      );
      const labels = [...new Set(api.map((entry) => entry.label))];
      const unversioned = [...new Set(api.filter((entry) => !isVersioned(entry.path!)).map((entry) => entry.label))];
      // Not an API to version: a site whose pages outnumber its JSON endpoints three to one, or an app
      // whose routes are mostly unknown (paths or handlers the checker could not read).
      const read = routes.filter((entry) => entry.handler !== null && entry.path !== null).length;
      const unknown = routes.length - read;
      if (unversioned.length > 0 && api.length * 3 >= read && unknown <= api.length) {
        report(
          'unversioned-routes',
          `${unversioned.length} of the ${labels.length} API routes of this ${name} app ${unversioned.length === 1 ? 'is' : 'are'} outside a version prefix such as /v1: ${formatList(unversioned, 5)}.`,
        );
      }
    }
    controls.push({ app: root, routes, errorHandler, rateLimit, securityHeaders, healthCheck });
  }
  return { controls, findings };
}

/** The method that sets an app's error handler, where one call does it (Hono `onError`, Fastify `setErrorHandler`). */
const FACTORY_ERROR_METHODS: Readonly<Partial<Record<ProjectApp['facts']['framework'], string>>> = {
  hono: 'onError',
  fastify: 'setErrorHandler',
};

/** The app and every app mounted on it, transitively. */
function collectTree(root: ProjectApp): ProjectApp[] {
  const tree: ProjectApp[] = [];
  const visit = (app: ProjectApp): void => {
    if (tree.includes(app)) return;
    tree.push(app);
    for (const mount of app.children) visit(mount.child);
  };
  visit(root);
  return tree;
}

function findErrorHandlers(tree: readonly ProjectApp[]): string[] {
  return tree.flatMap((app) => getOwnErrorHandlers(app, app.facts.framework));
}

/**
 * The error handlers an app installs itself, as `what (file:line)`: its middleware read, named or
 * packaged as one (judged as `framework`'s), and error-handler packages it is handed to (`onerror(app)`).
 */
function getOwnErrorHandlers(app: ProjectApp, framework: ProjectApp['facts']['framework']): string[] {
  const found: string[] = [];
  for (const item of app.middleware) {
    const evidence = getErrorHandlerEvidence(framework, item);
    if (evidence)
      found.push(
        `${item.name ?? 'error handler'}${evidence === 'name' ? ' (by its name)' : ''} (${where(item.file, item.node)})`,
      );
  }
  for (const call of app.handedTo)
    if (isModule(call.origin, ERROR_HANDLERS.modules)) found.push(`${call.origin} (${where(call.file, call.node)})`);
  return found;
}

/** Whether every app of the tree that serves routes (the root when none does) has an error handler on itself or above it. */
function isCovered(root: ProjectApp, tree: readonly ProjectApp[], routes: readonly RouteEntry[]): boolean {
  const memo = new Map<ProjectApp, boolean>();
  const covered = (app: ProjectApp): boolean => {
    const known = memo.get(app);
    if (known !== undefined) return known;
    memo.set(app, false);
    // An app handed to a function (`setup(app)`), or a fastify-plugin plugin, is the same app: what it registers counts.
    const selves = [app];
    for (const self of selves)
      for (const mount of self.children) if (mount.alias && !selves.includes(mount.child)) selves.push(mount.child);
    const result =
      selves.some((self) => getOwnErrorHandlers(self, app.facts.framework).length > 0) ||
      (app !== root &&
        app.parents.length > 0 &&
        app.parents.every((mount) => tree.includes(mount.parent) && covered(mount.parent)));
    memo.set(app, result);
    return result;
  };
  const serving = new Set(routes.map((entry) => entry.app));
  if (serving.size === 0) serving.add(root);
  return [...serving].every(covered);
}

/** Where the checks looked, for messages: `this app (src/app.ts) and the 3 apps mounted on it (…)`. */
function describeTree(root: ProjectApp, tree: readonly ProjectApp[]): string {
  const others = tree.filter((app) => app !== root);
  const own = `this app (${root.file.projectPath})`;
  if (others.length === 0) return `${own}, nothing mounted on it`;
  const files = [...new Set(others.map((app) => app.file.projectPath))];
  return `${own} and the ${others.length === 1 ? 'app' : `${others.length} apps`} mounted on it (${formatList(files, 3)})`;
}

/**
 * Middleware of the tree coming from a catalog package (or a catalog package handed the app), or the
 * service's own middleware named for the control, else imports of a catalog package anywhere in the service.
 */
function findPackageEvidence(
  tree: readonly ProjectApp[],
  analyses: readonly FileAnalysis[],
  catalog: ControlCatalog,
): string[] {
  const found: string[] = [];
  for (const app of tree) {
    for (const item of [...app.middleware, ...[...app.routeMiddleware.values()].flat(), ...app.handedTo]) {
      if (item.origin !== null && isModule(item.origin, catalog.modules))
        found.push(`${item.origin} (${where(item.file, item.node)})`);
      else if ('name' in item && item.name !== null && catalog.names?.test(item.name))
        found.push(`${item.name} (by its name) (${where(item.file, item.node)})`);
    }
  }
  return found.length > 0 ? found : findImports(analyses, catalog.modules);
}

/** Value imports of the given packages in the service's files, as `module imported (file:line)`. */
function findImports(analyses: readonly FileAnalysis[], modules: readonly string[]): string[] {
  const found: string[] = [];
  for (const { file, imports } of analyses) {
    for (const imported of imports) {
      if (!imported.typeOnly && isModule(imported.source, modules))
        found.push(`${imported.source} imported (${where(file, imported.node)})`);
    }
  }
  return found;
}

function mention(catalog: ControlCatalog, framework: ProjectApp['facts']['framework']): string {
  return formatAlternatives((catalog.mention[framework] ?? catalog.modules).map((module) => `\`${module}\``));
}

/** `app.options('*', cors())`: answers CORS preflight for every path, versioned ones included. */
function isPreflight(entry: RouteEntry): boolean {
  return (
    entry.path === '*' ||
    entry.path === '/*' ||
    (entry.route.methods.length > 0 && entry.route.methods.every((method) => method === 'OPTIONS'))
  );
}

/** Whether a route's handler sends a body (`res.json`, `ctx.body =`, `return x`, …); `false` when the handler is not known. */
function sendsData(entry: RouteEntry): boolean {
  if (!entry.handler) return false;
  const { file, fn } = entry.handler;
  return findResponseSites(entry.route.framework, fn, file.globalScope, file.visitorKeys).length > 0;
}

function isVersioned(path: string): boolean {
  return path.split('/').some((segment) => VERSION_SEGMENT.test(segment));
}

/** Whether the file creating a Nest app turns on versioning (`app.enableVersioning()`): routes get their version from it. */
function callsEnableVersioning(file: ParsedFile): boolean {
  let found = false;
  walk(file.ast, file.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && getMethodCall(node)?.method === 'enableVersioning') found = true;
    return !found;
  });
  return found;
}

/** `path:line` of a node, for message text. */
function where(file: ParsedFile, node: TSESTree.Node): string {
  return `${file.projectPath}:${positionOf(file, node).line}`;
}
