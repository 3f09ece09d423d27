import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';

import {
  joinDisplayPath,
  joinPaths,
  type ChainMiddleware,
  type ExternalFacts,
  type Framework,
  type HttpMethod,
  type RemoteMiddleware,
  type RemoteRoute,
  type SourceRange,
} from '../frameworks/index.js';
import type { AppSummary, FileSummary, Value } from './summary.js';

/** A value of some file, evaluated as far as the summaries allow. */
type Concrete =
  | { file: string; kind: 'function'; range: SourceRange; returns: Value[]; app?: number }
  | { file: string; kind: 'class'; methods: Record<string, Value>; statics: Record<string, Value> }
  | { file: string; kind: 'instance'; methods: Record<string, Value> }
  | { file: string; kind: 'object'; members: Record<string, Value> }
  | { file: string; kind: 'app'; app: number }
  | { file: string; kind: 'namespace' };

/** What linking needs from the index: a file's summary (built on demand) and module resolution. */
export interface LinkHost {
  /**
   * The module specifiers of `file` that can matter to this link (a focused link answers one file's
   * question and skips values leading elsewhere); absent: every value matters. A value mentioning no
   * module always does.
   */
  relevantModules?(file: string): ReadonlySet<string>;
  /** The service's files (absolute paths), for `@fastify/autoload` directories. */
  files(): Iterable<string>;
  /** The summary of `file` (absolute path), or `null` when it is not part of the service or does not parse. */
  summaryOf(file: string): FileSummary | null;
  /**
   * Whether the facts of `file` need the middleware chains of the apps above its apps
   * (`ExternalFacts.appChains`); absent: every file's do. A focused link reads one file's facts, and
   * working the chains out for every app of the closure made a link cost grow with the square of the mounts.
   */
  wantsChains?(file: string): boolean;
  /** The file `specifier` written in `fromFile` resolves to, or `null` (a package, a missing file). */
  resolve(fromFile: string, specifier: string): string | null;
  /** `file` as messages name it: relative to the project root, `/`-separated. */
  displayPath(file: string): string;
}

/** A route the index found, with its handler where it was resolved (for the inventory and tests). */
export interface LinkedRoute {
  framework: Framework;
  methods: HttpMethod[];
  /** Full path with placeholders for what is not static (`{prefix}`, `{path}`). */
  path: string;
  file: string;
  line: number;
  /** The function that serves it: its file and range, or `null` when not resolved. */
  handler: { file: string; range: SourceRange } | null;
}

/**
 * An app handed to a function of (maybe) another file: the caller's app (`parentFile`, created at
 * `parentApp`) is the parameter app of the function at `childFn` in `childFile`, through the call at `call`.
 */
export interface AppLink {
  parentFile: string;
  parentApp: SourceRange;
  call: SourceRange;
  childFile: string;
  childFn: SourceRange;
  /** The path the child is served under, relative to the parent (`''` for an app handed to a function). */
  path: string | null;
  /** The child is the parent itself, seen through a function's parameter (not a child instance). */
  alias: boolean;
}

/** Everything one link of the project produced. */
export interface LinkResult {
  appLinks: AppLink[];
  /** Facts per file (absolute path) for its route model. */
  facts: Map<string, ExternalFacts>;
  /** Parameters that receive an app, per file: what the summaries of the next round are built with. */
  seeds: Map<string, ExternalFacts['parameterApps']>;
  routes: LinkedRoute[];
  /** For each file, the files whose registrations gave it facts (for invalidation). */
  providers: Map<string, Set<string>>;
}

/** A summary list's entries by the modules they mention (those mentioning none apart). */
interface ModuleIndex<T> {
  local: T[];
  byModule: Map<string, T[]>;
}

/** {@link ModuleIndex} of each summary list, kept as long as the summary. */
const byModule = new WeakMap<object, ModuleIndex<unknown>>();

/** How many chained values (re-exports, members, calls) one evaluation follows. */
const MAX_EVALUATION_DEPTH = 12;

