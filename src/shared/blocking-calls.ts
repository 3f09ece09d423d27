import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  CALL,
  CONSTRUCT,
  followValue,
  getMethodCallOn,
  trackReferences,
  type TraceMap,
  type TraceMapNode,
} from './ast/index.js';

/**
 * How a blocking call can be swapped for a non-blocking one with the same arguments and result:
 * - `fs-promises`: the same-named export of `fs/promises` (`readFileSync` → `readFile`);
 * - `sibling`: another export of the same module that returns a promise (`bcrypt.hashSync` → `bcrypt.hash`);
 * - `promisify`: the callback export of the same module wrapped in `util.promisify`
 *   (`crypto.scryptSync` → `promisify(crypto.scrypt)`).
 */
export type PromiseTwin = { kind: 'fs-promises' | 'sibling' | 'promisify'; name: string };

/** What the catalog knows about one blocking API. */
export interface BlockingCallInfo {
  /** The name used in messages (`readFileSync`, `Statement#get`). */
  name: string;
  /** What to use instead, as Markdown inline code or prose. */
  alternative: string;
  twin?: PromiseTwin;
}

/** One blocking call found in a file. */
export interface BlockingCall {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Module the API comes from (`fs`, `node:fs`, `better-sqlite3`), or `globalThis` for `Atomics.wait`. */
  module: string;
  /** Export path below the module (`['readFileSync']`); empty for calls on SQLite objects. */
  path: readonly string[];
  info: BlockingCallInfo;
}

/** A user-listed blocking export (rule option `additionalBlockingCalls`, settings `blockingCalls`). */
export interface BlockingCallSpecifier {
  /** Module name as imported (`xlsx`). */
  module: string;
  /** Export path, dot-separated (`readFile`, `utils.sheet_to_json`); `default` for the module itself. */
  path: string;
  /** What to use instead, shown in the message. */
  alternative?: string;
}

/**
 * `fs` functions whose `fs/promises` twin takes the same arguments and resolves to what the sync one
 * returns (Node.js `fs` docs, "Promises API"). `openSync`/`readSync`/… work on numeric descriptors
 * where the promise API uses `FileHandle`, and `existsSync` has no twin, so they get no fix.
 */
const FS_TWINS = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'copyFile',
  'cp',
  'lchown',
  'link',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rename',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
];
/** Other `fs` sync functions (descriptor-based, or without a promise twin). */
const FS_OTHERS = [
  'closeSync',
  'existsSync',
  'fchmodSync',
  'fchownSync',
  'fdatasyncSync',
  'fstatSync',
  'fsyncSync',
  'ftruncateSync',
  'futimesSync',
  'lchmodSync',
  'openSync',
  'readSync',
  'readvSync',
  'writeSync',
  'writevSync',
];

/**
 * The Node.js APIs that block the event loop until they finish. Sources: the Node.js `fs` docs
 * ("The synchronous APIs perform all operations synchronously, blocking the event loop"), the
 * `child_process`, `crypto` and `zlib` docs for their `*Sync` forms, and the Node.js guide "Don't Block
 * the Event Loop", which names `crypto` key derivation, `zlib` and `child_process` sync APIs; the
 * bcrypt/bcryptjs READMEs ("sync … blocks"); better-sqlite3's and `node:sqlite`'s docs (every call
 * runs synchronously); MDN for `Atomics.wait` (blocks the calling thread).
 */
