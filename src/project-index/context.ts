import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';

import {
  getRouteModelOf,
  getServingIndexOf,
  type AppFacts,
  type ExternalFacts,
  type FunctionNode,
  type MiddlewareFacts,
  type RouteFacts,
  type RouteModel,
  type ServingIndex,
} from '../frameworks/index.js';
import type { ParsedModule } from '../shared/data-layer.js';
import { getSettings } from '../shared/settings.js';
import { parseForIndex } from './parse.js';
import { ProjectIndex, versionOf } from './project-index.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Indexes by root directory: the ones the command registered, and those built lazily under ESLint. */
const indexes = new Map<string, ProjectIndex>();
const registered = new Set<string>();
const rootOfDirectory = new Map<string, string | null>();

/**
 * Makes `index` the one every rule uses for files under its root (the command registers the index it
 * built from its program), until {@link unregisterProjectIndex}.
 */
export function registerProjectIndex(index: ProjectIndex): void {
  indexes.set(index.root, index);
  registered.add(index.root);
  lastAnswer = null;
}

/** Forgets a registered index (the audit is over). */
export function unregisterProjectIndex(index: ProjectIndex): void {
  if (indexes.get(index.root) === index) indexes.delete(index.root);
  registered.delete(index.root);
  lastAnswer = null;
}

/**
 * The last lint {@link getProjectIndex} answered for (its tree and file name: oxlint may hand every
 * file the same `SourceCode` object), with its answer: every rule
 * asks during one file's lint, several times, and the answer (a stat of the file, a walk up for its
 * `package.json`) holds for that lint; the next lint, even of the same file, asks again.
 */
let lastAnswer: { ast: object; file: string; index: ProjectIndex | null } | null = null;

/**
 * The project index for the file a rule is linting: a registered one whose root holds the file, else
 * one built lazily for the nearest directory above it with a `package.json` (kept for the process, so
 * an editor's ESLint server reuses it). `null` when the file is not on disk (text linted without a file,
 * tests' virtual files) or when `settings['api-audit'].projectIndex` is `false`.
 */
export function getProjectIndex(context: AnyContext): ProjectIndex | null {
  if (!getSettings(context).projectIndex) return null;
  const { ast } = context.sourceCode;
  const file = context.filename;
  if (lastAnswer?.ast === ast && lastAnswer.file === file) return lastAnswer.index;
  const index = findProjectIndex(file);
  lastAnswer = { ast, file, index };
  return index;
}

/** {@link getProjectIndex} for a file, without the memo. */
function findProjectIndex(file: string): ProjectIndex | null {
  for (const root of registered) {
    if (!relative(root, file).startsWith(`..${sep}`)) return indexes.get(root) ?? null;
  }
  if (!existsSync(file)) return null;
  const root = findPackageRoot(dirname(file));
  if (root === null) return null;
  let index = indexes.get(root);
  if (!index) {
    index = new ProjectIndex(root);
    indexes.set(root, index);
  }
  return index;
}

/**
 * What the project index says about the linted file (none without an index, or when linking failed),
 * asked once per lint of the file and shared by every rule, as {@link getRouteModel} uses it.
 */
export function getExternalFacts(context: AnyContext): ExternalFacts | undefined {
  const ast = context.sourceCode.ast;
  if (factsByProgram.has(ast)) return factsByProgram.get(ast);
  let facts: ExternalFacts | undefined;
  try {
    facts = getProjectIndex(context)?.factsFor(context.filename, {
      ast,
      globalScope: context.sourceCode.scopeManager!.globalScope!,
    });
  } catch {
    facts = undefined;
  }
  factsByProgram.set(ast, facts);
  return facts;
}

/**
 * How the linted file's imports resolve to service files, through the project index's module resolution
 * (tsconfig `paths`, package `imports`, index files); `undefined` without an index.
 */
export function getImportResolution(context: AnyContext): ((specifier: string) => string | null) | undefined {
  const index = getProjectIndex(context);
  return index ? (specifier) => index.resolve(context.filename, specifier) : undefined;
}

/** Service files read by rules, by path, with the version read. */
const modules = new Map<string, { version: string; module: ParsedModule | null }>();
const MODULE_CACHE_LIMIT = 500;

