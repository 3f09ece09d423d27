#!/usr/bin/env node
// Lints the bundled Express example service with ESLint 10 and the built plugin's `recommended`
// preset, prints what it finds (ESLint's stylish format), then the routes the route model sees.
// Run through `npm run demo`, which builds first. Until the `api-audit` command exists, this is the demo.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin, { getRouteModel } from '../dist/index.js';

const root = fileURLToPath(new URL('../fixtures/express-shop/', import.meta.url));

/** A local rule that only records each file's routes, so the demo can list them. */
const routes = [];
const inventory = {
  meta: { type: 'suggestion', schema: [] },
  create(context) {
    return {
      Program() {
        for (const route of getRouteModel(context).routes) {
          const where = `${relative(root, context.filename)}:${route.node.loc.start.line}`;
          routes.push(`${route.methods.join(',').padEnd(6)} ${(route.fullPath ?? '(dynamic)').padEnd(28)} ${route.framework.padEnd(8)} ${where}`);
        }
      },
    };
  },
};

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser }, ...plugin.configs.recommended },
    { files: ['**/*.ts'], plugins: { demo: { rules: { inventory } } }, rules: { 'demo/inventory': 'off' } },
  ],
});
const results = await eslint.lintFiles(['src/**/*.ts']);
const formatter = await eslint.loadFormatter('stylish');
const text = await formatter.format(results);
const count = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
process.stdout.write(`api-audit demo: ${results.length} files of fixtures/express-shop linted with api-audit/recommended\n`);
process.stdout.write(text || '\nNo findings.\n');
process.stdout.write(`\n${count} finding(s).\n`);

// Second pass with the inventory rule on, so the route list does not mix into the findings above.
const lister = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser }, plugins: { demo: { rules: { inventory } } }, rules: { 'demo/inventory': 'warn' } }],
});
await lister.lintFiles(['src/**/*.ts']);
process.stdout.write(`\nRoutes (paths with prefixes known in their own file):\n${routes.map((line) => `  ${line}`).join('\n')}\n`);
