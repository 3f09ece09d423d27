import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath, sep } from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getRouteModelOf, mayDeclareRoutes, type ExternalFacts } from '../frameworks/index.js';
import { linkProject, type AppLink, type LinkedRoute, type LinkResult } from './link.js';
import { ModuleResolver } from './modules.js';
import { parseForIndex, type ParsedSource } from './parse.js';
import { collectSourceFiles, toProjectPath } from './source-files.js';
import { summarizeFile, type FileSummary } from './summary.js';

/** How a {@link ProjectIndex} gets the service's files and their trees. */
export interface ProjectIndexOptions {
  /**
   * The service's script files (absolute). Default: {@link collectSourceFiles} of the root, walked again
   * when a file outside the last walk is asked about and at most every {@link REWALK_MS}.
   */
  files?: readonly string[];
  /**
   * Parses one file (absolute path, text as read); default {@link parseForIndex}. The
   * command passes one that converts its program's source file. May throw on a syntax error.
   */
  parse?: (file: string, text: string) => ParsedSource;
}

/** How often (milliseconds) every indexed file is checked against the disk, and the tree walked again. */
const FULL_CHECK_MS = 5000;
const REWALK_MS = 30_000;
/** How many times seeds (apps received as parameters) are propagated before a link is taken as it is. */
const MAX_ROUNDS = 5;
/** How many importer steps up from a file its facts are looked for (router → app → server). */
const MAX_IMPORTER_DEPTH = 6;

/**
 * A call that registers a route or middleware with a literal path (`app.get('/x'`, `router.use('/v1'`):
 * with a framework import, what makes a file worth parsing; a file that only receives the app as a
 * parameter (`module.exports = (app) => { app.get('/', …) }`) imports no framework.
 */
const ROUTE_CALL = /\.(?:get|post|put|patch|delete|del|all|use|route|register|head|options)\s*\(\s*['"`]\//u;
/** A module that passes others' exports on (`export * from`, `export { x } from`, `module.exports = require(…)`). */
const PASS_THROUGH = /\bexport\s*(?:\*|\{[^}]*\})\s*from\b|\bmodule\.exports\s*=\s*(?:\{[^}]*)?require\s*\(/u;
/** Module specifiers written in a file: `from '…'`, `require('…')`, `import('…')`. */
const SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"\n]+)['"]/gu;

/** Extensions TypeScript tries for an extensionless relative import, in its order (with `allowJs`). */
const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs'];

/** What a file's text says before it is parsed (kept per version). */
interface TextFacts {
  version: string;
  /** Imports a framework, has a file-convention route name, or registers with a literal path. */
  candidate: boolean;
  passThrough: boolean;
  /** Names `@fastify/autoload`: its directories hold plugins nobody imports. */
  autoload: boolean;
  specifiers: string[];
  /**
   * The NestJS guards it registers for every route (`{ provide: APP_GUARD, useClass: X }`,
   * `app.useGlobalGuards(new X())`), by class name, `?` for one whose class the text does not name.
   */
  nestGlobalGuards?: string[];
}

/** `APP_GUARD` providers and `useGlobalGuards(…)` calls, read from a file's text. */
const NEST_GLOBAL_GUARD = /\bAPP_GUARD\b|\.useGlobalGuards\s*\(/u;

/** The guard classes of {@link NEST_GLOBAL_GUARD} registrations in `text` (`?` for one not named by a class). */
function readNestGlobalGuards(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\{[^{}]*\bprovide\s*:\s*APP_GUARD\b[^{}]*\}/gu)) {
    const named =
      /\buse(?:Class|Existing)\s*:\s*([A-Za-z_$][\w$]*)/u.exec(match[0]) ??
      /\bnew\s+([A-Za-z_$][\w$]*)/u.exec(match[0]);
    names.push(named ? named[1]! : '?');
  }
  for (const match of text.matchAll(/\.useGlobalGuards\s*\(([^;]*)\)/gu)) {
    const named = [...match[1]!.matchAll(/\bnew\s+([A-Za-z_$][\w$]*)|^\s*([A-Za-z_$][\w$]*)\s*$/gu)];
    if (named.length === 0) names.push('?');
    for (const item of named) names.push(item[1] ?? item[2]!);
  }
  return names.length > 0 ? names : ['?'];
}

interface Entry {
  version: string;
  /** The parameter apps it was summarised with, as JSON (a change means summarising again). */
  seeds: string;
  summary: FileSummary | null;
}

/** A parsed tree ESLint already has for the file being linted (the index summarises it instead of parsing). */
export interface LiveSource {
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
}

const NO_FACTS: ExternalFacts = { parameterApps: [], appPrefixes: [], handlers: [], middleware: [] };

