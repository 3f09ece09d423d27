import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../frameworks/index.js';
import {
  findVariable,
  getCalleeName,
  getConstantInit,
  getMethodCall,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import { INPUT_SOURCES, isValidationCall, type InputSource } from '../../shared/input-validation.js';
import { normalize, type InputTracker, type InputValue } from './inputs.js';
import { getPathJoinArguments, type SinkKind } from './sinks.js';

/** Methods on a list or set whose argument is checked against it (`ALLOWED.includes(x)`). */
const MEMBERSHIP_METHODS: ReadonlySet<string> = new Set(['includes', 'has', 'indexOf']);
/** Methods on a string that check it (`x.match(/…/)`, `file.startsWith(root)`). */
const CHECKED_RECEIVER_METHODS: ReadonlySet<string> = new Set(['match', 'startsWith', 'endsWith']);
/** Global checks of a value's type or form. */
const CHECK_FUNCTIONS: ReadonlySet<string> = new Set(['isArray', 'isInteger', 'isSafeInteger', 'isFinite', 'isNaN']);
/** Names of checking functions (`isUUID(x)`, `validator.isEmail(x)`, `isValidSlug(x)`). */
const CHECK_NAME = /^(?:is|has|check|ensure|verify|sanitize)[A-Z_]/u;

/**
 * The source texts a handler checks before use: `typeof x`, `R.test(x)`, `x.match(R)`, `ALLOWED.includes(x)`,
 * `SET.has(x)`, `x in MAP`, `x === 'asc'`, `x instanceof T`, `switch (x)`, `Array.isArray(x)`,
 * `isUUID(x)`, `validator.isEmail(x)`. A value checked anywhere in the handler counts as checked: the
 * rule does not argue about branches.
 */
export function collectGuards(
  fn: FunctionNode,
  keys: VisitorKeys,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Set<string> {
  const guarded = new Set<string>();
  const add = (node: TSESTree.Node | null | undefined): void => {
    if (node && node.type !== AST_NODE_TYPES.SpreadElement)
      guarded.add(normalize(sourceCode.getText(skipExpressionWrappers(node))));
  };
  walk(fn.body, keys, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'typeof') add(node.argument);
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === 'in' || node.operator === 'instanceof') add(node.left);
        else if (['===', '!==', '==', '!='].includes(node.operator)) {
          if (isCheckedAgainst(node.right)) add(node.left);
          if (isCheckedAgainst(node.left)) add(node.right);
        }
        break;
      case AST_NODE_TYPES.SwitchStatement:
        add(node.discriminant);
        break;
      case AST_NODE_TYPES.CallExpression: {
        const method = getMethodCall(node)?.method;
        const name = getCalleeName(skipExpressionWrappers(node.callee));
        if (method === 'test' || (method !== undefined && MEMBERSHIP_METHODS.has(method))) add(node.arguments[0]);
        else if (method !== undefined && CHECKED_RECEIVER_METHODS.has(method)) add(getMethodCall(node)!.object);
        else if (name !== null && CHECK_FUNCTIONS.has(name)) add(node.arguments[0]);
        // `isUUID(id)`, `verifyDataroomSession(request, linkId, dataroomId)`: each value it is given.
        else if (name !== null && CHECK_NAME.test(name)) for (const argument of node.arguments) add(argument);
        break;
      }
      default:
        break;
    }
    return true;
  });
  return guarded;
}

/** A literal, a constant, an enum member: what `x === …` compares against to pin `x` down (not `null`/`undefined`). */
function isCheckedAgainst(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value !== null;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return inner.expressions.length === 0;
  if (inner.type === AST_NODE_TYPES.Identifier) return /^[A-Z][A-Z0-9_]*$/u.test(inner.name);
  return (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    !inner.computed &&
    /^[A-Z]/u.test(getCalleeName(inner.object) ?? '')
  );
}

/**
 * The inputs a handler validates itself: every call that validates ({@link isValidationCall}: a schema
 * `parse`/`validate`, `validationResult(req)`, one of `additionalValidators`) marks the inputs its
 * arguments hold as validated, all of them when it is given the request object itself. Where the call
 * sits does not matter (a `safeParse` whose failure returns early, a `validate` before the query).
 */
export function collectValidatedSources(
  fn: FunctionNode,
  keys: VisitorKeys,
  globalScope: TSESLint.Scope.Scope,
  tracker: InputTracker,
  additionalValidators: readonly string[],
): Set<InputSource> {
  const sources = new Set<InputSource>();
  walk(fn.body, keys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || !isValidationCall(node, globalScope, additionalValidators))
      return true;
    for (const argument of node.arguments) {
      if (tracker.isRequest(argument)) for (const source of INPUT_SOURCES) sources.add(source);
      for (const { input } of collectInputs(argument, 'any', tracker, globalScope)) sources.add(input.source);
    }
    return true;
  });
  return sources;
}

