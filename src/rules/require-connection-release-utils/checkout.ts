import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../frameworks/types.js';
import {
  climbValueWrappers,
  findVariable,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import type { CheckoutMethod } from '../../shared/connection-clients.js';

/** A connection or transaction checked out into a binding: `const client = await pool.connect()`. */
export interface Checkout {
  /** The checkout call (`pool.connect()`). */
  call: TSESTree.CallExpression;
  method: CheckoutMethod;
  /** The binding the result is stored in. */
  variable: TSESLint.Scope.Variable;
  /** The identifier written by the checkout (the declarator's id or the assignment's left side). */
  target: TSESTree.Identifier;
  /** The function the checkout runs in. */
  fn: FunctionNode;
}

/** What is wrong with a checkout, or `null` when it is given back on every path the rule can see. */
export type CheckoutProblem =
  | { kind: 'never' }
  | { kind: 'exit'; exit: TSESTree.ReturnStatement | TSESTree.ThrowStatement }
  | { kind: 'error'; thrower: TSESTree.Node; ends: readonly TSESTree.CallExpression[] };

/** How the checked-out value is used, reference by reference. */
interface Uses {
  /** Calls that give it back (`client.release()`, `trx.commit()`), outside nested functions. */
  ends: TSESTree.CallExpression[];
  /** Some use gives it back inside a nested function (`res.on('finish', () => client.release())`). */
  endsInCallback: boolean;
  /** It is passed to a call (`save(data, trx)`, `{ transaction: t }`): the callee may end it. */
  passed: boolean;
  /** The calls it is passed to directly (`commit(client)`): an exit after one may find it ended there. */
  passedTo: TSESTree.CallExpression[];
  /** It leaves the function's hands: returned, stored, assigned, listened to (`client.on('notification')`). */
  handedOver: boolean;
}

/** The binding a checkout's result goes to (through `await` and type wrappers), or `null`. */
export function getCheckoutTarget(call: TSESTree.CallExpression): TSESTree.Identifier | null {
  const current = climbValueWrappers(call);
  const parent = current.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === current &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.operator === '=' &&
    parent.right === current &&
    parent.left.type === AST_NODE_TYPES.Identifier &&
    parent.parent?.type === AST_NODE_TYPES.ExpressionStatement
  )
    return parent.left;
  return null;
}

