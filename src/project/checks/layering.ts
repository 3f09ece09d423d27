import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';

import { joinPaths } from '../../frameworks/index.js';
import { getCalleeName, getDottedName, getMethodCall, isFunctionNode, walk } from '../../shared/ast/index.js';
import { DEFAULT_SETTINGS, isInLayer, type ApiAuditSettings, type Layer } from '../../shared/settings.js';
import type { AppGraph } from '../app-graph.js';
import { DATA_CLIENT_MODULES, HTTP_IMPORTS, isModule } from '../catalog.js';
import { isHealthPath } from '../../shared/health.js';
import type { FileAnalysis } from '../file-analysis.js';
import { findingAt, formatList, type DraftFinding } from '../findings.js';
import type { ImportResolver } from '../imports.js';
import { toProjectPath } from '../../project-index/source-files.js';

type RuntimeLayer = Exclude<Layer, 'nonRuntime'>;

/** Lower number, lower layer: routes depend on services, services on data, never the other way. */
const RANK: Readonly<Record<RuntimeLayer, number>> = { data: 0, services: 1, routes: 2 };
const NAMES: Readonly<Record<RuntimeLayer, string>> = { data: 'Data-layer', services: 'Service', routes: 'Route' };
const LAYER_NAMES: Readonly<Record<RuntimeLayer, string>> = {
  data: 'the data layer',
  services: 'the service layer',
  routes: 'the route layer',
};
/** Most specific first: data, then routes, then services. */
const ORDER: readonly RuntimeLayer[] = ['data', 'routes', 'services'];

/**
 * Where a file's layer comes from, in the order it is decided:
 * - `settings`: a glob the user set in `layers.*` (a list that differs from the default) matches;
 * - `evidence`: what the file does, from its route model: it registers routes, or defines handlers
 *   registered in another file (route layer); it starts the service (creates a root app, calls
 *   `listen()`, `createServer()`, starts a WebSocket server or a worker), holds middleware registered
 *   elsewhere, or wires plugins onto an app it receives (no layer: HTTP plumbing); it only declares
 *   shapes (types, interfaces, enums, DTO/model classes without methods, constants) and imports no
 *   database package (no layer: anyone may use a shape). JSON and other non-code files have no layer;
 * - `name`: the default globs: data first (`prisma/prisma.service.ts` is data), then file-name globs
 *   (`*.controller.ts`, `*.service.ts`, so `routes/users.service.ts` is a service), then folder globs,
 *   where a route folder (`routes/`, `api/`) counts only for a file defining handler-shaped functions.
 */
export type LayerSource = 'settings' | 'evidence' | 'name';

/** A file's layer (`null`: none, or an entry point or shapes-only file) and how it was decided. */
export interface LayerDecision {
  layer: RuntimeLayer | null;
  source: LayerSource;
}

/**
 * Decides the layer of one service file (see {@link LayerSource} for the order). `analysis` is `null`
 * for a file the checker did not analyse (outside the walk, non-runtime): only globs decide then.
 * `roots`: files that create a root app (mounted on nothing), from the app graph.
 */
export function decideLayer(
  settings: ApiAuditSettings,
  projectPath: string,
  analysis: FileAnalysis | null,
  roots: ReadonlySet<string>,
): LayerDecision {
  const globs = getLayerGlobs(settings);
  for (const layer of ORDER) if (globs.explicit[layer]?.(projectPath)) return { layer, source: 'settings' };
  if (!CODE_FILE.test(projectPath)) return { layer: null, source: 'name' };
  let handlers = false;
  if (analysis) {
    if (roots.has(analysis.file.path) || startsService(analysis)) return { layer: null, source: 'evidence' };
    if (servesRequests(analysis)) return { layer: 'routes', source: 'evidence' };
    // Middleware modules (auth, passport strategies) and modules wiring plugins onto an app are HTTP
    // plumbing that loads what it must; neither is a route module nor a service.
    if (analysis.model.remoteMiddleware.size > 0 || analysis.model.apps.length > 0)
      return { layer: null, source: 'evidence' };
    if (declaresShapesOnly(analysis, settings)) return { layer: null, source: 'evidence' };
    handlers = definesHandlers(analysis);
  }
  if (globs.files.data?.(projectPath) || globs.folders.data?.(projectPath)) return { layer: 'data', source: 'name' };
  if (globs.files.routes?.(projectPath)) return { layer: 'routes', source: 'name' };
  if (globs.files.services?.(projectPath)) return { layer: 'services', source: 'name' };
  // A route folder (`routes/`, `api/`) names the route layer only for what looks like a handler in it:
  // `apps/api/` holding a whole backend, or a module's public `api/index.ts` factory, are not routes.
  if (globs.folders.routes?.(projectPath) && (analysis === null || handlers))
    return { layer: 'routes', source: 'name' };
  if (globs.folders.services?.(projectPath)) return { layer: 'services', source: 'name' };
  return { layer: null, source: 'name' };
}

