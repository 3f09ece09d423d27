import type { TSESLint } from '@typescript-eslint/utils';

import type { ApiAuditDocs } from '../shared/create-rule.js';

/** A rule of this plugin, as `createRule` returns it. */
export type ApiAuditRule = TSESLint.RuleModule<string, readonly unknown[], ApiAuditDocs>;

/** Every rule of the plugin by name, sorted by name (a test keeps this in sync with `src/rules/`). */
const rules: Record<string, ApiAuditRule> = {};

export default rules;
