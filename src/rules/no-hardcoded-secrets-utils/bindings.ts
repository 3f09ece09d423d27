/**
 * Where a string literal sits: the name it is bound to (variable, property, parameter default,
 * class field, assignment target, JSX attribute), and whether it is a fallback for a value read
 * from the environment or from configuration (`process.env.JWT_SECRET ?? '…'`).
 */
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  getDottedName,
  getImportOrigin,
  getMemberCallOn,
  getStaticString,
  isFunctionNode,
  skipTypeWrappers,
} from '../../shared/ast/index.js';
import { isMeaningfulContainer, isSecretName, isSpecificName, toEnvName } from '../../shared/secret-names.js';
import type { ScopeOf, StringNode } from './resolve.js';

/** The name a value is bound to. */
export interface Binding {
  name: string;
  /** What binds it: a property of an object literal, a variable, … */
  type: 'variable' | 'property' | 'parameter' | 'field' | 'assignment' | 'attribute' | 'enum';
  /** The object literal holding it, for a property. */
  container?: TSESTree.ObjectExpression;
}

/** Calls that read a configuration value and take a default as their second argument (`config.get('JWT_SECRET', '…')`). */
const CONFIG_GETTERS = new Set(['get', 'getEnv', 'env', 'getenv', 'readEnv', 'getString', 'getOrDefault']);

/** Property names that hold a default in schema-style configuration (convict, envalid). */
const DEFAULT_PROPERTIES = new Set(['default', 'devDefault', 'fallback']);

/**
 * Same-file or imported helpers that read a required environment variable and throw when it is
 * unset; a suggestion calls one when it is in scope.
 */
const ENV_HELPERS = [
  'requireEnv',
  'requiredEnv',
  'getRequiredEnv',
  'mustGetEnv',
  'mustEnv',
  'getEnvOrThrow',
  'envOrThrow',
  'requireEnvVar',
  'getRequiredEnvVar',
];

/**
 * The expression a literal is the value of, looking through what does not change which secret it
 * is: type wrappers, `??`/`||` fallbacks, conditional branches, array elements (`keys: ['a', 'b']`)
 * and key constructors (`Buffer.from(s)`, `new TextEncoder().encode(s)`).
 */
export function getValueExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    const passesThrough =
      ((parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSTypeAssertion) &&
        parent.expression === current) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '&&' && parent.right === current) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
      parent.type === AST_NODE_TYPES.ArrayExpression ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && isKeyConstructor(parent));
    if (!passesThrough) break;
    current = parent;
  }
  return current;
}

function isKeyConstructor(call: TSESTree.CallExpression): boolean {
  const name = getDottedName(call.callee);
  return (
    name === 'Buffer.from' ||
    name === 'createSecretKey' ||
    name?.endsWith('.createSecretKey') === true ||
    name?.endsWith('.encode') === true
  );
}

