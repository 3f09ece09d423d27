import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

import rule from '../../src/rules/no-weak-password-hash.js';

const ruleTester = new RuleTester();
/** CommonJS cases (`require` tracked as a global); rule-tester's `TestLanguageOptions` lacks `sourceType`. */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

ruleTester.run('no-weak-password-hash', rule, {
  valid: [
    // An ETag: MD5 of a response body.
    `
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.get('/report', (req, res) => {
  const body = JSON.stringify({ rows: [] });
  res.set('ETag', crypto.createHash('md5').update(body).digest('hex')).send(body);
});
`,
    // A Gravatar URL: MD5 of an e-mail address.
    `
import md5 from 'md5';
export const avatarUrl = (user: { email: string }) =>
  \`https://www.gravatar.com/avatar/\${md5(user.email.trim().toLowerCase())}?d=identicon\`;
`,
    // API keys and reset tokens are random: a fast hash of them is the right tool.
    `
import { createHash, randomBytes } from 'node:crypto';
export function hashApiKey(apiKey: string) {
  return createHash('sha256').update(apiKey).digest('hex');
}
export function createPasswordResetToken() {
  const resetToken = randomBytes(32).toString('hex');
  const passwordResetToken = createHash('sha256').update(resetToken).digest('hex');
  return { resetToken, passwordResetToken };
}
`,
    // A function that makes a token, whatever its parameter is called.
    `
import { createHmac } from 'node:crypto';
export class UserService {
  createAccessToken({ password, salt }: { password: string; salt: string }) {
    const hash = createHmac('sha512', salt);
    hash.update(password);
    return hash.digest('hex');
  }
}
`,
    // A peppered pre-hash fed into bcrypt.
    `
import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
export async function hashPassword(password: string) {
  const peppered = crypto.createHmac('sha256', process.env.PEPPER!).update(password).digest('base64');
  return bcrypt.hash(peppered, 12);
}
`,
    // A pre-hash returned by a helper whose calls go into bcryptjs.
    `
import { createHash } from 'crypto';
import bcrypt from 'bcryptjs';
const prehash = (password: string) => createHash('sha256').update(password).digest('base64');
export const hash = (password: string) => bcrypt.hash(prehash(password), 12);
export const check = (password: string, stored: string) => bcrypt.compare(prehash(password), stored);
`,
    // A pre-hash handed to a worker with the bcrypt rounds; the compare path wraps the same way.
    {
      code: `
const crypto = require('crypto');
const pool = require('./pool');
exports.hash = async function (rounds, password) {
  password = crypto.createHash('sha512').update(password).digest('hex');
  return pool.exec('hash', [password, rounds]);
};
exports.compare = async function (password, hash) {
  password = crypto.createHash('sha512').update(password).digest('hex');
  return pool.exec('compare', [password, hash]);
};
`,
      languageOptions: commonjs,
    },
    // Verifying legacy hashes of migrated users next to argon2 (OWASP "Upgrading Legacy Hashes").
    `
import { argon2Verify, md5, sha1 } from 'hash-wasm';
export async function isPasswordValid(password: string, stored: string, method: string) {
  switch (method) {
    case 'argon2':
      return argon2Verify({ password, hash: stored });
    case 'md5':
      return (await md5(password)) === stored;
    case 'sha1':
      return (await sha1(password)) === stored;
    default:
      return false;
  }
}
`,
    // bcrypt with OWASP's cost, the library defaults, and costs that are not visible here.
    `
import bcrypt from 'bcrypt';
import bcryptjs from 'bcryptjs';
import { config } from './config';
const saltRounds = Number(process.env.SALT_ROUNDS);
export async function hashAll(password: string) {
  await bcrypt.hash(password, 12);
  await bcrypt.hash(password, await bcrypt.genSalt());
  bcryptjs.hashSync(password);
  await bcrypt.hash(password, saltRounds);
  await bcrypt.hash(password, config.bcryptRounds);
  await bcrypt.hash(password, process.env.NODE_ENV === 'test' ? 1 : 12);
}
`,
    // bcrypt over an API key or a one-time code is not password storage.
    `
import bcrypt from 'bcryptjs';
export const hashKey = (apiKey: string) => bcrypt.hash(apiKey, 6);
export const hashCode = (otpCode: string) => bcrypt.hash(otpCode, 6);
`,
    // PBKDF2 at OWASP's counts, or with a count from configuration.
    `
import crypto from 'node:crypto';
import { promisify } from 'node:util';
const pbkdf2 = promisify(crypto.pbkdf2);
export async function derive(password: string, salt: string, iterations: number) {
  crypto.pbkdf2Sync(password, salt, 600_000, 64, 'sha256');
  crypto.pbkdf2Sync(password, salt, 220000, 64, 'sha512');
  await pbkdf2(password, salt, 1_400_000, 64, 'sha1');
  crypto.pbkdf2Sync(password, salt, iterations, 64, 'sha256');
}
`,
    // Key derivation from a high-entropy secret, not from a password.
    `
import { pbkdf2Sync, scryptSync } from 'node:crypto';
const key = scryptSync(process.env.ENCRYPTION_KEY!, 'salt', 32);
const legacyKey = pbkdf2Sync(process.env.APP_SECRET!, 'salt', 1000, 32, 'sha256');
`,
    // scrypt at OWASP's settings (N=2^17, or N=2^15 with p=3), or with options from elsewhere.
    `
import { scryptSync } from 'node:crypto';
import Scrypt from 'scrypt-kdf';
export function hashPassword(password: string, salt: Buffer, options: object) {
  scryptSync(password, salt, 64, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  scryptSync(password, salt, 64, { cost: 32768, blockSize: 8, parallelization: 3, maxmem: 128 * 1024 * 1024 });
  scryptSync(password, salt, 64, options);
  return Scrypt.kdf(password, options ?? { logN: 15, r: 8, p: 1 });
}
`,
    // Argon2 with library defaults (argon2: 64 MiB, t=3; @node-rs/argon2: 19 MiB, t=2) or OWASP's rows.
    `
import argon2 from 'argon2';
import { hash } from '@node-rs/argon2';
export async function hashPassword(password: string) {
  await argon2.hash(password);
  await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  await hash(password, { memoryCost: 47104, timeCost: 1 });
  return hash(password);
}
`,
    // Two typed-in values, literals, and a configured secret are not stored passwords.
    `
import express from 'express';
const app = express();
app.post('/signup', (req, res) => {
  const { password, confirmPassword } = req.body;
  if (password !== confirmPassword) return res.status(400).end();
  if (req.body.password !== req.body.passwordConfirmation) return res.status(400).end();
  if (password === '' || req.body.password === undefined) return res.status(400).end();
  if (password === process.env.ADMIN_PASSWORD) return res.json({ admin: true });
  const user = req.body;
  if (user.password !== user.password2) return res.status(400).end();
  res.status(201).end();
});
`,
    // Constant-time comparison of a strong hash.
    `
import crypto from 'node:crypto';
export function verify(password: string, user: { salt: string; passwordHash: string }) {
  const hash = crypto.pbkdf2Sync(password, user.salt, 600000, 64, 'sha256');
  return crypto.timingSafeEqual(hash, Buffer.from(user.passwordHash, 'hex'));
}
`,
    // A local `createHash` is not node:crypto's.
    `
function createHash(algorithm: string) {
  return { update: (value: string) => ({ digest: () => algorithm + value }) };
}
export const fingerprint = (password: string) => createHash('md5').update(password).digest();
`,
    // A client component hashing before sending is not how the server stores passwords.
    `
'use client';
import { sha256 } from 'js-sha256';
export function submit(password: string) {
  return fetch('/api/login', { method: 'POST', body: JSON.stringify({ password: sha256(password) }) });
}
`,
    // Tests use cheap costs on purpose.
    {
      code: `
import bcrypt from 'bcrypt';
export const fixture = () => bcrypt.hash('secret-password', 1);
`,
      filename: 'src/__tests__/users.test.ts',
    },
    // A fingerprint of the stored hash (for invalidating sessions) is not the password.
    `
import { createHash } from 'node:crypto';
export const sessionVersion = (user: { passwordHash: string }) =>
  createHash('sha256').update(user.passwordHash).digest('hex').slice(0, 8);
`,
    // A name the rule does not know, without the option.
    `
import md5 from 'md5';
export const store = (secretWord: string) => md5(secretWord);
`,
    // HTTP Digest and signed vendor requests mix the password with a realm, nonce or timestamp.
    `
import { createHash } from 'node:crypto';
const md5 = (value: string) => createHash('md5').update(value).digest('hex');
export function digestHeader(user: string, password: string, realm: string, nonce: string) {
  const ha1 = md5(\`\${user}:\${realm}:\${password}\`);
  return md5(\`\${ha1}:\${nonce}\`);
}
export const sign = (account: string, password: string) =>
  createHash('md5').update(account + password + Date.now()).digest('hex');
`,
    // Have I Been Pwned's range API takes the first characters of the password's SHA-1.
    `
import { createHash } from 'node:crypto';
export async function isBreached(password: string) {
  const digest = createHash('sha1').update(password).digest('hex').toUpperCase();
  const response = await fetch(\`https://api.pwnedpasswords.com/range/\${digest.slice(0, 5)}\`);
  return (await response.text()).includes(digest.slice(5));
}
`,
    // A React component checks what its form holds.
    {
      code: `
import { sha256 } from 'js-sha256';
export function PasswordField({ password, expected }: { password: string; expected: string }) {
  return <input data-valid={sha256(password) === expected} />;
}
`,
      filename: 'src/components/PasswordField.tsx',
    },
    // A browser script's global \`md5\` is not known to hash anything.
    `
declare const scope: { oldPassword: string; loggedInUser: { password: string } };
export const same = md5(scope.oldPassword) === scope.loggedInUser.password;
`,
    // NTLM's wire format hashes the password with MD4: a protocol, not storage.
    `
import crypto from 'node:crypto';
export function createNTLMHash(password: string) {
  return crypto.createHash('md4').update(Buffer.from(password, 'ucs2')).digest();
}
`,
    // Comparisons off.
    {
      code: `
export function login(password: string, user: { password: string }) {
  return password === user.password;
}
`,
      options: [{ checkComparisons: false }],
    },
  ],
  invalid: [
    // express, ESM default import: MD5 of the password at sign-up.
    {
      code: `
import crypto from 'crypto';
import express from 'express';
const app = express();
app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  res.status(201).json({ email, passwordHash });
});
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHash', algorithm: 'MD5' },
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    // mongoose model method, CommonJS require: HMAC-SHA1 of the password.
    {
      code: `
const crypto = require('crypto');
const mongoose = require('mongoose');
const UserSchema = new mongoose.Schema({ email: String, hashed_password: String, salt: String });
UserSchema.methods.encryptPassword = function (password) {
  return crypto.createHmac('sha1', this.salt).update(password).digest('hex');
};
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHmac', algorithm: 'HMAC-SHA1' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
    // express router, destructured require of node:crypto.
    {
      code: `
const { createHash } = require('node:crypto');
const express = require('express');
const router = express.Router();
router.post('/login', async (req, res) => {
  const digest = createHash('sha256').update(req.body.password).digest('hex');
  res.json({ ok: digest.length > 0 });
});
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHash', algorithm: 'SHA256' },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    // aliased named import, salted SHA-1.
    {
      code: `
import { createHash as hash } from 'crypto';
export function savePassword(pw: string, salt: string) {
  return hash('sha1').update(salt + pw).digest('hex');
}
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHash', algorithm: 'SHA1' },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 22,
          suggestions: null,
        },
      ],
    },
    // NestJS service, namespace import, hasher kept in a variable and fed twice.
    {
      code: `
import * as crypto from 'node:crypto';
import { Injectable } from '@nestjs/common';
@Injectable()
export class AuthService {
  hashPassword(plain: string, salt: string): string {
    const hasher = crypto.createHash('sha512');
    hasher.update(salt);
    hasher.update(plain);
    return hasher.digest('hex');
  }
}
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHash', algorithm: 'SHA512' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    // koa, the md5 package over a destructured `pwd`.
    {
      code: `
import Router from '@koa/router';
import md5 from 'md5';
const router = new Router();
router.post('/users', async (ctx) => {
  const { username, pwd } = ctx.request.body as { username: string; pwd: string };
  ctx.body = { username, password: md5(pwd) };
});
export default router;
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'md5', algorithm: 'MD5' },
          line: 7,
          column: 36,
          endLine: 7,
          endColumn: 44,
          suggestions: null,
        },
      ],
    },
    // crypto-js namespace and its per-algorithm module.
    {
      code: `
import CryptoJS from 'crypto-js';
import sha256 from 'crypto-js/sha256';
export const hashA = (password: string) => CryptoJS.SHA256(password).toString();
export const hashB = (password: string) => sha256(password).toString();
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'CryptoJS.SHA256', algorithm: 'SHA256' },
          line: 4,
          column: 44,
          endLine: 4,
          endColumn: 69,
          suggestions: null,
        },
        {
          messageId: 'fastHash',
          data: { api: 'CryptoJS.SHA256', algorithm: 'SHA256' },
          line: 5,
          column: 44,
          endLine: 5,
          endColumn: 60,
          suggestions: null,
        },
      ],
    },
    // fastify, js-sha256 named import.
    {
      code: `
import { sha256 } from 'js-sha256';
import Fastify from 'fastify';
const app = Fastify();
app.post('/signup', async (request) => {
  const body = request.body as { email: string; password: string };
  return { email: body.email, hash: sha256(body.password) };
});
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'sha256', algorithm: 'SHA256' },
          line: 7,
          column: 37,
          endLine: 7,
          endColumn: 58,
          suggestions: null,
        },
      ],
    },
    // hono, the Web Crypto global.
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/register', async (c) => {
  const { password } = await c.req.json();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));
  return c.json({ hash: btoa(String.fromCharCode(...new Uint8Array(digest))) });
});
export default app;
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.subtle.digest', algorithm: 'SHA-256' },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 91,
          suggestions: null,
        },
      ],
    },
    // Next.js route handler: a local helper whose call passes the password.
    {
      code: `
async function sha256(text: string) {
  const data = new TextEncoder().encode(text);
  const hash = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
export async function POST(request: Request) {
  const { username, password } = (await request.json()) as { username: string; password: string };
  return Response.json({ username, hash: await sha256(password) });
}
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.subtle.digest', algorithm: 'SHA-256' },
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 59,
          suggestions: null,
        },
      ],
    },
    // crypto.hash (Node 21.7+).
    {
      code: `
import { hash } from 'node:crypto';
export const store = (newPassword: string) => hash('sha1', newPassword);
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.hash', algorithm: 'SHA1' },
          line: 3,
          column: 47,
          endLine: 3,
          endColumn: 72,
          suggestions: null,
        },
      ],
    },
    // PBKDF2-HMAC-SHA512 below 220,000 iterations.
    {
      code: `
import crypto from 'node:crypto';
export function join(req: { body: { email: string; password: string } }) {
  const salt = crypto.randomBytes(16).toString('base64');
  return crypto.pbkdf2Sync(req.body.password, salt, 10000, 64, 'sha512').toString('base64');
}
`,
      errors: [
        {
          messageId: 'weakPbkdfIterations',
          data: { scheme: 'PBKDF2-HMAC-SHA512', iterations: '10,000', minimum: '220,000' },
          line: 5,
          column: 53,
          endLine: 5,
          endColumn: 58,
          suggestions: null,
        },
      ],
    },
    // PBKDF2-HMAC-SHA256 below 600,000 iterations, callback form.
    {
      code: `
import crypto from 'crypto';
export function pbkdf2Promisified(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.pbkdf2(password, salt, 25000, 512, 'sha256', (err, hashRaw) => (err ? reject(err) : resolve(hashRaw))),
  );
}
`,
      errors: [
        {
          messageId: 'weakPbkdfIterations',
          data: { scheme: 'PBKDF2-HMAC-SHA256', iterations: '25,000', minimum: '600,000' },
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 40,
          suggestions: null,
        },
      ],
    },
    // iterations from a same-file const; SHA-1 needs 1,400,000.
    {
      code: `
import { pbkdf2Sync } from 'crypto';
const ITERATIONS = 1000;
export const hashPassword = (password: string, salt: string) => pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha1');
`,
      errors: [
        {
          messageId: 'weakPbkdfIterations',
          data: { scheme: 'PBKDF2-HMAC-SHA1', iterations: '1,000', minimum: '1,400,000' },
          line: 4,
          column: 92,
          endLine: 4,
          endColumn: 102,
          suggestions: null,
        },
      ],
    },
    // util.promisify(crypto.pbkdf2).
    {
      code: `
import crypto from 'node:crypto';
import util from 'node:util';
const pbkdf2 = util.promisify(crypto.pbkdf2);
export const hashPassword = (password: string, salt: string) => pbkdf2(password, salt, 100000, 64, 'sha256');
`,
      errors: [
        {
          messageId: 'weakPbkdfIterations',
          data: { scheme: 'PBKDF2-HMAC-SHA256', iterations: '100,000', minimum: '600,000' },
          line: 5,
          column: 88,
          endLine: 5,
          endColumn: 94,
          suggestions: null,
        },
      ],
    },
    // Web Crypto PBKDF2 through deriveBits, the password in importKey.
    {
      code: `
export async function hashPassword(password: string, salt: Uint8Array) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 100000, hash: 'SHA-256' }, material, 256);
}
`,
      errors: [
        {
          messageId: 'weakPbkdfIterations',
          data: { scheme: 'PBKDF2-HMAC-SHA256', iterations: '100,000', minimum: '600,000' },
          line: 4,
          column: 71,
          endLine: 4,
          endColumn: 77,
          suggestions: null,
        },
      ],
    },
    // scrypt with Node's defaults (N=16384).
    {
      code: `
import { randomBytes, scryptSync } from 'node:crypto';
export function hashPassword(password: string) {
  const salt = randomBytes(16);
  return scryptSync(password, salt, 64).toString('hex');
}
`,
      errors: [
        {
          messageId: 'weakScrypt',
          data: { cost: '16384', blockSize: '8', parallelization: '1' },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    // promisify(crypto.scrypt) with the defaults.
    {
      code: `
import crypto from 'crypto';
import { promisify } from 'util';
const scrypt = promisify(crypto.scrypt);
export async function hash(password: string): Promise<string> {
  const salt = crypto.randomBytes(16).toString('hex');
  const derivedKey = (await scrypt(password, salt, 64)) as Buffer;
  return salt + ':' + derivedKey.toString('hex');
}
`,
      errors: [
        {
          messageId: 'weakScrypt',
          data: { cost: '16384', blockSize: '8', parallelization: '1' },
          line: 7,
          column: 29,
          endLine: 7,
          endColumn: 35,
          suggestions: null,
        },
      ],
    },
    // callback scrypt without options.
    {
      code: `
import { scrypt } from 'node:crypto';
export function hashPassword(password: string, salt: string) {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
`,
      errors: [
        {
          messageId: 'weakScrypt',
          data: { cost: '16384', blockSize: '8', parallelization: '1' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 11,
          suggestions: null,
        },
      ],
    },
    // scrypt with N given too small.
    {
      code: `
import { scryptSync } from 'node:crypto';
export const hashPassword = (password: string, salt: Buffer) => scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });
`,
      errors: [
        {
          messageId: 'weakScrypt',
          data: { cost: '16384', blockSize: '8', parallelization: '1' },
          line: 3,
          column: 101,
          endLine: 3,
          endColumn: 106,
          suggestions: null,
        },
      ],
    },
    // scrypt-kdf with logN 15 and p=1.
    {
      code: `
import Scrypt from 'scrypt-kdf';
export const hashPassword = (password: string) => Scrypt.kdf(password, { logN: 15, r: 8, p: 1 });
`,
      errors: [
        {
          messageId: 'weakScrypt',
          data: { cost: '32768', blockSize: '8', parallelization: '1' },
          line: 3,
          column: 80,
          endLine: 3,
          endColumn: 82,
          suggestions: null,
        },
      ],
    },
    // bcrypt cost 8, literal: suggestion raises it.
    {
      code: `
import bcrypt from 'bcrypt';
export async function register(req: { body: { password: string } }) {
  return bcrypt.hash(req.body.password, 8);
}
`,
      errors: [
        {
          messageId: 'weakBcryptCost',
          data: { cost: '8', minimum: '10' },
          line: 4,
          column: 41,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'raiseBcryptCost',
              data: { cost: '12' },
              output: `
import bcrypt from 'bcrypt';
export async function register(req: { body: { password: string } }) {
  return bcrypt.hash(req.body.password, 12);
}
`,
            },
          ],
        },
      ],
    },
    // bcryptjs genSaltSync(5), CommonJS.
    {
      code: `
const bcrypt = require('bcryptjs');
module.exports.hashPassword = function (password) {
  const salt = bcrypt.genSaltSync(5);
  return bcrypt.hashSync(password, salt);
};
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'weakBcryptCost',
          data: { cost: '5', minimum: '10' },
          line: 4,
          column: 35,
          endLine: 4,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'raiseBcryptCost',
              data: { cost: '12' },
              output: `
const bcrypt = require('bcryptjs');
module.exports.hashPassword = function (password) {
  const salt = bcrypt.genSaltSync(12);
  return bcrypt.hashSync(password, salt);
};
`,
            },
          ],
        },
      ],
    },
    // bcrypt cost from a same-file const: the suggestion edits the const.
    {
      code: `
import { hashSync } from 'bcrypt';
const SALT_ROUNDS = 6;
export const hashPassword = (password: string) => hashSync(password, SALT_ROUNDS);
`,
      errors: [
        {
          messageId: 'weakBcryptCost',
          data: { cost: '6', minimum: '10' },
          line: 4,
          column: 70,
          endLine: 4,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'raiseBcryptCost',
              data: { cost: '12' },
              output: `
import { hashSync } from 'bcrypt';
const SALT_ROUNDS = 12;
export const hashPassword = (password: string) => hashSync(password, SALT_ROUNDS);
`,
            },
          ],
        },
      ],
    },
    // @node-rs/bcrypt with cost 4.
    {
      code: `
import { hash } from '@node-rs/bcrypt';
export const hashPassword = (password: string) => hash(password, 4);
`,
      errors: [
        {
          messageId: 'weakBcryptCost',
          data: { cost: '4', minimum: '10' },
          line: 3,
          column: 66,
          endLine: 3,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'raiseBcryptCost',
              data: { cost: '12' },
              output: `
import { hash } from '@node-rs/bcrypt';
export const hashPassword = (password: string) => hash(password, 12);
`,
            },
          ],
        },
      ],
    },
    // argon2 with 4 MiB of memory (t defaults to 3).
    {
      code: `
import argon2 from 'argon2';
export const hashPassword = (password: string) => argon2.hash(password, { memoryCost: 4096 });
`,
      errors: [
        {
          messageId: 'weakArgonParameters',
          data: { memory: '4096', time: '3' },
          line: 3,
          column: 87,
          endLine: 3,
          endColumn: 91,
          suggestions: null,
        },
      ],
    },
    // @node-rs/argon2 with 8 MiB and t=1.
    {
      code: `
import { hash } from '@node-rs/argon2';
export const hashPassword = (password: string) => hash(password, { memoryCost: 8192, timeCost: 1, parallelism: 1 });
`,
      errors: [
        {
          messageId: 'weakArgonParameters',
          data: { memory: '8192', time: '1' },
          line: 3,
          column: 80,
          endLine: 3,
          endColumn: 84,
          suggestions: null,
        },
      ],
    },
    // express login comparing the typed-in password with the stored one.
    {
      code: `
import express from 'express';
import { User } from './models/user';
const app = express();
app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user || req.body.password !== user.password) return res.status(401).end();
  res.json({ id: user.id });
});
`,
      errors: [
        {
          messageId: 'plainTextComparison',
          data: { stored: 'user.password' },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 51,
          suggestions: null,
        },
      ],
    },
    // a mysql row compared in plain text.
    {
      code: `