/**
 * Another file of the service, read and parsed (`parseForIndex`: tree and scopes, no tokens) for a rule
 * that must look into it (a handler or a model static defined there), kept until the file changes on
 * disk (its {@link versionOf}). `file`: an absolute path, as {@link getImportResolution} gives.
 * `null` when the file cannot be read or does not parse.
 */
export function readServiceModule(file: string): ParsedModule | null {
  const version = versionOf(file);
  if (version === null) return null;
  const cached = modules.get(file);
  if (cached?.version === version) return cached.module;
  let module: ParsedModule | null;
  try {
    module = { ...parseForIndex(readFileSync(file, 'utf8'), file), filename: file };
  } catch {
    module = null;
  }
  if (modules.size >= MODULE_CACHE_LIMIT) modules.clear();
  modules.set(file, { version, module });
  return module;
}

/**
 * The route model of the file a rule is linting, with what the project index knows from other files
 * (apps received as parameters, mount prefixes, handlers and middleware registered elsewhere), built
 * once per file and shared by every rule.
 */
export function getRouteModel(context: AnyContext): RouteModel {
  const { sourceCode } = context;
  return getRouteModelOf({
    ast: sourceCode.ast,
    globalScope: sourceCode.scopeManager!.globalScope!,
    filename: context.filename,
    external: getExternalFacts(context),
  });
}

/** The serving index of the file a rule is linting, over {@link getRouteModel}'s model. */
export function getServingIndex(context: AnyContext): ServingIndex {
  const { sourceCode } = context;
  return getServingIndexOf(
    getRouteModel(context),
    sourceCode.ast,
    sourceCode.scopeManager!.globalScope!,
    sourceCode.visitorKeys,
  );
}

/** Callbacks of {@link defineRouteVisitor}; each runs once per item when the file's traversal starts. */
export interface RouteVisitor {
  onApp?(app: AppFacts): void;
  onRoute?(route: RouteFacts): void;
  /** Once per resolved handler function, with every route it serves. */
  onHandler?(handler: FunctionNode, routes: RouteFacts[]): void;
  /** Once per resolved middleware function, with every registration of it. */
  onMiddleware?(fn: FunctionNode, registrations: MiddlewareFacts[]): void;
}

/**
 * A rule listener that speaks about routes: it builds (or reuses) the file's route model on `Program`
 * and calls `visitor`'s callbacks, then runs the rule's own `listener` as usual (its `Program`
 * callback too). Lets a rule report on routes without matching framework calls itself.
 */
export function defineRouteVisitor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  visitor: RouteVisitor,
  listener: TSESLint.RuleListener = {},
): TSESLint.RuleListener {
  return {
    ...listener,
    Program(node) {
      const model = getRouteModel(context);
      if (visitor.onApp) for (const app of model.apps) visitor.onApp(app);
      if (visitor.onRoute) for (const route of model.routes) visitor.onRoute(route);
      if (visitor.onHandler) for (const [handler, routes] of model.handlers) visitor.onHandler(handler, routes);
      if (visitor.onMiddleware)
        for (const [fn, registrations] of model.middlewareFunctions) visitor.onMiddleware(fn, registrations);
      listener.Program?.(node);
    },
  };
}

/** The facts for one lint of a file, asked once and kept for its `Program` node (every rule shares them). */
const factsByProgram = new WeakMap<object, ExternalFacts | undefined>();

/**
 * The root of the project a directory belongs to: the nearest directory above it with a `package.json`,
 * or, in a monorepo, the workspace root above that (a `package.json` with `workspaces`, or a
 * `pnpm-workspace.yaml`), so that handlers in one workspace package and routes in another are linked.
 */
function findPackageRoot(directory: string): string | null {
  const cached = rootOfDirectory.get(directory);
  if (cached !== undefined) return cached;
  let root: string | null = null;
  for (let current = directory; ; current = dirname(current)) {
    if (root === null && existsSync(join(current, 'package.json'))) root = current;
    if (root !== null && isWorkspaceRoot(current)) root = current;
    if (dirname(current) === current) break;
  }
  rootOfDirectory.set(directory, root);
  return root;
}

function isWorkspaceRoot(directory: string): boolean {
  if (existsSync(join(directory, 'pnpm-workspace.yaml'))) return true;
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { workspaces?: unknown };
    return manifest.workspaces !== undefined;
  } catch {
    return false;
  }
}
