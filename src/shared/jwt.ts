/**
 * What the JSON Web Token libraries of Node.js services do, as data: which exports verify, sign and
 * decode tokens, where each one takes its options, which option lists the accepted algorithms, which
 * one turns the expiry check off, how a signed token gets an expiry, and which libraries pin the
 * algorithm themselves. Read by import tracking (`trackReferences`), never by names.
 *
 * Sources, checked against each project's README or source at the versions noted:
 * - jsonwebtoken 9.0.2 README: `verify(token, key[, options, callback])` with `algorithms`
 *   ("if not specified a default will be used based on the type of key"), `ignoreExpiration`;
 *   `sign(payload, key[, options, callback])` with `algorithm` (default `HS256`) and `expiresIn` (no
 *   default; `exp` in the payload instead); `decode` "will not verify whether the signature is valid".
 *   Before 9.0.0 a missing `algorithms` let the token's header choose (CVE-2022-23540, CVE-2022-23541).
 * - jose 6 `VerifyOptions.algorithms`: "defaults to all algorithms applicable to the key or secret.
 *   Unsecured JWTs (`alg: "none"`) are never accepted": the key pins the family, so there is nothing to
 *   report on `jwtVerify`. `SignJWT` adds `exp` only through `setExpirationTime()`; `decodeJwt` and
 *   `UnsecuredJWT.decode` check no signature.
 * - fast-jwt 5 README: `createVerifier({ key, algorithms, ignoreExpiration })`, "by default, all
 *   algorithms are accepted"; `createSigner` picks `HS256` for a plain secret.
 * - @fastify/jwt 9 README (fast-jwt underneath): `register(plugin, { secret, sign, verify, decode })`;
 *   `verify.algorithms` "by default, all algorithms are accepted"; `sign.algorithm` defaults to `HS256`
 *   for a plain secret; `sign.expiresIn`; `fastify.jwt.sign(payload, options)` and
 *   `reply.jwtSign(payload, options)` merge their options over the registration's. fast-jwt's
 *   `ignoreExpiration` option. The package was published as `fastify-jwt` before v4.
 * - @nestjs/jwt 11 source (`jwt.service.ts`): `JwtModule.register({ secret, signOptions, verifyOptions })`;
 *   `JwtService.sign/signAsync/verify/verifyAsync(…, options)` merge `options` over the module's and
 *   call jsonwebtoken; `decode` is jsonwebtoken's `decode`.
 * - passport-jwt 4.0.1 (`lib/strategy.js`): `new Strategy({ secretOrKey, algorithms, ignoreExpiration,
 *   jsonWebTokenOptions }, verify)`; the top-level `algorithms` always overwrites the one in
 *   `jsonWebTokenOptions`, so only the top-level one pins.
 * - koa-jwt 4 (`lib/index.js`, `types/index.d.ts`): `jwt({ secret, algorithms, … })` hands its whole
 *   options object to jsonwebtoken's `verify`.
 * - express-jwt 7+ README: `expressjwt({ secret, algorithms })`; "`algorithms` is required" (it throws
 *   at start-up without it), plus every jsonwebtoken `verify` option.
 * - hono 4 (`src/utils/jwt/jwt.ts`, `src/middleware/jwt/jwt.ts`): `verify(token, key, alg | { alg, exp })`
 *   verifies with the given algorithm only (default `HS256` before 4.11.4, required since); the `jwt()`
 *   middleware takes `alg` and `verification: { exp }`; `sign(payload, key, alg)` has no expiry option,
 *   only an `exp` claim in the payload. `exp: false` turns the expiry check off.
 * - jwt-decode 4 README: `jwtDecode(token)` (a default export before v4) "doesn't validate the token".
 */
import { CALL, CONSTRUCT, ESM, type TraceMap } from './ast/index.js';

/** Where a value sits in a call: argument `arg`, then the property path `path` inside it. */
export interface ArgumentSlot {
  arg: number;
  path: readonly string[];
}

