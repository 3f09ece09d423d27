/**
 * API positions that take a secret: the key argument of `jwt.sign`, the `secret` option of
 * `express-session`, the `password` of a `pg` pool, … Calls are recognised by import tracking
 * (every import form, `require` included; a local binding with the same name is never matched),
 * and the values passed are followed through same-file bindings and options objects down to the
 * string literals they are made of.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  CALL,
  CONSTRUCT,
  ESM,
  getDottedName,
  getMemberCallOn,
  skipTypeWrappers,
  trackReferences,
  type TraceMap,
} from '../../shared/ast/index.js';
import {
  getAllPropertyValues,
  getModuleOf,
  getPropertyValue,
  getReturnedValues,
  resolveObject,
  resolveStrings,
  type ScopeOf,
  type StringNode,
} from './resolve.js';

/** A string literal in an API position. */
export interface ApiHit {
  /** What the API uses it as, for the message (`JWT signing key`). */
  kind: string;
  /** The environment variable a suggestion reads it from (`JWT_SECRET`). */
  envName: string;
  /** The value is a connection URL and the secret is the password inside it. */
  url: boolean;
}

/** Where in a call a secret goes. */
interface Slot {
  /** Argument index. */
  arg: number;
  /** Property path inside that argument: `*` is every property, `()` what a function returns. */
  path?: readonly string[];
  /** The value is a connection URL; only an inline password is a secret. */
  url?: boolean;
  kind?: string;
  envName?: string;
}

/** What a tracked call takes: the default kind and env name, and the slots. */
interface SinkSpec {
  kind: string;
  envName: string;
  slots: readonly Slot[];
  /** The slots belong to a method called on the result (`new SignJWT(p).….sign(key)`). */
  chainMethod?: string;
  /** Assigning `x.keys = […]` on the constructed instance sets signing keys (Koa). */
  instanceKeys?: boolean;
}

const value = (arg: number, extra: Omit<Slot, 'arg'> = {}): Slot => ({ arg, ...extra });
const option = (arg: number, ...path: string[]): Slot => ({ arg, path });
const urlIn = (arg: number, ...path: string[]): Slot => ({ arg, path, url: true, envName: 'DATABASE_URL' });

const JWT_SIGN: SinkSpec = { kind: 'JWT signing key', envName: 'JWT_SECRET', slots: [value(1)] };
const JWT_VERIFY: SinkSpec = { kind: 'JWT verification key', envName: 'JWT_SECRET', slots: [value(1)] };
const JWE_DECRYPT: SinkSpec = { kind: 'JWE decryption key', envName: 'JWE_SECRET', slots: [value(1)] };
const JOSE_SIGN_CHAIN: SinkSpec = {
  kind: 'JWT signing key',
  envName: 'JWT_SECRET',
  slots: [value(0)],
  chainMethod: 'sign',
};
const JOSE_ENCRYPT_CHAIN: SinkSpec = {
  kind: 'JWE encryption key',
  envName: 'JWE_SECRET',
  slots: [value(0)],
  chainMethod: 'encrypt',
};

const HMAC: SinkSpec = { kind: 'HMAC key', envName: 'HMAC_SECRET', slots: [value(1)] };
const CIPHER: SinkSpec = { kind: 'cipher key', envName: 'ENCRYPTION_KEY', slots: [value(1)] };
const SECRET_KEY: SinkSpec = { kind: 'secret key', envName: 'SECRET_KEY', slots: [value(0)] };
const KDF_INPUT: SinkSpec = { kind: 'key-derivation secret', envName: 'KDF_SECRET', slots: [value(0)] };
const HKDF_INPUT: SinkSpec = { kind: 'key-derivation secret', envName: 'KDF_SECRET', slots: [value(1)] };

