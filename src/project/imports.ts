import { dirname, resolve } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { ts } from 'ts-morph';

import { findVariable, getRequiredModule, scopeOf, walk } from '../shared/ast/index.js';
import { getTsNodeAt } from './bridge.js';
import type { ParsedFile } from './parse.js';

/** One import of a file: `import … from`, `export … from`, `require()`, `import()`. */
export interface ImportFacts {
  /** The statement or call to report on. */
  node: TSESTree.Node;
  /** The module specifier as written. */
  source: string;
  /**
   * Erased at run time: `import type …`, every specifier marked `type`, or every imported binding read
   * only in type positions (`import { User } from './user.entity'` used as `user: User`), which
   * TypeScript drops from the output unless `verbatimModuleSyntax` keeps it (then it runs, but only for
   * the module's side effects, which no layer rule is about).
   */
  typeOnly: boolean;
  /**
   * Names taken from the module: the imported name of each specifier, `default`, `*` for a namespace
   * or an `export * from`; for `require()`, the destructured keys or `default`.
   */
  names: string[];
  /** The module specifier's string literal node. */
  sourceNode: TSESTree.Node;
}

/**
 * Every import of a parsed file, in source order: static imports and re-exports, `require('x')` calls
 * whose `require` is not a local binding, and `import('x')` with a literal specifier.
 */
export function collectImports(file: ParsedFile): ImportFacts[] {
  const found: ImportFacts[] = [];
  for (const statement of file.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const specifiers = statement.specifiers;
      const typeOnly =
        statement.importKind === 'type' ||
        (specifiers.length > 0 &&
          specifiers.every(
            (specifier) =>
              (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') ||
              isUsedAsTypeOnly(file, specifier),
          ));
      found.push({
        node: statement,
        source: statement.source.value,
        typeOnly,
        names: specifiers.map(getImportedName),
        sourceNode: statement.source,
      });
    } else if (
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportAllDeclaration) &&
      statement.source
    ) {
      const names =
        statement.type === AST_NODE_TYPES.ExportAllDeclaration
          ? ['*']
          : statement.specifiers.map((specifier) =>
              specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : String(specifier.local.value),
            );
      found.push({
        node: statement,
        source: statement.source.value,
        typeOnly: statement.exportKind === 'type',
        names,
        sourceNode: statement.source,
      });
    }
  }
  walk(file.ast, file.visitorKeys, (node) => {
    if (
      node.type === AST_NODE_TYPES.ImportExpression &&
      node.source.type === AST_NODE_TYPES.Literal &&
      typeof node.source.value === 'string'
    ) {
      found.push({ node, source: node.source.value, typeOnly: false, names: ['*'], sourceNode: node.source });
    }
    const source = getRequiredModule(node, scopeOf(file.globalScope, node));
    if (source === null || node.type !== AST_NODE_TYPES.CallExpression) return;
    found.push({
      node: getRequireStatement(node),
      source,
      typeOnly: false,
      names: getRequiredNames(node),
      sourceNode: node.arguments[0]!,
    });
  });
  return found.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * Resolves import specifiers to files with TypeScript's module resolution and the program's options
 * (the mode of each import, ESM or CommonJS, taken from where it is written). One cache per audit.
 */
export class ImportResolver {
  private readonly cache: ts.ModuleResolutionCache;

  constructor(
    private readonly options: ts.CompilerOptions,
    root: string,
  ) {
    this.cache = ts.createModuleResolutionCache(root, (name) => name, options);
  }

  /**
   * The file an import resolves to; for a relative specifier that does not resolve, the path it names
   * with a `.ts` extension (so layer globs still apply). `null` for packages that are not installed.
   */
  resolve(file: ParsedFile, imported: ImportFacts): string | null {
    const literal = getTsNodeAt(file.sourceFile, imported.sourceNode.range);
    const mode =
      literal && ts.isStringLiteralLike(literal)
        ? ts.getModeForUsageLocation(file.sourceFile, literal, this.options)
        : undefined;
    const resolved = ts.resolveModuleName(
      imported.source,
      file.path,
      this.options,
      ts.sys,
      this.cache,
      undefined,
      mode,
    ).resolvedModule;
    if (resolved) return resolved.resolvedFileName;
    if (!imported.source.startsWith('.')) return null;
    return `${resolve(dirname(file.path), imported.source).replace(/\.[cm]?js$/u, '')}.ts`;
  }
}

