/**
 * Does an unverified token decide who the caller is? Follows the value a decode call returns (through
 * bindings, destructuring, claim reads and calls it is passed to) to the places that make it the
 * caller's identity or let it decide access:
 * - `assign`: stored as the request's identity (`req.user = …`, `ctx.state.user = …`, `res.locals.user
 *   = …`, `request.user = …` on a request taken from a parameter, hono's `c.set('user', …)`);
 * - `guard`: returned from a NestJS guard's `canActivate`;
 * - `test`: a claim of it (not `exp`/`iat`/`kid`/…: those describe the token, not its bearer) tested
 *   by an `if`, a `? :` or a `switch`, or returned by a guard.
 * Only for a token taken from the request (`isRequestInput`: not a server-side session, not a token just
 * fetched from an identity provider), and only where the code decides who the caller is: middleware, a
 * hook, a guard, a function shaped like middleware, or a handler that nothing runs before
 * (`decidesAccess`); never in client code.
 * A function that calls anything named like verification (`verify`, `jwtVerify`, `verifyAsync`,
 * `authenticate`), at any level around the decode, is left alone: the token was (or may have been)
 * verified there, and decoding it again to read claims is fine.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode, ServingContext } from '../../frameworks/index.js';
import {
  climbValueWrappers,
  findVariable,
  followValue,
  getCalleeName,
  getRootExpression,
  getStaticString,
  isFunctionNode,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import { IDENTITY_CONTEXT_KEYS, IDENTITY_PROPERTIES, TOKEN_METADATA_CLAIMS } from '../../shared/jwt.js';
import type { ScopeOf } from './options.js';

/** How a decoded token is used to decide access. */
export type AuthUse = 'assign' | 'guard' | 'test';

/** What the analysis needs from the rule: scopes, the global scope, visitor keys, and the serving context. */
export interface DecodeAnalysis {
  globalScope: TSESLint.Scope.Scope;
  scopeOf: ScopeOf;
  keys: VisitorKeys;
  /** The serving context of a node (lazily built by the rule); `null` outside request-serving code. */
  servingContextOf: (node: TSESTree.Node) => ServingContext | null;
}

/** Names of calls that verify (or authenticate) a token: their presence around a decode silences it. */
const VERIFYING_CALL = /verif|authenticat/iu;

/** How deep the value is followed through calls and claims. */
const MAX_STEPS = 6;

/** The value's level: the decoded token, one claim of it (named), or something computed from it. */
type Level = { kind: 'token' } | { kind: 'claim'; claim: string } | { kind: 'derived' };

/**
 * The first access decision the result of `decode` (a decode call) reaches, or `null` when it reaches
 * none, or when a function around the call verifies.
 */
