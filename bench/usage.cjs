// Preloaded with `node -r bench/usage.cjs …` by bench/run.mjs: when the process exits, writes its own
// CPU time (user + system, seconds) and peak resident memory (MiB) as JSON to the file named by
// BENCH_USAGE_FILE. Works for any Node program (tsc, api-audit) without changing it.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(
    process.env.BENCH_USAGE_FILE,
    JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rssMiB: usage.maxRSS / 1024 }),
  );
});
