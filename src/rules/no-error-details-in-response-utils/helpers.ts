import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../frameworks/types.js';
import {
  climbValueWrappers,
  findExportedFunction,
  findVariable,
  getBindingOrigin,
  getDottedName,
  getImportOrigin,
  getMemberName,
  isFunctionNode,
  resolveFunction,
  scopeOf,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import type { ParsedModule } from '../../shared/data-layer.js';
import { getErrorExports } from '../../shared/expected-errors.js';
import { isLeakAllowed } from './conditions.js';
import { findLeaks, type Leak, type LeakKind } from './leaks.js';
import type { Sink } from './sites.js';
import { resolveError, skipValueWrappers, type Analysis } from './sources.js';

/**
 * What a response helper (`sendError(res, message)`, `serverError(error)`) does with one parameter:
 * sends it as it is (`whole`: `res.json({ msg })`, `{ ...error }`) or a detail of it (`message`,
 * `stack`: `res.json({ error: err.message })`); through the response object given as parameter
 * `sender`, or, for `null`, by returning a web `Response` (`Response.json(…)`, `new NextResponse(…)`).
 */
export interface HelperUse {
  param: number;
  use: 'whole' | LeakKind;
  sender: number | null;
  /** The helper's send takes text only (`res.end(x)`). */
  textOnly: boolean;
}

/** How the rule reads other files of the service: import resolution and parsing from the project index. */
export interface ModuleReader {
  resolve?: ((specifier: string) => string | null) | undefined;
  read(file: string): ParsedModule | null;
}

/** A function a call resolves to, with the file it lives in (the scopes and keys to analyse it with). */
interface ResolvedHelper {
  fn: FunctionNode;
  name: string;
  globalScope: TSESLint.Scope.Scope;
  keys: VisitorKeys;
}

const summaries = new WeakMap<FunctionNode, HelperUse[]>();

/**
 * The helper a call in a serving function hands values to: a same-file function (`resolveFunction`), or
 * a function exported by a service file it imports or requires (`import { sendError } from
 * '../utils'`, `const { sendHttpError } = require('../util-server')`, `utils.sendError(…)` on a
 * namespace), found through the project index's module resolution; `null` otherwise (packages, unknown
 * callees).
 */
export function resolveHelper(
  analysis: Analysis,
  call: TSESTree.CallExpression,
  reader: ModuleReader,
): ResolvedHelper | null {
  const callee = skipValueWrappers(call.callee);
  const scope = scopeOf(analysis.globalScope, call);
  const local = resolveFunction(callee, scope);
  const name = getDottedName(callee) ?? 'helper';
  if (local) return { fn: local, name, globalScope: analysis.globalScope, keys: analysis.keys };
  if (!reader.resolve) return null;
  let identifier: TSESTree.Identifier | null = null;
  let member: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) identifier = callee;
  else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    identifier = callee.object;
    member = getMemberName(callee);
    if (member === null) return null;
  } else return null;
  const origin = getImportOrigin(identifier, scope) ?? getBindingOrigin(identifier, scope);
  if (!origin || !/^[.#~@/]/u.test(origin.module)) return null;
  const exported = member === null ? origin.imported : origin.imported === '*' ? member : null;
  if (exported === null || exported === '*') return null;
  const file = reader.resolve(origin.module);
  const module = file ? reader.read(file) : null;
  if (!module) return null;
  const fn = findExportedFunction(module.ast, module.globalScope, exported);
  return fn ? { fn, name, globalScope: module.globalScope, keys: module.visitorKeys } : null;
}

/**
 * What a helper does with its parameters (see {@link HelperUse}), remembered per function: each
 * parameter is followed as a caught error would be (`findLeaks`) into what the helper sends through
 * another parameter (`res.status(500).json(x)`, `ctx.body = x`, `c.json(x)`, `reply.send(x)`) or
 * returns as a web `Response`; uses behind a development-only check or a narrowing of the parameter
 * do not count.
 */
export function summarizeHelper(
  helper: ResolvedHelper,
  base: Pick<Analysis, 'developmentFlags' | 'expectedTry'>,
): HelperUse[] {
  const cached = summaries.get(helper.fn);
  if (cached) return cached;
  summaries.set(helper.fn, []);
  const analysis: Analysis = {
    globalScope: helper.globalScope,
    keys: helper.keys,
    exports: getErrorExports(helper.globalScope),
    errorParameters: new Map(),
    servingFunctions: new Set(),
    developmentFlags: base.developmentFlags,
    expectedTry: () => false,
    sources: new Map(),
  };
  const { fn } = helper;
  const params = new Map<TSESLint.Scope.Variable, number>();
  const bodyScope = scopeOf(helper.globalScope, fn.body);
  fn.params.forEach((param, index) => {
    const identifier =
      param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier
        ? param.left
        : param.type === AST_NODE_TYPES.Identifier
          ? param
          : null;
    const variable = identifier ? findVariable(bodyScope, identifier) : null;
    if (!variable) return;
    params.set(variable, index);
    analysis.sources.set(variable, { variable, kind: 'parameter', expected: false });
  });
  const uses: HelperUse[] = [];
  for (const { value, node, sender, textOnly } of findHelperSends(analysis, fn, params)) {
    const sink: Sink = { kind: 'response', value, node, framework: null, where: null, textOnly };
    for (const leak of findLeaks(analysis, value)) {
      const index = leak.source.variable ? params.get(leak.source.variable) : undefined;
      if (index === undefined || index === sender || isLeakAllowed(analysis, leak, sink)) continue;
      const use = isWholeUse(leak) ? 'whole' : leak.kind;
      if (!uses.some((item) => item.param === index && item.use === use && item.sender === sender))
        uses.push({ param: index, use, sender, textOnly });
    }
  }
  summaries.set(fn, uses);
  return uses;
}

/**
 * A leak of the parameter itself (sent, spread or stringified: `{ msg }`, `{ ...error }`, `String(msg)`),
 * rather than a property read from it (`err.message`) or its stack (`util.inspect(err)`).
 */
function isWholeUse(leak: Leak): boolean {
  return leak.node.type !== AST_NODE_TYPES.MemberExpression && leak.kind !== 'stack';
}

const SENDS = new Set(['json', 'send', 'jsonp', 'end', 'write', 'text', 'html', 'body']);

/**
 * What a helper sends: calls of a body-sending method on one of its parameters (`res.status(n).json(x)`,
 * `reply.send(x)`, `c.json(x)`), `param.body = x` (Koa), and web responses it makes (`Response.json(x)`,
 * `NextResponse.json(x)`, `new Response(x)`).
 */
function findHelperSends(
  analysis: Analysis,
  fn: FunctionNode,
  params: ReadonlyMap<TSESLint.Scope.Variable, number>,
): { value: TSESTree.Node; node: TSESTree.Node; sender: number | null; textOnly: boolean }[] {
  const found: { value: TSESTree.Node; node: TSESTree.Node; sender: number | null; textOnly: boolean }[] = [];
  const senderOf = (node: TSESTree.Node): number | null => {
    let current = skipValueWrappers(node);
    while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression)
      current = skipValueWrappers(current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.callee);
    if (current.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(analysis.globalScope, current), current);
    return variable ? (params.get(variable) ?? null) : null;
  };
  walk(fn.body, analysis.keys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = getMemberName(node.callee);
      const first = node.arguments[0];
      if (method !== null && first && SENDS.has(method)) {
        const sender = senderOf(node.callee.object);
        if (sender !== null)
          found.push({ value: first, node, sender, textOnly: method === 'end' || method === 'write' });
        else if (method === 'json' && isWebResponse(analysis, node.callee.object))
          found.push({ value: first, node, sender: null, textOnly: false });
      }
    }
    if (node.type === AST_NODE_TYPES.NewExpression && node.arguments[0] && isWebResponse(analysis, node.callee))
      found.push({ value: node.arguments[0], node, sender: null, textOnly: true });
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.operator === '=' &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      getMemberName(node.left) === 'body'
    ) {
      const sender = senderOf(node.left.object);
      if (sender !== null) found.push({ value: node.right, node, sender, textOnly: false });
    }
    return true;
  });
  return found;
}

