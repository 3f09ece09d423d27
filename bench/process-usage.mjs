// Whole-process measurement for bench/run.mjs: a command's CPU time and peak memory, the Node processes
// it starts included (oxlint under `api-audit --engine oxlint`).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const usageScript = fileURLToPath(new URL('./usage.cjs', import.meta.url));
const PAGE = 4096;
const SAMPLE_MS = 20;

/** The process `pid` and every process below it, from `/proc/<pid>/task/<tid>/children` (Linux). */
function processTree(pid) {
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) {
    const tasks = `/proc/${tree[index]}/task`;
    let threads = [];
    try {
      threads = readdirSync(tasks);
    } catch {
      continue; // gone meanwhile
    }
    for (const thread of threads) {
      try {
        for (const child of readFileSync(`${tasks}/${thread}/children`, 'utf8').split(' '))
          if (child.trim() !== '') tree.push(Number(child));
      } catch {
        // gone meanwhile
      }
    }
  }
  return tree;
}

/** Resident memory of the processes, summed, in bytes (`/proc/<pid>/statm`, second field). */
function residentBytes(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * Runs `node ...args` in `cwd` with bench/usage.cjs preloaded into it and into every Node process it
 * starts (NODE_OPTIONS), and resolves with `{ cpu, rssMiB, wall }`: `cpu` the CPU seconds of all those
 * processes summed; `rssMiB` the peak of their resident memory taken together, sampled every 20 ms from
 * `/proc` while they run (where there is no `/proc`, the largest single process's peak instead);
 * `wall` seconds. Rejects when the command exits with a code not in `exitCodes` (default 0 and 1: 1 means
 * findings; tsc exits 2 when it reports errors).
 */
export function processUsage(args, { cwd, env = {}, exitCodes = [0, 1] } = {}) {
  const file = join(tmpdir(), `api-audit-bench-usage-${process.pid}-${Date.now()}.jsonl`);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${usageScript}`.trim(),
      BENCH_USAGE_FILE: file,
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const sampling = existsSync('/proc/self/statm');
  let peak = 0;
  const timer = sampling
    ? setInterval(() => {
        peak = Math.max(peak, residentBytes(processTree(child.pid)));
      }, SAMPLE_MS)
    : null;
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (timer) clearInterval(timer);
      const wall = (performance.now() - started) / 1000;
      if (!exitCodes.includes(code)) {
        reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
        return;
      }
      const lines = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      rmSync(file);
      resolve({
        cpu: lines.reduce((sum, line) => sum + line.cpu, 0),
        rssMiB: sampling && peak > 0 ? peak / 2 ** 20 : Math.max(...lines.map((line) => line.rssMiB)),
        wall,
        processes: lines.length,
      });
    });
  });
}
