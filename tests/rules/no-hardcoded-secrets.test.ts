import parser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-hardcoded-secrets.js';

const ruleTester = new RuleTester();
const commonjs = { globals: { require: 'readonly', module: 'writable' } } as const;

ruleTester.run('no-hardcoded-secrets', rule, {
  valid: [
    // Values read from the environment or from a config module.
    `
import jwt from 'jsonwebtoken';
const jwtSecret = process.env.JWT_SECRET;
export const issue = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '15m' });
`,
    `
import express from 'express';
import session from 'express-session';
import { config } from './config.js';
const app = express();
app.use(session({ secret: config.sessionSecret, resave: false, saveUninitialized: false }));
`,
    `
import fastifyJwt from '@fastify/jwt';
import { config } from '../config.js';
export default async function auth(app) {
  await app.register(fastifyJwt, { secret: config.jwtSecret, verify: { algorithms: ['HS256'] } });
}
`,
    `
import { JwtModule } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
export const jwtModule = JwtModule.registerAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({ secret: config.getOrThrow('JWT_SECRET') }),
});
`,
    // A validated config module (fastify-clean): schemas, not values.
    `
import { z } from 'zod';
const EnvSchema = z.object({
  JWT_SECRET: z.string().min(32),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info']).default('info'),
});
export const config = EnvSchema.parse(process.env);
`,
    // Placeholders.
    `
const apiKey = 'your-api-key-here';
const password = 'changeme';
const token = 'xxxxxxxxxxxxxxxx';
const AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const sessionSecret = '\${SESSION_SECRET}';
const dbPassword = '<db-password>';
const clientSecret = 'REPLACE_ME';
`,
    `
import jwt from 'jsonwebtoken';
jwt.sign(payload, '<jwt-secret>');
jwt.sign(payload, 'YOUR_JWT_SECRET');
jwt.sign(payload, 'test-secret');
jwt.sign(payload, '');
`,
    // Names of secrets and fields, not their values.
    `
const passwordField = 'password';
const tokenHeader = 'Authorization';
const secretName = 'prod/db-password';
const tokenType = 'Bearer';
const apiKeyHeader = 'X-Api-Key';
const JWT_SECRET_VARIABLE = 'JWT_SECRET';
export const secret = 'JWT_SECRET';
`,
    // A form schema and a login form.
    `
export const fields = [
  { name: 'email', type: 'email', label: 'Email' },
  { name: 'password', type: 'password', label: 'Password', autocomplete: 'current-password' },
];
export const RegisterBody = z.object({ email: z.string().email(), password: z.string().min(10).max(128) });
`,
    // Messages and labels under secret-sounding names.
    `
export const messages = { password: 'Password must be at least 10 characters long.', token: 'Jeton d’accès' };
export const invalidToken = 'The token is invalid or has expired.';
export const jwtConstants = { secret: 'DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.' };
`,
    // URLs without a password, and development defaults that are not secrets.
    `
const DATABASE_URL = 'postgres://db.internal:5432/app';
const LOCAL_DATABASE_URL = 'postgres://postgres:postgres@localhost:5432/app';
const mysqlDev = 'mysql://root:root@localhost/shop';
const docs = 'https://user:s3cr3t@example.com/x';
export const mailServiceUrl = process.env.MAIL_SERVICE_URL ?? 'http://mailer.internal:8080';
`,
    // Routes and paths.
    `
import { Router } from 'express';
export const authRouter = Router();
authRouter.post('/auth/password-reset', handler);
export const routes = { resetPassword: '/auth/reset-password' };
export const privateKeyPath = './keys/private.pem';
`,
    // A local function named like a tracked one is not the library.
    `
import { sign } from 'jsonwebtoken';
function issue(sign) {
  return sign(payload, 'devsecret');
}
const jwt = { sign(payload, key) { return key; } };
jwt.sign(payload, 'devsecret');
`,
    `
import session from 'express-session';
import { createHmac } from 'node:crypto';
export function setup(app, createHmac) {
  const session = (options) => options;
  app.use(session({ secret: 'devsecret' }));
  return createHmac('sha256', 'devsecret');
}
`,
    // A plugin that is not one of the tracked ones, and a `require` that is a local function.
    `
import rateLimit from '@fastify/rate-limit';
export default async function plugins(app) {
  await app.register(rateLimit, { max: 100, secret: 'devsecret' });
}
`,
    `
function require(name) { return { sign: (payload, key) => key }; }
const jwt = require('jsonwebtoken');
jwt.sign(payload, 'devsecret');
`,
    // Empty values and fallbacks for non-secrets.
    `
const password = '';
const dbPassword = process.env.DB_PASSWORD ?? '';
const port = Number(process.env.PORT ?? '3000');
const logLevel = process.env.LOG_LEVEL || 'info';
`,
    // A fallback for request data, not configuration: only a secret-looking value would count.
    `
export const handler = (req, res) => res.json({ viewer: req.query.token || 'anonymous' });
`,
    // Public key material in a verification position.
    `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----');
export const stripePublic = { apiKey: 'pk_live_51Habc123def456ghi789jkl' };
`,
    // express-shop: idempotency keys, request options, KDF labels.
    `
import { createHmac, pbkdf2Sync } from 'node:crypto';
const EXPORT_KDF_LABEL = 'express-shop/order-export/v1';
export function signExport(secret: string, payload: string) {
  const key = pbkdf2Sync(secret, EXPORT_KDF_LABEL, 210_000, 32, 'sha256');
  return createHmac('sha256', key).update(payload).digest('hex');
}
export const create = (orderId: string) => stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: \`order-\${orderId}\` });
export const load = (url: string) => fetch(url, { credentials: 'include' });
`,
    // Names of cookies and storage slots; a default that says it must be changed.
    `
export const SESSION_KEY = 'shop.session.v2';
export const settings = { app: { port: 3000, secret: 'wotp.shared__CHANGE_ME__' } };
`,
    // Tokens that are not credentials: pagination cursors, injection tokens.
    `
export const request = { nextPageToken: 'CAUQAA123' };
export const CACHE_TOKEN = 'CACHE_TOKEN';
`,
    // A password hash in seed data, the jwt.io sample token, a tagged template.
    `
await prisma.user.create({ data: { email: 'admin@shop.test', password: '$2b$12$KIXQJ5gFqv3S2Cw1cYb7EeI5yq6o7x9u0k2r4t6v8w0y2z4b6d8f0' } });
const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const rows = await sql\`SELECT id FROM users WHERE api_key = 'abc123def456'\`;
`,
    // Test files: fake credentials in API positions and under secret names are expected.
    {
      code: `
import jwt from 'jsonwebtoken';
const token = jwt.sign({ sub: 'u1' }, 'integration-signing-key-123');
const password = 'Sup3rS3cret!';
`,
      filename: 'src/__tests__/auth.test.ts',
    },
    // The author says the value is not a secret: an XOR mask named like a key, a webhook secret in a test.
    {
      code: `
// This is not actually a secret key, it's just a string that we XOR with the key to make it case sensitive
const XOR_SECRET_KEY = '58ff90c0dc372ded858cbf8fb2306066';
`,
      filename: 'lib/api/links/case-sensitivity.ts',
    },
    {
      code: `
const webhook = {
  id: 'wh_IFL4j0toU6RAMz4R7mXjJ6C5', // dummy id
  secret: 'whsec_6f9f3a63705c44206ca655813bf91b61', // dummy secret
};
`,
      filename: 'tests/webhooks/index.test.ts',
    },
    // Playwright's own folder holds end-to-end tests: a sign-up password there is test data.
    {
      code: `
// Must satisfy: 8+ chars, uppercase, lowercase, digit
const SIGNUP_PASSWORD = 'Password1x3';
`,
      filename: 'playwright/partners/auth.setup.ts',
    },
    // A signed JWT in a test (a captured response, a token signed with the test key) is test data.
    {
      code: `
const expired = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNjAwMDAwMDAwfQ.5mhBHqs5_DTLdINd9p5m7ZJ6XD0Xc55kIaCRY5r6HRA';
it('rejects an expired token', async () => {
  await request(app).get('/me').set('Authorization', \`Bearer \${expired}\`).expect(401);
});
`,
      filename: 'test/auth.spec.ts',
    },
    // Options: checkNames and checkFormats off.
    {
      code: `export const dbPassword = 'hunter2!';`,
      options: [{ checkNames: false }],
    },
    {
      code: `export const ci = { repo: 'shop/api', auth: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' };`,
      options: [{ checkFormats: false }],
    },
    // placeholderPatterns, from the option and from the shared setting.
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, 'local-dev-key-123');
`,
      options: [{ placeholderPatterns: ['^local-'] }],
    },
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, 'local-dev-key-123');
`,
      settings: { 'api-audit': { placeholderPatterns: ['^local-'] } },
    },
    // envalid defaults named as dummies, in camelCase too (ghostfolio's configuration service shape).
    `
import { cleanEnv, str } from 'envalid';
export const env = cleanEnv(process.env, {
  GOOGLE_CLIENT_ID: str({ default: 'dummyClientId' }),
  GOOGLE_SECRET: str({ default: 'dummySecret' }),
  TWITTER_ACCESS_TOKEN: str({ default: 'dummyAccessToken' }),
  TWITTER_ACCESS_TOKEN_SECRET: str({ default: 'dummyAccessTokenSecret' }),
  TWITTER_API_KEY: str({ default: 'DUMMY_API_KEY' }),
  STRIPE_SECRET_KEY: str({ default: '' }),
});
`,
    // Other placeholder words, at any word boundary.
    `
export const samples = {
  apiKey: 'apiKey2Placeholder',
  clientSecret: 'mockClientSecret42',
  webhookSecret: 'sampleWebhookSecret9',
  password: 'myPassword123Here',
  token: 'token-xxx-2024',
  jwtSecret: 'yourJwtSecret2',
  adminPassword: 'Admin42-CHANGE-ME',
};
`,
    // Browser code served from a static-asset folder is public by definition: a key there is no secret to keep.
    {
      code: `
setTimeout(function ready() {
  if (typeof window.widget !== 'undefined') {
    widget.apikey = '3f9c2a7e5b1d4f6a8c0e2b4d6f8a1c3e';
    widget.start();
  }
}, 20);
`,
      filename: 'public/js/legacy/widget.js',
    },
    {
      code: `
export const analytics = { writeKey: 'Zq81kLm2Pw0Xr5Tv', token: 'a7d2f9c4e1b6' };
`,
      filename: 'src/assets/analytics.ts',
    },
    // A value written to a log is not used as a secret; its field names describe the log line.
    `
export default async function (app) {
  app.get('/', async () => {
    app.log.debug({ secret: 'Xk29fLq7Zp' }, 'call route /');
    console.log({ token: 'a8f3k2m9q1' });
    return { ok: true };
  });
}
`,
    // An obvious sequence under a secret-sounding name is a stand-in.
    `
export const options = { secret: '1234567890', pin: 'abcdef', password: 'qwertyuiop' };
`,
    // A fallback rendered as interface text (unkey's MFA enrolment shape), and one that is a sentence.
    {
      code: `
export function SetupCode({ enrollment }) {
  return (
    <code className="font-mono">{enrollment?.secret ?? 'Generating…'}</code>
  );
}
export const label = (settings) => settings.apiToken || 'Not set yet';
`,
      filename: 'src/auth/mfa-enroll.tsx',
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    // A script filling the environment with self-describing values so configuration checks pass
    // (an OpenAPI export command, \`process\` imported from \`node:process\`).
    `
import process from 'node:process';
async function main() {
  process.env.NODE_ENV ??= 'test';
  process.env.BETTER_AUTH_SECRET ??= 'openapi-export-secret-at-least-32-characters';
  process.env.SESSION_SECRET ||= 'not-a-real-session-secret';
  const { app } = await import('./create-application.js');
  process.stdout.write(JSON.stringify(app.getOpenAPIDocument()));
}
await main();
`,
    // Enum members and maps naming products whose values are public identifiers (passkey AAGUIDs).
    `
export enum PasskeyAuthenticator {
  OnePassword = '7c1e9d52-3b0a-4f6e-9d21-8a4b5c6d7e8f',
  NordPass = '0e2f4a6c-8b1d-4c3e-a5f7-9b0d2e4f6a8c',
  Bitwarden = 'c4d5e6f7-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
}
export const AUTHENTICATOR_AAGUIDS: Record<string, string> = {
  OnePassword: '7c1e9d52-3b0a-4f6e-9d21-8a4b5c6d7e8f',
  NordPass: '0e2f4a6c-8b1d-4c3e-a5f7-9b0d2e4f6a8c',
  LastPass: 'c4d5e6f7-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
};
`,
    // Keys their providers document as public: Stripe publishable keys, PostHog project keys.
    `
import posthog from 'posthog-js';
export const stripeConfig = { apiKey: 'pk_test_51Habc123def456ghi789jkl' };
export const POSTHOG_API_KEY = process.env.NEXT_PUBLIC_POSTHOG_API_KEY ?? 'phc_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1';
posthog.init(POSTHOG_API_KEY, { api_host: 'https://eu.i.posthog.com' });
`,
    // A Firebase web configuration: its apiKey identifies the project and is public by Firebase's docs.
    `
import { initializeApp } from 'firebase/app';
const firebaseConfig = {
  apiKey: 'AIzaSyB-9xQ2mL7kP4vR1tZ8wN3cJ6hF0dG5sA2',
  authDomain: 'shop-demo.firebaseapp.com',
  projectId: 'shop-demo',
  messagingSenderId: '104857600123',
  appId: '1:104857600123:web:0a1b2c3d4e5f',
};
export const app = initializeApp(firebaseConfig);
export const other = initializeApp({ apiKey: 'AIzaSyC-1qW2eR3tY4uI5oP6aS7dF8gH9jK0lZ3', projectId: 'other' }, 'other');
`,
    // An obviously dummy local database triple.
    `
import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('database', 'username', 'password', { host: 'localhost', dialect: 'sqlite' });
`,
  ],
  invalid: [
    // jsonwebtoken, import forms: default import (sign).
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (user) => jwt.sign({ sub: user.id }, 'k3y-for-signing-tokens', { expiresIn: '15m' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 22 },
          line: 3,
          column: 59,
          endLine: 3,
          endColumn: 83,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import jwt from 'jsonwebtoken';
export const issue = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
`,
            },
          ],
        },
      ],
    },
    // Named import.
    {
      code: `
import { sign } from 'jsonwebtoken';
export const issue = (user) => sign({ sub: user.id }, 'k3y-for-signing-tokens');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 22 },
          line: 3,
          column: 55,
          endLine: 3,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { sign } from 'jsonwebtoken';
export const issue = (user) => sign({ sub: user.id }, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // Aliased named import (verify).
    {
      code: `
import { verify as verifyJwt } from 'jsonwebtoken';
export const check = (token) => verifyJwt(token, 'k3y-for-signing-tokens');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT verification key', length: 22 },
          line: 3,
          column: 50,
          endLine: 3,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { verify as verifyJwt } from 'jsonwebtoken';
export const check = (token) => verifyJwt(token, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // Namespace import.
    {
      code: `
import * as jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, 'k3y-for-signing-tokens');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT verification key', length: 22 },
          line: 3,
          column: 51,
          endLine: 3,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import * as jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // require().
    {
      code: `
const jwt = require('jsonwebtoken');
module.exports.issue = (user) => jwt.sign({ sub: user.id }, 'devsecret');
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 9 },
          line: 3,
          column: 61,
          endLine: 3,
          endColumn: 72,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const jwt = require('jsonwebtoken');
module.exports.issue = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // Destructured require().
    {
      code: `
const { sign } = require('jsonwebtoken');
module.exports.issue = (user) => sign({ sub: user.id }, 'devsecret');
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 9 },
          line: 3,
          column: 57,
          endLine: 3,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const { sign } = require('jsonwebtoken');
module.exports.issue = (user) => sign({ sub: user.id }, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // A same-file const is followed to its literal, which is reported where it is written; its own name becomes the variable name.
    {
      code: `
import jwt from 'jsonwebtoken';
const refreshSigningKey = 'shop-refresh-signing-key-2023-q4';
export const issue = (user) => jwt.sign({ sub: user.id }, refreshSigningKey);
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 32 },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import jwt from 'jsonwebtoken';
const refreshSigningKey = process.env.REFRESH_SIGNING_KEY;
export const issue = (user) => jwt.sign({ sub: user.id }, refreshSigningKey);
`,
            },
          ],
        },
      ],
    },
    // express-session: an options object bound to a const.
    {
      code: `
import express from 'express';
import session from 'express-session';
const app = express();
const sessionOptions = { secret: 'keyboard cat', resave: false, saveUninitialized: false };
app.use(session(sessionOptions));
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'session secret', length: 12 },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import express from 'express';
import session from 'express-session';
const app = express();
const sessionOptions = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false };
app.use(session(sessionOptions));
`,
            },
          ],
        },
      ],
    },
    // Options spread from a same-file object.
    {
      code: `
import session from 'express-session';
const base = { resave: false, secret: 'old-session-secret-1' };
export const sessions = session({ ...base, name: 'sid' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'session secret', length: 20 },
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import session from 'express-session';
const base = { resave: false, secret: process.env.SESSION_SECRET };
export const sessions = session({ ...base, name: 'sid' });
`,
            },
          ],
        },
      ],
    },
    // cookie-parser takes the secret directly.
    {
      code: `
import cookieParser from 'cookie-parser';
import express from 'express';
const app = express();
app.use(cookieParser('cookie-s1gning-secret'));
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'cookie-signing secret', length: 21 },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import cookieParser from 'cookie-parser';
import express from 'express';
const app = express();
app.use(cookieParser(process.env.COOKIE_SECRET));
`,
            },
          ],
        },
      ],
    },
    // express-session through require().
    {
      code: `
const session = require('express-session');
module.exports = session({ secret: 'cjs-session-secret-1', resave: false });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'session secret', length: 20 },
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const session = require('express-session');
module.exports = session({ secret: process.env.SESSION_SECRET, resave: false });
`,
            },
          ],
        },
      ],
    },
    // jose: a key built with TextEncoder, used to sign and verify (reported once).
    {
      code: `
import { SignJWT, jwtVerify } from 'jose';
const secret = new TextEncoder().encode('jose-signing-secret-9');
export const issue = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(secret);
export const check = (token) => jwtVerify(token, secret);
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 21 },
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { SignJWT, jwtVerify } from 'jose';
const secret = new TextEncoder().encode(process.env.JWT_SECRET);
export const issue = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(secret);
export const check = (token) => jwtVerify(token, secret);
`,
            },
          ],
        },
      ],
    },
    // crypto.createSecretKey with a literal, passed to jose.
    {
      code: `
import { createSecretKey } from 'node:crypto';
import { jwtVerify } from 'jose';
export const check = (token) => jwtVerify(token, createSecretKey('jose-verify-secret-9', 'utf8'));
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'secret key', length: 20 },
          line: 4,
          column: 66,
          endLine: 4,
          endColumn: 88,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { createSecretKey } from 'node:crypto';
import { jwtVerify } from 'jose';
export const check = (token) => jwtVerify(token, createSecretKey(process.env.SECRET_KEY, 'utf8'));
`,
            },
          ],
        },
      ],
    },
    // Fastify plugins registered with a secret: @fastify/jwt (default import).
    {
      code: `
import fastifyJwt from '@fastify/jwt';
import Fastify from 'fastify';
const app = Fastify();
await app.register(fastifyJwt, { secret: 'supersecret-jwt-1' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 17 },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import fastifyJwt from '@fastify/jwt';
import Fastify from 'fastify';
const app = Fastify();
await app.register(fastifyJwt, { secret: process.env.JWT_SECRET });
`,
            },
          ],
        },
      ],
    },
    // @fastify/cookie registered through an inline require().
    {
      code: `
const fastify = require('fastify')();
fastify.register(require('@fastify/cookie'), { secret: 'my-cookie-secret-2', hook: 'onRequest' });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'cookie-signing secret', length: 18 },
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const fastify = require('fastify')();
fastify.register(require('@fastify/cookie'), { secret: process.env.COOKIE_SECRET, hook: 'onRequest' });
`,
            },
          ],
        },
      ],
    },
    // @fastify/session, named export; an API position reports even a sentence.
    {
      code: `
import { fastifySession } from '@fastify/session';
export default async function sessions(app) {
  await app.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'session secret', length: 45 },
          line: 4,
          column: 48,
          endLine: 4,
          endColumn: 95,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { fastifySession } from '@fastify/session';
export default async function sessions(app) {
  await app.register(fastifySession, { secret: process.env.SESSION_SECRET });
}
`,
            },
          ],
        },
      ],
    },
    // @fastify/jwt through a destructured require(), with a private/public key pair.
    {
      code: `
const { fastifyJwt } = require('@fastify/jwt');
module.exports = async (app) => app.register(fastifyJwt, { secret: { private: 'jwt-private-s3cret', public: 'jwt-public' } });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 18 },
          line: 3,
          column: 79,
          endLine: 3,
          endColumn: 99,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const { fastifyJwt } = require('@fastify/jwt');
module.exports = async (app) => app.register(fastifyJwt, { secret: { private: process.env.JWT_SECRET, public: 'jwt-public' } });
`,
            },
          ],
        },
      ],
    },
    // A plugin registered as `import()`.
    {
      code: `
export default async function auth(app) {
  await app.register(import('@fastify/jwt'), { secret: 'supersecret-jwt-1' });
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 17 },
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export default async function auth(app) {
  await app.register(import('@fastify/jwt'), { secret: process.env.JWT_SECRET });
}
`,
            },
          ],
        },
      ],
    },
    // NestJS: JwtModule.register.
    {
      code: `
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
@Module({ imports: [JwtModule.register({ secret: 'nest-jwt-s3cret', signOptions: { expiresIn: '60s' } })] })
export class AuthModule {}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 15 },
          line: 4,
          column: 50,
          endLine: 4,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } })] })
export class AuthModule {}
`,
            },
          ],
        },
      ],
    },
    // JwtModule.registerAsync: what useFactory returns.
    {
      code: `
import { JwtModule } from '@nestjs/jwt';
export const jwtModule = JwtModule.registerAsync({
  useFactory: async () => ({ secret: 'nest-jwt-s3cret', signOptions: { expiresIn: '60s' } }),
});
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 15 },
          line: 4,
          column: 38,
          endLine: 4,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { JwtModule } from '@nestjs/jwt';
export const jwtModule = JwtModule.registerAsync({
  useFactory: async () => ({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } }),
});
`,
            },
          ],
        },
      ],
    },
    // NestJS PassportStrategy(Strategy) from passport-jwt: the super() options.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'passport-s3cret' });
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT verification key', length: 15 },
          line: 8,
          column: 84,
          endLine: 8,
          endColumn: 101,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET });
  }
}
`,
            },
          ],
        },
      ],
    },
    // passport-jwt Strategy, aliased.
    {
      code: `
