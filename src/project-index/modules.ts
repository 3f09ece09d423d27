import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

import type { ts as TypeScript } from 'ts-morph';

const require = createRequire(import.meta.url);
let loaded: typeof TypeScript | undefined;

/**
 * TypeScript (the copy ts-morph bundles, 6.0, through `@ts-morph/common` without the rest of ts-morph:
 * 0.44 s to load instead of 0.70 s), loaded on first use: a lint that never needs facts from other files
 * never pays for it.
 */
function typescript(): typeof TypeScript {
  loaded ??= (require('@ts-morph/common') as { ts: typeof TypeScript }).ts;
  return loaded;
}

/** A package specifier: not relative, not absolute, not a package.json `imports` entry (`#db`). */
function isBare(specifier: string): boolean {
  return (
    !specifier.startsWith('.') &&
    !specifier.startsWith('/') &&
    !specifier.startsWith('#') &&
    !/^[A-Za-z]:/u.test(specifier)
  );
}

/** Node's built-in modules, which never resolve to a service file. */
const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * Resolves module specifiers to the service's own files as TypeScript does (its `resolveModuleName`):
 * tsconfig `paths` and `baseUrl` (through `extends` chains), package.json `imports` (`#db`), index
 * files, `.js` specifiers written for `.ts` sources, extensionless relative imports. Compiler options
 * come from the nearest `tsconfig.json` (else `jsconfig.json`) above the importing file, up to `root`;
 * without one, or when it cannot be read,
 * bundler-style resolution with JavaScript allowed. Packages (anything whose real path is in
 * `node_modules`), declaration files and files outside `root` resolve to `null`; a workspace package
 * linked into `node_modules` resolves to its sources. Results are cached per directory and
 * specifier until {@link clear}.
 */
export class ModuleResolver {
  /** Per directory holding a tsconfig/jsconfig (or the root): its options and TypeScript's resolution cache. */
  private readonly configs = new Map<
    string,
    { options: TypeScript.CompilerOptions; cache: TypeScript.ModuleResolutionCache }
  >();
  /** Per directory of an importing file: the directory whose config applies. */
  private readonly configOf = new Map<string, string>();
  private readonly results = new Map<string, string | null>();

  private packages: ReadonlySet<string> | undefined;

  constructor(private readonly root: string) {}

