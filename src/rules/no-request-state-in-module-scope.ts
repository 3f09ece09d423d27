import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { describeServingContext, type FunctionNode, type ServingIndex } from '../frameworks/index.js';
import { getServingIndex } from '../project-index/index.js';
import {
  getBindingOrigin,
  getMemberName,
  isFunctionNode,
  scopeOf,
  skipTypeWrappers,
  walk,
} from '../shared/ast/index.js';
import { BOUNDED_CACHE_MODULES } from '../shared/bounded-caches.js';
import { createRule } from '../shared/create-rule.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import {
  classifyReference,
  findModuleBindings,
  getSlotText,
  type ModuleBinding,
  type Write,
} from './no-request-state-in-module-scope-utils/module-state.js';
import {
  isRequestInput,
  isRequestValue,
  type RequestValueContext,
} from './no-request-state-in-module-scope-utils/request-values.js';

export type Options = [{ allowedNames?: string[] }];
export type MessageIds = 'requestStateInModuleScope';

/** The opt-out comment on a declaration: `// api-audit: process-local` (a reason may follow). */
const PROCESS_LOCAL = /^[\s*]*api-audit:\s*process-local\b/u;

export default createRule<Options, MessageIds>({
  name: 'no-request-state-in-module-scope',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow module-level mutable state written while a request is being served',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    messages: {
      requestStateInModuleScope:
        '`{{ name }}` is module state, written by `{{ write }}` while serving {{ where }}: each process has its own copy, shared by every request; keep it in a database or Redis, use a bounded cache, or mark the declaration `// api-audit: process-local`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowedNames: {
            type: 'array',
            description:
              'Module-level binding names never to report (for example `clients` for a registry of live connections).',
            items: { type: 'string' },
          },
        },
      },
    ],
    defaultOptions: [{ allowedNames: [] }],
  },
  create(context, [options]) {
    const settings = getSettings(context);
    // Scripts, workers and tests never serve a request.
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const allowed = new Set(options.allowedNames);
    return {
      'Program:exit'() {
        const { sourceCode } = context;
        const globalScope = sourceCode.scopeManager!.globalScope!;
        // The module's own mutable bindings first (scope references only): most files have none and
        // never ask for the route model.
        const bindings = findModuleBindings(globalScope).filter(
          (binding) =>
            !allowed.has(binding.name) &&
            !isMarkedProcessLocal(binding, sourceCode) &&
            !isHandedToBoundedCache(binding, globalScope),
        );
        if (bindings.length === 0) return;
        const index = getServingIndex(context);
        if (index.functions.size === 0) return;
        const values: RequestValueContext = { globalScope, keys: sourceCode.visitorKeys, functions: index.functions };
        for (const binding of bindings) checkBinding(context, binding, index, values);
      },
    };
  },
});

/** A write inside the request path, with the serving function it is in (a handler, middleware or helper). */
interface ServedWrite {
  write: Write;
  fn: FunctionNode;
}

function checkBinding(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  binding: ModuleBinding,
  index: ServingIndex,
  values: RequestValueContext,
): void {
  const { sourceCode } = context;
  const program = sourceCode.ast;
  const writes: ServedWrite[] = [];
  // A collection that code outside the request path reads and empties (a timer's flush) is a buffer
  // of pending work, filled per request on purpose: `events.push(e)` … `setInterval(() =>
  // save(events.splice(0)))`, download counts summed per package and written to the database.
  let flushed = false;
  for (const reference of binding.variable.references) {
    if (reference.init || reference.from.variableScope.block === program) continue;
    const write = classifyReference(reference, binding, sourceCode);
    if (write === null || write === 'once') continue;
    const fn = getServingFunction(write.node, index);
    if (fn) writes.push({ write, fn });
    else if (!flushed && binding.shape !== null && isFlush(write, reference, binding)) flushed = true;
  }
  if (flushed) return;
  if (writes.length === 0) return;
  const reported = writes.filter(
    (served) => served.write.kind !== 'remove' && isReportable(served, writes, binding, values, sourceCode),
  );
  if (reported.length === 0) return;
  // Taking entries out is reported too once the binding is filled per request (a `DELETE` route of a
  // store the `POST` route fills), but not the clean-up of a per-request registry.
  for (const served of writes)
    if (served.write.kind === 'remove' && !isCleanUp(served.write.node, served.fn)) reported.push(served);
  // One report per serving function and binding (`get`, `set` and `delete` in one handler are one
  // problem), at its first write that adds or changes; at its first removal when it only removes.
  const rank = (served: ServedWrite): number =>
    (served.write.kind === 'remove' ? program.range[1] : 0) + served.write.node.range[0];
  reported.sort((a, b) => rank(a) - rank(b));
  const seen = new Set<FunctionNode>();
  for (const { write, fn } of reported) {
    if (seen.has(fn)) continue;
    seen.add(fn);
    context.report({
      node: write.node,
      messageId: 'requestStateInModuleScope',
      data: { name: binding.name, write: write.text, where: describeServingContext(index.functions.get(fn)!) },
    });
  }
}