const express = require('express');
const db = require('./db');
const router = express.Router();
router.post('/login', (req, res) => {
  const { username, password } = req.body;
  db.query('SELECT * FROM users WHERE username = ?', [username], (err, rows) => {
    if (rows.length === 0 || rows[0].password !== password) return res.status(401).send('Invalid');
    res.send('ok');
  });
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'plainTextComparison',
          data: { stored: 'rows[0].password' },
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 59,
          suggestions: null,
        },
      ],
    },
    // a mongoose method comparing `this.password` with its argument.
    {
      code: `
import { Schema } from 'mongoose';
const userSchema = new Schema({ email: String, password: String });
userSchema.methods.comparePassword = function (candidate: string) {
  return this.password === candidate;
};
`,
      errors: [
        {
          messageId: 'plainTextComparison',
          data: { stored: 'this.password' },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 37,
          suggestions: null,
        },
      ],
    },
    // a strong hash compared with `===`.
    {
      code: `
import crypto from 'node:crypto';
export function verifyPassword(password: string, user: { salt: string; passwordHash: string }) {
  const hash = crypto.pbkdf2Sync(password, user.salt, 600000, 64, 'sha256').toString('hex');
  return hash === user.passwordHash;
}
`,
      errors: [
        {
          messageId: 'timingUnsafeComparison',
          data: { operator: '===' },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 36,
          suggestions: null,
        },
      ],
    },
    // passport-local style `this.hash === hash`.
    {
      code: `
const crypto = require('crypto');
const mongoose = require('mongoose');
const UserSchema = new mongoose.Schema({ hash: String, salt: String });
UserSchema.methods.validPassword = function (password) {
  const hash = crypto.pbkdf2Sync(password, this.salt, 1000000, 64, 'sha512').toString('hex');
  return this.hash === hash;
};
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'timingUnsafeComparison',
          data: { operator: '===' },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 28,
          suggestions: null,
        },
      ],
    },
    // an imported `encryptPassword` compared with `===`.
    {
      code: `
import { encryptPassword } from './crypto';
export class User {
  hashed_password = '';
  authenticate(plainText: string) {
    return encryptPassword(plainText) === this.hashed_password;
  }
}
`,
      errors: [
        {
          messageId: 'timingUnsafeComparison',
          data: { operator: '===' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 63,
          suggestions: null,
        },
      ],
    },
    // Next.js route handler reading FormData.
    {
      code: `
import { NextResponse } from 'next/server';
import { createHash } from 'node:crypto';
export async function POST(request: Request) {
  const form = await request.formData();
  const hashed = createHash('sha256').update(String(form.get('password'))).digest('hex');
  return NextResponse.json({ hashed });
}
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHash', algorithm: 'SHA256' },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    // a name given in `additionalPasswordNames`.
    {
      code: `
import md5 from 'md5';
export const store = (secretWord: string) => md5(secretWord);
`,
      options: [{ additionalPasswordNames: ['secretWord'] }],
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'md5', algorithm: 'MD5' },
          line: 3,
          column: 46,
          endLine: 3,
          endColumn: 61,
          suggestions: null,
        },
      ],
    },
    // the password variable overwritten with its MD5.
    {
      code: `
const crypto = require('crypto');
module.exports = function register(req, res) {
  let { name, password } = req.body;
  password = crypto.createHash('md5').update(password).digest('hex');
  res.json({ name, password });
};
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'crypto.createHash', algorithm: 'MD5' },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    // HTTP Basic credentials compared with a stored `pass`.
    {
      code: `
export function checkBasicAuth(header: string, account: { user: string; pass: string }) {
  const [user, pass] = Buffer.from(header.split(' ')[1]!, 'base64').toString().split(':');
  return user === account.user && pass === account.pass;
}
`,
      errors: [
        {
          messageId: 'plainTextComparison',
          data: { stored: 'account.pass' },
          line: 4,
          column: 35,
          endLine: 4,
          endColumn: 56,
          suggestions: null,
        },
      ],
    },
    // a Prisma query result compared in plain text.
    {
      code: `
import { prisma } from './db';
export async function login(email: string, password: string) {
  const found = await prisma.user.findUnique({ where: { email } });
  if (found?.password !== password) throw new Error('Invalid credentials');
  return found;
}
`,
      errors: [
        {
          messageId: 'plainTextComparison',
          data: { stored: 'found?.password' },
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 35,
          suggestions: null,
        },
      ],
    },

    // promisify of a named import, and of a destructured require in CommonJS below.
    {
      code: `
import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
const scryptAsync = promisify(scrypt);
export async function hashPassword(password: string) {
  const salt = randomBytes(16);
  return scryptAsync(password, salt, 64);
}
`,
      errors: [
        {
          messageId: 'weakScrypt',
          data: { cost: '16384', blockSize: '8', parallelization: '1' },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 21,
          suggestions: null,
        },
      ],
    },
    // util.promisify of a destructured require.
    {
      code: `
const { pbkdf2 } = require('crypto');
const util = require('util');
const pbkdf2Async = util.promisify(pbkdf2);
exports.hashPassword = (password, salt) => pbkdf2Async(password, salt, 310000, 32, 'sha256');
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'weakPbkdfIterations',
          data: { scheme: 'PBKDF2-HMAC-SHA256', iterations: '310,000', minimum: '600,000' },
          line: 5,
          column: 72,
          endLine: 5,
          endColumn: 78,
          suggestions: null,
        },
      ],
    },
    // a computed hash compared with a `hash` parameter.
    {
      code: `
import { scryptSync } from 'node:crypto';
export function validatePassword(password: string, salt: string, hash: string) {
  return scryptSync(password, salt, 64, { N: 131072, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }).toString('hex') === hash;
}
`,
      errors: [
        {
          messageId: 'timingUnsafeComparison',
          data: { operator: '===' },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 119,
          suggestions: null,
        },
      ],
    },
    // legacy MD5 verification beside argon2: the hash itself is accepted, its `===` is not.
    {
      code: `
import argon2 from 'argon2';
import { md5 } from 'hash-wasm';
export async function verify(password: string, stored: { method: string; passwordEncrypted: string }) {
  if (stored.method === 'argon2') return argon2.verify(stored.passwordEncrypted, password);
  return (await md5(password)) === stored.passwordEncrypted;
}
`,
      errors: [
        {
          messageId: 'timingUnsafeComparison',
          data: { operator: '===' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 60,
          suggestions: null,
        },
      ],
    },

    // @oslojs/crypto, as Lucia's guides use it.
    {
      code: `
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
export const hashPassword = (password: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(password)));
`,
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'sha256', algorithm: 'SHA256' },
          line: 4,
          column: 70,
          endLine: 4,
          endColumn: 112,
          suggestions: null,
        },
      ],
    },

    // Plain JavaScript under ESLint's default parser.
    {
      code: `
const md5 = require('md5');
exports.register = function (req, res) {
  res.json({ password: md5(req.body.password) });
};
`,
      languageOptions: { ...commonjs, parser: espree },
      errors: [
        {
          messageId: 'fastHash',
          data: { api: 'md5', algorithm: 'MD5' },
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
  ],
});
