import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Framework, FunctionNode } from '../../frameworks/index.js';
import {
  findObjectProperty,
  CALL,
  findVariable,
  getImportOrigin,
  getMemberName,
  scopeOf,
  skipExpressionWrappers,
  trackReferences,
  walk,
  type TraceMap,
  type TraceMapNode,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import type { DataLayerIndex } from '../../shared/data-layer.js';

/** What input must not reach unchecked: a database call, a file path, a shell command, an HTML response. */
export type SinkKind = 'database' | 'file' | 'shell' | 'response';

/** One call (or assignment) that hands values to a sink. */
export interface Sink {
  kind: SinkKind;
  /** The call or assignment: one report per sink per input. */
  node: TSESTree.Node;
  /** How messages name it: `prisma.user.create`, `fs.readFile`, `res.send`. */
  label: string;
  /** The arguments that reach the sink (options objects excluded). */
  values: TSESTree.Node[];
}

/** What a tracked `fs`/`child_process` function takes: which arguments are paths or commands. */
interface SystemCall {
  kind: 'file' | 'shell';
  args: readonly number[];
}

/** `fs` functions by the arguments that are paths (Node.js `fs` docs); each has a `Sync` twin. */
const FS_PATH_FUNCTIONS: Readonly<Record<string, readonly number[]>> = {
  readFile: [0],
  writeFile: [0],
  appendFile: [0],
  readdir: [0],
  mkdir: [0],
  mkdtemp: [0],
  rm: [0],
  rmdir: [0],
  unlink: [0],
  stat: [0],
  lstat: [0],
  access: [0],
  open: [0],
  opendir: [0],
  readlink: [0],
  realpath: [0],
  truncate: [0],
  chmod: [0],
  chown: [0],
  utimes: [0],
  exists: [0],
  rename: [0, 1],
  copyFile: [0, 1],
  cp: [0, 1],
  symlink: [0, 1],
  link: [0, 1],
};
/** `fs` functions without a `Sync` twin. */
const FS_STREAM_FUNCTIONS: Readonly<Record<string, readonly number[]>> = {
  createReadStream: [0],
  createWriteStream: [0],
  watch: [0],
  watchFile: [0],
};
/** `child_process` functions by the arguments that are the command and its arguments. */
const CHILD_PROCESS_FUNCTIONS: Readonly<Record<string, readonly number[]>> = {
  exec: [0],
  execSync: [0],
  execFile: [0, 1],
  execFileSync: [0, 1],
  spawn: [0, 1],
  spawnSync: [0, 1],
  fork: [0, 1],
};

const SYSTEM_TRACE_MAP: TraceMap = (() => {
  const fs: TraceMapNode = {};
  const promises: TraceMapNode = {};
  for (const [name, args] of Object.entries(FS_PATH_FUNCTIONS)) {
    fs[name] = { [CALL]: { kind: 'file', args } satisfies SystemCall };
    fs[`${name}Sync`] = { [CALL]: { kind: 'file', args } satisfies SystemCall };
    promises[name] = { [CALL]: { kind: 'file', args } satisfies SystemCall };
  }
  for (const [name, args] of Object.entries(FS_STREAM_FUNCTIONS))
    fs[name] = { [CALL]: { kind: 'file', args } satisfies SystemCall };
  fs.promises = promises;
  const childProcess: TraceMapNode = {};
  for (const [name, args] of Object.entries(CHILD_PROCESS_FUNCTIONS))
    childProcess[name] = { [CALL]: { kind: 'shell', args } satisfies SystemCall };
  return {
    fs,
    'node:fs': fs,
    'fs/promises': promises,
    'node:fs/promises': promises,
    'fs-extra': fs,
    child_process: childProcess,
    'node:child_process': childProcess,
  };
})();

/** The `fs` and `child_process` calls of a file, found by import tracking once per file. */
const systemCallsByProgram = new WeakMap<TSESTree.Program, Map<TSESTree.Node, { call: SystemCall; label: string }>>();

function getSystemCalls(
  program: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
): Map<TSESTree.Node, { call: SystemCall; label: string }> {
  let calls = systemCallsByProgram.get(program);
  if (!calls) {
    calls = new Map();
    for (const reference of trackReferences<SystemCall>(globalScope, SYSTEM_TRACE_MAP)) {
      if (reference.type !== 'call') continue;
      const module = reference.path[0]!.replace(/^node:/u, '').replace(/\/promises$/u, '');
      calls.set(reference.node, { call: reference.info, label: `${module}.${reference.path.slice(1).join('.')}` });
    }
    systemCallsByProgram.set(program, calls);
  }
  return calls;
}

/** The data-access calls of a file with their labels, every call of each chain (`knex('t').where(x).first()`). */
const databaseCallsByIndex = new WeakMap<DataLayerIndex, Map<TSESTree.Node, string>>();

function getDatabaseCalls(index: DataLayerIndex): Map<TSESTree.Node, string> {
  let calls = databaseCallsByIndex.get(index);
  if (!calls) {
    calls = new Map();
    for (const access of index.accesses) {
      // Tagged templates (sql`…`) bind what they interpolate; `no-sql-injection` owns raw SQL text.
      let current: TSESTree.Node = access.node;
      while (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.MemberExpression) {
        if (current.type === AST_NODE_TYPES.CallExpression) {
          if (!calls.has(current)) calls.set(current, access.label);
          current = skipExpressionWrappers(current.callee);
        } else {
          current = skipExpressionWrappers(current.object);
        }
      }
    }
    databaseCallsByIndex.set(index, calls);
  }
  return calls;
}

/**
 * The sinks in a handler (callbacks nested in it included): data-layer calls (every argument of every
 * call of the chain), `fs` paths, `child_process` commands, Express `res.sendFile`/`res.download`
 * paths without a `root` option, and responses rendered as HTML from text: Express `res.send(text)`,
 * Hono `c.html(text)`, Koa `ctx.body = '<…' + text`.
 */
export function findSinks(
  framework: Framework,
  fn: FunctionNode,
  program: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  keys: VisitorKeys,
  dataLayer: DataLayerIndex,
): Sink[] {
  const system = getSystemCalls(program, globalScope);
  const database = getDatabaseCalls(dataLayer);
  const scope = scopeOf(globalScope, fn.body);
  const parameter = (index: number): TSESLint.Scope.Variable | null => {
    const node = fn.params[index];
    return node?.type === AST_NODE_TYPES.Identifier ? findVariable(scope, node) : null;
  };
  const response =
    framework === 'express' || framework === 'nextjs'
      ? parameter(1)
      : framework === 'hono' || framework === 'koa'
        ? parameter(0)
        : null;
  const isOnResponse = (node: TSESTree.Node): boolean => {
    let current = skipExpressionWrappers(node);
    while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression)
      current = skipExpressionWrappers(
        current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.callee,
      );
    return (
      response !== null &&
      current.type === AST_NODE_TYPES.Identifier &&
      response.references.some((reference) => reference.identifier === current)
    );
  };

  const sinks: Sink[] = [];
  walk(fn.body, keys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      if (framework === 'koa' && isKoaHtmlBody(node) && isOnResponse(node.left))
        sinks.push({ kind: 'response', node, label: 'ctx.body', values: [node.right] });
      return true;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const label = database.get(node);
    if (label !== undefined) {
      // Mongoose `{ runValidators: true }`: the update is cast and checked against the schema.
      const options = node.arguments.at(-1);
      const values = hasRunValidators(options) ? node.arguments.slice(0, 1) : [...node.arguments];
      sinks.push({ kind: 'database', node, label, values });
      return true;
    }
    const tracked = system.get(node);
    if (tracked) {
      const values = tracked.call.args.flatMap((index) => (node.arguments[index] ? [node.arguments[index]] : []));
      sinks.push({ kind: tracked.call.kind, node, label: tracked.label, values });
      return true;
    }
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !node.arguments[0] || !isOnResponse(callee.object))
      return true;
    const method = getMemberName(callee);
    const first = node.arguments[0];
    if ((framework === 'express' || framework === 'nextjs') && (method === 'sendFile' || method === 'download')) {
      if (!hasRootOption(node.arguments[1]))
        sinks.push({ kind: 'file', node, label: `res.${method}`, values: [first] });
    } else if ((framework === 'express' || framework === 'nextjs') && method === 'send') {
      sinks.push({ kind: 'response', node, label: 'res.send', values: [first] });
    } else if (framework === 'hono' && method === 'html') {
      sinks.push({ kind: 'response', node, label: 'c.html', values: [first] });
    }
    return true;
  });
  return sinks;
}

