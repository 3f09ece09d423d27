import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Where an interpolated value lands in the SQL text around it:
 * - `value`: where a bound parameter could stand (`id = ${x}`, `VALUES (${a}, ${b})`, `LIKE ${p}`);
 * - `quoted`: inside a single-quoted SQL string literal (`name = '${x}'`, `LIKE '%${x}%'`);
 * - `list`: inside `IN (…)`;
 * - `limit`: after `LIMIT`/`OFFSET`;
 * - `identifier`: where a table, column or alias name goes (`FROM ${t}`, `ORDER BY ${c}`, `"${c}"`, `${t}.id`);
 * - `other`: anything else: a whole clause or fragment (`WHERE ${conditions}`), a function argument.
 */
export type SqlPosition = 'value' | 'quoted' | 'list' | 'limit' | 'identifier' | 'other';

/** Positions where a bound parameter belongs: a value interpolated there is the classic injection. */
export const VALUE_POSITIONS: ReadonlySet<SqlPosition> = new Set(['value', 'quoted', 'list', 'limit']);

/** One piece of a SQL string as written: constant text, or an interpolated expression. */
export type SqlPart =
  { kind: 'text'; text: string; node: TSESTree.Node } | { kind: 'expression'; node: TSESTree.Expression };

/** An expression part with the SQL text around it. */
export interface PlacedExpression {
  node: TSESTree.Expression;
  /** Index of the part in the flattened list. */
  index: number;
  position: SqlPosition;
  /**
   * For `quoted`: `exact` when the quotes hold nothing but this expression (`'${x}'`), `partial` when
   * they hold more text (`'%${x}%'`, `'${a} ${b}'`).
   */
  quote: 'exact' | 'partial' | null;
  /** The constant text right before the expression, with earlier expressions shown as `x`. */
  before: string;
}

/**
 * Flattens a string-building expression into parts: a template literal's quasis and expressions, a `+`
 * concatenation that involves a string (nested ones too), a string literal. Anything else is a single
 * expression part. Text parts carry cooked values.
 */
export function flattenSql(node: TSESTree.Node): SqlPart[] {
  const inner = skipParens(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string')
    return [{ kind: 'text', text: inner.value, node: inner }];
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts: SqlPart[] = [];
    inner.quasis.forEach((quasi, i) => {
      parts.push({ kind: 'text', text: quasi.value.cooked ?? quasi.value.raw, node: quasi });
      const expression = inner.expressions[i];
      if (expression) parts.push({ kind: 'expression', node: expression });
    });
    return parts;
  }
  if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+' && isStringBuilding(inner)) {
    return [...flattenSql(inner.left), ...flattenSql(inner.right)];
  }
  return [{ kind: 'expression', node: inner as TSESTree.Expression }];
}

/** Whether an expression builds a string from text: a string literal, a template literal, or a `+` with one of those. */
export function isStringBuilding(node: TSESTree.Node): boolean {
  const inner = skipParens(node);
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string';
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return true;
  return (
    inner.type === AST_NODE_TYPES.BinaryExpression &&
    inner.operator === '+' &&
    (isStringBuilding(inner.left) || isStringBuilding(inner.right))
  );
}

function skipParens(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression
  )
    current = current.expression;
  return current;
}

/**
 * Places every expression part of a flattened SQL string. `valueOf` gives the static text of an
 * expression when known (a constant interpolated), so quotes inside constants count.
 */
export function placeExpressions(
  parts: readonly SqlPart[],
  valueOf: (node: TSESTree.Node) => string | null,
): PlacedExpression[] {
  const placed: PlacedExpression[] = [];
  let before = '';
  parts.forEach((part, index) => {
    if (part.kind === 'text') {
      before += part.text;
      return;
    }
    let after = '';
    for (let next = index + 1; next < parts.length; next += 1) {
      const following = parts[next]!;
      if (following.kind !== 'text') break;
      after += following.text;
    }
    const { position, quote } = getPosition(before, after);
    placed.push({ node: part.node, index, position, quote, before });
    before += valueOf(part.node) ?? 'x';
  });
  return placed;
}