function buildTraceMap(): TraceMap {
  const fs: TraceMapNode = {};
  for (const twin of FS_TWINS) {
    fs[`${twin}Sync`] = {
      [CALL]: {
        name: `${twin}Sync`,
        alternative: `\`fs.promises.${twin}\``,
        twin: { kind: 'fs-promises', name: twin },
      } satisfies BlockingCallInfo,
    };
  }
  for (const name of FS_OTHERS) {
    const base = name.slice(0, -'Sync'.length);
    const alternative =
      name === 'existsSync'
        ? '`fs.promises.access` or `fs.promises.stat`'
        : `\`fs.${base}\` with a callback or a \`FileHandle\` from \`fs.promises.open\``;
    fs[name] = { [CALL]: { name, alternative } satisfies BlockingCallInfo };
  }
  const childProcess: TraceMapNode = {};
  for (const name of ['execSync', 'execFileSync', 'spawnSync']) {
    childProcess[name] = {
      [CALL]: {
        name,
        alternative: '`execFile` or `spawn` wrapped in a promise (`util.promisify(execFile)`)',
      } satisfies BlockingCallInfo,
    };
  }
  const crypto: TraceMapNode = {};
  for (const base of ['pbkdf2', 'scrypt']) {
    crypto[`${base}Sync`] = {
      [CALL]: {
        name: `${base}Sync`,
        alternative: `\`util.promisify(crypto.${base})\``,
        twin: { kind: 'promisify', name: base },
      } satisfies BlockingCallInfo,
    };
  }
  for (const base of ['hkdf', 'generateKeyPair', 'generateKey', 'generatePrime', 'checkPrime', 'randomFill']) {
    crypto[`${base}Sync`] = {
      [CALL]: {
        name: `${base}Sync`,
        alternative: `\`crypto.${base}\` with a callback or \`util.promisify\``,
      } satisfies BlockingCallInfo,
    };
  }
  const zlib: TraceMapNode = {};
  for (const base of [
    'deflate',
    'deflateRaw',
    'gzip',
    'gunzip',
    'inflate',
    'inflateRaw',
    'unzip',
    'brotliCompress',
    'brotliDecompress',
  ]) {
    zlib[`${base}Sync`] = {
      [CALL]: {
        name: `${base}Sync`,
        alternative: `\`util.promisify(zlib.${base})\` or a stream`,
        twin: { kind: 'promisify', name: base },
      } satisfies BlockingCallInfo,
    };
  }
  const bcrypt: TraceMapNode = {};
  for (const base of ['hash', 'compare', 'genSalt']) {
    bcrypt[`${base}Sync`] = {
      [CALL]: {
        name: `${base}Sync`,
        alternative: `the promise-returning \`${base}\``,
        twin: { kind: 'sibling', name: base },
      } satisfies BlockingCallInfo,
    };
  }
  const map: TraceMap = {};
  for (const prefix of ['', 'node:']) {
    map[`${prefix}fs`] = fs;
    map[`${prefix}child_process`] = childProcess;
    map[`${prefix}crypto`] = crypto;
    map[`${prefix}zlib`] = zlib;
  }
  map.bcrypt = bcrypt;
  map.bcryptjs = bcrypt;
  return map;
}

const BLOCKING_TRACE_MAP = buildTraceMap();

const SQLITE_ALTERNATIVE = 'an asynchronous driver, or run the queries in a worker thread';
/** SQLite drivers whose every call is synchronous: the constructor, then the database's and statements' methods. */
const SQLITE_TRACE_MAP: TraceMap = {
  'better-sqlite3': { [CONSTRUCT]: 'Database', [CALL]: 'Database' },
  'node:sqlite': { DatabaseSync: { [CONSTRUCT]: 'DatabaseSync' } },
};
/** Methods of a SQLite database object that run SQL (`prepare` only compiles; its statement runs). */
const DATABASE_METHODS = new Set(['exec', 'pragma']);
const STATEMENT_METHODS = new Set(['get', 'all', 'run', 'iterate']);

/** `Atomics.wait` blocks the calling thread (MDN); on the main thread that is the event loop. */
const GLOBAL_TRACE_MAP: TraceMap = {
  Atomics: {
    wait: { [CALL]: { name: 'Atomics.wait', alternative: '`Atomics.waitAsync`' } satisfies BlockingCallInfo },
  },
};

/** Options of {@link findBlockingCalls}. */
export interface FindBlockingCallsOptions {
  additional?: readonly BlockingCallSpecifier[];
  /** Entries `module` or `module.path` (`fs.existsSync`, `better-sqlite3`) that are not reported. */
  allow?: readonly string[];
}

/**
 * Every blocking call in a file, found by import tracking (never by a name alone): the catalog above,
 * SQLite databases and their statements followed from `new Database()` / `new DatabaseSync()`, and
 * user-listed exports. Takes the file's global scope; returns calls in source order.
 */
