import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getRouteModel } from '../project-index/index.js';
import type { FunctionNode } from '../frameworks/types.js';
import {
  CALL,
  ESM,
  findExportedConst,
  findObjectProperty,
  findVariable,
  followValue,
  getConstantInit,
  getDottedName,
  getBindingOrigin,
  getImportOrigin,
  getMemberName,
  getMethodCall,
  getMethodCallOn,
  getRequiredModule,
  getStaticString,
  isFunctionNode,
  isNode,
  resolveConstant,
  resolveFunction,
  resolveObjectLiteral,
  skipExpressionWrappers,
  trackReferences,
  walk,
  type TraceMap,
} from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';

export type Options = [{ allowPublicWildcard?: boolean }];
export type MessageIds = 'anyOrigin' | 'anyOriginWithCredentials' | 'useOriginAllowlist';

/** The CORS libraries the rule reads options of; `nest` is `app.enableCors()` / `NestFactory.create(M, { cors })`. */
type CorsLibrary = 'cors' | 'fastify' | 'hono' | 'koa' | 'nest';

/**
 * How far a CORS setting opens the responses: `wildcard` is `*` (any site, never with cookies in a
 * browser); `reflect` echoes the request's Origin back, which browsers also honour with credentials.
 */
type Risk = 'wildcard' | 'reflect';

interface LibraryInfo {
  /** Where an option sits, for messages: "in the `cors` options". */
  where: string;
  /** Why the library's defaults open the responses, for a call or options object without `origin`. */
  defaultReason: string;
  /** What the library does when no `origin` is given. */
  defaultRisk: Risk;
  /** `origin: true` reflects the request's Origin and `RegExp` origins are tested against it. */
  booleanAndRegex: boolean;
  /** An `origin` list that contains `'*'` means `*` (`@fastify/cors`; the others compare it as a string). */
  starInList: boolean;
  /** An origin function answers through a callback (`cb(null, true)`), by returning the origin, or either way. */
  functionStyle: 'callback' | 'return' | 'either';
  /** The origin function's first parameter is the request's Origin (rather than a context object). */
  originParameter: boolean;
  /** Source text of an `origin` value that allows only the origins listed in configuration. */
  allowlist: string;
}

/** Origins listed, comma-separated, in the `CORS_ORIGINS` environment variable; none when it is unset. */
const ALLOWLIST = "process.env.CORS_ORIGINS?.split(',') ?? []";
/** `@koa/cors` takes no arrays: an origin function that answers with the request's Origin only when it is listed. */
const KOA_ALLOWLIST =
  "(ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : '')";

const LIBRARIES: Readonly<Record<CorsLibrary, LibraryInfo>> = {
  cors: {
    where: 'in the `cors` options',
    defaultReason: 'the `cors` middleware without an `origin` allows every origin',
    defaultRisk: 'wildcard',
    booleanAndRegex: true,
    starInList: false,
    functionStyle: 'callback',
    originParameter: true,
    allowlist: ALLOWLIST,
  },
  fastify: {
    where: 'in the `@fastify/cors` options',
    defaultReason: '`@fastify/cors` without an `origin` allows every origin',
    defaultRisk: 'wildcard',
    booleanAndRegex: true,
    starInList: true,
    functionStyle: 'either',
    originParameter: true,
    allowlist: ALLOWLIST,
  },
  hono: {
    where: 'in the `hono/cors` options',
    defaultReason: '`cors()` from `hono/cors` without an `origin` allows every origin',
    defaultRisk: 'wildcard',
    booleanAndRegex: false,
    starInList: false,
    functionStyle: 'return',
    originParameter: true,
    allowlist: ALLOWLIST,
  },
  koa: {
    where: 'in the `@koa/cors` options',
    defaultReason: "`@koa/cors` without an `origin` echoes the request's Origin",
    defaultRisk: 'reflect',
    booleanAndRegex: false,
    starInList: false,
    functionStyle: 'return',
    originParameter: false,
    allowlist: KOA_ALLOWLIST,
  },
  nest: {
    where: 'in the `enableCors()` options',
    defaultReason: '`enableCors()` without an `origin` allows every origin',
    defaultRisk: 'wildcard',
    booleanAndRegex: true,
    starInList: false,
    functionStyle: 'callback',
    originParameter: true,
    allowlist: ALLOWLIST,
  },
};

/** The same options given to `NestFactory.create(M, { cors: … })`. */
const NEST_CREATE: LibraryInfo = {
  ...LIBRARIES.nest,
  where: 'in the `cors` option of `NestFactory.create()`',
  defaultReason: 'the `cors` option of `NestFactory.create()` without an `origin` allows every origin',
};

const corsCall = { [CALL]: 'cors' satisfies CorsLibrary };
const koaCorsCall = { [CALL]: 'koa' satisfies CorsLibrary };

/**
 * The CORS middleware factories, tracked through every import form: `cors` (Express and Connect),
 * `hono/cors` (an ES module) and `@koa/cors` (CommonJS, with a `default` property in its typings).
 * `@fastify/cors` is never called, only handed to `register()`: see {@link isFastifyCorsPlugin}.
 */
const corsTraceMap: TraceMap = {
  cors: { ...corsCall, default: corsCall },
  'hono/cors': { [ESM]: true, cors: { [CALL]: 'hono' satisfies CorsLibrary } },
  '@koa/cors': { ...koaCorsCall, default: koaCorsCall },
};

/** `@fastify/cors` and its former name, with the exports that are the plugin (`*` is a namespace import). */
const FASTIFY_CORS_MODULES = new Set(['@fastify/cors', 'fastify-cors']);
const FASTIFY_CORS_EXPORTS = new Set(['default', '*', 'fastifyCors']);

/** NestJS's `@Header(name, value)` handler decorator sets a response header on every reply. */
const nestHeaderTraceMap: TraceMap = {
  '@nestjs/common': { Header: { [CALL]: true } },
};

const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
/** Response methods that set one header from a name and a value (`res.setHeader`, `reply.header`, `ctx.set`, `c.header`, `headers.set`). */
/** What a file must contain for the rule to find anything in it (case-insensitive): see `create`. */
const CORS_TEXT = /cors|allow-origin/iu;
const HEADER_METHODS = new Set(['setHeader', 'header', 'set', 'append']);
/** Request methods that read one header by name (`req.get`, `req.header`, `ctx.get`, `c.req.header`, `request.headers.get`). */
const HEADER_GETTERS = new Set(['get', 'header']);

/** A place where a response header is set by hand: a call, an object-literal property or a Nest `@Header()`. */
interface HeaderSite {
  name: string;
  value: TSESTree.Node;
  /** What is reported. */
  node: TSESTree.Node;
  /** The route handler or middleware the header is set in (filled in once the route model is known). */
  owner: FunctionNode | null;
}

/** What an origin expression is compared against; `originVariables` are parameters that hold the request's Origin. */
interface OriginContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  originVariables: ReadonlySet<TSESLint.Scope.Variable>;
  /** `true` and `RegExp` values count (the `origin` option of `cors` and `@fastify/cors`). */
  booleanAndRegex: boolean;
}

/** The outcome of reading an `origin` value: how far it opens, how (for messages), and whether only as a fallback. */
interface OriginFinding {
  risk: Risk;
  via: 'star' | 'star-in-list' | 'true' | 'regex' | 'reflect' | 'function';
  fallback: boolean;
}