import passport from 'passport';
import { Strategy as JwtStrategy } from 'passport-jwt';
passport.use(new JwtStrategy({ jwtFromRequest: fromHeader, secretOrKey: 'passport-s3cret' }, verify));
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT verification key', length: 15 },
          line: 4,
          column: 73,
          endLine: 4,
          endColumn: 90,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import passport from 'passport';
import { Strategy as JwtStrategy } from 'passport-jwt';
passport.use(new JwtStrategy({ jwtFromRequest: fromHeader, secretOrKey: process.env.JWT_SECRET }, verify));
`,
            },
          ],
        },
      ],
    },
    // hono/jwt middleware.
    {
      code: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/auth/*', jwt({ secret: 'it-is-very-secret', alg: 'HS256' }));
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT verification key', length: 17 },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/auth/*', jwt({ secret: process.env.JWT_SECRET, alg: 'HS256' }));
`,
            },
          ],
        },
      ],
    },
    // hono/jwt sign: even an identifier-like key is reported in a key position.
    {
      code: `
import { sign } from 'hono/jwt';
export const issue = (sub: string) => sign({ sub, exp: Math.floor(Date.now() / 1000) + 300 }, 'mySecretKey');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 11 },
          line: 3,
          column: 95,
          endLine: 3,
          endColumn: 108,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { sign } from 'hono/jwt';
export const issue = (sub: string) => sign({ sub, exp: Math.floor(Date.now() / 1000) + 300 }, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // Koa app.keys: each element is reported; no suggestion for one element of the list.
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.keys = ['im a newer secret'];
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'cookie-signing key', length: 17 },
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 32,
          suggestions: null,
        },
      ],
    },
    // crypto.createHmac key.
    {
      code: `
import crypto from 'node:crypto';
export const signWebhook = (body: string) => crypto.createHmac('sha256', 'webhook-secret-42').update(body).digest('hex');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'HMAC key', length: 17 },
          line: 3,
          column: 74,
          endLine: 3,
          endColumn: 93,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import crypto from 'node:crypto';
