/**
 * Which library calls hash passwords, where their inputs and cost parameters are, and the minimum
 * parameters for password storage. Sources:
 * - OWASP Password Storage Cheat Sheet (revision of June 2026): argon2id m=19 MiB t=2 p=1 and its
 *   equivalent rows, scrypt N=2^17 r=8 p=1 and its equivalent rows, bcrypt work factor 10 or more,
 *   PBKDF2-HMAC-SHA256 600,000 / -SHA512 220,000 / -SHA1 1,400,000 iterations; MD5, SHA-1 and the
 *   SHA-2 family are fast hashes, unfit to store passwords with or without a salt.
 * - Node.js `crypto` docs: `createHash`, `createHmac`, `hash`, `pbkdf2(password, salt, iterations,
 *   keylen, digest)`, `scrypt(password, salt, keylen[, options])` whose `cost`/`N` defaults to 16384,
 *   `blockSize`/`r` to 8 and `parallelization`/`p` to 1; Web Crypto `subtle.digest`/`deriveBits`.
 * - The READMEs of bcrypt (`hash(data, saltOrRounds)`, `genSalt(rounds = 10)`), bcryptjs (`hashSync`
 *   defaults to 10 rounds), @node-rs/bcrypt (default cost 12), argon2 (defaults m=65536 KiB, t=3, p=4),
 *   @node-rs/argon2 (defaults m=19456 KiB, t=2, p=1), hash-wasm, @noble/hashes, scrypt-kdf, crypto-js
 *   (PBKDF2 defaults: 250,000 iterations of SHA-256 since 4.2, one iteration of SHA-1 before), md5,
 *   blueimp-md5, js-md5, js-sha1, js-sha256, js-sha512, sha1, create-hash, create-hmac and @oslojs/crypto.
 */
import { CALL, READ, type TraceMap, type TraceMapNode } from './ast/index.js';

/** A parameter given as a call argument (0-based). */
export interface ArgumentParameter {
  argument: number;
}
/** A parameter given as a property of an options object argument; `names` are aliases (`N`, `cost`). */
export interface OptionParameter {
  argument: number;
  names: readonly string[];
}
/** Where one parameter of a hashing call is. */
export type ParameterLocation = ArgumentParameter | OptionParameter;

/** A fast message digest (MD5, SHA-1, SHA-2, SHA-3, HMAC of those): never fit for passwords. */
export interface FastHashApi {
  kind: 'fast-hash';
  /** How the call is named in messages: `crypto.createHash`, `CryptoJS.MD5`, `md5`. */
  label: string;
  /** The algorithm, fixed (`MD5`) or read from an argument (`createHash('sha256')`). */
  algorithm: string | ArgumentParameter;
  /** Where the hashed data goes: an argument, or the `update()` calls on the hasher the call returns. */
  input: ParameterLocation | 'update';
  /** Whether the algorithm name is shown as an HMAC (`createHmac('sha256', key)` → `HMAC-SHA256`). */
  hmac?: boolean;
}

/** A PBKDF2 call: iterations and digest decide whether it is weak. */
export interface Pbkdf2Api {
  kind: 'pbkdf2';
  label: string;
  /** Where the password goes; `importKey` when it is in the Web Crypto key made by `subtle.importKey`. */
  input: ParameterLocation;
  /** Web Crypto: `input` is a `CryptoKey` made by `subtle.importKey('raw', password, 'PBKDF2', …)`. */
  inputIsImportedKey?: boolean;
  iterations: ParameterLocation;
  /** When the iteration count may be left out: what the library then uses. */
  defaultIterations?: number;
  /** The digest: a location, or fixed by the library. */
  digest: ParameterLocation | string;
  /** When the digest may be left out: what the library then uses. */
  defaultDigest?: string;
  /** Web Crypto `deriveBits`/`deriveKey`: the algorithm object's `name` must be `PBKDF2`. */
  algorithmName?: OptionParameter;
}

