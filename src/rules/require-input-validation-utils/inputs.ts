import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { Framework, FunctionNode } from '../../frameworks/index.js';
import { findVariable, getMemberName, scopeOf, skipExpressionWrappers } from '../../shared/ast/index.js';
import type { InputSource } from '../../shared/input-validation.js';

/** A value that holds client input. */
export interface InputValue {
  source: InputSource;
  /** How messages name it: `req.body.email`, `c.req.query('q')`, `params.slug`. */
  name: string;
  /**
   * Whether the client can shape it as an object or array (a JSON body, an Express `qs` query):
   * such a value can carry query operators (`{ "$ne": null }`, Prisma's `{ "not": "" }`) into a filter.
   */
  structured: boolean;
  /** Whether it is a whole input (`req.body`, `req.query`) rather than one value of it. */
  whole: boolean;
}

/** One step of a member/call chain below its root: a property read, or a call of what came before. */
type Step =
  { kind: 'prop'; name: string | null; node: TSESTree.Node } | { kind: 'call'; node: TSESTree.CallExpression };

/** How a chain below a request object reads input: the step names (`()` for a call) and the input. */
interface InputPattern {
  steps: readonly string[];
  source: InputSource;
}

const EXPRESS_PATTERNS: readonly InputPattern[] = [
  { steps: ['body'], source: 'body' },
  { steps: ['query'], source: 'query' },
  { steps: ['params'], source: 'params' },
  { steps: ['headers'], source: 'headers' },
  { steps: ['cookies'], source: 'cookies' },
  { steps: ['signedCookies'], source: 'cookies' },
  { steps: ['get', '()'], source: 'headers' },
  { steps: ['header', '()'], source: 'headers' },
];

/**
 * Member paths below a handler's request (or context) parameter that read client input, per framework
 * (the same places the route inventory reads, see `src/project/route-traits.ts`).
 */
const PATTERNS: Readonly<Record<Framework, readonly InputPattern[]>> = {
  express: EXPRESS_PATTERNS,
  nestjs: EXPRESS_PATTERNS,
  fastify: EXPRESS_PATTERNS.slice(0, 5),
  koa: [
    { steps: ['request', 'body'], source: 'body' },
    { steps: ['request', 'query'], source: 'query' },
    { steps: ['request', 'querystring'], source: 'query' },
    { steps: ['query'], source: 'query' },
    { steps: ['querystring'], source: 'query' },
    { steps: ['params'], source: 'params' },
    { steps: ['request', 'params'], source: 'params' },
    { steps: ['headers'], source: 'headers' },
    { steps: ['header'], source: 'headers' },
    { steps: ['request', 'headers'], source: 'headers' },
    { steps: ['request', 'header'], source: 'headers' },
    { steps: ['get', '()'], source: 'headers' },
    { steps: ['cookies', 'get', '()'], source: 'cookies' },
  ],
  hono: [
    { steps: ['req', 'json', '()'], source: 'body' },
    { steps: ['req', 'parseBody', '()'], source: 'body' },
    { steps: ['req', 'formData', '()'], source: 'body' },
    { steps: ['req', 'text', '()'], source: 'body' },
    { steps: ['req', 'query', '()'], source: 'query' },
    { steps: ['req', 'queries', '()'], source: 'query' },
    { steps: ['req', 'param', '()'], source: 'params' },
    { steps: ['req', 'header', '()'], source: 'headers' },
  ],
  nextjs: [
    { steps: ['json', '()'], source: 'body' },
    { steps: ['formData', '()'], source: 'body' },
    { steps: ['text', '()'], source: 'body' },
    { steps: ['nextUrl', 'searchParams'], source: 'query' },
    { steps: ['body'], source: 'body' },
    { steps: ['query'], source: 'query' },
    { steps: ['headers'], source: 'headers' },
    { steps: ['cookies'], source: 'cookies' },
  ],
};

/** String methods whose result is still the client's text (a path segment stays one after `trim()`). */
const STRING_PASSTHROUGH: ReadonlySet<string> = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'toString',
  'normalize',
  'slice',
  'substring',
  'substr',
  'concat',
  'padStart',
  'padEnd',
  'get',
  'getAll',
  'at',
]);

/** Global functions that hand the client's text on as text. */
const TEXT_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'decodeURIComponent', 'decodeURI', 'unescape']);

const MAX_DEPTH = 12;

