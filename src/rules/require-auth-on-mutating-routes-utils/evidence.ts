import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, RouteFacts } from '../../frameworks/index.js';
import { getDottedName, resolveFunction, scopeOf, skipTypeWrappers, visitNodes } from '../../shared/ast/index.js';
import { AUTH_PACKAGES, functionAuthenticates, isAuthName, isRelativeModule } from '../../shared/auth.js';

/** Packages whose import shows a file knows how callers are authenticated (beyond {@link AUTH_PACKAGES}). */
const AUTH_IMPORTS =
  /^(?:next-auth(?:\/.*)?|@auth\/.+|@clerk\/.+|lucia|@lucia-auth\/.+|@supabase\/(?:ssr|auth-helpers-nextjs|supabase-js)|better-auth(?:\/.*)?|jsonwebtoken|jose|@fastify\/jwt|passport(?:-.+)?|iron-session|@kinde-oss\/.+|@workos-inc\/.+|firebase-admin(?:\/auth)?)$/u;

/**
 * Whether `fn` (a handler) or a same-file function it calls (two levels) authenticates the request
 * itself (see `functionAuthenticates`).
 */
export function authenticatesInside(
  fn: FunctionNode,
  globalScope: TSESLint.Scope.Scope,
  authNames: readonly string[],
  depth = 0,
  seen = new Set<FunctionNode>(),
): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  if (functionAuthenticates(fn, globalScope, authNames)) return true;
  if (depth >= 2) return false;
  let found = false;
  visitNodes(fn.body, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipTypeWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return;
    const target = resolveFunction(callee, scopeOf(globalScope, callee));
    if (target && authenticatesInside(target, globalScope, authNames, depth + 1, seen)) found = true;
  });
  return found;
}

/**
 * Whether the file shows that callers of this service are authenticated: it imports an authentication
 * package or a project module whose name reads as authentication (`@/lib/auth`, `./middleware/require-user`).
 */
export function fileImportsAuth(program: TSESTree.Program, authNames: readonly string[]): boolean {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const module = statement.source.value;
    if (AUTH_PACKAGES.has(module) || AUTH_IMPORTS.test(module)) return true;
    if (isRelativeModule(module)) {
      const base =
        module
          .split('/')
          .filter((part) => part !== '.' && part !== '..' && part !== 'index')
          .at(-1) ?? '';
      if (isAuthName(base.replace(/\.[cm]?[jt]sx?$/u, ''), authNames)) return true;
      if (
        statement.specifiers.some(
          (specifier) => specifier.local.name !== 'default' && isAuthName(specifier.local.name, authNames),
        )
      )
        return true;
    }
  }
  return false;
}

/** The name of a route's handler: its function, method, binding or the identifier passed. */
export function getHandlerName(route: RouteFacts): string | null {
  const node = route.handlerNode;
  if (node?.type === AST_NODE_TYPES.MethodDefinition && node.key.type === AST_NODE_TYPES.Identifier)
    return node.key.name;
  if (node) {
    const inner = skipTypeWrappers(node);
    const dotted = getDottedName(inner);
    if (dotted !== null) return dotted.slice(dotted.lastIndexOf('.') + 1);
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const last = inner.arguments.at(-1);
      const name = last ? getDottedName(last) : null;
      if (name !== null) return name.slice(name.lastIndexOf('.') + 1);
    }
  }
  const fn = route.handler;
  if (fn?.type === AST_NODE_TYPES.FunctionDeclaration || fn?.type === AST_NODE_TYPES.FunctionExpression)
    if (fn.id) return fn.id.name;
  if (fn?.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    return fn.parent.id.name;
  return null;
}