export default createRule<Options, MessageIds>({
  name: 'no-wildcard-cors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow CORS settings that let any origin read responses',
      recommended: true,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      anyOrigin:
        'Any site can read these responses because {{ reason }}; allow only trusted origins, read from configuration.',
      anyOriginWithCredentials:
        'Responses carrying cookies are readable by any site because {{ reason }} and credentials are allowed; allow only trusted origins, read from configuration.',
      useOriginAllowlist: 'Allow only the origins listed in the `CORS_ORIGINS` environment variable.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPublicWildcard: {
            type: 'boolean',
            description:
              'Allow `*` (and library defaults that mean `*`) when credentials are not allowed, for deliberately public APIs.',
          },
        },
      },
    ],
    defaultOptions: [{ allowPublicWildcard: false }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Every setting the rule reads names CORS in the file's own text (`cors` of the packages, `enableCors`,
    // `cors: true`) or the header itself: without either there is nothing to find, and the route model
    // (the project index) is not asked. 2,000-file generated service: 1.5 s of rule time before, none now.
    if (!CORS_TEXT.test(sourceCode.text)) return {};
    const allowPublicWildcard = options.allowPublicWildcard === true;
    const reported = new Set<TSESTree.Node>();
    const headerSites: HeaderSite[] = [];
    const fileServing = new Map<FunctionNode, FileServing>();
    /** Reported middleware registrations per instance binding: the middleware call's text and the method. */
    const registrations = new Map<TSESLint.Scope.Variable, { key: string; method: string }[]>();

    const scopeOf = (node: TSESTree.Node): TSESLint.Scope.Scope => sourceCode.getScope(node);

    /**
     * Reports one any-origin CORS setting at `node`. `site` is the call that puts it in place, when it is
     * a middleware factory call (`cors({…})`) or a Fastify `register(cors, {…})`: what the static-asset
     * and repeated-preflight exemptions look at. `owner` is the handler a hand-set header is in.
     */
    function report(
      node: TSESTree.Node,
      risk: Risk,
      credentials: boolean,
      reason: string,
      fix: TSESLint.ReportFixFunction | null,
      where: { site?: TSESTree.CallExpression; owner?: FunctionNode } = {},
    ): void {
      if (reported.has(node)) return;
      if (risk === 'wildcard' && !credentials && allowPublicWildcard) return;
      // Without credentials, a reflected Origin lets in what a wildcard does: either suits public static files.
      if (!credentials && where.site && isStaticAssetsCors(where.site)) return;
      if (!credentials && where.owner && isFileRouteHandler(where.owner)) return;
      if (!credentials && isForceStatic()) return;
      if (where.site && isRepeatedPreflight(where.site)) return;
      reported.add(node);
      context.report({
        node,
        messageId: credentials ? 'anyOriginWithCredentials' : 'anyOrigin',
        data: { reason },
        suggest: fix ? [{ messageId: 'useOriginAllowlist', fix }] : [],
      });
    }

    /**
     * Whether the file is a Next.js route module rendered once at build time (`export const dynamic =
     * 'force-static'`, Next.js docs "Route Segment Config"): its response is a static file, the same for
     * every visitor, which is what a wildcard without credentials is for.
     */
    function isForceStatic(): boolean {
      const value = findExportedConst(context.sourceCode.ast, 'dynamic');
      return value !== null && getStaticString(value) === 'force-static';
    }

    /**
     * Whether a CORS middleware or plugin (`site`: the `cors(…)` call, or the Fastify `register()` call)
     * only serves public, read-only files, which is what a wildcard without credentials is for:
     * - registered in the same call as a static file server, `app.use('/fonts', cors(), express.static('fonts'))`
     *   (`express.static`, `serve-static`, `koa-static`, `sirv`, `serve-handler`);
     * - as route middleware of GET routes whose handlers only send files,
     *   `app.get('/fonts/:f', cors(), (req, res) => res.sendFile(…))`;
     * - `@fastify/cors` registered in an encapsulated plugin that registers nothing but `@fastify/static`.
     * A middleware kept in a `const` counts only when every registration of it does.
     */
    function isStaticAssetsCors(site: TSESTree.CallExpression): boolean {
      if (getMethodCall(site)?.method === 'register' && isFastifyCorsPlugin(site.arguments[0]!, scopeOf(site), 0))
        return isStaticOnlyFastifyPlugin(site);
      const registrations = getRegistrations(site);
      return (
        registrations.length > 0 &&
        registrations.every(({ call, argument }) => isStaticServerCall(call, argument) || isFileRoute(call, argument))
      );
    }

    /**
     * The calls that register a middleware made by `call`: the call it is an argument of, or, for one
     * kept in a never-reassigned variable (`const corsMw = cors()`), each call that variable is passed to.
     * Empty when any use is something else.
     */
    function getRegistrations(
      call: TSESTree.CallExpression,
    ): { call: TSESTree.CallExpression; argument: TSESTree.Node }[] {
      const asArgument = (node: TSESTree.Node): { call: TSESTree.CallExpression; argument: TSESTree.Node } | null =>
        node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.arguments.includes(node as never)
          ? { call: node.parent, argument: node }
          : null;
      const direct = asArgument(call);
      if (direct) return [direct];
      const declarator = call.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier)
        return [];
      const variable = findVariable(scopeOf(declarator), declarator.id);
      if (!variable || getConstantInit(variable) !== call) return [];
      const uses = variable.references
        .filter((reference) => reference.isRead())
        .map((reference) => reference.identifier);
      const registrations = uses
        .map(asArgument)
        .filter((item): item is { call: TSESTree.CallExpression; argument: TSESTree.Node } => item !== null);
      return uses.length > 0 && registrations.length === uses.length ? registrations : [];
    }

    /** `app.use('/fonts', cors(), express.static('fonts'))`: a static file server among the same call's arguments. */
    function isStaticServerCall(registration: TSESTree.CallExpression, corsArgument: TSESTree.Node): boolean {
      return registration.arguments.some((argument) => {
        if (argument === corsArgument || argument.type !== AST_NODE_TYPES.CallExpression) return false;
        let root: TSESTree.Node = argument.callee;
        while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
        if (root.type !== AST_NODE_TYPES.Identifier) return false;
        const module = getBindingOrigin(root, scopeOf(root))?.module;
        if (module === undefined) return false;
        if (STATIC_SERVERS.has(module)) return true;
        return module === 'express' && getDottedName(argument.callee)?.endsWith('.static') === true;
      });
    }

    /**
     * `app.get('/fonts/:f', cors(), (req, res) => res.sendFile(…))`: the registration is a GET (or HEAD)
     * route whose handler only sends files, and whose other route middleware are same-file functions
     * that send nothing but files either.
     */
    function isFileRoute(registration: TSESTree.CallExpression, corsArgument: TSESTree.Node): boolean {
      const route = getRouteModel(context).routes.find((item) => item.node === registration);
      if (!route?.handler || !route.methods.every((method) => method === 'GET' || method === 'HEAD')) return false;
      if (!route.middleware.some((item) => item.node === corsArgument)) return false;
      const others = route.middleware.filter((item) => item.node !== corsArgument);
      return (
        getFileServing(route.handler) === 'files' &&
        others.every((item) => item.function !== null && getFileServing(item.function) !== 'other')
      );
    }

    /** A hand-set header in a handler that only serves GET/HEAD routes and only sends files. */
    function isFileRouteHandler(owner: FunctionNode): boolean {
      const routes = getRouteModel(context).handlers.get(owner);
      return (
        routes !== undefined &&
        routes.every((route) => route.methods.every((method) => method === 'GET' || method === 'HEAD')) &&
        getFileServing(owner) === 'files'
      );
    }

    /** What a handler sends, with {@link getFileServing}'s answers cached per function. */
    function getFileServing(fn: FunctionNode): FileServing {
      let answer = fileServing.get(fn);
      if (answer === undefined) {
        answer = classifyFileServing(fn, sourceCode);
        fileServing.set(fn, answer);
      }
      return answer;
    }

    /**
     * `@fastify/cors` registered (`site`) on the instance parameter of an encapsulated plugin that
     * registers `@fastify/static` and nothing else: the plugin function is written inline in a
     * `register()` call, or is a same-file function only ever passed to `register()` (so not wrapped in
     * `fastify-plugin`, which would lift the CORS setting to the parent instance).
     */
    function isStaticOnlyFastifyPlugin(site: TSESTree.CallExpression): boolean {
      let receiver: TSESTree.Node = site.callee;
      while (receiver.type === AST_NODE_TYPES.MemberExpression || receiver.type === AST_NODE_TYPES.CallExpression)
        receiver = receiver.type === AST_NODE_TYPES.MemberExpression ? receiver.object : receiver.callee;
      if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = findVariable(scopeOf(receiver), receiver);
      const def = variable?.defs[0];
      if (variable?.defs.length !== 1 || def?.type !== 'Parameter' || !isFunctionNode(def.node)) return false;
      const plugin = def.node;
      if (plugin.params[0] !== def.name || !isEncapsulatedPlugin(plugin)) return false;
      let servesStatic = false;
      const done = plugin.params[2]?.type === AST_NODE_TYPES.Identifier ? plugin.params[2].name : null;
      const statements = plugin.body.type === AST_NODE_TYPES.BlockStatement ? plugin.body.body : null;
      if (!statements) return false;
      for (const statement of statements) {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
        let expression = skipExpressionWrappers(statement.expression);
        if (expression.type === AST_NODE_TYPES.AwaitExpression)
          expression = skipExpressionWrappers(expression.argument);
        if (
          expression.type === AST_NODE_TYPES.CallExpression &&
          done !== null &&
          expression.callee.type === AST_NODE_TYPES.Identifier &&
          expression.callee.name === done &&
          expression.arguments.length === 0
        )
          continue;
        // `instance.register(cors, {…}).register(fastifyStatic, {…})`, or one of them.
        let link: TSESTree.Node = expression;
        while (link.type === AST_NODE_TYPES.CallExpression) {
          const call = getMethodCall(link);
          const plugged = link.arguments[0];
          if (call?.method !== 'register' || !plugged) return false;
          if (isFastifyStaticPlugin(plugged, scopeOf(link))) servesStatic = true;
          else if (!isFastifyCorsPlugin(plugged, scopeOf(link), 0)) return false;
          link = skipExpressionWrappers(call.object);
        }
        if (link.type !== AST_NODE_TYPES.Identifier || findVariable(scopeOf(link), link) !== variable) return false;
      }
      return servesStatic;
    }

    /**
     * Whether a plugin function runs in its own encapsulated context: written inline as the first
     * argument of a `register()` call, or a same-file function whose every use is that.
     */
    function isEncapsulatedPlugin(plugin: FunctionNode): boolean {
      const isRegistered = (node: TSESTree.Node): boolean =>
        node.parent?.type === AST_NODE_TYPES.CallExpression &&
        node.parent.arguments[0] === node &&
        getMethodCall(node.parent)?.method === 'register';
      if (isRegistered(plugin)) return true;
      const name =
        plugin.type === AST_NODE_TYPES.FunctionDeclaration
          ? plugin.id
          : plugin.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
              plugin.parent.init === plugin &&
              plugin.parent.id.type === AST_NODE_TYPES.Identifier
            ? plugin.parent.id
            : null;
      if (!name) return false;
      // From the function's own scope, which sees the binding in the scope around it.
      const variable = findVariable(scopeOf(plugin), name);
      if (!variable || (plugin.type !== AST_NODE_TYPES.FunctionDeclaration && getConstantInit(variable) !== plugin))
        return false;
      const uses = variable.references.filter((reference) => reference.init !== true);
      return uses.length > 0 && uses.every((reference) => reference.isRead() && isRegistered(reference.identifier));
    }

    /**
     * The same any-origin middleware registered again for preflight requests on the same instance
     * (`app.use(cors()); app.options('*', cors());`): one setting, reported once, at the first
     * registration. Compared by the middleware call's text and the instance's binding.
     */
    function isRepeatedPreflight(site: TSESTree.CallExpression): boolean {
      const registration = site.parent;
      if (registration?.type !== AST_NODE_TYPES.CallExpression || !registration.arguments.includes(site)) return false;
      const callee = registration.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier)
        return false;
      const method = getMemberName(callee);
      const instance = findVariable(scopeOf(callee.object), callee.object);
      if (!instance || method === null) return false;
      const key = sourceCode.getText(site);
      const earlier = registrations.get(instance)?.filter((item) => item.key === key) ?? [];
      let list = registrations.get(instance);
      if (!list) {
        list = [];
        registrations.set(instance, list);
      }
      list.push({ key, method });
      return earlier.length > 0 && (method === 'options' || earlier.some((item) => item.method === 'options'));
    }

    /** `cors()`, `app.register(cors)`, `app.enableCors()`: no options at all, so the library defaults apply. */
    function reportMissingOptions(
      call: TSESTree.CallExpression,
      library: LibraryInfo,
      site?: TSESTree.CallExpression,
    ): void {
      report(
        call,
        library.defaultRisk,
        false,
        library.defaultReason,
        (fixer) => {
          const last = call.arguments.at(-1);
          if (last) return fixer.insertTextAfter(last, `, { origin: ${library.allowlist} }`);
          const closing = sourceCode.getLastToken(call);
          return closing ? fixer.insertTextBefore(closing, `{ origin: ${library.allowlist} }`) : null;
        },
        { site },
      );
    }

    /**
     * An options argument: reported when it has no `origin` (the defaults apply) or an `origin` that
     * lets any site in. Options that are not a same-file object literal are left alone, and so is an
     * object whose spread may bring (or override) the `origin`. `site`: the middleware or `register()`
     * call the options are given to, for {@link report}.
     */
    function reportOptions(argument: TSESTree.Node, library: LibraryInfo, site?: TSESTree.CallExpression): void {
      const object = resolveObjectLiteral(argument, scopeOf(argument));
      if (!object) return;
      const credentials = hasCredentials(object, scopeOf(object));
      const property = findObjectProperty(object, 'origin', scopeOf(object));
      const spreadAfter = object.properties.slice(property ? object.properties.indexOf(property) + 1 : 0);
      if (spreadAfter.some((item) => item.type === AST_NODE_TYPES.SpreadElement)) return;
      if (!property) {
        report(
          object,
          library.defaultRisk,
          credentials,
          library.defaultReason,
          (fixer) => insertOrigin(fixer, object, library.allowlist),
          { site },
        );
        return;
      }
      const finding = getOriginOptionFinding(property, library);
      if (!finding) return;
      report(
        property,
        finding.risk,
        credentials,
        getOptionReason(finding, library),
        (fixer) =>
          property.shorthand || property.method || property.kind !== 'init'
            ? fixer.replaceText(property, `origin: ${library.allowlist}`)
            : fixer.replaceText(property.value, library.allowlist),
        { site },
      );
    }

    /** `NestFactory.create(Module, [adapter,] { cors: true | {…} })`. */
    function reportNestCreateOptions(call: TSESTree.CallExpression): void {
      for (const argument of call.arguments.slice(1)) {
        const object = resolveObjectLiteral(argument, scopeOf(argument));
        const property = object ? findObjectProperty(object, 'cors', scopeOf(object)) : null;
        if (!property) continue;
        if (isStaticTrue(property.value, scopeOf(property.value))) {
          report(property, 'wildcard', false, '`cors: true` allows every origin', (fixer) =>
            property.shorthand
              ? fixer.replaceText(property, `cors: { origin: ${ALLOWLIST} }`)
              : fixer.replaceText(property.value, `{ origin: ${ALLOWLIST} }`),
          );
        } else {
          reportOptions(property.value, NEST_CREATE);
        }
      }
    }

    function getOriginOptionFinding(property: TSESTree.Property, library: LibraryInfo): OriginFinding | null {
      const value = property.value;
      const fn = isFunctionNode(value) ? value : resolveFunction(value, scopeOf(value));
      if (fn) {
        const risk = getOriginFunctionRisk(fn, library);
        return risk ? { risk, via: 'function', fallback: false } : null;
      }
      const inner = skipExpressionWrappers(value);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        const elements = inner.elements.filter(
          (element): element is TSESTree.Expression =>
            element !== null && element.type !== AST_NODE_TYPES.SpreadElement,
        );
        // `[…, /.*/]`: one pattern that matches everything opens the whole list.
        if (
          library.booleanAndRegex &&
          elements.some((element) => isMatchAllPattern(resolveConstant(element, scopeOf(element))))
        ) {
          return { risk: 'reflect', via: 'regex', fallback: false };
        }
        if (library.starInList && elements.some((element) => getStaticString(element, scopeOf(element)) === '*')) {
          return { risk: 'wildcard', via: 'star-in-list', fallback: false };
        }
        return null;
      }
      return getOriginFinding(
        value,
        { sourceCode, originVariables: new Set(), booleanAndRegex: library.booleanAndRegex },
        0,
      );
    }

    /**
     * What an origin function answers for every request, when it answers the same way whatever the
     * origin: `(origin, cb) => cb(null, true)`, `async () => true`, `(origin) => origin`, `(ctx) => ctx.get('Origin')`.
     */
    function getOriginFunctionRisk(fn: FunctionNode, library: LibraryInfo): Risk | null {
      const originVariables = new Set<TSESLint.Scope.Variable>();
      const first = fn.params[0];
      if (library.originParameter && first?.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(scopeOf(fn.body), first);
        if (variable) originVariables.add(variable);
      }
      const callback = fn.params[1];
      const answer =
        library.functionStyle !== 'return' && callback?.type === AST_NODE_TYPES.Identifier
          ? getUnconditionalCallbackValue(fn, callback.name)
          : library.functionStyle !== 'callback'
            ? getUnconditionalReturn(fn)
            : null;
      if (!answer) return null;
      return (
        getOriginFinding(answer, { sourceCode, originVariables, booleanAndRegex: library.booleanAndRegex }, 0)?.risk ??
        null
      );
    }

    /** `@Header('Access-Control-Allow-Origin', '*')` on a NestJS route handler. */
    function collectNestHeaderDecorators(handlers: ReadonlyMap<FunctionNode, unknown>): void {
      for (const reference of trackReferences<true>(sourceCode.scopeManager!.globalScope!, nestHeaderTraceMap)) {
        const call = reference.node;
        if (reference.type !== 'call' || call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 2)
          continue;
        const definition = call.parent?.type === AST_NODE_TYPES.Decorator ? call.parent.parent : null;
        if (definition?.type !== AST_NODE_TYPES.MethodDefinition || !handlers.has(definition.value as FunctionNode))
          continue;
        const name = getStaticString(call.arguments[0], scopeOf(call))?.toLowerCase();
        if (name === ALLOW_ORIGIN || name === ALLOW_CREDENTIALS) {
          headerSites.push({ name, value: call.arguments[1]!, node: call, owner: definition.value as FunctionNode });
        }
      }
    }

    /** Adds `origin: <allowlist>` as the first property, on its own line when the object spans lines. */
    function insertOrigin(
      fixer: TSESLint.RuleFixer,
      object: TSESTree.ObjectExpression,
      allowlist: string,
    ): TSESLint.RuleFix | null {
      const first = object.properties[0];
      if (!first) {
        const opening = sourceCode.getFirstToken(object);
        return sourceCode.getCommentsInside(object).length === 0
          ? fixer.replaceText(object, `{ origin: ${allowlist} }`)
          : opening && fixer.insertTextAfter(opening, ` origin: ${allowlist},`);
      }
      if (first.loc.start.line === object.loc.start.line)
        return fixer.insertTextBefore(first, `origin: ${allowlist}, `);
      const indent = /^\s*/u.exec(sourceCode.lines[first.loc.start.line - 1] ?? '')?.[0] ?? '';
      return fixer.insertTextBefore(first, `origin: ${allowlist},\n${indent}`);
    }

    return {
      Program() {
        for (const reference of trackReferences<CorsLibrary>(sourceCode.scopeManager!.globalScope!, corsTraceMap)) {
          if (reference.type !== 'call' || reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
          const [first] = reference.node.arguments;
          if (first) reportOptions(first, LIBRARIES[reference.info], reference.node);
          else reportMissingOptions(reference.node, LIBRARIES[reference.info], reference.node);
        }
        const model = getRouteModel(context);
        for (const app of model.apps) {
          if (app.framework !== 'nestjs' || app.kind !== 'app' || app.node.type !== AST_NODE_TYPES.CallExpression)
            continue;
          reportNestCreateOptions(app.node);
          followValue(sourceCode.scopeManager!.globalScope!, app.node, (use) => {
            const enable = getMethodCallOn(use, scopeOf(use));
            if (enable?.method !== 'enableCors') return;
            const { call } = enable;
            const [first] = call.arguments;
            if (first) reportOptions(first, LIBRARIES.nest);
            else reportMissingOptions(call, LIBRARIES.nest);
          });
        }
        collectNestHeaderDecorators(model.handlers);
      },

      ExportDefaultDeclaration(node) {
        // An `@fastify/autoload` plugin file that re-exports `@fastify/cors`: autoload registers it with
        // the file's `autoConfig` export as its options (an object, or a function returning one).
        if (node.parent.type !== AST_NODE_TYPES.Program || !isFastifyCorsPlugin(node.declaration, scopeOf(node), 0))
          return;
        const config = findExportedConst(node.parent, 'autoConfig');
        if (!config) {
          const library = LIBRARIES.fastify;
          report(node.declaration, library.defaultRisk, false, library.defaultReason, (fixer) =>
            fixer.insertTextAfter(node, `\nexport const autoConfig = { origin: ${library.allowlist} };`),
          );
          return;
        }
        const options = isFunctionNode(config)
          ? config.body.type === AST_NODE_TYPES.BlockStatement
            ? null
            : config.body
          : config;
        if (options) reportOptions(options, LIBRARIES.fastify);
      },

      CallExpression(node) {
        // Most calls are plain (`f()`) or name another method (`res.json()`): decided without a scope lookup.
        const { callee } = node;
        if (
          callee.type === AST_NODE_TYPES.Identifier ||
          (callee.type === AST_NODE_TYPES.MemberExpression &&
            !callee.computed &&
            callee.property.type === AST_NODE_TYPES.Identifier &&
            callee.property.name !== 'register' &&
            !HEADER_METHODS.has(callee.property.name))
        )
          return;
        const method = getMethodCall(node, scopeOf(node))?.method;
        const [first, second] = node.arguments;
        if (method === 'register' && first && isFastifyCorsPlugin(first, scopeOf(node), 0)) {
          if (second) reportOptions(second, LIBRARIES.fastify, node);
          else reportMissingOptions(node, LIBRARIES.fastify, node);
          return;
        }
        if (method === undefined || !HEADER_METHODS.has(method) || !first || !second) return;
        const name = getStaticString(first, scopeOf(node))?.toLowerCase();
        if (name === ALLOW_ORIGIN || name === ALLOW_CREDENTIALS)
          headerSites.push({ name, value: second, node, owner: null });
      },

      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        // A plain key (`origin:`, `'Access-Control-Allow-Origin':`) is read without a scope lookup.
        const { key } = node;
        const plain = node.computed
          ? null
          : key.type === AST_NODE_TYPES.Identifier
            ? key.name
            : key.type === AST_NODE_TYPES.Literal
              ? String(key.value)
              : null;
        const name = (plain ?? ASTUtils.getPropertyName(node, scopeOf(node)))?.toLowerCase();
        if (name === ALLOW_ORIGIN || name === ALLOW_CREDENTIALS)
          headerSites.push({ name, value: node.value, node, owner: null });
      },

      // Hand-set headers count only in a route handler or middleware, known once the file is read.
      'Program:exit'() {
        const model = getRouteModel(context);
        const known = new Set<FunctionNode>([...model.handlers.keys(), ...model.middlewareFunctions.keys()]);
        for (const site of headerSites) site.owner ??= getOwner(site.node, known);
        const credentialed = new Set<FunctionNode>();
        for (const site of headerSites) {
          if (site.owner && site.name === ALLOW_CREDENTIALS && isStaticTrue(site.value, scopeOf(site.value)))
            credentialed.add(site.owner);
        }
        for (const site of headerSites) {
          if (!site.owner || site.name !== ALLOW_ORIGIN) continue;
          const finding = getOriginFinding(
            site.value,
            { sourceCode, originVariables: new Set(), booleanAndRegex: false },
            0,
          );
          if (!finding || (finding.risk === 'reflect' && isGuarded(site.node, site.owner, sourceCode))) continue;
          const reason =
            finding.risk === 'reflect'
              ? "`Access-Control-Allow-Origin` echoes the request's Origin"
              : `\`Access-Control-Allow-Origin\` ${finding.fallback ? 'can be' : 'is'} set to \`*\``;
          report(site.node, finding.risk, credentialed.has(site.owner), reason, null, { owner: site.owner });
        }
      },
    };
  },
});