export const signWebhook = (body: string) => crypto.createHmac('sha256', process.env.HMAC_SECRET).update(body).digest('hex');
`,
            },
          ],
        },
      ],
    },
    // crypto.createCipheriv key.
    {
      code: `
import { createCipheriv, randomBytes } from 'crypto';
export function encrypt(text: string) {
  const iv = randomBytes(12);
  return createCipheriv('aes-256-gcm', 'abcdefghijklmnopqrstuvwxyz012345', iv).update(text);
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'cipher key', length: 32 },
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { createCipheriv, randomBytes } from 'crypto';
export function encrypt(text: string) {
  const iv = randomBytes(12);
  return createCipheriv('aes-256-gcm', process.env.ENCRYPTION_KEY, iv).update(text);
}
`,
            },
          ],
        },
      ],
    },
    // A namespace import of node:crypto; Buffer.from keeps the literal as the key.
    {
      code: `
import * as crypto from 'node:crypto';
export const mac = (body: string) => crypto.createHmac('sha256', Buffer.from('6b657973656372657431', 'hex')).update(body).digest();
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'HMAC key', length: 20 },
          line: 3,
          column: 78,
          endLine: 3,
          endColumn: 100,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import * as crypto from 'node:crypto';
export const mac = (body: string) => crypto.createHmac('sha256', Buffer.from(process.env.HMAC_SECRET, 'hex')).update(body).digest();
`,
            },
          ],
        },
      ],
    },
    // pg Pool password.
    {
      code: `
