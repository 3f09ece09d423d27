import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, type PresetName } from './configs/index.js';
import allRules, { type ApiAuditRule } from './rules/index.js';

const require = createRequire(import.meta.url);
// Read at run time so package.json stays out of the compiled program.
const packageJson = require('../package.json') as { name: string; version: string };

/** The ESLint plugin object: `meta`, `rules` by name, and the flat-config presets. */
export interface ApiAuditPlugin {
  meta: { name: string; version: string; namespace: 'api-audit' };
  rules: Record<string, ApiAuditRule>;
  configs: Record<PresetName, TSESLint.FlatConfig.Config>;
}

const plugin: ApiAuditPlugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'api-audit' },
  rules: allRules,
  configs: {} as Record<PresetName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, allRules));

export default plugin;
// Named too, so `require()` of this ES module (Node >= 20.19) also yields a usable plugin object.
export const { meta, rules, configs } = plugin;
export { buildRouteModel } from './frameworks/index.js';
export { defineRouteVisitor, getRouteModel } from './project-index/index.js';
export type * from './frameworks/types.js';
