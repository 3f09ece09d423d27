// Preloaded with `node -r bench/usage.cjs …` (or through NODE_OPTIONS, so that Node processes a command
// starts are measured too, as `api-audit --engine oxlint` starts oxlint): when the process exits, appends
// its own CPU time (user + system of all its threads, seconds) and peak resident memory (MiB) as one JSON
// line to the file named by BENCH_USAGE_FILE. Works for any Node program (tsc, api-audit, eslint, oxlint)
// without changing it.
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  appendFileSync(
    process.env.BENCH_USAGE_FILE,
    `${JSON.stringify({ pid: process.pid, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rssMiB: usage.maxRSS / 1024 })}\n`,
  );
});