/** An scrypt call: N (cost), r (block size) and p (parallelization) decide whether it is weak. */
export interface ScryptApi {
  kind: 'scrypt';
  label: string;
  input: ParameterLocation;
  /** Option locations; `logN` gives N as a power of two (scrypt-kdf). */
  cost: ParameterLocation;
  costIsExponent?: boolean;
  blockSize: ParameterLocation;
  parallelization: ParameterLocation;
  /** Values used for parameters left out; a parameter without a default must be given. */
  defaults: { cost?: number; blockSize?: number; parallelization?: number };
  /** Node's callback `scrypt`: the options object is optional and sits before the callback. */
  optionsBeforeCallback?: boolean;
}

/** A bcrypt call whose cost (log2 rounds) is an argument or option. */
export interface BcryptApi {
  kind: 'bcrypt';
  label: string;
  /** Where the password goes; absent for `genSalt`. */
  input?: ParameterLocation;
  cost: ParameterLocation;
  /** The cost when the argument is left out; absent when it must be given. */
  defaultCost?: number;
}

/** An Argon2 call: memory (KiB) and iterations decide whether it is weak. */
export interface Argon2Api {
  kind: 'argon2';
  label: string;
  input: ParameterLocation;
  memory: ParameterLocation;
  time: ParameterLocation;
  /** Values used for parameters left out; absent when they must be given. */
  defaults: { memory?: number; time?: number };
}

/**
 * A call that verifies a password against a stored slow hash, or hashes with parameters this file
 * does not judge: a fast hash fed into one is a pre-hash, not the stored hash.
 */
export interface SlowHashApi {
  kind: 'slow-hash';
  label: string;
  input: ParameterLocation;
}

/** What the trace maps below say about one tracked call. */
export type PasswordHashApi = FastHashApi | Pbkdf2Api | ScryptApi | BcryptApi | Argon2Api | SlowHashApi;

/** The OWASP minimum bcrypt cost. */
export const MINIMUM_BCRYPT_COST = 10;
/** The cost a suggestion raises a weak bcrypt cost to (@node-rs/bcrypt's default, above OWASP's minimum). */
export const SUGGESTED_BCRYPT_COST = 12;

/**
 * Minimum PBKDF2 iterations by HMAC digest (OWASP). SHA-224 counts as SHA-256 and SHA-384 as SHA-512
 * (same compression functions); MD5 and RIPEMD-160 are at least as fast as SHA-1.
 */
const PBKDF2_MINIMUM_ITERATIONS: ReadonlyMap<string, number> = new Map([
  ['sha1', 1_400_000],
  ['md5', 1_400_000],
  ['ripemd160', 1_400_000],
  ['sha224', 600_000],
  ['sha256', 600_000],
  ['sha384', 220_000],
  ['sha512', 220_000],
]);
/** Below this, PBKDF2 is weak whatever the digest (OWASP's lowest row, PBKDF2-HMAC-SHA512). */
export const PBKDF2_MINIMUM_ANY_DIGEST = 220_000;

/**
 * The OWASP minimum PBKDF2 iteration count for a digest name as the libraries spell it (`sha256`,
 * `SHA-256`, `RSA-SHA256`), or {@link PBKDF2_MINIMUM_ANY_DIGEST} when the digest is unknown (`null`)
 * or not in the table.
 */
export function getPbkdf2MinimumIterations(digest: string | null): number {
  const normalized = digest === null ? null : normalizeDigestName(digest);
  return (normalized !== null && PBKDF2_MINIMUM_ITERATIONS.get(normalized)) || PBKDF2_MINIMUM_ANY_DIGEST;
}

/** `SHA-256`, `RSA-SHA256`, `sha256WithRSAEncryption`-free spellings → `sha256`; lower case, no dashes. */
export function normalizeDigestName(digest: string): string {
  return digest.toLowerCase().replace(/^rsa-/u, '').replace(/[-_]/gu, '');
}

/**
 * scrypt settings OWASP lists as equally strong: N with r=8 and at least p. A larger r counts as a
 * proportionally larger N (memory is 128·N·r bytes).
 */
const SCRYPT_MINIMUMS: readonly { cost: number; parallelization: number }[] = [
  { cost: 2 ** 17, parallelization: 1 },
  { cost: 2 ** 16, parallelization: 2 },
  { cost: 2 ** 15, parallelization: 3 },
  { cost: 2 ** 14, parallelization: 5 },
  { cost: 2 ** 13, parallelization: 10 },
];