/** A call that verifies tokens, or configures middleware or a strategy that does. */
export interface JwtVerifySpec {
  kind: 'verify';
  /** The package as users import it, for messages. */
  library: string;
  /** How messages name the call (`jwt.verify`, `new JwtStrategy()`). */
  call: string;
  /** Where the verify options are. */
  options: ArgumentSlot;
  /** jsonwebtoken-style callback position: a function here means "no options" (`verify(token, key, cb)`). */
  callbackAt?: number;
  /** Where the verification key is, used to name the algorithm tokens are signed with; `null` when none. */
  key: ArgumentSlot | null;
  /** The option that lists the accepted algorithms (where `none` is looked for), or `null` when there is none. */
  algorithms: string | null;
  /** Set when the library pins the algorithm itself, so a missing list is not reported: how it does. */
  pinnedBecause?: string;
  /** The option that, set to `value`, accepts expired tokens. */
  expiryOff: { property: string; value: boolean } | null;
  /** Sign calls whose tokens this verifies, to name their algorithm in a fix (see {@link JwtSignSpec.family}). */
  family: 'jsonwebtoken' | 'fast-jwt' | 'hono' | 'jose';
}

/** A call that signs a token. */
export interface JwtSignSpec {
  kind: 'sign';
  library: string;
  call: string;
  /** Argument index of the payload. */
  payloadArg: number;
  /** Where the sign options are, or `null` when the call takes none (hono). */
  options: ArgumentSlot | null;
  /** jsonwebtoken-style callback position: a function here means "no options". */
  callbackAt?: number;
  /** The option that sets the lifetime, or `null` when only an `exp` claim in the payload does. */
  expiresIn: string | null;
  /** A property of the options that holds them instead, when present (`reply.jwtSign(p, { sign: { expiresIn } })`). */
  nestedOptions?: string;
  /** Where the signing key is. */
  key: ArgumentSlot;
  /** Where the algorithm is chosen: an option name or an argument index. */
  algorithm: { property: string } | { arg: number };
  /** The algorithm used when none is chosen and the key is a plain secret. */
  defaultAlgorithm: string;
  family: JwtVerifySpec['family'];
}

/** jose's `new SignJWT(payload).setProtectedHeader({ alg }).setExpirationTime(t).sign(key)`. */
export interface JwtSignChainSpec {
  kind: 'sign-chain';
  library: string;
  call: string;
  payloadArg: number;
  /** The chained method that sets `exp`. */
  expiryMethod: string;
  /** The chained method that produces the token. */
  signMethod: string;
}

/** A call that reads a token without checking its signature. */
export interface JwtDecodeSpec {
  kind: 'decode';
  library: string;
  call: string;
  /** What to call instead, for the message. */
  verifyWith: string;
}

/** A NestJS `JwtModule.register()`/`registerAsync()` or `new JwtService()`: module-wide options. */
export interface JwtModuleSpec {
  kind: 'module';
  library: string;
  call: string;
  /** The options object: argument 0, or what `useFactory` returns (`'()'` in the path). */
  options: ArgumentSlot;
  verifyOptions: string;
  signOptions: string;
  /** What the `verifyOptions` object holds (jsonwebtoken's verify options). */
  verify: Pick<JwtVerifySpec, 'algorithms' | 'expiryOff'>;
}

/** Any payload of {@link JWT_TRACE_MAP}. */
export type JwtSpec = JwtVerifySpec | JwtSignSpec | JwtSignChainSpec | JwtDecodeSpec | JwtModuleSpec;

const JSONWEBTOKEN_VERIFY: JwtVerifySpec = {
  kind: 'verify',
  library: 'jsonwebtoken',
  call: 'jwt.verify',
  options: { arg: 2, path: [] },
  callbackAt: 2,
  key: { arg: 1, path: [] },
  algorithms: 'algorithms',
  expiryOff: { property: 'ignoreExpiration', value: true },
  family: 'jsonwebtoken',
};