  /**
   * The file `specifier`, written in `fromFile`, resolves to (absolute path), or `null`. Node built-ins
   * and the packages `root`'s package.json depends on answer `null` without asking TypeScript.
   */
  resolve(fromFile: string, specifier: string): string | null {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return null;
    this.packages ??= readDependencies(this.root);
    if (this.packages.has(packageName(specifier))) return null;
    const key = `${dirname(fromFile)}\0${specifier}`;
    const cached = this.results.get(key);
    if (cached !== undefined) return cached;
    // A package name with no tsconfig/jsconfig to map it (`paths`) and no workspace link in node_modules
    // can only be an installed package (or a missing one): no need to load TypeScript to say so.
    if (isBare(specifier) && !this.hasConfig(dirname(fromFile)) && !this.isWorkspaceLink(fromFile, specifier)) {
      this.results.set(key, null);
      return null;
    }
    const ts = typescript();
    const { options, cache } = this.configFor(dirname(fromFile));
    const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys, cache).resolvedModule;
    const file = resolved?.resolvedFileName;
    // A workspace package resolves through its node_modules link to its real path inside the root: that
    // is the service's own code (TypeScript still calls it an external library import).
    const result =
      !file ||
      /\.d\.[cm]?ts$/u.test(file) ||
      relative(this.root, file).startsWith(`..${sep}`) ||
      file.split(/[\\/]/u).includes('node_modules')
        ? null
        : file;
    this.results.set(key, result);
    return result;
  }

  /** Forgets every resolution (a file was added or removed, or a tsconfig changed). */
  clear(): void {
    this.packages = undefined;
    this.results.clear();
    this.configs.clear();
    this.configOf.clear();
  }

  /** Whether a `tsconfig.json` or `jsconfig.json` applies to files of `directory` (see {@link configFor}). */
  private hasConfig(directory: string): boolean {
    const home = this.homeOf(directory);
    return existsSync(join(home, 'tsconfig.json')) || existsSync(join(home, 'jsconfig.json'));
  }

  /** Whether `node_modules/<package>` seen from `fromFile` (up to the root) is a symbolic link: a workspace package. */
  private isWorkspaceLink(fromFile: string, specifier: string): boolean {
    const name = packageName(specifier);
    for (let current = dirname(fromFile); !relative(this.root, current).startsWith('..'); current = dirname(current)) {
      try {
        if (lstatSync(join(current, 'node_modules', name)).isSymbolicLink()) return true;
      } catch {
        // not installed here
      }
      if (current === this.root || dirname(current) === current) break;
    }
    return false;
  }

  /** The directory whose config applies to files of `directory`: the nearest one with a config, else the root. */
  private homeOf(directory: string): string {
    let home = this.configOf.get(directory);
    if (home === undefined) {
      home = this.root;
      for (let current = directory; !relative(this.root, current).startsWith('..'); current = dirname(current)) {
        if (existsSync(join(current, 'tsconfig.json')) || existsSync(join(current, 'jsconfig.json'))) {
          home = current;
          break;
        }
        if (current === this.root || dirname(current) === current) break;
      }
      this.configOf.set(directory, home);
    }
    return home;
  }

  /**
   * The compiler options for files of `directory`: those of the nearest `tsconfig.json`/`jsconfig.json`
   * at or above it, up to the root (a monorepo's packages each have their own `paths`).
   */
  private configFor(directory: string): {
    options: TypeScript.CompilerOptions;
    cache: TypeScript.ModuleResolutionCache;
  } {
    const home = this.homeOf(directory);
    let config = this.configs.get(home);
    if (!config) {
      const options = readCompilerOptions(home);
      config = { options, cache: typescript().createModuleResolutionCache(home, (name) => name, options) };
      this.configs.set(home, config);
    }
    return config;
  }
}

/**
 * The compiler options of `directory`'s `tsconfig.json` or `jsconfig.json` as `tsc -p` reads them (with its
 * `extends` chain), with JavaScript allowed so `.js` files resolve too; a config that cannot be read
 * gives the defaults instead (the index never stops a lint).
 */
function readCompilerOptions(directory: string): TypeScript.CompilerOptions {
  const ts = typescript();
  const defaults: TypeScript.CompilerOptions = {
    allowJs: true,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolvePackageJsonImports: true,
  };
  const configPath = ['tsconfig.json', 'jsconfig.json']
    .map((name) => join(directory, name))
    .find((path) => existsSync(path));
  if (!configPath) return defaults;
  try {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    if (!parsed) return defaults;
    const options = { ...parsed.options, allowJs: true };
    if (options.moduleResolution === undefined || options.moduleResolution === ts.ModuleResolutionKind.Classic) {
      options.moduleResolution = ts.ModuleResolutionKind.Bundler;
      options.module = ts.ModuleKind.Preserve;
    }
    options.resolvePackageJsonImports ??= true;
    return options;
  } catch {
    return defaults;
  }
}

/** The package a bare specifier names (`@scope/name` or `name`), or the specifier itself when it is a path. */
function packageName(specifier: string): string {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The names in `root`'s package.json dependency lists (none when it cannot be read), except workspace and
 * local ones (`workspace:*`, `file:`, `link:`), which are the service's own code.
 */
function readDependencies(root: string): ReadonlySet<string> {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const names = new Set<string>();
    for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const list = manifest[key];
      if (!list || typeof list !== 'object') continue;
      for (const [name, version] of Object.entries(list))
        if (typeof version !== 'string' || !/^(?:workspace|file|link):/u.test(version)) names.add(name);
    }
    return names;
  } catch {
    return new Set();
  }
}
