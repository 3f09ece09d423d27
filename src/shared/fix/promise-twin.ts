import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getMemberName, getRequiredModule, skipTypeWrappers } from '../ast/index.js';
import type { BlockingCall } from '../blocking-calls.js';

/** How to call the non-blocking twin of a blocking call, and what import it needs, if any. */
export interface TwinPlan {
  /** Source text of the new callee (`fs.promises.readFile`, `readFile`, `promisify(crypto.scrypt)`). */
  callee: string;
  /** An import to add first: a new declaration after `after` (or at the top), or a specifier appended to `into`. */
  addImport?: { after: TSESTree.Node | null; text: string } | { into: TSESTree.ImportDeclaration; text: string };
}

/**
 * Plans the swap of a blocking call for its promise twin (see `PromiseTwin`) using bindings the file
 * already has: the module object the call goes through (`fs.readFileSync` → `fs.promises.readFile`),
 * an import of the twin, or, in an ES module where the name is unused, a new import of it.
 * `promisify` twins are only planned when the file already imports `util.promisify`.
 * Returns `null` when no safe plan exists (optional calls, `new`, descriptor-based APIs, missing bindings).
 */
export function planPromiseTwin(blocking: BlockingCall, sourceCode: Readonly<TSESLint.SourceCode>): TwinPlan | null {
  const { node: call, info, module } = blocking;
  const twin = info.twin;
  if (!twin || call.type !== AST_NODE_TYPES.CallExpression || call.optional || blocking.path.length !== 1) return null;
  const callee = skipTypeWrappers(call.callee);
  const scope = sourceCode.getScope(call);
  const bindings = new ImportBindings(sourceCode.ast, scope);
  const promisesModules = [
    `${module}/promises`,
    module.startsWith('node:') ? `${module.slice(5)}/promises` : `node:${module}/promises`,
  ];
  const moduleNames = [module, module.startsWith('node:') ? module.slice(5) : `node:${module}`];

  // 1. Through the module object the call already uses: `fs.readFileSync(…)`, `require('fs').readFileSync(…)`.
  let moduleObject: string | null = null;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.optional && getMemberName(callee) === info.name) {
    moduleObject = sourceCode.getText(callee.object);
  } else if (callee.type !== AST_NODE_TYPES.Identifier) {
    return null;
  }
  moduleObject ??= bindings.namespace(moduleNames);

  if (twin.kind === 'fs-promises') {
    if (moduleObject) return { callee: `${moduleObject}.promises.${twin.name}` };
    const named = bindings.named(promisesModules, twin.name);
    if (named) return { callee: named };
    const promisesObject = bindings.namespace(promisesModules) ?? bindings.named(moduleNames, 'promises');
    if (promisesObject) return { callee: `${promisesObject}.${twin.name}` };
    return planNewImport(sourceCode, `${module}/promises`, twin.name);
  }
  if (twin.kind === 'sibling') {
    if (moduleObject) return { callee: `${moduleObject}.${twin.name}` };
    const named = bindings.named(moduleNames, twin.name);
    if (named) return { callee: named };
    return planNewImport(sourceCode, module, twin.name);
  }
  const promisify =
    bindings.named(['util', 'node:util'], 'promisify') ??
    withMember(bindings.namespace(['util', 'node:util']), 'promisify');
  const target = moduleObject ? `${moduleObject}.${twin.name}` : bindings.named(moduleNames, twin.name);
  return promisify && target ? { callee: `${promisify}(${target})` } : null;
}

/**
 * The fixes that turn `blockingCall(args)` into `await twin(args)`: the callee replaced, `await` added
 * (inside parentheses where the call is the object of a member access, a callee or a tag), and the
 * planned import added. Arguments and comments are kept as written.
 */