const COMPARISON =
  /(?:[=<>~+*/%]|(?<!-)-|!=|<>|@>|<@|&&|\|\||\b(?:i?like|similar\s+to|is|is\s+not|between|not\s+between)|\bbetween\s+\S+\s+and)\s*$/iu;
const LIST = /\bin\s*\([^()]*$/iu;
const LIMIT = /\b(?:limit|offset|top|fetch\s+(?:first|next))\s*\(?\s*$/iu;
const VALUES_TUPLE = /\bvalues\s*(?:\([^()]*\)\s*,\s*)*\([^()]*$/iu;
const IDENTIFIER =
  /(?:\b(?:from|join|into|update|table|by|as|select|distinct|returning|exists|set|on\s+conflict\s*\()|[.,])\s*$/iu;

/** The position of an expression between the SQL text `before` and `after` it. */
export function getPosition(
  rawBefore: string,
  after: string,
): { position: SqlPosition; quote: 'exact' | 'partial' | null } {
  const before = stripSqlComments(rawBefore);
  const { single, double, backtick } = countQuotes(before);
  if (single % 2 === 1) {
    const exact = /(?:^|[^\w'])'$/u.test(before) && after.startsWith("'") && !after.startsWith("''");
    return { position: 'quoted', quote: exact ? 'exact' : 'partial' };
  }
  if (double % 2 === 1 || backtick % 2 === 1) return { position: 'identifier', quote: null };
  // A placeholder's number or name (`$${i}`, `:${name}`, `@${name}`), or a cast's type (`::${type}`).
  if (/(?:[$:@]|:\.\.\.)$/u.test(before)) return { position: 'other', quote: null };
  if (/^\s*\.[\w"`]/u.test(after) || /^\(/u.test(after)) return { position: 'identifier', quote: null };
  if (LIST.test(before)) return { position: 'list', quote: null };
  if (LIMIT.test(before)) return { position: 'limit', quote: null };
  if (COMPARISON.test(before)) return { position: 'value', quote: null };
  if (VALUES_TUPLE.test(before) && /[(,]\s*$/u.test(before)) return { position: 'value', quote: null };
  if (IDENTIFIER.test(before)) return { position: 'identifier', quote: null };
  return { position: 'other', quote: null };
}

/**
 * SQL text without its comments (`-- …` to the end of the line, `/* … *\/`), so that an apostrophe in
 * a comment (`-- the user's row`) does not open a string. Quoted text is kept as it is.
 */
export function stripSqlComments(text: string): string {
  let result = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote !== null) {
      result += char;
      if (char === '\\' && i + 1 < text.length) result += text[++i];
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) break;
      i = end + 1;
      result += ' ';
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    result += char;
  }
  return result;
}

/** Unescaped quote characters in SQL text (`''` and `\'` escapes keep the count's parity). */
function countQuotes(text: string): { single: number; double: number; backtick: number } {
  let single = 0;
  let double = 0;
  let backtick = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (char === "'" && double % 2 === 0 && backtick % 2 === 0) single += 1;
    else if (char === '"' && single % 2 === 0 && backtick % 2 === 0) double += 1;
    else if (char === '`' && single % 2 === 0 && double % 2 === 0) backtick += 1;
  }
  return { single, double, backtick };
}

const SQL_START =
  /^\s*(?:\(\s*)?(?:select|insert|update|delete|with|create|alter|drop|truncate|merge|replace|call|exec|execute|show|describe|explain|grant|revoke|set|begin|declare|values|upsert|copy|vacuum|analyze|refresh|lock|pragma|attach)\b/iu;
const SQL_INSIDE = /\b(?:select\b[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from)\b/iu;

/** Whether constant SQL text reads as a statement (`SELECT … FROM`, `UPDATE … SET`, `DELETE FROM`, …). */
export function looksLikeSql(text: string): boolean {
  return SQL_START.test(text) || SQL_INSIDE.test(text);
}
