import { splitWords } from './words.js';

/**
 * What identifiers say: whether a binding, property or environment variable name means a secret
 * (`jwtSecret`, `DB_PASSWORD`, `api_key`), what kind of secret, and the environment variable name a
 * suggestion should read it from. Names are split into lower-case words first, so camelCase,
 * PascalCase, snake_case, UPPER_CASE and kebab-case all read the same.
 */

/** Head words (the last word of a name) that make it a secret, with the kind shown in the message. */
const SECRET_HEADS: ReadonlyMap<string, string> = new Map([
  ['secret', 'secret'],
  ['secrets', 'secret'],
  ['password', 'password'],
  ['passwords', 'password'],
  ['passwd', 'password'],
  ['pwd', 'password'],
  ['pass', 'password'],
  ['passphrase', 'passphrase'],
  ['pepper', 'pepper'],
  ['token', 'token'],
  ['tokens', 'token'],
  ['credential', 'credential'],
  ['credentials', 'credential'],
  ['creds', 'credential'],
  // Names written as one lower-case word.
  ['apikey', 'API key'],
  ['apikeys', 'API key'],
  ['secretkey', 'secret key'],
  ['privatekey', 'private key'],
  ['accesskey', 'access key'],
  ['authtoken', 'token'],
  ['accesstoken', 'token'],
  ['refreshtoken', 'token'],
  ['clientsecret', 'client secret'],
  ['secretorkey', 'secret'],
]);

/**
 * Words before `token` that make it something other than a credential: pagination cursors
 * (`nextPageToken`), cancellation tokens, dependency-injection tokens (`CONFIG_TOKEN` in NestJS),
 * lexer tokens and design tokens.
 */
const NON_SECRET_TOKEN_QUALIFIERS = new Set([
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'cursor',
  'sync',
  'pagination',
  'cancellation',
  'cancel',
  'injection',
  'inject',
  'provider',
  'di',
  'design',
  'lexer',
  'parser',
  'start',
  'end',
  'delimiter',
  'separator',
]);

/**
 * Words before `key` that make it a secret key (`apiKey`, `SIGNING_KEY`); `cacheKey`, `sortKey`,
 * `publicKey` are not. `sessionKey`, `cookieKey` and `authKey` are left out: they usually name a
 * cookie or a storage slot (`SESSION_KEY = 'shop.sid'`).
 */
const SECRET_KEY_QUALIFIERS = new Set([
  'api',
  'secret',
  'private',
  'access',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'decryption',
  'decrypt',
  'master',
  'hmac',
  'jwt',
  'jws',
  'jwe',
  'client',
  'app',
  'webhook',
  'service',
  'account',
  'shared',
  'cipher',
  'aes',
  'crypto',
  'subscription',
  'admin',
  'server',
  'root',
  'license',
  'sdk',
  'write',
  'mac',
]);

/** How a qualifier word is shown in front of the head's kind (`jwtSecret` → `JWT secret`). */
const QUALIFIER_DISPLAY: ReadonlyMap<string, string> = new Map([
  ['jwt', 'JWT'],
  ['api', 'API'],
  ['hmac', 'HMAC'],
  ['aes', 'AES'],
  ['aws', 'AWS'],
  ['smtp', 'SMTP'],
  ['oauth', 'OAuth'],
  ['db', 'database'],
  ['database', 'database'],
  ['redis', 'Redis'],
  ['session', 'session'],
  ['cookie', 'cookie'],
  ['client', 'client'],
  ['admin', 'admin'],
  ['signing', 'signing'],
  ['webhook', 'webhook'],
  ['access', 'access'],
  ['refresh', 'refresh'],
  ['private', 'private'],
  ['secret', 'secret'],
  ['encryption', 'encryption'],
  ['master', 'master'],
  ['app', 'app'],
  ['auth', 'auth'],
  ['mail', 'mail'],
  ['bearer', 'bearer'],
]);

/**
 * Container names that say nothing about what they hold; an environment variable name is never
 * prefixed with them (`config.db.password` → `DB_PASSWORD`, not `CONFIG_DB_PASSWORD`).
 */
const GENERIC_CONTAINERS = new Set([
  'config',
  'configuration',
  'conf',
  'cfg',
  'options',
  'option',
  'opts',
  'settings',
  'env',
  'environment',
  'default',
  'defaults',
  'auth',
  'credentials',
  'creds',
  'connection',
  'conn',
  'params',
  'props',
  'data',
  'values',
  'secrets',
  'keys',
  'exports',
  'module',
  'init',
  'this',
]);

/** A word without trailing digits, so `secret2` and `password1` read as their head word. */
function stem(word: string): string {
  return word.replace(/\d+$/u, '');
}

/**
 * The kind of secret a name means (`password`, `JWT secret`, `API key`), or `null` when the name
 * does not mean a secret. Only the head (last word) decides, so `passwordField`, `tokenHeader`,
 * `secretName`, `tokenType` and `accessKeyId` are names of other things.
 */
export function getSecretKindOfName(name: string): string | null {
  const words = splitWords(name)
    .map(stem)
    .filter((word) => word.length > 0);
  const head = words.at(-1);
  if (head === undefined) return null;
  const previous = words.at(-2);
  if (head === 'key' || head === 'keys') {
    if (previous !== undefined && SECRET_KEY_QUALIFIERS.has(previous)) {
      return previous === 'access' && words.includes('secret')
        ? 'secret access key'
        : `${QUALIFIER_DISPLAY.get(previous) ?? previous} key`;
    }
    // `secretOrKey`, `STRIPE_SECRET_KEY`-like names with the qualifier further left.
    if (words.includes('private')) return 'private key';
    if (words.includes('secret')) return 'secret key';
    return null;
  }
  const kind = SECRET_HEADS.get(head);
  if (kind === undefined) return null;
  if ((head === 'token' || head === 'tokens') && previous !== undefined && NON_SECRET_TOKEN_QUALIFIERS.has(previous))
    return null;
  const display = previous === undefined ? undefined : QUALIFIER_DISPLAY.get(previous);
  return display !== undefined && !kind.startsWith(display) ? `${display} ${kind}` : kind;
}

/** Whether a name means a secret (see {@link getSecretKindOfName}). */
export function isSecretName(name: string): boolean {
  return getSecretKindOfName(name) !== null;
}

/** Whether an environment variable name can be written as `process.env.NAME`. */
function isPlainEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/u.test(name);
}

/**
 * The environment variable name for an identifier: `jwtSecret` → `JWT_SECRET`,
 * `clientSecret` → `CLIENT_SECRET`, `x-api-key` → `API_KEY`, `DB_PASSWORD` stays. Returns `null`
 * when no usable name results.
 */
export function toEnvName(name: string): string | null {
  const words = splitWords(name);
  // HTTP header names: `x-api-key` → `API_KEY`.
  if (words[0] === 'x' && words.length > 1) words.shift();
  if (words.length === 0) return null;
  const envName = words.join('_').toUpperCase();
  return isPlainEnvName(envName) ? envName : `SECRET_${envName}`;
}

/** Whether a name has more than one word, so it says which secret it is (`jwtSecret`, not `secret`). */
export function isSpecificName(name: string): boolean {
  return splitWords(name).length > 1;
}

/** Whether a container name (object or variable holding the secret) is worth prefixing an env name with. */
export function isMeaningfulContainer(name: string): boolean {
  const words = splitWords(name);
  return words.length > 0 && !words.every((word) => GENERIC_CONTAINERS.has(word));
}