/**
 * The project index of one service: apps, mounts, routes, handlers and middleware linked across its
 * files, from the route model of each file. What one file needs is linked on demand, from the files
 * that can give it facts: those importing it (directly, or through modules that pass exports on) that
 * may register routes (a framework import or a route call with a literal path), up to
 * {@link MAX_IMPORTER_DEPTH} steps, plus files configuring `@fastify/autoload`. Summaries are kept per
 * file version; the file being linted is summarised from ESLint's own tree, so a file is parsed by the
 * index only when another file needs it before ESLint reaches it. Checked against the disk before each
 * answer (modification time, size, inode): the file asked about and the files its facts came from on
 * every question (an editor that changes the router and re-lints the controller sees the change),
 * everything at most once per {@link FULL_CHECK_MS}, the directory walk again when a file outside it is
 * asked about and every {@link REWALK_MS}. Never throws on the service's content: a file that cannot be
 * read or parsed contributes nothing.
 */
export class ProjectIndex {
  private readonly resolver: ModuleResolver;
  private readonly parse: (file: string, text: string) => ParsedSource;
  private readonly entries = new Map<string, Entry>();
  private readonly texts = new Map<string, TextFacts>();
  private readonly focused = new Map<string, { facts: ExternalFacts; files: Map<string, string | null> }>();
  private importerMap: Map<string, Set<string>> | null = null;
  /** For each importer, the specifiers it writes for each file they resolve to. */
  private specifierMap = new Map<string, Map<string, Set<string>>>();
  /** Files configuring `@fastify/autoload` (kept until a file is read again). */
  private autoloaders: string[] | null = null;
  /** Files read again since the importer map was built (their entries are redone on the next use). */
  private readonly stale = new Set<string>();
  private walked: Set<string> | null = null;
  private walkedAt = 0;
  private checkedAt = 0;
  private whole: LinkResult | null = null;
  private live: { file: string; source: LiveSource } | null = null;
  /** How many times files were parsed and summarised (not counting trees ESLint handed over), for tests and the benchmark. */
  parsed = 0;

  constructor(
    readonly root: string,
    private readonly options: ProjectIndexOptions = {},
  ) {
    this.resolver = new ModuleResolver(root);
    this.parse = options.parse ?? ((file, text) => parseForIndex(text, file));
  }

  /**
   * What the rest of the project says about `file` (absolute path) for its route model, after bringing
   * the index up to date; the empty facts when nothing. `live`: the tree ESLint parsed for it.
   */
  factsFor(file: string, live?: LiveSource): ExternalFacts {
    this.refresh(file);
    const closure = this.closureOf(file);
    // A file that registers nothing and that no route file imports can learn nothing from the others.
    if (closure.size === 1 && this.texts.get(file)?.candidate !== true) return NO_FACTS;
    const cached = this.focused.get(file);
    if (cached && cached.files.size === closure.size && [...closure].every((item) => cached.files.has(item)))
      if ([...cached.files].every(([item, version]) => this.texts.get(item)?.version === version)) return cached.facts;
    this.live = live ? { file, source: live } : null;
    try {
      const result = this.link([...closure], closure, file);
      const facts = result.facts.get(file) ?? NO_FACTS;
      this.focused.set(file, {
        facts,
        files: new Map([...closure].map((item) => [item, this.texts.get(item)?.version ?? null])),
      });
      return facts;
    } finally {
      this.live = null;
    }
  }

  /**
   * The NestJS guards the service registers for every route, read from its files' text: the class of
   * each `{ provide: APP_GUARD, useClass: X }` provider and `app.useGlobalGuards(new X())` argument,
   * `?` for one the text does not name by class; empty when there is none.
   */
  nestGlobalGuards(): string[] {
    this.refresh(null);
    const names: string[] = [];
    for (const text of this.texts.values()) names.push(...(text.nestGlobalGuards ?? []));
    return names;
  }

  /** Every route of the service with its full path and, where resolved, its handler (links every file). */
  routes(): LinkedRoute[] {
    return this.linkWhole().routes;
  }

  /** Apps handed to functions as parameters or loaded by `@fastify/autoload`, caller to callee (links every file). */
  appLinks(): AppLink[] {
    return this.linkWhole().appLinks;
  }

  /**
   * The service file `specifier`, written in `fromFile`, resolves to as TypeScript resolves it (tsconfig
   * `paths`, package `imports`, index files, `.js` for `.ts`); `null` for a package or a missing file.
   */
  resolve(fromFile: string, specifier: string): string | null {
    return this.resolveQuickly(fromFile, specifier);
  }

  private linkWhole(): LinkResult {
    this.refresh(null);
    if (!this.whole) {
      const candidates = [...this.texts].filter(([, text]) => text.candidate).map(([file]) => file);
      this.whole = this.link(candidates, null);
    }
    return this.whole;
  }

