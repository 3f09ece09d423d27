import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { CALL, isFunctionNode, type TraceMap } from '../shared/ast/index.js';
import {
  flattenArguments,
  METHOD_BY_NAME,
  type FrameworkAdapter,
  type InstanceValue,
  type RouteModelBuilder,
} from './builder.js';
import type { AppKind, FunctionNode, HttpMethod, MiddlewareFacts } from './types.js';

const factory = { [CALL]: 'app' satisfies AppKind };

/**
 * Fastify 4/5: the default export, its `fastify` named export and its `default` property are the same
 * factory (fastify's CommonJS entry sets all three); `fastify-plugin`'s `fp(fn)` marks a plugin function.
 */
export const fastifyTraceMap: TraceMap = {
  fastify: { ...factory, fastify: factory, default: factory },
  'fastify-plugin': { [CALL]: 'fp', default: { [CALL]: 'fp' } },
};

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);
/** Instance methods that return the instance (Fastify's decorators and registrations chain). */
const CHAINABLE = new Set([
  ...ROUTE_METHODS,
  'route',
  'register',
  'addHook',
  'decorate',
  'decorateRequest',
  'decorateReply',
  'setErrorHandler',
  'setNotFoundHandler',
  'addSchema',
  'withTypeProvider',
  'after',
]);
/** Route options that hold request hooks, in the order Fastify runs them. */
const ROUTE_HOOKS = [
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
];
/** Type names that declare a plugin function, from `fastify` and the type-provider packages. */
const PLUGIN_TYPE = /^FastifyPlugin(?:Async|Callback)/u;

export const fastifyAdapter: FrameworkAdapter = {
  framework: 'fastify',
  packages: ['fastify', 'fastify-plugin', '@fastify/autoload'],
  requestTypes: {
    modules: ['fastify'],
    parameters: ['FastifyRequest', 'FastifyReply'],
    bindings: ['RouteHandlerMethod', 'RouteHandler', 'preHandlerHookHandler', 'onRequestHookHandler'],
  },

  seed(builder) {
    for (const reference of builder.track<string>(fastifyTraceMap)) {
      if (reference.type !== 'call' || reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
      if (reference.info === 'app') {
        builder.addInstance(reference.node, { app: builder.createApp('fastify', 'app', reference.node) });
      } else {
        const fn = reference.node.arguments[0] && builder.resolveFunction(reference.node.arguments[0]);
        if (fn) builder.pluginInstance('fastify', fn);
      }
    }
    for (const fn of findTypedPlugins(builder)) builder.pluginInstance('fastify', fn);
  },

  chain(_builder, value, method) {
    return CHAINABLE.has(method) ? value : null;
  },

  interpret(builder, value, method, call) {
    const { app } = value;
    const args = call.arguments;
    if (ROUTE_METHODS.has(method)) {
      addShorthandRoute(builder, value, method, call);
    } else if (method === 'route') {
      const options = builder.resolveObject(args[0]);
      if (options)
        addRoute(
          builder,
          value,
          call,
          builder.methods(builder.property(options, 'method')),
          builder.property(options, 'url') ?? builder.property(options, 'path'),
          options,
          null,
        );
    } else if (method === 'addHook' && args[1]) {
      const facts = builder.middleware('fastify', 'hook', args[1]);
      const hook = builder.staticString(args[0]);
      if (hook !== null) facts.hook = hook;
      app.middleware.push(facts);
    } else if (method === 'setErrorHandler' && args[0]) {
      app.middleware.push(builder.middleware('fastify', 'error-handler', args[0]));
    } else if (method === 'register' && args[0]) {
      interpretRegister(builder, value, call);
    }
  },
};

/** `fastify.register(plugin, { prefix })`: a same-file plugin becomes a mounted child instance. */
function interpretRegister(builder: RouteModelBuilder, value: InstanceValue, call: TSESTree.CallExpression): void {
  const [pluginNode, optionsNode] = call.arguments;
  const options = builder.resolveObject(optionsNode);
  const prefixNode = builder.property(options, 'prefix');
  const prefix = prefixNode ? builder.staticString(prefixNode) : '';
  const fn = pluginNode ? resolvePluginFunction(builder, pluginNode) : null;
  const child = fn ? builder.pluginInstance('fastify', fn) : null;
  if (child) {
    builder.mount(child, value.app, prefix, call);
  } else if (pluginNode) {
    value.app.middleware.push(builder.middleware('fastify', 'plugin', pluginNode, prefix));
  }
}

/** A plugin argument: a function, a same-file function, or `fp(fn)` of one. */
function resolvePluginFunction(builder: RouteModelBuilder, node: TSESTree.Node): FunctionNode | null {
  const direct = builder.resolveFunction(node);
  if (direct) return direct;
  const inner = builder.resolveConstant(node);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    builder.moduleOf(inner) === 'fastify-plugin' &&
    inner.arguments[0]
  ) {
    return builder.resolveFunction(inner.arguments[0]);
  }
  return null;
}

