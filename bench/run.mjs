#!/usr/bin/env node
// The benchmark behind `npm run bench` (README, "Performance"). Targets: generated services of 500 and
// 2,000 files (BENCH_SIZES), the example services, and real services named in BENCH_REAL (below). For
// each target, in fresh processes, medians of BENCH_RUNS runs after a warm-up, the compared commands'
// runs alternating so a slow spell of the machine hits all of them:
// 1. ESLint + @typescript-eslint/parser with no rules (the parse-only floor), then with
//    `api-audit/recommended`, then `all`: CPU of the lint itself, the overhead, ESLint's own `--stats`
//    account per rule, and what the rules outside `recommended` add.
// 2. The hosts of the per-file rules as whole processes (CPU of every thread and of the Node processes
//    they start, peak memory of them together): ESLint's parse floor, ESLint + `recommended`, and oxlint
//    running the plugin through `jsPlugins` (the README's `.oxlintrc.json`).
// 3. The `api-audit` command (lint + project checks) under each host, with `--types`, and `--lint-only`
//    under each host, against `tsc --noEmit` on the same service, also whole processes.
// The generated services type-check against their dependencies' real types (see generate.mjs); the
// benchmark says how many errors tsc reports for each service.
//
// BENCH_REAL: real services, `;`-separated, each `DIR` or `DIR=TSCONFIG` (the tsconfig `tsc -p` checks;
// default DIR), with their dependencies installed so tsc checks what a user's tsc checks. Their code is
// never part of this repository: fetch and install them yourself (README, "Performance", names the ones
// measured). Linux: peak memory is sampled from /proc; elsewhere it is the largest single process's peak.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateService } from './generate.mjs';
import { processUsage } from './process-usage.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '500,2000').split(',').filter(Boolean).map(Number);
const real = (process.env.BENCH_REAL ?? '')
  .split(';')
  .filter(Boolean)
  .map((entry) => {
    const [dir, tsconfig] = entry.split('=');
    return { name: basename(dir), dir, tsconfig: tsconfig ?? dir, pattern: '.' };
  });
const fixtures = process.env.BENCH_FIXTURES !== '0';
// BENCH_SECTIONS: which of the three parts below to run (default `1,2,3`), e.g. `1` for the rules' cost alone.
const sections = new Set((process.env.BENCH_SECTIONS ?? '1,2,3').split(','));

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
  `versions: eslint ${version('eslint')}, @typescript-eslint/parser ${version('@typescript-eslint/parser')}, typescript ${version('typescript')}, oxlint ${version('oxlint')}`,
);
console.log(
  `method: ${runs} measured runs after 1 warm-up, each in a fresh process, commands alternating; medians of user+system CPU time\n`,
);

/** Lints `dir` in a child process; returns { cpu, wall, files, findings } (seconds), with `stats` ESLint's timings too. */
function lintOnce(target, preset, mode = '') {
  const out = execFileSync(
    process.execPath,
    [join(root, 'bench/lint-once.mjs'), target.dir, preset, mode, target.pattern ?? 'src'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  return JSON.parse(out);
}

/** The rules outside `recommended`, by the issue that added them: what each batch adds is measured together. */
const BATCHES = {
  'security rules (issue 19)': [
    'no-error-details-in-response',
    'no-insecure-jwt',
    'no-sql-injection',
    'no-weak-password-hash',
    'require-auth-on-mutating-routes',
    'require-input-validation',
  ],
  'data and operations rules (issue 20)': [
    'no-n-plus-one',
    'no-request-state-in-module-scope',
    'require-connection-release',
    'require-pagination',
    'require-validated-config',
  ],
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs each task once to warm up, then `runs` rounds in which every task runs once (A B A B …), so a
 * slow spell of this machine hits all sides alike instead of one whole series. Returns each task's samples.
 */
async function alternate(tasks) {
  for (const task of tasks) await task();
  const samples = tasks.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, task] of tasks.entries()) samples[index].push(await task());
  }
  return samples;
}

/** Medians of CPU and wall time for each preset's lint of `dir`, runs alternating. */
async function measurePresets(target, presets) {
  return (await alternate(presets.map((preset) => () => lintOnce(target, preset)))).map((samples) => ({
    cpu: median(samples.map((s) => s.cpu)),
    wall: median(samples.map((s) => s.wall)),
    files: samples[0].files,
    findings: samples[0].findings,
  }));
}

/** Medians of {@link processUsage} for each command (`{ args, cwd }`), runs alternating. */
async function measureProcesses(commands) {
  return (await alternate(commands.map((command) => () => processUsage(command.args, command)))).map((samples) => ({
    cpu: median(samples.map((s) => s.cpu)),
    rssMiB: median(samples.map((s) => s.rssMiB)),
    wall: median(samples.map((s) => s.wall)),
  }));
}

