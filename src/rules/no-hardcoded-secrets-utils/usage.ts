/**
 * How a literal is used, where that says more than its name: a value written to a log, text rendered
 * in JSX, a public Firebase web key, an identifier in a lookup table, a database password template,
 * and files served to browsers as they are. None of these functions ever returns the value itself.
 */
import { isAbsolute, relative } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import picomatch from 'picomatch';

import { getDottedName, getStaticString, skipTypeWrappers } from '../../shared/ast/index.js';
import { getBinding, getValueExpression, type Binding } from './bindings.js';
import { splitWords } from '../../shared/words.js';
import type { ScopeOf, StringNode } from './resolve.js';

/**
 * Folders whose files are sent to browsers as they are (`public/` of Express, Next.js and Vite,
 * `static/`, `assets/`, `www/`): whatever is written there is public by definition, so only live
 * provider credential formats are worth a report, as in tests.
 */
export const STATIC_ASSET_GLOBS: readonly string[] = ['**/{public,static,assets,www,wwwroot,htdocs}/**'];

const isStaticAssetPath = picomatch([...STATIC_ASSET_GLOBS], { dot: true });

/**
 * Whether a file is under a static-asset folder (see {@link STATIC_ASSET_GLOBS}). The path is matched
 * relative to `root` (ESLint's `cwd`) when the file is inside it, so a checkout under `/srv/www/` does
 * not make every file public.
 */
export function isStaticAssetFile(file: string, root: string | undefined): boolean {
  let path = file;
  if (root !== undefined && isAbsolute(file)) {
    const inside = relative(root, file);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) path = inside;
  }
  return isStaticAssetPath(path.replaceAll('\\', '/'));
}

/** Methods of a logger (pino, winston, bunyan, Nest `Logger`, `console`). */
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'log', 'verbose', 'silly']);

/** Last words of the object a log method is called on: `console`, `app.log`, `this.logger`, `Logger`. */
const LOGGER_WORDS = new Set(['log', 'logger', 'console', 'pino', 'winston', 'bunyan']);

/**
 * Whether a literal is (inside) an object or array passed to a logging call:
 * `app.log.debug({ secret: '…' }, 'msg')`, `console.log({ token: '…' })`. A log line is not where a
 * secret is used; its field names (`secret`, `token`) describe what is being logged.
 */
export function isLoggedValue(node: StringNode): boolean {
  let current: TSESTree.Node = getValueExpression(node);
  for (let depth = 0; depth < 6; depth += 1) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      current = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ArrayExpression) {
      current = parent;
      continue;
    }
    if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as TSESTree.Expression))
      return false;
    return current.type === AST_NODE_TYPES.ObjectExpression || current.type === AST_NODE_TYPES.ArrayExpression
      ? isLoggingCall(parent)
      : false;
  }
  return false;
}

function isLoggingCall(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = ASTUtils.getPropertyName(callee);
  if (method === null || !LOG_METHODS.has(method)) return false;
  const object = skipTypeWrappers(callee.object);
  const name =
    object.type === AST_NODE_TYPES.ThisExpression
      ? null
      : object.type === AST_NODE_TYPES.MemberExpression
        ? ASTUtils.getPropertyName(object)
        : getDottedName(object);
  const last = name === null ? undefined : splitWords(name).at(-1);
  return last !== undefined && LOGGER_WORDS.has(last);
}

/**
 * Whether a literal is rendered as text by JSX: the value of an expression container that is a child
 * of an element (`<code>{enrollment?.secret ?? 'Generating…'}</code>`), not an attribute.
 */
export function isRenderedText(node: StringNode): boolean {
  const value = getValueExpression(node);
  const container = value.parent;
  return (
    container?.type === AST_NODE_TYPES.JSXExpressionContainer &&
    (container.parent.type === AST_NODE_TYPES.JSXElement || container.parent.type === AST_NODE_TYPES.JSXFragment)
  );
}

/** Properties only a Firebase web configuration has next to `apiKey`. */
const FIREBASE_CONFIG_KEYS = new Set([
  'authDomain',
  'messagingSenderId',
  'storageBucket',
  'databaseURL',
  'measurementId',
]);

