// Lints this plugin's own sources: typescript-eslint's recommended rules, and for the rules
// eslint-plugin-eslint-plugin's (meta shape, message format, description pattern as STYLE.md sets it).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'fixtures/**', 'node_modules/**', 'coverage/**'] },
  { files: ['src/**/*.ts', 'tests/**/*.ts'], extends: [tseslint.configs.recommended] },
  {
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) .+[^. ]$' }],
      'eslint-plugin/report-message-format': ['error', '^[A-Z`].*\\.$'],
    },
  },
);
