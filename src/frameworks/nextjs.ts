import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { skipTypeWrappers } from '../shared/ast/index.js';
import type { FrameworkAdapter, RouteModelBuilder } from './builder.js';
import type { AppFacts, HttpMethod, MiddlewareFacts } from './types.js';

/** Exports of an App Router `route.ts` that serve a method (Next.js "Route Handlers" docs). */
const APP_ROUTE_METHODS = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** `…/app/<segments>/route.(js|ts|…)`: an App Router route handler file. */
const APP_ROUTE_FILE = /(?:^|\/)app\/((?:[^/]+\/)*)route\.[cm]?[jt]sx?$/u;
/** `…/pages/api/<segments>.(js|ts|…)`: a Pages Router API route. */
const PAGES_API_FILE = /(?:^|\/)pages\/api\/((?:[^/]+\/)*[^/]+)\.[cm]?[jt]sx?$/u;

/**
 * Next.js by file convention (there is no app object to track): exported `GET`/`POST`/… functions of
 * `app/**\/route.ts`, and the default export of `pages/api/**`. Paths are the file-system route with
 * route groups `(group)` and parallel-route slots `@slot` removed; dynamic segments keep their
 * `[id]` spelling.
 */
export const nextAdapter: FrameworkAdapter = {
  framework: 'nextjs',
  packages: ['next'],
  routeFiles: [APP_ROUTE_FILE, PAGES_API_FILE],
  requestTypes: {
    modules: ['next', 'next/server'],
    parameters: ['NextRequest', 'NextApiRequest', 'NextApiResponse'],
    bindings: ['NextApiHandler'],
  },

  seed(builder) {
    const filename = builder.input.filename.replaceAll('\\', '/');
    const appMatch = APP_ROUTE_FILE.exec(filename);
    if (appMatch) {
      seedAppRoutes(builder, toRoutePath(appMatch[1] ?? ''));
      return;
    }
    const pagesMatch = PAGES_API_FILE.exec(filename);
    if (pagesMatch && !pagesMatch[1]!.split('/').some((segment) => segment.startsWith('_'))) {
      seedPagesRoute(builder, toRoutePath(`api/${pagesMatch[1]!}`.replace(/(?:^|\/)index$/u, '')));
    }
  },
};

function toRoutePath(segments: string): string {
  const kept = segments
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/u.test(segment) && !segment.startsWith('@'));
  return `/${kept.join('/')}`;
}

function seedAppRoutes(builder: RouteModelBuilder, path: string): void {
  let app: AppFacts | null = null;
  const add = (name: string, node: TSESTree.Node, handlerNode: TSESTree.Node): void => {
    if (!APP_ROUTE_METHODS.has(name as HttpMethod)) return;
    app ??= builder.createApp('nextjs', 'route-module', builder.input.ast);
    builder.addRoute({
      framework: 'nextjs',
      app,
      node,
      methods: [name as HttpMethod],
      path,
      handlerNode,
      handler: builder.resolveHandler(handlerNode),
      middleware: getWrappers(builder, handlerNode, path),
    });
  };
  for (const statement of builder.input.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      add(declaration.id.name, statement, declaration);
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init)
          add(declarator.id.name, statement, declarator.init);
      }
    } else if (!declaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.exported.type === AST_NODE_TYPES.Identifier)
          add(specifier.exported.name, specifier, specifier.local);
      }
    }
  }
}

function seedPagesRoute(builder: RouteModelBuilder, path: string): void {
  const statement = builder.input.ast.body.find((item) => item.type === AST_NODE_TYPES.ExportDefaultDeclaration);
  if (!statement) return;
  const handlerNode = statement.declaration;
  builder.addRoute({
    framework: 'nextjs',
    app: builder.createApp('nextjs', 'route-module', builder.input.ast),
    node: statement,
    methods: ['ALL'],
    path,
    handlerNode,
    handler: builder.resolveHandler(handlerNode),
    middleware: getWrappers(builder, handlerNode, path),
  });
}

/** Wrapper calls around an exported handler (`export default withAuth(handler)`) act as its middleware. */
function getWrappers(builder: RouteModelBuilder, handlerNode: TSESTree.Node, path: string): MiddlewareFacts[] {
  const wrappers: MiddlewareFacts[] = [];
  let current = builder.resolveConstant(handlerNode);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    // The wrapper runs once at load; what it returns runs per request, so no function is attached.
    wrappers.push({
      ...builder.middleware('nextjs', 'middleware', current.callee, path),
      node: current,
      function: null,
    });
    const inner = current.arguments.at(-1);
    if (!inner) break;
    current = skipTypeWrappers(inner);
  }
  return wrappers;
}
