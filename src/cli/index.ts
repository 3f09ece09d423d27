#!/usr/bin/env node
// The `api-audit` bin: runs the command and exits with its code (see ./main.ts).
import { argv, exit, stderr } from 'node:process';

import { EXIT, main } from './main.js';

main(argv.slice(2)).then(
  (code) => exit(code),
  (error: unknown) => {
    stderr.write(`api-audit: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    exit(EXIT.usage);
  },
);
