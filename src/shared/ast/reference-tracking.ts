import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getMemberName, getStaticString, skipExpressionWrappers } from './expressions.js';
import { findVariable } from './functions.js';

const { ReferenceTracker } = ASTUtils;

/** Marks a trace-map leaf: reading the value. */
export const READ = ReferenceTracker.READ;
/** Marks a trace-map leaf: calling the value. */
export const CALL = ReferenceTracker.CALL;
/** Marks a trace-map leaf: constructing the value with `new`. */
export const CONSTRUCT = ReferenceTracker.CONSTRUCT;
/** Marks a module whose named imports are real ES exports (no CommonJS default interop). */
export const ESM = ReferenceTracker.ESM;

/**
 * A trace map as `@eslint-community/eslint-utils` reads it: module name → export path → leaf marker
 * (`READ`/`CALL`/`CONSTRUCT`) → payload `T`. Written with computed symbol keys, e.g.
 * `{ express: { [CALL]: { kind: 'app' }, Router: { [CALL]: { kind: 'router' } } } }`.
 */
export type TraceMap = Record<string, TraceMapNode>;
/** One level of a {@link TraceMap}. */
export interface TraceMapNode {
  [key: string]: TraceMapNode;
  [key: symbol]: unknown;
}

/** One use of a tracked export: the node (`Identifier`/`MemberExpression` for reads, the call or `new` otherwise). */
export interface TrackedReference<T> {
  node: TSESTree.Node;
  /** Module name followed by the export path, e.g. `['fs', 'promises', 'readFile']`. */
  path: readonly string[];
  type: 'read' | 'call' | 'construct';
  info: T;
}

interface TrackerWithPropertyReferences {
  iterateEsmReferences(traceMap: TraceMap): Iterable<RawReference>;
  iteratePropertyReferences(node: TSESTree.Node, traceMap: TraceMapNode): Iterable<RawReference>;
}
interface RawReference {
  node: TSESTree.Node;
  path: readonly string[];
  type: symbol;
  info: unknown;
}

/**
 * Every use in a file of the exports a trace map names, through any import form: ESM default, named,
 * namespace and aliased imports (CommonJS packages in ESLint's `legacy` mode, so `import { Router } from
 * 'express'` and `express.Router` are the same; mark ES-only packages with `[ESM]: true`), `require()`
 * and destructured `require()`, whether `require` is a configured global (CommonJS files) or an
 * undeclared one (TypeScript files). A local binding named like a package export is never matched.
 *
 * @param globalScope the file's global scope (`sourceCode.scopeManager.globalScope`).
 * @returns the references in no guaranteed order; `info` is the payload at the leaf.
 */
export function trackReferences<T>(globalScope: TSESLint.Scope.Scope, traceMap: TraceMap): TrackedReference<T>[] {
  const loaded = getLoadedModules(globalScope);
  // Most files load none of a trace map's modules: skip the tracker's walk over every import.
  if (!Object.keys(traceMap).some((name) => loaded.modules.has(name))) return [];
  const tracker = new ReferenceTracker(globalScope, { mode: 'legacy' }) as unknown as TrackerWithPropertyReferences;
  const found: TrackedReference<T>[] = [];
  const push = (raw: RawReference, prefix: readonly string[]): void => {
    found.push({ node: raw.node, path: [...prefix, ...raw.path], type: toType(raw.type), info: raw.info as T });
  };
  for (const raw of tracker.iterateEsmReferences(traceMap)) push(raw, []);
  for (const call of loaded.requires) {
    const argument = call.arguments[0];
    const moduleName =
      argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
    if (moduleName === null || !Object.hasOwn(traceMap, moduleName)) continue;
    const moduleMap = traceMap[moduleName]!;
    if (moduleMap[READ] !== undefined)
      found.push({ node: call, path: [moduleName], type: 'read', info: moduleMap[READ] as T });
    for (const raw of tracker.iteratePropertyReferences(call, moduleMap)) push(raw, [moduleName]);
  }
  return found;
}

function toType(type: symbol): TrackedReference<unknown>['type'] {
  if (type === CALL) return 'call';
  if (type === CONSTRUCT) return 'construct';
  return 'read';
}

/** What a file loads: module names of its imports, re-exports and `require()` calls, and those calls. */
interface LoadedModules {
  modules: Set<string>;
  requires: TSESTree.CallExpression[];
}

/** Per global scope (one per parsed file): every rule and the route model track references in the same file. */
const loadedModules = new WeakMap<TSESLint.Scope.Scope, LoadedModules>();

function getLoadedModules(globalScope: TSESLint.Scope.Scope): LoadedModules {
  let loaded = loadedModules.get(globalScope);
  if (loaded) return loaded;
  const modules = new Set<string>();
  const program = globalScope.block;
  if (program.type === AST_NODE_TYPES.Program) {
    for (const statement of program.body) {
      if (
        (statement.type === AST_NODE_TYPES.ImportDeclaration ||
          statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
          statement.type === AST_NODE_TYPES.ExportNamedDeclaration) &&
        statement.source
      ) {
        modules.add(statement.source.value);
      }
    }
  }
  const requires = findRequireCalls(globalScope);
  for (const call of requires) {
    const argument = call.arguments[0];
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') modules.add(argument.value);
  }
  loaded = { modules, requires };
  loadedModules.set(globalScope, loaded);
  return loaded;
}

