import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

import type { ts as TypeScript } from 'ts-morph';

const require = createRequire(import.meta.url);
let loaded: typeof TypeScript | undefined;

/**
 * TypeScript (the copy ts-morph bundles, 6.0), loaded on first use: a lint that never needs facts from
 * other files never pays its ~0.5 s load.
 */
function typescript(): typeof TypeScript {
  loaded ??= (require('ts-morph') as { ts: typeof TypeScript }).ts;
  return loaded;
}

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

  constructor(private readonly root: string) {}

  /** The file `specifier`, written in `fromFile`, resolves to (absolute path), or `null`. */
  resolve(fromFile: string, specifier: string): string | null {
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
