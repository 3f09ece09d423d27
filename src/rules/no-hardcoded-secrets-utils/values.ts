/**
 * What string values look like: placeholders, names of things, public key material, and passwords
 * inside URLs. None of these functions ever returns or logs the value itself.
 */
import { splitWords } from '../../shared/words.js';

/**
 * Values that stand in for a secret rather than being one. Each pattern is tested against the
 * trimmed value; a match anywhere makes the value a placeholder, so most of these are anchored.
 */
export const DEFAULT_PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  // One character repeated, or only mask characters: `xxxxxxxx`, `********`, `0000`, `xxxx-xxxx-xxxx`.
  /^(.)\1*$/su,
  /^[x*•#._\-\s]+$/iu,
  // Template and shell placeholders: `<api-key>`, `[secret]`, `${DB_PASSWORD}`, `{{token}}`, `%SECRET%`, `$API_KEY`, `:password`.
  /^<[^<>]*>$/u,
  /^\[[^[\]]*\]$/u,
  /^\$\{[^}]*\}$/u,
  /^\{\{[^}]*\}\}$/u,
  /^\{[A-Za-z_]\w*\}$/u,
  /^%[A-Za-z_]\w*%$/u,
  /^\$[A-Za-z_]\w*$/u,
  /^:[A-Za-z_]\w*$/u,
  // Instructions to the reader: `your-api-key`, `YOUR_TOKEN_HERE`, `insert key`, `changeme`, `replace-me-in-prod`, `secret-here`.
  /^your(?![a-z])|^your[a-z]*(?:key|secret|token|password|pass|id|here)/iu,
  /^(?:insert|paste|enter|put|add)[-_ ]/iu,
  /^(?:please[-_ ]?)?(?:change|replace|update|set)[-_ .]?(?:me|it|this)(?![a-z])/iu,
  /(?:^|[^a-z])(?:change|replace)[-_ .]?me(?:$|[^a-z])/iu,
  /[-_ .]here$/iu,
  // Words that say the value is not real, on their own or as a separate word.
  /^(?:test|testing|fake|mock|sample|demo|dummy|example|placeholder|redacted|hidden|masked|todo|tbd|fixme|none|null|nil|undefined|unset|empty|default|foo|bar|baz|n\/?a)$/iu,
  /^(?:test|testing|fake|mock|sample|demo|dummy|example|placeholder)[-_ .]/iu,
  /[-_ .](?:test|testing|tests|fake|mock|sample|demo|dummy)$/iu,
  /(?:^|[^a-z])(?:example|placeholder|redacted|dummy)(?:$|[^a-z])/iu,
  // AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE`, `…/bPxRfiCYEXAMPLEKEY`).
  /EXAMPLE/u,
  // The sample token on jwt.io, pasted into countless docs and tests (its signature).
  /SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$/u,
];

const compiled = new Map<string, RegExp>();

/**
 * The placeholder patterns in force: user patterns (regular expression sources, compiled
 * case-insensitively) followed by the defaults. Throws, naming the pattern, when one does not compile.
 */
