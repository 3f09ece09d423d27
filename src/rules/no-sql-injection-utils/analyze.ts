import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import type { FunctionNode } from '../../frameworks/types.js';
import {
  getCalleeName,
  getEnclosingClass,
  findVariable,
  getImportOrigin,
  getMemberName,
  getStaticString,
  isFunctionNode,
  resolveFunction,
  resolveObjectLiteral,
  scopeOf,
  skipExpressionWrappers,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import { SQL_ESCAPE_FUNCTION } from '../../shared/sql-clients.js';
import {
  flattenSql,
  isStringBuilding,
  placeExpressions,
  VALUE_POSITIONS,
  type PlacedExpression,
  type SqlPart,
  type SqlPosition,
} from './sql-text.js';

/** One value built into SQL text that should not be. */
export interface SqlFinding {
  /** The interpolated or concatenated expression. */
  node: TSESTree.Node;
  position: SqlPosition;
  /** Whether the value visibly comes from the request (`req.query.sort`, a Nest `@Query()` parameter). */
  requestDerived: boolean;
}

/** What the analysis found in one SQL argument. */
export interface SqlAnalysis {
  findings: SqlFinding[];
  /** The parts and placed expressions of an inline template or concatenation (what a fix edits), else `null`. */
  inline: { parts: SqlPart[]; placed: PlacedExpression[] } | null;
  /** The constant SQL text, expressions shown as `x` (to tell SQL from other strings). */
  text: string;
}

/** Settings of the analysis. */
export interface AnalyzerOptions {
  /** Report non-constant values in value positions even when they do not visibly come from the request. */
  checkNonRequestValues: boolean;
  /** Names of functions whose result is safe to build into SQL (the `allowFunctions` option). */
  allowFunctions: ReadonlySet<string>;
  /** Whether a call is itself a SQL sink (checked on its own, so safe to embed). */
  isSink(call: TSESTree.CallExpression): boolean;
}

const MAX_DEPTH = 12;

/** Globals whose calls return a number or boolean. */
const NUMERIC_GLOBALS: ReadonlySet<string> = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Boolean',
  'BigInt',
  'isNaN',
  'isFinite',
]);
/** Global namespaces whose methods return numbers, booleans or fixed-format strings. */
const NUMERIC_NAMESPACES: ReadonlySet<string> = new Set(['Math', 'Number', 'Date', 'performance']);
/** Methods that return a number, a boolean or a fixed-format date string, whatever they are called on. */
const NUMERIC_METHODS =
  /^(?:getTime|valueOf|toFixed|toPrecision|indexOf|lastIndexOf|findIndex|findLastIndex|charCodeAt|codePointAt|localeCompare|includes|some|every|has|test|startsWith|endsWith|push|unshift|toISOString|toUTCString|toDateString|unix|get(?:UTC)?(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|Time|TimezoneOffset))$/u;
/**
 * Calls whose result cannot carry SQL from a client: random identifiers, placeholder generators
 * (`createSqlPlaceholders(values)` giving `?, ?, ?`), and the SQL text of a query builder, whose values
 * are bound or escaped by the builder (TypeORM `getQuery()`, Knex `toQuery()`).
 */
const SAFE_CALLS =
  /^(?:randomUUID|uuid(?:v\d)?|v[1-7]|nanoid|cuid2?|createId|ulid|randomInt|\w*[pP]laceholders?\w*|getQuery|getSql|toQuery)$/u;
/** String methods whose result is safe when the string they are called on is. */
const STRING_TRANSFORMS: ReadonlySet<string> = new Set([
  'toString',
  'trim',
  'trimStart',
  'trimEnd',
  'toUpperCase',
  'toLowerCase',
  'toLocaleUpperCase',
  'toLocaleLowerCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'padStart',
  'padEnd',
  'repeat',
  'concat',
  'at',
  'charAt',
]);
/** Array methods whose elements come from the array they are called on. */
const ARRAY_PASS_THROUGH: ReadonlySet<string> = new Set([
  'filter',
  'slice',
  'reverse',
  'sort',
  'toSorted',
  'toReversed',
  'flat',
  'concat',
  'splice',
]);
/** Array methods whose callback's first parameter is an element (and second the index). */
const ELEMENT_CALLBACKS: ReadonlySet<string> = new Set([
  'map',
  'flatMap',
  'forEach',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
]);
/** NestJS parameter decorators whose value comes from the request. */
const REQUEST_DECORATORS: ReadonlySet<string> = new Set([
  'Body',
  'Query',
  'Param',
  'Headers',
  'Req',
  'Request',
  'HostParam',
]);
/** Properties of request objects that hold client input (Express, Fastify, Koa, Hono, Next.js). */
const REQUEST_PROPERTIES: ReadonlySet<string> = new Set([
  'query',
  'body',
  'params',
  'headers',
  'cookies',
  'searchParams',
  'param',
  'queries',
  'json',
  'header',
  'valid',
  'formData',
  'url',
  'nextUrl',
]);
/** Names request objects go by in handlers, as the frameworks' docs write them. */
const REQUEST_NAMES: ReadonlySet<string> = new Set(['req', 'request', 'ctx', 'context']);