/**
 * Links the summaries of `files` (and of the files they lead to): which parameters receive which app
 * (`seeds`), where routers and sub-apps are mounted from other files (prefixes), and which functions of
 * one file serve the routes and middleware registered in another. Reads summaries through `host`, which
 * builds them with the seeds of the previous call; the caller repeats until the seeds stop changing.
 */
export function linkProject(files: readonly string[], host: LinkHost): LinkResult {
  const linker = new Linker(host);
  return linker.link(files);
}

class Linker {
  private readonly incoming = new Map<string, { file: string; app: number; path: string | null; start?: number }[]>();
  /**
   * Callers of functions that receive an instance (parameter apps, registered Fastify plugins), by
   * `file@start:end` of the function: the caller's app, where it hands it over, and whether the callee
   * gets the app itself (`alias`) or an encapsulated child (a plugin).
   */
  private readonly callers = new Map<string, { file: string; app: number; start: number; alias: boolean }[]>();
  private readonly chains = new Map<string, { middleware: ChainMiddleware[]; complete: boolean }>();
  private readonly prefixes = new Map<string, string | null>();
  private readonly evaluated = new Map<Value, Concrete[]>();

  constructor(private readonly host: LinkHost) {}

  link(files: readonly string[]): LinkResult {
    const queue = [...new Set(files)];
    const known = new Set(queue);
    const summaries = new Map<string, FileSummary>();
    // Mounts first: every middleware value that evaluates to an app of some file.
    for (let index = 0; index < queue.length; index += 1) {
      const file = queue[index]!;
      const summary = this.host.summaryOf(file);
      if (!summary) continue;
      summaries.set(file, summary);
      for (const item of this.pick(file, summary.middleware)) {
        for (const target of this.evaluateOnce(file, item.value)) {
          let app = target.kind === 'app' || target.kind === 'function' ? target.app : undefined;
          if (app === undefined || (target.file === file && app === item.app)) continue;
          app = this.chainHead(target.file, app);
          const key = `${target.file}#${app}`;
          this.incoming.set(key, [
            ...(this.incoming.get(key) ?? []),
            { file, app: item.app, path: item.path, ...(item.start === undefined ? {} : { start: item.start }) },
          ]);
          if (!known.has(target.file)) {
            known.add(target.file);
            queue.push(target.file);
          }
        }
      }
      // Files that receive an app join the link (their routes exist once they are seeded), as do those
      // whose functions are registered.
      const callees = [
        ...this.pick(file, summary.instanceArguments).map((item) => item.callee),
        ...this.pick(file, summary.middleware).map((item) => item.value),
      ];
      for (const callee of callees) {
        for (const target of this.evaluateOnce(file, callee)) {
          if (target.kind === 'function' && !known.has(target.file)) {
            known.add(target.file);
            queue.push(target.file);
          }
        }
      }
    }

    const facts = new Map<string, ExternalFacts>();
    const providers = new Map<string, Set<string>>();
    const seeds = new Map<string, ExternalFacts['parameterApps']>();
    const factsOf = (file: string, provider: string): ExternalFacts => {
      let entry = facts.get(file);
      if (!entry) {
        entry = { parameterApps: [], appPrefixes: [], handlers: [], middleware: [] };
        facts.set(file, entry);
      }
      if (provider !== file) providers.set(file, (providers.get(file) ?? new Set()).add(provider));
      return entry;
    };
    const routes: LinkedRoute[] = [];
    const appLinks: AppLink[] = [];
    const addSeed = (target: string, provider: string, seed: ExternalFacts['parameterApps'][number]): void => {
      const list = seeds.get(target) ?? [];
      if (!list.some((item) => sameRange(item.fn, seed.fn) && item.param === seed.param)) list.push(seed);
      seeds.set(target, list);
      factsOf(target, provider).parameterApps = list;
    };

    for (const [file, summary] of summaries) {
      for (const argument of this.pick(file, summary.instanceArguments)) {
        const app = summary.apps[argument.app]!;
        for (const target of this.evaluateOnce(file, argument.callee)) {
          if (target.kind !== 'function') continue;
          const seed = {
            fn: target.range,
            param: argument.index,
            framework: app.framework,
            prefix: this.prefixOf(file, argument.app),
          };
          addSeed(target.file, file, seed);
          this.addCaller(target.file, target.range, { file, app: argument.app, start: argument.call[0], alias: true });
          appLinks.push({
            parentFile: file,
            parentApp: app.range,
            call: argument.call,
            childFile: target.file,
            childFn: target.range,
            path: '',
            alias: true,
          });
        }
      }
      for (const autoload of summary.autoloads) {
        const parent = this.prefixOf(file, autoload.app);
        for (const plugin of this.autoloadedFiles(file, autoload.dir)) {
          const target = this.exportOf(plugin.file, 'default', 0).find((value) => value.kind === 'function');
          if (target?.kind !== 'function') continue;
          const own = this.host.summaryOf(plugin.file)?.autoPrefix ?? '';
          const path =
            autoload.prefix === null ? null : joinPaths(autoload.prefix, autoload.dirNames ? plugin.folder : '', own);
          addSeed(target.file, file, {
            fn: target.range,
            param: 0,
            framework: 'fastify',
            prefix: parent === null || path === null ? null : joinPaths(parent, path),
            plugin: true,
          });
          this.addCaller(target.file, target.range, { file, app: autoload.app, start: autoload.call[0], alias: false });
          appLinks.push({
            parentFile: file,
            parentApp: summary.apps[autoload.app]!.range,
            call: autoload.call,
            childFile: target.file,
            childFn: target.range,
            path,
            alias: false,
          });
        }
      }
      summary.apps.forEach((app, index) => {
        if (app.localRoot !== index || app.servedUnder !== undefined) return;
        const prefix = this.servedUnder(file, index);
        if (prefix !== null && this.incoming.has(`${file}#${index}`)) {
          const incoming = this.incoming.get(`${file}#${index}`)![0]!;
          factsOf(file, incoming.file).appPrefixes.push({ app: app.range, prefix });
        }
      });
      for (const route of this.pick(file, summary.routes)) {
        const path = this.displayPathOf(file, route.app, route.path);
        const linked: LinkedRoute = {
          framework: route.framework,
          methods: route.methods,
          path,
          file,
          line: route.line,
          handler: null,
        };
        routes.push(linked);
        if (!route.handler) continue;
        const remote: RemoteRoute = {
          framework: route.framework,
          methods: route.methods,
          path,
          file: this.host.displayPath(file),
          line: route.line,
        };
        const target = this.evaluateFunction(file, route.handler);
        if (!target) continue;
        linked.handler = { file: target.file, range: target.range };
        const entry = factsOf(target.file, file);
        const existing = entry.handlers.find((item) => sameRange(item.fn, target.range));
        if (existing) existing.routes.push(remote);
        else entry.handlers.push({ fn: target.range, routes: [remote] });
      }
      for (const item of this.pick(file, summary.middleware)) {
        const target = this.evaluateOnce(file, item.value).find((value) => value.kind === 'function');
        if (!target) continue;
        if (item.framework === 'fastify' && item.kind === 'plugin') {
          // `app.register(routes, { prefix })` of another file's plain function: its parameter is a child instance.
          const parent = this.prefixOf(file, item.app);
          addSeed(target.file, file, {
            fn: target.range,
            param: 0,
            framework: 'fastify',
            prefix: parent === null || item.path === null ? null : joinPaths(parent, item.path),
            plugin: true,
          });
          this.addCaller(target.file, target.range, { file, app: item.app, start: item.start ?? 0, alias: false });
          continue;
        }
        // A plugin or sub-app function of its own file is a mount (linked above), not middleware.
        if (target.app !== undefined) continue;
        const registration: RemoteMiddleware = {
          framework: item.framework,
          kind: item.kind,
          name: item.name,
          file: this.host.displayPath(file),
          line: item.line,
        };
        const entry = factsOf(target.file, file);
        const existing = entry.middleware.find((other) => sameRange(other.fn, target.range));
        if (existing) existing.registrations.push(registration);
        else entry.middleware.push({ fn: target.range, registrations: [registration] });
      }
    }
    // The middleware other files run before the routes of each instance mounted, handed or registered there.
    for (const [file, summary] of summaries) {
      if (this.host.wantsChains && !this.host.wantsChains(file)) continue;
      summary.apps.forEach((app, index) => {
        if (app.localRoot !== index || this.sourcesOf(file, index).length === 0) return;
        const chain = this.chainAbove(file, index, new Set());
        const entry = factsOf(file, this.sourcesOf(file, index)[0]!.file);
        (entry.appChains ??= []).push({ app: app.range, ...chain });
      });
    }
    return { facts, seeds, routes, providers, appLinks };
  }

