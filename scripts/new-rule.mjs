#!/usr/bin/env node
// `npm run new <rule-name>`: writes src/rules/<name>.ts, tests/rules/<name>.test.ts and
// rules-docs/<name>.md from the house templates, and registers the rule in src/rules/index.ts (sorted).
// Then: write the rule, its cases and its doc, and run `npm run docs` for the generated parts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2] ?? '';
if (!/^(?:no|require|prefer|consistent)-[a-z]+(?:-[a-z]+)*$/u.test(name)) {
  process.stderr.write(
    'usage: npm run new <rule-name>   (kebab-case, starting with no-, require-, prefer- or consistent-)\n',
  );
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const camel = name.replace(/-([a-z])/gu, (_, letter) => letter.toUpperCase());
const files = {
  [`src/rules/${name}.ts`]: `import type { TSESTree } from '@typescript-eslint/utils';

import { getRouteModel } from '../project-index/index.js';
import { createRule } from '../shared/create-rule.js';

export type Options = [Record<string, never>];
export type MessageIds = 'TODO';

export default createRule<Options, MessageIds>({
  name: '${name}',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow TODO',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    messages: {
      TODO: 'TODO: say what is wrong and what to do.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    defaultOptions: [{}],
  },
  create(context) {
    return {
      'Program:exit'(program: TSESTree.Program) {
        // The file's routes, with what the project index knows from other files.
        for (const route of getRouteModel(context).routes) void route;
        void program;
      },
    };
  },
});
`,
  [`tests/rules/${name}.test.ts`]: `import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/${name}.js';

const ruleTester = new RuleTester();

ruleTester.run('${name}', rule, {
  valid: [],
  invalid: [],
});
`,
  [`rules-docs/${name}.md`]: `# ${name}

<!-- end auto-generated rule header -->

What goes wrong in production, and why.

## Examples

❌ Incorrect

\`\`\`ts
// express
\`\`\`

✅ Correct

\`\`\`ts
// express
\`\`\`

## When Not To Use It

## Further Reading
`,
};
for (const file of Object.keys(files)) {
  if (existsSync(`${root}${file}`)) {
    process.stderr.write(`${file} exists already\n`);
    process.exit(2);
  }
}
for (const [file, text] of Object.entries(files)) writeFileSync(`${root}${file}`, text);

const indexFile = `${root}src/rules/index.ts`;
const index = readFileSync(indexFile, 'utf8');
const imports = [...index.matchAll(/^import (\w+) from '\.\/([a-z-]+)\.js';$/gmu)].map((match) => ({
  id: match[1],
  rule: match[2],
}));
imports.push({ id: camel, rule: name });
imports.sort((a, b) => a.rule.localeCompare(b.rule));
const importBlock = imports.map(({ id, rule }) => `import ${id} from './${rule}.js';`).join('\n');
const entryBlock = imports.map(({ id, rule }) => `  '${rule}': ${id} as unknown as ApiAuditRule,`).join('\n');
const updated = index
  .replace(/(?:^import \w+ from '\.\/[a-z-]+\.js';\n)+/mu, `${importBlock}\n`)
  .replace(/(const rules: Record<string, ApiAuditRule> = \{\n)[\s\S]*?(\n\};)/u, `$1${entryBlock}$2`);
writeFileSync(indexFile, updated);
process.stdout.write(`wrote ${Object.keys(files).join(', ')} and registered '${name}' in src/rules/index.ts\n`);
