import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { FRAMEWORK_NAMES } from '../../frameworks/types.js';
import { getMethodCall, walk } from '../../shared/ast/index.js';
import type { AppGraph, ProjectApp } from '../app-graph.js';
import {
  ERROR_HANDLER_EVIDENCE,
  HEALTH_CHECK,
  HEALTH_SEGMENTS,
  isModule,
  RATE_LIMIT,
  SECURITY_HEADERS,
  VERSION_SEGMENT,
  type ControlCatalog,
} from '../catalog.js';
import { isErrorHandler } from '../error-handlers.js';
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
 * `NestFactory.create()` mounted on nothing), over the app and everything mounted on it across files:
 * - `missing-error-handler`: some route is not covered by an error handler on its app or an app above
 *   it (Express 4-arity middleware, Fastify `setErrorHandler`, Hono `onError`, Koa try/catch middleware
 *   or `app.on('error')`); NestJS apps have a default exception filter and are never reported;
 * - `missing-rate-limit` / `missing-security-headers`: no middleware, plugin or guard from a rate-limit /
 *   security-header package on the app tree, and no import of one anywhere in the service;
 * - `missing-health-check`: no route at `/health`, `/healthz`, `/livez`, `/readyz`, `/ping` (any
 *   segment) and no health-check library imported;
 * - `unversioned-routes` (info): routes with no `v1`-style segment, health routes aside; skipped for a
 *   Nest app that calls `enableVersioning()`.
 * Findings are located at the node creating the app. Next.js route modules have no app object and are
 * not checked.
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
    const report = (check: DraftFinding['check'], message: string): void => {
      findings.push(findingAt(check, root.file, root.facts.node, message));
    };

    const errorHandler = framework === 'nestjs' ? ['default exception filter'] : findErrorHandlers(tree);
    if (framework !== 'nestjs' && !isCovered(root, tree, routes)) {
      report(
        'missing-error-handler',
        `No error handler on this ${name} app: looked for ${ERROR_HANDLER_EVIDENCE[framework] ?? 'an error handler'}; unhandled errors get the framework's default reply.`,
      );
    }
    const rateLimit = findPackageEvidence(tree, analyses, RATE_LIMIT);
    if (rateLimit.length === 0) {
      report(
        'missing-rate-limit',
        `No rate limiting on this ${name} app: looked for ${mention(RATE_LIMIT, framework)} on the app and what is mounted on it, and in the service's imports.`,
      );
    }
    const securityHeaders = findPackageEvidence(tree, analyses, SECURITY_HEADERS);
    if (securityHeaders.length === 0) {
      report(
        'missing-security-headers',
        `No security headers on this ${name} app: looked for ${mention(SECURITY_HEADERS, framework)} on the app and what is mounted on it, and in the service's imports.`,
      );
    }
    const healthCheck = [
      ...routes
        .filter((entry) => isHealthRoute(entry.path))
        .map((entry) => `${entry.label} (${where(entry.app.file, entry.route.node)})`),
      ...findImports(analyses, HEALTH_CHECK.modules),
    ];
    if (healthCheck.length === 0 && routes.length > 0) {
      const libraries = HEALTH_CHECK.mention[framework];
      report(
        'missing-health-check',
        `No health-check route on this ${name} app: looked for a route at /health, /healthz, /livez, /readyz or /ping${libraries ? `, and for ${mention(HEALTH_CHECK, framework)}` : ''}.`,
      );
    }
    if (!(framework === 'nestjs' && callsEnableVersioning(root.file))) {
      const unversioned = [
        ...new Set(
          routes
            .filter((entry) => entry.path !== null && !isHealthRoute(entry.path) && !isVersioned(entry.path))
            .map((entry) => entry.label),
        ),
      ];
      if (unversioned.length > 0) {
        report(
          'unversioned-routes',
          `${unversioned.length} of ${routes.length} routes of this ${name} app ${unversioned.length === 1 ? 'is' : 'are'} outside a version prefix such as /v1: ${formatList(unversioned, 5)}.`,
        );
      }
    }
    controls.push({ app: root, routes, errorHandler, rateLimit, securityHeaders, healthCheck });
  }
  return { controls, findings };
}

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
  const found: string[] = [];
  for (const app of tree) {
    for (const item of app.middleware) {
      if (isErrorHandler(app.facts.framework, item))
        found.push(`${item.name ?? 'error handler'} (${where(item.file, item.node)})`);
    }
  }
  return found;
}

/** Whether every app of the tree that serves routes (the root when none does) has an error handler on itself or above it. */
function isCovered(root: ProjectApp, tree: readonly ProjectApp[], routes: readonly RouteEntry[]): boolean {
  const memo = new Map<ProjectApp, boolean>();
  const covered = (app: ProjectApp): boolean => {
    const known = memo.get(app);
    if (known !== undefined) return known;
    memo.set(app, false);
    // An app handed to a function (`setup(app)`) is the same app: what the function registers counts.
    const selves = [app, ...app.children.filter((mount) => mount.alias).map((mount) => mount.child)];
    const result =
      selves.some((self) => self.middleware.some((item) => isErrorHandler(app.facts.framework, item))) ||
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

/** Middleware of the tree coming from a catalog package, else imports of one anywhere in the service. */
function findPackageEvidence(
  tree: readonly ProjectApp[],
  analyses: readonly FileAnalysis[],
  catalog: ControlCatalog,
): string[] {
  const found: string[] = [];
  for (const app of tree) {
    for (const item of app.middleware) {
      if (item.origin !== null && isModule(item.origin, catalog.modules))
        found.push(`${item.origin} (${where(item.file, item.node)})`);
    }
    for (const middleware of app.routeMiddleware.values()) {
      for (const item of middleware) {
        if (item.origin !== null && isModule(item.origin, catalog.modules))
          found.push(`${item.origin} (${where(item.file, item.node)})`);
      }
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

function isHealthRoute(path: string | null): boolean {
  return path !== null && path.split('/').some((segment) => HEALTH_SEGMENTS.has(segment.toLowerCase()));
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