/** The `{{ reason }}` of a report on an `origin` option. */
function getOptionReason(finding: OriginFinding, library: LibraryInfo): string {
  switch (finding.via) {
    case 'star':
      return `\`origin\` ${library.where} ${finding.fallback ? 'can be' : 'is'} \`'*'\``;
    case 'star-in-list':
      return `the \`origin\` list ${library.where} includes \`'*'\``;
    case 'true':
      return `\`origin: true\` ${library.where} echoes the request's Origin`;
    case 'regex':
      return `the \`origin\` pattern ${library.where} matches every origin`;
    case 'function':
      return `the \`origin\` function ${library.where} allows every origin`;
    case 'reflect':
      return `\`origin\` ${library.where} echoes the request's Origin`;
  }
}

/**
 * Reads an origin value (an option, an origin function's answer, a header value): `'*'`, the request's
 * own Origin, and (where `booleanAndRegex`) `true` or a pattern that matches everything. Follows
 * `const` bindings, `||`/`??` fallbacks, and conditionals whose test is about the origin; a conditional
 * on anything else (`isDev ? '*' : list`) is taken as a deliberate environment switch and not read.
 */
function getOriginFinding(node: TSESTree.Node, context: OriginContext, depth: number): OriginFinding | null {
  if (depth > 8) return null;
  const inner = skipExpressionWrappers(node);
  const scope = context.sourceCode.getScope(inner);
  if (getStaticString(inner, scope) === '*') return { risk: 'wildcard', via: 'star', fallback: false };
  if (isOriginRead(inner, context, 0)) return { risk: 'reflect', via: 'reflect', fallback: false };
  if (context.booleanAndRegex) {
    if (inner.type === AST_NODE_TYPES.Literal && inner.value === true)
      return { risk: 'reflect', via: 'true', fallback: false };
    if (isMatchAllPattern(resolveConstant(inner, scope))) return { risk: 'reflect', via: 'regex', fallback: false };
  }
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      const init = getConstInit(inner, scope);
      return init ? getOriginFinding(init, context, depth + 1) : null;
    }
    case AST_NODE_TYPES.LogicalExpression:
      if (inner.operator === '&&') return null;
      return asFallback(
        pickWorse(getOriginFinding(inner.left, context, depth + 1), getOriginFinding(inner.right, context, depth + 1)),
      );
    case AST_NODE_TYPES.ConditionalExpression:
      if (isCheckedWhenTrue(inner.test, context, 0))
        return asFallback(getOriginFinding(inner.alternate, context, depth + 1));
      if (isCheckedWhenFalse(inner.test, context, 0))
        return asFallback(getOriginFinding(inner.consequent, context, depth + 1));
      if (!mentionsOrigin(inner.test, context)) return null;
      return asFallback(
        pickWorse(
          getOriginFinding(inner.consequent, context, depth + 1),
          getOriginFinding(inner.alternate, context, depth + 1),
        ),
      );
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.expressions.length === 1 && inner.quasis.every((quasi) => quasi.value.cooked === '')
        ? getOriginFinding(inner.expressions[0]!, context, depth + 1)
        : null;
    case AST_NODE_TYPES.CallExpression:
      return inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'String' && inner.arguments[0]
        ? getOriginFinding(inner.arguments[0], context, depth + 1)
        : null;
    default:
      return null;
  }
}