/** The innermost function around a node, or `null` at module level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** A write other than a reset to `null` or `undefined` (`client = null` after the release). */
function isValueWrite(reference: TSESLint.Scope.Reference): boolean {
  const value = reference.writeExpr;
  if (!value) return reference.init === true ? false : true;
  const inner = skipExpressionWrappers(value);
  return !(
    (inner.type === AST_NODE_TYPES.Literal && inner.value === null) ||
    (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined')
  );
}

/** Builds the {@link Checkout} of a checkout call stored in a binding of its own function; `null` otherwise. */
export function getCheckout(
  call: TSESTree.CallExpression,
  method: CheckoutMethod,
  globalScope: TSESLint.Scope.Scope,
): Checkout | null {
  const target = getCheckoutTarget(call);
  const fn = getEnclosingFunction(call);
  if (!target || !fn) return null;
  const variable = findVariable(scopeOf(globalScope, target), target);
  // A binding of an outer function or of the module is shared state, given back elsewhere.
  if (!variable || variable.defs.length !== 1 || getEnclosingFunction(variable.defs[0]!.name) !== fn) return null;
  // One binding reused for several checkouts (`t = await sequelize.transaction()` again after each
  // commit): which give-back belongs to which checkout is beyond a per-function look.
  if (
    variable.references.some(
      (reference) => reference.isWrite() && reference.identifier !== target && isValueWrite(reference),
    )
  )
    return null;
  return { call, method, variable, target, fn };
}

/**
 * Decides whether a checkout is given back on every path that can be seen in its function:
 * - a `finally` after (or around) the checkout that gives it back covers every path;
 * - otherwise a `return`/`throw` after the checkout that no give-back precedes leaks it (`exit`);
 * - a `catch` that gives it back (for a transaction: rolls it back) covers the error path; without
 *   one, any call or `await` between the checkout and the last give-back may throw past it (`error`);
 * - no give-back at all is `never`.
 * Silent (`null`) whenever another function may end it: the value is returned, stored, listened to,
 * ended inside a callback, or (when this function never ends it) passed to a call.
 */
export function analyzeCheckout(checkout: Checkout, keys: VisitorKeys): CheckoutProblem | null {
  const uses = collectUses(checkout);
  if (uses.handedOver || uses.endsInCallback) return null;
  if (uses.ends.length === 0) return uses.passed ? null : { kind: 'never' };
  const { method, fn } = checkout;
  const start = checkout.call.range[1];
  const errorEnds = uses.ends.filter((call) => method.errorEnds.includes(getMemberName(call.callee as never) ?? ''));
  const covers = (block: TSESTree.BlockStatement | null | undefined, ends: TSESTree.CallExpression[]): boolean =>
    !!block && ends.some((end) => contains(block, end));
  const tries = collectTries(fn, keys).filter((statement) => statement.range[1] > start);
  // Every path: a `finally` that gives it back (for a transaction, a rollback there, or any end when a
  // catch rolls back: `finally { trx.isCompleted() || trx.rollback() }` patterns included).
  const finallyEnds = method.kind === 'transaction' ? uses.ends : errorEnds;
  if (tries.some((statement) => covers(statement.finalizer, finallyEnds))) return null;
  // A helper given the value (`await commit(client)`) may have ended it before a later exit.
  const exit = findLeakingExit(checkout, [...uses.ends, ...uses.passedTo], keys);
  if (exit) return { kind: 'exit', exit };
  if (tries.some((statement) => covers(statement.handler?.body, errorEnds))) return null;
  const last = uses.ends.reduce((a, b) => (a.range[0] > b.range[0] ? a : b));
  const thrower = findThrower(fn, start, last.range[0], uses.ends, tries, keys);
  return thrower ? { kind: 'error', thrower, ends: uses.ends } : null;
}

function collectUses(checkout: Checkout): Uses {
  const uses: Uses = { ends: [], endsInCallback: false, passed: false, passedTo: [], handedOver: false };
  for (const reference of checkout.variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (reference.isWrite()) continue;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const name = getMemberName(parent);
      const call = parent.parent;
      const called =
        call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent
          ? call
          : call?.type === AST_NODE_TYPES.ChainExpression &&
              call.parent?.type === AST_NODE_TYPES.CallExpression &&
              call.parent.callee === call
            ? call.parent
            : null;
      if (called && name !== null && checkout.method.ends.includes(name)) {
        if (getEnclosingFunction(called) === checkout.fn) uses.ends.push(called);
        else uses.endsInCallback = true;
      }
      // `client.on('notification', …)`: a connection kept for its events (LISTEN), on purpose.
      if (called && (name === 'on' || name === 'once' || name === 'addListener') && isNotificationEvent(called))
        uses.handedOver = true;
      continue;
    }
    classifyOtherUse(identifier, uses);
  }
  return uses;
}