const targets = [
  ...sizes.map((size) => ({ name: `generated ${size}`, dir: join(tmpdir(), `api-audit-bench-${size}`), size })),
  ...(fixtures
    ? [
        { name: 'fixtures/express-shop', dir: join(root, 'fixtures/express-shop') },
        { name: 'fixtures/fastify-clean', dir: join(root, 'fixtures/fastify-clean') },
      ]
    : []),
  ...real,
];
for (const target of targets) {
  target.tsconfig ??= target.dir;
  if (target.size) generateService(target.dir, target.size);
}

const plugin = (await import(join(root, 'dist/index.js'))).default;
if (sections.has('1')) {
  // 1. ESLint: the rules against the parse-only floor, inside one lint; then `all` against `recommended`:
  // what the rules outside `recommended` (off by default) add to the lint (issue targets: <= 3 % per batch).
  const rows = [];
  for (const target of targets) {
    const [floor, rules, all] = await measurePresets(target, ['none', 'recommended', 'all']);
    rows.push({ ...target, floor, rules, all });
    console.log(
      `${target.name.padEnd(24)} files ${String(rules.files).padStart(5)}  parse-only ${floor.cpu.toFixed(2)}s  recommended ${rules.cpu.toFixed(2)}s  ` +
        `overhead ${(((rules.cpu - floor.cpu) / floor.cpu) * 100).toFixed(1)}%  ${(rules.files / rules.cpu).toFixed(0)} files/s  findings ${rules.findings}`,
    );
    // ESLint's own account (`--stats`): time inside the rules' listeners, less noisy than the difference of
    // two process totals on a busy machine. Work the rules share (the route model, the project index's
    // facts, the data-layer index) is charged to whichever rule asks first, and ESLint runs the rules in
    // the order the config lists them: with the batch's rules listed after `recommended`, their own lines
    // are what they add to a `recommended` lint (in `all`, alphabetical, a new rule can pay for work a
    // recommended rule does anyway). Medians of BENCH_RUNS runs by the rules' total.
    const statsOf = (preset) => {
      const samples = Array.from({ length: runs }, () => lintOnce(target, preset, 'stats'));
      return samples.sort((a, b) => total(a) - total(b))[Math.floor(samples.length / 2)];
    };
    const total = (stats) => Object.values(stats.rulesMs).reduce((sum, ms) => sum + ms, 0);
    const base = statsOf('recommended');
    const share = (ms) => `${ms.toFixed(0)} (${((ms / base.parseMs) * 100).toFixed(1)}%)`;
    console.log(
      `${''.padEnd(24)} eslint --stats, recommended: parse ${base.parseMs.toFixed(0)} ms, rules ${share(total(base))} of parse: ` +
        Object.entries(base.rulesMs)
          .map(([rule, ms]) => `${rule.replace('api-audit/', '')} ${share(ms)}`)
          .join(', '),
    );
    console.log(
      `${''.padEnd(24)} all ${all.cpu.toFixed(2)}s, ${(((all.cpu - rules.cpu) / rules.cpu) * 100).toFixed(1)}% over recommended (process CPU)`,
    );
    for (const [batch, listed] of Object.entries(BATCHES)) {
      const names = listed.filter((name) => name in plugin.rules);
      const stats = statsOf(`recommended+${names.join(',')}`);
      const own = names.map((name) => [name, stats.rulesMs[`api-audit/${name}`] ?? 0]);
      const added = own.reduce((sum, [, ms]) => sum + ms, 0);
      console.log(
        `${''.padEnd(24)} + ${batch}: ${added.toFixed(0)} ms = ${((added / 1000 / rules.cpu) * 100).toFixed(1)}% of the recommended lint's CPU (target <= 3 %): ` +
          own.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', '),
      );
    }
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
    const [samples] = await alternate([
      () =>
        JSON.parse(
          execFileSync(
            process.execPath,
            [join(root, 'bench/index-cost.mjs'), target.dir, 'src/services/feature0001.service.ts'],
            { cwd: root, encoding: 'utf8' },
          ),
        ),
    ]);
    const pick = (key) => median(samples.map((sample) => sample[key]));
    console.log(
      `${target.name.padEnd(24)} index ${pick('indexSeconds').toFixed(2)}s of a ${pick('lintSeconds').toFixed(2)}s lint: ${(pick('share') * 100).toFixed(1)}% (target <= 10 %), ` +
        `${samples[0].parsed} files parsed by the index   editor: first lint ${pick('firstMs').toFixed(0)} ms, then ${pick('warmMs').toFixed(1)} ms per lint (target <= 50 ms)`,
    );
  }
}