const JSONWEBTOKEN_SIGN: JwtSignSpec = {
  kind: 'sign',
  library: 'jsonwebtoken',
  call: 'jwt.sign',
  payloadArg: 0,
  options: { arg: 2, path: [] },
  callbackAt: 2,
  expiresIn: 'expiresIn',
  key: { arg: 1, path: [] },
  algorithm: { property: 'algorithm' },
  defaultAlgorithm: 'HS256',
  family: 'jsonwebtoken',
};

const decode = (library: string, call: string, verifyWith: string): JwtDecodeSpec => ({
  kind: 'decode',
  library,
  call,
  verifyWith,
});

const HONO_PINNED =
  'hono verifies with the one algorithm it is given (`HS256` by default before 4.11.4, required since)';

const HONO_VERIFY: JwtVerifySpec = {
  kind: 'verify',
  library: 'hono/jwt',
  call: 'verify',
  options: { arg: 2, path: [] },
  key: { arg: 1, path: [] },
  algorithms: null,
  pinnedBecause: HONO_PINNED,
  expiryOff: { property: 'exp', value: false },
  family: 'hono',
};

const HONO_SIGN: JwtSignSpec = {
  kind: 'sign',
  library: 'hono/jwt',
  call: 'sign',
  payloadArg: 0,
  options: null,
  expiresIn: null,
  key: { arg: 1, path: [] },
  algorithm: { arg: 2 },
  defaultAlgorithm: 'HS256',
  family: 'hono',
};

const HONO_DECODE = decode('hono/jwt', 'decode', '`verify(token, secret, alg)`');

const HONO_JWT = {
  [ESM]: true,
  jwt: {
    [CALL]: {
      ...HONO_VERIFY,
      call: 'jwt()',
      options: { arg: 0, path: ['verification'] },
      key: { arg: 0, path: ['secret'] },
    } satisfies JwtVerifySpec,
  },
  verify: { [CALL]: HONO_VERIFY },
  sign: { [CALL]: HONO_SIGN },
  decode: { [CALL]: HONO_DECODE },
  Jwt: {
    verify: { [CALL]: { ...HONO_VERIFY, call: 'Jwt.verify' } },
    sign: { [CALL]: { ...HONO_SIGN, call: 'Jwt.sign' } },
    decode: { [CALL]: { ...HONO_DECODE, call: 'Jwt.decode' } },
  },
};

const PASSPORT_JWT: JwtVerifySpec = {
  kind: 'verify',
  library: 'passport-jwt',
  call: 'new JwtStrategy()',
  options: { arg: 0, path: [] },
  key: { arg: 0, path: ['secretOrKey'] },
  algorithms: 'algorithms',
  expiryOff: { property: 'ignoreExpiration', value: true },
  family: 'jsonwebtoken',
};

const KOA_JWT: JwtVerifySpec = {
  kind: 'verify',
  library: 'koa-jwt',
  call: 'jwt()',
  options: { arg: 0, path: [] },
  key: { arg: 0, path: ['secret'] },
  algorithms: 'algorithms',
  expiryOff: { property: 'ignoreExpiration', value: true },
  family: 'jsonwebtoken',
};

const EXPRESS_JWT: JwtVerifySpec = {
  kind: 'verify',
  library: 'express-jwt',
  call: 'expressjwt()',
  options: { arg: 0, path: [] },
  key: { arg: 0, path: ['secret'] },
  algorithms: 'algorithms',
  pinnedBecause: 'express-jwt 6+ refuses to start without `algorithms`',
  expiryOff: { property: 'ignoreExpiration', value: true },
  family: 'jsonwebtoken',
};

const NEST_MODULE: JwtModuleSpec = {
  kind: 'module',
  library: '@nestjs/jwt',
  call: 'JwtModule.register()',
  options: { arg: 0, path: [] },
  verifyOptions: 'verifyOptions',
  signOptions: 'signOptions',
  verify: { algorithms: 'algorithms', expiryOff: { property: 'ignoreExpiration', value: true } },
};

