import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getAppMiddleware, getRouteModelOf, type RouteFacts } from '../../frameworks/index.js';
import { readServiceModule } from '../../project-index/index.js';
import { getImportOrigin, scopeOf } from '../../shared/ast/index.js';
import { getNestPipeStateOf, type NestPipeState } from '../../shared/input-validation.js';

/** File names a Nest service bootstraps from (`NestFactory.create()`). */
const BOOTSTRAP_FILES = ['main.ts', 'main.js', 'server.ts', 'bootstrap.ts'];

/** The global pipe state found for a bootstrap file, until it changes. */
const globalStates = new Map<string, { text: string; state: NestPipeState }>();

/**
 * The pipes that run on a Nest route before its handler: the handler's and controller's `@UsePipes()`,
 * then the global ones. Global pipes are read from the bootstrap file (`main.ts`), found by walking up
 * from the controller's folder to the project root (`root`), and from `APP_PIPE` providers in the
 * modules beside it. Without a root, or when no bootstrap file is found, global pipes are `unknown`.
 */
export function getNestPipeState(route: RouteFacts, filename: string, root: string | null): NestPipeState {
  const local = [...getAppMiddleware(route.app), ...route.middleware].filter((item) => item.kind === 'pipe');
  const localState = getNestPipeStateOf(local);
  if (localState === 'validation-transform') return localState;
  const global = root === null ? 'unknown' : getGlobalPipeState(filename, root);
  if (localState === 'validation') return global === 'validation-transform' ? global : localState;
  return global;
}

function getGlobalPipeState(filename: string, root: string): NestPipeState {
  for (let directory = dirname(filename); ; directory = dirname(directory)) {
    for (const name of BOOTSTRAP_FILES) {
      const file = join(directory, name);
      if (existsSync(file)) {
        const state = readBootstrap(file);
        if (state !== null) return state;
      }
    }
    if (directory === root || relative(root, directory).startsWith(`..${sep}`) || dirname(directory) === directory)
      return 'unknown';
  }
}

/** The global pipes a bootstrap file registers, or `null` when the file creates no Nest app. */
function readBootstrap(file: string): NestPipeState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  if (!text.includes('NestFactory')) return null;
  const cached = globalStates.get(file);
  if (cached?.text === text) return cached.state;
  const module = readServiceModule(file);
  if (!module) return null;
  const model = getRouteModelOf({ ast: module.ast, globalScope: module.globalScope, filename: file });
  const apps = model.apps.filter((app) => app.framework === 'nestjs' && app.kind === 'app');
  if (apps.length === 0) return null;
  const pipes = apps.flatMap((app) => app.middleware.filter((item) => item.kind === 'pipe'));
  let state = getNestPipeStateOf(pipes);
  // A pipe given to `useGlobalPipes` through a variable or a helper is not seen: `unknown`.
  if (/useGlobalPipes\s*\(/u.test(text) && pipes.length === 0) state = 'unknown';
  if (state === 'none' || state === 'validation') {
    const provided = getAppPipeProviders(dirname(file));
    if (provided !== 'none')
      state =
        provided === 'validation' && state === 'validation'
          ? state
          : provided === 'validation'
            ? 'validation'
            : 'unknown';
  }
  globalStates.set(file, { text, state });
  return state;
}

/** `{ provide: APP_PIPE, useClass: ValidationPipe }` in a `*.module.ts` beside the bootstrap file (or in `app/`). */
function getAppPipeProviders(directory: string): NestPipeState {
  let found: NestPipeState = 'none';
  for (const folder of [directory, join(directory, 'app')]) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((name) => /\.module\.[jt]s$/u.test(name));
    } catch {
      continue;
    }
    for (const name of names) {
      let text: string;
      try {
        text = readFileSync(join(folder, name), 'utf8');
      } catch {
        continue;
      }
      if (!text.includes('APP_PIPE')) continue;
      found = /Valid\w*Pipe/u.test(text) ? (found === 'unknown' ? found : 'validation') : 'unknown';
    }
  }
  return found;
}

/** The pipe a suggestion adds for a parameter declared `number` or `boolean`. */
export function getCoercionPipe(param: TSESTree.Parameter): 'ParseIntPipe' | 'ParseBoolPipe' | null {
  const annotation = param.type === AST_NODE_TYPES.Identifier ? param.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type === AST_NODE_TYPES.TSNumberKeyword) return 'ParseIntPipe';
  if (annotation?.type === AST_NODE_TYPES.TSBooleanKeyword) return 'ParseBoolPipe';
  return null;
}

/**
 * The fix that gives a Nest parameter decorator with a static key its parse pipe:
 * `@Query('limit') limit: number` → `@Query('limit', ParseIntPipe) limit: number`, adding the pipe to
 * the file's named import from `@nestjs/common` when it is missing. `null` when the decorator does not
 * have that shape or the file has no such import to extend.
 */
export function getAddPipeFix(
  param: TSESTree.Parameter,
  pipe: string,
  program: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | null {
  const decorator = (param as { decorators?: TSESTree.Decorator[] }).decorators?.[0];
  const call = decorator?.expression;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1) return null;
  const key = call.arguments[0]!;
  if (key.type !== AST_NODE_TYPES.Literal || typeof key.value !== 'string') return null;
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return null;
  if (getImportOrigin(call.callee, scopeOf(globalScope, call.callee))?.module !== '@nestjs/common') return null;
  const declaration = program.body.find(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === '@nestjs/common' &&
      statement.importKind !== 'type' &&
      statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (!declaration) return null;
  const imported = declaration.specifiers.some(
    (specifier) =>
      specifier.type === AST_NODE_TYPES.ImportSpecifier &&
      specifier.local.name === pipe &&
      specifier.imported.type === AST_NODE_TYPES.Identifier &&
      specifier.imported.name === pipe,
  );
  const last = declaration.specifiers.at(-1)!;
  return (fixer) => [
    ...(imported ? [] : [fixer.insertTextAfter(last, `, ${pipe}`)]),
    fixer.insertTextAfter(key, `, ${pipe}`),
  ];
}