export function getPlaceholderPatterns(sources: readonly string[]): RegExp[] {
  const user = sources.map((source) => {
    let pattern = compiled.get(source);
    if (!pattern) {
      try {
        pattern = new RegExp(source, 'iu');
      } catch (error) {
        throw new Error(
          `no-hardcoded-secrets: invalid placeholder pattern ${JSON.stringify(source)}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      compiled.set(source, pattern);
    }
    return pattern;
  });
  return [...user, ...DEFAULT_PLACEHOLDER_PATTERNS];
}

/** Words that make a value a placeholder wherever they stand in it (`my-dummy-key`, `secretExampleValue`). */
const PLACEHOLDER_WORDS = new Set(['dummy', 'placeholder', 'example', 'redacted', 'changeme', 'replaceme', 'fixme']);

/**
 * Words that make a value a placeholder as its first or last word only (`sampleSecret`, `jwt-test`):
 * in the middle they are often part of a real name (`koa-sample-app` is a real, if weak, key).
 */
const PLACEHOLDER_EDGE_WORDS = new Set(['test', 'testing', 'tests', 'fake', 'mock', 'sample', 'demo', 'your']);

/**
 * Whether the words of a value (split at separators and at camelCase humps, so `dummyApiKey`,
 * `DUMMY_API_KEY` and `dummy-api-key` read alike) say it is a placeholder: a placeholder word
 * anywhere (`dummy`, `placeholder`, `example`, `changeme`, `xxx`), a weak one (`test`, `fake`,
 * `mock`, `sample`, `demo`, `your`) first or last, `change me` / `replace this`, or a last word `here`.
 * URLs are left to the patterns.
 */
export function hasPlaceholderWords(value: string): boolean {
  // In a URL the words are host, path and query (`…/sample_db`); `example.com` is caught by the patterns.
  if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(value)) return false;
  const words = splitWords(value);
  if (words.length === 0) return false;
  const first = words[0]!;
  const last = words.at(-1)!;
  return (
    words.some((word) => PLACEHOLDER_WORDS.has(word) || /^x{3,}$/u.test(word)) ||
    PLACEHOLDER_EDGE_WORDS.has(first) ||
    PLACEHOLDER_EDGE_WORDS.has(last) ||
    (words.length > 1 && last === 'here') ||
    words.some((word, index) => /^(?:change|replace)$/u.test(word) && /^(?:me|this|it)$/u.test(words[index + 1] ?? ''))
  );
}

/**
 * Whether a value is empty or a placeholder: it matches one of `patterns` (see
 * {@link DEFAULT_PLACEHOLDER_PATTERNS}) or its words say so (see {@link hasPlaceholderWords}).
 */
export function isPlaceholder(value: string, patterns: readonly RegExp[]): boolean {
  const trimmed = value.trim();
  return trimmed.length === 0 || patterns.some((pattern) => pattern.test(trimmed)) || hasPlaceholderWords(trimmed);
}

/**
 * Whether a value describes the requirement it was written to meet rather than being a key
 * (`…-secret-at-least-32-characters`, `min-64-bytes`, `32 chars`), or says it is not real
 * (`not-a-real-secret`). Such a value is still a secret where an API takes it: documentation
 * samples (`'a secret with minimum length of 32 characters'`) are copied into production verbatim.
 */
export function isSelfDescribing(value: string): boolean {
  return (
    /\d[-_ +]?(?:chars?|characters?|bytes?)(?![a-z])/iu.test(value) ||
    /(?:^|[^a-z])at[-_ ]?least(?:$|[^a-z])|(?:^|[^a-z])min(?:imum)?[-_ ]?\d/iu.test(value) ||
    /(?:^|[^a-z])not[-_ ]?(?:a[-_ ]?)?real(?:$|[^a-z])/iu.test(value)
  );
}

/** Runs a person types without thinking: digits, the alphabet, keyboard rows, both ways. */
const SEQUENCES = ['01234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * Whether a value is one run of consecutive characters (`123456`, `1234567890`, `abcdef`, `qwerty`,
 * `987654`), ignoring case. Such a value under a secret-sounding name is a stand-in; where an API
 * takes a secret it is still a (weak) secret.
 */
export function isObviousSequence(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower.length < 4) return false;
  return SEQUENCES.some((sequence) => sequence.includes(lower) || [...sequence].reverse().join('').includes(lower));
}

/**
 * Public keys and certificates are not secrets, even where a key is expected
 * (`jwt.verify(token, publicKeyPem)`); nor are keys their providers document as public, meant
 * for browsers: Stripe publishable keys (`pk_live_…`, `pk_test_…`) and PostHog project keys (`phc_…`).
 */
export function isPublicKeyMaterial(value: string): boolean {
  return (
    /-----BEGIN (?:RSA |EC )?(?:PUBLIC KEY|CERTIFICATE(?: REQUEST)?|X509 CRL)-----/u.test(value) ||
    /^pk_(?:live|test)_\w+$/u.test(value.trim()) ||
    /^phc_\w+$/u.test(value.trim())
  );
}

/**
 * Whether a value can be a secret at all where the position says it is one (an API key argument,
 * a fallback for `JWT_SECRET`): not empty, not a placeholder, not public key material.
 */
export function canBeSecret(value: string, placeholders: readonly RegExp[]): boolean {
  return !isPlaceholder(value, placeholders) && !isPublicKeyMaterial(value);
}

/** Bits per character of a string's character distribution. */
function getShannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Words, not key material: letters only (any script), optionally separated by `-_.:/`, apostrophes or spaces
 * (`password`, `Authorization`, `X-Api-Key`, `prod/db-password`, `auth.password.invalid`,
 * `keyboard cat`, `Contraseña`). Letters in a random-looking order are not word-like.
 */
export function isWordLike(value: string): boolean {
  if (!/^\p{L}+(?:[-_.:/ '’]+\p{L}+)*$/u.test(value)) return false;
  const letters = value.replace(/\P{L}/gu, '');
  if (letters.length >= 20 && getShannonEntropy(letters) >= 4.3) return false;
  // Every word of four or more Latin letters has a vowel, unless it is an acronym (`HTTP`, `JWKS`):
  // `NcswptIbWFgh` is a password, not a name.
  const words = value
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .split(/[^\p{L}]+/u);
  return words.every(
    (word) => word.length < 4 || !/^[A-Za-z]+$/u.test(word) || /[aeiouy]/iu.test(word) || /^[A-Z]{4,5}$/u.test(word),
  );
}

/**
 * Values whose shape says they name or describe something: environment variable names
 * (`JWT_SECRET`), URL paths and URLs without credentials, relative file paths and key file names,
 * sentences (error messages, hints), interface text ending in an ellipsis (`Generating…`), and
 * password hashes (a stored hash is not the secret).
 */
export function isNameLike(value: string): boolean {
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u.test(value)) return true;
  if (/^\/[^\s]*$/u.test(value) || /^\.{1,2}\//u.test(value)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/iu.test(value)) return true;
  if (/^[\w.-]+\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|txt|env|ya?ml)$/iu.test(value)) return true;
  if (/^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[-\w]*)\$/u.test(value)) return true;
  // Interface text: `Generating…`, `Loading secret...`.
  if (/^\p{L}[\p{L}\p{M}\s'’-]*(?:…|\.{3})$/u.test(value)) return true;
  return isProse(value);
}

/** Three or more words, at least two thirds of them plain words: a message or a label, not a key. */
function isProse(value: string): boolean {
  const words = value.trim().split(/\s+/u);
  if (words.length < 3) return false;
  const ordinary = words.filter((word) => /^\p{L}[\p{L}']*[.,:;!?]?$/u.test(word)).length;
  return ordinary * 3 >= words.length * 2;
}

/**
 * Whether a value under a secret-sounding name looks like an actual secret: it can be one (see
 * {@link canBeSecret}), has at least 6 characters, and is neither word-like (`password: 'password'`
 * names the field), name-like (`secret: 'JWT_SECRET'`, `token: '/auth/token'`) nor an obvious
 * sequence (`secret: '1234567890'`).
 */
export function looksLikeSecretValue(value: string, placeholders: readonly RegExp[]): boolean {
  const trimmed = value.trim();
  return (
    trimmed.length >= 6 &&
    canBeSecret(trimmed, placeholders) &&
    !isWordLike(trimmed) &&
    !isNameLike(trimmed) &&
    !isObviousSequence(trimmed)
  );
}

/** The credentials written into a URL (`scheme://user:password@host`), without the rest of it. */
export interface UrlCredentials {
  user: string;
  password: string;
  /** Whether the value is just the URL (trimmed), so all of it can move to an environment variable. */
  wholeValue: boolean;
}

const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/?#]*):([^\s@/?#]+)@[^\s/?#@]+/iu;

/**
 * The user and (percent-decoded) password of the first URL with an inline password in a value,
 * or `null`. `wholeValue` tells whether that URL is the entire (trimmed) value.
 */
export function findUrlCredentials(value: string): UrlCredentials | null {
  const match = URL_WITH_PASSWORD.exec(value);
  if (!match) return null;
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const trimmed = value.trim();
  return {
    user: decode(match[1]!),
    password: decode(match[2]!),
    wholeValue: trimmed.startsWith(match[0]) && !/\s/u.test(trimmed),
  };
}

/**
 * Whether a URL's inline password is a real one where nothing but the URL says so: not a
 * placeholder (nor is the URL, e.g. on `example.com`), not the user name repeated
 * (`postgres:postgres`), and not word-like (`root:root`, `app:password` on a developer's machine).
 */
export function isRealUrlPassword(credentials: UrlCredentials, url: string, placeholders: readonly RegExp[]): boolean {
  const { user, password } = credentials;
  return (
    canBeSecret(password, placeholders) &&
    !isPlaceholder(url, placeholders) &&
    password !== user &&
    !isWordLike(password)
  );
}

/**
 * The credential in an HTTP `Authorization` header value (`Bearer <token>`, `Basic <base64>`,
 * `Token <token>`, `Bot <token>`) and what it is called, or `null`.
 */
export function parseAuthorizationValue(value: string): { kind: string; credential: string } | null {
  const match = /^(Bearer|Basic|Token|Bot)\s+(\S+)$/iu.exec(value.trim());
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  return { kind: scheme === 'basic' ? 'basic-auth credential' : 'bearer token', credential: match[2]! };
}
