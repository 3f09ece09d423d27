import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../shared/create-rule.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import {
  findEnvHelper,
  getBinding,
  getContainedEnvName,
  getFallback,
  type Fallback,
} from './no-hardcoded-secrets-utils/bindings.js';
import { findFormatMatches, type FormatMatch } from './no-hardcoded-secrets-utils/formats.js';
import { getSecretKindOfName, isSpecificName, toEnvName } from '../shared/secret-names.js';
import { getStringValue, type ScopeOf, type StringNode } from './no-hardcoded-secrets-utils/resolve.js';
import { findApiHits, type ApiHit } from './no-hardcoded-secrets-utils/sinks.js';
import {
  isFirebaseWebApiKey,
  isIdentifierTableEntry,
  isLoggedValue,
  isRenderedText,
  isStandInDatabasePassword,
  isStaticAssetFile,
} from './no-hardcoded-secrets-utils/usage.js';
import {
  canBeSecret,
  findUrlCredentials,
  getPlaceholderPatterns,
  isPlaceholder,
  isRealUrlPassword,
  isSelfDescribing,
  looksLikeSecretValue,
  parseAuthorizationValue,
} from './no-hardcoded-secrets-utils/values.js';
import { splitWords } from '../shared/words.js';

export type Options = [{ checkFormats?: boolean; checkNames?: boolean; placeholderPatterns?: string[] }];
export type MessageIds = 'hardcodedSecret' | 'hardcodedFallback' | 'useEnvironmentVariable' | 'removeFallback';

/** Kinds of API positions that take a database password (see `sinks.ts`). */
const DATABASE_PASSWORD_KINDS: ReadonlySet<string> = new Set(['database password', 'Redis password']);