/**
 * Finds what holds client input in one handler: reads below its request parameter (by framework),
 * Next.js route `params`, NestJS parameters bound to `@Body()`/`@Query()`/…, and the handler's own
 * `const` (or never reassigned `let`) bindings of those, destructured or not. A value is input only
 * while it is the client's data as sent or as text: a call's result (`Number(x)`, `hash(x)`, `sanitize(x)`)
 * is not, nor is anything whose source text a guard in the handler checks (see `guarded`).
 */
export class InputTracker {
  private readonly requestVariables = new Set<TSESLint.Scope.Variable>();
  /** Next.js route handlers' second parameter, whose `params` holds the path's parameters. */
  private readonly contextVariables = new Set<TSESLint.Scope.Variable>();
  private readonly parameterInputs = new Map<TSESLint.Scope.Variable, InputValue>();
  private readonly memo = new Map<TSESTree.Node, InputValue | null>();

  constructor(
    private readonly framework: Framework,
    private readonly fn: FunctionNode,
    private readonly globalScope: TSESLint.Scope.Scope,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    /** Source texts a guard of the handler checks (`typeof x`, `ALLOWED.includes(x)`, `/^\d+$/.test(x)`). */
    private readonly guarded: ReadonlySet<string>,
    /** NestJS: parameters bound to client input, with what they hold; `@Req()` parameters as `request`. */
    nestParams: readonly { node: TSESTree.Parameter; input: InputValue | 'request' }[] = [],
  ) {
    const scope = scopeOf(globalScope, fn.body);
    const variableOf = (identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null =>
      findVariable(scope, identifier);
    if (framework === 'nestjs') {
      for (const { node, input } of nestParams) {
        const identifier = getParameterIdentifier(node);
        const variable = identifier ? variableOf(identifier) : null;
        if (!variable) continue;
        if (input === 'request') this.requestVariables.add(variable);
        else this.parameterInputs.set(variable, input);
      }
      return;
    }
    const request = fn.params[0];
    if (request?.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(request);
      if (variable) this.requestVariables.add(variable);
    } else if (request?.type === AST_NODE_TYPES.ObjectPattern) {
      // `({ body, query }, res) => …`: each destructured input is a parameter of its own.
      this.addPatternInputs(request, variableOf, (key) => {
        const pattern = PATTERNS[framework].find((item) => item.steps.length === 1 && item.steps[0] === key);
        return pattern ? this.makeInput(pattern.source, key, true) : null;
      });
    }
    // Next.js App Router: `GET(request, { params })`, `GET(request, context)` → `context.params`.
    const context = fn.params[1];
    if (framework === 'nextjs' && context?.type === AST_NODE_TYPES.ObjectPattern) {
      this.addPatternInputs(context, variableOf, (key) =>
        key === 'params' ? this.makeInput('params', 'params', true) : null,
      );
    } else if (framework === 'nextjs' && context?.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(context);
      if (variable) this.contextVariables.add(variable);
    }
  }

  /** Whether `node` is the request (or context) object itself (`validationResult(req)` validates all of it). */
  isRequest(node: TSESTree.Node): boolean {
    const inner = skipExpressionWrappers(node);
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(scopeOf(this.globalScope, inner), inner);
    return variable !== null && this.requestVariables.has(variable);
  }

  private isContext(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(scopeOf(this.globalScope, identifier), identifier);
    return variable !== null && this.contextVariables.has(variable);
  }

  /** The input `node` holds, or `null`. */
  inputOf(node: TSESTree.Node, depth = 0): InputValue | null {
    if (this.memo.has(node)) return this.memo.get(node)!;
    this.memo.set(node, null);
    let input = depth > MAX_DEPTH ? null : this.computeInput(node, depth);
    // `if (typeof req.body.email !== 'string')` checks `email` of `const { email } = req.body` too.
    if (input && this.guarded.has(normalize(input.name))) input = null;
    this.memo.set(node, input);
    return input;
  }

  private computeInput(node: TSESTree.Node, depth: number): InputValue | null {
    let inner = skipExpressionWrappers(node);
    while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
    if (this.isGuarded(inner)) return null;
    if (inner.type === AST_NODE_TYPES.Identifier) return this.identifierInput(inner, depth);
    if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier) {
      // `String(x)`, `decodeURIComponent(x)` keep the text; any other function's result is its own value.
      const argument = inner.arguments[0];
      if (!TEXT_FUNCTIONS.has(inner.callee.name) || !argument || !this.isGlobal(inner.callee)) return null;
      const input = this.inputOf(argument, depth + 1);
      return input ? { ...input, structured: false, whole: false } : null;
    }
    if (inner.type !== AST_NODE_TYPES.MemberExpression && inner.type !== AST_NODE_TYPES.CallExpression) return null;
    const { root, steps } = getChain(inner);
    let input: InputValue | null = null;
    let rest = steps;
    if (root.type === AST_NODE_TYPES.Identifier && this.isRequest(root)) {
      const pattern = PATTERNS[this.framework].find((item) => matches(steps, item.steps));
      if (!pattern) return null;
      const last = steps[pattern.steps.length - 1]!;
      const whole = last.kind === 'prop' || last.node.arguments.length === 0;
      input = this.makeInput(pattern.source, this.sourceCode.getText(last.node), whole);
      rest = steps.slice(pattern.steps.length);
    } else if (root.type === AST_NODE_TYPES.Identifier && this.isContext(root)) {
      const first = steps[0];
      if (first?.kind !== 'prop' || first.name !== 'params') return null;
      input = this.makeInput('params', this.sourceCode.getText(first.node), true);
      rest = steps.slice(1);
    } else if (root.type === AST_NODE_TYPES.Identifier && isGlobalJson(root, steps, this)) {
      // `JSON.parse(text)`: the client's text, now shaped as it chose.
      const call = steps[1]!.node as TSESTree.CallExpression;
      const text = call.arguments[0] ? this.inputOf(call.arguments[0], depth + 1) : null;
      if (!text) return null;
      input = { ...text, structured: true, whole: false };
      rest = steps.slice(2);
    } else if (root.type === AST_NODE_TYPES.NewExpression) {
      // `new URL(request.url).searchParams.get('q')`
      const callee = skipExpressionWrappers(root.callee);
      const argument = root.arguments[0];
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'URL' || !argument || !this.isGlobal(callee))
        return null;
      const url = skipExpressionWrappers(argument);
      if (
        url.type !== AST_NODE_TYPES.MemberExpression ||
        getMemberName(url) !== 'url' ||
        !this.isRequest(url.object) ||
        steps[0]?.kind !== 'prop' ||
        steps[0].name !== 'searchParams'
      )
        return null;
      input = this.makeInput('query', `${this.sourceCode.getText(root)}.searchParams`, true);
      rest = steps.slice(1);
    } else {
      input = this.inputOf(root, depth + 1);
    }
    if (!input) return null;
    return this.applySteps(input, rest);
  }

  /** Follows reads and string calls below an input: `.email`, `['id']`, `.trim()`, `.get('q')`. */
  private applySteps(start: InputValue, steps: readonly Step[]): InputValue | null {
    let input = start;
    for (const [index, step] of steps.entries()) {
      if (this.isGuarded(step.node)) return null;
      if (step.kind === 'prop') {
        // A method named like a string method, called next, is handled with the call.
        if (steps[index + 1]?.kind === 'call') continue;
        if (step.name === 'length') return null;
        input = {
          ...input,
          name: step.name === null ? `${input.name}[…]` : `${input.name}.${step.name}`,
          whole: false,
        };
        continue;
      }
      const method = steps[index - 1];
      if (method?.kind !== 'prop' || method.name === null || !STRING_PASSTHROUGH.has(method.name)) return null;
      const args = step.node.arguments.map((argument) => this.sourceCode.getText(argument)).join(', ');
      input = { ...input, name: `${input.name}.${method.name}(${args})`, whole: false, structured: false };
    }
    return input;
  }

  private identifierInput(identifier: TSESTree.Identifier, depth: number): InputValue | null {
    const variable = findVariable(scopeOf(this.globalScope, identifier), identifier);
    if (!variable) return null;
    const parameter = this.parameterInputs.get(variable);
    if (parameter) return parameter;
    if (variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    if (def.type !== 'Variable' || !def.node.init) return null;
    // Only the handler's own bindings: a module-level value is configuration, not this request's input.
    if (def.node.range[0] < this.fn.range[0] || def.node.range[1] > this.fn.range[1]) return null;
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
    const base = this.inputOf(def.node.init, depth + 1);
    if (!base) return null;
    if (def.node.id.type === AST_NODE_TYPES.Identifier) {
      // `const body = await req.json()`: later reads are named after the binding.
      return base.name.endsWith(')') ? { ...base, name: def.node.id.name } : base;
    }
    const path = getPatternPath(def.node.id, def.name as TSESTree.Identifier);
    if (path === null) return null;
    if (path.length === 0) return base;
    return {
      ...base,
      name: `${base.name}.${path.join('.')}`,
      whole: false,
      structured: base.structured,
    };
  }

  private addPatternInputs(
    pattern: TSESTree.ObjectPattern,
    variableOf: (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | null,
    inputForKey: (key: string) => InputValue | null,
  ): void {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = ASTUtils.getPropertyName(property);
      const base = key === null ? null : inputForKey(key);
      if (!base) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(value);
        if (variable) this.parameterInputs.set(variable, { ...base, name: value.name });
      } else if (value.type === AST_NODE_TYPES.ObjectPattern) {
        for (const identifier of getPatternIdentifiers(value)) {
          const path = getPatternPath(value, identifier);
          const variable = variableOf(identifier);
          if (variable && path)
            this.parameterInputs.set(variable, {
              ...base,
              name: [key, ...path].join('.'),
              whole: false,
            });
        }
      }
    }
  }

  private makeInput(source: InputSource, name: string, whole: boolean): InputValue {
    const qs = this.framework === 'express' || this.framework === 'nestjs';
    return { source, name, whole, structured: source === 'body' || (source === 'query' && qs) };
  }

  private isGuarded(node: TSESTree.Node): boolean {
    return this.guarded.size > 0 && this.guarded.has(normalize(this.sourceCode.getText(node)));
  }

  /** An identifier that no declaration of the file shadows (a global). */
  isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(scopeOf(this.globalScope, identifier), identifier);
    return !variable || variable.defs.length === 0;
  }
}