const NEST_JWT_OPTIONS: readonly Slot[] = [
  option(0, 'secret'),
  option(0, 'privateKey'),
  option(0, 'secretOrPrivateKey'),
];
const NEST_JWT: SinkSpec = { kind: 'JWT signing key', envName: 'JWT_SECRET', slots: NEST_JWT_OPTIONS };
const NEST_JWT_ASYNC: SinkSpec = {
  kind: 'JWT signing key',
  envName: 'JWT_SECRET',
  slots: [
    option(0, 'useFactory', '()', 'secret'),
    option(0, 'useFactory', '()', 'privateKey'),
    option(0, 'useFactory', '()', 'secretOrPrivateKey'),
  ],
};

const PG: SinkSpec = {
  kind: 'database password',
  envName: 'DB_PASSWORD',
  slots: [urlIn(0), option(0, 'password'), urlIn(0, 'connectionString')],
};
const MYSQL: SinkSpec = {
  kind: 'database password',
  envName: 'DB_PASSWORD',
  slots: [urlIn(0), option(0, 'password'), urlIn(0, 'uri')],
};
const SEQUELIZE: SinkSpec = {
  kind: 'database password',
  envName: 'DB_PASSWORD',
  // new Sequelize(uri[, options]) | new Sequelize(database, username, password[, options]) | new Sequelize(options)
  slots: [urlIn(0), value(2), option(0, 'password'), option(1, 'password'), option(3, 'password')],
};
const TYPEORM: SinkSpec = {
  kind: 'database password',
  envName: 'DB_PASSWORD',
  slots: [option(0, 'password'), urlIn(0, 'url')],
};
const TYPEORM_ASYNC: SinkSpec = {
  kind: 'database password',
  envName: 'DB_PASSWORD',
  slots: [option(0, 'useFactory', '()', 'password'), urlIn(0, 'useFactory', '()', 'url')],
};
const KNEX: SinkSpec = {
  kind: 'database password',
  envName: 'DB_PASSWORD',
  slots: [urlIn(0, 'connection'), option(0, 'connection', 'password'), urlIn(0, 'connection', 'connectionString')],
};
const MONGO_URL: Slot = { arg: 0, url: true, envName: 'MONGODB_URI' };
const MONGOOSE_CONNECT: SinkSpec = {
  kind: 'database password',
  envName: 'MONGODB_PASSWORD',
  slots: [MONGO_URL, option(1, 'pass'), option(1, 'auth', 'password')],
};
const MONGO_CLIENT: SinkSpec = {
  kind: 'database password',
  envName: 'MONGODB_PASSWORD',
  slots: [MONGO_URL, option(1, 'auth', 'password')],
};
const REDIS_CLIENT: SinkSpec = {
  kind: 'Redis password',
  envName: 'REDIS_PASSWORD',
  slots: [option(0, 'password'), { arg: 0, path: ['url'], url: true, envName: 'REDIS_URL' }],
};
const IOREDIS: SinkSpec = {
  kind: 'Redis password',
  envName: 'REDIS_PASSWORD',
  // new Redis(url | options) | new Redis(port, host, options) | new Redis(url, options)
  slots: [
    { arg: 0, url: true, envName: 'REDIS_URL' },
    option(0, 'password'),
    option(1, 'password'),
    option(2, 'password'),
  ],
};
const PRISMA: SinkSpec = {
  kind: 'database password',
  envName: 'DATABASE_URL',
  slots: [urlIn(0, 'datasourceUrl'), urlIn(0, 'datasources', '*', 'url')],
};

const STRIPE: SinkSpec = { kind: 'Stripe secret key', envName: 'STRIPE_SECRET_KEY', slots: [value(0)] };
const OPENAI: SinkSpec = { kind: 'OpenAI API key', envName: 'OPENAI_API_KEY', slots: [option(0, 'apiKey')] };
const TWILIO: SinkSpec = { kind: 'Twilio auth token', envName: 'TWILIO_AUTH_TOKEN', slots: [value(1)] };

/**
 * Tracked exports and where their secrets go. CommonJS packages are matched in ESLint's legacy
 * mode (default and named imports alike); ES-only packages (hono) carry `[ESM]: true`.
 */