function pickWorse(a: OriginFinding | null, b: OriginFinding | null): OriginFinding | null {
  if (!a || !b) return a ?? b;
  return a.risk === 'reflect' ? a : b;
}

function asFallback(finding: OriginFinding | null): OriginFinding | null {
  return finding && { ...finding, fallback: true };
}

/**
 * Whether an expression reads the request's Origin header: `req.headers.origin`, `ctx.request.header.origin`,
 * `req.get('origin')`, `req.header('Origin')`, `ctx.get('Origin')`, `c.req.header('origin')`,
 * `request.headers.get('origin')`, a parameter known to hold it, or a `const` bound to one of these
 * (also `const { origin } = req.headers`).
 */
function isOriginRead(node: TSESTree.Node, context: OriginContext, depth: number): boolean {
  if (depth > 8) return false;
  const inner = skipExpressionWrappers(node);
  const scope = context.sourceCode.getScope(inner);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipExpressionWrappers(inner.object);
    return (
      getMemberName(inner, scope)?.toLowerCase() === 'origin' &&
      isHeadersObject(object, scope) &&
      isFromParameter(object, scope, 0)
    );
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const call = getMethodCall(inner, scope);
    return (
      call !== null &&
      HEADER_GETTERS.has(call.method) &&
      getStaticString(inner.arguments[0], scope)?.toLowerCase() === 'origin' &&
      isFromParameter(call.object, scope, 0)
    );
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scope, inner);
  if (!variable) return false;
  if (context.originVariables.has(variable)) return true;
  const init = getConstInit(inner, scope);
  if (init) return isOriginRead(init, context, depth + 1);
  return isDestructuredOrigin(variable, scope);
}