/** The global `Response` (unshadowed) or `NextResponse` from `next/server`. */
function isWebResponse(analysis: Analysis, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = scopeOf(analysis.globalScope, node);
  if (node.name === 'Response') {
    const variable = findVariable(scope, node);
    return !variable || variable.defs.length === 0;
  }
  const origin = getImportOrigin(node, scope);
  return origin?.module === 'next/server' && origin.imported === 'NextResponse';
}

/** One caught error's detail that a call hands to a helper that sends it. */
export interface HelperLeak {
  leak: Leak;
  sink: Sink;
}

/**
 * The details of caught errors a serving function passes to response helpers: for each call whose
 * arguments carry one (checked first: most calls carry none), the helper is resolved and summarised;
 * a parameter it sends whole passes on whatever the argument carries (`sendError(res, err.message)`,
 * `serverError(err)`), one it sends a detail of passes that detail of an error argument
 * (`handleError(err, res)` that sends `err.message`). A helper that sends through a response
 * parameter counts only when the call gives it the serving function's own response (`isSender`);
 * one that makes a web `Response` only when the call's value is returned.
 */
export function findHelperLeaks(
  analysis: Analysis,
  fn: FunctionNode,
  isSender: (node: TSESTree.Node) => boolean,
  base: { where: string; framework: Sink['framework'] },
  reader: ModuleReader,
  isSink: (node: TSESTree.Node) => boolean,
): HelperLeak[] {
  const found: HelperLeak[] = [];
  walk(fn.body, analysis.keys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || isSink(node) || node.arguments.length === 0) return true;
    const carried = node.arguments.map((argument) =>
      argument.type === AST_NODE_TYPES.SpreadElement ? [] : findLeaks(analysis, argument),
    );
    if (carried.every((leaks) => leaks.length === 0)) return true;
    const helper = resolveHelper(analysis, node, reader);
    if (!helper) return true;
    const uses = summarizeHelper(helper, analysis);
    for (const use of uses) {
      const argument = node.arguments[use.param];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      if (use.sender === null ? !isReturned(node) : !isArgumentSender(node, use.sender, isSender)) continue;
      const sink: Sink = {
        kind: 'response',
        value: argument,
        node,
        framework: base.framework,
        where: `${base.where}, through \`${helper.name}()\``,
        textOnly: use.textOnly,
        helper: true,
      };
      if (use.use === 'whole') {
        for (const leak of carried[use.param]!) found.push({ leak, sink });
        continue;
      }
      const ref = resolveError(analysis, argument);
      if (ref) found.push({ leak: { node: argument, kind: use.use, source: ref.source, refs: ref.refs }, sink });
    }
    return true;
  });
  return found;
}

function isArgumentSender(
  call: TSESTree.CallExpression,
  index: number,
  isSender: (node: TSESTree.Node) => boolean,
): boolean {
  const argument = call.arguments[index];
  return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && isSender(argument);
}

/** Whether a call's value is what its function returns (`return helper(…)`, an arrow's body). */
function isReturned(call: TSESTree.CallExpression): boolean {
  const outer = climbValueWrappers(call);
  const parent = outer.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement || (isFunctionNode(parent) && parent.body === outer);
}
