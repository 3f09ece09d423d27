import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

import { RealFileSystemHost } from '@ts-morph/common';
import { Project, type ts } from 'ts-morph';

import { getProgramSharing, type ProgramSharing } from './program-sharing.js';
import { collectSourceFiles, isServiceFile, type SourceFileSet } from '../project-index/source-files.js';
import { javascriptProjectOptions, ProjectLoadError, readTsconfig } from './tsconfig.js';

/** Options of {@link loadProject}. */
export interface LoadProjectOptions {
  /** A `tsconfig*.json` file, or a directory (its `tsconfig.json`, else a JavaScript project). */
  target: string;
  /** Directory a relative `target` is resolved from; defaults to `process.cwd()`. */
  cwd?: string;
  /**
   * The service's files as the audit collected them (see `collectSourceFiles`): a JavaScript project's
   * program is made of them, and a tsconfig's files that were skipped (unreadable, binary, minified,
   * generated, too large) are left out of its program. Collected from the project's directory when
   * not given.
   */
  sources?: SourceFileSet;
}

/** A file left out of the program because TypeScript's parser could not read it, with the reason. */
export interface UnparsableFile {
  file: string;
  message: string;
}

/**
 * One TypeScript program for an audit, built once with ts-morph and shared: the checker walks it and
 * typescript-eslint reads it (see {@link LoadedProject.parserOptions}).
 */
export interface LoadedProject {
  /** The tsconfig's directory, or the JavaScript project's directory. */
  root: string;
  /** Absolute path of the tsconfig, or `null` for a JavaScript project without one. */
  tsconfig: string | null;
  project: Project;
  program: ts.Program;
  /** The service's own files in the program (no declaration files, nothing under node_modules, dist, build, coverage), sorted. */
  files: string[];
  /** Service files TypeScript could not parse at all (deeper nesting than its parser's stack allows); not in `program`. */
  unparsable: UnparsableFile[];
  /** What was adjusted while loading (TypeScript 6 defaults, deprecated options) and config problems that were not fatal. */
  warnings: string[];
  /** Whether typescript-eslint can read `program` (same TypeScript on both sides). */
  sharing: ProgramSharing;
  /**
   * `parserOptions` for typescript-eslint that give rules type information from this same program
   * (`{ programs: [program] }`); when the program cannot be shared, the tsconfig for typescript-eslint
   * to build its own program, or nothing for a JavaScript project.
   */
  parserOptions: Record<string, unknown>;
}

/**
 * Loads a service as one TypeScript program. `target` is a tsconfig file, or a directory: its
 * `tsconfig.json` when present, else a JavaScript project whose script files are found by walking the
 * directory (`allowJs`, Node.js module resolution; see `collectSourceFiles`, whose skipped files stay
 * out of either kind of program). Tsconfigs written for TypeScript 5 are adjusted to
 * TypeScript 6's defaults (see `readTsconfig`), with a warning per adjustment. Nothing is type-checked
 * here; the program is created and its checker built lazily by whoever asks first.
 *
 * @throws {ProjectLoadError} when the target does not exist or its tsconfig cannot be read.
 */
export function loadProject(options: LoadProjectOptions): LoadedProject {
  const target = resolve(options.cwd ?? process.cwd(), options.target);
  if (!existsSync(target)) throw new ProjectLoadError(`${target} does not exist`);
  const isDirectory = statSync(target).isDirectory();
  const tsconfig = isDirectory
    ? existsSync(join(target, 'tsconfig.json'))
      ? join(target, 'tsconfig.json')
      : null
    : target;
  const root = tsconfig ? dirname(tsconfig) : target;

  let compilerOptions: ts.CompilerOptions;
  let fileNames: string[];
  const warnings: string[] = [];
  const sources = options.sources ?? collectSourceFiles(root);
  if (tsconfig) {
    const read = readTsconfig(tsconfig);
    compilerOptions = read.options;
    const skipped = new Set(sources.skipped.map((entry) => entry.file));
    fileNames = read.fileNames.filter((file) => !skipped.has(resolve(file)));
    warnings.push(...read.warnings);
  } else {
    compilerOptions = javascriptProjectOptions();
    fileNames = [...sources.files, ...sources.declarations];
  }

  // TypeScript reads `\` in a path as a directory separator (as on Windows), so a POSIX file name with a
  // backslash cannot be in a program: the rules still lint it, the project checks leave it out.
  if (sep === '/') {
    for (const fileName of fileNames.filter((name) => name.includes('\\'))) {
      warnings.push(
        `${relative(root, fileName)}: a backslash in the file name, which TypeScript reads as a directory separator; the project checks leave this file out (the rules still lint it)`,
      );
    }
    fileNames = fileNames.filter((name) => !name.includes('\\'));
  }
  const project = new Project({
    compilerOptions,
    fileSystem: new CachingFileSystemHost(),
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
  const unparsable: UnparsableFile[] = [];
  for (const fileName of fileNames) {
    try {
      project.addSourceFileAtPath(fileName);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // Nested deeper than TypeScript's recursive parser can go (a few hundred to a thousand levels,
      // by shape): the file stays out of the program and is reported as a parse error.
      unparsable.push({
        file: fileName,
        message: `Parsing error: ${error.message} (nested deeper than TypeScript's parser can go)`,
      });
    }
  }
  let program: ts.Program;
  try {
    program = project.getProgram().compilerObject;
  } catch (error) {
    if (!(error instanceof RangeError) || unparsable.length === 0) throw error;
    const names = unparsable.map((item) => relative(root, item.file)).join(', ');
    throw new ProjectLoadError(
      `${names} cannot be parsed by TypeScript (nested too deeply) and another file imports it, so no program can be built; leave it out with --ignore, or use --lint-only`,
    );
  }
  const files = program
    .getSourceFiles()
    .map((sourceFile) => sourceFile.fileName)
    .filter((file) => isServiceFile(root, file))
    .sort();
  const sharing = getProgramSharing();
  const parserOptions: Record<string, unknown> = sharing.shared
    ? { programs: [program] }
    : tsconfig
      ? { project: tsconfig, tsconfigRootDir: root }
      : {};
  if (!sharing.shared) warnings.push(`typescript-eslint cannot reuse the checker's program: ${sharing.reason}`);
  return { root, tsconfig, project, program, files, unparsable, warnings, sharing, parserOptions };
}

/**
 * The real file system, with the answers to "does this directory exist?" and "does this file exist?"
 * kept for the program's build: TypeScript's module resolution asks for every `node_modules` folder up
 * the tree for every package import (`directoryProbablyExists`), and ts-morph's host asks the disk
 * each time (a `statSync`: 0.6 s of a 861-file NestJS service's audit, measured with `--cpu-prof`).
 * Nothing is written while the program is built, so the answers hold.
 */
class CachingFileSystemHost extends RealFileSystemHost {
  readonly #directories = new Map<string, boolean>();
  readonly #files = new Map<string, boolean>();

  override directoryExistsSync(dirPath: string): boolean {
    let exists = this.#directories.get(dirPath);
    if (exists === undefined) this.#directories.set(dirPath, (exists = super.directoryExistsSync(dirPath)));
    return exists;
  }

  override fileExistsSync(filePath: string): boolean {
    let exists = this.#files.get(filePath);
    if (exists === undefined) this.#files.set(filePath, (exists = super.fileExistsSync(filePath)));
    return exists;
  }
}
