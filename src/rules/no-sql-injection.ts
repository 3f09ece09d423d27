import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getImportResolution, getProjectIndex, getRouteModel } from '../project-index/index.js';
import { skipExpressionWrappers } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { getSettings, isImportInLayer, isInLayer, type ApiAuditSettings } from '../shared/settings.js';
import { describePlaceholders, SQL_CLIENT_MODULES, type SqlMethod } from '../shared/sql-clients.js';
import { SqlAnalyzer, type SqlAnalysis, type SqlFinding } from './no-sql-injection-utils/analyze.js';
import { createExportResolver, SqlClientResolver, type SqlSink } from './no-sql-injection-utils/clients.js';
import { planParameters } from './no-sql-injection-utils/fix.js';
import { isStringBuilding, looksLikeSql, VALUE_POSITIONS } from './no-sql-injection-utils/sql-text.js';

export type Options = [{ checkNonRequestValues?: boolean; allowFunctions?: string[] }];
export type MessageIds = 'unsafeValue' | 'requestValue' | 'useParameters' | 'useTaggedTemplate';

/** Source text that names a SQL client module or a Prisma-only method: the rule's cheap pre-check. */
const CLIENT_TEXT = new RegExp(
  `['"\`](?:${[...SQL_CLIENT_MODULES].map((name) => name.replaceAll(/[.*+?^${}()|[\]\\/]/gu, '\\$&')).join('|')})['"\`]|\\$(?:query|execute)RawUnsafe\\b|\\.pg\\b`,
  'u',
);

/** A call of a raw-SQL method by name, for files whose client may come from another file of the service. */
const SINK_CALL_TEXT =
  /(?:\.|\b)(?:query|execute|raw|[a-zA-Z]+Raw|prepare|exec|unsafe|literal|createQueryBuilder)\s*[(<`]/u;

const MAX_SHOWN = 40;

export default createRule<Options, MessageIds>({
  name: 'no-sql-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building values into raw SQL strings instead of binding them as parameters',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unsafeValue:
        '`{{ value }}` is built into the SQL text given to {{ client }} `{{ method }}`; use {{ how }} instead.',
      requestValue:
        '`{{ value }}` comes from the request and is built into the SQL text given to {{ client }} `{{ method }}` as a name or clause; map it through an allowlist of known names instead.',
      useParameters: 'Bind the values as parameters (`{{ placeholder }}`).',
      useTaggedTemplate: 'Use the tagged template `{{ tag }}`, which binds each interpolated value.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkNonRequestValues: {
            type: 'boolean',
            description:
              "Report every non-constant value built into SQL where a bound parameter could stand (`= ${id}`, `'${name}'`, `IN (…)`, `LIMIT …`), not only values that visibly come from the request.",
          },
          allowFunctions: {
            type: 'array',
            description:
              'Names of functions (or methods) whose result is safe to build into SQL text: escaping or allowlisting helpers of your own, added to the built-in `escape*`, `quote*`, `format`, `ident` and `literal`.',
            items: { type: 'string' },
          },
        },
      },
    ],
    defaultOptions: [{ checkNonRequestValues: true, allowFunctions: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const settings = getSettings(context);
    // Tests, scripts, seeds and migrations never serve requests.
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const resolveImport = lazy(() => getImportResolution(context));
    const isDataModule = createDataModuleCheck(context, settings, resolveImport);
    const { text, ast } = sourceCode;
    if (!CLIENT_TEXT.test(text) && !(SINK_CALL_TEXT.test(text) && importsServiceModule(ast, settings, context)))
      return {};

    const globalScope = sourceCode.scopeManager!.globalScope!;
    const projectIndex = lazy(() => getProjectIndex(context));
    const resolver = new SqlClientResolver(
      globalScope,
      isDataModule,
      () => getRouteModel(context),
      createExportResolver(
        (specifier) => projectIndex()?.resolve(context.filename, specifier) ?? null,
        (from, specifier) => projectIndex()?.resolve(from, specifier) ?? null,
      ),
    );
    const analyzer = new SqlAnalyzer(globalScope, sourceCode, {
      checkNonRequestValues: options.checkNonRequestValues !== false,
      allowFunctions: new Set(options.allowFunctions ?? []),
      isSink: (call) => resolver.getSink(call) !== null,
    });
    const reported = new Set<TSESTree.Node>();

    return {
      CallExpression(node) {
        const sink = resolver.getSink(node);
        if (!sink) return;
        const argument = getSqlArgument(node, sink.spec);
        if (!argument) return;
        // TypeORM's `where`/`having` also take objects and `Brackets`: only strings are SQL.
        if (sink.spec.values === 'parameters' && !isStringValue(argument, analyzer)) return;
        const analysis = analyzer.analyze(argument.node);
        if (analysis.findings.length === 0) return;
        if (sink.spec.needsSqlText && !looksLikeSql(analysis.text)) return;
        const findings = analysis.findings.filter((finding) => !reported.has(finding.node));
        if (findings.length === 0) return;
        for (const finding of findings) reported.add(finding.node);
        reportSink(
          context,
          sink,
          argument,
          analysis.inline && argument.direct ? analysis : { ...analysis, inline: null },
          findings,
        );
      },
    };
  },
});

/** The SQL argument of a sink call: the argument itself, or its query object's SQL property (`{ text }`). */
function getSqlArgument(
  call: TSESTree.CallExpression,
  spec: SqlMethod,
): { node: TSESTree.Node; direct: boolean } | null {
  const argument = call.arguments[spec.sql];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const inner = skipExpressionWrappers(argument);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    if (!spec.sqlProperty) return null;
    const property = inner.properties.find(
      (candidate): candidate is TSESTree.Property =>
        candidate.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(candidate) === spec.sqlProperty,
    );
    return property ? { node: property.value, direct: false } : null;
  }
  return { node: argument, direct: true };
}

/** A string built from text, or a local binding given only such strings. */
function isStringValue(argument: { node: TSESTree.Node }, analyzer: SqlAnalyzer): boolean {
  const inner = skipExpressionWrappers(argument.node);
  if (isStringBuilding(inner)) return true;
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const values = analyzer.getWrittenValues(inner);
  return values !== null && values.length > 0 && values.every((value) => isStringBuilding(value));
}

function reportSink(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  sink: SqlSink,
  argument: { node: TSESTree.Node; direct: boolean },
  analysis: SqlAnalysis,
  findings: SqlFinding[],
): void {
  const { sourceCode } = context;
  const first = findings.find((finding) => VALUE_POSITIONS.has(finding.position)) ?? findings[0]!;
  const data = {
    value: shorten(sourceCode.getText(first.node)),
    client: sink.client,
    method: sink.method,
    how: describeRemedy(sink),
  };
  if (!VALUE_POSITIONS.has(first.position)) {
    context.report({ node: first.node, messageId: 'requestValue', data });
    return;
  }
  const plan = planParameters(sink, argument.node, { ...analysis, findings }, sourceCode);
  if (plan?.kind === 'fix') {
    context.report({ node: first.node, messageId: 'unsafeValue', data, fix: plan.fix });
    return;
  }
  context.report({
    node: first.node,
    messageId: 'unsafeValue',
    data,
    suggest: plan ? [{ messageId: plan.messageId, data: plan.data, fix: plan.fix }] : [],
  });
}

/** What to use instead, for the message: placeholders and how values go in, or the tagged-template twin. */
function describeRemedy(sink: SqlSink): string {
  const { spec } = sink;
  if (spec.taggedTwin) {
    const callee = skipExpressionWrappers(sink.call.callee);
    const receiver =
      callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier
        ? callee.object.name
        : null;
    if (spec.taggedTwin.kind === 'member') return `the tagged template \`${spec.taggedTwin.name}\``;
    return `the tagged template \`${receiver ?? 'sql'}\``;
  }
  if (spec.advice) return spec.advice;
  const placeholder = sink.clientId === null ? null : getPlaceholder(sink);
  return describePlaceholders(placeholder, spec.values);
}