/**
 * Decides, for the SQL argument of a raw-SQL call, which interpolated or concatenated values make it
 * unsafe. Safe are compile-time constants (literals, `const` bindings to them, SQL fragments built only
 * from them, `SCREAMING_CASE` names, enum members, `process.env`), numbers (arithmetic, `Number()`,
 * `parseInt()`, `.length`, parameters typed `number`), escaped values (`escape*`, `quote*`, `format`),
 * generated placeholders (`ids.map((_, i) => `$${i + 1}`).join(',')`), entries of constant maps
 * (`ORDER[dir]`) and values checked against an allowlist in the same function (`ALLOWED.includes(x)`,
 * `x === 'asc'`, `switch (x)`). A value that is none of these is reported where a bound parameter could
 * stand (`= ${x}`, `'${x}'`, `IN (${x})`, `LIMIT ${x}`); elsewhere (a table or column name, a whole
 * clause) only when it visibly comes from the request.
 */
export class SqlAnalyzer {
  private readonly safe = new Map<TSESTree.Node, boolean>();
  private readonly safeFunctions = new Map<FunctionNode, boolean>();
  private readonly guards = new Map<TSESTree.Node, Set<string>>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private readonly evaluating = new Set<TSESLint.Scope.Variable>();

  constructor(
    private readonly globalScope: TSESLint.Scope.Scope,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly options: AnalyzerOptions,
  ) {}