/** What the rule decided about one literal. Never holds the value itself. */
type Finding =
  | { messageId: 'hardcodedSecret'; kind: string; length: number; envName: string; replaceable: boolean }
  | { messageId: 'hardcodedFallback'; fallback: Fallback; length: number };

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secrets written into the source code',
      recommended: true,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    hasSuggestions: true,
    messages: {
      hardcodedSecret:
        'A hardcoded {{ kind }} ({{ length }} characters) is in the source code; read it from the environment or a secret manager.',
      hardcodedFallback:
        'The fallback for `{{ name }}` is a hardcoded secret ({{ length }} characters) used whenever `{{ name }}` is unset; remove it and fail at start-up instead.',
      useEnvironmentVariable: 'Read it from `{{ expression }}` and validate it at start-up.',
      removeFallback: 'Remove the hardcoded fallback and validate `{{ name }}` at start-up.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkFormats: {
            type: 'boolean',
            description:
              'Report known token formats (AWS, GitHub, Slack, Stripe, Google, PEM private keys, JWTs, … via secretlint) and URLs with an inline password wherever they appear.',
          },
          checkNames: {
            type: 'boolean',
            description:
              'Report secret-looking values bound to a name that means a secret (`password`, `apiKey`, `jwtSecret`, `*_TOKEN`, …).',
          },
          placeholderPatterns: {
            type: 'array',
            description:
              'Regular expressions (source text, matched case-insensitively) for values that are placeholders, not secrets; added to the built-in ones. Replaces the `placeholderPatterns` shared setting when given.',
            items: { type: 'string' },
          },
        },
      },
    ],
    defaultOptions: [{ checkFormats: true, checkNames: true, placeholderPatterns: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const settings = getSettings(context);
    // A rule option, when given, replaces the shared setting; the built-in patterns always apply.
    const placeholders = getPlaceholderPatterns(
      options.placeholderPatterns?.length ? options.placeholderPatterns : settings.placeholderPatterns,
    );
    // Tests, scripts and migrations hold fake credentials by the dozen, and whatever a static-asset folder
    // holds is public already: only real token formats count there.
    const formatsOnly =
      isInLayer(settings, 'nonRuntime', context.filename, context.cwd) ||
      isStaticAssetFile(context.filename, context.cwd);
    const checkFormats = options.checkFormats !== false;
    const checkNames = options.checkNames !== false && !formatsOnly;
    const scopeOf: ScopeOf = (node) => sourceCode.getScope(node);
    const candidates: StringNode[] = [];
    const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];

    return {
      Literal(node) {
        if (typeof node.value === 'string' && isValuePosition(node)) candidates.push(node as TSESTree.StringLiteral);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0 && isValuePosition(node)) candidates.push(node);
      },
      CallExpression(node) {
        calls.push(node);
      },
      NewExpression(node) {
        calls.push(node);
      },
      'Program:exit'() {
        if (candidates.length === 0) return;
        const apiHits = formatsOnly
          ? new Map<StringNode, ApiHit>()
          : findApiHits(sourceCode.scopeManager!.globalScope!, scopeOf, calls);
        const values = candidates.map(getStringValue);
        const formats = checkFormats ? findFormatMatches(values) : [];
        candidates.forEach((node, index) => {
          const value = values[index]!;
          // Public by the provider's documentation, wherever it is written.
          if (isFirebaseWebApiKey(node, value, scopeOf)) return;
          const finding =
            (formatsOnly ? null : getFallbackFinding(node, value, apiHits.get(node))) ??
            getApiFinding(node, value, apiHits.get(node)) ??
            (checkFormats ? getFormatFinding(node, value, formats[index] ?? []) : null) ??
            (checkNames ? getNameFinding(node, value) : null);
          if (!finding) return;
          // The author says it is not a secret (`// dummy secret`, `// This is not actually a secret key`);
          // believed for provider formats only in tests, where such values are fixtures. Asked only of a
          // value about to be reported: reading the comments around every string would cost the file's
          // comments once per string.
          if ((formatsOnly || (formats[index] ?? []).length === 0) && isDeclaredPlaceholder(node)) return;
          reportFinding(context, node, finding, scopeOf);
        });
      },
    };

    /**
     * Whether a comment on the value's line, or right above the statement or property holding it, says
     * the value is no secret: `dummy`, `fake`, `placeholder`, `example`, `sample`, `mock`, or "not
     * (actually) a (real) secret".
     */
    function isDeclaredPlaceholder(node: StringNode): boolean {
      let holder: TSESTree.Node = node;
      while (
        holder.parent &&
        holder.parent.type !== AST_NODE_TYPES.Program &&
        holder.parent.type !== AST_NODE_TYPES.BlockStatement &&
        holder.parent.type !== AST_NODE_TYPES.ObjectExpression &&
        holder.parent.type !== AST_NODE_TYPES.ClassBody
      )
        holder = holder.parent;
      const line = node.loc.end.line;
      const comments = [
        ...sourceCode.getCommentsBefore(holder).filter((comment) => comment.loc.end.line >= holder.loc.start.line - 1),
        ...sourceCode.getAllComments().filter((comment) => comment.loc.start.line === line),
      ];
      return comments.some((comment) => PLACEHOLDER_COMMENT.test(comment.value));
    }

    function getFallbackFinding(node: StringNode, value: string, apiHit: ApiHit | undefined): Finding | null {
      const fallback = getFallback(node, scopeOf, sourceCode);
      if (!fallback || !(fallback.namesSecret || apiHit)) return null;
      // `process.env.JWT_SECRET ?? 'devsecret'` is used as the secret; `req.query.token || 'anonymous'` need not
      // be one, and is not when it is interface text (`{enrollment?.secret ?? 'Generating…'}`, `'Not set yet'`).
      // A value a script writes into the environment to pass a configuration check, saying what it must
      // satisfy (`process.env.AUTH_SECRET ??= 'export-secret-at-least-32-characters'`), is a placeholder.
      const isSecret =
        fallback.fromEnvironment || apiHit
          ? canBeSecret(value, placeholders) && !(fallback.setsEnvironment && !apiHit && isSelfDescribing(value))
          : looksLikeSecretValue(value, placeholders) && !/\s/u.test(value.trim()) && !isRenderedText(node);
      if (!isSecret) return null;
      return { messageId: 'hardcodedFallback', fallback, length: value.length };
    }

    function getApiFinding(node: StringNode, value: string, apiHit: ApiHit | undefined): Finding | null {
      if (!apiHit) return null;
      const binding = getBinding(node, scopeOf);
      // A variable the user named (`const refreshSigningKey = …`) says more than the API's generic name.
      const named =
        binding && binding.type !== 'property' && isSpecificName(binding.name) ? toEnvName(binding.name) : null;
      if (apiHit.url) {
        const credentials = findUrlCredentials(value);
        if (!credentials || !canBeSecret(credentials.password, placeholders) || isPlaceholder(value, placeholders))
          return null;
        return {
          messageId: 'hardcodedSecret',
          kind: apiHit.kind,
          length: credentials.password.length,
          envName: named ?? apiHit.envName,
          replaceable: credentials.wholeValue,
        };
      }
      if (!canBeSecret(value, placeholders)) return null;
      // A template, `new Sequelize('database', 'username', 'password')`; a real weak pair (`root`/`root`) still counts.
      if (DATABASE_PASSWORD_KINDS.has(apiHit.kind) && isStandInDatabasePassword(node, value, scopeOf)) return null;
      return {
        messageId: 'hardcodedSecret',
        kind: apiHit.kind,
        length: value.length,
        envName: named ?? apiHit.envName,
        replaceable: true,
      };
    }

    function getFormatFinding(node: StringNode, value: string, matches: readonly FormatMatch[]): Finding | null {
      const binding = getBinding(node, scopeOf);
      // `const STRIPE_KEY = 'sk_live_…'` keeps its name; a property only when it names a secret
      // (`githubToken`, not `accessKeyId`, whose format says more).
      const specific =
        binding !== null &&
        isSpecificName(binding.name) &&
        (binding.type !== 'property' || getSecretKindOfName(binding.name) !== null);
      const named = specific ? toEnvName(binding.name) : null;
      const trimmed = value.trim();
      // In tests a signed JWT is test data (signed with a test key, or a captured response); only live
      // provider credentials count there.
      const match = matches.find(
        (candidate) =>
          !isPlaceholder(value.slice(candidate.start, candidate.end), placeholders) &&
          !(formatsOnly && candidate.kind === 'JSON Web Token'),
      );
      if (match) {
        const whole = match.end - match.start === trimmed.length;
        return {
          messageId: 'hardcodedSecret',
          kind: match.kind,
          length: match.end - match.start,
          envName: named ?? match.envName,
          replaceable: whole,
        };
      }
      const credentials = findUrlCredentials(value);
      if (credentials && isRealUrlPassword(credentials, value, placeholders)) {
        return {
          messageId: 'hardcodedSecret',
          kind: 'password in a connection URL',
          length: credentials.password.length,
          envName: named ?? 'DATABASE_URL',
          replaceable: credentials.wholeValue,
        };
      }
      return null;
    }

    function getNameFinding(node: StringNode, value: string): Finding | null {
      const binding = getBinding(node, scopeOf);
      // A log field (`app.log.debug({ secret: … })`) and a table of identifiers (`enum Vendor { OnePassword = '<uuid>' }`)
      // are named after what they describe.
      if (!binding || isLoggedValue(node) || isIdentifierTableEntry(value, binding)) return null;
      // `process.env.X ??= '…'` was judged as a fallback already, by the stricter test.
      if (binding.type === 'assignment' && getFallback(node, scopeOf, sourceCode)?.setsEnvironment) return null;
      // headers: { Authorization: 'Bearer …' }: the token, not the scheme, is the secret; it cannot
      // simply move to an environment variable as a whole, so there is no suggestion.
      const authorization = splitWords(binding.name).at(-1) === 'authorization' ? parseAuthorizationValue(value) : null;
      if (authorization) {
        if (!looksLikeSecretValue(authorization.credential, placeholders)) return null;
        return {
          messageId: 'hardcodedSecret',
          kind: authorization.kind,
          length: authorization.credential.length,
          envName: 'API_TOKEN',
          replaceable: false,
        };
      }
      const kind = getSecretKindOfName(binding.name);
      if (kind === null || !looksLikeSecretValue(value, placeholders)) return null;
      // An enum member cannot be initialised from the environment.
      return {
        messageId: 'hardcodedSecret',
        kind,
        length: value.length,
        envName: getContainedEnvName(binding, scopeOf) ?? 'SECRET',
        replaceable: binding.type !== 'enum',
      };
    }
  },
});