/**
 * Whether a member chain starts at a function parameter (`req`, `ctx`, `c`, `request`, a destructured
 * `{ headers }`), possibly through a `const` (`const r = ctx.request`). Keeps `config.get('origin')` on a
 * module-level configuration object from passing for the request's Origin.
 */
function isFromParameter(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth: number): boolean {
  if (depth > 4) return false;
  let root = skipExpressionWrappers(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(scope, root);
  if (variable?.defs[0]?.type === 'Parameter') return true;
  const init = getConstantInit(variable);
  return init !== null && isFromParameter(init, scope, depth + 1);
}

/** `x.headers` / `x.header` (Node, Express, Fastify, Koa `ctx.request.header`). */
function isHeadersObject(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getMemberName(node, scope);
  return name === 'headers' || name === 'header';
}

/** `const { origin } = req.headers` (never reassigned). */
function isDestructuredOrigin(variable: TSESLint.Scope.Variable, scope: TSESLint.Scope.Scope): boolean {
  const def = variable.defs[0];
  if (
    variable.defs.length !== 1 ||
    def?.type !== 'Variable' ||
    def.node.id.type !== AST_NODE_TYPES.ObjectPattern ||
    !def.node.init
  )
    return false;
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return false;
  const property = def.node.id.properties.find(
    (item): item is TSESTree.Property =>
      item.type === AST_NODE_TYPES.Property &&
      (item.value === def.name ||
        (item.value.type === AST_NODE_TYPES.AssignmentPattern && item.value.left === def.name)),
  );
  const init = skipExpressionWrappers(def.node.init);
  return (
    property !== undefined &&
    ASTUtils.getPropertyName(property, scope)?.toLowerCase() === 'origin' &&
    isHeadersObject(init, scope) &&
    isFromParameter(init, scope, 0)
  );
}

/**
 * Whether the request's Origin is read anywhere in an expression (function bodies excluded), also through
 * a `const` (`const origin = req.headers.origin ?? ''`).
 */
function mentionsOrigin(node: TSESTree.Node, context: OriginContext, depth = 0): boolean {
  if (depth > 8) return false;
  if (isOriginRead(node, context, 0)) return true;
  if (isFunctionNode(node)) return false;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = getConstInit(node, context.sourceCode.getScope(node));
    return init !== null && mentionsOrigin(init, context, depth + 1);
  }
  const keys = context.sourceCode.visitorKeys[node.type] ?? [];
  for (const key of keys) {
    // Names, not values: `config.origin`, `{ origin: … }`.
    if (key === 'property' && node.type === AST_NODE_TYPES.MemberExpression && !node.computed) continue;
    if (key === 'key' && node.type === AST_NODE_TYPES.Property && !node.computed) continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      if (isNode(item) && mentionsOrigin(item, context, depth + 1)) return true;
    }
  }
  return false;
}

