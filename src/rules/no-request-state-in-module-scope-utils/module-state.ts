import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findObjectProperty, findVariable, getMemberName, skipTypeWrappers } from '../../shared/ast/index.js';

/** What a module binding holds, when the module creates it: a `Map`, a `Set`, an array or a plain object. */
export type Shape = 'map' | 'set' | 'array' | 'object';

/** A binding declared at module level that code inside functions may write. */
export interface ModuleBinding {
  variable: TSESLint.Scope.Variable;
  name: string;
  /** The statement that declares it (`export const x = …` gives the `ExportNamedDeclaration`). */
  statement: TSESTree.Node;
  /** `let`/`var`: the binding itself may be reassigned. */
  reassignable: boolean;
  /** The collection it holds when created in this module (`[]`, `{}`, `new Map()`, …), else `null`. */
  shape: Shape | null;
  /** The object literal it holds, for writes to nested slots (`store.users[id] = u`). */
  literal: TSESTree.ObjectExpression | null;
}

/**
 * How a write changes module state:
 * - `grow`: adds an entry (`m.set(k, v)`, `s.add(v)`, `a.push(v)`, `o[k] = v`, `o[k]++`, `Object.assign(o, …)`);
 * - `remove`: takes one out (`m.delete(k)`, `delete o[k]`, `a.shift()`, `a.length = 0`);
 * - `update`: changes a value from its old value (`n++`, `n += 1`, `n = n + 1`, `o.count++`, `a = [...a, x]`);
 * - `assign`: replaces a binding or fixed slot (`current = value`, `state.user = value`).
 */
export type WriteKind = 'grow' | 'remove' | 'update' | 'assign';

export interface Write {
  kind: WriteKind;
  /** The expression that writes, where it is reported. */
  node: TSESTree.Node;
  /** The written binding or slot (`counter`, `state.user`), or the collection (`cache`, `store.users`). */
  target: TSESTree.Node;
  /** The entry's key (`m.set(k, …)`, `o[k] = …`, `s.add(v)`, `a.push(v)`), for `grow` and `remove`. */
  key: TSESTree.Node | null;
  /** The value assigned, for `assign`. */
  value: TSESTree.Node | null;
  /** `n--`, `n -= 1`: an `update` that counts down. */
  decrement?: boolean;
  /** `o[k] ??= v`: fills an entry only when it is missing (a cache fill). */
  memo?: boolean;
  /** How the write reads in a message: `counter++`, `cache.set()`, `users[…] = …`. */
  text: string;
}

const GLOBAL_COLLECTIONS: Readonly<Record<string, Shape>> = { Map: 'map', Set: 'set', Array: 'array' };

/** Methods that change a collection, by shape: what each does. */
const METHODS: Readonly<Record<Shape, Readonly<Record<string, 'grow' | 'remove' | 'splice'>>>> = {
  map: { set: 'grow', delete: 'remove', clear: 'remove' },
  set: { add: 'grow', delete: 'remove', clear: 'remove' },
  array: { push: 'grow', unshift: 'grow', pop: 'remove', shift: 'remove', splice: 'splice' },
  object: {},
};

/**
 * The bindings a module declares at its top level that some function may write: `let`/`var` bindings
 * reassigned inside a function, and collections the module creates (`[]`, `{}`, `new Map()`,
 * `new Set()`, `Object.create(null)`) used as the object of a member expression inside a function.
 * Cheap: it reads the scope manager's references only.
 */
export function findModuleBindings(globalScope: TSESLint.Scope.Scope): ModuleBinding[] {
  const program = globalScope.block;
  const scopes = [globalScope, ...globalScope.childScopes.filter((scope) => scope.block === program)];
  const found: ModuleBinding[] = [];
  for (const scope of scopes) {
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || def?.type !== 'Variable') continue;
      const declarator = def.node;
      const declaration = def.parent;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
      const statement =
        declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
      if (statement.parent?.type !== AST_NODE_TYPES.Program) continue;
      const reassignable = declaration.kind === 'let' || declaration.kind === 'var';
      const inner = (reference: TSESLint.Scope.Reference): boolean =>
        reference.from.variableScope.block !== program && reference.init !== true;
      const writtenInside = reassignable && variable.references.some((ref) => inner(ref) && ref.isWrite());
      let shape = declarator.init ? getShape(declarator.init, globalScope) : null;
      if (shape === null && reassignable) shape = getAssignedShape(variable, globalScope);
      const usedInside =
        shape !== null &&
        variable.references.some((ref) => inner(ref) && ref.isRead() && isWriteCandidate(ref.identifier));
      if (!writtenInside && !usedInside) continue;
      const init = declarator.init ? skipTypeWrappers(declarator.init) : null;
      found.push({
        variable,
        name: declarator.id.name,
        statement,
        reassignable,
        shape,
        literal: init?.type === AST_NODE_TYPES.ObjectExpression ? init : null,
      });
    }
  }
  return found;
}