/**
 * Whether a string node is a value the program uses, as opposed to a module specifier, a
 * property key, a type, a directive or the text of a tagged template (`sql\`…\``).
 */
function isValuePosition(node: TSESTree.Literal | TSESTree.TemplateLiteral): boolean {
  const { parent } = node;
  switch (parent.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.ImportAttribute:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return false;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.AccessorProperty:
      return parent.value === node;
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSPropertySignature:
    case AST_NODE_TYPES.TSAbstractPropertyDefinition:
      return false;
    case AST_NODE_TYPES.TSEnumMember:
      return parent.initializer === node;
    case AST_NODE_TYPES.ExpressionStatement:
      return parent.directive === undefined;
    case AST_NODE_TYPES.CallExpression:
      return !(parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'require');
    default:
      return true;
  }
}

/**
 * Reports a finding on the literal. The message carries the kind and length only, never the
 * value: reports end up in CI logs. Suggestions (never fixes: the value must first be provided
 * by the environment) read the value from `process.env.NAME`, or through a same-file or imported
 * `requireEnv('NAME')`-style helper when there is one.
 */
function reportFinding(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  node: StringNode,
  finding: Finding,
  scopeOf: ScopeOf,
): void {
  if (finding.messageId === 'hardcodedFallback') {
    const { fallback } = finding;
    const { removal } = fallback;
    // Removing `?? '…'` must not take a comment with it. The removal's text is generated
    // (`''`, `requireEnv('X')`), never the source it replaces: that may hold another secret.
    const dropsComment =
      removal !== null &&
      context.sourceCode
        .getAllComments()
        .some((comment) => comment.range[0] >= removal.range[0] && comment.range[1] <= removal.range[1]);
    context.report({
      node,
      messageId: 'hardcodedFallback',
      data: { name: fallback.name, length: finding.length },
      suggest:
        removal && !dropsComment
          ? [
              {
                messageId: 'removeFallback',
                data: { name: fallback.envName ?? fallback.name },
                fix: (fixer) => fixer.replaceTextRange(removal.range, removal.text),
              },
            ]
          : [],
    });
    return;
  }
  // One element of a list of keys (`app.keys = ['a', 'b']`): the list as a whole moves to configuration.
  const replaceable = finding.replaceable && node.parent.type !== AST_NODE_TYPES.ArrayExpression;
  const helper = findEnvHelper(node, scopeOf);
  const expression = helper ? `${helper}('${finding.envName}')` : `process.env.${finding.envName}`;
  // `<Widget apiKey="…" />` needs braces around an expression.
  const inJsxAttribute = node.parent.type === AST_NODE_TYPES.JSXAttribute;
  context.report({
    node,
    messageId: 'hardcodedSecret',
    data: { kind: finding.kind, length: finding.length },
    suggest: replaceable
      ? [
          {
            messageId: 'useEnvironmentVariable',
            data: { expression },
            fix: (fixer) => fixer.replaceText(node, inJsxAttribute ? `{${expression}}` : expression),
          },
        ]
      : [],
  });
}

/** What a comment says of a value that is no secret: `// dummy secret`, `// not actually a secret key`. */
const PLACEHOLDER_COMMENT =
  /\b(?:dummy|fake|placeholder|example|sample|mock)\b|\bnot\s+(?:actually\s+)?(?:a\s+)?(?:real\s+)?secret/iu;