/**
 * Whether `test` can only be true for an origin that passed a check: a call that receives the origin
 * (`allowed.includes(origin)`, `isAllowed(origin)`, `pattern.test(origin)`) or an equality comparison
 * with something that is not empty (`origin === config.appOrigin`), combined with `&&`, `||` (with
 * "the origin is absent") and `!`. A bare truthiness test (`if (origin)`) is not a check.
 */
function isCheckedWhenTrue(test: TSESTree.Node, context: OriginContext, depth: number): boolean {
  if (depth > 8) return false;
  const inner = skipExpressionWrappers(test);
  switch (inner.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return inner.operator === '!' && isCheckedWhenFalse(inner.argument, context, depth + 1);
    case AST_NODE_TYPES.LogicalExpression: {
      if (inner.operator === '&&')
        return isCheckedWhenTrue(inner.left, context, depth + 1) || isCheckedWhenTrue(inner.right, context, depth + 1);
      if (inner.operator !== '||') return false;
      const sides = [inner.left, inner.right];
      return (
        sides.every((side) => isCheckedWhenTrue(side, context, depth + 1) || isOriginAbsent(side, context)) &&
        sides.some((side) => isCheckedWhenTrue(side, context, depth + 1))
      );
    }
    case AST_NODE_TYPES.CallExpression:
      if (inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'Boolean') return false;
      return (
        inner.arguments.some((argument) => mentionsOrigin(argument, context)) || mentionsOrigin(inner.callee, context)
      );
    case AST_NODE_TYPES.BinaryExpression:
      return (inner.operator === '===' || inner.operator === '==') && isOriginComparison(inner, context);
    case AST_NODE_TYPES.Identifier: {
      const init = getConstInit(inner, context.sourceCode.getScope(inner));
      return init !== null && isCheckedWhenTrue(init, context, depth + 1);
    }
    default:
      return false;
  }
}

/** Whether `test` being false means the origin passed a check (`!allowed.includes(origin)`, `origin !== appOrigin`). */
function isCheckedWhenFalse(test: TSESTree.Node, context: OriginContext, depth: number): boolean {
  if (depth > 8) return false;
  const inner = skipExpressionWrappers(test);
  switch (inner.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return inner.operator === '!' && isCheckedWhenTrue(inner.argument, context, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      if (inner.operator === '||')
        return (
          isCheckedWhenFalse(inner.left, context, depth + 1) || isCheckedWhenFalse(inner.right, context, depth + 1)
        );
      return (
        inner.operator === '&&' &&
        isCheckedWhenFalse(inner.left, context, depth + 1) &&
        isCheckedWhenFalse(inner.right, context, depth + 1)
      );
    case AST_NODE_TYPES.BinaryExpression:
      return (inner.operator === '!==' || inner.operator === '!=') && isOriginComparison(inner, context);
    case AST_NODE_TYPES.Identifier: {
      const init = getConstInit(inner, context.sourceCode.getScope(inner));
      return init !== null && isCheckedWhenFalse(init, context, depth + 1);
    }
    default:
      return false;
  }
}

/** `origin === x` where `x` does not read the origin and is not `null`, `undefined`, `''` or a `typeof` test. */
function isOriginComparison(node: TSESTree.BinaryExpression, context: OriginContext): boolean {
  const sides = [node.left, node.right];
  const originSide = sides.find((side) => mentionsOrigin(side, context));
  const other = sides.find((side) => side !== originSide);
  if (!originSide || !other || mentionsOrigin(other, context) || isEmptyValue(other)) return false;
  return !sides.some((side) => side.type === AST_NODE_TYPES.UnaryExpression && side.operator === 'typeof');
}

/** `!origin`, `origin == null`, `origin === undefined`: true when the request has no Origin header. */
function isOriginAbsent(node: TSESTree.Node, context: OriginContext): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!')
    return isOriginRead(inner.argument, context, 0);
  if (inner.type !== AST_NODE_TYPES.BinaryExpression || (inner.operator !== '==' && inner.operator !== '==='))
    return false;
  return (
    (isOriginRead(inner.left, context, 0) && isEmptyValue(inner.right)) ||
    (isOriginRead(inner.right, context, 0) && isEmptyValue(inner.left))
  );
}

function isEmptyValue(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null || inner.value === '';
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'undefined';
  return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void';
}

/**
 * Whether a header set at `site` only runs after the origin passed a check: inside the branch of an
 * `if`/conditional/`&&` that checks it, or after an `if` that leaves the function when the check fails
 * (`if (!allowed.includes(origin)) return next();`).
 */