/**
 * Whether a write outside the request path empties the whole collection (`x.splice(0)`, `x.length = 0`,
 * `x.clear()`, `x = []`, `x = new Map()`) in a function that also reads what it held (the items
 * `splice` returns, a loop over it, a copy taken first). Clearing without reading (a rate-limit
 * window's reset) is not a flush.
 */
function isFlush(write: Write, reference: TSESLint.Scope.Reference, binding: ModuleBinding): boolean {
  const node = write.node;
  let empties = false;
  let reads = false;
  if (write.kind === 'remove' && node.type === AST_NODE_TYPES.CallExpression) {
    const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(node.callee) : null;
    const first = node.arguments[0];
    if (method === 'clear') empties = true;
    if (method === 'splice' && first?.type === AST_NODE_TYPES.Literal && first.value === 0) {
      empties = true;
      reads = node.parent?.type !== AST_NODE_TYPES.ExpressionStatement;
    }
  } else if (write.kind === 'remove' && node.type === AST_NODE_TYPES.AssignmentExpression) {
    empties = node.right.type === AST_NODE_TYPES.Literal && node.right.value === 0;
  } else if (write.kind === 'assign' && write.value) {
    const value = skipTypeWrappers(write.value);
    empties =
      (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0) ||
      (value.type === AST_NODE_TYPES.ObjectExpression && value.properties.length === 0) ||
      (value.type === AST_NODE_TYPES.NewExpression && value.arguments.length === 0 && binding.shape !== 'object');
  }
  if (!empties) return false;
  if (reads) return true;
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn) return false;
  const [start, end] = fn.range;
  return binding.variable.references.some(
    (other) =>
      other !== reference &&
      other.isRead() &&
      other.identifier.range[0] >= start &&
      other.identifier.range[1] <= end &&
      !isWithin(other.identifier, node),
  );
}

function isWithin(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** The innermost function around `node` that the serving index knows (nested callbacks are seen through). */
function getServingFunction(node: TSESTree.Node, index: ServingIndex): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent)
    if (isFunctionNode(current) && index.functions.has(current)) return current;
  return null;
}

/**
 * Whether a write in the request path is one to report. Not reported: once-only writes (a lazy
 * singleton behind its own emptiness, a block behind a module flag it sets), a value replaced by one
 * that does not come from the request, a per-request registry (entries taken out again when the
 * request or connection ends), a collection bounded by hand, and a cache filled under keys that do not
 * come from the request.
 */
function isReportable(
  served: ServedWrite,
  writes: readonly ServedWrite[],
  binding: ModuleBinding,
  values: RequestValueContext,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const { write, fn } = served;
  if (isOnceGuarded(write, fn, values)) return false;
  const target = targetText(write.target, sourceCode);
  const sameTarget = (other: ServedWrite): boolean =>
    other.fn === fn && targetText(other.write.target, sourceCode) === target;
  switch (write.kind) {
    case 'assign':
      return write.value !== null && isRequestValue(write.value, values);
    case 'update': {
      // An in-flight counter: counted up, and down again when the request ends.
      const paired = writes.some(
        (other) =>
          other !== served &&
          sameTarget(other) &&
          other.write.kind === 'update' &&
          Boolean(other.write.decrement) !== Boolean(write.decrement) &&
          (isCleanUp(other.write.node, fn) || isCleanUp(write.node, fn)),
      );
      return !paired;
    }
    case 'grow': {
      // A registry of what is in flight (`inflight.add(id)` … `finally { inflight.delete(id) }`) or of
      // open connections (`clients.add(res)` … `req.on('close', () => clients.delete(res))`).
      if (writes.some((other) => sameTarget(other) && other.write.kind === 'remove' && isCleanUp(other.write.node, fn)))
        return false;
      if (isBoundedByHand(binding, target, sourceCode)) return false;
      if (write.memo || isCacheFill(write, fn, target, sourceCode))
        return write.key !== null && isRequestInput(write.key, values);
      return true;
    }
    default:
      return false;
  }
}

/** The text of a written target, with type wrappers and spacing normalised. */
function targetText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return getSlotText(node) ?? sourceCode.getText(node).replaceAll(/\s+/gu, '');
}