import { Pool } from 'pg';
export const pool = new Pool({ host: 'db', user: 'app', password: 'pg-pa55word', database: 'shop' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 11 },
          line: 3,
          column: 67,
          endLine: 3,
          endColumn: 80,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { Pool } from 'pg';
export const pool = new Pool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD, database: 'shop' });
`,
            },
          ],
        },
      ],
    },
    // pg connection string: the password inside the URL; the whole URL moves to DATABASE_URL.
    {
      code: `
import pg from 'pg';
export const pool = new pg.Pool({ connectionString: 'postgres://app:postgres@db:5432/app', max: 10 });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 8 },
          line: 3,
          column: 53,
          endLine: 3,
          endColumn: 90,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import pg from 'pg';
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
`,
            },
          ],
        },
      ],
    },
    // mysql2: in a password position even a short, word-like password counts.
    {
      code: `
import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', user: 'root', password: 'root', database: 'shop' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 4 },
          line: 3,
          column: 76,
          endLine: 3,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import mysql from 'mysql2/promise';
export const pool = mysql.createPool({ host: 'db', user: 'root', password: process.env.DB_PASSWORD, database: 'shop' });
`,
            },
          ],
        },
      ],
    },
    // Sequelize(database, username, password).
    {
      code: `
import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('shop', 'shop', 'shop-db-pw1', { dialect: 'postgres' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 11 },
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize('shop', 'shop', process.env.DB_PASSWORD, { dialect: 'postgres' });
`,
            },
          ],
        },
      ],
    },
    // TypeORM DataSource.
    {
      code: `
import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({ type: 'postgres', host: 'db', username: 'app', password: 'typeorm-pw-2' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 12 },
          line: 3,
          column: 104,
          endLine: 3,
          endColumn: 118,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({ type: 'postgres', host: 'db', username: 'app', password: process.env.DB_PASSWORD });
`,
            },
          ],
        },
      ],
    },
    // Knex connection object.
    {
      code: `
import knex from 'knex';
export const db = knex({ client: 'pg', connection: { host: 'db', user: 'app', password: 'knex-pw-3' } });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 9 },
          line: 3,
          column: 89,
          endLine: 3,
          endColumn: 100,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import knex from 'knex';
export const db = knex({ client: 'pg', connection: { host: 'db', user: 'app', password: process.env.DB_PASSWORD } });
`,
            },
          ],
        },
      ],
    },
    // mongoose.connect with a credentialed URL.
    {
      code: `
import mongoose from 'mongoose';
await mongoose.connect('mongodb+srv://admin:admin@cluster0.x7k2p.mongodb.net/shop');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 5 },
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 83,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import mongoose from 'mongoose';
await mongoose.connect(process.env.MONGODB_URI);
`,
            },
          ],
        },
      ],
    },
    // Knex named import with a connection URL.
    {
      code: `
