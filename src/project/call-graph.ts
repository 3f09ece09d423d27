import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { isRunOnceCall, type Framework, type FunctionNode } from '../frameworks/index.js';
import { findVariable, scopeOf, skipTypeWrappers, walk } from '../shared/ast/index.js';
import type { BlockingCall } from '../shared/blocking-calls.js';
import type { FileAnalysis } from './file-analysis.js';
import type { ParsedFile } from './parse.js';
import type { FunctionRef, Resolver } from './resolve.js';

/** A call from one function to another function of the service. */
export interface CallSite {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The callee as written at the call site (`userService.register`, `new Archiver`). */
  label: string;
  target: FunctionRef;
}

type AnyCall = TSESTree.CallExpression | TSESTree.NewExpression;

/** Frameworks whose handler parameters have types the application cannot give methods of its own (see `isFrameworkTypedParameter`). */
const FRAMEWORK_TYPED: ReadonlySet<Framework> = new Set(['express', 'fastify', 'hono']);

/**
 * The calls between the service's functions, resolved lazily (a function's calls are resolved the
 * first time a traversal reaches it) and cached. A function's calls include those of functions nested
 * in it (callbacks run as part of it); calls into packages and blocking calls are not edges.
 */
export class CallGraph {
  private readonly calls = new Map<ParsedFile, AnyCall[]>();
  private readonly edges = new Map<FunctionNode, CallSite[]>();
  private readonly blockingNodes = new Map<ParsedFile, Set<TSESTree.Node>>();
  private memberNames: Set<string> | undefined;

  constructor(
    private readonly resolver: Resolver,
    private readonly analyses: ReadonlyMap<ParsedFile, FileAnalysis>,
  ) {}

  /** The service functions `ref` calls, in source order. */
  callsFrom(ref: FunctionRef): CallSite[] {
    let sites = this.edges.get(ref.fn);
    if (!sites) {
      const blocking = this.blockingSet(ref.file);
      sites = [];
      for (const call of this.callsIn(ref)) {
        if (blocking.has(call) || !this.mayCallServiceFunction(ref.file, call)) continue;
        const target = this.resolver.calleeOf(ref.file, call);
        // Lazy start-up behind a flag the callee sets runs once per process, as the serving index says.
        if (
          target &&
          call.type === AST_NODE_TYPES.CallExpression &&
          isRunOnceCall(call, target.fn, target.file.visitorKeys)
        )
          continue;
        if (target && target.fn !== ref.fn) sites.push({ node: call, label: getCallLabel(ref.file, call), target });
      }
      this.edges.set(ref.fn, sites);
    }
    return sites;
  }

  /** The blocking calls inside a function (nested callbacks included), in source order. */
  blockingIn(ref: FunctionRef): BlockingCall[] {
    const [start, end] = ref.fn.range;
    return (this.analyses.get(ref.file)?.blocking ?? []).filter(
      (call) => call.node.range[0] >= start && call.node.range[1] <= end,
    );
  }

  /**
   * `false` when a call cannot run a service function, so the type checker need not be asked:
   * - a method call `x.name()` whose `name` the service never declares anywhere, as an object key, class
   *   member, assigned property, binding or export (`schema.parse()`, `z.string().min()`);
   * - a call of a parameter (`next()`, `callback()`): the checker can only name the parameter, which
   *   holds no function the service declares, so the answer would be "none" after a type query;
   * - a method call on a parameter the framework types (`res.status(201)`, `reply.send()`, `c.json()`),
   *   see {@link isFrameworkTypedParameter}. On an Express service, the checker spends about 1.5 ms per
   *   handler on such a call (it resolves the registration's overloads to type `res`), to answer "none".
   * Any other call (plain names, computed members, known member names) is resolved as usual.
   */
  private mayCallServiceFunction(file: ParsedFile, call: AnyCall): boolean {
    const callee = skipTypeWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const defs = findVariable(scopeOf(file.globalScope, callee), callee)?.defs ?? [];
      return defs.length === 0 || defs.some((def) => def.type !== 'Parameter');
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return true;
    this.memberNames ??= collectMemberNames(this.analyses.keys());
    if (!this.memberNames.has(callee.property.name)) return false;
    const object = skipTypeWrappers(callee.object);
    return object.type !== AST_NODE_TYPES.Identifier || !this.isFrameworkTypedParameter(file, object);
  }