/** The name a literal (or any value expression) is bound to, or `null`. */
export function getBinding(node: TSESTree.Node, scopeOf: ScopeOf): Binding | null {
  const value = getValueExpression(node);
  const parent = value.parent;
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier
        ? { name: parent.id.name, type: 'variable' }
        : null;
    case AST_NODE_TYPES.Property: {
      if (parent.value !== value || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const name = ASTUtils.getPropertyName(parent, scopeOf(parent));
      return name === null ? null : { name, type: 'property', container: parent.parent };
    }
    case AST_NODE_TYPES.AssignmentPattern: {
      if (parent.right !== value) return null;
      const holder = parent.parent;
      if (holder?.type === AST_NODE_TYPES.Property && holder.value === parent) {
        const name = ASTUtils.getPropertyName(holder, scopeOf(holder));
        if (name !== null) return { name, type: 'parameter' };
      }
      return parent.left.type === AST_NODE_TYPES.Identifier ? { name: parent.left.name, type: 'parameter' } : null;
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      const name = parent.value === value ? ASTUtils.getPropertyName(parent, scopeOf(parent)) : null;
      return name === null ? null : { name, type: 'field' };
    }
    case AST_NODE_TYPES.AccessorProperty:
      return parent.value === value && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier
        ? { name: parent.key.name, type: 'field' }
        : null;
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== value) return null;
      const target = skipTypeWrappers(parent.left);
      if (target.type === AST_NODE_TYPES.Identifier) return { name: target.name, type: 'assignment' };
      const name =
        target.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(target, scopeOf(target)) : null;
      return name === null ? null : { name, type: 'assignment' };
    }
    case AST_NODE_TYPES.JSXAttribute:
    case AST_NODE_TYPES.JSXExpressionContainer: {
      const attribute = parent.type === AST_NODE_TYPES.JSXAttribute ? parent : parent.parent;
      if (attribute?.type !== AST_NODE_TYPES.JSXAttribute) return null;
      const name =
        attribute.name.type === AST_NODE_TYPES.JSXIdentifier ? attribute.name.name : attribute.name.name.name;
      return { name, type: 'attribute' };
    }
    case AST_NODE_TYPES.TSEnumMember: {
      if (parent.initializer !== value) return null;
      const { id } = parent;
      return {
        name:
          id.type === AST_NODE_TYPES.Identifier ? id.name : String(id.type === AST_NODE_TYPES.Literal ? id.value : ''),
        type: 'enum',
      };
    }
    default:
      return null;
  }
}

/**
 * An environment variable name for a binding that names a secret only generically
 * (`password`, `secret`): prefixed with the nearest meaningful container
 * (`const db = { password }` → `DB_PASSWORD`, `smtp: { auth: { pass } }` → `SMTP_PASS`).
 */
export function getContainedEnvName(binding: Binding, scopeOf: ScopeOf): string | null {
  if (isSpecificName(binding.name) || !binding.container) return toEnvName(binding.name);
  let container: TSESTree.ObjectExpression | undefined = binding.container;
  for (let depth = 0; container && depth < 4; depth += 1) {
    const outer = getBinding(container, scopeOf);
    if (!outer) break;
    if (isMeaningfulContainer(outer.name)) return toEnvName(`${outer.name}_${binding.name}`);
    container = outer.container;
  }
  return toEnvName(binding.name);
}

/** A literal used as the default of something read from the environment or configuration. */
export interface Fallback {
  /** What the default stands in for, shown in the message (`JWT_SECRET`, `config.jwtSecret`). */
  name: string;
  /** The environment variable, when the value is read from `process.env` or a config getter. */
  envName: string | null;
  /** Whether that name, or the name the whole expression is bound to, means a secret. */
  namesSecret: boolean;
  /**
   * Whether the value comes from the environment or a configuration schema (`process.env`,
   * `config.get('X', …)`, `.default(…)`), rather than from any other object (`options.token || …`).
   */
  fromEnvironment: boolean;
  /**
   * Whether the fallback is written into the environment (`process.env.X ??= '…'`) for code that
   * reads it later: how a script or a build step satisfies a configuration check.
   */
  setsEnvironment: boolean;
  /** The edit that removes the fallback, when there is a clean one. */
  removal: Removal | null;
}

/**
 * One edit that removes a fallback. Its text is generated, never copied from the source (which
 * may hold another secret), and its range is as small as the edit allows: `?? '…'`, `.default('…')`
 * or `, '…'` is deleted, not the whole expression rewritten.
 */
export interface Removal {
  range: TSESTree.Range;
  /** `''`, `undefined` (a default argument other arguments follow) or an env helper call (`requireEnv('X')`). */
  text: string;
}

/**
 * Whether a literal is a fallback, and for what: `process.env.X ?? '…'` / `|| '…'` (also
 * `config.x ?? '…'`), `process.env.X ??= '…'`, `const { X = '…' } = process.env`,
 * `z.string().default('…')` under a secret-named key, `config.get('X', '…')`, and
 * `{ env: 'X', default: '…' }` in convict- or envalid-style schemas.
 */