import { knex } from 'knex';
export const db = knex({ client: 'mysql2', connection: 'mysql://shop:Sh0p-db-pw@db:3306/shop' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 10 },
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { knex } from 'knex';
export const db = knex({ client: 'mysql2', connection: process.env.DATABASE_URL });
`,
            },
          ],
        },
      ],
    },
    // ioredis with a URL whose user is empty.
    {
      code: `
import Redis from 'ioredis';
export const redis = new Redis('redis://:p4ssw0rd@cache:6379/0');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Redis password', length: 8 },
          line: 3,
          column: 32,
          endLine: 3,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import Redis from 'ioredis';
export const redis = new Redis(process.env.REDIS_URL);
`,
            },
          ],
        },
      ],
    },
    // nodemailer SMTP auth: an API position reports a word-like password too.
    {
      code: `
import nodemailer from 'nodemailer';
export const mailer = nodemailer.createTransport({ host: 'smtp.mail.test', auth: { user: 'shop', pass: 'smtpP4ss' } });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'SMTP password', length: 8 },
          line: 3,
          column: 104,
          endLine: 3,
          endColumn: 114,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import nodemailer from 'nodemailer';
export const mailer = nodemailer.createTransport({ host: 'smtp.mail.test', auth: { user: 'shop', pass: process.env.SMTP_PASSWORD } });
`,
            },
          ],
        },
      ],
    },
    // AWS SDK v2 global configuration.
    {
      code: `
const AWS = require('aws-sdk');
AWS.config.update({ region: 'eu-west-1', accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYzq3kXm2Lp9vT' });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'AWS secret access key', length: 40 },
          line: 3,
          column: 103,
          endLine: 3,
          endColumn: 145,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const AWS = require('aws-sdk');
AWS.config.update({ region: 'eu-west-1', accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY });
`,
            },
          ],
        },
      ],
    },
    // AWS SDK v3 client credentials.
    {
      code: `
import { S3Client } from '@aws-sdk/client-s3';
export const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYzq3kXm2Lp9vT' } });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'AWS secret access key', length: 40 },
          line: 3,
          column: 132,
          endLine: 3,
          endColumn: 174,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { S3Client } from '@aws-sdk/client-s3';
export const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY } });
`,
            },
          ],
        },
      ],
    },
    // The Stripe constructor takes the secret key (test-mode keys too).
    {
      code: `
import Stripe from 'stripe';
export const stripe = new Stripe('sk_test_51Habc123def456ghi789', { apiVersion: '2024-06-20' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Stripe secret key', length: 29 },
          line: 3,
          column: 34,
          endLine: 3,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import Stripe from 'stripe';
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });
`,
            },
          ],
        },
      ],
    },
    // By name: jwtSecret.
    {
      code: `
export const jwtSecret = 's3cr3t-value-1';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT secret', length: 14 },
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const jwtSecret = process.env.JWT_SECRET;
`,
            },
          ],
        },
      ],
    },
    // By name: an OAuth clientSecret property.
    {
      code: `
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
export const google = new GoogleStrategy({ clientID: '1234.apps.googleusercontent.com', clientSecret: 'GOCSPX-abc123def456', callbackURL: '/auth/google/callback' }, verify);
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'client secret', length: 19 },
          line: 3,
          column: 103,
          endLine: 3,
          endColumn: 124,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
export const google = new GoogleStrategy({ clientID: '1234.apps.googleusercontent.com', clientSecret: process.env.CLIENT_SECRET, callbackURL: '/auth/google/callback' }, verify);
`,
            },
          ],
        },
      ],
    },
    // By name: upper snake case.
    {
      code: `
export const DB_PASSWORD = 'hunter2!';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'database password', length: 8 },
          line: 2,
          column: 28,
          endLine: 2,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const DB_PASSWORD = process.env.DB_PASSWORD;
`,
            },
          ],
        },
      ],
    },
    // By name: snake case property.
    {
      code: `
export const mailer = { api_key: 'ak_49f8e2c1d7b6', region: 'eu' };
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'API key', length: 15 },
          line: 2,
          column: 34,
          endLine: 2,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const mailer = { api_key: process.env.API_KEY, region: 'eu' };
`,
            },
          ],
        },
      ],
    },
    // By name: a parameter default.
    {
      code: `
export function connect(host: string, password = 'Tr0ub4dor&3') {
  return { host, password };
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'password', length: 11 },
          line: 2,
          column: 50,
          endLine: 2,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export function connect(host: string, password = process.env.PASSWORD) {
  return { host, password };
}
`,
            },
          ],
        },
      ],
    },
    // By name: a class field.
    {
      code: `
export class WeatherClient {
  private readonly apiKey = 'wx_49f8e2c1d7b6';
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'API key', length: 15 },
          line: 3,
          column: 29,
          endLine: 3,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export class WeatherClient {
  private readonly apiKey = process.env.API_KEY;
}
`,
            },
          ],
        },
      ],
    },
    // By name: a generic `password` takes its container’s name.
    {
      code: `
export const config = { db: { host: 'localhost', password: 'pg-Pa55word' } };
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'password', length: 11 },
          line: 2,
          column: 60,
          endLine: 2,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const config = { db: { host: 'localhost', password: process.env.DB_PASSWORD } };
`,
            },
          ],
        },
      ],
    },
    // By name: letters in a random order are a password, not a word.
    {
      code: `
export const assistant = new AssistantV1({ username: 'shop-bot', password: 'NcswptIbWFgh', version: '2018-02-16' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'password', length: 12 },
          line: 2,
          column: 76,
          endLine: 2,
          endColumn: 90,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const assistant = new AssistantV1({ username: 'shop-bot', password: process.env.PASSWORD, version: '2018-02-16' });
`,
            },
          ],
        },
      ],
    },
    // A template literal without expressions.
    {
      code: `
export const adminPassword = \`adm1n-Pa55\`;
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'admin password', length: 10 },
          line: 2,
          column: 30,
          endLine: 2,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const adminPassword = process.env.ADMIN_PASSWORD;
`,
            },
          ],
        },
      ],
    },
    // A JSX attribute: the suggestion adds braces.
    {
      code: `
export const StoreMap = () => <GoogleMap apiKey="gmaps-key-2024-xyz" />;
`,
      filename: 'src/map.tsx',
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'API key', length: 18 },
          line: 2,
          column: 49,
          endLine: 2,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const StoreMap = () => <GoogleMap apiKey={process.env.API_KEY} />;
`,
            },
          ],
        },
      ],
    },
    // An Authorization header value: the token is measured; no suggestion (the scheme stays).
    {
      code: `
