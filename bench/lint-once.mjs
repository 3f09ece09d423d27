// One measured lint, run by bench/run.mjs in a fresh process: `node bench/lint-once.mjs DIR PRESET`
// with PRESET `none` (parser only) or `recommended`. Prints { cpu, wall, files, findings } as JSON.
import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.js';

const [dir, preset] = process.argv.slice(2);
const config = preset === 'none' ? { plugins: { 'api-audit': plugin }, rules: {} } : plugin.configs[preset];
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.{ts,js}'], languageOptions: { parser }, ...config }],
});
const start = process.cpuUsage();
const wall = performance.now();
const results = await eslint.lintFiles(['src']);
const used = process.cpuUsage(start);
process.stdout.write(
  JSON.stringify({
    cpu: (used.user + used.system) / 1e6,
    wall: (performance.now() - wall) / 1e3,
    files: results.length,
    findings: results.reduce((sum, result) => sum + result.messages.length, 0),
  }),
);