  /** Analyses the SQL argument of a call (or the value of its query object's SQL property). */
  analyze(argument: TSESTree.Node): SqlAnalysis {
    const inner = skipExpressionWrappers(argument);
    if (isStringBuilding(inner)) {
      const parts = flattenSql(inner);
      const placed = placeExpressions(parts, (node) => this.getStaticText(node));
      const findings = placed.flatMap((part) => this.evaluate(part.node, part.position, 0));
      return { findings: dedupe(findings), inline: { parts, placed }, text: renderText(parts) };
    }
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const values = this.getWrittenValues(inner);
      if (values) {
        const findings = values.flatMap((value) => this.evaluate(value, 'other', 1));
        const text = values.map((value) => (isStringBuilding(value) ? renderText(flattenSql(value)) : 'x')).join(' ');
        return { findings: dedupe(findings), inline: null, text };
      }
    }
    return { findings: dedupe(this.evaluate(inner, 'other', 0)), inline: null, text: '' };
  }

  /** Whether a value is safe to build into SQL text (see the class comment). */
  isSafe(node: TSESTree.Node, depth = 0): boolean {
    const inner = skipExpressionWrappers(node);
    const known = this.safe.get(inner);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) return false;
    // A binding that refers to itself (`sql = sql + …`) is judged by its other values.
    if (this.inProgress.has(inner)) return true;
    this.inProgress.add(inner);
    let result: boolean;
    try {
      result = this.computeSafe(inner, depth + 1);
    } finally {
      this.inProgress.delete(inner);
    }
    this.safe.set(inner, result);
    return result;
  }

  private computeSafe(node: TSESTree.Node, depth: number): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return true;
      case AST_NODE_TYPES.TemplateLiteral:
        return node.expressions.every((expression) => this.isSafe(expression, depth));
      case AST_NODE_TYPES.BinaryExpression:
        // Only `+` can make a string; every other operator gives a number or a boolean.
        return node.operator !== '+' || (this.isSafe(node.left, depth) && this.isSafe(node.right, depth));
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
        return true;
      case AST_NODE_TYPES.ConditionalExpression:
        return this.isSafe(node.consequent, depth) && this.isSafe(node.alternate, depth);
      case AST_NODE_TYPES.LogicalExpression:
        return this.isSafe(node.left, depth) && this.isSafe(node.right, depth);
      case AST_NODE_TYPES.SequenceExpression:
        return this.isSafe(node.expressions.at(-1)!, depth);
      case AST_NODE_TYPES.ArrayExpression:
        return this.isSafeArray(node, depth);
      case AST_NODE_TYPES.Identifier:
        return this.isSafeIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.isSafeMember(node, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.isSafeCall(node, depth);
      case AST_NODE_TYPES.NewExpression:
        return (
          node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date' && this.isGlobal(node.callee)
        );
      default:
        return false;
    }
  }

  private isSafeIdentifier(node: TSESTree.Identifier, depth: number): boolean {
    const variable = findVariable(scopeOf(this.globalScope, node), node);
    if (!variable || variable.defs.length === 0)
      return node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity' || isConstantName(node.name);
    if (isConstantName(node.name) || this.isGuarded(node)) return true;
    if (variable.defs.length !== 1) return false;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'FunctionName':
      case 'ClassName':
      case 'TSEnumName':
        return true;
      case 'Parameter':
        return this.isSafeParameter(def.name as TSESTree.Identifier, def.node, depth);
      case 'Variable': {
        const declarator = def.node;
        if (
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          isSafeType(declarator.id.typeAnnotation?.typeAnnotation)
        )
          return true;
        // `for (const column of COLUMNS)`
        const loop = declarator.parent?.parent;
        if (
          !declarator.init &&
          (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) &&
          loop.left === declarator.parent
        )
          return loop.type === AST_NODE_TYPES.ForOfStatement
            ? this.isSafeArray(loop.right, depth)
            : this.isSafeObjectKeys(loop.right);
        const values = this.getWrittenValues(node);
        return values !== null && values.every((value) => this.isSafe(value, depth));
      }
      default:
        return false;
    }
  }

  /** A parameter typed as a number (and not a Nest request parameter), or a callback's index or safe element. */
  private isSafeParameter(name: TSESTree.Identifier, fn: TSESTree.Node, depth: number): boolean {
    if (isSafeType(getParameterType(name)) && !this.isRequestParameter(name)) return true;
    if (!isFunctionNode(fn)) return false;
    const index = fn.params.findIndex(
      (param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name),
    );
    const call = fn.parent;
    if (index < 0 || call?.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = getMemberName(callee);
    // `Array.from(list, (item, i) => …)`
    if (method === 'from' && isGlobalName(skipExpressionWrappers(callee.object), 'Array')) {
      if (call.arguments[1] !== fn) return false;
      return index === 1 || (index === 0 && !!call.arguments[0] && this.isSafeArray(call.arguments[0], depth));
    }
    if (call.arguments[0] !== fn) return false;
    if (method === 'reduce' || method === 'reduceRight') return index === 2;
    if (method === null || !ELEMENT_CALLBACKS.has(method)) return false;
    return index === 1 || (index === 0 && this.isSafeArray(callee.object, depth));
  }

  private isSafeMember(node: TSESTree.MemberExpression, depth: number): boolean {
    const name = getMemberName(node);
    if (name === 'length' || name === 'size') return true;
    const object = skipExpressionWrappers(node.object);
    // Configuration from the environment is set by operators, not by clients.
    if (
      object.type === AST_NODE_TYPES.MemberExpression &&
      getMemberName(object) === 'env' &&
      isGlobalName(object.object, 'process')
    )
      return true;
    if (this.isGuarded(node)) return true;
    if (object.type === AST_NODE_TYPES.ThisExpression) return name !== null && this.isSafeThisMember(node, name, depth);
    if (object.type === AST_NODE_TYPES.Identifier) {
      const scope = scopeOf(this.globalScope, object);
      const variable = findVariable(scope, object);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'TSEnumName') return true;
      if (isConstantName(object.name)) return true;
      // An enum or a class's static imported from elsewhere: `OrderStatus.PAID`, `User.tableName`.
      if (def?.type === 'ImportBinding' && /^[A-Z]/u.test(object.name) && !node.computed) return true;
      // A constant map: `ORDER[dir]`, `columns.name`.
      const literal = resolveObjectLiteral(object, scope);
      if (literal) {
        const values = literal.properties.map((property) =>
          property.type === AST_NODE_TYPES.Property ? property.value : null,
        );
        if (node.computed && name === null) return values.every((value) => value !== null && this.isSafe(value, depth));
        const property = literal.properties.find(
          (candidate): candidate is TSESTree.Property =>
            candidate.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(candidate, scope) === name,
        );
        // A property the literal does not have reads `undefined`, unless a spread could hold it.
        if (!property) return !literal.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement);
        return this.isSafe(property.value, depth);
      }
      // `COLUMNS[i]` of a constant array.
      const init = variable ? getSingleInit(variable) : null;
      if (init?.type === AST_NODE_TYPES.ArrayExpression && node.computed) return this.isSafeArray(init, depth);
      return false;
    }
    // `Tables.users.name`, `SORT.fields[key]`: the root decides.
    if (object.type === AST_NODE_TYPES.MemberExpression) {
      let root: TSESTree.Node = object;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
      return root.type === AST_NODE_TYPES.Identifier && isConstantName(root.name);
    }
    return false;
  }

  /** `this.table` where the class initialises the property with a safe value and never assigns it elsewhere. */
  private isSafeThisMember(node: TSESTree.MemberExpression, name: string, depth: number): boolean {
    const classNode = getEnclosingClass(node);
    if (!classNode) return false;
    const property = classNode.body.body.find(
      (member): member is TSESTree.PropertyDefinition =>
        member.type === AST_NODE_TYPES.PropertyDefinition &&
        !member.static &&
        ASTUtils.getPropertyName(member) === name,
    );
    if (!property) return false;
    if (isSafeType(property.typeAnnotation?.typeAnnotation)) return true;
    return property.value !== null && property.readonly && this.isSafe(property.value, depth);
  }

  private isSafeCall(node: TSESTree.CallExpression, depth: number): boolean {
    if (this.options.isSink(node)) return true;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const name = callee.name;
      if (this.options.allowFunctions.has(name) || SQL_ESCAPE_FUNCTION.test(name) || SAFE_CALLS.test(name)) return true;
      if (this.isGlobal(callee)) {
        if (NUMERIC_GLOBALS.has(name)) return true;
        if (name === 'String') return node.arguments.every((argument) => this.isSafe(argument, depth));
        return false;
      }
      return this.isSafeFunction(callee, depth);
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = getMemberName(callee);
    if (method === null) return false;
    if (this.options.allowFunctions.has(method) || SQL_ESCAPE_FUNCTION.test(method) || SAFE_CALLS.test(method))
      return true;
    const object = skipExpressionWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && NUMERIC_NAMESPACES.has(object.name) && this.isGlobal(object))
      return true;
    if (NUMERIC_METHODS.test(method)) return true;
    if (STRING_TRANSFORMS.has(method))
      return this.isSafe(object, depth) && node.arguments.every((argument) => this.isSafe(argument, depth));
    if (method === 'join') return this.isSafeArray(object, depth);
    if ((method === 'replace' || method === 'replaceAll') && escapesQuotes(node)) return true;
    if ((method === 'replace' || method === 'replaceAll') && node.arguments[1])
      return this.isSafe(object, depth) && this.isSafe(node.arguments[1], depth);
    return this.isSafeFunction(callee, depth);
  }

  /** A call of a same-file function every `return` of which is safe (whatever its arguments). */
  private isSafeFunction(callee: TSESTree.Node, depth: number): boolean {
    const fn = resolveFunction(callee, scopeOf(this.globalScope, callee));
    if (!fn) return false;
    const known = this.safeFunctions.get(fn);
    if (known !== undefined) return known;
    this.safeFunctions.set(fn, false);
    const returned = getReturnedValues(fn, this.sourceCode.visitorKeys);
    const safe = returned.length > 0 && returned.every((value) => this.isSafe(value, depth));
    this.safeFunctions.set(fn, safe);
    return safe;
  }

  /** Whether every element an array expression can hold is safe. */
  isSafeArray(node: TSESTree.Node, depth = 0): boolean {
    const inner = skipExpressionWrappers(node);
    // `ROLE_TYPES.map(…)`, `COLUMNS.join(', ')`: an array constant by its name; `ids: number[]` by its type.
    if (inner.type === AST_NODE_TYPES.Identifier && (isConstantName(inner.name) || this.hasSafeArrayType(inner)))
      return true;
    if (inner.type === AST_NODE_TYPES.MemberExpression && this.isSafeMember(inner, depth)) return true;
    const elements = this.getArrayElements(node, depth);
    return elements !== null && elements.every((element) => this.isSafe(element, depth + 1));
  }

  /** A parameter or variable declared as an array of numbers (`ids: number[]`, `Array<number>`), not a Nest request parameter. */
  private hasSafeArrayType(node: TSESTree.Identifier): boolean {
    const variable = findVariable(scopeOf(this.globalScope, node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Parameter' && def?.type !== 'Variable') return false;
    const name = def.name as TSESTree.Identifier;
    if (def.type === 'Parameter' && this.isRequestParameter(name)) return false;
    let type = name.typeAnnotation?.typeAnnotation;
    // `ids?: number[] | null`
    if (type?.type === AST_NODE_TYPES.TSUnionType) {
      const arrays = type.types.filter(
        (member) => member.type !== AST_NODE_TYPES.TSNullKeyword && member.type !== AST_NODE_TYPES.TSUndefinedKeyword,
      );
      type = arrays.length === 1 ? arrays[0] : undefined;
    }
    if (type?.type === AST_NODE_TYPES.TSArrayType) return isSafeType(type.elementType);
    return (
      type?.type === AST_NODE_TYPES.TSTypeReference &&
      type.typeName.type === AST_NODE_TYPES.Identifier &&
      (type.typeName.name === 'Array' || type.typeName.name === 'ReadonlyArray') &&
      type.typeArguments?.params.length === 1 &&
      isSafeType(type.typeArguments.params[0])
    );
  }

  private isSafeObjectKeys(node: TSESTree.Node): boolean {
    return resolveObjectLiteral(node, scopeOf(this.globalScope, node)) !== null;
  }

  /**
   * The expressions an array can hold, as far as the code shows: an array literal's elements, what is
   * pushed onto a local array, a `map` callback's results, `Array(n).fill(v)`'s `v`, a constant object's
   * keys or values; `null` when unknown (a parameter, a call result).
   */
  getArrayElements(node: TSESTree.Node, depth: number): TSESTree.Node[] | null {
    if (depth > MAX_DEPTH) return null;
    const inner = skipExpressionWrappers(node);
    switch (inner.type) {
      case AST_NODE_TYPES.ArrayExpression: {
        const elements: TSESTree.Node[] = [];
        for (const element of inner.elements) {
          if (!element) continue;
          if (element.type === AST_NODE_TYPES.SpreadElement) {
            const spread = this.getArrayElements(element.argument, depth + 1);
            if (!spread) return null;
            elements.push(...spread);
          } else elements.push(element);
        }
        return elements;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(scopeOf(this.globalScope, inner), inner);
        if (!variable || variable.defs.length !== 1 || variable.defs[0]!.type !== 'Variable') return null;
        const elements: TSESTree.Node[] = [];
        const declarator = variable.defs[0]!.node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
        if (declarator.init) {
          const initial = this.getArrayElements(declarator.init, depth + 1);
          if (!initial) return null;
          elements.push(...initial);
        }
        for (const reference of variable.references) {
          const identifier = reference.identifier;
          const parent = identifier.parent;
          if (reference.isWrite() && !reference.init) {
            if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=') return null;
            const assigned = this.getArrayElements(parent.right, depth + 1);
            if (!assigned) return null;
            elements.push(...assigned);
            continue;
          }
          if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) continue;
          const method = getMemberName(parent);
          const call = parent.parent;
          if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            if (method === 'push' || method === 'unshift') {
              for (const argument of call.arguments) {
                if (argument.type === AST_NODE_TYPES.SpreadElement) {
                  const spread = this.getArrayElements(argument.argument, depth + 1);
                  if (!spread) return null;
                  elements.push(...spread);
                } else elements.push(argument);
              }
            } else if (method === 'splice') {
              elements.push(...call.arguments.slice(2));
            }
          } else if (
            parent.computed &&
            parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
            parent.parent.left === parent
          ) {
            elements.push(parent.parent.right);
          }
        }
        return elements;
      }
      case AST_NODE_TYPES.NewExpression:
        return isGlobalName(inner.callee, 'Array') && inner.arguments.length <= 1 ? [] : null;
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(inner.callee);
        if (isGlobalName(callee, 'Array')) return inner.arguments.length <= 1 ? [] : [...inner.arguments];
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
        const method = getMemberName(callee);
        const object = skipExpressionWrappers(callee.object);
        if (isGlobalName(object, 'Object') && (method === 'keys' || method === 'values' || method === 'entries')) {
          const argument = inner.arguments[0];
          const literal = argument ? resolveObjectLiteral(argument, scopeOf(this.globalScope, argument)) : null;
          if (!literal) return null;
          if (method === 'keys') return [];
          return literal.properties.map((property) =>
            property.type === AST_NODE_TYPES.Property ? property.value : property,
          );
        }
        if (isGlobalName(object, 'Array') && method === 'from') {
          const callback = inner.arguments[1];
          if (callback && isFunctionNode(callback)) return getReturnedValues(callback, this.sourceCode.visitorKeys);
          return inner.arguments[0] ? this.getArrayElements(inner.arguments[0], depth + 1) : null;
        }
        if (isGlobalName(object, 'Array') && method === 'of') return [...inner.arguments];
        if (method === 'map' || method === 'flatMap') {
          const callback = inner.arguments[0];
          return callback && isFunctionNode(callback) ? getReturnedValues(callback, this.sourceCode.visitorKeys) : null;
        }
        if (method === 'fill') return inner.arguments[0] ? [inner.arguments[0]] : [];
        if (method === 'keys') return [];
        if (method === 'split') return [object];
        if (method !== null && ARRAY_PASS_THROUGH.has(method)) {
          const base = this.getArrayElements(object, depth + 1);
          if (!base) return null;
          if (method !== 'concat') return base;
          const added: TSESTree.Node[] = [];
          for (const argument of inner.arguments) {
            const elements =
              argument.type === AST_NODE_TYPES.ArrayExpression
                ? this.getArrayElements(argument, depth + 1)
                : [argument];
            if (!elements) return null;
            added.push(...elements);
          }
          return [...base, ...added];
        }
        return null;
      }
      default:
        return null;
    }
  }

  /**
   * The findings in a value built into SQL at `position`: the value itself when it is not safe, or, for
   * a fragment (a template, a concatenation, a binding built from them, a joined array of them, a
   * conditional), the unsafe values inside it, each at its own position.
   */
  private evaluate(node: TSESTree.Node, position: SqlPosition, depth: number): SqlFinding[] {
    if (depth > MAX_DEPTH) return [];
    let inner = skipExpressionWrappers(node);
    while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
    if (this.isSafe(inner)) return [];
    if (isStringBuilding(inner)) {
      const parts = flattenSql(inner);
      return placeExpressions(parts, (part) => this.getStaticText(part)).flatMap((part) =>
        this.evaluate(part.node, part.before.trim() === '' ? position : part.position, depth + 1),
      );
    }
    switch (inner.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        return [
          ...this.evaluate(inner.consequent, position, depth + 1),
          ...this.evaluate(inner.alternate, position, depth + 1),
        ];
      case AST_NODE_TYPES.LogicalExpression:
        return [...this.evaluate(inner.left, position, depth + 1), ...this.evaluate(inner.right, position, depth + 1)];
      case AST_NODE_TYPES.ArrayExpression:
        return inner.elements.flatMap((element) =>
          element && element.type !== AST_NODE_TYPES.SpreadElement ? this.evaluate(element, position, depth + 1) : [],
        );
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(scopeOf(this.globalScope, inner), inner);
        if (variable && this.evaluating.has(variable)) return [];
        const values = this.getWrittenValues(inner);
        // A binding to a plain value (`const sequence = rows[0].name`) is reported where it is interpolated;
        // one built from SQL fragments is looked into.
        if (values && variable && values.some((value) => isFragment(value))) {
          this.evaluating.add(variable);
          try {
            return values.flatMap((value) => this.evaluate(value, position, depth + 1));
          } finally {
            this.evaluating.delete(variable);
          }
        }
        return this.leaf(inner, position);
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(inner.callee);
        if (
          callee.type === AST_NODE_TYPES.Identifier &&
          callee.name === 'String' &&
          this.isGlobal(callee) &&
          inner.arguments[0]
        )
          return this.evaluate(inner.arguments[0], position, depth + 1);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return this.leaf(inner, position);
        const method = getMemberName(callee);
        if (method === 'join') {
          const elements = this.getArrayElements(callee.object, depth + 1);
          if (!elements) return this.leaf(inner, position);
          const separator = inner.arguments[0] ? getStaticString(inner.arguments[0]) : ',';
          const elementPosition =
            separator !== null && /^\s*,\s*$/u.test(separator) && VALUE_POSITIONS.has(position) ? position : 'other';
          return elements.flatMap((element) => this.evaluate(element, elementPosition, depth + 1));
        }
        if (method !== null && STRING_TRANSFORMS.has(method)) return this.evaluate(callee.object, position, depth + 1);
        return this.leaf(inner, position);
      }
      default:
        return this.leaf(inner, position);
    }
  }

  private leaf(node: TSESTree.Node, position: SqlPosition): SqlFinding[] {
    const requestDerived = this.isRequestDerived(node, 0);
    // An unknown function's result may be a SQL fragment (`"data" = ${jsonbSet(…)}`) rather than a value,
    // unless it sits inside quotes.
    const fragmentLike = position !== 'quoted' && !isValueCall(node) && this.isCallResult(node);
    const reported =
      VALUE_POSITIONS.has(position) && !fragmentLike
        ? this.options.checkNonRequestValues || requestDerived
        : requestDerived;
    return reported ? [{ node, position, requestDerived }] : [];
  }

  /** A call's result, directly or through a binding given only call results (`const range = toRange(p)`). */
  private isCallResult(node: TSESTree.Node): boolean {
    const inner = skipExpressionWrappers(node);
    if (inner.type === AST_NODE_TYPES.CallExpression) return true;
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const values = this.getWrittenValues(inner);
    return (
      values !== null &&
      values.length > 0 &&
      values.every((value) => {
        let current = skipExpressionWrappers(value);
        while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipExpressionWrappers(current.argument);
        return current.type === AST_NODE_TYPES.CallExpression;
      })
    );
  }

  /**
   * The values a local binding is given, when it is a `const`/`let`/`var` declared once with a plain name:
   * its initialiser and every `=`/`+=` assignment's right side (`let sql = '…'; sql += …`). `null` for
   * parameters, imports, destructured and loop bindings.
   */
  getWrittenValues(node: TSESTree.Identifier): TSESTree.Node[] | null {
    const variable = findVariable(scopeOf(this.globalScope, node), node);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return null;
    const loop = def.node.parent?.parent;
    if (
      (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) &&
      loop.left === def.node.parent
    )
      return null;
    const values: TSESTree.Node[] = def.node.init ? [def.node.init] : [];
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
        // `x -= 1`, `x *= 2`: numbers.
        if (
          parent.operator === '=' ||
          parent.operator === '+=' ||
          parent.operator === '??=' ||
          parent.operator === '||='
        )
          values.push(parent.right);
      } else if (parent?.type !== AST_NODE_TYPES.UpdateExpression) {
        return null;
      }
    }
    return values;
  }

  /** Whether a value visibly comes from the request: `req.query.x`, `ctx.request.body`, `c.req.param()`, a Nest `@Query()` parameter. */
  isRequestDerived(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    let inner = skipExpressionWrappers(node);
    while (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
    switch (inner.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(scopeOf(this.globalScope, inner), inner);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (def?.type === 'Parameter') return this.isRequestParameter(def.name as TSESTree.Identifier);
        if (def?.type !== 'Variable' || !def.node.init) return false;
        if (def.node.id.type !== AST_NODE_TYPES.Identifier) {
          // `const { sort } = req.query`, `const { searchParams } = new URL(request.url)`
          const key = getDestructuredKey(def.node.id, def.name as TSESTree.Identifier);
          return (
            this.isRequestDerived(def.node.init, depth + 1) ||
            (key !== null && REQUEST_PROPERTIES.has(key) && this.mentionsRequest(def.node.init))
          );
        }
        return this.isRequestDerived(def.node.init, depth + 1);
      }
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.CallExpression: {
        const names: string[] = [];
        let root: TSESTree.Node = inner;
        for (;;) {
          if (root.type === AST_NODE_TYPES.MemberExpression) {
            const name = getMemberName(root);
            if (name !== null) names.unshift(name);
            root = skipExpressionWrappers(root.object);
          } else if (root.type === AST_NODE_TYPES.CallExpression) {
            root = skipExpressionWrappers(root.callee);
          } else break;
        }
        if (root.type !== AST_NODE_TYPES.Identifier) return false;
        if (
          names.some((name) => REQUEST_PROPERTIES.has(name)) &&
          (REQUEST_NAMES.has(root.name) || names.some((name) => name === 'req' || name === 'request'))
        )
          return true;
        return this.isRequestDerived(root, depth + 1);
      }
      case AST_NODE_TYPES.NewExpression:
        return inner.arguments.some((argument) => this.isRequestDerived(argument, depth + 1));
      case AST_NODE_TYPES.ConditionalExpression:
        return this.isRequestDerived(inner.consequent, depth + 1) || this.isRequestDerived(inner.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.isRequestDerived(inner.left, depth + 1) || this.isRequestDerived(inner.right, depth + 1);
      case AST_NODE_TYPES.TemplateLiteral:
        return inner.expressions.some((expression) => this.isRequestDerived(expression, depth + 1));
      case AST_NODE_TYPES.BinaryExpression:
        return this.isRequestDerived(inner.left, depth + 1) || this.isRequestDerived(inner.right, depth + 1);
      default:
        return false;
    }
  }

  private mentionsRequest(node: TSESTree.Node): boolean {
    let found = false;
    walk(node, this.sourceCode.visitorKeys, (child) => {
      if (child.type === AST_NODE_TYPES.Identifier && REQUEST_NAMES.has(child.name)) found = true;
      return !found;
    });
    return found;
  }

  /** A NestJS handler parameter decorated `@Body()`, `@Query()`, `@Param()`, … (from `@nestjs/common`). */
  private isRequestParameter(name: TSESTree.Identifier): boolean {
    const holder = name.parent?.type === AST_NODE_TYPES.TSParameterProperty ? name.parent : name;
    const decorators = (holder as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
    return decorators.some((decorator) => {
      const expression = skipExpressionWrappers(decorator.expression);
      const callee =
        expression.type === AST_NODE_TYPES.CallExpression ? skipExpressionWrappers(expression.callee) : expression;
      if (callee.type !== AST_NODE_TYPES.Identifier) return false;
      const origin = getImportOrigin(callee, scopeOf(this.globalScope, callee));
      return origin?.module === '@nestjs/common' && REQUEST_DECORATORS.has(origin.imported);
    });
  }

  /**
   * Whether the function around `node` checks it against an allowlist: `ALLOWED.includes(x)`,
   * `COLUMNS.has(x)`, `x in MAP`, `x === 'asc'`, `switch (x)`, `isValidColumn(x)` (matched by source text).
   */
  private isGuarded(node: TSESTree.Node): boolean {
    let fn: TSESTree.Node | undefined = node.parent;
    while (fn && !isFunctionNode(fn) && fn.type !== AST_NODE_TYPES.Program) fn = fn.parent;
    if (!fn) return false;
    let guarded = this.guards.get(fn);
    if (!guarded) {
      guarded = this.collectGuards(fn);
      this.guards.set(fn, guarded);
    }
    return guarded.size > 0 && guarded.has(this.sourceCode.getText(node));
  }

  private collectGuards(fn: TSESTree.Node): Set<string> {
    const guarded = new Set<string>();
    const add = (node: TSESTree.Node | undefined): void => {
      if (node && node.type !== AST_NODE_TYPES.SpreadElement)
        guarded.add(this.sourceCode.getText(skipExpressionWrappers(node)));
    };
    walk(isFunctionNode(fn) ? fn.body : fn, this.sourceCode.visitorKeys, (child) => {
      switch (child.type) {
        case AST_NODE_TYPES.CallExpression: {
          const callee = skipExpressionWrappers(child.callee);
          const name = getCalleeName(callee);
          if (name === null) break;
          if (name === 'includes' || name === 'has' || name === 'indexOf' || name === 'hasOwnProperty')
            add(child.arguments[0]);
          else if (name === 'hasOwn') add(child.arguments[1]);
          else if (/^(?:is|assert|validate|check|ensure)[A-Z_]/u.test(name) || this.options.allowFunctions.has(name))
            add(child.arguments[0]);
          break;
        }
        case AST_NODE_TYPES.BinaryExpression:
          if (child.operator === 'in') add(child.left);
          else if (['===', '!==', '==', '!='].includes(child.operator)) {
            if (child.right.type === AST_NODE_TYPES.Literal && typeof child.right.value === 'string') add(child.left);
            if (child.left.type === AST_NODE_TYPES.Literal && typeof child.left.value === 'string') add(child.right);
          }
          break;
        case AST_NODE_TYPES.SwitchStatement:
          if (child.cases.some((item) => item.test?.type === AST_NODE_TYPES.Literal)) add(child.discriminant);
          break;
        default:
          break;
      }
      return true;
    });
    return guarded;
  }

  /** The static text of a safe expression (`${TABLE}` bound to `'users'`), for quote counting. */
  private getStaticText(node: TSESTree.Node): string | null {
    const value = ASTUtils.getStaticValue(node, scopeOf(this.globalScope, node));
    return value && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value) : null;
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(scopeOf(this.globalScope, identifier), identifier);
    return !variable || variable.defs.length === 0;
  }
}

