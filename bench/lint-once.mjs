// One measured lint, run by bench/run.mjs in a fresh process: `node bench/lint-once.mjs DIR PRESET [MODE] [PATTERN]`
// with PRESET `none` (parser only), `recommended`, `all`, `recommended-without-worker`, or
// `recommended+RULE,RULE` (recommended and the named rules, as bench/run.mjs measures a batch of rules). Prints { cpu, wall, files, findings } as JSON
// (seconds); with `stats`, ESLint's own per-file timings (`stats: true`, as `eslint --stats` reports
// them) summed over the files: `parseMs` and `rulesMs` by rule (milliseconds).
import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.js';

// PATTERN: what to lint inside DIR (default `src`; `.` for a real service: ESLint leaves out node_modules).
const [dir, preset, mode, pattern = 'src'] = process.argv.slice(2);
// mode `no-index`: the same lint with the project index off (`settings['api-audit'].projectIndex: false`).
// `recommended-without-worker`: `recommended` with `no-hardcoded-secrets`' format check (its secretlint
// worker thread) off, for bench/instructions.mjs.
const config =
  preset === 'none'
    ? { plugins: { 'api-audit': plugin }, rules: {} }
    : preset === 'recommended-without-worker'
      ? {
          ...plugin.configs.recommended,
          rules: {
            ...plugin.configs.recommended.rules,
            'api-audit/no-hardcoded-secrets': ['error', { checkFormats: false }],
          },
        }
      : preset.startsWith('recommended+')
        ? {
            ...plugin.configs.recommended,
            rules: {
              ...plugin.configs.recommended.rules,
              ...Object.fromEntries(
                preset
                  .slice('recommended+'.length)
                  .split(',')
                  .map((rule) => [`api-audit/${rule}`, 'error']),
              ),
            },
          }
        : plugin.configs[preset];
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  stats: mode === 'stats',
  overrideConfig: [
    { files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], languageOptions: { parser }, ...config },
    ...(mode === 'no-index' ? [{ settings: { 'api-audit': { projectIndex: false } } }] : []),
  ],
});
const start = process.cpuUsage();
const wall = performance.now();
const results = await eslint.lintFiles([pattern]);
const used = process.cpuUsage(start);
const output = {
  cpu: (used.user + used.system) / 1e6,
  wall: (performance.now() - wall) / 1e3,
  files: results.length,
  findings: results.reduce((sum, result) => sum + result.messages.length, 0),
};
if (mode === 'stats') {
  output.parseMs = 0;
  output.rulesMs = {};
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      output.parseMs += pass.parse.total;
      for (const [rule, time] of Object.entries(pass.rules ?? {}))
        output.rulesMs[rule] = (output.rulesMs[rule] ?? 0) + time.total;
    }
  }
}
process.stdout.write(JSON.stringify(output));
