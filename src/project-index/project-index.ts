import { readFileSync, statSync } from 'node:fs';

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

/** How often (milliseconds) the whole index is checked against the disk, and the tree walked again. */
const FULL_CHECK_MS = 1000;
const REWALK_MS = 30_000;
/** How many times seeds (apps received as parameters) are propagated before the link is taken as it is. */
const MAX_ROUNDS = 5;

interface Entry {
  version: string;
  /** The parameter apps it was summarised with, as JSON (a change means summarising again). */
  seeds: string;
  summary: FileSummary | null;
}

const NO_FACTS: ExternalFacts = { parameterApps: [], appPrefixes: [], handlers: [], middleware: [] };

/**
 * The project index of one service: apps, mounts, routes, handlers and middleware linked across its
 * files, from the route model of each file that imports a framework (and of the files their handlers,
 * mounted routers and app-receiving functions lead to). Built lazily on the first question, cached, and
 * brought up to date before each answer from file versions (modification time and size):
 * - the file asked about, the files that gave it facts and the files importing it, on every question
 *   (an editor that changes the router and re-lints the controller sees the change);
 * - every indexed file at most once per {@link FULL_CHECK_MS};
 * - the directory walk again when a file outside it is asked about, and every {@link REWALK_MS}.
 * Only what changed is parsed again; the link (cheap) is redone. Never throws on the service's content:
 * a file that cannot be read or parsed contributes nothing.
 */
export class ProjectIndex {
  private readonly resolver: ModuleResolver;
  private readonly parse: (file: string, text: string) => ParsedSource;
  private readonly entries = new Map<string, Entry>();
  /** Files known to the walk, with the version their candidacy was decided at and the answer. */
  private readonly candidacy = new Map<string, { version: string; candidate: boolean }>();
  private walked: Set<string> | null = null;
  private walkedAt = 0;
  private checkedAt = 0;
  private seeds = new Map<string, ExternalFacts['parameterApps']>();
  private result: LinkResult | null = null;
  private importers = new Map<string, Set<string>>();
  /** How many times files were summarised (parsed and modelled), for tests and the benchmark. */
  summaries = 0;

  constructor(
    readonly root: string,
    private readonly options: ProjectIndexOptions = {},
  ) {
    this.resolver = new ModuleResolver(root);
    this.parse = options.parse ?? ((file, text) => parseForIndex(text, file));
  }

  /**
   * What the rest of the project says about `file` (absolute path) for its route model, after bringing
   * the index up to date; the empty facts when nothing.
   */
  factsFor(file: string): ExternalFacts {
    this.refresh(file);
    return this.result?.facts.get(file) ?? NO_FACTS;
  }

  /** Every route of the service with its full path and, where resolved, its handler (after a refresh). */
  routes(): LinkedRoute[] {
    this.refresh(null);
    return this.result?.routes ?? [];
  }

  /**
   * The service file `specifier`, written in `fromFile`, resolves to as TypeScript resolves it (tsconfig
   * `paths`, package `imports`, index files, `.js` for `.ts`); `null` for a package or a missing file.
   */
  resolve(fromFile: string, specifier: string): string | null {
    return this.resolver.resolve(fromFile, specifier);
  }

  /** Apps handed to functions as parameters, caller to callee (after a refresh). */
  appLinks(): AppLink[] {
    this.refresh(null);
    return this.result?.appLinks ?? [];
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
      for (const known of this.entries.keys()) toCheck.add(known);
      for (const known of this.candidacy.keys()) toCheck.add(known);
      this.checkedAt = now;
    } else if (file !== null) {
      toCheck.add(file);
      for (const other of this.result?.providers.get(file) ?? []) toCheck.add(other);
      for (const other of this.importers.get(file) ?? []) toCheck.add(other);
    }
    for (const known of toCheck) changed = this.check(known) || changed;
    if (changed || !this.result) this.link();
  }

  /** Walks the root again; whether the set of candidate files changed. */
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
    for (const file of this.candidacy.keys()) {
      if (!this.walked.has(file)) {
        this.candidacy.delete(file);
        this.entries.delete(file);
        changed = true;
      }
    }
    for (const file of files) if (!this.candidacy.has(file)) changed = this.check(file) || changed;
    if (changed) this.resolver.clear();
    return changed;
  }

  /** Compares `file` with the version last seen; forgets what was read from an older one. Whether it changed. */
  private check(file: string): boolean {
    const version = versionOf(file);
    const entry = this.entries.get(file);
    let changed = false;
    if (entry && entry.version !== version) {
      this.entries.delete(file);
      changed = true;
    }
    const known = this.candidacy.get(file);
    if (!known || known.version !== version) {
      const candidate = version !== null && mayDeclareRoutes(readText(file) ?? '', file);
      changed = changed || (known?.candidate ?? false) !== candidate;
      this.candidacy.set(file, { version: version ?? '', candidate });
    }
    return changed;
  }

  private link(): void {
    const candidates = [...this.candidacy].filter(([, { candidate }]) => candidate).map(([file]) => file);
    let result: LinkResult | null = null;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      result = linkProject(candidates, {
        files: () => this.walked ?? [],
        summaryOf: (file) => this.summaryOf(file),
        resolve: (from, specifier) => this.resolver.resolve(from, specifier),
        displayPath: (file) => toProjectPath(this.root, file),
      });
      const same =
        result.seeds.size === this.seeds.size &&
        [...result.seeds].every(([file, seeds]) => JSON.stringify(seeds) === JSON.stringify(this.seeds.get(file)));
      this.seeds = result.seeds;
      if (same) break;
    }
    this.result = result;
    const importers = new Map<string, Set<string>>();
    for (const [file, entry] of this.entries) {
      for (const specifier of entry.summary?.specifiers ?? []) {
        const target = this.resolver.resolve(file, specifier);
        if (target) importers.set(target, (importers.get(target) ?? new Set()).add(file));
      }
    }
    this.importers = importers;
  }

  /** The summary of `file` with its current seeds, read and parsed when not cached. */
  private summaryOf(file: string): FileSummary | null {
    const seeds = this.seeds.get(file) ?? [];
    const seedKey = JSON.stringify(seeds);
    const cached = this.entries.get(file);
    if (cached && cached.seeds === seedKey) return cached.summary;
    const version = cached?.version ?? versionOf(file) ?? '';
    let summary: FileSummary | null = null;
    const text = readText(file);
    if (text !== null) {
      try {
        const parsed = this.parse(file, text);
        const model = getRouteModelOf({
          ast: parsed.ast,
          globalScope: parsed.globalScope,
          filename: file,
          external: { ...NO_FACTS, parameterApps: seeds },
        });
        summary = summarizeFile(parsed.ast, parsed.globalScope, model);
        this.summaries += 1;
      } catch {
        summary = null;
      }
    }
    this.entries.set(file, { version, seeds: seedKey, summary });
    return summary;
  }
}

function versionOf(file: string): string | null {
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
