import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { joinPaths, type MiddlewareKind } from '../frameworks/index.js';
import {
  CALL,
  getDottedName,
  getImportOrigin,
  getMethodCall,
  getStaticString,
  scopeOf,
  skipTypeWrappers,
  trackReferences,
} from '../shared/ast/index.js';
import type { AppGraph, ProjectApp } from './app-graph.js';
import { estreeAnchor, tsAnchor } from './bridge.js';
import type { FileAnalysis } from './file-analysis.js';
import type { ParsedFile } from './parse.js';
import type { Resolver } from './resolve.js';

/** A class decorated with `@Module({...})` from `@nestjs/common`. */
interface NestModule {
  file: ParsedFile;
  node: TSESTree.ClassDeclaration;
  imports: TSESTree.Node[];
  controllers: TSESTree.Node[];
  providers: TSESTree.Node[];
}

/** `RouterModule.register([{ path, module, children }])` entries, flattened: each module with its full path. */
interface RouterEntry {
  module: NestModule;
  path: string | null;
}

/** Nest's `APP_*` provider tokens from `@nestjs/core` and the kind of global middleware each registers. */
const GLOBAL_PROVIDERS: Readonly<Record<string, MiddlewareKind>> = {
  APP_GUARD: 'guard',
  APP_PIPE: 'pipe',
  APP_INTERCEPTOR: 'interceptor',
  APP_FILTER: 'filter',
};

const MODULE_TRACE_MAP = { '@nestjs/common': { Module: { [CALL]: true } } };

/** Records that `child` is served under `parent` at `path`, registered at `node` in `file`. */
type AddMount = (
  parent: ProjectApp,
  child: ProjectApp,
  path: string | null,
  node: TSESTree.Node,
  file: ParsedFile,
) => void;

/**
 * Wires NestJS controllers to the app that serves them: from `NestFactory.create(AppModule)` through the
 * `imports` of each `@Module` (also `forwardRef(() => M)` and `M.forRoot(…)`), every controller listed
 * in a reached module is mounted on the app, under the path `RouterModule.register` gives its module.
 * The app's global prefix applies through the app's own prefix. `APP_GUARD`/`APP_PIPE`/`APP_INTERCEPTOR`/
 * `APP_FILTER` providers of reached modules become global middleware of the app. A controller no app
 * reaches is attached to the project's only Nest app when there is exactly one.
 */
export function linkNestApps(
  graph: AppGraph,
  analyses: readonly FileAnalysis[],
  resolver: Resolver,
  addMount: AddMount,
): void {
  const nestApps = graph.apps.filter((app) => app.facts.framework === 'nestjs' && app.facts.kind === 'app');
  const controllers = graph.apps.filter((app) => app.facts.kind === 'controller');
  if (nestApps.length === 0 && controllers.length === 0) return;
  const modules = new Map<string, NestModule>();
  for (const { file } of analyses) {
    for (const reference of trackReferences<true>(file.globalScope, MODULE_TRACE_MAP)) {
      const module = readModule(file, reference.node);
      if (module) modules.set(key(file, estreeAnchor(module.node)), module);
    }
  }
  const controllerByKey = new Map<string, ProjectApp>();
  for (const controller of controllers)
    controllerByKey.set(key(controller.file, estreeAnchor(controller.facts.node)), controller);

  /** The classes an element of `imports`/`controllers`/`module:` denotes, as keys. */
  const classKeys = (file: ParsedFile, node: TSESTree.Node): string[] =>
    resolver
      .valuesOf(file, node)
      .filter((value) => value.file !== null)
      .map((value) => key(value.file!, tsAnchor(value.node, value.file!.sourceFile)));
  const moduleOf = (file: ParsedFile, node: TSESTree.Node): NestModule | null => {
    for (const found of classKeys(file, node)) {
      const module = modules.get(found);
      if (module) return module;
    }
    return null;
  };

  for (const app of nestApps) {
    const call = app.facts.node;
    const rootArgument = call.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined;
    const root = rootArgument ? moduleOf(app.file, rootArgument) : null;
    if (!root) continue;
    const reached = new Set<NestModule>();
    const routerEntries: RouterEntry[] = [];
    const visit = (module: NestModule): void => {
      if (reached.has(module)) return;
      reached.add(module);
      for (const element of module.imports) {
        const routes = getRouterModuleRoutes(module.file, element);
        if (routes) {
          collectRouterEntries(module.file, routes, '', moduleOf, routerEntries);
          continue;
        }
        const imported = moduleOf(module.file, getImportedModuleExpression(element));
        if (imported) visit(imported);
      }
    };
    visit(root);
    const prefixes = new Map<NestModule, string | null>(routerEntries.map((entry) => [entry.module, entry.path]));
    for (const module of reached) {
      for (const element of module.controllers) {
        for (const found of classKeys(module.file, element)) {
          const controller = controllerByKey.get(found);
          if (controller) addMount(app, controller, prefixes.get(module) ?? '', element, module.file);
        }
      }
      for (const provider of module.providers) {
        const global = readGlobalProvider(module.file, provider);
        if (global)
          app.middleware.push({
            ...global,
            file: module.file,
            fn: null,
            origin: resolver.packageOrigin(module.file, global.node),
          });
      }
    }
  }

  const nestRoots = nestApps.filter((app) => app.parents.length === 0);
  if (nestRoots.length !== 1) return;
  for (const controller of controllers) {
    if (controller.parents.length === 0)
      addMount(nestRoots[0]!, controller, '', controller.facts.node, controller.file);
  }
}