const TRACE_MAP: TraceMap = {
  jsonwebtoken: { sign: { [CALL]: JWT_SIGN }, verify: { [CALL]: JWT_VERIFY } },
  jose: {
    jwtVerify: { [CALL]: JWT_VERIFY },
    compactVerify: { [CALL]: JWT_VERIFY },
    flattenedVerify: { [CALL]: JWT_VERIFY },
    generalVerify: { [CALL]: JWT_VERIFY },
    jwtDecrypt: { [CALL]: JWE_DECRYPT },
    compactDecrypt: { [CALL]: JWE_DECRYPT },
    flattenedDecrypt: { [CALL]: JWE_DECRYPT },
    generalDecrypt: { [CALL]: JWE_DECRYPT },
    SignJWT: { [CONSTRUCT]: JOSE_SIGN_CHAIN },
    CompactSign: { [CONSTRUCT]: JOSE_SIGN_CHAIN },
    FlattenedSign: { [CONSTRUCT]: JOSE_SIGN_CHAIN },
    EncryptJWT: { [CONSTRUCT]: JOSE_ENCRYPT_CHAIN },
    CompactEncrypt: { [CONSTRUCT]: JOSE_ENCRYPT_CHAIN },
    FlattenedEncrypt: { [CONSTRUCT]: JOSE_ENCRYPT_CHAIN },
  },
  'hono/jwt': {
    [ESM]: true,
    jwt: { [CALL]: { ...JWT_VERIFY, slots: [option(0, 'secret')] } },
    sign: { [CALL]: JWT_SIGN },
    verify: { [CALL]: JWT_VERIFY },
    Jwt: { sign: { [CALL]: JWT_SIGN }, verify: { [CALL]: JWT_VERIFY } },
  },
  'hono/utils/jwt': { [ESM]: true, Jwt: { sign: { [CALL]: JWT_SIGN }, verify: { [CALL]: JWT_VERIFY } } },
  'hono/basic-auth': {
    [ESM]: true,
    basicAuth: {
      [CALL]: { kind: 'basic-auth password', envName: 'BASIC_AUTH_PASSWORD', slots: [option(0, 'password')] },
    },
  },
  'hono/bearer-auth': {
    [ESM]: true,
    bearerAuth: { [CALL]: { kind: 'bearer token', envName: 'API_TOKEN', slots: [option(0, 'token')] } },
  },
  'express-session': { [CALL]: { kind: 'session secret', envName: 'SESSION_SECRET', slots: [option(0, 'secret')] } },
  'cookie-session': {
    [CALL]: { kind: 'cookie-signing key', envName: 'COOKIE_SECRET', slots: [option(0, 'secret'), option(0, 'keys')] },
  },
  'cookie-parser': { [CALL]: { kind: 'cookie-signing secret', envName: 'COOKIE_SECRET', slots: [value(0)] } },
  'express-basic-auth': {
    [CALL]: { kind: 'basic-auth password', envName: 'BASIC_AUTH_PASSWORD', slots: [option(0, 'users', '*')] },
  },
  koa: {
    [CONSTRUCT]: { kind: 'cookie-signing key', envName: 'APP_KEYS', slots: [option(0, 'keys')], instanceKeys: true },
  },
  keygrip: {
    [CONSTRUCT]: { kind: 'cookie-signing key', envName: 'APP_KEYS', slots: [value(0)] },
    [CALL]: { kind: 'cookie-signing key', envName: 'APP_KEYS', slots: [value(0)] },
  },
  'passport-jwt': {
    Strategy: {
      [CONSTRUCT]: { kind: 'JWT verification key', envName: 'JWT_SECRET', slots: [option(0, 'secretOrKey')] },
    },
  },
  '@nestjs/jwt': {
    JwtModule: { register: { [CALL]: NEST_JWT }, registerAsync: { [CALL]: NEST_JWT_ASYNC } },
    JwtService: { [CONSTRUCT]: NEST_JWT },
  },
  crypto: cryptoSinks(),
  'node:crypto': cryptoSinks(),
  pg: { Pool: { [CONSTRUCT]: PG }, Client: { [CONSTRUCT]: PG } },
  postgres: { [CALL]: { ...PG, slots: [urlIn(0), option(0, 'password'), option(1, 'password')] } },
  mysql: { createPool: { [CALL]: MYSQL }, createConnection: { [CALL]: MYSQL } },
  mysql2: { createPool: { [CALL]: MYSQL }, createConnection: { [CALL]: MYSQL } },
  'mysql2/promise': { createPool: { [CALL]: MYSQL }, createConnection: { [CALL]: MYSQL } },
  sequelize: { [CONSTRUCT]: SEQUELIZE, Sequelize: { [CONSTRUCT]: SEQUELIZE } },
  'sequelize-typescript': { Sequelize: { [CONSTRUCT]: SEQUELIZE } },
  typeorm: { DataSource: { [CONSTRUCT]: TYPEORM }, createConnection: { [CALL]: TYPEORM } },
  '@nestjs/typeorm': { TypeOrmModule: { forRoot: { [CALL]: TYPEORM }, forRootAsync: { [CALL]: TYPEORM_ASYNC } } },
  '@nestjs/sequelize': {
    SequelizeModule: { forRoot: { [CALL]: { ...TYPEORM, slots: [option(0, 'password'), urlIn(0, 'uri')] } } },
  },
  '@nestjs/mongoose': {
    MongooseModule: {
      forRoot: { [CALL]: MONGO_CLIENT },
      forRootAsync: {
        [CALL]: {
          ...MONGO_CLIENT,
          slots: [{ arg: 0, path: ['useFactory', '()', 'uri'], url: true, envName: 'MONGODB_URI' }],
        },
      },
    },
  },
  knex: { [CALL]: KNEX, knex: { [CALL]: KNEX } },
  mongoose: { connect: { [CALL]: MONGOOSE_CONNECT }, createConnection: { [CALL]: MONGOOSE_CONNECT } },
  mongodb: { MongoClient: { [CONSTRUCT]: MONGO_CLIENT, connect: { [CALL]: MONGO_CLIENT } } },
  redis: { createClient: { [CALL]: REDIS_CLIENT } },
  ioredis: { [CONSTRUCT]: IOREDIS, Redis: { [CONSTRUCT]: IOREDIS } },
  '@prisma/client': { PrismaClient: { [CONSTRUCT]: PRISMA } },
  stripe: { [CONSTRUCT]: STRIPE, [CALL]: STRIPE, Stripe: { [CONSTRUCT]: STRIPE } },
  openai: { [CONSTRUCT]: OPENAI, OpenAI: { [CONSTRUCT]: OPENAI } },
  twilio: { [CALL]: TWILIO, Twilio: { [CONSTRUCT]: TWILIO } },
  '@sendgrid/mail': {
    setApiKey: { [CALL]: { kind: 'SendGrid API key', envName: 'SENDGRID_API_KEY', slots: [value(0)] } },
  },
  nodemailer: {
    createTransport: {
      [CALL]: { kind: 'SMTP password', envName: 'SMTP_PASSWORD', slots: [option(0, 'auth', 'pass')] },
    },
  },
};

