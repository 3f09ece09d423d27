import { relative } from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  describeServingContext,
  displayPath,
  mayDeclareRoutes,
  type Framework,
  type FunctionNode,
  type HttpMethod,
} from '../frameworks/index.js';
import { getImportResolution, getProjectIndex, getRouteModel, readServiceModule } from '../project-index/index.js';
import { findVariable, getMemberName, scopeOf, skipExpressionWrappers, walk } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import { buildDataLayerIndex, getDataLayerIndex, type DataAccess } from '../shared/data-layer.js';
import type { ParsedModule } from '../shared/data-layer.js';
import { findResponseSites } from '../shared/response-sites.js';
import { getSettings, isInLayer, type ApiAuditSettings } from '../shared/settings.js';
import { findClientLimit, type ServingFunction } from './require-pagination-utils/limits.js';
import {
  classifyQuery,
  type BoundIdiom,
  type BoundInsertion,
  type QueryNode,
} from './require-pagination-utils/queries.js';
import {
  createFilterResolver,
  findSentQueries,
  getLibrary,
  type Frame,
  type ModuleLoader,
  type QueryModule,
  type SentQuery,
} from './require-pagination-utils/trace.js';

export type Options = [
  {
    maxPageSize?: number;
    defaultPageSize?: number;
    allowModels?: string[];
    checkExportRoutes?: boolean;
    checkOtherFiles?: boolean;
  },
];
export type MessageIds =
  'unboundedList' | 'unboundedListInCallee' | 'uncappedLimit' | 'uncappedLimitInCallee' | 'addBound' | 'capLimit';

/** How each ORM's bound reads in a message. */
const BOUND_WORDS: Readonly<Record<BoundIdiom, string>> = {
  'take-option': '`take` (and `skip` or a `cursor`)',
  'limit-option': '`limit` (and `offset`)',
  'limit-method': '`.limit()` (and `.skip()`/`.offset()` or a range on a sorted key)',
  'take-method': '`.take()` (and `.skip()`)',
  sql: '`LIMIT` (and `OFFSET` or a `WHERE` on a sorted key)',
};

/** Text a file must contain to hold a request handler another file registers (`(req, res)`, `ctx`, `c.json`). */
const HANDLER_TEXT = /\b(?:req|res|request|reply|ctx|context)\b|\bc\.(?:json|req)\b/u;

/**
 * Text a file must contain to make a list read itself: a list method (`findMany`, `findAll`, `find`,
 * `getMany`), a builder call (`select`, `from`, `where`, `orderBy`), raw SQL (`SELECT`, `query`,
 * `execute`, `$queryRaw`, a sql template, `all`). A cheap filter: the rule decides on the tree.
 */
const QUERY_TEXT =
  /\b(?:findMany|findAll|findAndCount(?:All|By)?|findBy|getMany|getRawMany|getManyAndCount|select|selectFrom|from|query|execute|all|raw|any|many|manyOrNone|unsafe)\s*[(`<]|\$queryRaw|\bSELECT\b|\.(?:find|where|orderBy)\s*\(|\bsql\s*`/u;

/**
 * A path whose last segment is a parameter (`/items/:id`, `/posts/[slug]`, `/users/{id}`): the route
 * serves one resource, and a list sent inside it (an item's colors, a post's tags) belongs to that
 * resource; a list sent as the response itself (`/projects/team/:teamId`) is still a list endpoint.
 */
const DETAIL_PATH = /(?:\/:[^/]+|\/\[[^/\]]+\]|\/\{[^/}]+\})\/?$/u;

/**
 * Models and tables that hold reference data, small by nature (a taxonomy or a code list): their full
 * list feeds a dropdown or a filter and is not paged. Matched as {@link normalizeModel} reads a name.
 */
const REFERENCE_MODELS: readonly string[] = [
  'country',
  'state',
  'province',
  'region',
  'currency',
  'language',
  'locale',
  'timezone',
  'color',
  'colour',
  'material',
  'size',
  'unit',
  'category',
  'subcategory',
  'genre',
  'specialty',
  'department',
  'role',
  'permission',
  'plan',
  'setting',
];

/** Path segments of routes that serve reference lists on purpose: dropdown menus, options, lookups, enums. */
const REFERENCE_PATH = /(?:^|\/)(?:menus?|options|lookups?|enums?|dropdowns?|choices)(?:\/|$)/iu;

/** Path segments of routes that hand over everything on purpose: exports, downloads, RSS/Atom feeds, sitemaps, backups (a `/feed` timeline is a list and is checked). */
const EXPORT_PATH = /(?:^|[/._:-])(?:exports?|downloads?|csv|xlsx|ndjson|sitemap|rss|atom|backups?|dump)(?:$|[/._-])/iu;

