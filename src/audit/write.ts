import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rm, stat, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files being written, removed by {@link removePendingTemporaryFiles} on an interrupt. */
const pending = new Set<string>();

/**
 * Writes `text` to `file` so that `file` holds either its old content or all of the new one, never a
 * part: the text goes to a temporary file beside it (same directory, so the same file system), which
 * is then renamed over `file` (POSIX `rename(2)` replaces the target atomically). The file's mode is
 * kept when it exists. An interrupted run (Ctrl-C) or a full disk leaves the original untouched and at
 * most a `.<name>.api-audit-<hex>.tmp` file, which a failed write removes (and the command's SIGINT
 * handler, through {@link removePendingTemporaryFiles}).
 *
 * @throws the file system's error (EACCES, EROFS, ENOSPC, …) when the file cannot be replaced.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.api-audit-${randomBytes(4).toString('hex')}.tmp`);
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o7777,
    () => undefined,
  );
  // Renaming over a file needs only a writable directory; a file nobody may write is left alone, as an
  // editor would (checked on the mode bits, because root passes every permission check).
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw Object.assign(new Error(`EACCES: the file is read-only, open '${file}'`), { code: 'EACCES' });
  }
  pending.add(temporary);
  try {
    await writeFile(temporary, text, mode === undefined ? {} : { mode });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    pending.delete(temporary);
  }
}

/** Removes the temporary files of writes still in progress (synchronously: called from a signal handler). */
export function removePendingTemporaryFiles(): void {
  for (const temporary of pending) rmSync(temporary, { force: true });
  pending.clear();
}