/** Whether scrypt parameters meet none of OWASP's equivalent minimums. */
export function isWeakScrypt(cost: number, blockSize: number, parallelization: number): boolean {
  const effectiveCost = (cost * blockSize) / 8;
  return !SCRYPT_MINIMUMS.some(
    (minimum) => effectiveCost >= minimum.cost && parallelization >= minimum.parallelization,
  );
}

/** Argon2id settings OWASP lists as equally strong: memory in KiB and iterations, p=1. */
const ARGON2_MINIMUMS: readonly { memory: number; time: number }[] = [
  { memory: 47_104, time: 1 },
  { memory: 19_456, time: 2 },
  { memory: 12_288, time: 3 },
  { memory: 9_216, time: 4 },
  { memory: 7_168, time: 5 },
];

/** Whether Argon2 memory (KiB) and iterations meet none of OWASP's equivalent minimums. */
export function isWeakArgon2(memory: number, time: number): boolean {
  return !ARGON2_MINIMUMS.some((minimum) => memory >= minimum.memory && time >= minimum.time);
}

const call = (info: PasswordHashApi): TraceMapNode => ({ [CALL]: info });
const callOrRead = (info: PasswordHashApi): TraceMapNode => ({ [CALL]: info, [READ]: info });
const argument = (index: number): ArgumentParameter => ({ argument: index });
const option = (index: number, ...names: string[]): OptionParameter => ({ argument: index, names });

/** `node:crypto`'s hashing functions. */
function nodeCrypto(): TraceMapNode {
  const subtle: TraceMapNode = webCryptoSubtle('crypto.subtle');
  return {
    createHash: call({
      kind: 'fast-hash',
      label: 'crypto.createHash',
      algorithm: argument(0),
      input: 'update',
    }),
    createHmac: call({
      kind: 'fast-hash',
      label: 'crypto.createHmac',
      algorithm: argument(0),
      input: 'update',
      hmac: true,
    }),
    hash: call({ kind: 'fast-hash', label: 'crypto.hash', algorithm: argument(0), input: argument(1) }),
    // Also read, to follow `util.promisify(crypto.pbkdf2)`.
    pbkdf2: callOrRead(nodePbkdf2('crypto.pbkdf2')),
    pbkdf2Sync: call(nodePbkdf2('crypto.pbkdf2Sync')),
    scrypt: callOrRead({ ...nodeScrypt('crypto.scrypt'), optionsBeforeCallback: true }),
    scryptSync: call(nodeScrypt('crypto.scryptSync')),
    subtle,
    webcrypto: { subtle },
  };
}

function nodePbkdf2(label: string): Pbkdf2Api {
  return { kind: 'pbkdf2', label, input: argument(0), iterations: argument(2), digest: argument(4) };
}

function nodeScrypt(label: string): ScryptApi {
  return {
    kind: 'scrypt',
    label,
    input: argument(0),
    cost: option(3, 'N', 'cost'),
    blockSize: option(3, 'r', 'blockSize'),
    parallelization: option(3, 'p', 'parallelization'),
    defaults: { cost: 16_384, blockSize: 8, parallelization: 1 },
  };
}

/** Web Crypto's `SubtleCrypto`: `digest(algorithm, data)` and PBKDF2 through `deriveBits`/`deriveKey`. */
function webCryptoSubtle(prefix: string): TraceMapNode {
  const derive = (name: string): Pbkdf2Api => ({
    kind: 'pbkdf2',
    label: `${prefix}.${name}`,
    input: argument(1),
    inputIsImportedKey: true,
    iterations: option(0, 'iterations'),
    digest: option(0, 'hash'),
    algorithmName: option(0, 'name'),
  });
  return {
    digest: call({ kind: 'fast-hash', label: `${prefix}.digest`, algorithm: argument(0), input: argument(1) }),
    deriveBits: call(derive('deriveBits')),
    deriveKey: call(derive('deriveKey')),
  };
}