/**
 * Whether a literal is the `apiKey` (`AIza…`) of a Firebase web configuration: an object with
 * Firebase's other keys (`authDomain`, `messagingSenderId`, …), bound to a name with `firebase` in it
 * (`firebaseConfig`), or passed to `initializeApp({...})`. Firebase documents this key as public: it
 * identifies the project to Google, and access is controlled by security rules, not by the key.
 */
export function isFirebaseWebApiKey(node: StringNode, value: string, scopeOf: ScopeOf): boolean {
  if (!/^AIza[0-9A-Za-z_-]{35}$/u.test(value.trim())) return false;
  const binding = getBinding(node, scopeOf);
  const object = binding?.type === 'property' ? binding.container : undefined;
  if (!object || binding?.name !== 'apiKey') return false;
  const keys = object.properties.flatMap((property) =>
    property.type === AST_NODE_TYPES.Property ? [ASTUtils.getPropertyName(property, scopeOf(property))] : [],
  );
  if (keys.some((key) => key !== null && FIREBASE_CONFIG_KEYS.has(key))) return true;
  const holder = getBinding(object, scopeOf);
  if (holder && splitWords(holder.name).includes('firebase')) return true;
  const call = object.parent;
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === object &&
    getDottedName(skipTypeWrappers(call.callee))?.split('.').at(-1) === 'initializeApp'
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/**
 * Whether a literal is an entry of a lookup table of identifiers: a UUID as an enum member's value
 * (`enum Authenticator { OnePassword = '…' }`), or a UUID in an object literal whose values are all
 * UUIDs (`{ Bitwarden: '…', NordPass: '…' }`, passkey AAGUIDs). The names are products, not secrets;
 * a single `apiKey: '<uuid>'` among other settings is not a table and is still checked.
 */
export function isIdentifierTableEntry(value: string, binding: Binding): boolean {
  if (!UUID.test(value.trim())) return false;
  if (binding.type === 'enum') return true;
  if (binding.type !== 'property' || !binding.container) return false;
  const { properties } = binding.container;
  return (
    properties.length >= 2 &&
    properties.every((property) => {
      if (property.type !== AST_NODE_TYPES.Property) return false;
      const entry = skipTypeWrappers(property.value);
      const text = getStaticString(entry);
      return text !== null && UUID.test(text.trim());
    })
  );
}

/** Values that name the password field instead of filling it. */
const PASSWORD_FIELD_NAMES = new Set(['password', 'pass', 'passwd', 'pwd']);

/** Values that name the user field instead of filling it. */
const USER_FIELD_NAMES = new Set(['user', 'username', 'user_name', 'usr']);

/**
 * Whether a database password and the user written next to it are both the names of their fields, a
 * template nobody runs (`new Sequelize('database', 'username', 'password')`,
 * `{ user: 'username', password: 'password' }`). The user is the argument before the password, or a
 * `user`/`username` property of the same object. A real weak pair (`root`/`root`) is still a secret.
 */
export function isStandInDatabasePassword(node: StringNode, value: string, scopeOf: ScopeOf): boolean {
  if (!PASSWORD_FIELD_NAMES.has(value.trim().toLowerCase())) return false;
  const parent = node.parent;
  let user: string | null = null;
  if (parent.type === AST_NODE_TYPES.NewExpression || parent.type === AST_NODE_TYPES.CallExpression) {
    const index = parent.arguments.indexOf(node);
    user = index > 0 ? getStaticString(parent.arguments[index - 1], scopeOf(parent)) : null;
  } else if (parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    for (const sibling of parent.parent.properties) {
      if (sibling.type !== AST_NODE_TYPES.Property) continue;
      const key = ASTUtils.getPropertyName(sibling, scopeOf(sibling));
      if (key === 'user' || key === 'username') user = getStaticString(sibling.value, scopeOf(sibling));
    }
  }
  return user !== null && USER_FIELD_NAMES.has(user.trim().toLowerCase());
}