/**
 * Whether an imported binding is read, and read only as a type (`let user: User`, `Repository<User>`).
 * A type naming a constructor parameter, a method parameter or a property of a decorated class is a
 * value: with `emitDecoratorMetadata` (NestJS, TypeORM, type-graphql) TypeScript emits it as
 * `design:paramtypes`/`design:type` metadata, which is how Nest injects `constructor(private users: UsersService)`.
 */
function isUsedAsTypeOnly(file: ParsedFile, specifier: TSESTree.ImportClause): boolean {
  const variable = findVariable(scopeOf(file.globalScope, specifier), specifier.local);
  const references = variable?.references ?? [];
  return (
    references.length > 0 &&
    references.every(
      (reference) =>
        reference.isTypeReference && !reference.isValueReference && !isDecoratorMetadata(reference.identifier),
    )
  );
}

/** Whether a type reference is emitted as decorator metadata: in the annotation of a parameter or property of a decorated class. */
function isDecoratorMetadata(node: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node;
  while (current && current.type !== AST_NODE_TYPES.TSTypeAnnotation) {
    if (!current.type.startsWith('TS') && current.type !== AST_NODE_TYPES.Identifier) return false;
    current = current.parent;
  }
  let owner = current?.parent;
  if (owner?.type === AST_NODE_TYPES.TSParameterProperty) owner = owner.parent;
  else if (owner?.type === AST_NODE_TYPES.Identifier && owner.parent?.type === AST_NODE_TYPES.TSParameterProperty)
    owner = owner.parent.parent;
  else if (owner?.type === AST_NODE_TYPES.Identifier) owner = owner.parent;
  if (owner?.type === AST_NODE_TYPES.PropertyDefinition)
    return owner.decorators.length > 0 || hasDecorators(owner.parent);
  if (owner?.type !== AST_NODE_TYPES.FunctionExpression || owner.parent?.type !== AST_NODE_TYPES.MethodDefinition)
    return false;
  const method = owner.parent;
  return method.decorators.length > 0 || hasDecorators(method.parent);
}

/** Whether the class a class body belongs to, or any of its members, is decorated. */
function hasDecorators(body: TSESTree.Node | undefined): boolean {
  const owner = body?.parent;
  if (owner?.type !== AST_NODE_TYPES.ClassDeclaration && owner?.type !== AST_NODE_TYPES.ClassExpression) return false;
  return (
    owner.decorators.length > 0 ||
    owner.body.body.some((member) => 'decorators' in member && member.decorators.length > 0)
  );
}

function getImportedName(specifier: TSESTree.ImportClause): string {
  if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return 'default';
  if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return '*';
  return specifier.imported.type === AST_NODE_TYPES.Identifier
    ? specifier.imported.name
    : String(specifier.imported.value);
}

/** The statement holding a `require()` when it is a plain `const x = require('y')`, else the call. */
function getRequireStatement(call: TSESTree.CallExpression): TSESTree.Node {
  const declarator = call.parent;
  const declaration = declarator?.parent;
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init === call &&
    declaration?.type === AST_NODE_TYPES.VariableDeclaration &&
    declaration.declarations.length === 1
  ) {
    return declaration;
  }
  return call;
}

function getRequiredNames(call: TSESTree.CallExpression): string[] {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    return parent.id.properties.flatMap((property) =>
      property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier
        ? [property.key.name]
        : [],
    );
  }
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === call &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    !parent.computed
  ) {
    return [parent.property.name];
  }
  return ['default'];
}
