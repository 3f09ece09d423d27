import { existsSync, readFileSync } from 'node:fs';
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

/** Node's built-in modules, which never resolve to a service file. */
const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * Resolves module specifiers to the service's own files as TypeScript does (its `resolveModuleName`):
 * tsconfig `paths` and `baseUrl` (through `extends` chains), package.json `imports` (`#db`), index
 * files, `.js` specifiers written for `.ts` sources, extensionless relative imports. Compiler options
 * come from `tsconfig.json` (else `jsconfig.json`) in `root`; without one, or when it cannot be read,
 * bundler-style resolution with JavaScript allowed. Packages (anything resolved into `node_modules`),
 * declaration files and files outside `root` resolve to `null`. Results are cached per directory and
 * specifier until {@link clear}.
 */
export class ModuleResolver {
  private options: TypeScript.CompilerOptions | undefined;
  private cache: TypeScript.ModuleResolutionCache | undefined;
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
    const ts = typescript();
    this.options ??= readCompilerOptions(this.root);
    this.cache ??= ts.createModuleResolutionCache(this.root, (name) => name, this.options);
    const resolved = ts.resolveModuleName(specifier, fromFile, this.options, ts.sys, this.cache).resolvedModule;
    const file = resolved?.resolvedFileName;
    const result =
      !file ||
      resolved.isExternalLibraryImport === true ||
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
    this.cache = undefined;
    this.options = undefined;
  }
}

/**
 * The compiler options of `root`'s `tsconfig.json` or `jsconfig.json` as `tsc -p` reads them (with its
 * `extends` chain), with JavaScript allowed so `.js` files resolve too; a config that cannot be read
 * gives the defaults instead (the index never stops a lint).
 */
function readCompilerOptions(root: string): TypeScript.CompilerOptions {
  const ts = typescript();
  const defaults: TypeScript.CompilerOptions = {
    allowJs: true,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolvePackageJsonImports: true,
  };
  const configPath = ['tsconfig.json', 'jsconfig.json']
    .map((name) => join(root, name))
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

/** The names in `root`'s package.json dependency lists (none when it cannot be read). */
function readDependencies(root: string): ReadonlySet<string> {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const names = new Set<string>();
    for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const list = manifest[key];
      if (list && typeof list === 'object') for (const name of Object.keys(list)) names.add(name);
    }
    return names;
  } catch {
    return new Set();
  }
}
