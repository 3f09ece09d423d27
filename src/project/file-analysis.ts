import {
  getRouteModelOf,
  getServingIndexOf,
  type ExternalFacts,
  type RouteModel,
  type ServingIndex,
} from '../frameworks/index.js';
import { findBlockingCalls, type BlockingCall } from '../shared/blocking-calls.js';
import type { ApiAuditSettings } from '../shared/settings.js';
import { collectImports, type ImportFacts } from './imports.js';
import type { ParsedFile } from './parse.js';

/** What one file contributes to the project analysis, computed on its ESTree alone. */
export interface FileAnalysis {
  file: ParsedFile;
  /** The route model of `src/frameworks/`, exactly as the ESLint rules see it. */
  model: RouteModel;
  /** Which functions of the file serve requests as far as the file alone shows (what `no-sync-in-handler` reports on). */
  serving: ServingIndex;
  /** The blocking calls of the file (the catalog of `no-sync-in-handler`, plus `settings.blockingCalls`). */
  blocking: BlockingCall[];
  imports: ImportFacts[];
}

/**
 * Runs the per-file analyses the project checks build on. Pure: reads the file's ESTree and scopes, and
 * `external`, what the project index says about the file. The route model and serving index are the
 * ones the rules built when the command's lint handed over the tree (with the same facts).
 */
export function analyseFile(file: ParsedFile, settings: ApiAuditSettings, external?: ExternalFacts): FileAnalysis {
  const model = getRouteModelOf({
    ast: file.ast,
    globalScope: file.globalScope,
    filename: file.path,
    ...(external ? { external } : {}),
  });
  return {
    file,
    model,
    serving: getServingIndexOf(model, file.ast, file.globalScope, file.visitorKeys),
    blocking: findBlockingCalls(file.globalScope, { additional: settings.blockingCalls }),
    imports: collectImports(file),
  };
}