/** bcrypt and bcryptjs (same API; bcryptjs' `hashSync` and both `genSalt`s default to 10 rounds). */
function bcryptLike(module: string, hashSyncDefault?: number): TraceMapNode {
  return {
    hash: call({ kind: 'bcrypt', label: `${module}.hash`, input: argument(0), cost: argument(1) }),
    hashSync: call({
      kind: 'bcrypt',
      label: `${module}.hashSync`,
      input: argument(0),
      cost: argument(1),
      ...(hashSyncDefault === undefined ? {} : { defaultCost: hashSyncDefault }),
    }),
    genSalt: call({ kind: 'bcrypt', label: `${module}.genSalt`, cost: argument(0), defaultCost: 10 }),
    genSaltSync: call({ kind: 'bcrypt', label: `${module}.genSaltSync`, cost: argument(0), defaultCost: 10 }),
    compare: call({ kind: 'slow-hash', label: `${module}.compare`, input: argument(0) }),
    compareSync: call({ kind: 'slow-hash', label: `${module}.compareSync`, input: argument(0) }),
  };
}

/** @node-rs/bcrypt: `hash(password, cost = 12)`, `genSalt(round = 12)`, `verify(password, hash)`. */
function nodeRsBcrypt(): TraceMapNode {
  const module = '@node-rs/bcrypt';
  return {
    hash: call({ kind: 'bcrypt', label: `${module} hash`, input: argument(0), cost: argument(1), defaultCost: 12 }),
    hashSync: call({
      kind: 'bcrypt',
      label: `${module} hashSync`,
      input: argument(0),
      cost: argument(1),
      defaultCost: 12,
    }),
    genSalt: call({ kind: 'bcrypt', label: `${module} genSalt`, cost: argument(0), defaultCost: 12 }),
    genSaltSync: call({ kind: 'bcrypt', label: `${module} genSaltSync`, cost: argument(0), defaultCost: 12 }),
    verify: call({ kind: 'slow-hash', label: `${module} verify`, input: argument(0) }),
    verifySync: call({ kind: 'slow-hash', label: `${module} verifySync`, input: argument(0) }),
    compare: call({ kind: 'slow-hash', label: `${module} compare`, input: argument(0) }),
    compareSync: call({ kind: 'slow-hash', label: `${module} compareSync`, input: argument(0) }),
  };
}

/** argon2 (ranisalt/node-argon2, defaults m=65536 t=3) and @node-rs/argon2 (defaults m=19456 t=2). */
function argon2Like(module: string, memory: number, time: number, withSync: boolean): TraceMapNode {
  const hash = (name: string): PasswordHashApi => ({
    kind: 'argon2',
    label: `${module} ${name}`,
    input: argument(0),
    memory: option(1, 'memoryCost'),
    time: option(1, 'timeCost'),
    defaults: { memory, time },
  });
  const verify = (name: string): PasswordHashApi => ({
    kind: 'slow-hash',
    label: `${module} ${name}`,
    input: argument(1),
  });
  return {
    hash: call(hash('hash')),
    verify: call(verify('verify')),
    ...(withSync ? { hashSync: call(hash('hashSync')), verifySync: call(verify('verifySync')) } : {}),
  };
}

/** crypto-js: the namespace's hashers and HMACs, and the same as `crypto-js/<name>` modules. */
const CRYPTO_JS_HASHERS: readonly (readonly [name: string, module: string])[] = [
  ['MD5', 'md5'],
  ['SHA1', 'sha1'],
  ['SHA224', 'sha224'],
  ['SHA256', 'sha256'],
  ['SHA384', 'sha384'],
  ['SHA512', 'sha512'],
  ['SHA3', 'sha3'],
  ['RIPEMD160', 'ripemd160'],
];