/** Whether `node` runs when the work of `fn` ends: in a `finally` block or in a callback nested in `fn`. */
function isCleanUp(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current: TSESTree.Node | undefined = node; current && current !== fn; current = current.parent) {
    if (isFunctionNode(current.parent) && current.parent !== fn) return true;
    if (current.parent?.type === AST_NODE_TYPES.TryStatement && current.parent.finalizer === current) return true;
  }
  return false;
}

/**
 * A cache fill: the same function looks the entry up under the same key before it writes it
 * (`if (!m.has(k)) m.set(k, v)`, `m.get(k) ?? …`, `if (!(k in o)) o[k] = v`, `if (!a.includes(v))
 * a.push(v)`), and the value written is not made from the old one (a count is not a cache).
 */
function isCacheFill(
  write: Write,
  fn: FunctionNode,
  target: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  if (write.key === null) return false;
  // `m.set(k, (m.get(k) ?? 0) + 1)` counts: the new value is made from the old one.
  if (write.node.type === AST_NODE_TYPES.CallExpression && write.node.arguments.length > 1) {
    const value = write.node.arguments[1]!;
    const pattern = new RegExp(`(?<![\\w$.])${target.replaceAll('.', '\\.').replaceAll('$', '\\$')}(?![\\w$])`, 'u');
    if (pattern.test(sourceCode.getText(value))) return false;
  }
  const key = sourceCode.getText(write.key);
  let found = false;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    // Only a lookup made before the write guards it.
    if (found || node.range[0] >= write.node.range[0]) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : null;
      if (
        method !== null &&
        ['has', 'get', 'includes', 'indexOf', 'hasOwnProperty'].includes(method) &&
        targetText(node.callee.object, sourceCode) === target &&
        node.arguments[0] !== undefined &&
        sourceCode.getText(node.arguments[0]) === key
      )
        found = true;
    } else if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) {
      if (targetText(node.object, sourceCode) === target && sourceCode.getText(node.property) === key) found = true;
    } else if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'in') {
      if (targetText(node.right, sourceCode) === target && sourceCode.getText(node.left) === key) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * A collection the file keeps bounded itself: its size or length is compared somewhere
 * (`if (cache.size > 1000)`) and something takes entries out of it.
 */
function isBoundedByHand(binding: ModuleBinding, target: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let compared = false;
  let removed = false;
  for (const reference of binding.variable.references) {
    let node: TSESTree.Node = reference.identifier;
    while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
      const member: TSESTree.MemberExpression = node.parent;
      const name = member.property.type === AST_NODE_TYPES.Identifier && !member.computed ? member.property.name : null;
      if ((name === 'size' || name === 'length') && targetText(node, sourceCode) === target) {
        const parent = member.parent;
        if (parent?.type === AST_NODE_TYPES.BinaryExpression && /^[<>]=?$|^[!=]==?$/u.test(parent.operator))
          compared = true;
      }
      if (
        name !== null &&
        ['delete', 'clear', 'shift', 'pop', 'splice'].includes(name) &&
        member.parent?.type === AST_NODE_TYPES.CallExpression
      )
        removed = true;
      node = member;
    }
    if (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'delete') removed = true;
  }
  return compared && removed;
}

/**
 * Once-only writes: inside an `if` (or `a || (a = …)`, `!a && (a = …)`, `a ? … : …`) whose test checks
 * that a module binding or slot is still empty and whose guarded code assigns it (`if (!client) client =
 * create()`, `if (!ready) { routes.set(…); ready = true; }`), or after an early return on the written
 * binding itself (`if (client) return client; client = create();`).
 */
function isOnceGuarded(write: Write, fn: FunctionNode, values: RequestValueContext): boolean {
  const own = write.kind === 'assign' ? getSlotText(write.target) : null;
  for (let node: TSESTree.Node = write.node; node.parent && node !== fn; node = node.parent) {
    const parent = node.parent;
    let test: TSESTree.Node | null = null;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === node) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === node) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === node)
      test = parent.operator === '||' || parent.operator === '??' ? negate(parent.left) : parent.left;
    if (test) {
      for (const flag of getEmptinessChecks(test, values))
        if (flag === own || assignsSlot(node, flag, values)) return true;
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement && own !== null) {
      for (const statement of parent.body) {
        if (statement === node) break;
        if (
          statement.type === AST_NODE_TYPES.IfStatement &&
          endsWithExit(statement.consequent) &&
          getModuleFlags(statement.test, values).includes(own)
        )
          return true;
      }
    }
  }
  return false;
}

/** A marker for `a || (a = …)`: the right side runs when `a` is empty. */
interface Negated {
  type: 'Negated';
  expression: TSESTree.Node;
}