/** A use other than a member access: a test, a call of it (`trx('users')`), or a use that hands it on. */
function classifyOtherUse(identifier: TSESTree.Identifier, uses: Uses): void {
  let node: TSESTree.Node = identifier;
  // Climb through wrappers that keep the value: `x!`, `x as T`, `(x)`.
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  )
    node = node.parent;
  const parent = node.parent;
  if (!parent) return;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
      if (parent.test === node) return;
      break;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return;
    case AST_NODE_TYPES.LogicalExpression:
      if (parent.left === node) return;
      break;
    case AST_NODE_TYPES.CallExpression:
      // `trx('users').insert(…)`: a Knex transaction is also a query builder.
      if (parent.callee === node) return;
      uses.passed = true;
      uses.passedTo.push(parent);
      return;
    case AST_NODE_TYPES.NewExpression:
      // `new PgTransaction(client)`: an object that owns the connection from now on.
      if (parent.callee !== node) uses.handedOver = true;
      return;
    case AST_NODE_TYPES.Property:
      if (
        parent.value === node &&
        parent.parent.type === AST_NODE_TYPES.ObjectExpression &&
        isCallArgument(parent.parent)
      ) {
        // `User.create(data, { transaction: t })`.
        uses.passed = true;
        return;
      }
      break;
    default:
      break;
  }
  uses.handedOver = true;
}

/** `on('notification', …)` / `on('notice', …)`: PostgreSQL `LISTEN` events, for which a connection stays checked out. */
function isNotificationEvent(call: TSESTree.CallExpression): boolean {
  const event = call.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && (event.value === 'notification' || event.value === 'notice');
}

/** Whether an object literal is (nested in) an argument of a call: `f(x, { transaction: t })`. */
function isCallArgument(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  while (
    current.parent?.type === AST_NODE_TYPES.Property &&
    current.parent.value === current &&
    current.parent.parent.type === AST_NODE_TYPES.ObjectExpression
  )
    current = current.parent.parent;
  const parent = current.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(current as TSESTree.CallExpressionArgument)
  );
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The `try` statements of a function, not those of nested functions. */
function collectTries(fn: FunctionNode, keys: VisitorKeys): TSESTree.TryStatement[] {
  const tries: TSESTree.TryStatement[] = [];
  walk(fn.body, keys, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.TryStatement) tries.push(node);
    return undefined;
  });
  return tries;
}

/** Whether a statement (or expression) contains one of the calls, outside nested functions. */
function containsAny(node: TSESTree.Node, calls: readonly TSESTree.Node[]): boolean {
  return calls.some((call) => contains(node, call) && !crossesFunction(call, node));
}

/** Whether a function lies between `node` and its ancestor `top`. */
function crossesFunction(node: TSESTree.Node, top: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== top; current = current.parent)
    if (isFunctionNode(current)) return true;
  return false;
}

/** The statements of the block-like node around a statement, or `null`. */
function getStatementList(node: TSESTree.Node): readonly TSESTree.Node[] | null {
  const parent = node.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) return parent.body;
  if (parent.type === AST_NODE_TYPES.SwitchCase) return parent.consequent;
  return null;
}

/**
 * A `return` or `throw` after the checkout that leaves the function with the value still checked out:
 * no give-back before it on its way up to the checkout's block, none in its own argument, and (for a
 * `throw`) no `catch` around it between it and the checkout.
 */
function findLeakingExit(
  checkout: Checkout,
  ends: readonly TSESTree.CallExpression[],
  keys: VisitorKeys,
): TSESTree.ReturnStatement | TSESTree.ThrowStatement | null {
  const { fn, call } = checkout;
  const start = call.range[1];
  let found: TSESTree.ReturnStatement | TSESTree.ThrowStatement | null = null;
  walk(fn.body, keys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type !== AST_NODE_TYPES.ReturnStatement && node.type !== AST_NODE_TYPES.ThrowStatement) return undefined;
    if (node.range[1] <= start) return false;
    if (node.range[0] < start) return undefined;
    if (node.argument && containsAny(node.argument, ends)) return false;
    // Leaving from a `catch` is the error path, judged by what that `catch` gives back.
    if (isInCatch(node)) return false;
    if (isExitCovered(node, call, ends)) return false;
    found = node;
    return false;
  });
  return found;
}

/**
 * Whether the exit runs only with the value given back: a give-back precedes it on its way up to the
 * statement list holding the checkout, or a `catch` catches the `throw`. An exit on another branch than
 * the checkout (`if (a) { checkout } else { return }`) never sees the value, so it is covered too.
 */