function cryptoSinks(): TraceMap[string] {
  return {
    createHmac: { [CALL]: HMAC },
    createCipheriv: { [CALL]: CIPHER },
    createDecipheriv: { [CALL]: CIPHER },
    createSecretKey: { [CALL]: SECRET_KEY },
    pbkdf2: { [CALL]: KDF_INPUT },
    pbkdf2Sync: { [CALL]: KDF_INPUT },
    scrypt: { [CALL]: KDF_INPUT },
    scryptSync: { [CALL]: KDF_INPUT },
    hkdf: { [CALL]: HKDF_INPUT },
    hkdfSync: { [CALL]: HKDF_INPUT },
  };
}

/** Fastify plugins that take a secret in their options: `app.register(plugin, { secret })`. */
const FASTIFY_PLUGINS: ReadonlyMap<string, SinkSpec> = new Map([
  [
    '@fastify/jwt',
    { kind: 'JWT signing key', envName: 'JWT_SECRET', slots: [option(1, 'secret'), option(1, 'secret', 'private')] },
  ],
  ['@fastify/cookie', { kind: 'cookie-signing secret', envName: 'COOKIE_SECRET', slots: [option(1, 'secret')] }],
  ['@fastify/session', { kind: 'session secret', envName: 'SESSION_SECRET', slots: [option(1, 'secret')] }],
  [
    '@fastify/secure-session',
    { kind: 'session key', envName: 'SESSION_SECRET', slots: [option(1, 'secret'), option(1, 'key')] },
  ],
]);