export function getFallback(
  literal: StringNode,
  scopeOf: ScopeOf,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Fallback | null {
  let node: TSESTree.Node = literal;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      node.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    node = node.parent;
  }
  const parent = node.parent;
  if (!parent) return null;
  const bindingNamesSecret = (expression: TSESTree.Node): boolean => {
    const binding = getBinding(expression, scopeOf);
    return binding !== null && isSecretName(binding.name);
  };

  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '&&' && parent.right === node) {
    const source = getReadSource(parent.left, scopeOf);
    if (!source) return null;
    const helper =
      source.envName !== null && source.single && /^[A-Za-z_]\w*$/u.test(source.envName)
        ? findEnvHelper(literal, scopeOf)
        : null;
    // `process.env.X ?? '…'` → `requireEnv('X')` (the whole expression changes), else delete ` ?? '…'`.
    const operator = sourceCode.getFirstTokenBetween(parent.left, parent.right, {
      filter: (token) => token.value === parent.operator,
    });
    return {
      name: source.name,
      envName: source.envName,
      namesSecret: isSecretName(source.name) || bindingNamesSecret(parent),
      fromEnvironment: source.envName !== null,
      setsEnvironment: false,
      removal: helper
        ? { range: parent.range, text: `${helper}('${source.envName!}')` }
        : operator && deleteFrom(sourceCode, operator, parent.range[1]),
    };
  }
  if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    (parent.operator === '??=' || parent.operator === '||=') &&
    parent.right === node
  ) {
    const source = getReadSource(parent.left, scopeOf);
    if (!source) return null;
    return {
      name: source.name,
      envName: source.envName,
      namesSecret: isSecretName(source.name),
      fromEnvironment: source.envName !== null,
      setsEnvironment: source.envName !== null,
      removal: null,
    };
  }
  if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.right === node) {
    // const { JWT_SECRET = '…' } = process.env
    const property = parent.parent;
    const pattern = property?.parent;
    const declarator = pattern?.parent;
    if (
      property?.type !== AST_NODE_TYPES.Property ||
      pattern?.type !== AST_NODE_TYPES.ObjectPattern ||
      declarator?.type !== AST_NODE_TYPES.VariableDeclarator
    )
      return null;
    const name = ASTUtils.getPropertyName(property, scopeOf(property));
    if (name === null || !declarator.init || !isEnvObject(declarator.init, scopeOf)) return null;
    const equals = sourceCode.getTokenAfter(parent.left, { filter: (token) => token.value === '=' });
    return {
      name,
      envName: name,
      namesSecret: isSecretName(name),
      fromEnvironment: true,
      setsEnvironment: false,
      removal: equals && deleteFrom(sourceCode, equals, parent.range[1]),
    };
  }
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.includes(node as TSESTree.CallExpressionArgument)
  ) {
    const callee = skipTypeWrappers(parent.callee);
    const calleeName =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? ASTUtils.getPropertyName(callee)
          : null;
    // z.string().default('…'), Joi.string().default('…'): named by the key the schema sits under.
    if (calleeName === 'default' && callee.type === AST_NODE_TYPES.MemberExpression && parent.arguments[0] === node) {
      const binding = getBinding(getChainTop(parent), scopeOf);
      if (!binding) return null;
      // Delete `.default('…')` (or `['default']('…')`) from the first token after the
      // object, past its closing parentheses. A wrapped callee (`(s.default as F)('…')`) has no clean cut.
      const accessor =
        parent.callee === callee && !ASTUtils.isParenthesized(callee, sourceCode)
          ? sourceCode.getTokenAfter(callee.object, { filter: (token) => token.value !== ')' })
          : null;
      return {
        name: binding.name,
        envName: null,
        namesSecret: isSecretName(binding.name),
        fromEnvironment: true,
        setsEnvironment: false,
        removal: accessor && deleteFrom(sourceCode, accessor, parent.range[1]),
      };
    }
    // config.get('JWT_SECRET', '…'), env('JWT_SECRET', '…')
    const key = getStaticString(parent.arguments[0], scopeOf(parent));
    if (calleeName !== null && CONFIG_GETTERS.has(calleeName) && parent.arguments[1] === node && key !== null) {
      return {
        name: key,
        envName: /^[A-Z][A-Z0-9_]*$/u.test(key) ? key : null,
        namesSecret: isSecretName(key),
        fromEnvironment: true,
        setsEnvironment: false,
        removal: getDefaultArgumentRemoval(parent, node, sourceCode),
      };
    }
    return null;
  }
  if (
    parent.type === AST_NODE_TYPES.Property &&
    parent.value === node &&
    parent.parent.type === AST_NODE_TYPES.ObjectExpression
  ) {
    const key = ASTUtils.getPropertyName(parent, scopeOf(parent));
    if (key === null || !DEFAULT_PROPERTIES.has(key)) return null;
    const schema = parent.parent;
    // { env: 'JWT_SECRET', default: '…' } (convict)
    for (const sibling of schema.properties) {
      if (sibling.type === AST_NODE_TYPES.Property && ASTUtils.getPropertyName(sibling) === 'env') {
        const envName = getStaticString(sibling.value, scopeOf(sibling));
        if (envName !== null)
          return {
            name: envName,
            envName,
            namesSecret: isSecretName(envName) || bindingNamesSecret(schema),
            fromEnvironment: true,
            setsEnvironment: false,
            removal: null,
          };
      }
    }
    // jwtSecret: { default: '…' }, JWT_SECRET: str({ default: '…' }) (envalid)
    const holder =
      schema.parent?.type === AST_NODE_TYPES.CallExpression && schema.parent.arguments[0] === schema
        ? schema.parent
        : schema;
    const binding = getBinding(holder, scopeOf);
    return binding
      ? {
          name: binding.name,
          envName: null,
          namesSecret: isSecretName(binding.name),
          fromEnvironment: true,
          setsEnvironment: false,
          removal: null,
        }
      : null;
  }
  return null;
}