  private addCaller(
    file: string,
    range: SourceRange,
    caller: { file: string; app: number; start: number; alias: boolean },
  ): void {
    const key = `${file}@${range[0]}:${range[1]}`;
    const list = this.callers.get(key) ?? [];
    if (!list.some((item) => item.file === caller.file && item.app === caller.app && item.start === caller.start))
      list.push(caller);
    this.callers.set(key, list);
  }

  /**
   * Where app `index` of `file` (mounted on nothing in its file) is mounted, handed or registered from
   * other files: the parent app, the offset of the mount (for order), and whether the parent's middleware
   * registered after it still applies (Fastify: hooks apply to a whole encapsulation context).
   */
  private sourcesOf(
    file: string,
    index: number,
  ): { file: string; app: number; start: number | null; path: string | null }[] {
    const app = this.host.summaryOf(file)?.apps[index];
    if (!app) return [];
    const mounts = (this.incoming.get(`${file}#${index}`) ?? []).map((mount) => ({
      file: mount.file,
      app: mount.app,
      start: mount.start ?? null,
      path: mount.path,
    }));
    const calls = (this.callers.get(`${file}@${app.range[0]}:${app.range[1]}`) ?? []).map((caller) => ({
      file: caller.file,
      app: caller.app,
      start: caller.start,
      path: null,
    }));
    // A registered plugin is both a mount (its value is an instance) and a call (its function is seeded): one way in.
    const unique = new Map<string, { file: string; app: number; start: number | null; path: string | null }>();
    for (const source of [...mounts, ...calls]) {
      const key = `${source.file}#${source.app}#${app.framework === 'fastify' ? '' : source.start}`;
      if (source.file !== file && !unique.has(key)) unique.set(key, source);
    }
    return [...unique.values()];
  }