/**
 * Layering of the service's modules, from their imports (static, `export … from`, `require`, `import()`),
 * with each file's layer decided by {@link decideLayer}:
 * - a route module importing a data-layer module (a file in the data layer, or a `dataLayerModules`
 *   package) instead of going through a service; route modules that only serve health/readiness routes
 *   may (a database ping is their job);
 * - a service importing HTTP framework types or objects (`Request`, `Response`, `FastifyRequest`,
 *   `FastifyReply`, Koa/Hono `Context`, `NextRequest`, …), type-only imports included: a service whose
 *   signature takes the transport's request cannot be called without it;
 * - a lower layer importing a higher one (data → services or routes, services → routes).
 * Type-only imports (`import type`, or bindings only used as types) never count as a dependency between
 * layers. One finding per import statement, at the statement.
 */
export function checkLayering(
  analyses: readonly FileAnalysis[],
  settings: ApiAuditSettings,
  imports: ImportResolver,
  root: string,
  graph: Pick<AppGraph, 'roots'>,
): DraftFinding[] {
  const findings: DraftFinding[] = [];
  const byPath = new Map(analyses.map((analysis) => [analysis.file.path, analysis]));
  const roots = new Set(graph.roots.map((app) => app.file.path));
  const layers = new Map<string, RuntimeLayer | null>();
  const layerOf = (path: string): RuntimeLayer | null => {
    let layer = layers.get(path);
    if (layer === undefined) {
      layer = decideLayer(settings, toProjectPath(root, path), byPath.get(path) ?? null, roots).layer;
      layers.set(path, layer);
    }
    return layer;
  };
  for (const analysis of analyses) {
    const { file, imports: list } = analysis;
    const from = layerOf(file.path);
    if (!from) continue;
    for (const imported of list) {
      const http = HTTP_IMPORTS[imported.source];
      if (from === 'services' && http) {
        const names = imported.names.filter((name) => http.has(name));
        if (names.length > 0) {
          findings.push(
            findingAt(
              'layering',
              file,
              imported.node,
              `Service module imports ${describeNames(names, imported.source)}; keep services free of HTTP types and objects so any transport can call them.`,
            ),
          );
          continue;
        }
      }
      if (imported.typeOnly) continue;
      let to: RuntimeLayer | null;
      if (isModule(imported.source, settings.dataLayerModules)) {
        to = 'data';
      } else {
        const target = imports.resolve(file, imported);
        to = target && !target.includes('/node_modules/') ? layerOf(target) : null;
      }
      if (!to) continue;
      if (from === 'routes' && to === 'data') {
        if (servesHealthOnly(analysis)) continue;
        findings.push(
          findingAt(
            'layering',
            file,
            imported.node,
            `Route module imports the data-layer module \`${imported.source}\`; go through a service so routes stay thin.`,
          ),
        );
      } else if (RANK[to] > RANK[from] && !(to === 'routes' && mountsImport(file, imported))) {
        findings.push(
          findingAt(
            'layering',
            file,
            imported.node,
            `${NAMES[from]} module imports \`${imported.source}\` from ${LAYER_NAMES[to]}; dependencies must point down (routes → services → data).`,
          ),
        );
      }
    }
  }
  return findings;
}

type Matcher = (path: string) => boolean;
interface LayerGlobs {
  /** The user's own globs, for the layers whose list differs from the default. */
  explicit: Partial<Record<RuntimeLayer, Matcher>>;
  /** Default globs naming files (`**\/*.service.ts`, `**\/db.ts`), and those naming folders (`**\/services/**`). */
  files: Partial<Record<RuntimeLayer, Matcher>>;
  folders: Partial<Record<RuntimeLayer, Matcher>>;
}

const compiled = new WeakMap<ApiAuditSettings['layers'], LayerGlobs>();

