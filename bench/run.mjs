#!/usr/bin/env node
// The benchmark behind `npm run bench` (README, "Performance"). For generated services of 500 and
// 2,000 files and for the example services, it lints with ESLint + @typescript-eslint/parser and no
// rules (the parse-only floor), then with `api-audit/recommended`, each in a fresh process, and
// reports medians of CPU time after a warm-up run (the two presets' runs alternate), the ratio, files
// per second, and ESLint's own `--stats` account of parse and rule time. Then it runs the `api-audit`
// command (project checks included; without and with `--types`) against `tsc --noEmit` on the same
// services, alternating likewise: CPU time and peak memory of each whole process. The generated services
// type-check against their dependencies' real types (see generate.mjs), and the benchmark says how many
// errors tsc reports for each service.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateService } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '500,2000').split(',').map(Number);

const version = (pkg) =>
  JSON.parse(
    execFileSync(process.execPath, ['-p', `JSON.stringify(require('${pkg}/package.json').version)`], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `versions: eslint ${version('eslint')}, @typescript-eslint/parser ${version('@typescript-eslint/parser')}, typescript ${version('typescript')}`,
);
console.log(
  `method: ${runs} measured runs after 1 warm-up, each in a fresh process; medians of user+system CPU time\n`,
);

/** Lints `dir` in a child process; returns { cpu, wall, files, findings } (seconds), with `stats` ESLint's timings too. */
function lintOnce(dir, preset, mode = '') {
  const out = execFileSync(process.execPath, [join(root, 'bench/lint-once.mjs'), dir, preset, mode], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(out);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs each task once to warm up, then `runs` rounds in which every task runs once (A B A B …), so a
 * slow spell of this machine hits all sides alike instead of one whole series. Returns each task's samples.
 */
function alternate(tasks) {
  for (const task of tasks) task();
  const samples = tasks.map(() => []);
  for (let run = 0; run < runs; run += 1) tasks.forEach((task, index) => samples[index].push(task()));
  return samples;
}

/** Medians of CPU and wall time for each preset's lint of `dir`, runs alternating. */
function measurePresets(dir, presets) {
  return alternate(presets.map((preset) => () => lintOnce(dir, preset))).map((samples) => ({
    cpu: median(samples.map((s) => s.cpu)),
    wall: median(samples.map((s) => s.wall)),
    files: samples[0].files,
    findings: samples[0].findings,
  }));
}

const targets = [
  ...sizes.map((size) => ({ name: `generated ${size}`, dir: join(tmpdir(), `api-audit-bench-${size}`), size })),
  { name: 'fixtures/express-shop', dir: join(root, 'fixtures/express-shop') },
  { name: 'fixtures/fastify-clean', dir: join(root, 'fixtures/fastify-clean') },
];
const rows = [];
for (const target of targets) {
  if (target.size) generateService(target.dir, target.size);
  const [floor, rules] = measurePresets(target.dir, ['none', 'recommended']);
  rows.push({ ...target, floor, rules });
  console.log(
    `${target.name.padEnd(24)} files ${String(rules.files).padStart(5)}  parse-only ${floor.cpu.toFixed(2)}s  recommended ${rules.cpu.toFixed(2)}s  ` +
      `overhead ${(((rules.cpu - floor.cpu) / floor.cpu) * 100).toFixed(1)}%  ${(rules.files / rules.cpu).toFixed(0)} files/s  findings ${rules.findings}`,
  );
  // ESLint's own account (`--stats`) of one run: time inside the rules' listeners against the parse,
  // less noisy than the difference of two process totals on a busy machine.
  const stats = lintOnce(target.dir, 'recommended', 'stats');
  const rulesMs = Object.values(stats.rulesMs).reduce((sum, ms) => sum + ms, 0);
  console.log(
    `${''.padEnd(24)} eslint --stats: parse ${stats.parseMs.toFixed(0)} ms, rules ${rulesMs.toFixed(0)} ms (${((rulesMs / stats.parseMs) * 100).toFixed(1)}% of parse): ` +
      Object.entries(stats.rulesMs)
        .map(([rule, ms]) => `${rule.replace('api-audit/', '')} ${ms.toFixed(0)}`)
        .join(', '),
  );
}
const [small, large] = rows.filter((row) => row.size);
if (small && large) {
  console.log(
    `\ngrowth ${large.size}/${small.size} files: recommended ${(large.rules.cpu / small.rules.cpu).toFixed(2)}x (target <= ${((1.1 * large.size) / small.size).toFixed(1)}x: linear plus 10 %), parse-only ${(large.floor.cpu / small.floor.cpu).toFixed(2)}x`,
  );
}

// The project index (cross-file facts for the rules): the main-thread time a whole lint spends in the
// index's answers (target <= 10 % of the lint), medians of the runs, and an editor's view: one ESLint instance re-linting a
// service file after its first lint built the index (target <= 50 ms). From bench/index-cost.mjs.
console.log('\nproject index (its share of a lint; one ESLint instance re-linting a file):');
for (const target of targets.filter((item) => item.size)) {
  const samples = alternate([
    () =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [join(root, 'bench/index-cost.mjs'), target.dir, 'src/services/feature0001.service.ts'],
          { cwd: root, encoding: 'utf8' },
        ),
      ),
  ])[0];
  const pick = (key) => median(samples.map((sample) => sample[key]));
  console.log(
    `${target.name.padEnd(24)} index ${pick('indexSeconds').toFixed(2)}s of a ${pick('lintSeconds').toFixed(2)}s lint: ${(pick('share') * 100).toFixed(1)}% (target <= 10 %), ` +
      `${samples[0].parsed} files parsed by the index   editor: first lint ${pick('firstMs').toFixed(0)} ms, then ${pick('warmMs').toFixed(1)} ms per lint (target <= 50 ms)`,
  );
}

/** Runs a Node program with bench/usage.cjs preloaded; returns its whole-process { cpu, rssMiB }. */
function processUsage(args) {
  const file = join(tmpdir(), `api-audit-bench-usage-${process.pid}.json`);
  spawnSync(process.execPath, ['-r', join(root, 'bench/usage.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, BENCH_USAGE_FILE: file, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const usage = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  return usage;
}

/** Medians of {@link processUsage} for each command, runs alternating. */
function measureProcesses(commands) {
  return alternate(commands.map((args) => () => processUsage(args))).map((samples) => ({
    cpu: median(samples.map((s) => s.cpu)),
    rssMiB: median(samples.map((s) => s.rssMiB)),
  }));
}

console.log('\napi-audit (lint + project checks; default options, then --types) versus tsc --noEmit, whole processes:');
const audited = [];
for (const target of targets) {
  // tsc is the yardstick only when it has a real service to check, not one with missing modules.
  const check = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', target.dir],
    {
      encoding: 'utf8',
    },
  );
  const errors = (check.stdout.match(/error TS\d+/gu) ?? []).length;
  console.log(`${target.name.padEnd(24)} tsc --noEmit reports ${errors} error${errors === 1 ? '' : 's'}`);
  const auditArgs = [join(root, 'dist/cli/index.js'), target.dir, '--format', 'json', '--fail-on', 'none'];
  // The last command adds type information: the rules also query the program's checker (`--types`).
  const [tsc, apiAudit, typed] = measureProcesses([
    [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', target.dir],
    auditArgs,
    [...auditArgs, '--types'],
  ]);
  audited.push({ ...target, tsc, apiAudit, typed });
  console.log(
    `${target.name.padEnd(24)} tsc ${tsc.cpu.toFixed(2)}s ${tsc.rssMiB.toFixed(0)} MiB   api-audit ${apiAudit.cpu.toFixed(2)}s ${apiAudit.rssMiB.toFixed(0)} MiB   ` +
      `time ratio ${(apiAudit.cpu / tsc.cpu).toFixed(2)} (target <= 1)  memory ratio ${(apiAudit.rssMiB / tsc.rssMiB).toFixed(2)} (target <= 1.5)   ` +
      `--types ${typed.cpu.toFixed(2)}s ${typed.rssMiB.toFixed(0)} MiB (ratios ${(typed.cpu / tsc.cpu).toFixed(2)}, ${(typed.rssMiB / tsc.rssMiB).toFixed(2)})`,
  );
}
const [auditSmall, auditLarge] = audited.filter((row) => row.size);
if (auditSmall && auditLarge) {
  console.log(
    `growth ${auditLarge.size}/${auditSmall.size} files: api-audit ${(auditLarge.apiAudit.cpu / auditSmall.apiAudit.cpu).toFixed(2)}x, tsc ${(auditLarge.tsc.cpu / auditSmall.tsc.cpu).toFixed(2)}x`,
  );
}
