import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { CALL, CONSTRUCT, ESM, type TraceMap } from '../shared/ast/index.js';
import {
  flattenArguments,
  METHOD_BY_NAME,
  type FrameworkAdapter,
  type InstanceValue,
  type RouteModelBuilder,
} from './builder.js';
import type { AppKind, HttpMethod } from './types.js';

const honoClass = { [ESM]: true, Hono: { [CONSTRUCT]: 'app' satisfies AppKind } };

/**
 * Hono 4 (an ES module package, hence `[ESM]`): `new Hono()` from `hono` or its `hono/tiny` and
 * `hono/quick` presets, `new OpenAPIHono()` and `createRoute()` from `@hono/zod-openapi`.
 */
export const honoTraceMap: TraceMap = {
  hono: honoClass,
  'hono/tiny': honoClass,
  'hono/quick': honoClass,
  '@hono/zod-openapi': {
    [ESM]: true,
    OpenAPIHono: { [CONSTRUCT]: 'app' satisfies AppKind },
    createRoute: { [CALL]: 'createRoute' },
  },
};

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'all']);
/** Methods of a Hono instance that return the instance (Hono's API is chainable throughout). */
const CHAINABLE = new Set([...ROUTE_METHODS, 'on', 'use', 'route', 'openapi', 'onError', 'notFound', 'doc', 'doc31']);

export const honoAdapter: FrameworkAdapter = {
  framework: 'hono',
  packages: ['hono', '@hono/zod-openapi'],
  requestTypes: { modules: ['hono'], parameters: ['Context', 'Next'], bindings: ['Handler', 'MiddlewareHandler'] },

  seed(builder) {
    for (const reference of builder.track<string>(honoTraceMap)) {
      if (reference.type !== 'construct') continue;
      const app = builder.createApp('hono', 'app', reference.node);
      builder.addInstance(reference.node, { app });
    }
    // `export function registerUsers(app: Hono)`: routes on an app made in another file (see Express).
    const isHono = (source: string): boolean => source in honoTraceMap;
    for (const { fn, param, typeName } of builder.typedParameters(isHono)) {
      if (typeName === 'Hono' || typeName === 'OpenAPIHono')
        builder.parameterInstance('hono', 'router', fn, param, null);
    }
  },

  chain(builder, value, method, call) {
    if (method === 'basePath') {
      const app = builder.createApp('hono', 'router', call, builder.staticString(call.arguments[0]));
      builder.mount(app, value.app, '', call);
      return { app };
    }
    return CHAINABLE.has(method) ? value : null;
  },

  interpret(builder, value, method, call) {
    const args = call.arguments;
    if (ROUTE_METHODS.has(method)) {
      addRoute(builder, value, call, [METHOD_BY_NAME[method]!], args[0], args.slice(1));
    } else if (method === 'on') {
      addRoute(builder, value, call, builder.methods(args[0]), args[1], args.slice(2));
    } else if (method === 'openapi') {
      addOpenApiRoute(builder, value, call);
    } else if (method === 'use') {
      let rest: readonly TSESTree.Node[] = args;
      let path: string | null = '';
      if (args[0] && builder.staticString(args[0]) !== null) {
        path = builder.staticString(args[0]);
        rest = args.slice(1);
      }
      for (const node of flattenArguments(rest))
        value.app.middleware.push(builder.middleware('hono', 'middleware', node, path));
    } else if (method === 'route' && args[1]) {
      const child = builder.instanceOf(args[1]);
      const path = builder.staticString(args[0]);
      if (child) builder.mount(child.app, value.app, path, call);
      // A sub-app from another module: kept like Fastify's `register(plugin)`, for the project checker to link.
      else value.app.middleware.push(builder.middleware('hono', 'plugin', args[1], path));
    } else if (method === 'onError' && args[0]) {
      value.app.middleware.push(builder.middleware('hono', 'error-handler', args[0]));
    }
  },
};

function addRoute(
  builder: RouteModelBuilder,
  value: InstanceValue,
  call: TSESTree.CallExpression,
  methods: HttpMethod[],
  pathNode: TSESTree.Node | undefined,
  rest: readonly TSESTree.Node[],
): void {
  if (!pathNode || rest.length === 0 || methods.length === 0 || builder.resolveFunction(pathNode)) return;
  const path = builder.staticString(pathNode);
  const handlers = flattenArguments(rest);
  const handlerNode = handlers.at(-1);
  // Only spread or empty-array arguments (`...handlers`, `[]`): no handler this file can name.
  if (!handlerNode) return;
  builder.addRoute({
    framework: 'hono',
    app: value.app,
    node: call,
    methods,
    path,
    handlerNode,
    handler: builder.resolveHandler(handlerNode),
    middleware: handlers.slice(0, -1).map((node) => builder.middleware('hono', 'middleware', node, path)),
  });
}

/**
 * `app.openapi(route, handler)` where `route` is `createRoute({ method, path, request, responses })`,
 * inline or bound to a same-file `const` (a plain object literal is accepted too).
 */
function addOpenApiRoute(builder: RouteModelBuilder, value: InstanceValue, call: TSESTree.CallExpression): void {
  const [routeNode, handlerNode] = call.arguments;
  if (!routeNode || !handlerNode) return;
  const config = getRouteConfig(builder, routeNode);
  const path = builder.staticString(builder.property(config, 'path'));
  const middlewareNode = builder.property(config, 'middleware');
  builder.addRoute({
    framework: 'hono',
    app: value.app,
    node: call,
    methods: builder.methods(builder.property(config, 'method')),
    path,
    handlerNode,
    handler: builder.resolveHandler(handlerNode),
    middleware: middlewareNode
      ? flattenArguments([middlewareNode]).map((node) => builder.middleware('hono', 'middleware', node, path))
      : [],
    options: config,
    schema: config,
  });
}

function getRouteConfig(builder: RouteModelBuilder, node: TSESTree.Node): TSESTree.ObjectExpression | null {
  const inner = builder.resolveConstant(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.CallExpression) return builder.resolveObject(inner.arguments[0]);
  return null;
}