/** Whether an identifier is the object of a member expression, or `Object.assign`'s first argument. */
function isWriteCandidate(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) return true;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier;
}

/** The collection an expression creates: `[]`, `{}`, `new Map()`, `new Set()`, `new Array()`, `Object.create(null)`. */
export function getShape(expression: TSESTree.Node, globalScope: TSESLint.Scope.Scope): Shape | null {
  const node = skipTypeWrappers(expression);
  if (node.type === AST_NODE_TYPES.ArrayExpression) return 'array';
  if (node.type === AST_NODE_TYPES.ObjectExpression) return 'object';
  if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
    const shape = GLOBAL_COLLECTIONS[node.callee.name];
    return shape && isGlobal(node.callee.name, globalScope) ? shape : null;
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Object' &&
    getMemberName(node.callee) === 'create' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    node.arguments[0].value === null &&
    isGlobal('Object', globalScope)
  )
    return 'object';
  return null;
}

/** Whether `name` is the global built-in (not declared in the file). */
function isGlobal(name: string, globalScope: TSESLint.Scope.Scope): boolean {
  const variable = findVariable(globalScope, name);
  if (variable && variable.defs.length > 0) return false;
  for (const scope of globalScope.childScopes)
    if (scope.block === globalScope.block && scope.set.get(name)?.defs.length) return false;
  return true;
}

/** For `let cache;` later set to `new Map()`: the one shape every assignment gives it. */
function getAssignedShape(variable: TSESLint.Scope.Variable, globalScope: TSESLint.Scope.Scope): Shape | null {
  let shape: Shape | null = null;
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== reference.identifier) return null;
    const assigned = getShape(parent.right, globalScope);
    if (assigned === null || (shape !== null && shape !== assigned)) return null;
    shape = assigned;
  }
  return shape;
}

/**
 * What a reference to a module binding writes, or `null` when it only reads. `sourceCode` gives the
 * text of written objects for messages.
 */
export function classifyReference(
  reference: TSESLint.Scope.Reference,
  binding: ModuleBinding,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Write | 'once' | null {
  const identifier = reference.identifier as TSESTree.Identifier;
  if (reference.isWrite()) {
    return binding.reassignable ? classifyAssignment(identifier, identifier.name) : null;
  }
  if (binding.shape === null) return null;
  return classifyMemberWrite(identifier, binding.shape, binding.literal, sourceCode);
}

/** A write to the binding `target` (an identifier or a fixed slot such as `state.count`) by `=`, `+=`, `++`. */
function classifyAssignment(target: TSESTree.Node, name: string): Write | 'once' | null {
  const parent = target.parent;
  if (parent?.type === AST_NODE_TYPES.UpdateExpression) {
    const text = parent.prefix ? `${parent.operator}${name}` : `${name}${parent.operator}`;
    return { kind: 'update', node: parent, target, key: null, value: null, decrement: parent.operator === '--', text };
  }
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== target) return null;
  const { operator, right } = parent;
  if (operator === '??=' || operator === '||=') return 'once';
  if (operator !== '=' && operator !== '&&=') {
    const decrement = operator === '-=';
    return { kind: 'update', node: parent, target, key: null, value: null, decrement, text: `${name} ${operator} …` };
  }
  const value = skipTypeWrappers(right);
  // `client = client ?? create()`, `config = config || load()`: once-only.
  if (
    value.type === AST_NODE_TYPES.LogicalExpression &&
    (value.operator === '??' || value.operator === '||') &&
    isSameBinding(value.left, target, name)
  )
    return 'once';
  if (mentions(value, target, name))
    return { kind: 'update', node: parent, target, key: null, value: null, text: `${name} = …` };
  return { kind: 'assign', node: parent, target, key: null, value: right, text: `${name} = …` };
}

/** Whether `node` reads the same binding or slot as `target` (an identifier or a static member chain). */
function isSameBinding(node: TSESTree.Node, target: TSESTree.Node, name: string): boolean {
  const inner = skipTypeWrappers(node);
  if (target.type === AST_NODE_TYPES.Identifier) return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
  return getSlotText(inner) !== null && getSlotText(inner) === getSlotText(target);
}