if (sections.has('2')) {
  // 2. The hosts as whole processes: ESLint's floor and ESLint + recommended (bench/lint-once.mjs), and
  // oxlint with the plugin as the README configures it (its own rules off).
  const oxlintDirectory = mkdtempSync(join(tmpdir(), 'api-audit-bench-oxlint-'));
  const oxlintConfig = join(oxlintDirectory, '.oxlintrc.json');
  writeFileSync(
    oxlintConfig,
    JSON.stringify({
      plugins: [],
      categories: { correctness: 'off' },
      jsPlugins: [{ name: 'api-audit', specifier: join(root, 'dist/index.js') }],
      rules: plugin.configs.recommended.rules,
    }),
  );
  const oxlintBin = join(root, 'node_modules/oxlint/bin/oxlint');
  console.log(
    '\nhosts of the rules, whole processes (CPU of all threads and child processes; peak RSS of them together):',
  );
  const hostRows = [];
  for (const target of targets) {
    const lint = (preset) => ({
      args: [join(root, 'bench/lint-once.mjs'), target.dir, preset, '', target.pattern ?? 'src'],
      cwd: root,
    });
    const [floor, eslint, oxlint] = await measureProcesses([
      lint('none'),
      lint('recommended'),
      { args: [oxlintBin, '-c', oxlintConfig, '--format', 'json', target.pattern ?? 'src'], cwd: target.dir },
    ]);
    hostRows.push({ ...target, floor, eslint, oxlint });
    console.log(
      `${target.name.padEnd(24)} ESLint parse-only ${floor.cpu.toFixed(2)}s ${floor.rssMiB.toFixed(0)} MiB   ESLint + recommended ${eslint.cpu.toFixed(2)}s ${eslint.rssMiB.toFixed(0)} MiB ` +
        `(${(eslint.cpu / floor.cpu).toFixed(2)}x floor, target <= 1.10)   oxlint + plugin ${oxlint.cpu.toFixed(2)}s ${oxlint.rssMiB.toFixed(0)} MiB ` +
        `(${(oxlint.cpu / floor.cpu).toFixed(2)}x ESLint's floor, target <= 0.35; ${(oxlint.cpu / eslint.cpu).toFixed(2)}x ESLint + recommended)`,
    );
  }
  rmSync(oxlintDirectory, { recursive: true, force: true });
  const [hostSmall, hostLarge] = hostRows.filter((row) => row.size);
  if (hostSmall && hostLarge) {
    const growth = (key) => (hostLarge[key].cpu / hostSmall[key].cpu).toFixed(2);
    console.log(
      `growth ${hostLarge.size}/${hostSmall.size} files (target <= 4.4x): ESLint parse-only ${growth('floor')}x, ESLint + recommended ${growth('eslint')}x, oxlint + plugin ${growth('oxlint')}x`,
    );
  }
}

if (sections.has('3')) {
  // 3. The command under each host against tsc.
  console.log(
    '\napi-audit (lint + project checks) under each host, then --types and --lint-only, versus tsc --noEmit, whole processes:',
  );
  const audited = [];
  for (const target of targets) {
    // tsc is the yardstick only when it has a real service to check, not one with missing modules.
    const check = spawnSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', target.tsconfig],
      { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 },
    );
    const errors = (check.stdout.match(/error TS\d+/gu) ?? []).length;
    console.log(`${target.name.padEnd(24)} tsc --noEmit reports ${errors} error${errors === 1 ? '' : 's'}`);
    const audit = (...extra) => ({
      args: [join(root, 'dist/cli/index.js'), target.dir, '--format', 'json', '--fail-on', 'none', ...extra],
      cwd: root,
    });
    const [tsc, eslint, oxlint, typed, eslintOnly, oxlintOnly] = await measureProcesses([
      {
        args: [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', target.tsconfig],
        cwd: root,
        exitCodes: [0, 1, 2],
      },
      audit('--engine', 'eslint'),
      audit('--engine', 'oxlint'),
      audit('--types'),
      audit('--lint-only', '--engine', 'eslint'),
      audit('--lint-only', '--engine', 'oxlint'),
    ]);
    audited.push({ ...target, tsc, eslint, oxlint, typed, eslintOnly, oxlintOnly });
    const show = (label, usage) =>
      `${label} ${usage.cpu.toFixed(2)}s ${usage.rssMiB.toFixed(0)} MiB (${(usage.cpu / tsc.cpu).toFixed(2)}x, ${(usage.rssMiB / tsc.rssMiB).toFixed(2)}x)`;
    console.log(
      `${''.padEnd(24)} tsc ${tsc.cpu.toFixed(2)}s ${tsc.rssMiB.toFixed(0)} MiB   ${show('ESLint', eslint)}   ${show('oxlint', oxlint)}   ` +
        `${show('--types', typed)}   ${show('--lint-only ESLint', eslintOnly)}   ${show('--lint-only oxlint', oxlintOnly)}   (ratios to tsc: targets <= 1 CPU, <= 1.5 memory; --types <= 1.3 CPU)`,
    );
  }
  const [auditSmall, auditLarge] = audited.filter((row) => row.size);
  if (auditSmall && auditLarge) {
    const growth = (key) => (auditLarge[key].cpu / auditSmall[key].cpu).toFixed(2);
    console.log(
      `growth ${auditLarge.size}/${auditSmall.size} files: api-audit under ESLint ${growth('eslint')}x, under oxlint ${growth('oxlint')}x, tsc ${growth('tsc')}x`,
    );
  }
  if (!existsSync('/proc/self/statm')) console.log('(no /proc: peak memory is the largest single process’s)');
}