function getLayerGlobs(settings: ApiAuditSettings): LayerGlobs {
  let globs = compiled.get(settings.layers);
  if (globs) return globs;
  globs = { explicit: {}, files: {}, folders: {} };
  for (const layer of ORDER) {
    const list = settings.layers[layer];
    const defaults = DEFAULT_SETTINGS.layers[layer];
    if (list.length !== defaults.length || list.some((glob, index) => glob !== defaults[index])) {
      if (list.length > 0) globs.explicit[layer] = (path) => isInLayer(settings, layer, path);
      continue;
    }
    const files = list.filter((glob) => !glob.endsWith('/**'));
    const folders = list.filter((glob) => glob.endsWith('/**'));
    if (files.length > 0) globs.files[layer] = picomatch(files, { dot: true });
    if (folders.length > 0) globs.folders[layer] = picomatch(folders, { dot: true });
  }
  compiled.set(settings.layers, globs);
  return globs;
}

/** Registers routes, or holds handlers that another file registers: the route layer. */
function servesRequests({ model }: FileAnalysis): boolean {
  return model.routes.length > 0 || model.remoteHandlers.size > 0;
}

/** Methods that mount a router, plugin or sub-app on an app: `app.use(router)`, `app.register(plugin)`, `app.route('/x', sub)`. */
const MOUNT_METHODS: ReadonlySet<string> = new Set(['use', 'register', 'route', 'mount']);

/**
 * Whether the file mounts what it imports (`app.register(setupOpenAPI)`, `app.use(usersRouter)`): it wires
 * the route layer onto an app the route model could not see (an untyped parameter), which is the
 * composition root's job, not a lower layer reaching up.
 */
function mountsImport(file: FileAnalysis['file'], imported: FileAnalysis['imports'][number]): boolean {
  const statement = imported.node;
  const locals = new Set<string>();
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
    for (const specifier of statement.specifiers) locals.add(specifier.local.name);
  } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of statement.declarations)
      if (declarator.id.type === AST_NODE_TYPES.Identifier) locals.add(declarator.id.name);
  }
  if (locals.size === 0) return false;
  let found = false;
  walk(file.ast, file.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = getMethodCall(node)?.method;
      if (
        method !== undefined &&
        MOUNT_METHODS.has(method) &&
        node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && locals.has(argument.name))
      )
        found = true;
    }
    return !found;
  });
  return found;
}

/** JavaScript and TypeScript modules; a JSON file or an asset imported by a module is data for it, not a layer. */
const CODE_FILE = /\.[cm]?[jt]sx?$/u;

/** Parameter names of a request handler: Express/Fastify `(req, res)`, `(request, reply)`, Koa `(ctx, next)`. */
const REQUEST_PARAMETERS: ReadonlySet<string> = new Set(['req', 'request']);
const RESPONSE_PARAMETERS: ReadonlySet<string> = new Set(['res', 'response', 'reply']);

/**
 * Whether the file defines functions shaped like request handlers: a first parameter `req`/`request`
 * followed by `res`/`response`/`reply`, or a first parameter `ctx` (Koa). Used only for files in a route
 * folder whose handlers the route model did not link (registered through code it cannot follow).
 */
function definesHandlers({ file }: FileAnalysis): boolean {
  let found = false;
  walk(file.ast, file.visitorKeys, (node) => {
    if (!isFunctionNode(node)) return !found;
    const names = node.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : ''));
    if ((REQUEST_PARAMETERS.has(names[0] ?? '') && RESPONSE_PARAMETERS.has(names[1] ?? '')) || names[0] === 'ctx')
      found = true;
    return !found;
  });
  return found;
}

/** Every route the file registers or serves is a health/readiness route (`/health`, `/healthz`, `/ready`, …). */
function servesHealthOnly({ model }: FileAnalysis): boolean {
  const paths = [
    ...model.routes.map((route) =>
      route.path === null || route.app.prefix === null ? null : joinPaths(route.app.prefix, route.path),
    ),
    ...[...model.remoteHandlers.values()].flat().map((route) => route.path),
  ];
  return paths.length > 0 && paths.every((path) => isHealthPath(path));
}

/** Methods whose call starts a process-level server or worker: `app.listen()`, `http.createServer()`, `serve()` (`@hono/node-server`). */
const START_METHODS: ReadonlySet<string> = new Set(['listen', 'createServer', 'createSecureServer', 'serve']);
/** Classes whose construction starts one: WebSocket servers and worker threads or queue workers. */
const START_CLASSES: ReadonlySet<string> = new Set(['WebSocketServer', 'Server', 'Worker']);

