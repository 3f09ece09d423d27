import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, RouteFacts } from '../../frameworks/types.js';
import {
  findObjectProperty,
  findVariable,
  getConstantInit,
  getDottedName,
  getMemberName,
  getMethodCall,
  getStaticString,
  resolveObjectLiteral,
  scopeOf,
  skipExpressionWrappers,
} from '../../shared/ast/index.js';
import { getBinding, type Frame } from './trace.js';

/** Where a request carries client input that a list read may take its page size from. */
const REQUEST_PARTS: ReadonlySet<string> = new Set(['query', 'body', 'params']);

/** Calls that turn a string into a number without bounding it. */
const NUMBER_CONVERSIONS: ReadonlySet<string> = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Number.parseInt',
  'Number.parseFloat',
]);

/** What the rule found: a page size read from the request without a cap, described as it reads (`req.query.limit`). */
export interface ClientLimit {
  input: string;
}

/**
 * Whether a page size (`take: x`, `.limit(x)`, in `frame`'s module) is the client's value without a
 * cap: read from the request's query string, body or params (`req.query.limit`, `ctx.query.limit`,
 * `request.query.limit`, `c.req.query('limit')`, `searchParams.get('limit')`, NestJS
 * `@Query('limit')`), directly or through `Number()`/`parseInt()`/`+x`/`x || 20`, `const`s,
 * destructuring (`const { limit } = req.query`) and the parameters of the functions the trace entered.
 * Anything else stops it silently: `Math.min`, a conditional, any other call (a `clamp` helper, a
 * schema's `parse`), a reassigned `let`, a validated value (`c.req.valid('query')`, a NestJS DTO). A
 * Fastify route whose `schema.querystring` gives the key a `maximum` caps it (Fastify validates the
 * querystring before the handler runs; Fastify "Validation and Serialization"); a schema the rule cannot
 * read keeps it silent too.
 */
export function findClientLimit(bound: TSESTree.Node, frame: Frame, serving: ServingFunction): ClientLimit | null {
  return follow(bound, [], frame, serving, 0);
}

/** The route handler a trace starts from (in the linted file), and its route when registered there (`null` for one registered in another file). */
export interface ServingFunction {
  handler: FunctionNode;
  route: RouteFacts | null;
}

