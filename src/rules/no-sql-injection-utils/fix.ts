import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getMemberName, isFunctionNode, skipExpressionWrappers } from '../../shared/ast/index.js';
import { SQL_CLIENTS, type SqlClientId } from '../../shared/sql-clients.js';
import type { SqlAnalysis, SqlFinding } from './analyze.js';
import type { SqlSink } from './clients.js';
import type { PlacedExpression, SqlPart } from './sql-text.js';

/** A rewrite of a SQL call that binds its interpolated values: applied as a fix or offered as a suggestion. */
export interface ParameterPlan {
  kind: 'fix' | 'suggestion';
  /** `parameters`: placeholders plus values; `tagged`: the tagged-template twin (`prisma.$queryRaw`, `sql`). */
  messageId: 'useParameters' | 'useTaggedTemplate';
  data: Record<string, string>;
  fix: TSESLint.ReportFixFunction;
}

/**
 * Drivers whose placeholders and values argument are fixed by the library, so that swapping an
 * interpolated value for a placeholder is mechanical (node-postgres, postgres.js, mysql, mysql2,
 * better-sqlite3, `node:sqlite`, sqlite3, sqlite): an automatic fix when every value is a plain one.
 */
const FIXABLE_CLIENTS: ReadonlySet<SqlClientId> = new Set([
  'pg',
  'postgres',
  'mysql',
  'mysql2',
  'better-sqlite3',
  'node:sqlite',
  'sqlite3',
  'sqlite',
]);

/** Statement methods of better-sqlite3 and `node:sqlite` that take the values of a prepared statement. */
const STATEMENT_METHODS: ReadonlySet<string> = new Set(['run', 'get', 'all', 'iterate']);

/** One value that becomes a bound parameter. */
interface Parameter {
  placed: PlacedExpression;
  /** The value's source text: the expression, or a template holding it with the rest of its quotes. */
  value: string;
  /** Text removed from the end of the text part before it and from the start of the part after it. */
  trimBefore: number;
  trimAfter: number;
}

/**
 * Plans the rewrite for one reported SQL call, or `null` when none is mechanical. Only an inline SQL
 * argument (a template literal, a concatenation) is rewritten, only when every finding is an expression
 * of that argument in value position (`= ${x}`, `'${x}'`), and never when the call already binds values.
 * It is an automatic fix for the drivers of {@link FIXABLE_CLIENTS} when each value stands alone or
 * fills a whole quoted string (`'${x}'` → `$1`); a suggestion when a value shares its quotes with other
 * text (`'%${x}%'` → `$1` with the value `` `%${x}%` ``), sits after `LIMIT`, for Knex, Sequelize and
 * TypeORM query builders, and for the tagged-template twins of Prisma's `$queryRawUnsafe` and `sql.raw`.
 */