  /**
   * The middleware of other files that runs before every route of app `index` of `file` (its local
   * root), outermost first, and whether that chain is complete (one way in at each step, up to a root app).
   */
  private chainAbove(
    file: string,
    index: number,
    seen: Set<string>,
  ): { middleware: ChainMiddleware[]; complete: boolean } {
    const key = `${file}#${index}`;
    const cached = this.chains.get(key);
    if (cached) return cached;
    if (seen.has(key)) return { middleware: [], complete: false };
    seen.add(key);
    const app = this.host.summaryOf(file)?.apps[index];
    const sources = this.sourcesOf(file, index);
    let result: { middleware: ChainMiddleware[]; complete: boolean };
    if (!app) result = { middleware: [], complete: false };
    else if (sources.length === 0) result = { middleware: [], complete: app.kind === 'app' };
    else if (sources.length > 1) result = { middleware: [], complete: false };
    else {
      const source = sources[0]!;
      result = this.chainInFile(source.file, source.app, source.start, seen, source.path);
    }
    this.chains.set(key, result);
    return result;
  }

  /**
   * The middleware that runs before a request reaches offset `before` of app `index` of `file` (a
   * mount or a call handing the app on; `null`: anywhere): that of the apps it is mounted on (in this
   * file and above), then its own registered before `before` (Express, Koa and Hono run middleware in
   * registration order; Fastify hooks apply to the whole context), each with its full path.
   */
  private chainInFile(
    file: string,
    index: number,
    before: number | null,
    seen: Set<string>,
    under: string | null = null,
  ): { middleware: ChainMiddleware[]; complete: boolean } {
    const summary = this.host.summaryOf(file);
    const app = summary?.apps[index];
    if (!summary || !app) return { middleware: [], complete: false };
    const upper = app.localMount
      ? this.chainInFile(file, app.localMount.parent, app.localMount.start, seen)
      : this.chainAbove(file, index, seen);
    const ordered = app.framework !== 'fastify' && app.framework !== 'nestjs';
    const prefix = this.prefixOf(file, index);
    const display = this.host.displayPath(file);
    const own = (app.chain ?? [])
      .filter((item) => before === null || (ordered ? item.start < before : item.start !== before))
      // Middleware limited to another path (`app.use('/v1/users', usersRouter)` seen from the orders router,
      // an imported router being indistinguishable from middleware here) never runs on this mount's requests.
      .filter((item) => under === null || coversMount(item.path, under))
      .map((item): ChainMiddleware => ({
        framework: app.framework,
        kind: item.kind,
        name: item.name,
        ...(item.module === undefined ? {} : { module: item.module }),
        ...(item.hook === undefined ? {} : { hook: item.hook }),
        path:
          item.path === '' || item.path === '/' || item.path === null
            ? item.path
            : prefix === null
              ? null
              : joinPaths(prefix, item.path),
        ...(item.authenticates === undefined ? {} : { authenticates: item.authenticates }),
        ...(item.canReject === undefined ? {} : { canReject: item.canReject }),
        file: display,
        line: item.line,
      }));
    return { middleware: [...upper.middleware, ...own], complete: upper.complete };
  }

