import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, type PresetName } from './configs/index.js';
import rules, { type ApiAuditRule } from './rules/index.js';

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
  rules,
  configs: {} as Record<PresetName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

export default plugin;
export { buildRouteModel, defineRouteVisitor, getRouteModel } from './frameworks/index.js';
export type * from './frameworks/types.js';
