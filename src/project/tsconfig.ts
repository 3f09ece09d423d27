import { basename, dirname, relative } from 'node:path';

import { ts } from 'ts-morph';

/** Thrown when the target cannot be loaded at all (missing path, unreadable tsconfig): a usage error. */
export class ProjectLoadError extends Error {
  override name = 'ProjectLoadError';
}

/** A tsconfig read for analysis: the options to build the program with, its files, and what was adjusted. */
export interface ReadTsconfigResult {
  options: ts.CompilerOptions;
  fileNames: string[];
  warnings: string[];
}

/**
 * Diagnostics TypeScript 6 gives for options it deprecates (`baseUrl`, `moduleResolution: node10`,
 * `target: es5`, `esModuleInterop: false`, …): errors unless `ignoreDeprecations: "6.0"` is set.
 */
const DEPRECATED_OPTION_CODES = new Set([5101, 5107]);
/** A file the config names cannot be read: TS5083 (`extends` target), TS6053 (a `files` entry). */
const MISSING_FILE_CODES = new Set([5083, 6053]);
/** What the audit loses when compiler options from a missing `extends` target are not there. */
const LOST_PRECISION =
  '; the audit went on without its compiler options, so imports through `paths`/`baseUrl` aliases may not resolve: the cross-file findings (blocking-call-reachable chains, layering, routers mounted from other files in the inventory and the app-level checks) can miss what lies behind such imports';

/** Diagnostics for options that were removed (TypeScript 5.5) and no longer have any effect. */
const REMOVED_OPTION_CODES = new Set([5102, 5108]);

/**
 * Reads a tsconfig the way `tsc -p` does (`extends`, `include`/`exclude`, `files`, project references
 * for a solution-style config with no files of its own), with ts-morph's TypeScript (6.0), and adjusts
 * what TypeScript 6 changed so a tsconfig written for TypeScript 5 still loads as its authors meant:
 * - `types` unset: TypeScript 6 defaults it to `[]` (no `@types` package is loaded); it becomes
 *   `["*"]`, TypeScript 5's behaviour of loading every package under `node_modules/@types`;
 * - options TypeScript 6 deprecates: `ignoreDeprecations: "6.0"` is set so they keep working.
 * Every adjustment and every non-fatal config problem is returned as a warning.
 *
 * @param configPath absolute path of the tsconfig file.
 * @throws {ProjectLoadError} when the file (or one it extends or references) cannot be read or is not valid JSON.
 */
export function readTsconfig(configPath: string): ReadTsconfigResult {
  const warnings: string[] = [];
  const parsed = parseConfig(configPath, warnings);
  let { options, fileNames } = parsed;
  if (fileNames.length === 0 && parsed.projectReferences?.length) {
    const referenced = readReferences(configPath, parsed.projectReferences, warnings);
    if (referenced) ({ options, fileNames } = referenced);
  }
  return { options: adjustForTypeScript6(options, configPath, warnings), fileNames, warnings };
}

/**
 * Compiler options for a JavaScript project without a tsconfig: JavaScript allowed (not type-checked),
 * Node.js module resolution (`require` and `import` as Node resolves them), every `@types` package.
 */
export function javascriptProjectOptions(): ts.CompilerOptions {
  return {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['*'],
    skipLibCheck: true,
  };
}

function parseConfig(configPath: string, warnings: string[]): ts.ParsedCommandLine {
  // TypeScript goes on with empty options after a JSON syntax error; an audit of nothing would mislead.
  const syntax = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path)).error;
  if (syntax) throw new ProjectLoadError(`Cannot read ${configPath}: ${formatDiagnostic(syntax)}`);
  let fatal: ts.Diagnostic | undefined;
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic(diagnostic) {
      fatal = diagnostic;
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
  if (!parsed || fatal) {
    throw new ProjectLoadError(`Cannot read ${configPath}: ${fatal ? formatDiagnostic(fatal) : 'unknown error'}`);
  }
  for (const error of parsed.errors) {
    const text = formatDiagnostic(error);
    warnings.push(
      `${basename(configPath)}: ${MISSING_FILE_CODES.has(error.code) ? `${text.replace(/\.$/u, '')}${LOST_PRECISION}` : text}`,
    );
  }
  return parsed;
}

/** Files of a solution-style config's references, in one program with the first referenced config's options. */
function readReferences(
  configPath: string,
  references: readonly ts.ProjectReference[],
  warnings: string[],
): { options: ts.CompilerOptions; fileNames: string[] } | null {
  const fileNames = new Set<string>();
  const used: string[] = [];
  let options: ts.CompilerOptions | null = null;
  for (const reference of references) {
    const path = ts.resolveProjectReferencePath(reference);
    if (!ts.sys.fileExists(path)) {
      warnings.push(`${basename(configPath)}: referenced project ${relative(dirname(configPath), path)} not found`);
      continue;
    }
    const parsed = parseConfig(path, warnings);
    if (parsed.fileNames.length === 0) continue;
    options ??= parsed.options;
    used.push(relative(dirname(configPath), path));
    for (const name of parsed.fileNames) fileNames.add(name);
  }
  if (!options) return null;
  warnings.push(
    `${basename(configPath)} lists no files of its own; analysed the files of its references (${used.join(', ')}) in one program with the options of ${used[0]}`,
  );
  return { options, fileNames: [...fileNames] };
}

function adjustForTypeScript6(options: ts.CompilerOptions, configPath: string, warnings: string[]): ts.CompilerOptions {
  const adjusted: ts.CompilerOptions = { ...options };
  const name = basename(configPath);
  if (adjusted.types === undefined) {
    adjusted.types = ['*'];
    // Named only when the service has them itself: `@types` folders of directories above it (a monorepo's
    // root, or whatever the service sits in) are loaded as TypeScript 5 did, but are not the service's news.
    const service = dirname(configPath);
    const typeRoots = (ts.getEffectiveTypeRoots(adjusted, { getCurrentDirectory: () => service }) ?? []).filter(
      (typeRoot) => !relative(service, typeRoot).startsWith('..'),
    );
    const found = ts.getAutomaticTypeDirectiveNames({ ...adjusted, typeRoots }, ts.sys);
    if (found.length > 0) {
      warnings.push(
        `${name}: \`compilerOptions.types\` is not set and TypeScript 6 defaults it to []; loaded every @types package (${found.join(', ')}) as TypeScript 5 did ("types": ["*"])`,
      );
    }
  }
  // A program without files checks the options alone, without parsing anything.
  const probe = ts.createProgram({ rootNames: [], options: { ...adjusted, noLib: true, types: [] } });
  const deprecated: string[] = [];
  for (const diagnostic of probe.getOptionsDiagnostics()) {
    const option = /Option '([^']+)'/u.exec(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))?.[1];
    if (option === undefined) continue;
    if (DEPRECATED_OPTION_CODES.has(diagnostic.code)) deprecated.push(option);
    if (REMOVED_OPTION_CODES.has(diagnostic.code))
      warnings.push(`${name}: \`${option}\` was removed from TypeScript and is ignored`);
  }
  if (deprecated.length > 0) {
    adjusted.ignoreDeprecations = '6.0';
    warnings.push(
      `${name}: TypeScript 6 deprecates ${deprecated.map((option) => `\`${option}\``).join(', ')}; loaded with "ignoreDeprecations": "6.0" so they still apply`,
    );
  }
  return adjusted;
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  return `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
}