export function planParameters(
  sink: SqlSink,
  argument: TSESTree.Node,
  analysis: SqlAnalysis,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ParameterPlan | null {
  const { inline, findings } = analysis;
  if (!inline || findings.length === 0) return null;
  if (sourceCode.getCommentsInside(argument).length > 0) return null;
  const byNode = new Map(inline.placed.map((placed) => [placed.node as TSESTree.Node, placed]));
  const parameters: Parameter[] = [];
  let plain = true;
  for (const finding of findings) {
    const placed = byNode.get(finding.node);
    if (!placed) return null;
    const parameter = toParameter(placed, finding, inline.parts, sourceCode);
    if (!parameter) return null;
    if (placed.position === 'limit' || placed.quote === 'partial') plain = false;
    parameters.push(parameter);
  }
  const { spec } = sink;
  if (spec.taggedTwin) return planTaggedTwin(sink, argument, inline, parameters, sourceCode);
  const client = sink.clientId === null ? null : SQL_CLIENTS[sink.clientId];
  const call = sink.call;
  const after = call.arguments.slice(spec.sql + 1);
  const text = inline.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
  switch (spec.values) {
    case 'argument': {
      const style = client?.placeholder ?? null;
      if (style === null || !FIXABLE_CLIENTS.has(sink.clientId!)) return null;
      // Values already given (only a trailing callback may follow the SQL).
      if (after.length > 1 || (after.length === 1 && !isFunctionNode(after[0]))) return null;
      if (hasPlaceholders(text, style)) return null;
      const placeholder = style === 'numbered' ? (i: number): string => `$${i + 1}` : (): string => '?';
      return {
        kind: plain ? 'fix' : 'suggestion',
        messageId: 'useParameters',
        data: { placeholder: style === 'numbered' ? '$1' : '?' },
        fix: (fixer) => [
          fixer.replaceText(argument, rewriteSql(argument, inline.parts, parameters, placeholder, sourceCode)),
          fixer.insertTextAfter(argument, `, [${parameters.map((parameter) => parameter.value).join(', ')}]`),
        ],
      };
    }
    case 'statement': {
      const run = getStatementRun(call);
      if (!run || after.length > 0 || hasPlaceholders(text, 'question') || !FIXABLE_CLIENTS.has(sink.clientId!))
        return null;
      const closing = sourceCode.getLastToken(run)!;
      return {
        kind: plain ? 'fix' : 'suggestion',
        messageId: 'useParameters',
        data: { placeholder: '?' },
        fix: (fixer) => [
          fixer.replaceText(
            argument,
            rewriteSql(argument, inline.parts, parameters, () => '?', sourceCode),
          ),
          fixer.insertTextBefore(closing, parameters.map((parameter) => parameter.value).join(', ')),
        ],
      };
    }
    case 'bindings': {
      if (after.length > 0 || hasPlaceholders(text, 'question')) return null;
      return {
        kind: 'suggestion',
        messageId: 'useParameters',
        data: { placeholder: '?' },
        fix: (fixer) => [
          fixer.replaceText(
            argument,
            rewriteSql(argument, inline.parts, parameters, () => '?', sourceCode),
          ),
          fixer.insertTextAfter(argument, `, [${parameters.map((parameter) => parameter.value).join(', ')}]`),
        ],
      };
    }
    case 'replacements': {
      if (hasPlaceholders(text, 'question') || after.length > 1) return null;
      const options = after[0];
      const values = `[${parameters.map((parameter) => parameter.value).join(', ')}]`;
      if (
        options &&
        (options.type !== AST_NODE_TYPES.ObjectExpression || hasProperty(options, ['replacements', 'bind']))
      )
        return null;
      return {
        kind: 'suggestion',
        messageId: 'useParameters',
        data: { placeholder: '?' },
        fix: (fixer) => {
          const rewrite = fixer.replaceText(
            argument,
            rewriteSql(argument, inline.parts, parameters, () => '?', sourceCode),
          );
          if (!options) return [rewrite, fixer.insertTextAfter(argument, `, { replacements: ${values} }`)];
          const open = sourceCode.getFirstToken(options)!;
          const separator = options.properties.length > 0 ? ',' : '';
          return [rewrite, fixer.insertTextAfter(open, ` replacements: ${values}${separator}`)];
        },
      };
    }
    case 'parameters': {
      if (after.length > 0) return null;
      const names = chooseParameterNames(parameters, text);
      return {
        kind: 'suggestion',
        messageId: 'useParameters',
        data: { placeholder: `:${names[0]}` },
        fix: (fixer) => [
          fixer.replaceText(
            argument,
            rewriteSql(argument, inline.parts, parameters, (i) => `:${names[i]}`, sourceCode),
          ),
          fixer.insertTextAfter(
            argument,
            `, { ${parameters.map((parameter, i) => (parameter.value === names[i] ? names[i] : `${names[i]}: ${parameter.value}`)).join(', ')} }`,
          ),
        ],
      };
    }
    default:
      return null;
  }
}

/**
 * The parameter a finding becomes, or `null` when it is not a plain value: it must sit in value
 * position, alone (`= ${x}`) or in quotes (`'${x}'`, `'%${x}%'` with the neighbouring text parts
 * holding the quotes).
 */
function toParameter(
  placed: PlacedExpression,
  finding: SqlFinding,
  parts: readonly SqlPart[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): Parameter | null {
  const text = valueText(placed.node, sourceCode);
  if (placed.position === 'value' || placed.position === 'limit')
    return { placed, value: text, trimBefore: 0, trimAfter: 0 };
  if (placed.position !== 'quoted' || finding.position !== 'quoted') return null;
  const previous = parts[placed.index - 1];
  const next = parts[placed.index + 1];
  if (previous?.kind !== 'text' || next?.kind !== 'text') return null;
  const open = previous.text.lastIndexOf("'");
  const close = next.text.indexOf("'");
  if (open < 0 || close < 0) return null;
  // `INTERVAL '${x} days'`, `DATE '${d}'`: a typed literal takes no placeholder without a cast; in
  // `IN ('${list}')` the value is a list, not one string.
  const opening = previous.text.slice(0, open);
  if (
    /\b(?:interval|date|time|timestamp|timestamptz|datetime)\s*$/iu.test(opening) ||
    /\bin\s*\([^()]*$/iu.test(opening)
  )
    return null;
  const prefix = previous.text.slice(open + 1);
  const suffix = next.text.slice(0, close);
  if (next.text.slice(close + 1).startsWith("'")) return null;
  if (/['\\`]|\$\{/u.test(prefix + suffix)) return null;
  // A template's raw text must hold the same characters (no escapes) for the quotes to be cut by length.
  if (previous.node.type === AST_NODE_TYPES.TemplateElement && !previous.node.value.raw.endsWith(`'${prefix}`))
    return null;
  if (next.node.type === AST_NODE_TYPES.TemplateElement && !next.node.value.raw.startsWith(`${suffix}'`)) return null;
  const value = prefix === '' && suffix === '' ? text : `\`${prefix}\${${sourceCode.getText(placed.node)}}${suffix}\``;
  return { placed, value, trimBefore: prefix.length + 1, trimAfter: suffix.length + 1 };
}

function valueText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const text = sourceCode.getText(node);
  return node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
}

/**
 * The SQL argument rewritten with each parameter's expression (and the quotes around it) replaced by
 * its placeholder. A template literal keeps its raw text; a concatenation becomes a template literal
 * when constant expressions remain in it, otherwise a string literal in its first literal's quotes.
 */
function rewriteSql(
  argument: TSESTree.Node,
  parts: readonly SqlPart[],
  parameters: readonly Parameter[],
  placeholder: (index: number) => string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  forceTemplate = false,
): string {
  const byIndex = new Map(parameters.map((parameter, i) => [parameter.placed.index, { parameter, i }]));
  const inner = skipExpressionWrappers(argument);
  const isTemplate = inner.type === AST_NODE_TYPES.TemplateLiteral;
  const keepsExpressions = parts.some((part, index) => part.kind === 'expression' && !byIndex.has(index));
  const asTemplate = forceTemplate || isTemplate || keepsExpressions;
  const quote = asTemplate ? '`' : getQuote(inner, sourceCode);
  const pieces: string[] = [];
  parts.forEach((part, index) => {
    if (part.kind === 'expression') {
      const entry = byIndex.get(index);
      pieces.push(entry ? placeholder(entry.i) : `\${${sourceCode.getText(part.node)}}`);
      return;
    }
    const start = byIndex.get(index - 1)?.parameter.trimAfter ?? 0;
    const trimEnd = byIndex.get(index + 1)?.parameter.trimBefore ?? 0;
    if (isTemplate && part.node.type === AST_NODE_TYPES.TemplateElement) {
      // Raw text keeps the author's escapes; quotes are never escaped in a template.
      const raw = part.node.value.raw;
      pieces.push(raw.slice(start, raw.length - trimEnd));
    } else {
      const cooked = part.text.slice(start, part.text.length - trimEnd);
      pieces.push(asTemplate ? escapeTemplate(cooked) : escapeString(cooked, quote));
    }
  });
  return `${quote}${pieces.join('')}${quote}`;
}

/** The quote character of the first string literal of a concatenation (`'` when there is none). */
function getQuote(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.BinaryExpression) current = current.left;
  const first = sourceCode.getText(current)[0];
  return first === '"' ? '"' : "'";
}

function escapeTemplate(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

function escapeString(text: string, quote: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll(quote, `\\${quote}`)
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Whether SQL text already holds placeholders of a style (`$1`, `?`): numbering them again is not mechanical. */
function hasPlaceholders(text: string, style: 'numbered' | 'question'): boolean {
  return style === 'numbered' ? /\$\d/u.test(text) : text.includes('?');
}

/** `db.prepare(sql).get()`: the statement call that takes the values, when it is chained and takes none yet. */
function getStatementRun(call: TSESTree.CallExpression): TSESTree.CallExpression | null {
  const member = call.parent;
  const run = member?.parent;
  if (
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== call ||
    run?.type !== AST_NODE_TYPES.CallExpression ||
    run.callee !== member ||
    run.arguments.length > 0
  )
    return null;
  const method = getMemberName(member);
  return method !== null && STATEMENT_METHODS.has(method) ? run : null;
}

function hasProperty(object: TSESTree.ObjectExpression, names: readonly string[]): boolean {
  return object.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.SpreadElement || names.includes(ASTUtils.getPropertyName(property) ?? ''),
  );
}

/** TypeORM parameter names: the value's own name (`id`, `user.email` → `email`), made unique, `param1` otherwise. */
function chooseParameterNames(parameters: readonly Parameter[], text: string): string[] {
  const used = new Set<string>();
  return parameters.map((parameter, i) => {
    const node = skipExpressionWrappers(parameter.placed.node);
    let base =
      node.type === AST_NODE_TYPES.Identifier
        ? node.name
        : node.type === AST_NODE_TYPES.MemberExpression &&
            !node.computed &&
            node.property.type === AST_NODE_TYPES.Identifier
          ? node.property.name
          : `param${i + 1}`;
    if (!/^[A-Za-z_]\w*$/u.test(base)) base = `param${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name) || text.includes(`:${name}`); n += 1) name = `${base}${n}`;
    used.add(name);
    return name;
  });
}

/**
 * Prisma `$queryRawUnsafe(`…${x}…`)` → `$queryRaw`…${x}…``, Drizzle/Kysely `sql.raw(`…`)` → `sql`…``: the
 * tagged template binds every interpolation, so it is offered only when every interpolation is a value
 * being reported (a constant table name would become a parameter too) and no values follow.
 */
function planTaggedTwin(
  sink: SqlSink,
  argument: TSESTree.Node,
  inline: NonNullable<SqlAnalysis['inline']>,
  parameters: readonly Parameter[],
  sourceCode: Readonly<TSESLint.SourceCode>,
): ParameterPlan | null {
  const twin = sink.spec.taggedTwin!;
  const call = sink.call;
  const callee = skipExpressionWrappers(call.callee);
  if (call.arguments.length !== 1 || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  const expressions = inline.parts.filter((part) => part.kind === 'expression').length;
  if (expressions !== parameters.length) return null;
  // The template keeps every `${…}`: a template literal even from a concatenation.
  const body = rewriteSql(argument, inline.parts, parameters, (i) => `\${${parameters[i]!.value}}`, sourceCode, true);
  const typeArguments = call.typeArguments ? sourceCode.getText(call.typeArguments) : '';
  const receiver = sourceCode.getText(callee.object);
  const tag = twin.kind === 'member' ? `${receiver}.${twin.name}` : receiver;
  return {
    kind: 'suggestion',
    messageId: 'useTaggedTemplate',
    data: { tag: twin.kind === 'member' ? twin.name : receiver },
    fix: (fixer) => fixer.replaceText(call, `${tag}${typeArguments}${body}`),
  };
}