/**
 * Tracked exports and what each does. CommonJS packages are matched in ESLint's legacy mode (default,
 * named and namespace imports alike); ES-only packages (hono) carry `[ESM]: true`.
 */
export const JWT_TRACE_MAP: TraceMap = {
  jsonwebtoken: {
    verify: { [CALL]: JSONWEBTOKEN_VERIFY },
    sign: { [CALL]: JSONWEBTOKEN_SIGN },
    decode: { [CALL]: decode('jsonwebtoken', 'jwt.decode', '`jwt.verify(token, key, { algorithms })`') },
  },
  jose: {
    SignJWT: {
      [CONSTRUCT]: {
        kind: 'sign-chain',
        library: 'jose',
        call: 'new SignJWT()',
        payloadArg: 0,
        expiryMethod: 'setExpirationTime',
        signMethod: 'sign',
      } satisfies JwtSignChainSpec,
    },
    decodeJwt: { [CALL]: decode('jose', 'decodeJwt', '`jwtVerify(token, key)`') },
    UnsecuredJWT: { decode: { [CALL]: decode('jose', 'UnsecuredJWT.decode', '`jwtVerify(token, key)`') } },
  },
  'hono/jwt': HONO_JWT,
  'hono/utils/jwt': { [ESM]: true, Jwt: HONO_JWT.Jwt },
  'passport-jwt': { Strategy: { [CONSTRUCT]: PASSPORT_JWT } },
  'fast-jwt': {
    createVerifier: {
      [CALL]: {
        kind: 'verify',
        library: 'fast-jwt',
        call: 'createVerifier()',
        options: { arg: 0, path: [] },
        key: { arg: 0, path: ['key'] },
        algorithms: 'algorithms',
        expiryOff: { property: 'ignoreExpiration', value: true },
        family: 'fast-jwt',
      } satisfies JwtVerifySpec,
    },
  },
  'koa-jwt': { [CALL]: KOA_JWT },
  'express-jwt': { [CALL]: EXPRESS_JWT, expressjwt: { [CALL]: EXPRESS_JWT } },
  'jwt-decode': {
    [CALL]: decode('jwt-decode', 'jwtDecode', 'the verify function of your JWT library'),
    jwtDecode: { [CALL]: decode('jwt-decode', 'jwtDecode', 'the verify function of your JWT library') },
  },
  '@nestjs/jwt': {
    JwtModule: {
      register: { [CALL]: NEST_MODULE },
      registerAsync: {
        [CALL]: { ...NEST_MODULE, call: 'JwtModule.registerAsync()', options: { arg: 0, path: ['useFactory', '()'] } },
      },
    },
    JwtService: { [CONSTRUCT]: { ...NEST_MODULE, call: 'new JwtService()' } },
  },
};

/** The Fastify plugins registered as `app.register(plugin, options)`. */
export const FASTIFY_JWT_PLUGINS: ReadonlySet<string> = new Set(['@fastify/jwt', 'fastify-jwt']);

/** `app.register(fastifyJwt, options)`: the registration verifies every `request.jwtVerify()`. */
export const FASTIFY_JWT_VERIFY: JwtVerifySpec = {
  kind: 'verify',
  library: '@fastify/jwt',
  call: 'register(fastifyJwt)',
  options: { arg: 1, path: ['verify'] },
  key: { arg: 1, path: ['secret'] },
  algorithms: 'algorithms',
  expiryOff: { property: 'ignoreExpiration', value: true },
  family: 'fast-jwt',
};

/**
 * `fastify.jwt.sign(payload, options)` and `reply.jwtSign(payload, options)` (the decorators the plugin
 * adds): per-call options merged over the registration's `sign` options.
 */
export const FASTIFY_JWT_SIGN: JwtSignSpec = {
  kind: 'sign',
  library: '@fastify/jwt',
  call: 'jwt.sign',
  payloadArg: 0,
  options: { arg: 1, path: [] },
  expiresIn: 'expiresIn',
  nestedOptions: 'sign',
  key: { arg: 1, path: ['secret'] },
  algorithm: { property: 'algorithm' },
  defaultAlgorithm: 'HS256',
  family: 'fast-jwt',
};