export function fixToAwaitedTwin(
  fixer: TSESLint.RuleFixer,
  call: TSESTree.CallExpression,
  plan: TwinPlan,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix[] {
  const fixes: TSESLint.RuleFix[] = [];
  if (plan.addImport) {
    const edit = plan.addImport;
    if ('into' in edit) {
      const last = edit.into.specifiers.at(-1)!;
      fixes.push(fixer.insertTextAfter(last, `, ${edit.text}`));
    } else if (edit.after) {
      fixes.push(fixer.insertTextAfter(edit.after, `\n${edit.text}`));
    } else {
      fixes.push(fixer.insertTextBeforeRange([0, 0], `${edit.text}\n`));
    }
  }
  fixes.push(fixer.replaceText(call.callee, plan.callee));
  if (call.parent?.type === AST_NODE_TYPES.AwaitExpression) return fixes;
  const parenthesize = needsParentheses(call) && !ASTUtils.isParenthesized(call, sourceCode);
  fixes.push(fixer.insertTextBefore(call, parenthesize ? '(await ' : 'await '));
  if (parenthesize) fixes.push(fixer.insertTextAfter(call, ')'));
  return fixes;
}

/**
 * The fix that makes a function `async`: `async` before `function`, before an arrow's parameters, or
 * before a method's name. `null` for generators, accessors, constructors and computed method names.
 */
export function fixToAsync(
  fixer: TSESLint.RuleFixer,
  fn: TSESTree.FunctionLike,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix | null {
  if (fn.async || fn.generator) return null;
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.MethodDefinition ||
    (parent?.type === AST_NODE_TYPES.Property && (parent.method || parent.kind !== 'init'))
  ) {
    if (parent.kind !== 'method' && parent.kind !== 'init') return null;
    if (parent.computed) return null;
    return fixer.insertTextBefore(parent.key, 'async ');
  }
  const first = sourceCode.getFirstToken(fn);
  return first ? fixer.insertTextBefore(first, 'async ') : null;
}

/** Parent positions where `await x` must be parenthesized to keep its meaning. */
function needsParentheses(node: TSESTree.Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    default:
      return false;
  }
}

/** A new `import { name } from 'module'` (or a specifier on an existing named import of it) in an ES module whose text never uses `name`. */
function planNewImport(sourceCode: Readonly<TSESLint.SourceCode>, module: string, name: string): TwinPlan | null {
  const imports = sourceCode.ast.body.filter(
    (statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration,
  );
  if (imports.length === 0 || new RegExp(`\\b${name}\\b`, 'u').test(sourceCode.text)) return null;
  const existing = imports.find(
    (declaration) =>
      declaration.source.value === module &&
      declaration.importKind !== 'type' &&
      declaration.specifiers.length > 0 &&
      declaration.specifiers.every((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (existing) return { callee: name, addImport: { into: existing, text: name } };
  return { callee: name, addImport: { after: imports.at(-1)!, text: `import { ${name} } from '${module}';` } };
}

function withMember(object: string | null, member: string): string | null {
  return object === null ? null : `${object}.${member}`;
}

/** Value imports (and top-level `require`s) of a file, checked to be visible, unshadowed, from a scope. */
class ImportBindings {
  constructor(
    private readonly ast: TSESTree.Program,
    private readonly scope: TSESLint.Scope.Scope,
  ) {}

  /** The local name of `import { name as local } from m` for one of `modules`, or `null`. */
  named(modules: readonly string[], name: string): string | null {
    for (const declaration of this.imports(modules)) {
      for (const specifier of declaration.specifiers) {
        if (
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.importKind !== 'type' &&
          (specifier.imported.type === AST_NODE_TYPES.Identifier
            ? specifier.imported.name
            : specifier.imported.value) === name &&
          this.isVisible(specifier.local)
        ) {
          return specifier.local.name;
        }
      }
    }
    return null;
  }

  /** The local name of a default or namespace import, or top-level `const x = require(m)`, of one of `modules`. */
  namespace(modules: readonly string[]): string | null {
    for (const declaration of this.imports(modules)) {
      for (const specifier of declaration.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier && this.isVisible(specifier.local))
          return specifier.local.name;
      }
    }
    for (const statement of this.ast.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        const source = declarator.init ? getRequiredModule(declarator.init) : null;
        if (
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          source !== null &&
          modules.includes(source) &&
          this.isVisible(declarator.id)
        ) {
          return declarator.id.name;
        }
      }
    }
    return null;
  }

  private imports(modules: readonly string[]): TSESTree.ImportDeclaration[] {
    return this.ast.body.filter(
      (statement): statement is TSESTree.ImportDeclaration =>
        statement.type === AST_NODE_TYPES.ImportDeclaration &&
        statement.importKind !== 'type' &&
        modules.includes(statement.source.value),
    );
  }

  /** Whether `identifier`'s binding is the one its name resolves to from the call's scope. */
  private isVisible(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.scope, identifier.name);
    return variable?.identifiers.includes(identifier) === true;
  }
}