function key(file: ParsedFile, anchor: string): string {
  return `${file.path}#${anchor}`;
}

function readModule(file: ParsedFile, call: TSESTree.Node): NestModule | null {
  const decorator = call.parent;
  const classNode = decorator?.parent;
  if (
    decorator?.type !== AST_NODE_TYPES.Decorator ||
    classNode?.type !== AST_NODE_TYPES.ClassDeclaration ||
    call.type !== AST_NODE_TYPES.CallExpression
  )
    return null;
  const options = call.arguments[0] ? skipTypeWrappers(call.arguments[0]) : null;
  const list = (name: string): TSESTree.Node[] => {
    if (options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
    for (const property of options.properties) {
      if (
        property.type !== AST_NODE_TYPES.Property ||
        property.computed ||
        property.key.type !== AST_NODE_TYPES.Identifier ||
        property.key.name !== name
      )
        continue;
      const value = skipTypeWrappers(property.value);
      return value.type === AST_NODE_TYPES.ArrayExpression
        ? value.elements.filter(
            (element): element is TSESTree.Expression =>
              element !== null && element.type !== AST_NODE_TYPES.SpreadElement,
          )
        : [];
    }
    return [];
  };
  return {
    file,
    node: classNode,
    imports: list('imports'),
    controllers: list('controllers'),
    providers: list('providers'),
  };
}

/** `forwardRef(() => M)` → `M`; `M.forRoot(…)` / `M.register(…)` → `M`; anything else as it is. */
function getImportedModuleExpression(element: TSESTree.Node): TSESTree.Node {
  const inner = skipTypeWrappers(element);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return inner;
  const callee = skipTypeWrappers(inner.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'forwardRef') {
    const factory = inner.arguments[0];
    if (factory?.type === AST_NODE_TYPES.ArrowFunctionExpression && factory.body.type !== AST_NODE_TYPES.BlockStatement)
      return factory.body;
  }
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : inner;
}

/** The route tree of `RouterModule.register([...])` (`RouterModule` imported from `@nestjs/core`), or `null`. */
function getRouterModuleRoutes(file: ParsedFile, element: TSESTree.Node): TSESTree.ArrayExpression | null {
  const inner = skipTypeWrappers(element);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return null;
  const method = getMethodCall(inner);
  const object = method ? skipTypeWrappers(method.object) : null;
  if (method?.method !== 'register' || object?.type !== AST_NODE_TYPES.Identifier) return null;
  const origin = getImportOrigin(object, scopeOf(file.globalScope, object));
  if (origin?.module !== '@nestjs/core' || origin.imported !== 'RouterModule') return null;
  const routes = inner.arguments[0] ? skipTypeWrappers(inner.arguments[0]) : null;
  return routes?.type === AST_NODE_TYPES.ArrayExpression ? routes : null;
}

function collectRouterEntries(
  file: ParsedFile,
  routes: TSESTree.ArrayExpression,
  parentPath: string | null,
  moduleOf: (file: ParsedFile, node: TSESTree.Node) => NestModule | null,
  entries: RouterEntry[],
): void {
  for (const element of routes.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    const route = skipTypeWrappers(element);
    if (route.type !== AST_NODE_TYPES.ObjectExpression) {
      const module = moduleOf(file, route);
      if (module) entries.push({ module, path: parentPath });
      continue;
    }
    let path: string | null = '';
    let moduleNode: TSESTree.Node | null = null;
    let children: TSESTree.ArrayExpression | null = null;
    for (const property of route.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      const value = skipTypeWrappers(property.value);
      if (property.key.name === 'path') path = getStaticString(value, scopeOf(file.globalScope, value));
      if (property.key.name === 'module') moduleNode = value;
      if (property.key.name === 'children' && value.type === AST_NODE_TYPES.ArrayExpression) children = value;
    }
    const fullPath = parentPath === null || path === null ? null : joinPaths(parentPath, path);
    const module = moduleNode ? moduleOf(file, moduleNode) : null;
    if (module) entries.push({ module, path: fullPath });
    if (children) collectRouterEntries(file, children, fullPath, moduleOf, entries);
  }
}

/** `{ provide: APP_GUARD, useClass: ThrottlerGuard }` (also `useValue: new X()`, `useExisting: X`) as global middleware. */
function readGlobalProvider(
  file: ParsedFile,
  provider: TSESTree.Node,
): { kind: MiddlewareKind; name: string | null; path: string; node: TSESTree.Node } | null {
  const inner = skipTypeWrappers(provider);
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) return null;
  let kind: MiddlewareKind | undefined;
  let value: TSESTree.Node | null = null;
  for (const property of inner.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    const propertyValue = skipTypeWrappers(property.value);
    if (property.key.name === 'provide' && propertyValue.type === AST_NODE_TYPES.Identifier) {
      const origin = getImportOrigin(propertyValue, scopeOf(file.globalScope, propertyValue));
      if (origin?.module === '@nestjs/core') kind = GLOBAL_PROVIDERS[origin.imported];
    }
    if (['useClass', 'useValue', 'useExisting'].includes(property.key.name)) value = propertyValue;
  }
  if (!kind) return null;
  return { kind, name: value ? getDottedName(value) : null, path: '', node: value ?? inner };
}