/** The registration options that hold the defaults of every `sign` (`{ sign: { expiresIn, algorithm } }`). */
export const FASTIFY_JWT_SIGN_DEFAULTS = 'sign';

/** The methods the Fastify plugin decorates: on the instance's `jwt` object and on the reply. */
export const FASTIFY_JWT_SIGN_METHODS = { instance: 'sign', reply: 'jwtSign' } as const;

/**
 * NestJS wraps a passport strategy as `class JwtStrategy extends PassportStrategy(Strategy)` and passes
 * the options to `super(options)`: the options of passport-jwt's `Strategy`.
 */
export const NEST_PASSPORT_STRATEGY = { module: '@nestjs/passport', export: 'PassportStrategy' } as const;

/** passport-jwt's spec, for the NestJS `super(options)` call. */
export const PASSPORT_JWT_SPEC: JwtVerifySpec = { ...PASSPORT_JWT, call: 'PassportStrategy(JwtStrategy)' };

/** `JwtService` from `@nestjs/jwt`, injected by its type (`constructor(private jwt: JwtService)`). */
export const NEST_JWT_SERVICE = { module: '@nestjs/jwt', export: 'JwtService' } as const;

/** What the `JwtService` methods are, for an injected service whose module options are out of sight. */
export const NEST_JWT_SERVICE_METHODS: Readonly<Record<string, 'verify' | 'sign' | 'decode'>> = {
  verify: 'verify',
  verifyAsync: 'verify',
  sign: 'sign',
  signAsync: 'sign',
  decode: 'decode',
};

/** `JwtService` methods as calls: `verify(token, options)`, `sign(payload, options)` with jsonwebtoken options. */
export const NEST_JWT_SERVICE_VERIFY: JwtVerifySpec = {
  ...JSONWEBTOKEN_VERIFY,
  library: '@nestjs/jwt',
  call: 'JwtService.verify',
  options: { arg: 1, path: [] },
  callbackAt: undefined,
  key: null,
};

export const NEST_JWT_SERVICE_SIGN: JwtSignSpec = {
  ...JSONWEBTOKEN_SIGN,
  library: '@nestjs/jwt',
  call: 'JwtService.sign',
  options: { arg: 1, path: [] },
  callbackAt: undefined,
  key: { arg: 1, path: ['secret'] },
};

export const NEST_JWT_SERVICE_DECODE: JwtDecodeSpec = decode(
  '@nestjs/jwt',
  'JwtService.decode',
  '`JwtService.verify(token)`',
);

/**
 * Claims about time or identity of the token itself, not of its bearer: reading them from a decoded
 * token (to schedule a refresh, to find the key by `kid`) decides nothing about access.
 */
export const TOKEN_METADATA_CLAIMS: ReadonlySet<string> = new Set([
  'exp',
  'iat',
  'nbf',
  'jti',
  'kid',
  'alg',
  'typ',
  'header',
]);

/**
 * Properties of a request, context or state object that hold the authenticated identity when a value
 * is assigned to them (`req.user = …`, `ctx.state.user = …`, `res.locals.user = …`).
 */
export const IDENTITY_PROPERTIES: ReadonlySet<string> = new Set([
  'user',
  'auth',
  'currentUser',
  'authUser',
  'account',
  'principal',
  'identity',
  'claims',
  'jwt',
  'jwtPayload',
  'tokenPayload',
  'decoded',
  'session',
  'userId',
  'uid',
  'role',
  'roles',
  'permissions',
  'scopes',
  'isAdmin',
]);

/** Hono `c.set(key, value)` keys that hold the authenticated identity (`jwtPayload` is what hono's `jwt()` sets). */
export const IDENTITY_CONTEXT_KEYS: ReadonlySet<string> = IDENTITY_PROPERTIES;