export const headers = { Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0' };
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'bearer token', length: 32 },
          line: 2,
          column: 41,
          endLine: 2,
          endColumn: 82,
          suggestions: null,
        },
      ],
    },
    // A header-named property.
    {
      code: `
export const headers = { 'x-api-key': 'abc123def456ghi' };
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'API key', length: 15 },
          line: 2,
          column: 39,
          endLine: 2,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const headers = { 'x-api-key': process.env.API_KEY };
`,
            },
          ],
        },
      ],
    },
    // By format: AWS access key id.
    {
      code: `
export const AWS_ACCESS_KEY = 'AKIAZ2K4JQWERTYUIOPA';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'AWS access key ID', length: 20 },
          line: 2,
          column: 31,
          endLine: 2,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const AWS_ACCESS_KEY = process.env.AWS_ACCESS_KEY;
`,
            },
          ],
        },
      ],
    },
    // By format: GitHub token under a neutral name.
    {
      code: `
export const ci = { repo: 'shop/api', auth: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' };
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'GitHub token', length: 40 },
          line: 2,
          column: 45,
          endLine: 2,
          endColumn: 87,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const ci = { repo: 'shop/api', auth: process.env.GITHUB_TOKEN };
`,
            },
          ],
        },
      ],
    },
    // By format: Slack bot token passed to an untracked API.
    {
      code: `
export const alerts = new WebClient('xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Slack token', length: 56 },
          line: 2,
          column: 37,
          endLine: 2,
          endColumn: 95,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const alerts = new WebClient(process.env.SLACK_TOKEN);
`,
            },
          ],
        },
      ],
    },
    // By format: Stripe live key (the express-shop fixture).
    {
      code: `
const STRIPE_KEY = 'sk_live_51HfakeFAKEfake0000000000';
export const billing = createBilling(STRIPE_KEY);
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Stripe live secret key', length: 33 },
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const STRIPE_KEY = process.env.STRIPE_KEY;
export const billing = createBilling(STRIPE_KEY);
`,
            },
          ],
        },
      ],
    },
    // By format: Google API key.
    {
      code: `
export const maps = createClient({ key: 'AIzaSyD-1234567890abcdefghijklmnopqrstu' });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Google API key', length: 39 },
          line: 2,
          column: 41,
          endLine: 2,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const maps = createClient({ key: process.env.GOOGLE_API_KEY });
`,
            },
          ],
        },
      ],
    },
    // By format: a PEM private key.
    {
      code: `
export const signingKey = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvuNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZqgtzJ6GR3eqoYSW9b9UMvkBpZODSctWSNGj3P7jRFDO5VoTwCQAWbFnOjDfH5Ulgp2PKSQnSJP3AJLQNFNe7br1XbrhV\\n-----END PRIVATE KEY-----';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'private key', length: 338 },
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 369,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const signingKey = process.env.SIGNING_KEY;
`,
            },
          ],
        },
      ],
    },
    // By format: a JWT inside a larger string: no suggestion.
    {
      code: `
export const call = () => fetch(url, { headers: { cookie: 'session=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZXJ2aWNlLWEiLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXN0cmluZy1oZXJlLTEyMzQ1Njc4' } });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JSON Web Token', length: 126 },
          line: 2,
          column: 59,
          endLine: 2,
          endColumn: 195,
          suggestions: null,
        },
      ],
    },
    // By format: a URL with an inline password.
    {
      code: `
export const DATABASE_URL = 'postgres://app:s3cr3tP4ss@db.prod.internal:5432/app';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'password in a connection URL', length: 10 },
          line: 2,
          column: 29,
          endLine: 2,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const DATABASE_URL = process.env.DATABASE_URL;
`,
            },
          ],
        },
      ],
    },
    // Test files are still checked for known token formats.
    {
      code: `
const token = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
`,
      filename: 'src/__tests__/github.test.ts',
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'GitHub token', length: 40 },
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const token = process.env.GITHUB_TOKEN;
`,
            },
          ],
        },
      ],
    },
    // Fallbacks: `??` after an environment read (the express-shop fixture).
    {
      code: `
export const jwtSecret = process.env.JWT_SECRET ?? 'dev-secret-please-change-7f3a9c';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 31 },
          line: 2,
          column: 52,
          endLine: 2,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = process.env.JWT_SECRET;
`,
            },
          ],
        },
      ],
    },
    // Only ` ?? '…'` is deleted: a comment before it stays.
    {
      code: `
export const jwtSecret = process.env.JWT_SECRET /* set in production */ ?? 'dev-secret-1';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 12 },
          line: 2,
          column: 76,
          endLine: 2,
          endColumn: 90,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = process.env.JWT_SECRET /* set in production */;
`,
            },
          ],
        },
      ],
    },
    // A same-file requireEnv helper is used by the suggestion.
    {
      code: `
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing \${name}\`);
  return value;
}
export const jwtSecret = process.env.JWT_SECRET ?? 'dev-secret-please-change-7f3a9c';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 31 },
          line: 7,
          column: 52,
          endLine: 7,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing \${name}\`);
  return value;
}
export const jwtSecret = requireEnv('JWT_SECRET');
`,
            },
          ],
        },
      ],
    },
    // `||`, bracket access, and an imported helper.
    {
      code: `
import { requireEnv } from './env.js';
export const apiKey = process.env['API_KEY'] || 'ak-local-123';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'API_KEY', length: 12 },
          line: 3,
          column: 49,
          endLine: 3,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
import { requireEnv } from './env.js';
export const apiKey = requireEnv('API_KEY');
`,
            },
          ],
        },
      ],
    },
    // A destructuring default from process.env.
    {
      code: `
const { SESSION_SECRET = 'sess-dev-123', PORT = '3000' } = process.env;
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'SESSION_SECRET', length: 12 },
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
const { SESSION_SECRET, PORT = '3000' } = process.env;
`,
            },
          ],
        },
      ],
    },
    // A zod `.default()` under a secret-named key.
    {
      code: `
import { z } from 'zod';
export const Env = z.object({ JWT_SECRET: z.string().min(32).default('dev-jwt-secret-at-least-32-chars!') });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 33 },
          line: 3,
          column: 70,
          endLine: 3,
          endColumn: 105,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
import { z } from 'zod';
export const Env = z.object({ JWT_SECRET: z.string().min(32) });
`,
            },
          ],
        },
      ],
    },
    // A config getter with a default.
    {
      code: `
export class TokensService {
  constructor(private readonly config: ConfigService) {}
  secret() { return this.config.get('JWT_SECRET', 'fallback-s3cret'); }
}
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 15 },
          line: 4,
          column: 51,
          endLine: 4,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export class TokensService {
  constructor(private readonly config: ConfigService) {}
  secret() { return this.config.get('JWT_SECRET'); }
}
`,
            },
          ],
        },
      ],
    },
    // The suggestion deletes only ` ?? '…'`: the left side (and the literal in it) is not re-emitted.
    {
      code: `
export const jwtSecret = vault.read('k8Zq2Lm9Xw4Rt7Vb').jwt ?? 'dev-secret-please-change-7f3a9c';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'vault.read.jwt', length: 31 },
          line: 2,
          column: 64,
          endLine: 2,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = vault.read('k8Zq2Lm9Xw4Rt7Vb').jwt;
`,
            },
          ],
        },
      ],
    },
    // Parentheses around the left side stay; only ` ?? '…'` goes.
    {
      code: `
export const jwtSecret = (process.env.JWT_SECRET_NEXT || process.env.JWT_SECRET) ?? 'dev-secret-please-change-7f3a9c';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 31 },
          line: 2,
          column: 85,
          endLine: 2,
          endColumn: 118,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = (process.env.JWT_SECRET_NEXT || process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // Parentheses around the fallback go with it.
    {
      code: `
export const jwtSecret = process.env.JWT_SECRET || ('dev-secret-please-change-7f3a9c');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 31 },
          line: 2,
          column: 53,
          endLine: 2,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = process.env.JWT_SECRET;
`,
            },
          ],
        },
      ],
    },
    // A line comment before `??` keeps its line end.
    {
      code: `
