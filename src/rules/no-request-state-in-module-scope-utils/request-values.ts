import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, ServingContext } from '../../frameworks/index.js';
import { findVariable, isFunctionNode, scopeOf, walk, type VisitorKeys } from '../../shared/ast/index.js';

/** What {@link isRequestValue} needs to know about the file. */
export interface RequestValueContext {
  globalScope: TSESLint.Scope.Scope;
  keys: VisitorKeys;
  /** The serving index's functions: handlers, middleware and the same-file functions they call. */
  functions: ReadonlyMap<FunctionNode, ServingContext>;
}

const MAX_DEPTH = 6;

/**
 * Whether an expression carries a value taken from the request being served: it reads a parameter of
 * the handler or middleware (`req`, `ctx`, `c`, a Nest `@Body()` DTO), a local bound to one
 * (`const { id } = req.params`, `const user = await load(req.params.id)`), a parameter of a callback
 * called on one (`req.body.items.map((item) => …)`), or a parameter of a same-file helper that some
 * call site passes such a value. Anything not traced to the request (constants, imports, module
 * bindings, `this`) is not.
 */
export function isRequestValue(node: TSESTree.Node, context: RequestValueContext): boolean {
  return readsRequest(node, { ...context, strict: false }, 0, new Set());
}

/**
 * {@link isRequestValue}, taken as written rather than computed: the request's own fields and accessors
 * (`req.params.id`, `req.get('Idempotency-Key')`, `c.req.header('x-forwarded-for')`, `await c.req.json()`),
 * string conversions of them, and locals and helper arguments bound to those. A value a call computes
 * or looks up from one (`getCacheKey(await loadConnection(req.cookies.sso))`) is not: it names a thing
 * the service knows (a configured connection, a stored record), whose number the request does not set.
 */
export function isRequestInput(node: TSESTree.Node, context: RequestValueContext): boolean {
  return readsRequest(node, { ...context, strict: true }, 0, new Set());
}

/** Global functions that hand their argument on as a string or number. */
const CONVERSIONS = new Set(['String', 'Number', 'encodeURIComponent', 'decodeURIComponent']);

/** Methods that return their input parsed or validated (`JSON.parse`, zod's `parse`, Joi's `validate`). */
const PASS_THROUGH_METHODS = new Set(['parse', 'safeParse', 'parseAsync', 'validate', 'validateSync', 'validateAsync']);

type TaintContext = RequestValueContext & { strict: boolean };

function readsRequest(
  node: TSESTree.Node,
  context: TaintContext,
  depth: number,
  seen: Set<TSESLint.Scope.Variable>,
): boolean {
  if (depth > MAX_DEPTH) return false;
  let found = false;
  walk(node, context.keys, (current) => {
    if (found) return false;
    if (
      context.strict &&
      (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression)
    ) {
      // A method of a request value (`req.get(…)`, `c.req.json()`) reads the request; any other call computes.
      const callee = current.callee;
      if (current.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression) {
        found = readsRequest(callee.object, context, depth + 1, seen);
        // Parsing and validation hand the input on: `JSON.parse(raw)`, `schema.parse(body)`.
        const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
        if (!found && method !== null && PASS_THROUGH_METHODS.has(method))
          found = current.arguments.some((argument) => readsRequest(argument, context, depth + 1, seen));
      } else if (callee.type === AST_NODE_TYPES.Identifier && CONVERSIONS.has(callee.name))
        found = current.arguments.some((argument) => readsRequest(argument, context, depth + 1, seen));
      return false;
    }
    if (current.type !== AST_NODE_TYPES.Identifier || isPropertyName(current)) return;
    const variable = findVariable(scopeOf(context.globalScope, current), current);
    if (!variable || seen.has(variable)) return;
    seen.add(variable);
    if (variableReadsRequest(variable, context, depth, seen)) found = true;
  });
  return found;
}

/** A non-computed member or property key (`x.name`, `{ name: … }`), which names no binding. */
function isPropertyName(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === identifier && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition)
    return (
      parent.key === identifier && !parent.computed && !(parent.type === AST_NODE_TYPES.Property && parent.shorthand)
    );
  return false;
}

function variableReadsRequest(
  variable: TSESLint.Scope.Variable,
  context: TaintContext,
  depth: number,
  seen: Set<TSESLint.Scope.Variable>,
): boolean {
  const def = variable.defs[0];
  if (!def || variable.defs.length !== 1) return false;
  if (def.type === 'Parameter') {
    const fn = def.node;
    if (!isFunctionNode(fn)) return false;
    const serving = context.functions.get(fn);
    // The handler's or middleware's own parameters are the request.
    if (serving?.root === fn) return true;
    if (serving) return helperArgumentReadsRequest(fn, def.name as TSESTree.Node, context, depth, seen);
    // A callback: its parameters come from what it is called on (`req.body.items.map((item) => …)`).
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as TSESTree.Node[]).includes(fn)) return false;
    return call.callee.type === AST_NODE_TYPES.MemberExpression
      ? readsRequest(call.callee.object, context, depth + 1, seen)
      : false;
  }
  if (def.type !== 'Variable') return false;
  // Module-level bindings are not request values.
  if (variable.scope.variableScope.block.type === AST_NODE_TYPES.Program) return false;
  const declarator = def.node;
  if (declarator.init && readsRequest(declarator.init, context, depth + 1, seen)) return true;
  const loop = def.parent.parent;
  if (
    (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) &&
    loop.left === def.parent &&
    readsRequest(loop.right, context, depth + 1, seen)
  )
    return true;
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const parent = reference.identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === reference.identifier &&
      readsRequest(parent.right, context, depth + 1, seen)
    )
      return true;
  }
  return false;
}

/**
 * For a parameter of a same-file helper the serving code calls: whether some call of the helper by
 * name passes a request value in its position.
 */
function helperArgumentReadsRequest(
  fn: FunctionNode,
  name: TSESTree.Node,
  context: TaintContext,
  depth: number,
  seen: Set<TSESLint.Scope.Variable>,
): boolean {
  const index = fn.params.findIndex((param) => param.range[0] <= name.range[0] && name.range[1] <= param.range[1]);
  if (index < 0 || fn.params[index]!.type === AST_NODE_TYPES.RestElement) return false;
  const member = fn.parent;
  if (
    (member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) &&
    member.value === fn
  )
    return methodArgumentReadsRequest(member, index, context, depth, seen);
  let binding: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) binding = fn.id;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    binding = fn.parent.id;
  if (!binding) return false;
  const variable = findVariable(scopeOf(context.globalScope, binding.parent!), binding);
  if (!variable) return false;
  for (const reference of variable.references) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const argument = call.arguments[index];
    if (argument && readsRequest(argument, context, depth + 1, seen)) return true;
  }
  return false;
}

/** For a class method the serving code calls as `this.method(…)`: whether a call passes a request value. */
function methodArgumentReadsRequest(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
  index: number,
  context: TaintContext,
  depth: number,
  seen: Set<TSESLint.Scope.Variable>,
): boolean {
  const name = member.key.type === AST_NODE_TYPES.Identifier && !member.computed ? member.key.name : null;
  const classBody = member.parent;
  if (name === null || member.static) return false;
  let found = false;
  walk(classBody, context.keys, (node) => {
    if (found) return false;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.object.type === AST_NODE_TYPES.ThisExpression &&
      !node.callee.computed &&
      node.callee.property.type === AST_NODE_TYPES.Identifier &&
      node.callee.property.name === name
    ) {
      const argument = node.arguments[index];
      if (argument && readsRequest(argument, context, depth + 1, seen)) found = true;
    }
    return undefined;
  });
  return found;
}
