import type { TSESLint } from '@typescript-eslint/utils';

import type { ApiAuditRule } from '../rules/index.js';

/** The presets: one flat-config object each. */
export type PresetName = 'recommended' | 'recommended-type-checked' | 'all';

/**
 * Builds the presets from rule meta, never by hand:
 * - `recommended`: rules with `docs.recommended` that need no type information;
 * - `recommended-type-checked`: those plus the recommended rules that need types;
 * - `all`: every rule.
 * Rules of `type: 'problem'` are errors, the others warnings. `plugin` is the plugin object the
 * configs refer to under the `api-audit` namespace.
 */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, ApiAuditRule>,
): Record<PresetName, TSESLint.FlatConfig.Config> {
  const pick = (keep: (rule: ApiAuditRule) => boolean): TSESLint.FlatConfig.Rules =>
    Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => keep(rule))
        .map(([name, rule]) => [`api-audit/${name}`, rule.meta.type === 'problem' ? 'error' : 'warn']),
    );
  const preset = (name: PresetName, keep: (rule: ApiAuditRule) => boolean): TSESLint.FlatConfig.Config => ({
    name: `api-audit/${name}`,
    plugins: { 'api-audit': plugin },
    rules: pick(keep),
  });
  return {
    recommended: preset(
      'recommended',
      (rule) => rule.meta.docs?.recommended === true && rule.meta.docs?.requiresTypeChecking !== true,
    ),
    'recommended-type-checked': preset('recommended-type-checked', (rule) => rule.meta.docs?.recommended === true),
    all: preset('all', () => true),
  };
}
