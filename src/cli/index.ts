#!/usr/bin/env node
// The `api-audit` bin: runs the command and exits with its code (see ./main.ts).
import { argv, exit, stderr, stdout } from 'node:process';

import { removePendingTemporaryFiles } from '../audit/write.js';
import { EXIT, main } from './main.js';

/**
 * Exits with `code` once stdout and stderr have flushed. Writes to a pipe are asynchronous in Node.js
 * (process I/O docs, "A note on process I/O"), so `exit()` right after a large report would cut it off
 * at the pipe's buffer (64 KiB on Linux) for `api-audit -f json | jq`.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = (): void => {
    pending -= 1;
    if (pending === 0) exit(code);
  };
  stdout.write('', done);
  stderr.write('', done);
}

// Ctrl-C: files are replaced by rename, so each is old or new, never half-written; what remains of a
// write in progress is its temporary file, removed here. 130 is the shell's code for death by SIGINT.
process.once('SIGINT', () => {
  removePendingTemporaryFiles();
  stderr.write('api-audit: interrupted; files already fixed stay fixed, no file is half-written.\n');
  exit(130);
});

main(argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  stderr.write(`api-audit: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  exitWhenFlushed(EXIT.usage);
});