function getPlaceholder(sink: SqlSink): 'numbered' | 'question' | null {
  switch (sink.clientId) {
    case 'pg':
    case 'postgres':
      return 'numbered';
    case 'mysql':
    case 'mysql2':
    case 'better-sqlite3':
    case 'node:sqlite':
    case 'sqlite3':
    case 'sqlite':
    case 'sequelize':
    case 'knex':
      return 'question';
    default:
      return null;
  }
}

function shorten(text: string): string {
  const line = text.replaceAll(/\s+/gu, ' ');
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN - 1)}…` : line;
}

/**
 * Whether a module specifier of the linted file is in the data layer: a `dataLayerModules` package (or a
 * subpath), a relative import into `layers.data`, or (through the project index) an alias resolving there.
 * Answers are kept per specifier. Mirrors `isDataModule` of `src/shared/data-layer.ts`.
 */
function createDataModuleCheck(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  settings: ApiAuditSettings,
  resolveImport: () => ((specifier: string) => string | null) | undefined,
): (source: string) => boolean {
  const answers = new Map<string, boolean>();
  return (source) => {
    let answer = answers.get(source);
    if (answer !== undefined) return answer;
    answer =
      settings.dataLayerModules.some((module) => source === module || source.startsWith(`${module}/`)) ||
      isImportInLayer(settings, 'data', context.filename, source, context.cwd);
    // Relative paths are matched as written above; only aliases (`@/db`, `#db`, `src/db`) need resolving.
    if (!answer && isServiceSpecifier(source) && !/^\.{1,2}\//u.test(source)) {
      const resolved = resolveImport()?.(source);
      answer = resolved ? isInLayer(settings, 'data', resolved, context.cwd) : false;
    }
    answers.set(source, answer);
    return answer;
  };
}

/** A specifier that may name a file of the service (relative, absolute, or an alias), not a client package or a builtin. */
function isServiceSpecifier(source: string): boolean {
  return !SQL_CLIENT_MODULES.has(source) && !source.startsWith('node:');
}

/** A value computed on first use. */
function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * Whether the file imports or requires (at its top level) a module that may hold a client: the data
 * layer, or any other file of the service (a relative path or an alias), whose exports are read later.
 */
function importsServiceModule(
  ast: TSESTree.Program,
  settings: ApiAuditSettings,
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
): boolean {
  // Without the project index's module resolution: this runs on every file.
  const mayHoldClient = (source: string): boolean =>
    /^(?:\.|\/|#|@\/|~\/)/u.test(source) ||
    isDataModuleAlias(source) ||
    settings.dataLayerModules.some((module) => source === module || source.startsWith(`${module}/`)) ||
    isImportInLayer(settings, 'data', context.filename, source, context.cwd);
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && mayHoldClient(statement.source.value)) return true;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      let init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
      if (init?.type === AST_NODE_TYPES.MemberExpression) init = skipExpressionWrappers(init.object);
      if (
        init?.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        typeof init.arguments[0].value === 'string' &&
        mayHoldClient(init.arguments[0].value)
      )
        return true;
    }
  }
  return false;
}

/** Aliases that usually point into the project (`src/db`, `@app/db`): a path segment naming the data layer. */
function isDataModuleAlias(source: string): boolean {
  return /(?:^|\/)(?:db|database|prisma|models?|entities|repositor(?:y|ies)|dal|knex|pool|sql|data-source|datasource)(?:\/|\.|$)/u.test(
    source,
  );
}