function addCryptoJs(map: TraceMap): void {
  const namespace: TraceMapNode = {};
  for (const [name, module] of CRYPTO_JS_HASHERS) {
    const hasher: FastHashApi = { kind: 'fast-hash', label: `CryptoJS.${name}`, algorithm: name, input: argument(0) };
    const hmac: FastHashApi = {
      kind: 'fast-hash',
      label: `CryptoJS.Hmac${name}`,
      algorithm: `HMAC-${name}`,
      input: argument(0),
    };
    namespace[name] = call(hasher);
    namespace[`Hmac${name}`] = call(hmac);
    map[`crypto-js/${module}`] = call(hasher);
    map[`crypto-js/hmac-${module}`] = call(hmac);
  }
  const pbkdf2: Pbkdf2Api = {
    kind: 'pbkdf2',
    label: 'CryptoJS.PBKDF2',
    input: argument(0),
    iterations: option(2, 'iterations'),
    // 4.2.0 changed the defaults from 1 iteration of SHA-1 to 250,000 of SHA-256: weak either way.
    defaultIterations: 250_000,
    digest: option(2, 'hasher'),
    defaultDigest: 'SHA256',
  };
  namespace.PBKDF2 = call(pbkdf2);
  map['crypto-js'] = namespace;
  map['crypto-js/pbkdf2'] = call(pbkdf2);
}

/**
 * js-sha256 / js-sha512 / js-sha1 / js-md5 style modules: the function, `.hex/.array/.digest/
 * .arrayBuffer/.base64(message)`, `.update(message)` and `.create()` (an `update()` hasher), and
 * `.hmac(key, message)`.
 */
function jsHashModule(label: string, algorithm: string): TraceMapNode {
  const direct: FastHashApi = { kind: 'fast-hash', label, algorithm, input: argument(0) };
  const node: TraceMapNode = call(direct);
  for (const output of ['hex', 'array', 'digest', 'arrayBuffer', 'base64', 'update'])
    node[output] = call({ ...direct, label: `${label}.${output}` });
  node.create = call({ ...direct, label: `${label}.create`, input: 'update' });
  node.hmac = {
    ...call({ ...direct, label: `${label}.hmac`, algorithm: `HMAC-${algorithm}`, input: argument(1) }),
    hex: call({ ...direct, label: `${label}.hmac.hex`, algorithm: `HMAC-${algorithm}`, input: argument(1) }),
  };
  return node;
}

function addJsHashModules(map: TraceMap): void {
  map['js-md5'] = { ...jsHashModule('md5', 'MD5'), md5: jsHashModule('md5', 'MD5') };
  map['js-sha1'] = { ...jsHashModule('sha1', 'SHA1'), sha1: jsHashModule('sha1', 'SHA1') };
  map['js-sha256'] = {
    ...jsHashModule('sha256', 'SHA256'),
    sha256: jsHashModule('sha256', 'SHA256'),
    sha224: jsHashModule('sha224', 'SHA224'),
  };
  map['js-sha512'] = {
    ...jsHashModule('sha512', 'SHA512'),
    sha512: jsHashModule('sha512', 'SHA512'),
    sha384: jsHashModule('sha384', 'SHA384'),
  };
  map.md5 = call({ kind: 'fast-hash', label: 'md5', algorithm: 'MD5', input: argument(0) });
  map['blueimp-md5'] = call({ kind: 'fast-hash', label: 'md5', algorithm: 'MD5', input: argument(0) });
  map.sha1 = call({ kind: 'fast-hash', label: 'sha1', algorithm: 'SHA1', input: argument(0) });
  // browserify's node-crypto look-alikes.
  map['create-hash'] = call({ kind: 'fast-hash', label: 'createHash', algorithm: argument(0), input: 'update' });
  map['create-hmac'] = call({
    kind: 'fast-hash',
    label: 'createHmac',
    algorithm: argument(0),
    input: 'update',
    hmac: true,
  });
}

