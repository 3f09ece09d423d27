import { relative, sep } from 'node:path';

import { globSync } from 'tinyglobby';

/** Directories never analysed: dependencies, build output, coverage reports. */
export const IGNORED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'coverage']);

const DECLARATION_FILE = /\.d\.[cm]?ts$/u;

/**
 * The script files under `root` (`.js`, `.mjs`, `.cjs`, `.ts`, `.mts`, `.cts`, `.jsx`, `.tsx`), found with
 * tinyglobby without entering {@link IGNORED_DIRECTORIES} or hidden directories. Declaration files are
 * included (they give types); they are never analysed. Returns absolute paths, sorted.
 */
export function findScriptFiles(root: string): string[] {
  return globSync(['**/*.{js,mjs,cjs,ts,mts,cts,jsx,tsx}'], {
    cwd: root,
    ignore: [...IGNORED_DIRECTORIES].map((name) => `**/${name}/**`),
    dot: false,
    absolute: true,
    expandDirectories: false,
  }).sort();
}

/**
 * Whether a program file belongs to the service's own code: not a declaration file and not inside
 * one of the {@link IGNORED_DIRECTORIES} (judged on its path relative to `root`, so a project that
 * itself lives under a `build/` directory is not ignored).
 */
export function isServiceFile(root: string, file: string): boolean {
  if (DECLARATION_FILE.test(file)) return false;
  const segments = relative(root, file).split(sep);
  return !segments.slice(0, -1).some((segment) => IGNORED_DIRECTORIES.has(segment));
}

/** `file` relative to `root` with `/` separators, as paths appear in messages and layer globs. */
export function toProjectPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