export const jwtSecret =
  process.env.JWT_SECRET // set in production
  ?? 'dev-secret-please-change-7f3a9c';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 31 },
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret =
  process.env.JWT_SECRET // set in production
  ;
`,
            },
          ],
        },
      ],
    },
    // A comment between `??` and the fallback would be dropped: no suggestion.
    {
      code: `
export const jwtSecret = process.env.JWT_SECRET ?? /* local only */ 'dev-secret-1';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 12 },
          line: 2,
          column: 69,
          endLine: 2,
          endColumn: 83,
          suggestions: null,
        },
      ],
    },
    // `.default('…')` after a call with its own literal: only `.default('…')` is deleted.
    {
      code: `
import { z } from 'zod';
export const Env = z.object({ JWT_SECRET: z.string().min(32, 'k8Zq2Lm9Xw4Rt7Vb').default('dev-jwt-secret-at-least-32-chars!') });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 33 },
          line: 3,
          column: 90,
          endLine: 3,
          endColumn: 125,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
import { z } from 'zod';
export const Env = z.object({ JWT_SECRET: z.string().min(32, 'k8Zq2Lm9Xw4Rt7Vb') });
`,
            },
          ],
        },
      ],
    },
    // `.default('…')` on its own line goes with its line break; the rest of the chain stays.
    {
      code: `
import { z } from 'zod';
export const Env = z.object({
  JWT_SECRET: z
    .string()
    .default('dev-jwt-secret-at-least-32-chars!')
    .describe('HS256 signing key'),
});
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 33 },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
import { z } from 'zod';
export const Env = z.object({
  JWT_SECRET: z
    .string()
    .describe('HS256 signing key'),
});
`,
            },
          ],
        },
      ],
    },
    // `.default` behind a type assertion has no clean cut: no suggestion.
    {
      code: `
import { z } from 'zod';
export const Env = z.object({ JWT_SECRET: (z.string().default as (value: string) => z.ZodString)('dev-jwt-secret-at-least-32-chars!') });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 33 },
          line: 3,
          column: 98,
          endLine: 3,
          endColumn: 133,
          suggestions: null,
        },
      ],
    },
    // A parenthesized config getter default goes with its parentheses.
    {
      code: `
export const jwtSecret = config.get('JWT_SECRET', ('fallback-s3cret'));
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 15 },
          line: 2,
          column: 52,
          endLine: 2,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = config.get('JWT_SECRET');
`,
            },
          ],
        },
      ],
    },
    // A parenthesized config key keeps its parentheses.
    {
      code: `
export const jwtSecret = config.get(('JWT_SECRET'), 'fallback-s3cret');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 15 },
          line: 2,
          column: 53,
          endLine: 2,
          endColumn: 70,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = config.get(('JWT_SECRET'));
`,
            },
          ],
        },
      ],
    },
    // Arguments after the default keep their positions: the default becomes `undefined`.
    {
      code: `
export const jwtSecret = config.get('JWT_SECRET', 'fallback-s3cret', { infer: true });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 15 },
          line: 2,
          column: 51,
          endLine: 2,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = config.get('JWT_SECRET', undefined, { infer: true });
`,
            },
          ],
        },
      ],
    },
    // A trailing comma after the default stays.
    {
      code: `
export const jwtSecret = config.get(
  'JWT_SECRET',
  'fallback-s3cret',
);
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 15 },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = config.get(
  'JWT_SECRET',
);
`,
            },
          ],
        },
      ],
    },
    // A destructuring default: ` = '…'` goes, a comment before it stays.
    {
      code: `
const { SESSION_SECRET /* from the vault */ = 'sess-dev-123' } = process.env;
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'SESSION_SECRET', length: 12 },
          line: 2,
          column: 47,
          endLine: 2,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
const { SESSION_SECRET /* from the vault */ } = process.env;
`,
            },
          ],
        },
      ],
    },
    // A convict schema default: reported, no suggestion.
    {
      code: `
export const schema = convict({ jwtSecret: { doc: 'Signing key', format: String, default: 'convict-s3cret-1', env: 'JWT_SECRET', sensitive: true } });
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 16 },
          line: 2,
          column: 91,
          endLine: 2,
          endColumn: 109,
          suggestions: null,
        },
      ],
    },
    // The variable name says it is a secret even though the env name does not.
    {
      code: `
export const jwtSecret = process.env.JWT ?? 'dev-jwt-1';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT', length: 9 },
          line: 2,
          column: 45,
          endLine: 2,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
export const jwtSecret = process.env.JWT;
`,
            },
          ],
        },
      ],
    },
    // A fallback in an API position.
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, process.env.KEY || 'dev-key-1');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'KEY', length: 9 },
          line: 3,
          column: 60,
          endLine: 3,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, process.env.KEY);
`,
            },
          ],
        },
      ],
    },
    // Logical assignment to the environment: no suggestion.
    {
      code: `
process.env.JWT_SECRET ??= 'dev-jwt-1';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 9 },
          line: 2,
          column: 28,
          endLine: 2,
          endColumn: 39,
          suggestions: null,
        },
      ],
    },
    // A fallback for a config value.
    {
      code: `
import { config } from './config.js';
export const secret = config.jwtSecret || 'dev-jwt-1';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'config.jwtSecret', length: 9 },
          line: 3,
          column: 43,
          endLine: 3,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'removeFallback',
              output: `
import { config } from './config.js';
export const secret = config.jwtSecret;
`,
            },
          ],
        },
      ],
    },
    // placeholderPatterns: the option replaces the shared setting.
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, 'local-dev-key-123');
`,
      options: [{ placeholderPatterns: ['^ci-'] }],
      settings: { 'api-audit': { placeholderPatterns: ['^local-'] } },
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 17 },
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // checkNames and checkFormats off: API positions are still checked.
    {
      code: `
import jwt from 'jsonwebtoken';
export const jwtSecret = 'name-only-s3cret';
export const issue = (p) => jwt.sign(p, 'api-position-s3cret');
`,
      options: [{ checkNames: false, checkFormats: false }],
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 19 },
          line: 4,
          column: 41,
          endLine: 4,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import jwt from 'jsonwebtoken';
export const jwtSecret = 'name-only-s3cret';
export const issue = (p) => jwt.sign(p, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // A weak real key with a placeholder word in the middle is still a key (koa-sample-web-app shape).
    {
      code: `
const Koa = require('koa');
const app = new Koa();
app.keys = ['koa-sample-app'];
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'cookie-signing key', length: 14 },
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 29,
          suggestions: null,
        },
      ],
    },
    // A static-asset folder is still checked for live provider formats.
    {
      code: `
window.deployBot = { token: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' };
`,
      filename: 'public/js/deploy.js',
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'GitHub token', length: 40 },
          line: 2,
          column: 29,
          endLine: 2,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
window.deployBot = { token: process.env.GITHUB_TOKEN };
`,
            },
          ],
        },
      ],
    },
    // A comment calling a live provider key an example does not talk it away outside tests.
    {
      code: `
const STRIPE_KEY = 'sk_live_51HfakeFAKEfake0000000000'; // example
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Stripe live secret key', length: 33 },
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
const STRIPE_KEY = process.env.STRIPE_KEY; // example
`,
            },
          ],
        },
      ],
    },
    // A live provider format passed to a logger is still reported.
    {
      code: `
export const trace = (logger) => logger.info({ key: 'sk_live_51HfakeFAKEfake0000000000' }, 'charging');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'Stripe live secret key', length: 33 },
          line: 2,
          column: 53,
          endLine: 2,
          endColumn: 88,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const trace = (logger) => logger.info({ key: process.env.STRIPE_SECRET_KEY }, 'charging');
`,
            },
          ],
        },
      ],
    },
    // An obvious sequence is still a (weak) secret where an API takes one.
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, '1234567890');
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'JWT signing key', length: 10 },
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
import jwt from 'jsonwebtoken';
export const issue = (p) => jwt.sign(p, process.env.JWT_SECRET);
`,
            },
          ],
        },
      ],
    },
    // \`process\` imported from \`node:process\` is the environment; a value that does not describe itself counts.
    {
      code: `