  /**
   * The entries of `list` (of `file`'s summary) that can matter to this link: all of them, or those
   * mentioning no module or one of `host.relevantModules(file)`, found through an index by module.
   */
  private pick<T extends { modules: readonly string[] }>(file: string, list: readonly T[]): readonly T[] {
    const modules = this.host.relevantModules?.(file);
    if (!modules) return list;
    let index = byModule.get(list) as ModuleIndex<T> | undefined;
    if (!index) {
      index = { local: [], byModule: new Map() };
      for (const item of list) {
        if (item.modules.length === 0) index.local.push(item);
        for (const module of item.modules) index.byModule.set(module, [...(index.byModule.get(module) ?? []), item]);
      }
      byModule.set(list, index);
    }
    const picked = new Set<T>(index.local);
    for (const module of modules) for (const item of index.byModule.get(module) ?? []) picked.add(item);
    return list.filter((item) => picked.has(item));
  }

  /**
   * For an app made by a chain on an unbound app of its file (`new Hono().basePath('/v1')`), the app the
   * chain starts from: mounting the chain's value mounts that one (its local root, created inside it).
   */
  private chainHead(file: string, app: number): number {
    const apps = this.host.summaryOf(file)?.apps;
    const own = apps?.[app];
    const head = own ? apps[own.localRoot] : undefined;
    return own && head && head.range[0] >= own.range[0] && head.range[1] <= own.range[1] ? own.localRoot : app;
  }

  /** The full prefix of app number `app` of `file`: where its local root is served, then its local prefix. */
  prefixOf(file: string, app: number): string | null {
    const summary = this.host.summaryOf(file);
    const facts = summary?.apps[app];
    if (!facts || facts.localPrefix === null) return null;
    const under = this.servedUnder(file, facts.localRoot);
    return under === null ? null : joinPaths(under, facts.localPrefix);
  }