/**
 * Deletes from just after the token or comment before `first` (so `\n  .default('…')` goes with its
 * line break) up to `end`. After a line comment the deletion starts at `first`, keeping the
 * comment's line end.
 */
function deleteFrom(sourceCode: Readonly<TSESLint.SourceCode>, first: TSESLint.AST.Token, end: number): Removal {
  const previous = sourceCode.getTokenBefore(first, { includeComments: true });
  const start = previous && previous.type !== AST_TOKEN_TYPES.Line ? previous.range[1] : first.range[0];
  return { range: [start, end], text: '' };
}

/**
 * Removes the default argument of `config.get('X', '…')`: deletes `, '…'` (with any parentheses
 * around the argument, keeping a trailing comma), or, when more arguments follow
 * (`config.get('X', '…', { infer: true })`), replaces the default with `undefined` so they keep their
 * positions.
 */
function getDefaultArgumentRemoval(
  call: TSESTree.CallExpression,
  argument: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Removal | null {
  if (call.arguments.length > 2) return { range: argument.range, text: 'undefined' };
  const comma = sourceCode.getTokenAfter(call.arguments[0]!, { filter: (token) => token.value === ',' });
  const closing = sourceCode.getLastToken(call);
  let last = closing && sourceCode.getTokenBefore(closing);
  if (last?.value === ',') last = sourceCode.getTokenBefore(last);
  return comma && last ? deleteFrom(sourceCode, comma, last.range[1]) : null;
}

/** The outermost call/member chain an expression starts (`z.string().default('x').describe('…')` from its first call). */
function getChainTop(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let link = getMemberCallOn(current); link; link = getMemberCallOn(current)) current = link.call;
  return current;
}