/**
 * Whether the file starts a server or worker: calls `listen`, `createServer`, `serve` (as a function or
 * method), or constructs a `WebSocketServer`, `WebSocket.Server`, `socket.io` `Server` or a `Worker`.
 * Such a file is an entry point that wires the layers together, not one of them.
 */
function startsService({ file }: FileAnalysis): boolean {
  let found = false;
  walk(file.ast, file.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const name = getCalleeName(node.callee);
      if (name !== null && (node.type === AST_NODE_TYPES.CallExpression ? START_METHODS : START_CLASSES).has(name))
        found = true;
    }
    return !found;
  });
  return found;
}

/** Calls allowed at the top level of a shapes-only file: they describe types, they do nothing at run time. */
const SHAPE_CALLS: ReadonlySet<string> = new Set(['registerEnumType', 'registerEnum', 'Object.freeze']);

/**
 * Whether the file only declares shapes: its statements are imports (none of a database package or a
 * `dataLayerModules` one as a value), type aliases, interfaces, enums, `declare`s, classes whose members
 * are fields, a constructor, getters and setters (GraphQL `@ObjectType` models, DTOs with
 * class-validator decorators, plain entities), and constants that are not functions. A model interface
 * file in `models/`, a `*.handler.ts` that exports an interface, or a `domain/` entity is then no layer:
 * importing it does not reach the database or the transport.
 */
function declaresShapesOnly({ file, imports }: FileAnalysis, settings: ApiAuditSettings): boolean {
  if (
    imports.some(
      (imported) =>
        !imported.typeOnly &&
        (isModule(imported.source, DATA_CLIENT_MODULES) || isModule(imported.source, settings.dataLayerModules)),
    )
  )
    return false;
  return file.ast.body.every((statement) => isShapeStatement(statement));
}

function isShapeStatement(statement: TSESTree.ProgramStatement | TSESTree.NamedExportDeclarations): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.TSTypeAliasDeclaration:
    case AST_NODE_TYPES.TSInterfaceDeclaration:
    case AST_NODE_TYPES.TSEnumDeclaration:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.TSDeclareFunction:
    case AST_NODE_TYPES.EmptyStatement:
      return true;
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return statement.declaration === null || isShapeStatement(statement.declaration);
    case AST_NODE_TYPES.ExportDefaultDeclaration: {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.ClassDeclaration) return isShapeClass(declaration);
      return declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration || isShapeValue(declaration);
    }
    case AST_NODE_TYPES.ClassDeclaration:
      return isShapeClass(statement);
    case AST_NODE_TYPES.VariableDeclaration:
      return statement.declarations.every((declarator) => declarator.init === null || isShapeValue(declarator.init));
    case AST_NODE_TYPES.ExpressionStatement: {
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.CallExpression)
        return SHAPE_CALLS.has(getDottedName(expression.callee) ?? '');
      // `module.exports = { … }` / `exports.ROLES = […]` of plain values.
      return (
        expression.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.left.type === AST_NODE_TYPES.MemberExpression &&
        isShapeValue(expression.right)
      );
    }
    default:
      return false;
  }
}

/** A class with no behaviour: fields (decorated or not), a constructor, accessors, index signatures. */
function isShapeClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  return node.body.body.every(
    (member) =>
      member.type !== AST_NODE_TYPES.MethodDefinition ||
      member.kind === 'constructor' ||
      member.kind === 'get' ||
      member.kind === 'set',
  );
}

/** A value with no behaviour of its own: literals, objects and arrays of them, and calls that only describe shapes. */
function isShapeValue(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
      return true;
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return isShapeValue(node.expression);
    case AST_NODE_TYPES.UnaryExpression:
      return isShapeValue(node.argument);
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element === null || isShapeValue(element));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every(
        (property) => property.type === AST_NODE_TYPES.Property && !property.method && isShapeValue(property.value),
      );
    case AST_NODE_TYPES.CallExpression:
      return (
        SHAPE_CALLS.has(getDottedName(node.callee) ?? '') && node.arguments.every((argument) => isShapeValue(argument))
      );
    default:
      return false;
  }
}

function describeNames(names: readonly string[], source: string): string {
  const named = names.filter((name) => name !== 'default' && name !== '*').map((name) => `\`${name}\``);
  if (named.length > 0) return `${formatList(named)} from \`${source}\``;
  return `\`${source}\` itself`;
}