export default createRule<Options, MessageIds>({
  name: 'require-pagination',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require list endpoints to bound the rows they read and to cap a client-supplied page size',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      unboundedList:
        'Route {{ route }} sends every row `{{ call }}` returns; bound the query with {{ bound }} and let the client ask for the next page.',
      unboundedListInCallee:
        'Route {{ route }} sends every row `{{ call }}` returns in `{{ callee }}` ({{ where }}); bound that query with {{ bound }} and let the client ask for the next page.',
      uncappedLimit:
        'The page size of `{{ call }}` is the client’s `{{ input }}` without a cap; clamp it, e.g. `Math.min(Number(…) || {{ defaultPageSize }}, {{ maxPageSize }})`.',
      uncappedLimitInCallee:
        'The page size of `{{ call }}` in `{{ callee }}` ({{ where }}) is the client’s `{{ input }}` without a cap; clamp it, e.g. `Math.min(Number(…) || {{ defaultPageSize }}, {{ maxPageSize }})`.',
      addBound: 'Read at most {{ maxPageSize }} rows with {{ bound }}.',
      capLimit: 'Cap the page size at {{ maxPageSize }} (default {{ defaultPageSize }}).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxPageSize: {
            type: 'integer',
            minimum: 1,
            description: 'The largest page the suggestions allow (the cap of `Math.min`, the bound added to a query).',
          },
          defaultPageSize: {
            type: 'integer',
            minimum: 1,
            description: 'The page size the suggestions use when the client gives none or an invalid one.',
          },
          allowModels: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Models and tables small by nature whose full list may be sent, besides the built-in reference data (countries, currencies, categories, roles, …); matched case-insensitively, singular or plural.',
          },
          checkOtherFiles: {
            type: 'boolean',
            description:
              'Follow the route handler’s calls into other files of the service (services, repositories) through the project index; each file reached is parsed once more.',
          },
          checkExportRoutes: {
            type: 'boolean',
            description:
              'Also check routes whose path names an export, download, RSS/Atom feed, sitemap or backup, which hand over everything on purpose.',
          },
        },
      },
    ],
    defaultOptions: [
      { maxPageSize: 100, defaultPageSize: 20, allowModels: [], checkExportRoutes: false, checkOtherFiles: false },
    ],
  },
  create(context, [options]) {
    const settings = getSettings(context);
    if (isInLayer(settings, 'nonRuntime', context.filename, context.cwd)) return {};
    const { sourceCode } = context;
    // Cheap filters before any analysis: a file with no framework import, no route-file name and no
    // handler-shaped parameter serves no route; without `checkOtherFiles`, a file that names no list
    // read has no query to check.
    const { text } = sourceCode;
    if (!mayDeclareRoutes(text, context.filename) && !HANDLER_TEXT.test(text)) return {};
    const checkOtherFiles = options.checkOtherFiles === true;
    if (!checkOtherFiles && !QUERY_TEXT.test(text)) return {};
    const maxPageSize = options.maxPageSize ?? 100;
    const defaultPageSize = options.defaultPageSize ?? 20;
    const allowed = new Set([...REFERENCE_MODELS, ...(options.allowModels ?? [])].map((name) => normalizeModel(name)));
    return {
      'Program:exit'() {
        const serving = getListRoutes(context, options.checkExportRoutes === true);
        if (serving.length === 0) return;
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const resolve = getImportResolution(context);
        const local: QueryModule = {
          ast: sourceCode.ast,
          globalScope,
          visitorKeys: sourceCode.visitorKeys,
          filename: context.filename,
          accesses: new Map(
            getDataLayerIndex(context, settings, resolve).accesses.map((access) => [access.node, access]),
          ),
          resolve,
          local: true,
        };
        const load: ModuleLoader = checkOtherFiles ? createLoader(context, settings) : () => null;
        const reported = new Set<TSESTree.Node>();
        const checkedBounds = new Set<TSESTree.Node>();
        const reporter = { context, reported, maxPageSize, defaultPageSize };
        for (const item of serving) {
          const frame: Frame = { module: local, bindings: new Map(), anchor: null, callee: null, depth: 0 };
          for (const value of getSentValues(item, globalScope, sourceCode.visitorKeys)) {
            for (const sent of findSentQueries(value, frame, load)) {
              if (sent.verdict.kind === 'unbounded') {
                // A list inside the one resource a detail route serves (`GET /items/:id` → `{ item, colors }`) belongs to it.
                if (item.detail && sent.wrapped) continue;
                if (!allowed.has(normalizeModel(sent.verdict.model ?? ''))) reportUnbounded(reporter, item, sent);
                continue;
              }
              for (const bound of sent.verdict.bounds) {
                if (checkedBounds.has(bound)) continue;
                checkedBounds.add(bound);
                const limit = findClientLimit(bound, sent.frame, item);
                if (limit) reportUncapped(reporter, sent, bound, limit.input);
              }
            }
          }
          // Page sizes of queries the handler makes itself, whether or not it sends their rows.
          for (const access of local.accesses.values()) {
            if (access.node.range[0] < item.handler.range[0] || access.node.range[1] > item.handler.range[1]) continue;
            const verdict = classifyQuery(access.node, getLibrary(access.source), createFilterResolver(globalScope));
            if (verdict?.kind !== 'bounded') continue;
            for (const bound of verdict.bounds) {
              if (checkedBounds.has(bound)) continue;
              checkedBounds.add(bound);
              const limit = findClientLimit(bound, frame, item);
              if (limit)
                reportUncapped(
                  reporter,
                  { query: access.node, verdict, label: access.label, frame, wrapped: false },
                  bound,
                  limit.input,
                );
            }
          }
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** A handler of GET routes in the linted file, with its framework and how messages name it. */
interface ListRoute extends ServingFunction {
  framework: Framework;
  label: string;
  /** Whether it also serves other methods (Express `all`, a Next.js `pages/api` handler). */
  allMethods: boolean;
  /** Whether its path ends in a parameter (`/items/:id`): it serves one resource. */
  detail: boolean;
}

/**
 * The GET (and every-method) route handlers of the linted file: routes registered here and handlers
 * the project index says another file registers. Routes whose path names an export, download, RSS feed
 * or backup are left out unless `checkExportRoutes`.
 */
function getListRoutes(context: Context, checkExportRoutes: boolean): ListRoute[] {
  const model = getRouteModel(context);
  const found: ListRoute[] = [];
  const reads = (methods: readonly HttpMethod[]): boolean => methods.includes('GET') || methods.includes('ALL');
  for (const route of model.routes) {
    if (!route.handler || !reads(route.methods)) continue;
    const path = displayPath(route);
    if (REFERENCE_PATH.test(path) || (!checkExportRoutes && EXPORT_PATH.test(path))) continue;
    found.push({
      handler: route.handler,
      route,
      framework: route.framework,
      label: describeServingContext({ kind: 'route', routes: [route], root: route.handler }),
      allMethods: !route.methods.includes('GET'),
      detail: DETAIL_PATH.test(path),
    });
  }
  for (const [handler, routes] of model.remoteHandlers) {
    const lists = routes.filter(
      (route) =>
        reads(route.methods) &&
        !REFERENCE_PATH.test(route.path) &&
        (checkExportRoutes || !EXPORT_PATH.test(route.path)),
    );
    if (lists.length === 0) continue;
    found.push({
      handler,
      route: null,
      framework: lists[0]!.framework,
      label: describeServingContext({ kind: 'remote-route', routes: lists, root: handler }),
      allMethods: !lists.some((route) => route.methods.includes('GET')),
      detail: lists.every((route) => DETAIL_PATH.test(route.path)),
    });
  }
  return found;
}

/**
 * What a handler sends ({@link findResponseSites}), plus the locals of an Express `res.render(view, locals)`
 * (a rendered page lists the rows as well); for an every-method handler, only what it sends outside
 * branches for other methods (`if (req.method === 'POST')`, `case 'DELETE':`).
 */
function getSentValues(
  item: ListRoute,
  globalScope: TSESLint.Scope.Scope,
  keys: TSESLint.SourceCode.VisitorKeys,
): TSESTree.Node[] {
  const sites = findResponseSites(item.framework, item.handler, globalScope, keys).map((site) => ({
    value: site.value,
    node: site.node,
  }));
  if (item.framework === 'express') sites.push(...findRenderSites(item.handler, globalScope, keys));
  return sites
    .filter((site) => !item.allMethods || !isUnderOtherMethod(site.node, item.handler))
    .map((site) => site.value);
}

/** `res.render('view', { rows })` on an Express handler's response parameter. */
function findRenderSites(
  handler: FunctionNode,
  globalScope: TSESLint.Scope.Scope,
  keys: TSESLint.SourceCode.VisitorKeys,
): { value: TSESTree.Node; node: TSESTree.Node }[] {
  const response = handler.params[1];
  if (response?.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariable(scopeOf(globalScope, handler.body), response);
  if (!variable) return [];
  const sites: { value: TSESTree.Node; node: TSESTree.Node }[] = [];
  walk(handler.body, keys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const locals = node.arguments[1];
    const object = skipExpressionWrappers(node.callee.object);
    if (
      getMemberName(node.callee) === 'render' &&
      locals &&
      object.type === AST_NODE_TYPES.Identifier &&
      variable.references.some((reference) => reference.identifier === object)
    )
      sites.push({ value: locals, node });
  });
  return sites;
}

/** Whether `node` sits in a branch of `handler` taken for a method other than GET. */
function isUnderOtherMethod(node: TSESTree.Node, handler: FunctionNode): boolean {
  for (let child = node, parent = node.parent; parent && child !== handler; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) {
      const test = readMethodTest(parent.test);
      if (test && (child === parent.consequent) !== (test.equals === (test.method === 'GET'))) return true;
    }
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test && child !== parent.test) {
      const discriminant = (parent.parent as TSESTree.SwitchStatement).discriminant;
      const method = parent.test.type === AST_NODE_TYPES.Literal ? parent.test.value : null;
      if (isMethodRead(discriminant) && typeof method === 'string' && method.toUpperCase() !== 'GET') return true;
    }
  }
  return false;
}

/** `req.method === 'POST'` (either side, `==`/`!=`/`!==` too): the method named and whether it is tested for equality. */
function readMethodTest(test: TSESTree.Node): { method: string; equals: boolean } | null {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || !['===', '==', '!==', '!='].includes(test.operator)) return null;
  const [read, literal] = isMethodRead(test.left) ? [test.left, test.right] : [test.right, test.left];
  if (!isMethodRead(read) || literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'string') return null;
  return { method: literal.value.toUpperCase(), equals: test.operator === '===' || test.operator === '==' };
}

function isMethodRead(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && getMemberName(inner) === 'method';
}

/**
 * Reads other files of the service for the tracer: parsed once ({@link readServiceModule}) and indexed
 * for data access with their own import resolution; `null` for every file without a project index.
 */
function createLoader(context: Context, settings: ApiAuditSettings): ModuleLoader {
  const index = getProjectIndex(context);
  return (file) => {
    if (!index) return null;
    const parsed = readServiceModule(file);
    if (!parsed) return null;
    const cached = loaded.get(parsed);
    if (cached) return cached;
    const resolve = (specifier: string): string | null => index.resolve(file, specifier);
    const data = buildDataLayerIndex(parsed.ast, parsed.globalScope, file, settings, context.cwd, resolve);
    const module: QueryModule = {
      ...parsed,
      accesses: new Map(data.accesses.map((access: DataAccess) => [access.node, access])),
      resolve,
      local: false,
    };
    loaded.set(parsed, module);
    return module;
  };
}

/** Other files' query modules, per parsed file (a changed file is parsed again, and indexed again). */
const loaded = new WeakMap<ParsedModule, QueryModule>();

interface Reporter {
  context: Context;
  reported: Set<TSESTree.Node>;
  maxPageSize: number;
  defaultPageSize: number;
}

/** Reports a list read without a bound: at the reading call when it is in this file (with a suggestion), else at the call that leads to it. */
function reportUnbounded(reporter: Reporter, item: ListRoute, sent: SentQuery): void {
  const { context, reported, maxPageSize } = reporter;
  const verdict = sent.verdict;
  if (verdict.kind !== 'unbounded') return;
  const bound = BOUND_WORDS[verdict.idiom];
  if (sent.frame.module.local) {
    if (reported.has(verdict.at)) return;
    reported.add(verdict.at);
    const insertion = verdict.insertion;
    context.report({
      loc: getReadLocation(verdict.at),
      messageId: 'unboundedList',
      data: { route: item.label, call: sent.label, bound },
      suggest: insertion
        ? [
            {
              messageId: 'addBound',
              data: { maxPageSize: String(maxPageSize), bound },
              fix: (fixer) => insertBound(fixer, insertion, maxPageSize),
            },
          ]
        : [],
    });
    return;
  }
  reportAtAnchor(reporter, sent, verdict.at, 'unboundedListInCallee', { route: item.label, bound });
}

/** Reports a page size taken from the client without a cap: at the page size in this file (with a suggestion), else at the call that leads to it. */
function reportUncapped(reporter: Reporter, sent: SentQuery, bound: TSESTree.Node, input: string): void {
  const { context, reported, maxPageSize, defaultPageSize } = reporter;
  const sizes = { maxPageSize: String(maxPageSize), defaultPageSize: String(defaultPageSize) };
  if (sent.frame.module.local) {
    if (reported.has(bound)) return;
    reported.add(bound);
    context.report({
      node: bound,
      messageId: 'uncappedLimit',
      data: { call: sent.label, input, ...sizes },
      suggest: [
        {
          messageId: 'capLimit',
          data: sizes,
          fix: (fixer) => fixer.replaceText(bound, capText(bound, reporter)),
        },
      ],
    });
    return;
  }
  reportAtAnchor(reporter, sent, bound, 'uncappedLimitInCallee', { input, ...sizes });
}

/**
 * Reports a finding whose query is in another file at the call of the linted file that leads to it
 * (once per call), naming the query, the function that holds it and its place (`node`, in that file).
 */
function reportAtAnchor(
  reporter: Reporter,
  sent: SentQuery,
  node: TSESTree.Node,
  messageId: 'unboundedListInCallee' | 'uncappedLimitInCallee',
  data: Record<string, string>,
): void {
  const { context, reported } = reporter;
  const anchor = sent.frame.anchor;
  if (!anchor || reported.has(anchor)) return;
  reported.add(anchor);
  context.report({
    node: anchor,
    messageId,
    data: {
      ...data,
      call: sent.label,
      callee: sent.frame.callee ?? 'a function',
      where: describeLocation(context, sent.frame.module.filename, node),
    },
  });
}

/**
 * `Math.min(Number(x) || 20, 100)`: a numeric conversion (kept when there is one), a default for a
 * missing or invalid value (kept when it is a number: `Number(x) || 50`; replaced when it is not:
 * `Number(x) || undefined` would give `Math.min` a `NaN`), and the cap.
 */
function capText(bound: TSESTree.Node, reporter: Reporter): string {
  const { sourceCode } = reporter.context;
  const inner = skipExpressionWrappers(bound);
  const { defaultPageSize, maxPageSize } = reporter;
  if (
    inner.type === AST_NODE_TYPES.LogicalExpression &&
    inner.right.type === AST_NODE_TYPES.Literal &&
    typeof inner.right.value === 'number'
  )
    return `Math.min(${sourceCode.getText(inner)}, ${maxPageSize})`;
  const core =
    inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator !== '&&'
      ? skipExpressionWrappers(inner.left)
      : inner;
  const numeric =
    (core.type === AST_NODE_TYPES.CallExpression &&
      core.callee.type === AST_NODE_TYPES.Identifier &&
      ['Number', 'parseInt', 'parseFloat'].includes(core.callee.name)) ||
    (core.type === AST_NODE_TYPES.UnaryExpression && core.operator === '+');
  const text = sourceCode.getText(core);
  return `Math.min(${numeric ? text : `Number(${text})`} || ${defaultPageSize}, ${maxPageSize})`;
}

/** Adds `take: n` / `limit: n` / `.limit(n)` / `.take(n)` / ` LIMIT n` where {@link BoundInsertion} says. */
function insertBound(fixer: TSESLint.RuleFixer, insertion: BoundInsertion, size: number): TSESLint.RuleFix {
  switch (insertion.kind) {
    case 'property':
      return fixer.insertTextAfter(insertion.object.properties.at(-1)!, `, ${insertion.key}: ${size}`);
    case 'argument':
      return fixer.insertTextBeforeRange(
        [insertion.call.range[1] - 1, insertion.call.range[1]],
        `{ ${insertion.key}: ${size} }`,
      );
    case 'method':
      return fixer.insertTextAfter(insertion.after, `.${insertion.method}(${size})`);
    case 'sql':
      return fixer.insertTextBeforeRange(
        [insertion.literal.range[1] - 1, insertion.literal.range[1]],
        ` LIMIT ${size}`,
      );
  }
}

/** From the reading method's name to the end of its call (`findMany({ … })`), or the whole node for SQL and builders. */
function getReadLocation(node: QueryNode): TSESTree.SourceLocation {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed)
      return { start: callee.property.loc.start, end: node.loc.end };
  }
  return node.loc;
}

/** `src/services/users.ts:12`: a node of another file, relative to the project's root (ESLint's working directory without an index). */
function describeLocation(context: Context, file: string, node: TSESTree.Node): string {
  const root = getProjectIndex(context)?.root ?? context.cwd;
  return `${relative(root, file).replaceAll('\\', '/')}:${node.loc.start.line}`;
}

/** A model or table name for `allowModels`: lower case, letters and digits only, without a plural `s`. */
function normalizeModel(name: string): string {
  return name
    .toLowerCase()
    .replaceAll(/[^a-z\d]/gu, '')
    .replace(/(?:ies)$/u, 'y')
    .replace(/s$/u, '');
}
