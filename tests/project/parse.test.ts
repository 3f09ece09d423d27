import parser from '@typescript-eslint/parser';
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule, type SourceCode } from 'eslint';
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';

import type { VisitorKeys } from '../../src/shared/ast/index.js';
import {
  endPositionOf,
  isParseFailure,
  parseFile,
  positionOf,
  releaseForProject,
  releaseNodeChildren,
} from '../../src/project/parse.js';

// CRLF line ends, a string with a character outside the BMP (two UTF-16 units) before later nodes on
// its line, and one lib global referenced (`Promise`) among the many `esnext` declares.
const SOURCE = [
  "import { readFileSync } from 'node:fs';",
  "const label = '🚀 launch'; const size = readFileSync('a.txt').length;",
  'export async function load(): Promise<number> {',
  '  return Promise.resolve(size + label.length);',
  '}',
  '',
].join('\r\n');

/** `line:column-endLine:endColumn` of every node, 1-based columns, from `loc` or from the positions given. */
function spans(ast: TSESTree.Node, keys: VisitorKeys, at: (node: TSESTree.Node) => string) {
  const out: string[] = [];
  const visit = (node: TSESTree.Node): void => {
    out.push(`${node.type} ${at(node)}`);
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child])
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
    }
  };
  visit(ast);
  return out;
}

/**
 * The tree, scopes and visitor keys as the command's lint hands them to the checker: taken in a rule's
 * `Program` listener, after ESLint has linked references to globals; with `loc` as ESLint reports it.
 */
function lintTree(): { file: Parameters<typeof releaseForProject>[0]; ast: TSESTree.Program } {
  let sourceCode: SourceCode | undefined;
  const capture: Rule.RuleModule = {
    create: (context) => ({ Program: () => void (sourceCode = context.sourceCode) }),
  };
  const messages = new Linter({ configType: 'flat' }).verify(
    SOURCE,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser, parserOptions: { lib: ['esnext'] } },
        plugins: { test: { rules: { capture } } },
        rules: { 'test/capture': 'error' },
      },
    ],
    'a.ts',
  );
  expect(messages).toEqual([]);
  const ast = sourceCode!.ast as unknown as TSESTree.Program;
  return {
    ast,
    file: {
      ast,
      globalScope: sourceCode!.scopeManager.globalScope as unknown as TSESLint.Scope.Scope,
      visitorKeys: sourceCode!.visitorKeys as VisitorKeys,
    },
  };
}

describe('releaseForProject', () => {
  it('clears loc, yet positionOf gives every node the line and column ESLint reported', () => {
    const { ast, file: tree } = lintTree();
    const keys = tree.visitorKeys;
    const before = spans(
      ast,
      keys,
      (node) => `${node.loc.start.line}:${node.loc.start.column + 1}-${node.loc.end.line}:${node.loc.end.column + 1}`,
    );
    const file = { ...tree, sourceFile: ts.createSourceFile('/svc/a.ts', SOURCE, ts.ScriptTarget.Latest, true) };
    releaseForProject(file);

    const after = spans(ast, keys, (node) => {
      const start = positionOf(file, node);
      const end = endPositionOf(file, node);
      return `${start.line}:${start.column}-${end.line}:${end.column}`;
    });
    expect(after).toEqual(before);
    expect(before).toContain('Identifier 2:41-2:53'); // `readFileSync` after the rocket, on a CRLF line
    expect(ast.body[1]!.loc).toBeUndefined();
    expect('tokens' in ast || 'comments' in ast).toBe(false);
  });

  it('keeps the lib globals the file references and drops the others', () => {
    const { file } = lintTree();
    const { globalScope } = file;
    expect(globalScope.set.has('Array')).toBe(true);
    releaseForProject(file);

    expect([...globalScope.set.keys()]).toEqual(['Promise']);
    expect(globalScope.variables.map((variable) => variable.name)).toEqual(['Promise']);
    // The reference tracker still follows the global the file uses.
    const tracker = new ASTUtils.ReferenceTracker(globalScope);
    const found = [
      ...tracker.iterateGlobalReferences({ Promise: { resolve: { [ASTUtils.ReferenceTracker.CALL]: 1 } } }),
    ];
    expect(found.map((item) => SOURCE.slice(...(item.node as TSESTree.Node).range))).toEqual([
      'Promise.resolve(size + label.length)',
    ]);
  });

  it('is what parseFile applies to the trees the checker parses itself', () => {
    const sourceFile = ts.createSourceFile('/svc/a.ts', SOURCE, ts.ScriptTarget.Latest, true);
    const parsed = parseFile(sourceFile, '/svc', null);
    if (isParseFailure(parsed)) throw new Error(parsed.message);
    expect(parsed.ast.loc).toBeUndefined();
    expect([...parsed.globalScope.set.keys()]).toEqual(['Promise']);
    const call = (parsed.ast.body[3] as TSESTree.ExportNamedDeclaration).declaration as TSESTree.FunctionDeclaration;
    expect(positionOf(parsed, call.body.body[0]!)).toEqual({ line: 4, column: 3 });
  });
});