export function findBlockingCalls(
  globalScope: TSESLint.Scope.Scope,
  options: FindBlockingCallsOptions = {},
): BlockingCall[] {
  const found: BlockingCall[] = [];
  // `fs.existsSync` also allows `node:fs`'s: built-in modules are the same with or without the prefix.
  const allowed = new Set((options.allow ?? []).map(stripNodePrefix));
  const isAllowed = (path: readonly string[]): boolean => {
    const module = stripNodePrefix(path[0]!);
    return allowed.has(module) || allowed.has([module, ...path.slice(1)].join('.'));
  };
  for (const reference of trackReferences<BlockingCallInfo>(globalScope, BLOCKING_TRACE_MAP)) {
    if (reference.type === 'call' && !isAllowed(reference.path)) {
      found.push({
        node: reference.node as TSESTree.CallExpression,
        module: reference.path[0]!,
        path: reference.path.slice(1),
        info: reference.info,
      });
    }
  }
  const tracker = new ASTUtils.ReferenceTracker(globalScope);
  for (const reference of tracker.iterateGlobalReferences(GLOBAL_TRACE_MAP)) {
    if (!isAllowed(['globalThis', ...reference.path])) {
      found.push({
        node: reference.node as TSESTree.CallExpression,
        module: 'globalThis',
        path: reference.path,
        info: reference.info as BlockingCallInfo,
      });
    }
  }
  for (const reference of trackReferences<string>(globalScope, SQLITE_TRACE_MAP)) {
    if (reference.type === 'read' || isAllowed(reference.path)) continue;
    const node = reference.node as TSESTree.NewExpression;
    found.push({
      node,
      module: reference.path[0]!,
      path: reference.path.slice(1),
      info: { name: `new ${reference.info}()`, alternative: SQLITE_ALTERNATIVE },
    });
    for (const call of findSqliteCalls(globalScope, node)) {
      found.push({
        node: call.node,
        module: reference.path[0]!,
        path: [],
        info: { name: call.name, alternative: SQLITE_ALTERNATIVE },
      });
    }
  }
  for (const specifier of options.additional ?? []) {
    const path = specifier.path === 'default' ? [] : specifier.path.split('.');
    let leaf: TraceMapNode = { [CALL]: true };
    for (const key of [...path].reverse()) leaf = { [key]: leaf };
    const alternative = specifier.alternative ?? 'an asynchronous alternative';
    const name = path.at(-1) ?? specifier.module;
    for (const reference of trackReferences(globalScope, { [specifier.module]: leaf })) {
      if (reference.type === 'call')
        found.push({
          node: reference.node as TSESTree.CallExpression,
          module: specifier.module,
          path,
          info: { name, alternative },
        });
    }
  }
  return found.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * Calls on a SQLite database made by `creation`: `db.exec()`, `db.pragma()`, statements from
 * `db.prepare()` (chained or bound to a variable) run with `get/all/run/iterate`, and calls of a
 * function made by `db.transaction(fn)`.
 */
function findSqliteCalls(
  globalScope: TSESLint.Scope.Scope,
  creation: TSESTree.Node,
): { node: TSESTree.CallExpression; name: string }[] {
  const calls: { node: TSESTree.CallExpression; name: string }[] = [];
  const owner =
    creation.type === AST_NODE_TYPES.NewExpression && creation.callee.type === AST_NODE_TYPES.Identifier
      ? creation.callee.name
      : 'Database';
  followValue(globalScope, creation, (database) => {
    const use = getMethodCallOn(database);
    if (!use) return;
    if (DATABASE_METHODS.has(use.method)) calls.push({ node: use.call, name: `${owner}#${use.method}` });
    if (use.method === 'prepare') {
      followValue(globalScope, use.call, (statement) => {
        const run = getMethodCallOn(statement);
        if (run && STATEMENT_METHODS.has(run.method)) calls.push({ node: run.call, name: `Statement#${run.method}` });
      });
    }
    if (use.method === 'transaction') {
      followValue(globalScope, use.call, (transaction) => {
        const parent = transaction.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === transaction)
          calls.push({ node: parent, name: `${owner}#transaction` });
      });
    }
  });
  return calls;
}

function stripNodePrefix(name: string): string {
  return name.startsWith('node:') ? name.slice('node:'.length) : name;
}
