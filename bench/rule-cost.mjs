// Per-rule cost on one directory: `node bench/rule-cost.mjs DIR`. Lints with no rules, then with each
// rule alone, in this process after a warm-up, and prints CPU seconds (medians of 3) per rule.
import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.js';

const dir = process.argv[2];
// Any enabled rule makes ESLint traverse every file and run code-path analysis; a rule that does
// nothing shows that cost, which no rule of ours can avoid.
const noop = { meta: { type: 'suggestion', schema: [] }, create: () => ({ Program() {} }) };
async function cpuOf(rules) {
  const samples = [];
  for (let run = 0; run < 3; run += 1) {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser },
          plugins: { 'api-audit': plugin, bench: { rules: { noop } } },
          rules,
        },
      ],
    });
    const start = process.cpuUsage();
    await eslint.lintFiles(['src']);
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1e6);
  }
  return samples.sort((a, b) => a - b)[1];
}
await cpuOf({});
const floor = await cpuOf({});
console.log(`parse only ${floor.toFixed(2)}s`);
const traversal = await cpuOf({ 'bench/noop': 'error' });
console.log(`an empty rule +${(traversal - floor).toFixed(2)}s (ESLint's traversal)`);
for (const name of Object.keys(plugin.rules)) {
  const cpu = await cpuOf({ [`api-audit/${name}`]: 'error' });
  console.log(`${name.padEnd(30)} +${(cpu - traversal).toFixed(2)}s over the empty rule`);
}
const all = await cpuOf(plugin.configs.recommended.rules);
console.log(
  `recommended                    +${(all - traversal).toFixed(2)}s over the empty rule, +${(((all - floor) / floor) * 100).toFixed(0)}% over parse only`,
);