describe('releaseNodeChildren', () => {
  // TypeScript's internal reader of its children cache (what `Node.getChildren()` fills and reuses).
  const cachedChildren = (node: ts.Node, sourceFile: ts.SourceFile): readonly ts.Node[] | undefined =>
    (
      ts as unknown as { getNodeChildren: (n: ts.Node, s: ts.SourceFile) => readonly ts.Node[] | undefined }
    ).getNodeChildren(node, sourceFile);

  it('drops the children lists that converting a program file to ESTree with tokens cached on its nodes', () => {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
    project.createSourceFile('/svc/a.ts', SOURCE);
    const program = project.getProgram().compilerObject;
    const sourceFile = program.getSourceFile('/svc/a.ts')!;
    const statement = sourceFile.statements[3]!; // `export async function load() …`
    expect(cachedChildren(statement, sourceFile)).toBeUndefined();

    // As the command's lint converts a program file: ESLint asks for tokens.
    const { ast } = parser.parseForESLint(SOURCE, {
      filePath: '/svc/a.ts',
      programs: [program],
      range: true,
      loc: true,
      tokens: true,
      comment: true,
      preserveNodeMaps: false,
    } as Parameters<typeof parser.parseForESLint>[1]);
    expect(ast.tokens!.length).toBeGreaterThan(40);
    const cached = cachedChildren(statement, sourceFile);
    expect(cached?.map((child) => ts.SyntaxKind[child.kind])).toEqual([
      'SyntaxList',
      'FunctionKeyword',
      'Identifier',
      'OpenParenToken',
      'SyntaxList',
      'CloseParenToken',
      'ColonToken',
      'TypeReference',
      'Block',
    ]);

    releaseNodeChildren(sourceFile);
    expect(cachedChildren(statement, sourceFile)).toBeUndefined();
    expect(cachedChildren(sourceFile, sourceFile)).toBeUndefined();
    // Asking again builds the same list anew.
    expect(statement.getChildren(sourceFile).map((child) => child.kind)).toEqual(cached!.map((child) => child.kind));
  });
});

describe('parseFile', () => {
  it("reports a file's own parse error only, not a stack overflow TypeScript's binder hits in another file", () => {
    // typescript-estree builds the program's type checker on the first parse, binding every file. The
    // binder recurses without limit through unreachable code: here 5,000 terms after a `return`.
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { types: [] } });
    project.createSourceFile('/svc/a.ts', 'export const a = 1;\n');
    project.createSourceFile(
      '/svc/b.ts',
      `export function total() {\n  return 0;\n  return ${'x + '.repeat(5000)}0;\n}\n`,
    );
    const program = project.getProgram().compilerObject;
    const parsed = parseFile(program.getSourceFile('/svc/a.ts')!, '/svc', program);
    expect(isParseFailure(parsed) ? parsed.message : 'parsed').toBe('parsed');
  });
});
