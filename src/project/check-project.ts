import { isInLayer, parseSettings } from '../shared/settings.js';
import { buildAppGraph, type ProjectApp } from './app-graph.js';
import { CallGraph } from './call-graph.js';
import { checkAppControls } from './checks/app-controls.js';
import { collectServingRoots, findReachableBlockingCalls } from './checks/blocking-call-reachable.js';
import { checkLayering } from './checks/layering.js';
import { analyseFile, type FileAnalysis } from './file-analysis.js';
import { DEFAULT_SEVERITIES, finalizeFindings, type DraftFinding } from './findings.js';
import { ImportResolver } from './imports.js';
import { buildInventory } from './inventory.js';
import { loadProject } from './load-project.js';
import { isParseFailure, parseFile, type ParsedFile } from './parse.js';
import { Resolver, type FunctionRef } from './resolve.js';
import { collectRouteEntries } from './route-entries.js';
import { toProjectPath } from '../project-index/source-files.js';
import type { CheckProjectOptions, ProjectCheckResult } from './types.js';

/** How many calls deep `blocking-call-reachable` follows from a handler unless told otherwise. */
export const DEFAULT_MAX_DEPTH = 6;

/**
 * Checks a whole service for what no per-file rule can see: blocking calls reached from handlers
 * through other files, layering between routes, services and data, app-level controls (error handler,
 * rate limiting, security headers, health check, versioned routes), and builds the route inventory.
 *
 * One TypeScript program is loaded (or reused from `options.project`); every service file is parsed
 * from it to ESTree and read by the route model of `src/frameworks/`, and symbols are resolved across
 * files with the program's checker. Nothing is written or changed. Files that do not parse are reported
 * (`api-audit/parse-error`) and skipped. Files in `layers.nonRuntime` (tests, scripts, migrations) and
 * those `options.ignore` rejects are not analysed.
 *
 * @throws {ProjectLoadError} when the target cannot be loaded; {@link SettingsError} for invalid settings.
 */
export async function checkProject(options: CheckProjectOptions): Promise<ProjectCheckResult> {
  const settings = parseSettings(options.settings, 'checkProject() settings');
  const started = performance.now();
  if (!options.project && options.target === undefined)
    throw new TypeError('checkProject() needs `target` or `project`');
  const loaded =
    options.project ?? loadProject({ target: options.target!, ...(options.cwd ? { cwd: options.cwd } : {}) });
  const { root, program } = loaded;
  const loadMs = performance.now() - started;

  const parseStarted = performance.now();
  const files = new Map<string, ParsedFile>();
  const drafts: DraftFinding[] = [];
  const warnings = [...loaded.warnings];
  const sharedProgram = loaded.sharing.shared ? program : null;
  for (const { file, message } of loaded.unparsable) {
    if (options.ignore && (await options.ignore(file))) continue;
    drafts.push({ check: 'parse-error', file, line: 1, column: 1, endLine: 1, endColumn: 1, message });
  }
  for (const path of loaded.files) {
    if (isInLayer(settings, 'nonRuntime', toProjectPath(root, path))) continue;
    if (options.ignore && (await options.ignore(path))) continue;
    const sourceFile = program.getSourceFile(path);
    if (!sourceFile) continue;
    const given = options.parsed?.get(path);
    const parsed = given
      ? { path, projectPath: toProjectPath(root, path), sourceFile, ...given }
      : parseFile(sourceFile, root, sharedProgram);
    if (isParseFailure(parsed)) {
      drafts.push({
        check: 'parse-error',
        file: parsed.path,
        line: parsed.line,
        column: parsed.column,
        endLine: parsed.line,
        endColumn: parsed.column,
        message: parsed.message,
      });
      continue;
    }
    files.set(path, parsed);
  }
  const parseMs = performance.now() - parseStarted;

  const analyseStarted = performance.now();
  const analyses = new Map<ParsedFile, FileAnalysis>();
  for (const file of files.values()) {
    try {
      analyses.set(file, analyseFile(file, settings, options.index?.factsFor(file.path)));
    } catch (error) {
      warnings.push(`${file.projectPath}: not analysed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const list = [...analyses.values()];
  // A bug in one check must not cost the audit the others: each phase that fails becomes a warning.
  const guarded = <T>(what: string, run: () => T, fallback: T): T => {
    try {
      return run();
    } catch (error) {
      warnings.push(`${what} failed and was skipped: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };
  const resolver = new Resolver(program, files);
  const graph = guarded('linking apps across files', () => buildAppGraph(list, resolver, options.index?.appLinks()), {
    apps: [],
    roots: [],
    throwaway: new Set<ProjectApp>(),
    appOf: () => undefined,
  });
  // Handlers the index linked to a registration in another file, by where they are registered.
  const linked = new Map<string, FunctionRef>();
  for (const { file, model } of list)
    for (const [fn, routes] of model.remoteHandlers)
      for (const route of routes) linked.set(`${route.file}:${route.line}`, { file, fn });
  const entries = guarded(
    'the route inventory',
    () => collectRouteEntries(graph, resolver, linked, settings.authMiddleware),
    [],
  );
  const enabled = (check: keyof typeof DEFAULT_SEVERITIES): boolean => options.checks?.[check] !== 'off';
  drafts.push(
    ...guarded(
      'api-audit/blocking-call-reachable',
      () =>
        enabled('blocking-call-reachable')
          ? findReachableBlockingCalls(
              collectServingRoots(entries, graph),
              new CallGraph(resolver, analyses),
              analyses,
              options.maxDepth ?? DEFAULT_MAX_DEPTH,
            )
          : [],
      [],
    ),
  );
  drafts.push(
    ...guarded(
      'api-audit/layering',
      () =>
        enabled('layering')
          ? checkLayering(list, settings, new ImportResolver(program.getCompilerOptions(), root), root, graph)
          : [],
      [],
    ),
  );
  const { controls, findings: controlFindings } = guarded(
    'the app-level checks',
    () => checkAppControls(graph, entries, list),
    { controls: [], findings: [] },
  );
  drafts.push(...controlFindings);
  const inventory = buildInventory(entries, controls);
  const analyseMs = performance.now() - analyseStarted;

  return {
    root,
    findings: finalizeFindings(drafts, options.checks ?? {}),
    inventory,
    warnings,
    stats: {
      files: files.size,
      loadMs: Math.round(loadMs),
      parseMs: Math.round(parseMs),
      analyseMs: Math.round(analyseMs),
    },
  };
}
