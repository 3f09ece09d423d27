// One measurement of the project index, run by bench/run.mjs in a fresh process:
// `node bench/index-cost.mjs DIR FILE` prints { lintSeconds, indexSeconds, share, parsed, firstMs, warmMs } as JSON.
// - lintSeconds, indexSeconds: a whole lint of DIR/src with the recommended preset, and the part of it
//   spent answering the rules' questions to the project index (walk, text scan, summaries, links: the
//   samples of V8's CPU profiler, taken on the linting thread, with ProjectIndex.factsFor on the stack),
//   so share = indexSeconds / lintSeconds. Samples inside buildRouteModel are not counted: the index
//   builds the linted file's route model first and the rules then reuse it, a cost the lint had before.
//   The profiler samples the main thread only, where the index runs; process.cpuUsage() would also count
//   the garbage collector's and no-hardcoded-secrets' worker threads;
// - parsed: files the index parsed itself (the others came from ESLint's trees);
// - firstMs / warmMs: a second ESLint instance (an editor's) linting FILE the first time (its index built
//   lazily inside), then the median of 10 more lints of the same file after touching it, wall time.
import { utimesSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.js';
import { ProjectIndex, registerProjectIndex, unregisterProjectIndex } from '../dist/project-index/index.js';

const [dir, file] = process.argv.slice(2);
const config = [{ files: ['**/*.{ts,js}'], languageOptions: { parser }, ...plugin.configs.recommended }];

const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
const index = new ProjectIndex(dir);
registerProjectIndex(index);
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 500 });
await post('Profiler.start');
await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config }).lintFiles(['src']);
const { profile } = await post('Profiler.stop');
unregisterProjectIndex(index);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
/** Per profile node: whether its stack runs the index (factsFor) outside the route model. */
const inIndex = new Map();
const classify = (id) => {
  if (inIndex.has(id)) return inIndex.get(id);
  let index = false;
  for (let current = id; current !== undefined; current = parents.get(current)) {
    const name = nodes.get(current).callFrame.functionName;
    if (name === 'buildRouteModel') break;
    if (name === 'factsFor') {
      index = true;
      break;
    }
  }
  inIndex.set(id, index);
  return index;
};
let lintMicros = 0;
let indexMicros = 0;
profile.samples.forEach((id, position) => {
  const delta = profile.timeDeltas[position] ?? 0;
  lintMicros += delta;
  if (classify(id)) indexMicros += delta;
});
const lintMs = lintMicros / 1000;
const indexMs = indexMicros / 1000;

const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
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
    lintSeconds: lintMs / 1000,
    indexSeconds: indexMs / 1000,
    share: indexMs / lintMs,
    parsed: index.parsed,
    firstMs,
    warmMs: samples[Math.floor(samples.length / 2)],
  }),
);