/** Calls that turn a value into text rather than build SQL: `ids.join(',')`, `String(x)`, `JSON.stringify(x)`. */
function isValueCall(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'String';
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee) : null;
  return method === 'join' || method === 'stringify' || (method !== null && STRING_TRANSFORMS.has(method));
}

/** Whether a binding's value is (or may be) SQL text to look into rather than a plain value. */
function isFragment(value: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(value);
  if (isStringBuilding(inner)) return true;
  switch (inner.type) {
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(inner.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && getMemberName(callee) === 'join';
    }
    default:
      return false;
  }
}

/** `SCREAMING_CASE` names (two characters or more): constants by convention. */
function isConstantName(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/u.test(name) && name.length > 1;
}

function isGlobalName(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/** Types that cannot carry SQL: `number`, `bigint`, `boolean`, literal types, `Date`, and unions of them. */
function isSafeType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSUndefinedKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isSafeType);
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Date';
    default:
      return false;
  }
}

function getParameterType(name: TSESTree.Identifier): TSESTree.TypeNode | undefined {
  return name.typeAnnotation?.typeAnnotation;
}

function getSingleInit(variable: TSESLint.Scope.Variable): TSESTree.Expression | null {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const') return null;
  return def.node.init;
}

/** The key a destructured binding reads (`sort` in `const { sort } = …`, `q` in `{ q: query }`), or `null`. */
function getDestructuredKey(pattern: TSESTree.Node, name: TSESTree.Identifier): string | null {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === name) return ASTUtils.getPropertyName(property);
  }
  return null;
}

/** `x.replace(/'/g, "''")`: a replacement that escapes single quotes. */
function escapesQuotes(call: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = call.arguments;
  if (!pattern || !replacement) return false;
  const from =
    pattern.type === AST_NODE_TYPES.Literal
      ? 'regex' in pattern && pattern.regex
        ? pattern.regex.pattern
        : String(pattern.value)
      : null;
  const to = replacement.type === AST_NODE_TYPES.Literal ? String(replacement.value) : null;
  return from !== null && to !== null && from.includes("'") && (to === "''" || to === "\\'");
}

/** The expressions a function returns: an arrow's expression body, or every `return`'s argument (nested functions aside). */
export function getReturnedValues(fn: FunctionNode, keys: VisitorKeys): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  walk(fn.body, keys, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) values.push(node.argument);
    return true;
  });
  return values;
}

function dedupe(findings: SqlFinding[]): SqlFinding[] {
  const seen = new Set<TSESTree.Node>();
  return findings
    .filter((finding) => !seen.has(finding.node) && seen.add(finding.node))
    .sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function renderText(parts: readonly SqlPart[]): string {
  return parts.map((part) => (part.kind === 'text' ? part.text : 'x')).join('');
}
