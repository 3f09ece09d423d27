/**
 * Calls secretlint from a synchronous ESLint rule: the worker in `secretlint-worker.ts` runs
 * secretlint's recommended preset, and synckit blocks on it (one call per linted file, all of the
 * file's candidate strings in one batch).
 *
 * Where the worker is: a worker thread is plain Node, and Node 20 cannot load TypeScript, so the
 * rule always uses the compiled `secretlint-worker.js`. From `dist/` (the published package, the
 * `api-audit` command) it is the sibling file. When the rule runs from its TypeScript sources (vitest
 * imports `src/`), it is the same file under `dist/`, so tests need `npm run build` first
 * (`npm test` builds before it runs vitest). A stale `dist/` runs a stale worker; the worker only
 * ever returns ranges and secretlint ids, so its protocol rarely changes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FormatScanHit, scanTexts } from './secretlint-worker.js';

export type { FormatScanHit } from './secretlint-worker.js';

const WORKER_FILE = 'secretlint-worker.js';
/** Generous: the first call loads secretlint in the worker (about 0.2 s); later calls take milliseconds. */
const TIMEOUT_MS = 60_000;

let scanSync: ((texts: readonly string[]) => FormatScanHit[]) | undefined;

/** The compiled worker: next to this module in `dist/`, or under `dist/` when running from `src/`. */
export function findWorkerPath(): string {
  const here = fileURLToPath(import.meta.url);
  const directory = dirname(here);
  const sibling = join(directory, WORKER_FILE);
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  const marker = `${sep}src${sep}rules${sep}`;
  const at = directory.lastIndexOf(marker);
  const compiled =
    at === -1
      ? sibling
      : `${directory.slice(0, at)}${sep}dist${sep}rules${sep}${directory.slice(at + marker.length)}${sep}${WORKER_FILE}`;
  if (existsSync(compiled)) return compiled;
  throw new Error(
    `no-hardcoded-secrets: the compiled secretlint worker ${compiled} is missing. Run \`npm run build\` ` +
      '(the format check runs secretlint in a worker thread, which needs the compiled JavaScript), or set `checkFormats: false`.',
  );
}

/**
 * Runs secretlint over texts and returns its findings (text index, secretlint ids, range); the
 * worker starts on the first call. Errors from the worker propagate: a silently skipped format
 * check would hide leaked tokens.
 */
export function scanWithSecretlint(texts: readonly string[]): FormatScanHit[] {
  if (texts.length === 0) return [];
  // synckit (and the worker it starts) is loaded on the first string worth scanning, not at plugin import.
  scanSync ??= (createRequire(import.meta.url)('synckit') as typeof import('synckit')).createSyncFn<typeof scanTexts>(
    findWorkerPath(),
    { timeout: TIMEOUT_MS },
  );
  return scanSync(texts);
}
