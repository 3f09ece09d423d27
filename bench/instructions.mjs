#!/usr/bin/env node
// `npm run bench:instructions`: the rules' overhead over the parse-only floor counted in machine
// instructions (valgrind's callgrind) instead of CPU seconds. Counts do not depend on what else the
// machine is doing, so a change of a few percent shows here when the timed benchmark is lost in noise
// (on the 2-core CI box, medians of process CPU moved by ±15 % between runs of one build).
//
// For each preset (`none`, `recommended`) it counts `node --single-threaded bench/lint-once.mjs` over a
// generated service of BENCH_INSTRUCTION_FILES files (default 100) and over a one-file service; the
// difference is the lint's own count without Node's start-up and module loading. The rules run without
// `no-hardcoded-secrets`' format check: its secretlint worker thread made the counts depend on how the
// threads were scheduled (0.2 G either way between runs of one build); `npm run bench` measures it
// with everything else (process CPU and `--stats`). About 2 minutes per
// run under valgrind; the runs go two at a time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateService } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = Number(process.env.BENCH_INSTRUCTION_FILES ?? 100);

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench:instructions needs valgrind (Debian package `valgrind`).');
  process.exit(2);
}

const service = join(tmpdir(), `api-audit-bench-${files}`);
generateService(service, files);
const single = join(tmpdir(), 'api-audit-bench-one-file');
rmSync(single, { recursive: true, force: true });
mkdirSync(join(single, 'src'), { recursive: true });
writeFileSync(join(single, 'src/index.ts'), 'export const ready = true;\n');

/** Instructions callgrind collected for one lint of `dir` with `preset`. */
function count(dir, preset) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        '--single-threaded',
        // V8's memory reducer starts garbage collections on wall-clock timers, so under valgrind a
        // busier machine meant more collections: counts of one build moved by 0.8 G. Without it (and
        // with the heap growing by allocation alone) they do not.
        '--no-memory-reducer',
        '--predictable-gc-schedule',
        join(root, 'bench/lint-once.mjs'),
        dir,
        preset,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', () => {
      const collected = /Collected : (\d+)/u.exec(stderr);
      if (collected) resolve(Number(collected[1]));
      else reject(new Error(`valgrind gave no count for ${preset} on ${dir}:\n${stderr.slice(-2000)}`));
    });
  });
}

const counts = {};
for (const preset of ['none', 'recommended-without-worker']) {
  const [whole, startup] = await Promise.all([count(service, preset), count(single, preset)]);
  counts[preset] = whole - startup;
  console.log(
    `${preset.padEnd(12)} ${(whole / 1e9).toFixed(2)} G instructions, ${(startup / 1e9).toFixed(2)} G for one file: lint ${(counts[preset] / 1e9).toFixed(2)} G`,
  );
}
console.log(
  `rules over the parse-only floor, ${files} generated files: ${((counts['recommended-without-worker'] / counts.none - 1) * 100).toFixed(1)} % (target <= 15 %; secretlint worker not counted)`,
);