const PASSPORT_JWT_OPTIONS: SinkSpec = {
  kind: 'JWT verification key',
  envName: 'JWT_SECRET',
  slots: [option(0, 'secretOrKey')],
};
const NEST_PASSPORT: TraceMap = { '@nestjs/passport': { PassportStrategy: { [CALL]: PASSPORT_JWT_OPTIONS } } };

const AWS_V3: SinkSpec = {
  kind: 'AWS secret access key',
  envName: 'AWS_SECRET_ACCESS_KEY',
  slots: [
    option(0, 'credentials', 'secretAccessKey'),
    { arg: 0, path: ['credentials', 'sessionToken'], kind: 'AWS session token', envName: 'AWS_SESSION_TOKEN' },
  ],
};
const AWS_V2: SinkSpec = {
  ...AWS_V3,
  slots: [
    ...AWS_V3.slots,
    option(0, 'secretAccessKey'),
    { arg: 0, path: ['sessionToken'], kind: 'AWS session token', envName: 'AWS_SESSION_TOKEN' },
  ],
};
const AWS_V2_CREDENTIALS: SinkSpec = { ...AWS_V2, slots: [...AWS_V2.slots, value(1)] };

/**
 * The string literals in API positions of a file, with what each is used as. The first position
 * that reaches a literal names it.
 *
 * @param calls every call and `new` expression of the file, for the checks that cannot be trace
 * maps: Fastify's `register(plugin, options)`, AWS SDK clients (any `@aws-sdk/*` package).
 */
export function findApiHits(
  globalScope: TSESLint.Scope.Scope,
  scopeOf: ScopeOf,
  calls: readonly (TSESTree.CallExpression | TSESTree.NewExpression)[],
): Map<StringNode, ApiHit> {
  const hits = new Map<StringNode, ApiHit>();
  const apply = (call: TSESTree.CallExpression | TSESTree.NewExpression, spec: SinkSpec): void => {
    for (const slot of spec.slots) {
      const argument = call.arguments[slot.arg];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      for (const target of followPath(argument, slot.path ?? [], scopeOf)) {
        for (const node of resolveStrings(target, scopeOf)) {
          if (!hits.has(node))
            hits.set(node, {
              kind: slot.kind ?? spec.kind,
              envName: slot.envName ?? spec.envName,
              url: slot.url ?? false,
            });
        }
      }
    }
  };

  for (const reference of trackReferences<SinkSpec>(globalScope, TRACE_MAP)) {
    const { node, info } = reference;
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    if (info.chainMethod !== undefined) {
      for (const chained of getChainedCalls(node, info.chainMethod, scopeOf)) apply(chained, info);
    } else {
      apply(node, info);
    }
    if (info.instanceKeys) {
      for (const assigned of getAssignedInstanceProperty(node, 'keys', scopeOf)) {
        for (const literal of resolveStrings(assigned, scopeOf))
          if (!hits.has(literal)) hits.set(literal, { kind: info.kind, envName: info.envName, url: false });
      }
    }
  }

  for (const reference of trackReferences<SinkSpec>(globalScope, NEST_PASSPORT)) {
    const strategy = reference.node;
    if (strategy.type !== AST_NODE_TYPES.CallExpression) continue;
    const [base] = strategy.arguments;
    if (!base || getModuleOf(base, scopeOf) !== 'passport-jwt') continue;
    for (const superCall of getSuperCalls(strategy)) apply(superCall, reference.info);
  }

  for (const call of calls) {
    if (call.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTypeWrappers(call.callee);
      const [plugin] = call.arguments;
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        ASTUtils.getPropertyName(callee) === 'register' &&
        plugin &&
        call.arguments.length >= 2
      ) {
        const module = getModuleOf(plugin, scopeOf);
        const spec = module === null ? undefined : FASTIFY_PLUGINS.get(module);
        if (spec) apply(call, spec);
      }
      if (getDottedName(callee)?.endsWith('.config.update') && getModuleOf(callee, scopeOf) === 'aws-sdk')
        apply(call, AWS_V2);
    } else {
      const module = getModuleOf(call.callee, scopeOf);
      if (module?.startsWith('@aws-sdk/')) apply(call, AWS_V3);
      else if (module === 'aws-sdk')
        apply(call, getDottedName(call.callee)?.split('.').at(-1) === 'Credentials' ? AWS_V2_CREDENTIALS : AWS_V2);
    }
  }
  return hits;
}