function isExitCovered(
  exit: TSESTree.ReturnStatement | TSESTree.ThrowStatement,
  checkout: TSESTree.CallExpression,
  ends: readonly TSESTree.CallExpression[],
): boolean {
  if (isOnOtherBranch(exit, checkout)) return true;
  if (exit.type === AST_NODE_TYPES.ThrowStatement) {
    for (let node: TSESTree.Node = exit; node.parent && !isFunctionNode(node); node = node.parent)
      if (node.parent.type === AST_NODE_TYPES.TryStatement && node.parent.block === node && node.parent.handler)
        return true;
  }
  const after = (end: TSESTree.Node): boolean => end.range[0] > checkout.range[1];
  const laterEnds = ends.filter(after);
  for (let current: TSESTree.Node = exit; current.parent && !isFunctionNode(current); current = current.parent) {
    const list = getStatementList(current);
    if (!list) continue;
    const index = list.indexOf(current);
    const holder = list.findIndex((statement) => contains(statement, checkout));
    const from = holder >= 0 ? holder : 0;
    for (let i = from; i < index; i += 1) if (containsAny(list[i]!, laterEnds)) return true;
    if (holder >= 0) return false;
  }
  return false;
}

/** Whether a node is in a `catch` clause of its function. */
function isInCatch(node: TSESTree.Node): boolean {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent)
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
  return false;
}

/** Whether two nodes sit on different branches of one `if`, `?:`, `switch` or logical expression. */
function isOnOtherBranch(a: TSESTree.Node, b: TSESTree.Node): boolean {
  let common: TSESTree.Node | undefined = a.parent;
  while (common && !contains(common, b)) common = common.parent;
  return (
    common?.type === AST_NODE_TYPES.IfStatement ||
    common?.type === AST_NODE_TYPES.ConditionalExpression ||
    common?.type === AST_NODE_TYPES.SwitchStatement ||
    common?.type === AST_NODE_TYPES.LogicalExpression
  );
}

/**
 * The first call, `new` or `await` between the checkout and the last give-back (source order) that can
 * throw past every give-back: not itself a give-back, not a `console` call, and not inside a `try`
 * whose `catch` swallows errors (neither rethrows nor returns).
 */
function findThrower(
  fn: FunctionNode,
  start: number,
  end: number,
  ends: readonly TSESTree.CallExpression[],
  tries: readonly TSESTree.TryStatement[],
  keys: VisitorKeys,
): TSESTree.Node | null {
  // A `catch` that swallows the error lets the code after its `try` run: a give-back there still happens.
  const swallowing = tries.filter(
    (statement) =>
      statement.handler &&
      !exits(statement.handler.body, keys) &&
      !ends.some((call) => contains(statement.block, call)),
  );
  let found: TSESTree.Node | null = null;
  walk(fn.body, keys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.range[1] <= start || node.range[0] >= end) return false;
    if (
      node.type !== AST_NODE_TYPES.CallExpression &&
      node.type !== AST_NODE_TYPES.NewExpression &&
      node.type !== AST_NODE_TYPES.AwaitExpression &&
      node.type !== AST_NODE_TYPES.ThrowStatement
    )
      return undefined;
    if (node.range[0] < start) return undefined;
    if (ends.some((call) => call === node || (node.type === AST_NODE_TYPES.AwaitExpression && node.argument === call)))
      return false;
    if (isConsoleCall(node)) return false;
    if (swallowing.some((statement) => contains(statement.block, node))) return false;
    found = node;
    return false;
  });
  return found;
}

function isConsoleCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'console'
  );
}

/** Whether a block leaves by `throw` or `return` somewhere (outside nested functions). */
function exits(block: TSESTree.BlockStatement, keys: VisitorKeys): boolean {
  let found = false;
  walk(block, keys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ThrowStatement || node.type === AST_NODE_TYPES.ReturnStatement) found = true;
    return !found;
  });
  return found;
}