import process from 'node:process';
process.env.JWT_SECRET ??= 'k8Zq2Lm9Xw4Rt7Vb';
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedFallback',
          data: { name: 'JWT_SECRET', length: 16 },
          line: 3,
          column: 28,
          endLine: 3,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
    // A single UUID among other settings is not a table of identifiers.
    {
      code: `
export const billing = { region: 'eu', apiKey: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4' };
`,
      output: null,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { kind: 'API key', length: 36 },
          line: 2,
          column: 48,
          endLine: 2,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'useEnvironmentVariable',
              output: `
export const billing = { region: 'eu', apiKey: process.env.API_KEY };
`,
            },
          ],
        },
      ],
    },
  ],
});

/** One invalid snippet per detection path, with the secret it contains. */
const leaks: { code: string; secret: string; filename?: string }[] = [
  { code: `import jwt from 'jsonwebtoken';\njwt.sign(p, 'k3y-for-signing-tokens');`, secret: 'k3y-for-signing-tokens' },
  {
    code: `export const jwtSecret = process.env.JWT_SECRET ?? 'dev-secret-please-change-7f3a9c';`,
    secret: 'dev-secret-please-change-7f3a9c',
  },
  { code: `export const DB_PASSWORD = 'hunter2!';`, secret: 'hunter2!' },
  {
    code: `export const ci = { auth: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' };`,
    secret: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  },
  { code: `const STRIPE_KEY = 'sk_live_51HfakeFAKEfake0000000000';`, secret: 'sk_live_51HfakeFAKEfake0000000000' },
  { code: `export const DATABASE_URL = 'postgres://app:s3cr3tP4ss@db.prod.internal:5432/app';`, secret: 's3cr3tP4ss' },
  {
    code: `export const headers = { Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0' };`,
    secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
  {
    code: `export const Env = z.object({ JWT_SECRET: z.string().default('dev-jwt-secret-at-least-32-chars!') });`,
    secret: 'dev-jwt-secret-at-least-32-chars!',
  },
];

/**
 * Snippets with a second secret-looking literal on the line of the reported one, and each suggestion's
 * edit: the source text it replaces and its text. Suggestion fixes are printed (`eslint -f json`, editors),
 * so their text is generated and never copies the planted literal.
 */
const smallestEdits: { code: string; planted: string[]; fixes: { replaces: string; text: string }[] }[] = [
  {
    code: `export const jwtSecret = config.get('A', 'k8Zq2Lm9Xw4Rt7Vb').x ?? 'dev-secret-please-change-7f3a9c';`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [{ replaces: " ?? 'dev-secret-please-change-7f3a9c'", text: '' }],
  },
  {
    code: `export const jwtSecret = getEnv(process.env.B || 'k8Zq2Lm9Xw4Rt7Vb', 'x') ?? 'dev-secret-please-change-7f3a9c';`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [{ replaces: " ?? 'dev-secret-please-change-7f3a9c'", text: '' }],
  },
  {
    code: `import { requireEnv } from './env.js';\nexport const jwtSecret = process.env.JWT_SECRET ?? 'dev-secret-please-change-7f3a9c', other = 'k8Zq2Lm9Xw4Rt7Vb';`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [
      { replaces: "process.env.JWT_SECRET ?? 'dev-secret-please-change-7f3a9c'", text: "requireEnv('JWT_SECRET')" },
    ],
  },
  {
    code: `export const Env = z.object({ JWT_SECRET: z.string().min(32, 'k8Zq2Lm9Xw4Rt7Vb').default('dev-jwt-secret-at-least-32-chars!') });`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [{ replaces: ".default('dev-jwt-secret-at-least-32-chars!')", text: '' }],
  },
  {
    code: `export const jwtSecret = config.get('JWT_SECRET', 'dev-secret-please-change-7f3a9c', 'k8Zq2Lm9Xw4Rt7Vb');`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [{ replaces: "'dev-secret-please-change-7f3a9c'", text: 'undefined' }],
  },
  {
    code: `export const jwtSecret = config.get('JWT_SECRET', ('dev-secret-please-change-7f3a9c')), other = 'k8Zq2Lm9Xw4Rt7Vb';`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [{ replaces: ", ('dev-secret-please-change-7f3a9c')", text: '' }],
  },
  {
    code: `const { JWT_SECRET = 'dev-secret-please-change-7f3a9c', OTHER = 'k8Zq2Lm9Xw4Rt7Vb' } = process.env;`,
    planted: ['k8Zq2Lm9Xw4Rt7Vb'],
    fixes: [{ replaces: " = 'dev-secret-please-change-7f3a9c'", text: '' }],
  },
  {
    code: `export const ci = { token: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', jwtSecret: 'sk_live_51HfakeFAKEfake0000000000' };`,
    planted: ['ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'sk_live_51HfakeFAKEfake0000000000'],
    fixes: [
      { replaces: "'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'", text: 'process.env.GITHUB_TOKEN' },
      { replaces: "'sk_live_51HfakeFAKEfake0000000000'", text: 'process.env.JWT_SECRET' },
    ],
  },
];

/** The rule's messages for a snippet, linted as `src/config.ts` with the TypeScript parser. */
function lint(code: string): Linter.LintMessage[] {
  return new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as Linter.Parser },
        plugins: { 'api-audit': { rules: { 'no-hardcoded-secrets': rule as never } } },
        rules: { 'api-audit/no-hardcoded-secrets': 'error' },
      },
    ],
    { filename: 'src/config.ts' },
  );
}

describe('no-hardcoded-secrets reports', () => {
  it('never contain the secret, in messages, suggestion descriptions or suggestion fixes', () => {
    for (const { code, secret } of leaks) {
      const messages = lint(code);
      expect(messages.map((message) => message.ruleId)).toEqual(['api-audit/no-hardcoded-secrets']);
      for (const message of messages) {
        expect(message.message).not.toContain(secret);
        for (const suggestion of message.suggestions ?? []) {
          expect(suggestion.desc).not.toContain(secret);
          expect(suggestion.fix.text).not.toContain(secret);
        }
      }
    }
  });

  it('suggest the smallest edit, whose text carries no other literal from the line', () => {
    for (const { code, planted, fixes } of smallestEdits) {
      const messages = lint(code);
      const edits = messages.flatMap((message) =>
        (message.suggestions ?? []).map(({ fix }) => ({ replaces: code.slice(...fix.range), text: fix.text })),
      );
      expect(edits).toEqual(fixes);
      for (const { text } of edits) for (const secret of planted) expect(text).not.toContain(secret);
      // Each edit leaves code that parses.
      for (const { fix } of messages.flatMap((message) => message.suggestions ?? [])) {
        const output = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
        expect(lint(output).filter((message) => message.fatal)).toEqual([]);
      }
    }
  });
});