  /** A route's full path for messages: the parts that are known, `{prefix}` and `{path}` for the rest. */
  private displayPathOf(file: string, app: number, path: string | null): string {
    const known = this.prefixOf(file, app);
    if (known !== null) return joinDisplayPath(known, path);
    const facts = this.host.summaryOf(file)?.apps[app];
    const local = facts?.localPrefix ?? null;
    return joinDisplayPath(
      null,
      local === null || local === '/' ? path : path === null ? null : joinPaths(local, path),
    );
  }

  /**
   * Where the app `index` of `file` (mounted on nothing in its file) is served: its seeded prefix for a
   * parameter app, else the one prefix of its mounts from other files (a Hono sub-app is a `new Hono()`
   * too), else `''` for a root app, a controller or a route file; `null` when not mounted anywhere
   * known, mounted at different paths, or a part is not static.
   */
  private servedUnder(file: string, index: number): string | null {
    const key = `${file}#${index}`;
    if (this.prefixes.has(key)) return this.prefixes.get(key)!;
    this.prefixes.set(key, null);
    const app: AppSummary | undefined = this.host.summaryOf(file)?.apps[index];
    let result: string | null = null;
    const mounts = this.incoming.get(key) ?? [];
    if (app?.servedUnder !== undefined) result = app.servedUnder;
    else if (mounts.length > 0) {
      const found = new Set<string | null>();
      for (const mount of mounts) {
        const parent = this.prefixOf(mount.file, mount.app);
        found.add(parent === null || mount.path === null ? null : joinPaths(parent, mount.path));
      }
      const [only] = found;
      result = found.size === 1 && only !== undefined ? only : null;
    } else if (app && (app.kind === 'app' || app.kind === 'controller' || app.kind === 'route-module')) result = '';
    this.prefixes.set(key, result);
    return result;
  }

