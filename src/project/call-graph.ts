import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../frameworks/index.js';
import { skipTypeWrappers, walk } from '../shared/ast/index.js';
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
        if (blocking.has(call) || !this.mayCallServiceFunction(call)) continue;
        const target = this.resolver.calleeOf(ref.file, call);
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
   * `false` when a call cannot run a service function, so the type checker need not be asked: a
   * method call `x.name()` whose `name` the service never declares anywhere, as an object key, class
   * member, assigned property, binding or export (`res.json()`, `schema.parse()`, `z.string().min()`).
   * Any other call (plain names, computed members, known member names) is resolved as usual.
   */
  private mayCallServiceFunction(call: AnyCall): boolean {
    const callee = skipTypeWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return true;
    this.memberNames ??= collectMemberNames(this.analyses.keys());
    return this.memberNames.has(callee.property.name);
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