function isGuarded(site: TSESTree.Node, owner: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const context: OriginContext = { sourceCode, originVariables: new Set(), booleanAndRegex: false };
  let child: TSESTree.Node = site;
  for (let parent = site.parent; parent && child !== owner; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent && isCheckedWhenTrue(parent.test, context, 0)) return true;
        if (child === parent.alternate && isCheckedWhenFalse(parent.test, context, 0)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator === '&&' && isCheckedWhenTrue(parent.left, context, 0))
          return true;
        if (child === parent.right && parent.operator === '||' && isCheckedWhenFalse(parent.left, context, 0))
          return true;
        break;
      case AST_NODE_TYPES.BlockStatement: {
        const before = parent.body.slice(0, parent.body.indexOf(child as TSESTree.Statement));
        const guard = (statement: TSESTree.Statement): boolean =>
          statement.type === AST_NODE_TYPES.IfStatement &&
          isCheckedWhenFalse(statement.test, context, 0) &&
          isExit(statement.consequent);
        if (before.some(guard)) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/** A statement that always leaves the function: `return`, `throw`, or a block ending in one. */
function isExit(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement)
    return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return last !== undefined && isExit(last);
}

/** The second argument of the first top-level `cb(null, x)` that runs whatever the origin, if any. */
function getUnconditionalCallbackValue(fn: FunctionNode, callbackName: string): TSESTree.Node | null {
  const callbackValue = (node: TSESTree.Node | null | undefined): TSESTree.Node | null => {
    const call = node ? skipExpressionWrappers(node) : null;
    if (
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.callee.type !== AST_NODE_TYPES.Identifier ||
      call.callee.name !== callbackName
    )
      return null;
    const [error, value] = call.arguments;
    return error && value && isEmptyValue(error) ? value : null;
  };
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return callbackValue(fn.body);
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement || statement.type === AST_NODE_TYPES.ReturnStatement) {
      const expression =
        statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement.argument;
      const value = callbackValue(expression);
      if (value) return value;
      if (statement.type === AST_NODE_TYPES.ReturnStatement || (expression && isCallTo(expression, callbackName)))
        return null;
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return null;
  }
  return null;
}

/** The value an origin function returns whatever the origin: its expression body, or a first top-level `return`. */
function getUnconditionalReturn(fn: FunctionNode): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.ReturnStatement) return statement.argument;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration && statement.type !== AST_NODE_TYPES.ExpressionStatement)
      return null;
  }
  return null;
}

function isCallTo(node: TSESTree.Node, name: string): boolean {
  const inner = skipExpressionWrappers(node);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === name
  )
    return true;
  if (inner.type === AST_NODE_TYPES.LogicalExpression) return isCallTo(inner.left, name) || isCallTo(inner.right, name);
  if (inner.type === AST_NODE_TYPES.ConditionalExpression)
    return isCallTo(inner.consequent, name) || isCallTo(inner.alternate, name);
  return false;
}

/**
 * Whether a regular expression literal provably matches every origin: `/.*\/`, `/.+/`, `/^.*$/`,
 * `/[\s\S]*\/`, `/[^]+/`, `/(?:.*)/`, or a single any-character atom with no end anchor (`/./`, `/^./`).
 * Anything else (`/\.example\.com$/`, `/^https?:\/\/.*$/`) is not guessed at.
 */
function isMatchAllPattern(node: TSESTree.Node | null): boolean {
  const inner = node ? skipExpressionWrappers(node) : null;
  if (inner?.type !== AST_NODE_TYPES.Literal || !('regex' in inner) || !inner.regex) return false;
  let pattern = inner.regex.pattern;
  if (pattern.startsWith('^')) pattern = pattern.slice(1);
  const anchoredEnd = pattern.endsWith('$') && !pattern.endsWith('\\$');
  if (anchoredEnd) pattern = pattern.slice(0, -1);
  const group = /^\((?:\?:)?(.*)\)$/u.exec(pattern);
  if (group) pattern = group[1]!;
  if (pattern === '') return !anchoredEnd;
  const atom = /^(?:\.|\[\\s\\S\]|\[\\S\\s\]|\[\^\])([*+]\??)?$/u.exec(pattern);
  return atom !== null && (atom[1] !== undefined || !anchoredEnd);
}

/** Packages that serve files from a directory as middleware. */
const STATIC_SERVERS: ReadonlySet<string> = new Set(['serve-static', 'koa-static', 'sirv', 'serve-handler']);

/** What a handler sends, as {@link classifyFileServing} reads it. */
type FileServing = 'files' | 'nothing' | 'other';
/** Response methods that send a file (Express `res.sendFile`/`res.download`, `@fastify/static` `reply.sendFile`/`reply.download`). */
const FILE_METHODS: ReadonlySet<string> = new Set(['sendFile', 'sendfile', 'download']);
/** Response methods that send a body: data, unless every argument is a constant. */
const SEND_METHODS: ReadonlySet<string> = new Set([
  'send',
  'json',
  'jsonp',
  'end',
  'write',
  'render',
  'redirect',
  'html',
  'text',
  'body',
]);
/** Request and response methods that send no body: status, headers, content negotiation, errors. */
const NEUTRAL_METHODS: ReadonlySet<string> = new Set([
  'status',
  'sendStatus',
  'code',
  'set',
  'setHeader',
  'header',
  'removeHeader',
  'getHeader',
  'hasHeader',
  'type',
  'contentType',
  'vary',
  'append',
  'attachment',
  'location',
  'get',
  'is',
  'accepts',
  'acceptsEncodings',
  'throw',
  'assert',
]);
/** Properties of a request or context that hold the response or request object itself (`ctx.res`, `request.raw`). */
const RESPONSE_OBJECTS: ReadonlySet<string> = new Set(['res', 'req', 'response', 'request', 'raw']);
/** Modules whose `createReadStream` reads a file. */
const FS_MODULES: ReadonlySet<string> = new Set(['fs', 'node:fs', 'fs-extra', 'graceful-fs']);

/** A Fastify plugin package: its names (current and former) and the exports that are the plugin (`*` is a namespace import). */
interface FastifyPluginPackage {
  modules: ReadonlySet<string>;
  exports: ReadonlySet<string>;
}

const FASTIFY_CORS: FastifyPluginPackage = { modules: FASTIFY_CORS_MODULES, exports: FASTIFY_CORS_EXPORTS };
const FASTIFY_STATIC: FastifyPluginPackage = {
  modules: new Set(['@fastify/static', 'fastify-static']),
  exports: new Set(['default', '*', 'fastifyStatic']),
};

/**
 * Whether a `register()` argument is the `@fastify/cors` plugin: an imported binding (default, namespace,
 * `fastifyCors`), `require('@fastify/cors')` (also destructured, or its `default`/`fastifyCors`
 * property), or `import('@fastify/cors')`. A local binding of the same name is not.
 */
function isFastifyCorsPlugin(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth: number): boolean {
  return isFastifyPlugin(node, scope, FASTIFY_CORS, depth);
}

/** Whether a `register()` argument is the `@fastify/static` plugin, in the forms {@link isFastifyCorsPlugin} reads. */
function isFastifyStaticPlugin(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  return isFastifyPlugin(node, scope, FASTIFY_STATIC, 0);
}