/** Source text with white space removed, to compare a guarded expression with a use. */
export function normalize(text: string): string {
  return text.replaceAll(/\s+/gu, '').replaceAll('?.', '.');
}

/** `JSON.parse(…)` on the unshadowed global. */
function isGlobalJson(root: TSESTree.Identifier, steps: readonly Step[], tracker: InputTracker): boolean {
  return (
    root.name === 'JSON' &&
    steps[0]?.kind === 'prop' &&
    steps[0].name === 'parse' &&
    steps[1]?.kind === 'call' &&
    tracker.isGlobal(root)
  );
}

/** The chain below its root: `req.body.email` is `req` with steps `body`, `email`. */
function getChain(node: TSESTree.Node): { root: TSESTree.Node; steps: Step[] } {
  const steps: Step[] = [];
  let current = node;
  for (;;) {
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      steps.unshift({ kind: 'prop', name: getMemberName(current), node: current });
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      steps.unshift({ kind: 'call', node: current });
      current = current.callee;
    } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = current.argument;
    } else {
      return { root: current, steps };
    }
  }
}

/** Whether `steps` start with `pattern` (`()` stands for a call). */
function matches(steps: readonly Step[], pattern: readonly string[]): boolean {
  return pattern.every((name, index) => {
    const step = steps[index];
    return name === '()' ? step?.kind === 'call' : step?.kind === 'prop' && step.name === name;
  });
}

/** The identifier a parameter binds (through a TypeScript parameter property or a default). */
function getParameterIdentifier(node: TSESTree.Parameter): TSESTree.Identifier | null {
  let current: TSESTree.Node = node;
  if (current.type === AST_NODE_TYPES.TSParameterProperty) current = current.parameter;
  if (current.type === AST_NODE_TYPES.AssignmentPattern) current = current.left;
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

/** The property path from an object pattern to one of its identifiers (`{ a: { b } }` → `['a', 'b']`), or `null`. */
function getPatternPath(pattern: TSESTree.Node, target: TSESTree.Identifier): string[] | null {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return getPatternPath(pattern.left, target);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = ASTUtils.getPropertyName(property);
    if (key === null) continue;
    const rest = getPatternPath(property.value, target);
    if (rest) return [key, ...rest];
  }
  return null;
}

function getPatternIdentifiers(pattern: TSESTree.Node): TSESTree.Identifier[] {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return [pattern];
    case AST_NODE_TYPES.AssignmentPattern:
      return getPatternIdentifiers(pattern.left);
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((property) =>
        property.type === AST_NODE_TYPES.Property ? getPatternIdentifiers(property.value) : [],
      );
    default:
      return [];
  }
}
