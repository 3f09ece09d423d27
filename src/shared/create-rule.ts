import { ESLintUtils } from '@typescript-eslint/utils';

import type { Framework } from '../frameworks/types.js';

/** Where the rule docs live; every rule's `meta.docs.url` points into `rules-docs/` there. */
export const REPO_URL = 'https://github.com/api-audit/eslint-plugin-api-audit';

/** `meta.docs` of this plugin's rules. */
export interface ApiAuditDocs {
  /** Starts with `Disallow`, `Require` or `Enforce`; no trailing period. */
  description: string;
  /** In the `recommended` preset (or `recommended-type-checked` when it needs types). */
  recommended?: boolean;
  /** The rule cannot run without type information (`parserServices.program`). */
  requiresTypeChecking?: boolean;
  /** The frameworks whose routes the rule understands. */
  frameworks?: Framework[];
}

/** The single `RuleCreator` of the plugin: rule name in, rule module with its docs URL out. */
export const createRule = ESLintUtils.RuleCreator<ApiAuditDocs>(
  (name) => `${REPO_URL}/blob/main/rules-docs/${name}.md`,
);
