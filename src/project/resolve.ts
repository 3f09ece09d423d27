import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { ts } from 'ts-morph';

import type { FunctionNode } from '../frameworks/index.js';
import {
  getRootExpression,
  isFunctionNode,
  resolveFunction,
  scopeOf,
  skipTypeWrappers,
  walk,
} from '../shared/ast/index.js';
import { estreeAnchor, getTsNodeAt, skipOuterExpressions, tsAnchor } from './bridge.js';
import type { ParsedFile } from './parse.js';

/** A function of an analysed file, as an ESTree node. */
export interface FunctionRef {
  file: ParsedFile;
  fn: FunctionNode;
}

/** A TypeScript node an expression evaluates to, and the analysed file it is in (`null` outside the service). */
export interface ValueRef {
  file: ParsedFile | null;
  node: ts.Node;
}

/** How many declarations, bindings and re-exports a resolution follows before giving up. */
const MAX_STEPS = 10;

/**
 * Resolves ESTree expressions across files with the program's type checker: the checker answers which
 * declaration a name or a property denotes (through imports, re-exports, `require`, `module.exports`,
 * class members known from types), and the answer is carried back to the ESTree of the file that
 * declares it by position ({@link estreeAnchor}). Unresolved imports (a package that is not installed)
 * simply resolve to nothing. Read-only: nothing in the program is changed.
 */
export class Resolver {
  readonly checker: ts.TypeChecker;
  private readonly functionIndexes = new Map<ParsedFile, Map<string, FunctionNode>>();

  constructor(
    program: ts.Program,
    private readonly files: ReadonlyMap<string, ParsedFile>,
  ) {
    this.checker = program.getTypeChecker();
  }

  /** The analysed file a TypeScript node belongs to, if any. */
  fileOf(node: ts.Node): ParsedFile | null {
    return this.files.get(node.getSourceFile().fileName) ?? null;
  }

  /** The TypeScript node at the same range as an ESTree node of `file`. */
  tsNodeOf(file: ParsedFile, node: TSESTree.Node): ts.Node | undefined {
    return getTsNodeAt(file.sourceFile, node.range);
  }

  /**
   * What an ESTree expression evaluates to: for a name or property, the value its declaration holds
   * (followed through imports, `const` bindings, `export default`, `module.exports`, object literal
   * properties); otherwise the expression itself. Calls, `new`, functions, classes and object literals
   * are values; an expression that resolves to nothing gives an empty list.
   */
  valuesOf(file: ParsedFile, node: TSESTree.Node): ValueRef[] {
    const tsNode = this.tsNodeOf(file, skipTypeWrappers(node));
    return tsNode ? this.valuesOfTs(tsNode) : [];
  }

  /** {@link valuesOf} for a TypeScript expression. */
  valuesOfTs(node: ts.Node, steps = 0): ValueRef[] {
    return this.values(node, steps).map((value) => ({ file: this.fileOf(value), node: value }));
  }

  /**
   * The function an expression denotes: a function, or a binding, import, property or method that
   * holds one (in any analysed file). A call such as `asyncHandler(async (req, res) => …)` or
   * `memoize(compute)` stands for its last function argument, the function that actually runs.
   * `null` when the function is outside the analysed files or cannot be known.
   */
  functionOf(file: ParsedFile, node: TSESTree.Node): FunctionRef | null {
    const inner = skipTypeWrappers(node);
    if (isFunctionNode(inner)) return { file, fn: inner };
    const tsNode = this.tsNodeOf(file, inner);
    const found = tsNode ? this.functionOfTs(tsNode) : null;
    if (found) return found;
    // A same-file binding the checker could not type (plain JavaScript): the scope manager knows it.
    const local = resolveFunction(inner, scopeOf(file.globalScope, inner));
    return local ? { file, fn: local } : null;
  }