/** @noble/hashes: `sha256(data)`, `pbkdf2(hash, password, salt, { c })`, `scrypt(password, salt, { N, r, p })`, `argon2id(password, salt, { t, m, p })`. */
function addNoble(map: TraceMap): void {
  const fast = (name: string, algorithm: string): TraceMapNode => {
    const direct: FastHashApi = { kind: 'fast-hash', label: name, algorithm, input: argument(0) };
    return { ...call(direct), create: call({ ...direct, label: `${name}.create`, input: 'update' }) };
  };
  const sha2 = {
    sha224: fast('sha224', 'SHA224'),
    sha256: fast('sha256', 'SHA256'),
    sha384: fast('sha384', 'SHA384'),
    sha512: fast('sha512', 'SHA512'),
  };
  const legacy = { md5: fast('md5', 'MD5'), sha1: fast('sha1', 'SHA1'), ripemd160: fast('ripemd160', 'RIPEMD160') };
  const sha3 = { sha3_256: fast('sha3_256', 'SHA3-256'), sha3_512: fast('sha3_512', 'SHA3-512') };
  for (const suffix of ['', '.js']) {
    map[`@noble/hashes/sha2${suffix}`] = sha2;
    map[`@noble/hashes/sha256${suffix}`] = { sha256: sha2.sha256, sha224: sha2.sha224 };
    map[`@noble/hashes/sha512${suffix}`] = { sha512: sha2.sha512, sha384: sha2.sha384 };
    map[`@noble/hashes/legacy${suffix}`] = legacy;
    map[`@noble/hashes/sha1${suffix}`] = { sha1: legacy.sha1 };
    map[`@noble/hashes/sha3${suffix}`] = sha3;
    const pbkdf2: Pbkdf2Api = {
      kind: 'pbkdf2',
      label: 'pbkdf2',
      input: argument(1),
      iterations: option(3, 'c'),
      digest: argument(0),
    };
    map[`@noble/hashes/pbkdf2${suffix}`] = {
      pbkdf2: call(pbkdf2),
      pbkdf2Async: call({ ...pbkdf2, label: 'pbkdf2Async' }),
    };
    const scrypt: ScryptApi = {
      kind: 'scrypt',
      label: 'scrypt',
      input: argument(0),
      cost: option(2, 'N'),
      blockSize: option(2, 'r'),
      parallelization: option(2, 'p'),
      defaults: {},
    };
    map[`@noble/hashes/scrypt${suffix}`] = {
      scrypt: call(scrypt),
      scryptAsync: call({ ...scrypt, label: 'scryptAsync' }),
    };
    const argon2 = (name: string): PasswordHashApi => ({
      kind: 'argon2',
      label: name,
      input: argument(0),
      memory: option(2, 'm'),
      time: option(2, 't'),
      defaults: {},
    });
    map[`@noble/hashes/argon2${suffix}`] = { argon2id: call(argon2('argon2id')), argon2d: call(argon2('argon2d')) };
  }
}

/** hash-wasm: one-shot digests, `pbkdf2({…})`, `argon2id({…})`, `bcrypt({…})`, `scrypt({…})`. */
function hashWasm(): TraceMapNode {
  const node: TraceMapNode = {};
  for (const [name, algorithm] of [
    ['md5', 'MD5'],
    ['sha1', 'SHA1'],
    ['sha224', 'SHA224'],
    ['sha256', 'SHA256'],
    ['sha384', 'SHA384'],
    ['sha512', 'SHA512'],
    ['sha3', 'SHA3'],
    ['keccak', 'Keccak'],
    ['ripemd160', 'RIPEMD160'],
    ['blake2b', 'BLAKE2b'],
    ['blake3', 'BLAKE3'],
  ] as const) {
    node[name] = call({ kind: 'fast-hash', label: name, algorithm, input: argument(0) });
  }
  node.pbkdf2 = call({
    kind: 'pbkdf2',
    label: 'pbkdf2',
    input: option(0, 'password'),
    iterations: option(0, 'iterations'),
    digest: option(0, 'hashFunction'),
  });
  for (const name of ['argon2id', 'argon2i', 'argon2d']) {
    node[name] = call({
      kind: 'argon2',
      label: name,
      input: option(0, 'password'),
      memory: option(0, 'memorySize'),
      time: option(0, 'iterations'),
      defaults: {},
    });
  }
  node.argon2Verify = call({ kind: 'slow-hash', label: 'argon2Verify', input: option(0, 'password') });
  node.bcrypt = call({ kind: 'bcrypt', label: 'bcrypt', input: option(0, 'password'), cost: option(0, 'costFactor') });
  node.bcryptVerify = call({ kind: 'slow-hash', label: 'bcryptVerify', input: option(0, 'password') });
  node.scrypt = call({
    kind: 'scrypt',
    label: 'scrypt',
    input: option(0, 'password'),
    cost: option(0, 'costFactor'),
    blockSize: option(0, 'blockSize'),
    parallelization: option(0, 'parallelism'),
    defaults: {},
  });
  return node;
}