/** Whether `node` reads `target` anywhere inside it (outside nested functions). */
function mentions(node: TSESTree.Node, target: TSESTree.Node, name: string): boolean {
  if (isSameBinding(node, target, name)) return true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || !value || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (!child || typeof child !== 'object' || typeof (child as { type?: unknown }).type !== 'string') continue;
      const item = child as TSESTree.Node;
      if (
        item.type === AST_NODE_TYPES.ArrowFunctionExpression ||
        item.type === AST_NODE_TYPES.FunctionExpression ||
        item.type === AST_NODE_TYPES.FunctionDeclaration
      )
        continue;
      if (mentions(item, target, name)) return true;
    }
  }
  return false;
}

/** `a.b.c` for a chain of identifiers and static names, else `null`. */
export function getSlotText(node: TSESTree.Node): string | null {
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getMemberName(inner);
  const object = getSlotText(inner.object);
  return name === null || object === null ? null : `${object}.${name}`;
}

/**
 * A write through a collection the module created: a mutating method call, an assignment, `++`/`--`
 * or `delete` on one of its entries, `Object.assign(o, …)`, or the same on a nested collection of an
 * object literal (`store.users[id] = u` where `store = { users: {} }`).
 */
function classifyMemberWrite(
  identifier: TSESTree.Identifier,
  rootShape: Shape,
  rootLiteral: TSESTree.ObjectExpression | null,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Write | 'once' | null {
  let node: TSESTree.Node = identifier;
  let shape: Shape | null = rootShape;
  let literal = rootLiteral;
  const text = (target: TSESTree.Node): string => getSlotText(target) ?? sourceCode.getText(target);
  for (let depth = 0; depth < 4 && shape !== null; depth += 1) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
      const callee = parent.callee;
      const isAssign =
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'Object' &&
        getMemberName(callee) === 'assign';
      return isAssign && shape === 'object'
        ? { kind: 'grow', node: parent, target: node, key: null, value: null, text: `Object.assign(${text(node)}, …)` }
        : null;
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return null;
    const name = parent.computed && parent.property.type !== AST_NODE_TYPES.Literal ? null : getMemberName(parent);
    const grand: TSESTree.Node | undefined = parent.parent;
    if (grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) {
      const action = name === null ? undefined : METHODS[shape][name];
      if (!action) return null;
      const kind = action === 'splice' ? (grand.arguments.length > 2 ? 'grow' : 'remove') : action;
      const key = grand.arguments[0] ?? null;
      return { kind, node: grand, target: node, key, value: null, text: `${text(node)}.${name}()` };
    }
    const written =
      (grand?.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) ||
      grand?.type === AST_NODE_TYPES.UpdateExpression;
    if (written) {
      if (name === null || (shape === 'array' && /^\d+$/u.test(name))) {
        // An entry under a key only known at run time: `users[id] = u`, `hits[ip]++`.
        if (
          grand.type === AST_NODE_TYPES.AssignmentExpression &&
          (grand.operator === '??=' || grand.operator === '||=')
        )
          return {
            kind: 'grow',
            node: grand,
            target: node,
            key: parent.property,
            value: null,
            memo: true,
            text: `${text(node)}[…] ${grand.operator} …`,
          };
        const op = grand.type === AST_NODE_TYPES.UpdateExpression ? grand.operator : ` ${grand.operator} …`;
        return {
          kind: 'grow',
          node: grand,
          target: node,
          key: parent.property,
          value: null,
          text: `${text(node)}[…]${op}`,
        };
      }
      if (shape === 'array' && name === 'length')
        return { kind: 'remove', node: grand, target: node, key: null, value: null, text: `${text(node)}.length = …` };
      if (shape !== 'object') return null;
      const slot = `${text(node)}.${name}`;
      return classifyAssignment(parent, slot);
    }
    if (grand?.type === AST_NODE_TYPES.UnaryExpression && grand.operator === 'delete')
      return {
        kind: 'remove',
        node: grand,
        target: node,
        key: parent.property,
        value: null,
        text: `delete ${text(node)}[…]`,
      };
    // Deeper: a nested collection of an object literal (`store.users.push(u)`).
    if (name === null || shape !== 'object' || literal === null) return null;
    const property = findObjectProperty(literal, name);
    const value = property ? skipTypeWrappers(property.value) : null;
    shape = value ? getShape(value, sourceCode.scopeManager!.globalScope!) : null;
    literal = value?.type === AST_NODE_TYPES.ObjectExpression ? value : null;
    node = parent;
  }
  return null;
}