/**
 * What the left side of a fallback reads: an environment variable (`process.env.X`,
 * `process.env['X']`, `import.meta.env.X`, `env.X` with `env` bound to `process.env`), or any other
 * named value (`config.jwtSecret`, `getSecret()`). `single` says the left side is exactly one
 * environment read (not `process.env.A || process.env.B`).
 */
function getReadSource(
  left: TSESTree.Node,
  scopeOf: ScopeOf,
): { name: string; envName: string | null; single: boolean } | null {
  const inner = skipTypeWrappers(left);
  const envName = getEnvReadName(inner, scopeOf);
  if (envName !== null) return { name: envName, envName, single: true };
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator !== '&&') {
    const last = getReadSource(inner.right, scopeOf);
    return last ? { ...last, single: false } : null;
  }
  const dotted = getDottedName(inner);
  return dotted === null ? null : { name: dotted, envName: null, single: false };
}

/** The variable name of an environment read (`process.env.X`, `process.env['X']`, `import.meta.env.X`), or `null`. */
export function getEnvReadName(node: TSESTree.Node, scopeOf: ScopeOf): string | null {
  let inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.ChainExpression) inner = inner.expression;
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = ASTUtils.getPropertyName(inner, scopeOf(inner));
  return name !== null && isEnvObject(inner.object, scopeOf) ? name : null;
}

/** Whether an expression is `process.env`, `import.meta.env`, or a same-file binding to one. */
function isEnvObject(node: TSESTree.Node, scopeOf: ScopeOf, depth = 0): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    if (ASTUtils.getPropertyName(inner) !== 'env') return false;
    const object = inner.object;
    if (object.type === AST_NODE_TYPES.MetaProperty) return object.meta.name === 'import';
    return object.type === AST_NODE_TYPES.Identifier && isProcess(object, scopeOf);
  }
  if (inner.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
  // import { env } from 'node:process'
  const origin = getImportOrigin(inner, scopeOf(inner));
  if (origin) return PROCESS_MODULES.has(origin.module) && origin.imported === 'env';
  const variable = ASTUtils.findVariable(scopeOf(inner), inner);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return false;
  // const env = process.env;  const { env } = process;
  if (def.node.id.type === AST_NODE_TYPES.Identifier) return isEnvObject(def.node.init, scopeOf, depth + 1);
  const init = skipTypeWrappers(def.node.init);
  return (
    def.node.id.type === AST_NODE_TYPES.ObjectPattern &&
    init.type === AST_NODE_TYPES.Identifier &&
    isProcess(init, scopeOf) &&
    inner.name === 'env'
  );
}

const PROCESS_MODULES = new Set(['process', 'node:process']);

/**
 * Whether an identifier is Node's `process`: the global (`process` not declared in the file), or the
 * module imported as a whole under any name (`import process from 'node:process'`, `import * as proc from 'process'`).
 */
function isProcess(identifier: TSESTree.Identifier, scopeOf: ScopeOf): boolean {
  const origin = getImportOrigin(identifier, scopeOf(identifier));
  if (origin) return PROCESS_MODULES.has(origin.module) && (origin.imported === 'default' || origin.imported === '*');
  if (identifier.name !== 'process') return false;
  const variable = ASTUtils.findVariable(scopeOf(identifier), identifier);
  return !variable || variable.defs.length === 0;
}

/**
 * A helper in scope at `node` that reads a required environment variable (`requireEnv`, …):
 * a function declaration, an import, or a function-valued `const` declared before `node`.
 */
export function findEnvHelper(node: TSESTree.Node, scopeOf: ScopeOf): string | null {
  const scope = scopeOf(node);
  for (const name of ENV_HELPERS) {
    const variable = ASTUtils.findVariable(scope, name);
    const def = variable?.defs[0];
    if (!def) continue;
    if (def.type === 'FunctionName' || def.type === 'ImportBinding') return name;
    if (def.type === 'Variable' && def.node.init && isFunctionNode(def.node.init) && def.node.range[1] <= node.range[0])
      return name;
  }
  return null;
}