  /**
   * The plugin files `@fastify/autoload` loads from `dir` (relative to `file`'s directory), with the
   * route prefix of their folder: every script file below it, except where a folder has an `index` file
   * (then that file alone), with `_id` folders read as `:id` as autoload does.
   */
  private autoloadedFiles(file: string, dir: string): { file: string; folder: string }[] {
    const base = resolve(dirname(file), dir);
    const byFolder = new Map<string, string[]>();
    for (const candidate of this.host.files()) {
      const inside = relative(base, candidate);
      if (inside.startsWith('..') || isAbsolute(inside)) continue;
      const folder = dirname(inside);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), candidate]);
    }
    const loaded: { file: string; folder: string }[] = [];
    for (const [folder, files] of byFolder) {
      const index = files.find((item) => /^index\.[cm]?[jt]s$/u.test(basename(item)));
      const path =
        folder === '.'
          ? ''
          : folder
              .split(sep)
              .map((part) => part.replace(/^_/u, ':'))
              .join('/');
      for (const item of index ? [index] : files) loaded.push({ file: item, folder: path });
    }
    return loaded;
  }

  /** The one function a value evaluates to (a wrapper's argument first, then a factory's result). */
  private evaluateFunction(file: string, value: Value): { file: string; range: SourceRange } | null {
    const found = this.evaluateOnce(file, value).find((target) => target.kind === 'function');
    return found ? { file: found.file, range: found.range } : null;
  }

  /**
   * {@link evaluate} of a summary entry's value, kept for this link: a middleware value is read for
   * mounts, for the files it leads to and for the functions it registers, an app argument twice.
   */
  private evaluateOnce(file: string, value: Value): Concrete[] {
    let result = this.evaluated.get(value);
    if (!result) {
      result = this.evaluate(file, value, 0);
      this.evaluated.set(value, result);
    }
    return result;
  }

  /**
   * What `value` (of `file`) evaluates to across files. A call evaluates to the function one of its
   * arguments gives, last first (a wrapper: `asyncHandler(list)`, `catchAsync(ctrl.list)`), else to what
   * the callee returns (a factory: `login()`, `makeHandler(db)`); `new` of a class to its instance.
   */
  evaluate(file: string, value: Value, depth: number): Concrete[] {
    if (depth > MAX_EVALUATION_DEPTH) return [];
    switch (value.kind) {
      case 'function':
        return [{ file, kind: 'function', range: value.range, returns: value.returns, app: value.app }];
      case 'class':
        return [{ file, kind: 'class', methods: value.methods, statics: value.statics }];
      case 'object':
        return [{ file, kind: 'object', members: value.members }];
      case 'app':
        return [{ file, kind: 'app', app: value.app }];
      case 'import': {
        const target = this.host.resolve(file, value.module);
        return target ? this.exportOf(target, value.name, depth + 1) : [];
      }
      case 'member':
        return this.evaluate(file, value.object, depth + 1).flatMap((object) =>
          this.memberOf(object, value.name, depth + 1),
        );
      case 'call': {
        for (let index = value.args.length - 1; index >= 0; index -= 1) {
          const functions = this.evaluate(file, value.args[index]!, depth + 1).filter(
            (item) => item.kind === 'function',
          );
          if (functions.length > 0) return functions;
        }
        return this.evaluate(file, value.callee, depth + 1).flatMap((callee) =>
          callee.kind === 'function'
            ? callee.returns.flatMap((returned) => this.evaluate(callee.file, returned, depth + 1))
            : [],
        );
      }
      case 'new':
        return this.evaluate(file, value.callee, depth + 1).flatMap((callee) =>
          callee.kind === 'class' ? [{ file: callee.file, kind: 'instance' as const, methods: callee.methods }] : [],
        );
      default:
        return [];
    }
  }

  private memberOf(object: Concrete, name: string, depth: number): Concrete[] {
    switch (object.kind) {
      case 'object':
        return object.members[name] ? this.evaluate(object.file, object.members[name], depth) : [];
      case 'class':
        return object.statics[name] ? this.evaluate(object.file, object.statics[name], depth) : [];
      case 'instance':
        return object.methods[name] ? this.evaluate(object.file, object.methods[name], depth) : [];
      case 'namespace':
        return this.exportOf(object.file, name, depth);
      default:
        return [];
    }
  }

  /**
   * Export `name` of `file`: `*` is the module itself (`module.exports` when assigned, else its
   * namespace); `default` is the default export, else `module.exports`; a name is the named export,
   * else that member of `module.exports`, else the same name through `export * from`.
   */
  private exportOf(file: string, name: string, depth: number): Concrete[] {
    const summary = this.host.summaryOf(file);
    if (!summary || depth > MAX_EVALUATION_DEPTH) return [];
    if (name === '*')
      return summary.moduleExports
        ? this.evaluate(file, summary.moduleExports, depth + 1)
        : [{ file, kind: 'namespace' }];
    const own = summary.exports[name];
    if (own) return this.evaluate(file, own, depth + 1);
    if (summary.moduleExports) {
      const whole = this.evaluate(file, summary.moduleExports, depth + 1);
      return name === 'default' ? whole : whole.flatMap((object) => this.memberOf(object, name, depth + 1));
    }
    if (name === 'default') return [];
    for (const specifier of summary.starExports) {
      const target = this.host.resolve(file, specifier);
      const found = target ? this.exportOf(target, name, depth + 1) : [];
      if (found.length > 0) return found;
    }
    return [];
  }
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Whether middleware registered at `path` (as written: `''`, `'/'`, `'/v1/users'`; `null` when not static)
 * runs on requests to an instance mounted at `mount` on the same app: its static segments lead `mount`'s.
 */
function coversMount(path: string | null, mount: string): boolean {
  if (path === null || path === '' || path === '/') return true;
  const wanted = path.split('/').filter(Boolean);
  const served = mount.split('/').filter(Boolean);
  return (
    wanted.length <= served.length &&
    wanted.every((segment, at) => segment === served[at] || /^[:*{]/u.test(segment) || /^[:*{]/u.test(served[at]!))
  );
}