function negate(node: TSESTree.Node): TSESTree.Node {
  return { type: 'Negated', expression: node } as unknown as TSESTree.Node;
}

/**
 * The module bindings and slots a test finds empty when it passes: `!x`, `x == null`, `x === undefined`,
 * `typeof x === 'undefined'`, `x === false`, and any of those as one side of `||` (or one operand of `&&`).
 */
function getEmptinessChecks(test: TSESTree.Node, values: RequestValueContext): string[] {
  const node = test as TSESTree.Node | Negated;
  if (node.type === 'Negated') {
    const inner = (node as Negated).expression;
    return isModuleSlot(inner, values) ? [getSlotText(inner)!] : [];
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!')
    return isModuleSlot(node.argument, values) ? [getSlotText(node.argument)!] : [];
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '??')
    return [...getEmptinessChecks(node.left, values), ...getEmptinessChecks(node.right, values)];
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '==' || node.operator === '===')) {
    for (const [side, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as const) {
      const subject = side.type === AST_NODE_TYPES.UnaryExpression && side.operator === 'typeof' ? side.argument : side;
      const empty =
        (other.type === AST_NODE_TYPES.Literal &&
          (other.value === null || other.value === false || other.value === 'undefined')) ||
        (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined');
      if (empty && isModuleSlot(subject, values)) return [getSlotText(subject)!];
    }
  }
  return [];
}

function isModuleSlot(node: TSESTree.Node, values: RequestValueContext): boolean {
  if (getSlotText(node) === null) return false;
  let root: TSESTree.Node = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  return root.type === AST_NODE_TYPES.Identifier && isModuleBinding(root, values);
}

/** The module bindings and their slots (`client`, `state.ready`) a test expression reads. */
function getModuleFlags(test: TSESTree.Node, values: RequestValueContext): string[] {
  const flags: string[] = [];
  walk(test, values.keys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) {
      const slot = getSlotText(node);
      let root: TSESTree.Node = node;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
      if (slot !== null && root.type === AST_NODE_TYPES.Identifier && isModuleBinding(root, values)) flags.push(slot);
    }
    return undefined;
  });
  return flags;
}

function isModuleBinding(identifier: TSESTree.Identifier, values: RequestValueContext): boolean {
  const scope = scopeOf(values.globalScope, identifier);
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(identifier.name);
    if (variable) return variable.scope.variableScope.block.type === AST_NODE_TYPES.Program && variable.defs.length > 0;
  }
  return false;
}

/** Whether `node` assigns the module binding or slot `flag` (`ready = true`, `state.ready = true`). */
function assignsSlot(node: TSESTree.Node, flag: string, values: RequestValueContext): boolean {
  let found = false;
  walk(node, values.keys, (current) => {
    if (found) return false;
    if (current.type === AST_NODE_TYPES.AssignmentExpression && getSlotText(current.left) === flag) found = true;
    return undefined;
  });
  return found;
}

/** Whether a statement always leaves the function or block: `return`, `throw`, or a block ending in one. */
function endsWithExit(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement)
    return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return last !== undefined && endsWithExit(last);
}

/**
 * Whether the module hands the binding to a bounded cache library at its top level
 * (`new Keyv({ store: sessions })`, `new LRUCache(…)` wrapping it): the library bounds it.
 */
function isHandedToBoundedCache(binding: ModuleBinding, globalScope: TSESLint.Scope.Scope): boolean {
  for (const reference of binding.variable.references) {
    let node: TSESTree.Node = reference.identifier;
    if (node.parent?.type === AST_NODE_TYPES.Property && node.parent.value === node) node = node.parent.parent;
    const call = node.parent;
    if (
      (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) ||
      !call.arguments.includes(node as TSESTree.CallExpressionArgument)
    )
      continue;
    let callee: TSESTree.Node = call.callee;
    while (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
    if (callee.type !== AST_NODE_TYPES.Identifier) continue;
    const origin = getBindingOrigin(callee, scopeOf(globalScope, callee));
    if (origin && BOUNDED_CACHE_MODULES.has(origin.module)) return true;
  }
  return false;
}

/** Whether the declaration carries the opt-out comment, before it or at the end of its line. */
function isMarkedProcessLocal(binding: ModuleBinding, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const before = sourceCode.getCommentsBefore(binding.statement);
  if (before.some((comment) => PROCESS_LOCAL.test(comment.value))) return true;
  const line = binding.statement.loc.end.line;
  return sourceCode
    .getAllComments()
    .some(
      (comment) =>
        comment.loc.start.line === line &&
        comment.range[0] >= binding.statement.range[1] &&
        PROCESS_LOCAL.test(comment.value),
    );
}