/** One input found in a value that reaches a sink, and where. */
export interface InputUse {
  node: TSESTree.Node;
  input: InputValue;
}

const MAX_DEPTH = 6;

/**
 * The inputs a value given to a sink carries, each at the expression that carries it: the value itself,
 * or the parts it is built from that keep the client's data: properties and elements of object and
 * array literals (a filter `{ where: { email } }`), both branches of `?:`/`??`/`||`, and, except for a
 * database (where text is bound as a parameter), the parts of template literals, `+` concatenations
 * and `path.join`/`path.resolve` calls. A handler-local `const` holding such a literal is followed.
 */
export function collectInputs(
  value: TSESTree.Node,
  kind: SinkKind | 'any',
  tracker: InputTracker,
  globalScope: TSESLint.Scope.Scope,
  depth = 0,
): InputUse[] {
  if (depth > MAX_DEPTH) return [];
  const input = tracker.inputOf(value);
  if (input) return [{ node: value, input }];
  const recurse = (node: TSESTree.Node | null): InputUse[] =>
    node ? collectInputs(node, kind, tracker, globalScope, depth + 1) : [];
  let inner = skipExpressionWrappers(value);
  while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
  const text = kind !== 'database';
  // An object or array sent as the response is serialised as JSON, never rendered.
  if (
    kind === 'response' &&
    (inner.type === AST_NODE_TYPES.ObjectExpression || inner.type === AST_NODE_TYPES.ArrayExpression)
  )
    return [];
  switch (inner.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return inner.properties.flatMap((property) =>
        property.type === AST_NODE_TYPES.SpreadElement ? recurse(property.argument) : recurse(property.value),
      );
    case AST_NODE_TYPES.ArrayExpression:
      return inner.elements.flatMap((element) =>
        element?.type === AST_NODE_TYPES.SpreadElement ? recurse(element.argument) : recurse(element),
      );
    case AST_NODE_TYPES.ConditionalExpression:
      return [...recurse(inner.consequent), ...recurse(inner.alternate)];
    case AST_NODE_TYPES.LogicalExpression:
      return [...recurse(inner.left), ...recurse(inner.right)];
    case AST_NODE_TYPES.TemplateLiteral:
      return text ? inner.expressions.flatMap((expression) => recurse(expression)) : [];
    case AST_NODE_TYPES.BinaryExpression:
      return text && inner.operator === '+' ? [...recurse(inner.left), ...recurse(inner.right)] : [];
    case AST_NODE_TYPES.CallExpression: {
      if (!text) return [];
      const args = getPathJoinArguments(inner, globalScope);
      return args ? args.flatMap((argument) => recurse(argument)) : [];
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scopeOf(globalScope, inner), inner);
      const init = getConstantInit(variable);
      return init && isBuilt(init) ? recurse(init) : [];
    }
    default:
      return [];
  }
}

/** A literal or expression that builds a value from parts, which {@link collectInputs} looks into. */
function isBuilt(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return (
    inner.type === AST_NODE_TYPES.ObjectExpression ||
    inner.type === AST_NODE_TYPES.ArrayExpression ||
    inner.type === AST_NODE_TYPES.TemplateLiteral ||
    inner.type === AST_NODE_TYPES.BinaryExpression ||
    inner.type === AST_NODE_TYPES.ConditionalExpression ||
    inner.type === AST_NODE_TYPES.LogicalExpression ||
    inner.type === AST_NODE_TYPES.CallExpression
  );
}

/** Calls that authenticate the sender of a request: a webhook or job signature check. */
const SIGNATURE_CHECK = /^verify\w*(?:Signature|Webhook|Request)|Signature$|^constructEvent(?:Async)?$/u;

/**
 * Whether the handler only serves a trusted caller: it compares something with a secret from
 * configuration (`token !== process.env.INTERNAL_API_KEY`) or verifies a signature
 * (`verifyQstashSignature(…)`, `verifyWebhookSignature(…)`, Stripe's `webhooks.constructEvent(…)`).
 * Such a body is another service's, checked for who sent it; the rule leaves it alone.
 */
export function isTrustedCaller(fn: FunctionNode, keys: VisitorKeys): boolean {
  let trusted = false;
  walk(fn.body, keys, (node) => {
    if (trusted) return false;
    if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
      trusted = isConfiguration(node.left) || isConfiguration(node.right);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = getCalleeName(skipExpressionWrappers(node.callee));
      trusted = name !== null && SIGNATURE_CHECK.test(name);
    }
    return !trusted;
  });
  return trusted;
}

/** `process.env.X` (also `process.env['X']`). */
function isConfiguration(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(inner.object);
  return (
    object.type === AST_NODE_TYPES.MemberExpression &&
    object.object.type === AST_NODE_TYPES.Identifier &&
    object.object.name === 'process' &&
    getCalleeName(object) === 'env'
  );
}
