import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  climbValueWrappers,
  findVariable,
  getDottedName,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import type { ClientFactoryInfo } from '../../shared/connection-clients.js';
import { getEnclosingFunction } from './checkout.js';

/**
 * Whether a client made in a function that serves requests is made anew on every call and kept to that
 * call: stored in a local of the function (or used at once, `new PrismaClient().user.findMany()`), and
 * that local is only used through its own members. Silent for what looks like a cache or a hand-over:
 * a binding of the module or an outer function (`if (!client) client = new PrismaClient()`), a property
 * (`global.prisma = …`, `pools[tenant] = …`), `??=`/`||=`, `a ?? new X()`, a returned client, one passed
 * to another call (`drizzle(pool)`), or exported. A node-postgres `Client` counts once it is connected;
 * `mongoose.connect()` (a no-op while the default connection is open) only when the same function
 * disconnects again.
 */
export function isMadePerCall(
  node: TSESTree.Node,
  info: ClientFactoryInfo,
  globalScope: TSESLint.Scope.Scope,
  keys: VisitorKeys,
): boolean {
  const fn = getEnclosingFunction(node);
  if (!fn) return false;
  if (info.connectsDefault) return disconnectsDefault(node, fn, keys);
  const outer = climbValueWrappers(node);
  const parent = outer.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) return !info.needsConnect;
  let target: TSESTree.Identifier | null = null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer) {
    if (parent.id.type === AST_NODE_TYPES.Identifier) target = parent.id;
  } else if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.operator === '=' &&
    parent.right === outer &&
    parent.left.type === AST_NODE_TYPES.Identifier
  ) {
    target = parent.left;
  }
  if (!target) return false;
  const variable = findVariable(scopeOf(globalScope, target), target);
  if (!variable || variable.defs.length !== 1) return false;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || getEnclosingFunction(def.name) !== fn) return false;
  // An exported binding (`export let db`) is shared whatever function writes it.
  if (def.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  let connected = !info.needsConnect;
  for (const reference of variable.references) {
    if (reference.isWrite()) {
      // Written twice: a cache filled on first use.
      if (reference.identifier !== target && !reference.init) return false;
      continue;
    }
    const identifier = reference.identifier as TSESTree.Identifier;
    const use = identifier.parent;
    if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== identifier) {
      // `db('users')` (Knex), sql`select …` (postgres.js), `if (!db)`.
      if (isTest(identifier) || isCalled(identifier)) continue;
      return false;
    }
    if (getMemberName(use) === 'connect') connected = true;
  }
  return connected;
}

function isCalled(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) ||
    (parent?.type === AST_NODE_TYPES.TaggedTemplateExpression && parent.tag === identifier)
  );
}

function isTest(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (parent?.type === AST_NODE_TYPES.IfStatement && parent.test === identifier) ||
    (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!')
  );
}

/**
 * `mongoose.connect()` in a function that also calls `mongoose.disconnect()` or
 * `mongoose.connection.close()` on the same binding: a connection pool opened and closed per call.
 */
function disconnectsDefault(node: TSESTree.Node, fn: TSESTree.Node, keys: VisitorKeys): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const owner = getDottedName(callee.object);
  if (owner === null) return false;
  let found = false;
  walk(fn, keys, (child) => {
    if (found || (child !== fn && isFunctionNode(child))) return false;
    if (child.type === AST_NODE_TYPES.CallExpression) {
      const name = getDottedName(child.callee);
      if (name === `${owner}.disconnect` || name === `${owner}.connection.close`) found = true;
    }
    return !found;
  });
  return found;
}