  /**
   * Links `files` until the seeds stop changing: all of them and what they lead to, or, with `focus`,
   * only files of `focus` and only the values that mention a module of `focus`; `wanted`: the one file
   * whose facts the caller reads (the middleware chains above apps are worked out for it alone).
   */
  private link(files: readonly string[], focus: ReadonlySet<string> | null, wanted?: string): LinkResult {
    const allowed = (file: string): boolean => focus === null || focus.has(file);
    const intoFocus = new Map<string, Set<string>>();
    if (focus) this.importersOf(focus.values().next().value ?? '');
    let seeds = new Map<string, ExternalFacts['parameterApps']>();
    let result: LinkResult | null = null;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = seeds;
      result = linkProject(files, {
        files: () => this.walked ?? [],
        summaryOf: (file) => (allowed(file) ? this.summaryOf(file, current.get(file) ?? []) : null),
        ...(focus
          ? {
              relevantModules: (file: string) => {
                let into = intoFocus.get(file);
                if (!into) {
                  into = this.specifiersInto(file, focus);
                  intoFocus.set(file, into);
                }
                return into;
              },
            }
          : {}),
        ...(wanted === undefined ? {} : { wantsChains: (file: string) => file === wanted }),
        resolve: (from, specifier) => this.resolveQuickly(from, specifier),
        displayPath: (file) => toProjectPath(this.root, file),
      });
      const same =
        result.seeds.size === current.size &&
        [...result.seeds].every(([file, list]) => JSON.stringify(list) === JSON.stringify(current.get(file)));
      seeds = result.seeds;
      if (same) break;
    }
    return result!;
  }

  /**
   * `file` and the files that can give it facts: importers that may register routes or pass exports on,
   * transitively up to {@link MAX_IMPORTER_DEPTH} steps, and every file configuring `@fastify/autoload`.
   */
  private closureOf(file: string): Set<string> {
    const closure = new Set([file]);
    let frontier = [file];
    for (let depth = 0; depth < MAX_IMPORTER_DEPTH && frontier.length > 0; depth += 1) {
      const next: string[] = [];
      for (const item of frontier) {
        for (const importer of this.importersOf(item)) {
          if (closure.has(importer)) continue;
          closure.add(importer);
          next.push(importer);
        }
      }
      frontier = next;
    }
    this.autoloaders ??= [...this.texts].filter(([, text]) => text.autoload && text.candidate).map(([item]) => item);
    for (const item of this.autoloaders) closure.add(item);
    return closure;
  }

  /** The files that import `file` and may register routes or pass exports on (text scan, resolved as TypeScript does). */
  private importersOf(file: string): ReadonlySet<string> {
    if (!this.importerMap) {
      this.importerMap = new Map();
      this.specifierMap = new Map();
      this.stale.clear();
      for (const importer of this.texts.keys()) this.addImports(importer);
    }
    // Files whose text changed since: their old imports out, their new ones in.
    for (const importer of this.stale) {
      for (const target of this.specifierMap.get(importer)?.keys() ?? [])
        this.importerMap.get(target)?.delete(importer);
      this.specifierMap.delete(importer);
      this.addImports(importer);
    }
    this.stale.clear();
    return this.importerMap.get(file) ?? new Set();
  }

  /** Adds what `importer` imports to the importer map, when it may register routes or pass exports on. */
  private addImports(importer: string): void {
    const text = this.texts.get(importer);
    if (!text || (!text.candidate && !text.passThrough)) return;
    const targets = new Map<string, Set<string>>();
    for (const specifier of text.specifiers) {
      const target = this.resolveQuickly(importer, specifier);
      if (!target || target === importer) continue;
      this.importerMap!.set(target, (this.importerMap!.get(target) ?? new Set()).add(importer));
      targets.set(target, (targets.get(target) ?? new Set()).add(specifier));
    }
    this.specifierMap.set(importer, targets);
  }

  /**
   * `resolve`, answered from the walked files for a relative specifier (the names TypeScript tries: as
   * written, `.ts`/`.tsx`/`.js`/… added, `.js` written for `.ts`, `index` files), so the importer map
   * costs no file-system lookups for most imports; aliases and the rest go to TypeScript.
   */
  private resolveQuickly(fromFile: string, specifier: string): string | null {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return this.resolver.resolve(fromFile, specifier);
    const base = resolvePath(dirname(fromFile), specifier);
    const stem = base.replace(/\.[cm]?js$/u, '');
    const walked = this.walked ?? new Set<string>();
    for (const candidate of [
      base,
      ...SCRIPT_EXTENSIONS.map((extension) => `${stem}${extension}`),
      ...SCRIPT_EXTENSIONS.map((extension) => `${base}${sep}index${extension}`),
    ])
      if (walked.has(candidate)) return candidate;
    return this.resolver.resolve(fromFile, specifier);
  }

  /** The specifiers `file` writes that resolve to a file of `focus`. */
  private specifiersInto(file: string, focus: ReadonlySet<string>): Set<string> {
    const found = new Set<string>();
    for (const [target, specifiers] of this.specifierMap.get(file) ?? [])
      if (focus.has(target)) for (const specifier of specifiers) found.add(specifier);
    return found;
  }

  private refresh(file: string | null): void {
    const now = Date.now();
    let changed = false;
    if (
      !this.options.files &&
      (this.walked === null || now - this.walkedAt > REWALK_MS || (file !== null && !this.walked.has(file)))
    ) {
      changed = this.walk() || changed;
      this.walkedAt = now;
    } else if (this.walked === null) {
      this.walked = new Set(this.options.files);
      for (const known of this.walked) this.check(known);
      changed = true;
    }
    const toCheck = new Set<string>();
    if (now - this.checkedAt > FULL_CHECK_MS) {
      for (const known of this.texts.keys()) toCheck.add(known);
      this.checkedAt = now;
    } else if (file !== null) {
      toCheck.add(file);
      for (const other of this.focused.get(file)?.files.keys() ?? []) toCheck.add(other);
      for (const other of this.importersOf(file)) toCheck.add(other);
    }
    for (const known of toCheck) changed = this.check(known) || changed;
    if (changed) this.whole = null;
  }

  /** Walks the root again; whether the set of files changed. */
  private walk(): boolean {
    let files: readonly string[];
    try {
      files = collectSourceFiles(this.root).files;
    } catch {
      files = [];
    }
    const before = this.walked;
    this.walked = new Set(files);
    let changed = before === null || before.size !== files.length || files.some((file) => !before.has(file));
    for (const file of this.texts.keys()) {
      if (!this.walked.has(file)) {
        this.texts.delete(file);
        this.entries.delete(file);
        changed = true;
      }
    }
    for (const file of files) if (!this.texts.has(file)) changed = this.check(file) || changed;
    if (changed) {
      // Files came or went: an import may now resolve elsewhere.
      this.resolver.clear();
      this.importerMap = null;
    }
    return changed;
  }

  /** Compares `file` with the version last seen; forgets what was read from an older one. Whether it changed. */
  private check(file: string): boolean {
    const version = versionOf(file);
    const known = this.texts.get(file);
    if (known && known.version === (version ?? '')) return false;
    this.entries.delete(file);
    this.stale.add(file);
    this.autoloaders = null;
    const text = version === null ? '' : (readText(file) ?? '');
    this.texts.set(file, {
      version: version ?? '',
      candidate: text !== '' && (mayDeclareRoutes(text, file) || ROUTE_CALL.test(text)),
      passThrough: PASS_THROUGH.test(text),
      autoload: text.includes('@fastify/autoload'),
      specifiers: [...text.matchAll(SPECIFIER)].map((match) => match[1]!),
      ...(NEST_GLOBAL_GUARD.test(text) ? { nestGlobalGuards: readNestGlobalGuards(text) } : {}),
    });
    return true;
  }

  /** The summary of `file` with `seeds`, from ESLint's tree for the file being linted, else read and parsed. */
  private summaryOf(file: string, seeds: ExternalFacts['parameterApps']): FileSummary | null {
    const seedKey = JSON.stringify(seeds);
    const cached = this.entries.get(file);
    if (cached && cached.seeds === seedKey) return cached.summary;
    const version = this.texts.get(file)?.version ?? versionOf(file) ?? '';
    let summary: FileSummary | null = null;
    try {
      let source: LiveSource | null = this.live?.file === file ? this.live.source : null;
      if (!source) {
        const text = readText(file);
        if (text !== null) {
          source = this.parse(file, text);
          this.parsed += 1;
        }
      }
      if (source) {
        const model = getRouteModelOf({
          ast: source.ast,
          globalScope: source.globalScope,
          filename: file,
          // The same facts object the rule passes when nothing is known: its model is then built once.
          external: seeds.length === 0 ? NO_FACTS : { ...NO_FACTS, parameterApps: seeds },
        });
        summary = summarizeFile(source.ast, source.globalScope, model);
      }
    } catch {
      summary = null;
    }
    this.entries.set(file, { version, seeds: seedKey, summary });
    return summary;
  }
}

/**
 * A file's version for the caches that read it: modification time (ms), size (bytes) and inode; `null`
 * when it is not a regular file or cannot be read.
 */
export function versionOf(file: string): string | null {
  try {
    const stats = statSync(file);
    return stats.isFile() ? `${stats.mtimeMs}:${stats.size}:${stats.ino}` : null;
  } catch {
    return null;
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
