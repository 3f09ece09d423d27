/**
 * Secrets recognised by their format, wherever they appear: provider tokens and private keys.
 *
 * Most formats come from secretlint's recommended preset (AWS access key ids, GitHub, GitLab, Slack,
 * npm, OpenAI, Anthropic, SendGrid, Shopify, … tokens and PEM private keys), run in a worker thread
 * (see `secretlint.ts`). The preset has no pattern for the few below, so they are written here.
 * URLs with an inline password are checked by the rule itself (see `values.ts`), because whether
 * such a password counts depends on where the URL is used.
 */
import { scanWithSecretlint } from './secretlint.js';

/** A secret found by its format inside a string value; `start`/`end` index into the value. */
export interface FormatMatch {
  /** What it is, for the message (`GitHub token`). */
  kind: string;
  /** The environment variable a suggestion reads it from when no binding names it. */
  envName: string;
  start: number;
  end: number;
}

interface HandWrittenFormat {
  kind: string;
  envName: string;
  pattern: RegExp;
}

const HAND_WRITTEN_FORMATS: readonly HandWrittenFormat[] = [
  // Stripe secret and restricted keys in live mode (test-mode keys, `sk_test_…`, move no money).
  { kind: 'Stripe live secret key', envName: 'STRIPE_SECRET_KEY', pattern: /\bsk_live_[0-9A-Za-z]{16,}/u },
  { kind: 'Stripe live restricted key', envName: 'STRIPE_SECRET_KEY', pattern: /\brk_live_[0-9A-Za-z]{16,}/u },
  { kind: 'Stripe webhook signing secret', envName: 'STRIPE_WEBHOOK_SECRET', pattern: /\bwhsec_[0-9A-Za-z+/=]{24,}/u },
  // Google Cloud / Maps / Firebase API keys: `AIza` and 35 URL-safe characters.
  { kind: 'Google API key', envName: 'GOOGLE_API_KEY', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/u },
  // A signed JWT: base64url header and payload (both JSON objects, so both start with `eyJ`) and a signature.
  {
    kind: 'JSON Web Token',
    envName: 'AUTH_TOKEN',
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/u,
  },
];

/** secretlint findings by message id (rules with several kinds) or rule id; `null` means not a secret. */
const SECRETLINT_KINDS: ReadonlyMap<string, { kind: string; envName: string } | null> = new Map([
  ['AWSAccessKeyID', { kind: 'AWS access key ID', envName: 'AWS_ACCESS_KEY_ID' }],
  ['AWSSecretAccessKey', { kind: 'AWS secret access key', envName: 'AWS_SECRET_ACCESS_KEY' }],
  // An account id identifies, it does not authenticate.
  ['AWSAccountID', null],
  ['SLACK_TOKEN', { kind: 'Slack token', envName: 'SLACK_TOKEN' }],
  ['IncomingWebhook', { kind: 'Slack webhook URL', envName: 'SLACK_WEBHOOK_URL' }],
  ['@secretlint/secretlint-rule-github', { kind: 'GitHub token', envName: 'GITHUB_TOKEN' }],
  ['@secretlint/secretlint-rule-gitlab', { kind: 'GitLab token', envName: 'GITLAB_TOKEN' }],
  ['@secretlint/secretlint-rule-npm', { kind: 'npm access token', envName: 'NPM_TOKEN' }],
  ['@secretlint/secretlint-rule-privatekey', { kind: 'private key', envName: 'PRIVATE_KEY' }],
  [
    '@secretlint/secretlint-rule-gcp',
    { kind: 'Google Cloud service account key', envName: 'GOOGLE_APPLICATION_CREDENTIALS' },
  ],
  ['@secretlint/secretlint-rule-openai', { kind: 'OpenAI API key', envName: 'OPENAI_API_KEY' }],
  ['@secretlint/secretlint-rule-anthropic', { kind: 'Anthropic API key', envName: 'ANTHROPIC_API_KEY' }],
  ['@secretlint/secretlint-rule-groq', { kind: 'Groq API key', envName: 'GROQ_API_KEY' }],
  ['@secretlint/secretlint-rule-huggingface', { kind: 'Hugging Face access token', envName: 'HF_TOKEN' }],
  ['@secretlint/secretlint-rule-linear', { kind: 'Linear API key', envName: 'LINEAR_API_KEY' }],
  ['@secretlint/secretlint-rule-notion', { kind: 'Notion integration token', envName: 'NOTION_TOKEN' }],
  ['@secretlint/secretlint-rule-sendgrid', { kind: 'SendGrid API key', envName: 'SENDGRID_API_KEY' }],
  ['@secretlint/secretlint-rule-shopify', { kind: 'Shopify access token', envName: 'SHOPIFY_ACCESS_TOKEN' }],
  ['@secretlint/secretlint-rule-grafana', { kind: 'Grafana token', envName: 'GRAFANA_TOKEN' }],
  [
    '@secretlint/secretlint-rule-1password',
    { kind: '1Password service account token', envName: 'OP_SERVICE_ACCOUNT_TOKEN' },
  ],
  ['@secretlint/secretlint-rule-hashicorp-vault', { kind: 'Vault token', envName: 'VAULT_TOKEN' }],
  ['@secretlint/secretlint-rule-vercel', { kind: 'Vercel token', envName: 'VERCEL_TOKEN' }],
  ['@secretlint/secretlint-rule-databricks', { kind: 'Databricks access token', envName: 'DATABRICKS_TOKEN' }],
  ['@secretlint/secretlint-rule-docker', { kind: 'Docker access token', envName: 'DOCKER_TOKEN' }],
  ['@secretlint/secretlint-rule-figma', { kind: 'Figma access token', envName: 'FIGMA_TOKEN' }],
]);