function isFastifyPlugin(
  node: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  plugin: FastifyPluginPackage,
  depth: number,
): boolean {
  if (depth > 4) return false;
  const inner = skipExpressionWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ImportExpression:
      return plugin.modules.has(getStaticString(inner.source) ?? '');
    case AST_NODE_TYPES.AwaitExpression:
      return isFastifyPlugin(inner.argument, scope, plugin, depth + 1);
    case AST_NODE_TYPES.CallExpression:
      return plugin.modules.has(getRequiredModule(inner, scope) ?? '');
    case AST_NODE_TYPES.MemberExpression: {
      const name = getMemberName(inner, scope);
      return (
        name !== null &&
        name !== '*' &&
        plugin.exports.has(name) &&
        isFastifyPlugin(inner.object, scope, plugin, depth + 1)
      );
    }
    case AST_NODE_TYPES.Identifier: {
      const origin = getImportOrigin(inner, scope);
      if (origin) return plugin.modules.has(origin.module) && plugin.exports.has(origin.imported);
      const variable = findVariable(scope, inner);
      const init = getConstantInit(variable);
      if (init) return isFastifyPlugin(init, scope, plugin, depth + 1);
      // const { fastifyCors } = require('@fastify/cors'), const { default: cors } = require('@fastify/cors')
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !def.node.init) return false;
      const required = skipExpressionWrappers(def.node.init);
      if (
        required.type !== AST_NODE_TYPES.CallExpression ||
        !plugin.modules.has(getRequiredModule(required, scope) ?? '')
      )
        return false;
      const property = def.node.id.properties.find(
        (item): item is TSESTree.Property => item.type === AST_NODE_TYPES.Property && item.value === def.name,
      );
      const name = property ? ASTUtils.getPropertyName(property, scope) : null;
      return name !== null && name !== '*' && plugin.exports.has(name);
    }
    default:
      return false;
  }
}

/**
 * What a handler or middleware sends: `files` when it sends files (`res.sendFile`, `res.download`,
 * `reply.sendFile`, `ctx.body = fs.createReadStream(…)`, `send(ctx, path)` from `koa-send`,
 * `fs.createReadStream(…).pipe(res)`) and nothing else; `nothing` when it sends nothing (sets headers,
 * calls `next()`); `other` when it may send anything else: a response built from values (constant
 * bodies such as `res.status(404).send('Not found')` excepted), a value returned from the handler, or a
 * request or response object handed to a function it does not know.
 */
function classifyFileServing(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): FileServing {
  const scope = sourceCode.getScope(fn);
  const params: readonly TSESLint.Scope.Variable[] = scope.variables.filter((variable) =>
    variable.defs.some((def) => def.type === 'Parameter'),
  );
  const isParam = (node: TSESTree.Node): boolean => {
    let root = node;
    while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression)
      root = root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(sourceCode.getScope(root), root);
    return variable !== null && params.includes(variable);
  };
  let files = false;
  for (const variable of params) {
    for (const reference of variable.references) {
      if (!reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
      const use = classifyResponseUse(reference.identifier, sourceCode);
      if (use === 'other') return 'other';
      if (use === 'file') files = true;
    }
  }
  // A value returned from the handler is sent by Fastify, Hono and Next.js: only a reply chain (or nothing) may be.
  const returned: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
  else
    walk(fn.body, sourceCode.visitorKeys, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
      return true;
    });
  for (const value of returned) {
    let inner = skipExpressionWrappers(value);
    if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
    const accepted =
      (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') ||
      (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void') ||
      (inner.type === AST_NODE_TYPES.CallExpression && (isParam(inner) || isKoaSend(inner, sourceCode)));
    if (!accepted) return 'other';
  }
  return files ? 'files' : 'nothing';
}

/** What one read of a handler parameter (`req`, `res`, `reply`, `ctx`, `next`) does; see {@link classifyFileServing}. */
function classifyResponseUse(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
): 'file' | 'neutral' | 'other' {
  let current: TSESTree.Node = identifier;
  let result: 'file' | 'neutral' = 'neutral';
  let called = false;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) break;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      current = parent;
    } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === current) {
      called = true;
      // `next()`, `next(err)`, `done()`: a parameter called directly passes control on.
      const name = current.type === AST_NODE_TYPES.MemberExpression ? getMemberName(current) : '';
      if (name !== null && FILE_METHODS.has(name)) result = 'file';
      else if (name !== null && SEND_METHODS.has(name)) {
        if (!parent.arguments.every((argument) => isConstantValue(argument, sourceCode.getScope(argument))))
          return 'other';
      } else if (name === null || (name !== '' && !NEUTRAL_METHODS.has(name))) return 'other';
      current = parent;
    } else if (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
    } else {
      break;
    }
  }
  if (called) return result;
  const parent = current.parent;
  if (current !== identifier && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current) {
    // `ctx.body = …` sends; `ctx.status = 404`, `ctx.type = 'font/woff2'` do not.
    if (current.type !== AST_NODE_TYPES.MemberExpression || getMemberName(current) !== 'body') return 'neutral';
    return isReadStream(parent.right, sourceCode) ? 'file' : 'other';
  }
  const last = current.type === AST_NODE_TYPES.ChainExpression ? current.expression : current;
  const objectName = last.type === AST_NODE_TYPES.MemberExpression ? getMemberName(last) : null;
  const isResponseObject = current === identifier || (objectName !== null && RESPONSE_OBJECTS.has(objectName));
  if (!isResponseObject) return 'neutral';
  // The request, response or context object itself: only `send(ctx, …)` and `readStream.pipe(res)` are known.
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(current as never)) return 'other';
  if (isKoaSend(parent, sourceCode) && parent.arguments[0] === current) return 'file';
  const callee = parent.callee;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    getMemberName(callee) === 'pipe' &&
    isReadStream(callee.object, sourceCode)
  )
    return 'file';
  return 'other';
}

/** `fs.createReadStream(…)` (from `fs`, `node:fs`, `fs-extra`, `graceful-fs`), or a `const` bound to one. */
function isReadStream(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const init = getConstInit(inner, sourceCode.getScope(inner));
    return init !== null && isReadStream(init, sourceCode, depth + 1);
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const origin = getBindingOrigin(callee, sourceCode.getScope(callee));
    return origin !== null && FS_MODULES.has(origin.module) && origin.imported === 'createReadStream';
  }
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    getMemberName(callee) !== 'createReadStream' ||
    callee.object.type !== AST_NODE_TYPES.Identifier
  )
    return false;
  const origin = getBindingOrigin(callee.object, sourceCode.getScope(callee.object));
  return origin !== null && FS_MODULES.has(origin.module) && (origin.imported === '*' || origin.imported === 'default');
}

/** `send(ctx, path, options)` with `send` from `koa-send`. */
function isKoaSend(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const origin = getBindingOrigin(callee, sourceCode.getScope(callee));
  return origin?.module === 'koa-send' && ['*', 'default', 'send'].includes(origin.imported);
}

/** Whether an argument is a constant (`'Not found'`, `404`, `{ error: 'not found' }`), not data. */
function isConstantValue(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  return node.type !== AST_NODE_TYPES.SpreadElement && ASTUtils.getStaticValue(node, scope) !== null;
}

/** Whether a value is statically `true` or `'true'` (`credentials: true`, `Access-Control-Allow-Credentials: 'true'`). */
function isStaticTrue(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  const result = ASTUtils.getStaticValue(skipExpressionWrappers(node), scope);
  return (
    result !== null &&
    (result.value === true || (typeof result.value === 'string' && result.value.toLowerCase() === 'true'))
  );
}

function hasCredentials(object: TSESTree.ObjectExpression, scope: TSESLint.Scope.Scope): boolean {
  const property = findObjectProperty(object, 'credentials', scope);
  return property !== null && isStaticTrue(property.value, scope);
}

/** The route handler or middleware a node sits in (directly or in a function nested in one), or `null`. */
function getOwner(node: TSESTree.Node, known: ReadonlySet<FunctionNode>): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && known.has(current)) return current;
  }
  return null;
}

// Generic helpers that could move to src/shared/ast/.

/** The initialiser of the never-reassigned variable an identifier names (`getConstantInit` by identifier), or `null`. */
function getConstInit(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): TSESTree.Expression | null {
  return getConstantInit(findVariable(scope, identifier));
}