/** A Mongoose options object with `runValidators: true`. */
function hasRunValidators(node: TSESTree.Node | undefined): boolean {
  const options = node ? skipExpressionWrappers(node) : null;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const runValidators = findObjectProperty(options, 'runValidators');
  return runValidators?.value.type === AST_NODE_TYPES.Literal && runValidators.value.value === true;
}

/** `res.sendFile(name, { root })`: `send` refuses paths that climb out of `root`. */
function hasRootOption(node: TSESTree.Node | undefined): boolean {
  const options = node ? skipExpressionWrappers(node) : null;
  return options?.type === AST_NODE_TYPES.ObjectExpression && findObjectProperty(options, 'root') !== null;
}

/** `ctx.body = '<p>' + x` / `` ctx.body = `<p>${x}` ``: Koa serves a string starting with `<` as HTML. */
function isKoaHtmlBody(node: TSESTree.AssignmentExpression): boolean {
  if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (getMemberName(node.left) !== 'body') return false;
  let value = skipExpressionWrappers(node.right);
  while (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') value = value.left;
  const text =
    value.type === AST_NODE_TYPES.TemplateLiteral
      ? value.quasis[0]!.value.cooked
      : value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string'
        ? value.value
        : null;
  return text !== null && /^\s*</u.test(text);
}

/** Functions of `path` whose result keeps each segment it is given (`basename` and `extname` do not). */
const PATH_JOINERS: ReadonlySet<string> = new Set(['join', 'resolve', 'normalize', 'format', 'relative']);

/** `path.join(…)`, `join(…)` imported from `path`/`node:path`, `path.posix.join(…)`: its arguments. */
export function getPathJoinArguments(
  call: TSESTree.CallExpression,
  globalScope: TSESLint.Scope.Scope,
): TSESTree.CallExpressionArgument[] | null {
  const callee = skipExpressionWrappers(call.callee);
  let root: TSESTree.Node = callee;
  let name: string | null = null;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    name = getMemberName(callee);
    root = skipExpressionWrappers(callee.object);
    if (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    const origin = getImportOrigin(callee, scopeOf(globalScope, callee));
    name = origin?.imported ?? null;
    if (!origin || !/^(?:node:)?path$/u.test(origin.module)) return null;
    return name !== null && PATH_JOINERS.has(name) ? call.arguments : null;
  }
  if (name === null || !PATH_JOINERS.has(name) || root.type !== AST_NODE_TYPES.Identifier) return null;
  if (root.name === 'path') return call.arguments;
  const origin = getImportOrigin(root, scopeOf(globalScope, root));
  return origin && /^(?:node:)?path$/u.test(origin.module) ? call.arguments : null;
}