/**
 * What every pattern of the secretlint rules this rule runs requires in the text, literally: the
 * prefixes and names of their regular expressions in `@secretlint/secretlint-rule-preset-recommend`
 * 12.0.0 (`module/index.js`). A string without any of them cannot match, so it never reaches the
 * worker; a file without such a string never starts it. AWS access key ids are found by their prefix
 * alone, digits or not (`AKIAIOSFODNNEXAMPLE`). Rules left out of the scan (`LEFT_OUT` in the worker)
 * and the AWS account id (reported as nothing) need no anchor. When the preset is upgraded, the
 * test "every secretlint sample passes the anchors" says which rule's sample this list misses.
 */
export const SECRETLINT_ANCHORS = new RegExp(
  [
    // aws: access key ids, and the secret access key written with its name (`AWS_SECRET_ACCESS_KEY=…`)
    'A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA',
    '(?:SECRET|[Ss]ecret)_?(?:ACCESS|[Aa]ccess)_?(?:KEY|[Kk]ey)',
    // privatekey (gcp reads `.json` files only, never a scanned string)
    'PRIVATE KEY',
    // github (also the `x-oauth-basic` URL), npm (tokens and `.npmrc` `_authToken=`)
    'gh[pousr]_|github_pat_|x-oauth-basic@|npm_|_authToken=',
    // slack, sendgrid, shopify, gitlab, grafana
    'xox[bpaor]-|xapp-|[Hh][Oo][Oo][Kk][Ss]\\.[Ss][Ll][Aa][Cc][Kk]\\.|SG\\.|shp(?:pa|ca|at|ss)_|glpat-|glc_|glsa_',
    // openai, anthropic, groq, huggingface, linear, notion, 1password
    'sk-|gsk_|hf_|lin_api_|ntn_|ops_',
    // hashicorp-vault, vercel, databricks, docker, figma
    'hv[sbr]\\.|vc[pciark]_|dapi|dckr_pat_|figd_',
  ].join('|'),
  'u',
);

/**
 * Only strings with a run of 16 or more non-space characters (every token secretlint knows is at
 * least that long) or a private key header go to the worker; the rest cannot match.
 */
function isWorthScanning(value: string): boolean {
  return value.length <= 100_000 && (/[^\s'"`]{16,}/u.test(value) || value.includes('PRIVATE KEY'));
}

/** Findings per distinct string across the files of one run; most strings repeat (headers, messages, SQL). */
const cache = new Map<string, FormatMatch[]>();
const CACHE_LIMIT = 20_000;

/**
 * The format matches in each value (same order as `values`), longest first: hand-written formats
 * directly, secretlint's in one batched worker call for all values not seen before.
 */
export function findFormatMatches(values: readonly string[]): FormatMatch[][] {
  const pending: string[] = [];
  for (const value of new Set(values)) {
    if (!cache.has(value) && isWorthScanning(value)) pending.push(value);
  }
  const found = new Map<string, FormatMatch[]>(pending.map((value) => [value, findHandWritten(value)]));
  const scanned = pending.filter((value) => SECRETLINT_ANCHORS.test(value));
  for (const hit of scanWithSecretlint(scanned)) {
    const entry =
      SECRETLINT_KINDS.get(hit.messageId) ??
      SECRETLINT_KINDS.get(hit.ruleId) ??
      fallbackKind(hit.messageId, hit.ruleId);
    if (entry) found.get(scanned[hit.index]!)!.push({ ...entry, start: hit.start, end: hit.end });
  }
  if (cache.size + found.size > CACHE_LIMIT) cache.clear();
  for (const [value, matches] of found)
    cache.set(
      value,
      matches.sort((a, b) => b.end - b.start - (a.end - a.start)),
    );
  return values.map((value) => cache.get(value) ?? []);
}

function findHandWritten(value: string): FormatMatch[] {
  const matches: FormatMatch[] = [];
  for (const { kind, envName, pattern } of HAND_WRITTEN_FORMATS) {
    const match = pattern.exec(value);
    if (!match) continue;
    matches.push({ kind, envName, start: match.index, end: match.index + match[0].length });
  }
  return matches;
}

/** A rule added to the preset after this table was written: named after its rule id. */
function fallbackKind(messageId: string, ruleId: string): { kind: string; envName: string } | null {
  if (messageId === 'IGNORE_MESSAGE') return null;
  const name = ruleId.replace(/^@secretlint\/secretlint-rule-/u, '');
  return { kind: `${name} credential`, envName: `${name.replace(/[^A-Za-z0-9]+/gu, '_').toUpperCase()}_TOKEN` };
}