/** `require('x')` calls whose `require` is not a local binding (it is undeclared or a configured global). */
function findRequireCalls(globalScope: TSESLint.Scope.Scope): TSESTree.CallExpression[] {
  const identifiers: TSESTree.Identifier[] = [];
  for (const reference of globalScope.through) {
    if (reference.identifier.type === AST_NODE_TYPES.Identifier && reference.identifier.name === 'require') {
      identifiers.push(reference.identifier);
    }
  }
  const declared = globalScope.set.get('require');
  if (declared && declared.defs.length === 0) {
    for (const reference of declared.references) {
      if (reference.identifier.type === AST_NODE_TYPES.Identifier) identifiers.push(reference.identifier);
    }
  }
  const calls: TSESTree.CallExpression[] = [];
  for (const identifier of identifiers) {
    const parent = identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.callee === identifier &&
      parent.arguments.length === 1
    ) {
      calls.push(parent);
    }
  }
  return calls;
}

/**
 * The module a `require('x')` call loads, when `node` is a call of `require` with one static string
 * argument; `null` otherwise. With `scope` (where the call is), a local binding named `require` makes
 * it not Node's `require`, so `null` too.
 */
export function getRequiredModule(node: TSESTree.Node, scope?: TSESLint.Scope.Scope): string | null {
  if (
    node.type !== AST_NODE_TYPES.CallExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'require' ||
    node.arguments.length !== 1
  ) {
    return null;
  }
  if (scope && (findVariable(scope, node.callee)?.defs.length ?? 0) > 0) return null;
  return getStaticString(node.arguments[0]);
}

/** Where an imported binding comes from: module name and the export it names (`default`, `*` or a name). */
export interface ImportOrigin {
  module: string;
  imported: string;
}

/**
 * The import an identifier refers to, in value or type position (`FastifyInstance` in a type
 * annotation): `{ module: 'fastify', imported: 'FastifyInstance' }`; `imported` is `'default'` for a
 * default import and `'*'` for a namespace import. Returns `null` for anything not bound by an
 * `import` declaration in this file.
 */
export function getImportOrigin(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): ImportOrigin | null {
  const variable = findVariable(scope, identifier);
  const def = variable?.defs[0];
  if (!def || def.type !== 'ImportBinding') return null;
  const declaration = def.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const specifier = def.node;
  const module = declaration.source.value;
  switch (specifier.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { module, imported: 'default' };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { module, imported: '*' };
    case AST_NODE_TYPES.ImportSpecifier:
      return {
        module,
        imported:
          specifier.imported.type === AST_NODE_TYPES.Identifier
            ? specifier.imported.name
            : String(specifier.imported.value),
      };
    default:
      return null;
  }
}

/**
 * The module an identifier is bound to: an `import` (as {@link getImportOrigin} reads it), `const x =
 * require('m')` (`imported: '*'`), `const x = require('m').name` or `const { name: x } = require('m')`
 * (`imported: 'name'`); `null` otherwise.
 */
export function getBindingOrigin(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): ImportOrigin | null {
  const origin = getImportOrigin(identifier, scope);
  if (origin) return origin;
  const variable = findVariable(scope, identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return null;
  let init = skipExpressionWrappers(def.node.init);
  let member: string | null = null;
  if (init.type === AST_NODE_TYPES.MemberExpression) {
    member = getMemberName(init, scope);
    if (member === null) return null;
    init = skipExpressionWrappers(init.object);
  }
  const module = getRequiredModule(init, scope);
  if (module === null) return null;
  if (def.node.id.type === AST_NODE_TYPES.Identifier) return { module, imported: member ?? '*' };
  if (def.node.id.type !== AST_NODE_TYPES.ObjectPattern || member !== null) return null;
  const property = def.node.id.properties.find(
    (item): item is TSESTree.Property =>
      item.type === AST_NODE_TYPES.Property &&
      (item.value === def.name ||
        (item.value.type === AST_NODE_TYPES.AssignmentPattern && item.value.left === def.name)),
  );
  const name = property ? ASTUtils.getPropertyName(property, scope) : null;
  return name === null ? null : { module, imported: name };
}

/** Names through which code reaches the global object. */
const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'self', 'window', 'global']);

/**
 * References to a global API (`crypto.subtle.digest(…)`, also `globalThis.crypto.subtle…`) whether the
 * global is configured (`languageOptions.globals`) or merely undeclared, as in a TypeScript file or
 * a config without browser/node globals. A local binding of the same name is never followed. `traceMap`
 * is keyed by global names (`{ crypto: { subtle: { digest: { [CALL]: info } } } }`); returns each
 * reference's node (as {@link trackReferences}) and the payload at its leaf, in no guaranteed order.
 */
export function findGlobalReferences<T>(
  globalScope: TSESLint.Scope.Scope,
  traceMap: TraceMap,
): { node: TSESTree.Node; info: T }[] {
  const identifiers: TSESTree.Identifier[] = [];
  const names = new Set([...Object.keys(traceMap), ...GLOBAL_OBJECT_NAMES]);
  for (const reference of globalScope.through)
    if (names.has(reference.identifier.name)) identifiers.push(reference.identifier as TSESTree.Identifier);
  for (const name of names) {
    const variable = globalScope.set.get(name);
    if (variable && variable.defs.length === 0)
      for (const reference of variable.references) identifiers.push(reference.identifier as TSESTree.Identifier);
  }
  if (identifiers.length === 0) return [];
  const tracker = new ReferenceTracker(globalScope) as unknown as TrackerWithPropertyReferences;
  const found: { node: TSESTree.Node; info: T }[] = [];
  for (const identifier of identifiers) {
    const map = GLOBAL_OBJECT_NAMES.has(identifier.name) ? (traceMap as TraceMapNode) : traceMap[identifier.name];
    if (map)
      for (const reference of tracker.iteratePropertyReferences(identifier, map))
        found.push({ node: reference.node, info: reference.info as T });
  }
  return found;
}