/** The values at a property path below an expression (see {@link Slot.path}). */
function followPath(node: TSESTree.Node, path: readonly string[], scopeOf: ScopeOf): TSESTree.Node[] {
  if (path.length === 0) return [node];
  const [step, ...rest] = path as [string, ...string[]];
  if (step === '()') return getReturnedValues(node, scopeOf).flatMap((returned) => followPath(returned, rest, scopeOf));
  const object = resolveObject(node, scopeOf);
  if (!object) return [];
  if (step === '*') return getAllPropertyValues(object).flatMap((property) => followPath(property, rest, scopeOf));
  const property = getPropertyValue(object, step, scopeOf);
  return property ? followPath(property, rest, scopeOf) : [];
}

/** Calls of `method` chained on an expression: `new SignJWT(p).setIssuedAt().sign(key)`. */
function getChainedCalls(node: TSESTree.Node, method: string, scopeOf: ScopeOf): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let current: TSESTree.Node = node;
  for (let link = getMemberCallOn(current); link; link = getMemberCallOn(current)) {
    if (ASTUtils.getPropertyName(link.member, scopeOf(link.member)) === method) calls.push(link.call);
    current = link.call;
  }
  return calls;
}

/** Values assigned to `x.<property>` where `x` is a variable initialised with `node` (`app.keys = […]`). */
function getAssignedInstanceProperty(node: TSESTree.Node, property: string, scopeOf: ScopeOf): TSESTree.Node[] {
  const declarator = node.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== node ||
    declarator.id.type !== AST_NODE_TYPES.Identifier
  )
    return [];
  const variable = ASTUtils.findVariable(scopeOf(declarator.id), declarator.id);
  const values: TSESTree.Node[] = [];
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    const assignment = member?.parent;
    if (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      ASTUtils.getPropertyName(member) === property &&
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.left === member &&
      assignment.operator === '='
    ) {
      values.push(assignment.right);
    }
  }
  return values;
}

/** `super(…)` calls in the constructor of the class whose superclass is `superClass` (NestJS `extends PassportStrategy(Strategy)`). */
function getSuperCalls(superClass: TSESTree.CallExpression): TSESTree.CallExpression[] {
  const classNode = superClass.parent;
  if (
    (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression) ||
    classNode.superClass !== superClass
  )
    return [];
  const constructor = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  const calls: TSESTree.CallExpression[] = [];
  for (const statement of constructor?.value.body?.body ?? []) {
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.CallExpression &&
      statement.expression.callee.type === AST_NODE_TYPES.Super
    ) {
      calls.push(statement.expression);
    }
  }
  return calls;
}
