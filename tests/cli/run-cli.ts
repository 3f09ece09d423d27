import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the built `api-audit` bin (tests of the command run `dist/`, as users do). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const bin = join(repositoryRoot, 'dist/cli/index.js');

/** What one run of the command gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link apiAudit}. */
export interface CliRunOptions {
  cwd?: string;
  /** A command that runs the command (`['setpriv', …]`): `[...launcher, node, bin, ...args]`. */
  launcher?: readonly string[];
}

/**
 * Runs the built `api-audit` bin in a child process with colours off and `CI=true`; resolves with the
 * exit code and both outputs, never rejects.
 */
export function apiAudit(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const [file, ...prefix] = [...(options.launcher ?? []), process.execPath];
    execFile(
      file!,
      [...prefix, bin, ...args],
      {
        cwd: options.cwd ?? repositoryRoot,
        env: { ...process.env, NO_COLOR: '1', CI: 'true' },
        maxBuffer: 32 * 2 ** 20,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