/** scrypt-kdf: `kdf(passphrase, { logN, r, p })`, `verify(key, passphrase)`. */
function scryptKdf(): TraceMapNode {
  const kdf: ScryptApi = {
    kind: 'scrypt',
    label: 'Scrypt.kdf',
    input: argument(0),
    cost: option(1, 'logN'),
    costIsExponent: true,
    blockSize: option(1, 'r'),
    parallelization: option(1, 'p'),
    defaults: { blockSize: 8, parallelization: 1 },
  };
  return {
    kdf: call(kdf),
    verify: call({ kind: 'slow-hash', label: 'Scrypt.verify', input: argument(1) }),
  };
}

/** @oslojs/crypto (the Lucia ecosystem): `sha1(bytes)`, `sha256(bytes)`, … */
function addOslo(map: TraceMap): void {
  const fast = (name: string, algorithm: string): TraceMapNode =>
    call({ kind: 'fast-hash', label: name, algorithm, input: argument(0) });
  map['@oslojs/crypto/sha1'] = { sha1: fast('sha1', 'SHA1') };
  map['@oslojs/crypto/sha2'] = {
    sha224: fast('sha224', 'SHA224'),
    sha256: fast('sha256', 'SHA256'),
    sha384: fast('sha384', 'SHA384'),
    sha512: fast('sha512', 'SHA512'),
  };
  map['@oslojs/crypto/sha3'] = { sha3_256: fast('sha3_256', 'SHA3-256'), sha3_512: fast('sha3_512', 'SHA3-512') };
}

function buildTraceMap(): TraceMap {
  const map: TraceMap = {};
  const crypto = nodeCrypto();
  map.crypto = crypto;
  map['node:crypto'] = crypto;
  map.bcrypt = bcryptLike('bcrypt');
  map.bcryptjs = bcryptLike('bcryptjs', 10);
  map['bcrypt-ts'] = bcryptLike('bcrypt-ts', 10);
  map['@node-rs/bcrypt'] = nodeRsBcrypt();
  map.argon2 = argon2Like('argon2', 65_536, 3, false);
  map['@node-rs/argon2'] = argon2Like('@node-rs/argon2', 19_456, 2, true);
  map['hash-wasm'] = hashWasm();
  map['scrypt-kdf'] = scryptKdf();
  addCryptoJs(map);
  addJsHashModules(map);
  addNoble(map);
  addOslo(map);
  return map;
}

/**
 * Trace map (module → export path → `CALL` → {@link PasswordHashApi}) of the hashing calls above, for
 * `trackReferences`. Every module here is CommonJS or dual, so the tracker's `legacy` mode finds
 * default, named, namespace and `require()` forms.
 */
export const PASSWORD_HASH_TRACE_MAP: TraceMap = buildTraceMap();

/**
 * The Web Crypto global (`crypto.subtle`, also through `globalThis`), for
 * `ReferenceTracker.iterateGlobalReferences` in runtimes where it needs no import (browsers, Deno,
 * Bun, Cloudflare Workers, Next.js edge routes, Node ≥ 19).
 */
export const PASSWORD_HASH_GLOBAL_TRACE_MAP: TraceMap = {
  crypto: { subtle: webCryptoSubtle('crypto.subtle') },
};

/** `util.promisify`, whose result called is the promise form of a callback API (`crypto.scrypt`). */
export const PROMISIFY_TRACE_MAP: TraceMap = {
  util: { promisify: { [CALL]: true } },
  'node:util': { promisify: { [CALL]: true } },
};

/** Cheap test on a file's text: could it call any API above? (Module names and global names.) */
export const PASSWORD_HASH_SOURCE_HINT = /crypt|md5|sha[-\d_]|argon|hash|pbkdf|subtle/iu;