export function findAuthUse(decode: TSESTree.CallExpression, analysis: DecodeAnalysis): AuthUse | null {
  const functions = getEnclosingFunctions(decode);
  if (functions.length === 0) return null;
  if (callsVerification(functions.at(-1)!, analysis.keys)) return null;
  const [token] = decode.arguments;
  if (!token || !isRequestInput(token, analysis, 0)) return null;
  if (!decidesAccess(decode, functions, analysis)) return null;
  const found: AuthUse[] = [];
  const seen = new Set<TSESTree.Node>();
  const visit = (node: TSESTree.Node, level: Level, steps: number): void => {
    if (steps > MAX_STEPS || found.length > 0) return;
    followValue(
      analysis.globalScope,
      node,
      (holder) => {
        if (found.length === 0) examine(holder, level, steps);
      },
      seen,
    );
  };
  const examine = (node: TSESTree.Node, level: Level, steps: number): void => {
    let current = climbValueWrappers(node);
    // `decoded || {}`, `cond ? decoded : null`, `decoded?.sub`: the value passes through.
    for (;;) {
      const parent = current.parent;
      if (
        (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '&&') ||
        (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
        parent?.type === AST_NODE_TYPES.ChainExpression
      )
        current = climbValueWrappers(parent);
      else break;
    }
    if (level.kind === 'claim' && !TOKEN_METADATA_CLAIMS.has(level.claim) && isTested(node)) found.push('test');
    const parent = current.parent;
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== current) return;
        const user = parent.parent;
        if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === parent) return;
        const name = ASTUtils.getPropertyName(parent, analysis.scopeOf(parent));
        if (name === null) return;
        if (level.kind === 'token')
          visit(parent, name === 'payload' ? level : { kind: 'claim', claim: name }, steps + 1);
        else visit(parent, level, steps + 1);
        return;
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== current || parent.id.type !== AST_NODE_TYPES.ObjectPattern) return;
        for (const property of parent.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = ASTUtils.getPropertyName(property, analysis.scopeOf(property));
          const target =
            property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          if (name === null || target.type !== AST_NODE_TYPES.Identifier) continue;
          const next: Level =
            level.kind === 'token' ? (name === 'payload' ? level : { kind: 'claim', claim: name }) : level;
          const variable = findVariable(analysis.scopeOf(target), target);
          for (const reference of variable?.references ?? [])
            if (reference.isRead()) visit(reference.identifier, next, steps + 1);
        }
        return;
      }
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === current && isIdentityTarget(parent.left, analysis)) found.push('assign');
        return;
      case AST_NODE_TYPES.Property:
        if (parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression)
          visit(parent.parent, { kind: 'derived' }, steps + 1);
        return;
      case AST_NODE_TYPES.SpreadElement:
        if (parent.parent.type === AST_NODE_TYPES.ObjectExpression)
          visit(parent.parent, { kind: 'derived' }, steps + 1);
        return;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (!parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return;
        if (parent.type === AST_NODE_TYPES.CallExpression && isIdentitySet(parent, current, analysis)) {
          found.push('assign');
          return;
        }
        // A lookup by a claim (`User.findById(decoded.id)`): its result stands for the caller too.
        visit(parent, { kind: 'derived' }, steps + 1);
        return;
      }
      case AST_NODE_TYPES.ReturnStatement:
        if (isCanActivate(getEnclosingFunctions(parent)[0])) found.push('guard');
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === current && isCanActivate(parent)) found.push('guard');
        return;
      default:
        return;
    }
  };
  visit(decode, { kind: 'token' }, 0);
  return found[0] ?? null;
}

/**
 * Whether a token expression comes from the request as far as the file shows: it starts from a
 * parameter (`req.headers.authorization.split(' ')[1]`, `ctx.get('authorization')`,
 * `request.cookies.get('session')?.value`, `c.req.header('Authorization')`, a helper called with the
 * request), through `const` bindings. A server-side session (`req.session.idToken`) and an awaited
 * result (a token just fetched from an identity provider's token endpoint over TLS) are not request
 * input, and neither is anything the file does not show.
 */
function isRequestInput(node: TSESTree.Node, analysis: DecodeAnalysis, depth: number): boolean {
  if (depth > 8) return false;
  const inner = skipExpressionWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(analysis.scopeOf(inner), inner);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'Parameter') return true;
      if (def?.type !== 'Variable' || !def.node.init) return false;
      // `const token = …` or `const { token } = req.body`: the initialiser is where it comes from.
      return isRequestInput(def.node.init, analysis, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression:
      // `req.session` is the server's own store (a cookie named `session` is still input).
      if (
        inner.object.type === AST_NODE_TYPES.Identifier &&
        ASTUtils.getPropertyName(inner, analysis.scopeOf(inner)) === 'session'
      )
        return false;
      return isRequestInput(inner.object, analysis, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(inner.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && isRequestInput(callee.object, analysis, depth + 1))
        return true;
      return inner.arguments.some(
        (argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isRequestInput(argument, analysis, depth + 1),
      );
    }
    case AST_NODE_TYPES.LogicalExpression:
      return isRequestInput(inner.left, analysis, depth + 1) || isRequestInput(inner.right, analysis, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        isRequestInput(inner.consequent, analysis, depth + 1) || isRequestInput(inner.alternate, analysis, depth + 1)
      );
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.expressions.some((expression) => isRequestInput(expression, analysis, depth + 1));
    default:
      return false;
  }
}

/** The functions around a node, innermost first. */
function getEnclosingFunctions(node: TSESTree.Node): FunctionNode[] {
  const functions: FunctionNode[] = [];
  for (let current = node.parent; current; current = current.parent)
    if (isFunctionNode(current)) functions.push(current);
  return functions;
}

