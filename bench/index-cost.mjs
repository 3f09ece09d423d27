// One measurement of the project index, run by bench/run.mjs in a fresh process:
// `node bench/index-cost.mjs DIR FILE` prints { buildCpu, parsed, routes, firstMs, warmMs } as JSON.
// - buildCpu: seconds of CPU to build the index of DIR from nothing (walk, candidate scan, summaries, link);
// - firstMs / warmMs: one ESLint instance (recommended preset) linting FILE, the first time (index built
//   lazily inside) and then the median of 10 more lints of the same file after touching it (an editor
//   re-linting a changed file), milliseconds of wall time.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';

import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.js';
import { ProjectIndex } from '../dist/project-index/index.js';

const [dir, file] = process.argv.slice(2);
const start = process.cpuUsage();
const index = new ProjectIndex(dir);
const routes = index.routes();
const used = process.cpuUsage(start);

const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.{ts,js}'], languageOptions: { parser }, ...plugin.configs.recommended }],
});
const target = join(dir, file);
let wall = performance.now();
await eslint.lintFiles([target]);
const firstMs = performance.now() - wall;
const samples = [];
for (let run = 0; run < 10; run += 1) {
  const now = new Date();
  utimesSync(target, now, now);
  wall = performance.now();
  await eslint.lintFiles([target]);
  samples.push(performance.now() - wall);
}
samples.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    buildCpu: (used.user + used.system) / 1e6,
    parsed: index.parsed,
    routes: routes.length,
    firstMs,
    warmMs: samples[Math.floor(samples.length / 2)],
  }),
);