  /**
   * Whether `identifier` names a parameter whose type only the framework gives: a plain, unannotated,
   * never reassigned parameter of a handler, middleware or hook written inline in its Express, Fastify
   * or Hono registration (`router.post('/', async (req, res) => …)`). Its type is the framework's
   * (`Response`, `FastifyReply`, Hono's `Context`), whose members are declared by the framework or by
   * declaration merging (`declare module 'express'`), never with a body in the service; what an
   * application adds through the types' generics sits one level down (`res.locals.x`, `c.var.x`,
   * `request.body`), which this does not cover. Koa is left out: its `ContextT` parameter merges
   * application types into `ctx` itself.
   */
  private isFrameworkTypedParameter(file: ParsedFile, identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(scopeOf(file.globalScope, identifier), identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0]! : null;
    if (
      def?.type !== 'Parameter' ||
      def.name.typeAnnotation ||
      !(def.node.params as TSESTree.Node[]).includes(def.name) ||
      variable!.references.some((reference) => reference.isWrite())
    )
      return false;
    const fn = def.node as FunctionNode;
    const model = this.analyses.get(file)?.model;
    const routes = model?.handlers.get(fn) ?? [];
    const middleware = model?.middlewareFunctions.get(fn) ?? [];
    return (
      routes.length + middleware.length > 0 &&
      routes.every((route) => FRAMEWORK_TYPED.has(route.framework) && route.handlerNode === fn) &&
      middleware.every((item) => FRAMEWORK_TYPED.has(item.framework) && item.node === fn)
    );
  }

  private callsIn(ref: FunctionRef): AnyCall[] {
    let all = this.calls.get(ref.file);
    if (!all) {
      const found: AnyCall[] = [];
      walk(ref.file.ast, ref.file.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) found.push(node);
      });
      all = found;
      this.calls.set(ref.file, all);
    }
    const [start, end] = ref.fn.range;
    return all.filter((call) => call.range[0] >= start && call.range[1] <= end);
  }

  private blockingSet(file: ParsedFile): Set<TSESTree.Node> {
    let set = this.blockingNodes.get(file);
    if (!set) {
      set = new Set((this.analyses.get(file)?.blocking ?? []).map((call) => call.node));
      this.blockingNodes.set(file, set);
    }
    return set;
  }
}

/**
 * Every name under which the service's files make a value reachable as `x.name`: object literal keys,
 * class members, properties assigned (`exports.name = …`, `Foo.prototype.name = …`), declared
 * bindings (a namespace import's members) and export names, plus `default`.
 */
function collectMemberNames(files: Iterable<ParsedFile>): Set<string> {
  const names = new Set<string>(['default']);
  const addKey = (key: TSESTree.Node): void => {
    if (key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier) names.add(key.name);
    else if (key.type === AST_NODE_TYPES.Literal) names.add(String(key.value));
  };
  for (const file of files) {
    walk(file.ast, file.visitorKeys, (node) => {
      switch (node.type) {
        case AST_NODE_TYPES.Property:
        case AST_NODE_TYPES.MethodDefinition:
        case AST_NODE_TYPES.PropertyDefinition:
        case AST_NODE_TYPES.AccessorProperty:
        case AST_NODE_TYPES.TSAbstractMethodDefinition:
        case AST_NODE_TYPES.TSAbstractPropertyDefinition:
          addKey(node.key);
          break;
        case AST_NODE_TYPES.MemberExpression:
          if (node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node)
            addKey(node.property);
          break;
        case AST_NODE_TYPES.Identifier:
          // Binding names (declarations, parameters, imports) and references; over-collecting is only
          // slower. The property of `x.name` does not count, or every method called would.
          if (node.parent.type !== AST_NODE_TYPES.MemberExpression || node.parent.property !== node)
            names.add(node.name);
          break;
        case AST_NODE_TYPES.ExportSpecifier:
          addKey(node.exported);
          break;
      }
    });
  }
  return names;
}

/** The callee of a call as written, whitespace collapsed, `new ` kept for constructions,, at most 60 characters. */
export function getCallLabel(file: ParsedFile, call: AnyCall): string {
  const text = file.sourceFile.text.slice(call.callee.range[0], call.callee.range[1]).replace(/\s+/gu, ' ');
  const label = call.type === AST_NODE_TYPES.NewExpression ? `new ${text}` : text;
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}