/** `x.get(path, handler)`, `x.get(path, options, handler)`, `x.get(path, { handler, … })`. */
function addShorthandRoute(
  builder: RouteModelBuilder,
  value: InstanceValue,
  method: string,
  call: TSESTree.CallExpression,
): void {
  const [pathNode, second, third] = call.arguments;
  if (!pathNode || !second) return;
  if (third) {
    addRoute(builder, value, call, [METHOD_BY_NAME[method]!], pathNode, builder.resolveObject(second), third);
    return;
  }
  const options = builder.resolveObject(second);
  addRoute(builder, value, call, [METHOD_BY_NAME[method]!], pathNode, options, options ? null : second);
}

function addRoute(
  builder: RouteModelBuilder,
  value: InstanceValue,
  call: TSESTree.CallExpression,
  methods: HttpMethod[],
  pathNode: TSESTree.Node | null | undefined,
  options: TSESTree.ObjectExpression | null,
  handlerArgument: TSESTree.Node | null,
): void {
  const handlerNode = handlerArgument ?? builder.property(options, 'handler');
  if (!handlerNode || methods.length === 0) return;
  const path = pathNode ? builder.staticString(pathNode) : null;
  builder.addRoute({
    framework: 'fastify',
    app: value.app,
    node: call,
    methods,
    path,
    handlerNode,
    handler: builder.resolveHandler(handlerNode),
    middleware: getRouteHooks(builder, options, path),
    options,
    schema: builder.property(options, 'schema'),
  });
}

function getRouteHooks(
  builder: RouteModelBuilder,
  options: TSESTree.ObjectExpression | null,
  path: string | null,
): MiddlewareFacts[] {
  const hooks: MiddlewareFacts[] = [];
  for (const hook of ROUTE_HOOKS) {
    const node = builder.property(options, hook);
    if (!node) continue;
    for (const entry of flattenArguments([node]))
      hooks.push({ ...builder.middleware('fastify', 'hook', entry, path), hook });
  }
  return hooks;
}

/**
 * Functions declared as plugins by their types: `const routes: FastifyPluginAsync = async (fastify) => …`
 * or a function whose first parameter is annotated `FastifyInstance`. Found from the type references of
 * bindings imported from a Fastify package, so a local type of the same name does not count.
 */
function findTypedPlugins(builder: RouteModelBuilder): FunctionNode[] {
  const found: FunctionNode[] = [];
  for (const { typeName, target } of builder.typeAnnotations((source) => source.includes('fastify'))) {
    const holder = target.parent;
    if (PLUGIN_TYPE.test(typeName) && holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id === target) {
      const fn = holder.init ? builder.resolveFunction(holder.init) : null;
      if (fn) found.push(fn);
    } else if (typeName === 'FastifyInstance' && isFunctionNode(holder) && holder.params[0] === target) {
      found.push(holder);
    }
  }
  return found;
}