function follow(
  input: TSESTree.Node,
  path: readonly string[],
  frame: Frame,
  serving: ServingFunction,
  depth: number,
): ClientLimit | null {
  if (depth > 12) return null;
  let node = skipExpressionWrappers(input);
  while (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  const scope = scopeOf(frame.module.globalScope, node);
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '+' && path.length === 0 ? follow(node.argument, [], frame, serving, depth + 1) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === '&&' ? null : follow(node.left, path, frame, serving, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const callee = getDottedName(node.callee);
      if (callee !== null && NUMBER_CONVERSIONS.has(callee) && node.arguments[0] && path.length === 0)
        return follow(node.arguments[0], [], frame, serving, depth + 1);
      const call = getMethodCall(node);
      const key = node.arguments[0] ? getStaticString(node.arguments[0], scope) : null;
      // `searchParams.get('limit')` (Next.js `req.nextUrl.searchParams`, `new URL(req.url).searchParams`).
      if (call?.method === 'get' && key !== null && /(?:^|\.)searchParams$/u.test(getDottedName(call.object) ?? ''))
        return { input: `searchParams.get('${key}')` };
      // Hono: `c.req.query('limit')`, or `c.req.query()` destructured.
      if (call?.method === 'query' && /(?:^|\.)req$/u.test(getDottedName(call.object) ?? '')) {
        const name = key ?? (node.arguments.length === 0 ? (path[0] ?? null) : null);
        if (name !== null && isParameterRoot(call.object, frame)) return { input: `c.req.query('${name}')` };
      }
      return null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(node, scope);
      return name === null ? null : follow(node.object, [name, ...path], frame, serving, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scope, node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || !def) return null;
      if (def.type === 'Parameter') {
        const binding = getBinding(frame, variable);
        if (binding) return follow(binding.node, [...binding.path, ...path], binding.frame, serving, depth + 1);
        if (def.node !== serving.handler || !frame.module.local) return null;
        const nest = getNestQueryKey(def.name as TSESTree.Identifier);
        if (nest !== null) return path.length === 0 ? { input: `@Query('${nest}')` } : null;
        return readsRequest(node.name, path, serving.route, frame);
      }
      if (def.type !== 'Variable' || !def.node.init) return null;
      // `if (take > 50) return res.status(400)…`: a value compared with a bound is checked by hand.
      if (isCompared(variable)) return null;
      if (def.node.id.type === AST_NODE_TYPES.Identifier) {
        const init = getConstantInit(variable);
        return init ? follow(init, path, frame, serving, depth + 1) : null;
      }
      // `const { limit } = req.query`: a destructured read of a request part.
      if (def.parent.kind !== 'const' && variable.references.some((ref) => ref.isWrite() && ref.init !== true))
        return null;
      const inner = getPatternKeys(def.node.id, node.name);
      return inner ? follow(def.node.init, [...inner, ...path], frame, serving, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** Relational operators: a page size compared with one of these is checked against a bound. */
const COMPARISONS: ReadonlySet<string> = new Set(['<', '>', '<=', '>=']);

/** Whether some read of the variable is compared with `<`/`>`/`<=`/`>=` (a hand-written cap or a rejecting guard). */
function isCompared(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    let node: TSESTree.Node = reference.identifier;
    while (
      node.parent?.type === AST_NODE_TYPES.CallExpression &&
      node.parent.arguments.includes(node as TSESTree.Expression)
    )
      node = node.parent;
    const parent = node.parent;
    return parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(parent.operator);
  });
}

/**
 * `req.query.limit` read from a handler parameter: `path` goes from the parameter through an optional
 * `request`/`req` (Koa `ctx.request.query`) to `query`/`body`/`params` and one key.
 */
function readsRequest(
  root: string,
  path: readonly string[],
  route: RouteFacts | null,
  frame: Frame,
): ClientLimit | null {
  const parts = path[0] === 'request' || path[0] === 'req' ? path.slice(1) : path;
  if (parts.length !== 2 || !REQUEST_PARTS.has(parts[0]!)) return null;
  if (route?.framework === 'fastify' && isCappedBySchema(route, parts[0]!, parts[1]!, frame)) return null;
  return { input: [root, ...path].join('.') };
}

/** Whether `node` is rooted at a parameter (the handler's context `c` in `c.req.query()`). */
function isParameterRoot(node: TSESTree.Node, frame: Frame): boolean {
  let current = skipExpressionWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipExpressionWrappers(current.object);
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scopeOf(frame.module.globalScope, current), current);
  return variable?.defs[0]?.type === 'Parameter';
}

/**
 * A NestJS handler parameter `@Query('limit') limit`: the key, unless a pipe other than the parsing and
 * default-value ones is given (a project pipe may clamp).
 */
function getNestQueryKey(identifier: TSESTree.Identifier): string | null {
  const param = identifier.parent;
  const decorators =
    param?.type === AST_NODE_TYPES.TSParameterProperty ? param.decorators : (identifier.decorators ?? []);
  for (const decorator of decorators) {
    const expression = decorator.expression;
    if (expression.type !== AST_NODE_TYPES.CallExpression || getDottedName(expression.callee) !== 'Query') continue;
    const key = getStaticString(expression.arguments[0]);
    const pipes = expression.arguments.slice(1);
    const plain = pipes.every((pipe) =>
      /^(?:ParseIntPipe|ParseFloatPipe|DefaultValuePipe)$/u.test(getDottedName(pipe) ?? ''),
    );
    return key !== null && plain ? key : null;
  }
  return null;
}

/** Whether a Fastify route's `schema.querystring` (or `body`/`params`) gives `key` a `maximum`; `true` when the schema cannot be read. */
function isCappedBySchema(route: RouteFacts, part: string, key: string, frame: Frame): boolean {
  if (!route.schema) return false;
  const schema = skipExpressionWrappers(route.schema);
  if (schema.type !== AST_NODE_TYPES.ObjectExpression) return true;
  const name = part === 'query' ? 'querystring' : part;
  const entry = findObjectProperty(schema, name) ?? (part === 'query' ? findObjectProperty(schema, 'query') : null);
  if (!entry) return schema.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
  const object = resolveObjectLiteral(entry.value, scopeOf(frame.module.globalScope, entry.value));
  if (!object) return true;
  const properties = findObjectProperty(object, 'properties');
  const fields = properties ? skipExpressionWrappers(properties.value) : null;
  if (fields?.type !== AST_NODE_TYPES.ObjectExpression) return true;
  const field = findObjectProperty(fields, key);
  if (!field) return false;
  const value = skipExpressionWrappers(field.value);
  return value.type !== AST_NODE_TYPES.ObjectExpression || findObjectProperty(value, 'maximum') !== null;
}

/** The key path of `name` in a destructuring pattern (`['limit']` for `{ limit = 20 }`, `['query', 'limit']` for `{ query: { limit } }`). */
function getPatternKeys(pattern: TSESTree.Node, name: string): string[] | null {
  if (pattern.type === AST_NODE_TYPES.Identifier) return pattern.name === name ? [] : null;
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return getPatternKeys(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
    const inner = key === null ? null : getPatternKeys(property.value, name);
    if (inner) return [key!, ...inner];
  }
  return null;
}