/** Whether a function (nested functions included) calls something named like verification. */
function callsVerification(fn: FunctionNode, keys: VisitorKeys): boolean {
  let found = false;
  walk(fn.body, keys, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const name = getCalleeName(node.callee);
      if (name !== null && VERIFYING_CALL.test(name)) found = true;
    }
    return !found;
  });
  return found;
}

/** Whether `node` is read in the condition of an `if`, a `? :` or a `switch`, or in what a NestJS guard's `canActivate` returns. */
function isTested(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression && current.body === child)
      return isCanActivate(current);
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.ReturnStatement) return isCanActivate(getEnclosingFunctions(current)[0]);
    if (
      ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) &&
        current.test === child) ||
      (current.type === AST_NODE_TYPES.SwitchStatement && current.discriminant === child)
    )
      return true;
    if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclaration) return false;
  }
  return false;
}

/**
 * Whether code at `decode` decides who the caller is: it runs in middleware, a hook, a guard, a function
 * the framework's types mark as serving requests, a function shaped like middleware (its last parameter,
 * `next`, is called), or a route handler that nothing runs before. A handler behind middleware, or
 * registered in another file, may get a token that was verified already, so it is left alone.
 */
function decidesAccess(decode: TSESTree.Node, functions: readonly FunctionNode[], analysis: DecodeAnalysis): boolean {
  const context = analysis.servingContextOf(decode);
  // Passport calls a strategy's verify callback with a payload it has verified.
  if (context?.kind === 'request' && context.callback !== undefined) return false;
  if (functions.some((fn) => isCanActivate(fn) || isMiddlewareShaped(fn, analysis))) return true;
  if (!context) return false;
  if (context.kind === 'middleware' || context.kind === 'remote-middleware' || context.kind === 'request') return true;
  if (context.kind === 'route')
    return context.routes.every(
      (route) => route.middleware.length === 0 && route.app.kind === 'app' && route.app.middleware.length === 0,
    );
  return false;
}

/** `(req, res, next) => { …; next(); }`: at least two parameters, and the last one is called inside. */
function isMiddlewareShaped(fn: FunctionNode, analysis: DecodeAnalysis): boolean {
  const last = fn.params.at(-1);
  if (fn.params.length < 2 || last?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(analysis.scopeOf(fn.body), last);
  return (variable?.references ?? []).some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier;
  });
}

/** `canActivate(context) { … }`: a NestJS guard method (or any class method of that name). */
function isCanActivate(fn: FunctionNode | undefined): boolean {
  const parent = fn?.parent;
  return (
    (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    ASTUtils.getPropertyName(parent) === 'canActivate'
  );
}

/**
 * `req.user = …`-style targets: a member named like an identity (`user`, `auth`, `userId`, …) of an
 * object that is a parameter, or a binding made from one (`const request = context.switchToHttp().getRequest()`),
 * or a member chain on those (`ctx.state.user`, `res.locals.user`).
 */
function isIdentityTarget(left: TSESTree.Node, analysis: DecodeAnalysis): boolean {
  if (left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = ASTUtils.getPropertyName(left, analysis.scopeOf(left));
  return name !== null && IDENTITY_PROPERTIES.has(name) && isFromParameter(left.object, analysis, 0);
}

/** hono's `c.set('user', value)` on a context parameter, with `value` as the second argument. */
function isIdentitySet(call: TSESTree.CallExpression, value: TSESTree.Node, analysis: DecodeAnalysis): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments[1] !== value) return false;
  if (ASTUtils.getPropertyName(callee, analysis.scopeOf(callee)) !== 'set') return false;
  const key = getStaticString(call.arguments[0], analysis.scopeOf(call));
  return key !== null && IDENTITY_CONTEXT_KEYS.has(key) && isFromParameter(callee.object, analysis, 0);
}

/** Whether an expression starts from a function parameter (directly, or through a `const` made from one). */
function isFromParameter(node: TSESTree.Node, analysis: DecodeAnalysis, depth: number): boolean {
  if (depth > 3) return false;
  const root = getRootExpression(node);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(analysis.scopeOf(root), root);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return false;
  if (def.type === 'Parameter') return true;
  return (
    def.type === 'Variable' &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    def.node.init !== null &&
    isFromParameter(def.node.init, analysis, depth + 1)
  );
}
