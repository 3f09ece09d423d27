import type { TSESLint } from '@typescript-eslint/utils';

import type { ApiAuditDocs } from '../shared/create-rule.js';
import noBusinessLogicInRoutes from './no-business-logic-in-routes.js';
import noErrorDetailsInResponse from './no-error-details-in-response.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noInsecureJwt from './no-insecure-jwt.js';
import noNPlusOne from './no-n-plus-one.js';
import noRequestStateInModuleScope from './no-request-state-in-module-scope.js';
import noSqlInjection from './no-sql-injection.js';
import noSyncInHandler from './no-sync-in-handler.js';
import noWeakPasswordHash from './no-weak-password-hash.js';
import noWildcardCors from './no-wildcard-cors.js';
import requireAuthOnMutatingRoutes from './require-auth-on-mutating-routes.js';
import requireConnectionRelease from './require-connection-release.js';
import requireInputValidation from './require-input-validation.js';
import requirePagination from './require-pagination.js';
import requireResponseSchema from './require-response-schema.js';
import requireValidatedConfig from './require-validated-config.js';

/** A rule of this plugin, as `createRule` returns it. */
export type ApiAuditRule = TSESLint.RuleModule<string, readonly unknown[], ApiAuditDocs>;

/** Every rule of the plugin by name, sorted by name (a test keeps this in sync with `src/rules/`). */
const rules: Record<string, ApiAuditRule> = {
  'no-business-logic-in-routes': noBusinessLogicInRoutes as unknown as ApiAuditRule,
  'no-error-details-in-response': noErrorDetailsInResponse as unknown as ApiAuditRule,
  'no-hardcoded-secrets': noHardcodedSecrets as unknown as ApiAuditRule,
  'no-insecure-jwt': noInsecureJwt as unknown as ApiAuditRule,
  'no-n-plus-one': noNPlusOne as unknown as ApiAuditRule,
  'no-request-state-in-module-scope': noRequestStateInModuleScope as unknown as ApiAuditRule,
  'no-sql-injection': noSqlInjection as unknown as ApiAuditRule,
  'no-sync-in-handler': noSyncInHandler as unknown as ApiAuditRule,
  'no-weak-password-hash': noWeakPasswordHash as unknown as ApiAuditRule,
  'no-wildcard-cors': noWildcardCors as unknown as ApiAuditRule,
  'require-auth-on-mutating-routes': requireAuthOnMutatingRoutes as unknown as ApiAuditRule,
  'require-connection-release': requireConnectionRelease as unknown as ApiAuditRule,
  'require-input-validation': requireInputValidation as unknown as ApiAuditRule,
  'require-pagination': requirePagination as unknown as ApiAuditRule,
  'require-response-schema': requireResponseSchema as unknown as ApiAuditRule,
  'require-validated-config': requireValidatedConfig as unknown as ApiAuditRule,
};

export default rules;
