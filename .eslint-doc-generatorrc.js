/** Settings of eslint-doc-generator: rule doc headers in rules-docs/ and the README rules table. */
export default {
  pathRuleDoc: 'rules-docs/{name}.md',
  pathRuleList: 'README.md',
  ruleDocTitleFormat: 'name',
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
  ],
  ignoreConfig: ['all'],
  ruleDocSectionInclude: ['Examples', 'When Not To Use It'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
  ],
  urlRuleDoc: 'rules-docs/{name}.md',
};