  /**
   * The function a call or `new` runs: the callee's function (see {@link functionOf}), or for `new`
   * the constructor of the class. `null` for calls into packages or untyped values.
   */
  calleeOf(file: ParsedFile, call: TSESTree.CallExpression | TSESTree.NewExpression): FunctionRef | null {
    const callee = skipTypeWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Super) return null;
    if (call.type === AST_NODE_TYPES.NewExpression) {
      const tsNode = this.tsNodeOf(file, callee);
      for (const value of tsNode ? this.values(tsNode, 0) : []) {
        if (!ts.isClassLike(value)) continue;
        const constructor = value.members.find(
          (member): member is ts.ConstructorDeclaration =>
            ts.isConstructorDeclaration(member) && member.body !== undefined,
        );
        const found = constructor ? this.estreeFunction(constructor) : null;
        if (found) return found;
      }
      return null;
    }
    return this.functionOf(file, callee);
  }

  /** The ESTree function for a TypeScript function-like node with a body, when its file is analysed. */
  estreeFunction(node: ts.Node): FunctionRef | null {
    const file = this.fileOf(node);
    if (!file) return null;
    const fn = this.functionIndex(file).get(tsAnchor(node, file.sourceFile));
    return fn ? { file, fn } : null;
  }

  /**
   * The package a value comes from: `helmet` for `helmet()` or for `limiter` when another module
   * exports `const limiter = rateLimit({…})` with `rateLimit` imported from `express-rate-limit`.
   * Follows the root name of calls and member accesses through imports, `require` and `const`
   * bindings across analysed files. Works when the package is not installed (the import is read as
   * written). `null` for values created in the service itself.
   */
  packageOrigin(file: ParsedFile, node: TSESTree.Node): string | null {
    const root = getRootExpression(node);
    if (
      root.type !== AST_NODE_TYPES.Identifier &&
      root.type !== AST_NODE_TYPES.ImportExpression &&
      root.type !== AST_NODE_TYPES.CallExpression
    )
      return null;
    const tsNode = this.tsNodeOf(file, root);
    return tsNode ? this.originOfValue(tsNode, 0) : null;
  }

  /** The module specifier an import-like declaration names (`import`, `import =`, `require`, `export … from`). */
  moduleSpecifierOf(declaration: ts.Node): string | null {
    let node: ts.Node | undefined = declaration;
    while (node && !ts.isSourceFile(node)) {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      )
        return node.moduleSpecifier.text;
      if (
        ts.isImportEqualsDeclaration(node) &&
        ts.isExternalModuleReference(node.moduleReference) &&
        ts.isStringLiteral(node.moduleReference.expression)
      ) {
        return node.moduleReference.expression.text;
      }
      if (ts.isVariableDeclaration(node)) {
        const init = node.initializer ? skipOuterExpressions(node.initializer) : undefined;
        return init ? getRequireSpecifier(init) : null;
      }
      node = node.parent;
    }
    return null;
  }

  private functionOfTs(node: ts.Node): FunctionRef | null {
    for (const value of this.values(node, 0)) {
      const fn = this.asFunction(value, 0);
      if (fn) return fn;
    }
    return null;
  }

  /** A value that is a function with a body, or a wrapper call around one. */
  private asFunction(value: ts.Node, steps: number): FunctionRef | null {
    if (ts.isFunctionLike(value) && 'body' in value && value.body) return this.estreeFunction(value);
    if (ts.isCallExpression(value) && steps < 3) {
      for (let index = value.arguments.length - 1; index >= 0; index -= 1) {
        for (const inner of this.values(value.arguments[index]!, steps + 1)) {
          const fn = this.asFunction(inner, steps + 1);
          if (fn) return fn;
        }
      }
    }
    return null;
  }

  private values(node: ts.Node, steps: number): ts.Node[] {
    if (steps > MAX_STEPS) return [];
    const expression = skipOuterExpressions(node);
    if (ts.isAwaitExpression(expression)) return this.values(expression.expression, steps + 1);
    if (
      ts.isIdentifier(expression) ||
      ts.isPropertyAccessExpression(expression) ||
      ts.isElementAccessExpression(expression)
    ) {
      return this.declarationsOf(expression).flatMap((declaration) => this.valuesOfDeclaration(declaration, steps + 1));
    }
    if (getRequireSpecifier(expression) !== null && ts.isCallExpression(expression)) {
      return this.moduleExports(expression.arguments[0]!).flatMap((declaration) =>
        this.valuesOfDeclaration(declaration, steps + 1),
      );
    }
    return [expression];
  }

  /** Declarations a name or property denotes, aliases (imports, re-exports, `require`) resolved. */
  private declarationsOf(
    expression: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression,
  ): ts.Node[] {
    const name = ts.isPropertyAccessExpression(expression)
      ? expression.name
      : ts.isElementAccessExpression(expression)
        ? expression.argumentExpression
        : expression;
    const symbol = this.resolveAlias(this.checker.getSymbolAtLocation(name));
    return symbol ? this.declarationsOfSymbol(symbol) : [];
  }

  private declarationsOfSymbol(symbol: ts.Symbol): ts.Node[] {
    const declarations = symbol.declarations ?? [];
    if (declarations.some((declaration) => ts.isSourceFile(declaration))) {
      // A module: what `module.exports = …` / `export = …` gives (`require('./router')`).
      const exported = this.resolveAlias(symbol.exports?.get(ts.InternalSymbolName.ExportEquals));
      return exported ? (exported.declarations ?? []) : [];
    }
    return declarations;
  }

  private moduleExports(specifier: ts.Node): ts.Node[] {
    const symbol = this.checker.getSymbolAtLocation(specifier);
    return symbol ? this.declarationsOfSymbol(symbol) : [];
  }

  private resolveAlias(symbol: ts.Symbol | undefined): ts.Symbol | undefined {
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return symbol;
    const aliased = this.checker.getAliasedSymbol(symbol);
    return aliased.declarations?.length ? aliased : undefined;
  }

  private valuesOfDeclaration(declaration: ts.Node, steps: number): ts.Node[] {
    if (ts.isFunctionLike(declaration) || ts.isClassLike(declaration)) return [declaration];
    if (
      ts.isVariableDeclaration(declaration) ||
      ts.isPropertyAssignment(declaration) ||
      ts.isPropertyDeclaration(declaration)
    ) {
      return declaration.initializer ? this.values(declaration.initializer, steps) : [];
    }
    if (ts.isShorthandPropertyAssignment(declaration)) {
      const symbol = this.resolveAlias(this.checker.getShorthandAssignmentValueSymbol(declaration));
      return symbol
        ? this.declarationsOfSymbol(symbol).flatMap((inner) => this.valuesOfDeclaration(inner, steps + 1))
        : [];
    }
    if (ts.isExportAssignment(declaration)) return this.values(declaration.expression, steps);
    if (ts.isBinaryExpression(declaration)) return this.values(declaration.right, steps);
    // `exports.helper = …` / `module.exports.x = …` in JavaScript: the declaration is the assigned access.
    if (
      (ts.isPropertyAccessExpression(declaration) || ts.isElementAccessExpression(declaration)) &&
      ts.isBinaryExpression(declaration.parent) &&
      declaration.parent.left === declaration
    ) {
      return this.values(declaration.parent.right, steps);
    }
    return [];
  }

  private originOfValue(node: ts.Node, steps: number): string | null {
    if (steps > MAX_STEPS) return null;
    const root = getTsRoot(node);
    const required = getRequireSpecifier(root);
    if (required !== null) return isPackage(required) ? required : null;
    if (ts.isCallExpression(root) && root.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const argument = root.arguments[0];
      return argument && ts.isStringLiteral(argument) && isPackage(argument.text) ? argument.text : null;
    }
    if (!ts.isIdentifier(root)) return null;
    const symbol = this.checker.getSymbolAtLocation(root);
    if (!symbol) return null;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const specifier = symbol.declarations?.[0] ? this.moduleSpecifierOf(symbol.declarations[0]) : null;
      if (specifier !== null && isPackage(specifier)) return specifier;
    }
    const resolved = this.resolveAlias(symbol);
    for (const declaration of resolved ? this.declarationsOfSymbol(resolved) : []) {
      const initializer =
        ts.isVariableDeclaration(declaration) ||
        ts.isPropertyAssignment(declaration) ||
        ts.isPropertyDeclaration(declaration)
          ? declaration.initializer
          : ts.isExportAssignment(declaration)
            ? declaration.expression
            : ts.isBinaryExpression(declaration)
              ? declaration.right
              : undefined;
      const origin = initializer ? this.originOfValue(initializer, steps + 1) : null;
      if (origin !== null) return origin;
    }
    return null;
  }

  private functionIndex(file: ParsedFile): Map<string, FunctionNode> {
    let index = this.functionIndexes.get(file);
    if (!index) {
      const built = new Map<string, FunctionNode>();
      walk(file.ast, file.visitorKeys, (node) => {
        if (isFunctionNode(node)) built.set(estreeAnchor(node), node);
      });
      index = built;
      this.functionIndexes.set(file, index);
    }
    return index;
  }
}

/** Whether a module specifier names a package (not a relative or absolute path). */
export function isPackage(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

function getTsRoot(node: ts.Node): ts.Node {
  let current = skipOuterExpressions(node);
  for (;;) {
    if (
      ts.isCallExpression(current) &&
      getRequireSpecifier(current) === null &&
      current.expression.kind !== ts.SyntaxKind.ImportKeyword
    )
      current = skipOuterExpressions(current.expression);
    else if (
      ts.isNewExpression(current) ||
      ts.isPropertyAccessExpression(current) ||
      ts.isElementAccessExpression(current)
    )
      current = skipOuterExpressions(current.expression);
    else if (ts.isAwaitExpression(current)) current = skipOuterExpressions(current.expression);
    else return current;
  }
}

/** `'x'` for `require('x')`, else `null`. */
function getRequireSpecifier(node: ts.Node): string | null {
  if (
    !ts.isCallExpression(node) ||
    !ts.isIdentifier(node.expression) ||
    node.expression.text !== 'require' ||
    node.arguments.length !== 1
  )
    return null;
  const argument = node.arguments[0]!;
  return ts.isStringLiteralLike(argument) ? argument.text : null;
}
