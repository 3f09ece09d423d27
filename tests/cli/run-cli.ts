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
  /** Run as this user id (and its group): root reads every file, so unreadable files need another user. */
  uid?: number;
  gid?: number;
}

/**
 * Runs the built `api-audit` bin in a child process with colours off and `CI=true`; resolves with the
 * exit code and both outputs, never rejects.
 */
export function apiAudit(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: options.cwd ?? repositoryRoot,
        env: { ...process.env, NO_COLOR: '1', CI: 'true' },
        maxBuffer: 32 * 2 ** 20,
        ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
