import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/no-insecure-jwt.js';

const ruleTester = new RuleTester();

/** CommonJS files: `require` and `module` as globals, as Node.js provides them. */
const commonjs = { globals: { require: 'readonly', module: 'writable', exports: 'writable' } } as const;

const jsonwebtoken = { call: 'jwt.verify', library: 'jsonwebtoken', option: 'algorithms' };
const jsonwebtokenSign = {
  call: 'jwt.sign',
  library: 'jsonwebtoken',
  remedy: 'set `expiresIn` to a lifetime that fits the token',
};

ruleTester.run('no-insecure-jwt', rule, {
  valid: [
    // Pinned algorithms, an expiring token.
    `
import jwt from 'jsonwebtoken';
const secret = process.env.JWT_SECRET;
export const issue = (user) => jwt.sign({ sub: user.id }, secret, { expiresIn: '15m' });
export const check = (token) => jwt.verify(token, secret, { algorithms: ['HS256'] });
`,
    // Options the file does not show: a parameter, a spread of one, a list from configuration.
    `
import jwt from 'jsonwebtoken';
export function check(token, key, options) { return jwt.verify(token, key, options); }
export function check2(token, key, extra) { return jwt.verify(token, key, { ...extra, issuer: 'api' }); }
export function check3(token, key) { return jwt.verify(token, key, { algorithms: config.jwt.algorithms }); }
`,
    // A const options object with the list, and one filled in statement by statement.
    `
import jwt from 'jsonwebtoken';
const verifyOptions = { issuer: 'accounts', algorithms: ['RS256'] };
export const check = (token, publicKey) => jwt.verify(token, publicKey, verifyOptions);
`,
    `
const { Strategy, ExtractJwt } = require('passport-jwt');
const opts = {};
opts.jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
opts.secretOrKey = process.env.JWT_SECRET;
opts.algorithms = ['HS256'];
module.exports = new Strategy(opts, (payload, done) => done(null, payload));
`,
    // jose: the key decides the family and `none` is never accepted (jose VerifyOptions docs).
    `
import { jwtVerify, createRemoteJWKSet } from 'jose';
const jwks = createRemoteJWKSet(new URL('https://id.example.com/.well-known/jwks.json'));
export async function check(token) { return (await jwtVerify(token, jwks, { issuer: 'https://id.example.com' })).payload; }
`,
    // jose: an expiring token.
    `
import { SignJWT } from 'jose';
export const issue = (sub, key) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(key);
`,
    // jose: a builder kept in a binding is not followed.
    `
import { SignJWT } from 'jose';
export async function issue(sub, key, ttl) {
  const builder = new SignJWT({ sub }).setProtectedHeader({ alg: 'ES256' });
  if (ttl) builder.setExpirationTime(ttl);
  return builder.sign(key);
}
`,
    // hono verifies with one algorithm; an `exp` claim in the payload.
    `
import { Hono } from 'hono';
import { sign, verify } from 'hono/jwt';
const app = new Hono();
app.post('/login', async (c) => c.json({ token: await sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 300 }, c.env.SECRET) }));
app.get('/me', async (c) => c.json(await verify(c.req.header('x-token') ?? '', c.env.SECRET, 'HS256')));
`,
    // express-jwt refuses to start without algorithms.
    `
import { expressjwt } from 'express-jwt';
import express from 'express';
const app = express();
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));
app.use(expressjwt({ secret: process.env.JWT_SECRET }));
`,
    // A payload the file does not show may carry `exp`; sign options the file does not show may set expiresIn.
    `
import jwt from 'jsonwebtoken';
export const issue = (claims) => jwt.sign(claims, process.env.JWT_SECRET);
export const issue2 = (user, options) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET, options);
export const issue3 = (user, base) => jwt.sign({ ...base, sub: user.id }, process.env.JWT_SECRET);
export const issue4 = (user) => jwt.sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 600 }, process.env.JWT_SECRET);
`,
    // @fastify/jwt: pinned and expiring at registration.
    `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET, sign: { expiresIn: '15m' }, verify: { algorithms: ['HS256'] } });
app.post('/login', async (request, reply) => ({ token: await reply.jwtSign({ sub: request.body.user }) }));
`,
    // @fastify/jwt: per-call lifetimes, top-level or nested under `sign`.
    `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET, verify: { algorithms: ['HS256'] } });
app.post('/login', async (request, reply) => {
  const access = app.jwt.sign({ sub: request.body.user }, { expiresIn: '15m' });
  const refresh = await reply.jwtSign({ sub: request.body.user }, { sign: { expiresIn: '7d' } });
  return { access, refresh };
});
`,
    // NestJS: an injected JwtService gets its options from a module the file does not show.
    `
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class AuthService {
  constructor(private readonly jwtService: JwtService) {}
  login(user: { id: string }) { return { accessToken: this.jwtService.sign({ sub: user.id }) }; }
  check(token: string) { return this.jwtService.verify(token); }
}
`,
    // NestJS: module options without verifyOptions (verification may well be passport-jwt's).
    `
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } })] })
export class AuthModule {}
`,
    // NestJS passport strategy with pinned algorithms.
    `
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'] });
  }
  validate(payload: { sub: string }) { return { userId: payload.sub }; }
}
`,
    // A different passport strategy package is not passport-jwt.
    `
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor() { super({ usernameField: 'email' }); }
}
`,
    // koa-jwt with a list.
    `
import Koa from 'koa';
import koaJwt from 'koa-jwt';
const app = new Koa();
app.use(koaJwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));
`,
    // Decoding after verifying, in the same function or in the verify callback.
    `
import jwt from 'jsonwebtoken';
export function authenticate(req, res, next) {
  const token = req.headers.authorization?.split(' ')[1];
  try {
    jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
  } catch {
    return res.sendStatus(401);
  }
  req.user = jwt.decode(token);
  next();
}
`,
    `
import jwt from 'jsonwebtoken';
export const authenticate = (req, res, next) => {
  const token = req.cookies.token;
  jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }, (err) => {
    if (err) return res.sendStatus(403);
    req.user = jwt.decode(token);
    next();
  });
};
`,
    // Decoding for logging, or to read `exp`/`kid`: nothing about access.
    `
import jwt from 'jsonwebtoken';
import express from 'express';
const app = express();
app.post('/logout', async (req, res) => {
  const decoded = jwt.decode(req.body.token);
  console.info('logout', decoded);
  if (decoded && decoded.exp * 1000 > Date.now()) await denylist.add(req.body.token, decoded.exp);
  res.sendStatus(204);
});
`,
    // Client code: decoding to show the user is not an access decision of the server.
    `
import { jwtDecode } from 'jwt-decode';
export function useCurrentUser(token) {
  const claims = jwtDecode(token);
  if (claims.role === 'admin') return { ...claims, admin: true };
  return claims;
}
`,
    `
import jwt from 'jsonwebtoken';
export default {
  mutations: {
    REFRESH_AUTH(state) {
      const data = jwt.decode(readCookie('jwt'));
      state.permissions = data.permissions;
      state.authenticated = true;
    },
  },
};
`,
    // A handler behind middleware may receive a verified token: decoding it again is fine.
    `
import jwt from 'jsonwebtoken';
import { Router } from 'express';
import { requireAuth } from './auth.js';
export const admin = Router();
admin.get('/reports', requireAuth, (req, res) => {
  const { role } = jwt.decode(req.headers.authorization.slice(7));
  if (role !== 'admin') return res.sendStatus(403);
  res.json(loadReports());
});
`,
    // Shadowed locals named like the library are not the library.
    `
import express from 'express';
const jwt = { verify: (token) => token, sign: (payload) => JSON.stringify(payload), decode: (t) => JSON.parse(t) };
const app = express();
app.use((req, res, next) => { req.user = jwt.decode(req.headers.authorization); next(); });
export const check = (token) => jwt.verify(token);
`,
    `
import { verify } from 'jsonwebtoken';
export function check(token) {
  const verify = (t) => t.length > 0;
  return verify(token);
}
`,
    // An expiry check kept on.
    `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'], ignoreExpiration: false });
`,
    // hono before 4.11.4 verifies with HS256 when no algorithm is given, and refuses to verify since.
    `
import { verify } from 'hono/jwt';
export const check = (token: string, secret: string) => verify(token, secret);
`,
    // A shadowed plugin binding is not the Fastify plugin.
    `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
function register(plugin) { const fastifyJwt = plugin; app.register(fastifyJwt, { secret: 'x' }); }
export default register;
`,
    // A NestJS controller behind a guard reading claims of a token the guard verified.
    `
import { Controller, Get, Headers, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { JwtAuthGuard } from './jwt-auth.guard';
@Controller('me')
@UseGuards(JwtAuthGuard)
export class MeController {
  constructor(private readonly jwt: JwtService) {}
  @Get()
  me(@Headers('authorization') authorization: string) {
    const claims = this.jwt.decode(authorization.slice(7));
    if (claims.role === 'admin') return { admin: true };
    return { admin: false };
  }
}
`,
    // A router mounted in another file may sit behind authentication there.
    `
import jwt from 'jsonwebtoken';
import { Router } from 'express';
export const reports = Router();
reports.get('/', (req, res) => {
  const claims = jwt.decode(req.headers.authorization.slice(7));
  if (claims.role !== 'analyst') return res.sendStatus(403);
  res.json([]);
});
`,
    // Passport calls the verify callback with a payload it verified.
    `
import passport from 'passport';
import jwt from 'jsonwebtoken';
import { Strategy, ExtractJwt } from 'passport-jwt';
passport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'] }, (req, payload, done) => {
  const raw = jwt.decode(ExtractJwt.fromAuthHeaderAsBearerToken()(req));
  if (raw.scope !== 'api') return done(null, false);
  done(null, payload);
}));
`,
    // An ID token kept in the server-side session, or just fetched from the identity provider over TLS.
    `
import jwt from 'jsonwebtoken';
import express from 'express';
const app = express();
app.use((req, res, next) => {
  req.user = jwt.decode(req.session.idToken);
  next();
});
app.get('/callback', async (req, res) => {
  const tokens = await oidc.exchangeCode(req.query.code);
  req.session.user = jwt.decode(tokens.id_token);
  res.redirect('/');
});
`,
    // Tests sign throw-away tokens.
    {
      code: `
import jwt from 'jsonwebtoken';
export const token = jwt.sign({ sub: 'u1' }, 'test-secret');
export const decoded = jwt.verify(token, 'test-secret');
`,
      filename: 'src/__tests__/auth.test.ts',
    },
    // Options turned off.
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET);
`,
      options: [{ checkAlgorithms: false, checkSignExpiry: false }],
    },
    // A file that mentions no JWT library.
    `
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.json({ ok: true }));
`,
  ],
  invalid: [
    // jsonwebtoken: the same-file sign call with the same key signs with HS256 (the default): fixed.
    {
      code: `
import jwt from 'jsonwebtoken';
const SECRET = process.env.JWT_SECRET;
export const issue = (user) => jwt.sign({ sub: user.id }, SECRET, { expiresIn: '1h' });
export const check = (token) => jwt.verify(token, SECRET);
`,
      output: `
import jwt from 'jsonwebtoken';
const SECRET = process.env.JWT_SECRET;
export const issue = (user) => jwt.sign({ sub: user.id }, SECRET, { expiresIn: '1h' });
export const check = (token) => jwt.verify(token, SECRET, { algorithms: ['HS256'] });
`,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: jsonwebtoken,
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 43,
          suggestions: null,
        },
      ],
    },
    // ... before a callback, with the sign's explicit algorithm and the file's quotes.
    {
      code: `
import jwt from "jsonwebtoken";
export const issue = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: "HS512", expiresIn: "1h" });
export function check(token, done) {
  jwt.verify(token, process.env.JWT_SECRET, (err, payload) => done(err, payload));
}
`,
      output: `
import jwt from "jsonwebtoken";
export const issue = (user) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: "HS512", expiresIn: "1h" });
export function check(token, done) {
  jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS512"] }, (err, payload) => done(err, payload));
}
`,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 5, column: 3, suggestions: null }],
    },
    // ... into an inline options literal.
    {
      code: `
import jwt from 'jsonwebtoken';
const secret = process.env.JWT_SECRET;
export const issue = (user) => jwt.sign({ sub: user.id }, secret, { expiresIn: '1h' });
export const check = (token) =>
  jwt.verify(token, secret, {
    issuer: 'accounts',
  });
`,
      output: `
import jwt from 'jsonwebtoken';
const secret = process.env.JWT_SECRET;
export const issue = (user) => jwt.sign({ sub: user.id }, secret, { expiresIn: '1h' });
export const check = (token) =>
  jwt.verify(token, secret, {
    issuer: 'accounts',
    algorithms: ['HS256'],
  });
`,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 6, column: 3 }],
    },
    // No sign call in the file, a secret string: a suggestion only.
    {
      code: `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET, { issuer: 'accounts' });
`,
      output: null,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: jsonwebtoken,
          line: 3,
          column: 33,
          endLine: 3,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'pinAlgorithm',
              data: { algorithm: 'HS256', reason: 'what jsonwebtoken signs with by default for a secret string' },
              output: `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET, { issuer: 'accounts', algorithms: ['HS256'] });
`,
            },
          ],
        },
      ],
    },
    // A public key: no algorithm to name, so neither fix nor suggestion.
    {
      code: `
import fs from 'node:fs';
import jwt from 'jsonwebtoken';
const publicKey = fs.readFileSync('keys/jwt.pub');
export const check = (token) => jwt.verify(token, publicKey);
`,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 5, column: 33, suggestions: null }],
    },
    // A PEM key from the environment is not a secret string either.
    {
      code: `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_PUBLIC_KEY);
`,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', line: 3, column: 33, suggestions: null }],
    },
    // Import forms: namespace, named, aliased, require, destructured require.
    {
      code: `
import * as jsonwebtoken from 'jsonwebtoken';
export const check = (token, key) => jsonwebtoken.verify(token, key);
`,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 3, column: 38, endColumn: 57 }],
    },
    {
      code: `
import { verify } from 'jsonwebtoken';
export const check = (token, key) => verify(token, key);
`,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 3, column: 38, endColumn: 44 }],
    },
    {
      code: `
import { verify as verifyJwt } from 'jsonwebtoken';
export const check = (token, key) => verifyJwt(token, key);
`,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 3, column: 38 }],
    },
    {
      code: `
const jwt = require('jsonwebtoken');
module.exports.check = (token, key) => jwt.verify(token, key);
`,
      languageOptions: commonjs,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 3, column: 40 }],
    },
    {
      code: `
const { verify } = require('jsonwebtoken');
module.exports.check = function (token, key) { return verify(token, key); };
`,
      languageOptions: commonjs,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 3, column: 55 }],
    },
    // `none` in the list.
    {
      code: `
import jwt from 'jsonwebtoken';
export const check = (token, key) => jwt.verify(token, key, { algorithms: ['HS256', 'none'] });
`,
      output: null,
      errors: [
        {
          messageId: 'noneAlgorithm',
          data: { call: 'jwt.verify', library: 'jsonwebtoken' },
          line: 3,
          column: 85,
          endLine: 3,
          endColumn: 91,
        },
      ],
    },
    // The expiry check turned off.
    {
      code: `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'], ignoreExpiration: true });
`,
      output: null,
      errors: [
        {
          messageId: 'expiryIgnored',
          data: { call: 'jwt.verify', library: 'jsonwebtoken', option: 'ignoreExpiration: true' },
          line: 3,
          column: 100,
          endLine: 3,
          endColumn: 122,
        },
      ],
    },
    // passport-jwt: an inline options object, a secret string: suggestion.
    {
      code: `
const passport = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
passport.use(
  new JwtStrategy(
    { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET },
    (payload, done) => done(null, payload),
  ),
);
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: { call: 'new JwtStrategy()', library: 'passport-jwt', option: 'algorithms' },
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'pinAlgorithm',
              data: { algorithm: 'HS256', reason: 'what jsonwebtoken signs with by default for a secret string' },
              output: `
const passport = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
passport.use(
  new JwtStrategy(
    { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'] },
    (payload, done) => done(null, payload),
  ),
);
`,
            },
          ],
        },
      ],
    },
    // passport-jwt's README style: options filled in statement by statement (reported, nothing to insert into).
    {
      code: `
var JwtStrategy = require('passport-jwt').Strategy;
var ExtractJwt = require('passport-jwt').ExtractJwt;
var opts = {};
opts.jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
opts.secretOrKey = process.env.JWT_SECRET;
module.exports = new JwtStrategy(opts, function (payload, done) { done(null, payload); });
`,
      languageOptions: commonjs,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', line: 7, column: 22, suggestions: null }],
    },
    // passport-jwt accepting expired tokens.
    {
      code: `
import { Strategy, ExtractJwt } from 'passport-jwt';
export const strategy = new Strategy(
  { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'], ignoreExpiration: true },
  (payload, done) => done(null, payload),
);
`,
      output: null,
      errors: [
        {
          messageId: 'expiryIgnored',
          data: { call: 'new JwtStrategy()', library: 'passport-jwt', option: 'ignoreExpiration: true' },
          line: 4,
          column: 123,
        },
      ],
    },
    // NestJS: PassportStrategy(Strategy) configured through super().
    {
      code: `
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(config: ConfigService) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.get('JWT_SECRET') });
  }
  validate(payload: { sub: string }) { return { userId: payload.sub }; }
}
`,
      output: null,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: { call: 'PassportStrategy(JwtStrategy)', library: 'passport-jwt', option: 'algorithms' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 10,
          suggestions: null,
        },
      ],
    },
    // koa-jwt.
    {
      code: `
import Koa from 'koa';
import jwt from 'koa-jwt';
const app = new Koa();
app.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: [/^\\/public/] }));
`,
      output: null,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: { call: 'jwt()', library: 'koa-jwt', option: 'algorithms' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 12,
          suggestions: [
            {
              messageId: 'pinAlgorithm',
              data: { algorithm: 'HS256', reason: 'what jsonwebtoken signs with by default for a secret string' },
              output: `
import Koa from 'koa';
import jwt from 'koa-jwt';
const app = new Koa();
app.use(jwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: [/^\\/public/] }));
`,
            },
          ],
        },
      ],
    },
    // express-jwt pins by itself, but `none` in its list is still wrong.
    {
      code: `
const { expressjwt } = require('express-jwt');
module.exports = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['none'] });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'noneAlgorithm',
          data: { call: 'expressjwt()', library: 'express-jwt' },
          line: 3,
          column: 76,
        },
      ],
    },
    // @fastify/jwt: the registration signs with sign.algorithm, so verify is pinned to it.
    {
      code: `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, {
  secret: process.env.JWT_SECRET,
  sign: { algorithm: 'HS384', expiresIn: '15m' },
});
`,
      output: `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, {
  secret: process.env.JWT_SECRET,
  sign: { algorithm: 'HS384', expiresIn: '15m' },
  verify: { algorithms: ['HS384'] },
});
`,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: { call: 'register(fastifyJwt)', library: '@fastify/jwt', option: 'verify.algorithms' },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
        },
      ],
    },
    // @fastify/jwt: a plain secret signs with HS256 (fast-jwt's default); an existing verify literal is extended.
    {
      code: `
const fp = require('fastify-plugin');
module.exports = fp(async function jwt(app) {
  app.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET, sign: { expiresIn: '1h' }, verify: { maxAge: '1h' } });
});
`,
      languageOptions: commonjs,
      output: `
const fp = require('fastify-plugin');
module.exports = fp(async function jwt(app) {
  app.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET, sign: { expiresIn: '1h' }, verify: { maxAge: '1h', algorithms: ['HS256'] } });
});
`,
      errors: [{ messageId: 'unpinnedAlgorithms', line: 4, column: 16 }],
    },
    // @fastify/jwt: tokens signed here without a lifetime (none at registration either).
    {
      code: `
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET, verify: { algorithms: ['HS256'] } });
app.post('/login', async (request, reply) => ({ token: await reply.jwtSign({ sub: request.body.user }) }));
`,
      output: null,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: {
            call: 'reply.jwtSign',
            library: '@fastify/jwt',
            remedy: 'set `expiresIn` to a lifetime that fits the token',
          },
          line: 6,
          column: 68,
          endLine: 6,
          endColumn: 75,
        },
      ],
    },
    // jsonwebtoken: a token without expiry, from a literal payload or a const one.
    {
      code: `
import jwt from 'jsonwebtoken';
export const issue = (user) => jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET);
`,
      output: null,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: jsonwebtokenSign,
          line: 3,
          column: 32,
          endLine: 3,
          endColumn: 40,
        },
      ],
    },
    {
      code: `
import jwt from 'jsonwebtoken';
export function issueRefreshToken(user) {
  const payload = { sub: user.id, type: 'refresh' };
  return jwt.sign(payload, process.env.REFRESH_SECRET, { algorithm: 'HS256' });
}
`,
      output: null,
      errors: [{ messageId: 'signWithoutExpiry', data: jsonwebtokenSign, line: 5, column: 10 }],
    },
    // A string payload can carry no claims at all.
    {
      code: `
const jwt = require('jsonwebtoken');
exports.issue = (id, cb) => jwt.sign(\`user:\${id}\`, process.env.JWT_SECRET, cb);
`,
      languageOptions: commonjs,
      output: null,
      errors: [{ messageId: 'signWithoutExpiry', data: jsonwebtokenSign, line: 3, column: 29 }],
    },
    // hono: no expiry option, only an `exp` claim.
    {
      code: `
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
const app = new Hono();
app.post('/login', async (c) => c.json({ token: await sign({ sub: 'u1', role: 'admin' }, c.env.SECRET) }));
`,
      output: null,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: { call: 'sign', library: 'hono/jwt', remedy: 'add an `exp` claim to the payload' },
          line: 5,
          column: 55,
          endLine: 5,
          endColumn: 59,
        },
      ],
    },
    // hono: the expiry check turned off in verify and in the middleware.
    {
      code: `
import { verify } from 'hono/jwt';
export const check = (token: string, secret: string) => verify(token, secret, { alg: 'HS256', exp: false });
`,
      output: null,
      errors: [
        {
          messageId: 'expiryIgnored',
          data: { call: 'verify', library: 'hono/jwt', option: 'exp: false' },
          line: 3,
          column: 95,
          endLine: 3,
          endColumn: 105,
        },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
const app = new Hono();
app.use('/api/*', jwt({ secret: 'x'.repeat(32), alg: 'HS256', verification: { exp: false } }));
`,
      output: null,
      errors: [
        { messageId: 'expiryIgnored', data: { call: 'jwt()', library: 'hono/jwt', option: 'exp: false' }, line: 5 },
      ],
    },
    // jose: a chain that signs without setExpirationTime.
    {
      code: `
import * as jose from 'jose';
export async function shareLink(id: string) {
  const secret = new TextEncoder().encode(process.env.SHARE_SECRET);
  return new jose.SignJWT({ id }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
}
`,
      output: null,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: {
            call: 'new SignJWT()',
            library: 'jose',
            remedy: 'call `.setExpirationTime()` with a lifetime that fits the token',
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 26,
        },
      ],
    },
    // NestJS: module-wide verify options without a list, and with the expiry check off.
    {
      code: `
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
@Module({
  imports: [JwtModule.register({ secret: process.env.JWT_SECRET, verifyOptions: { issuer: 'api' } })],
})
export class AuthModule {}
`,
      output: null,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: { call: 'JwtModule.register()', library: '@nestjs/jwt', option: 'verifyOptions.algorithms' },
          line: 5,
          column: 66,
          endLine: 5,
          endColumn: 79,
        },
      ],
    },
    {
      code: `
import { JwtModule } from '@nestjs/jwt';
export const jwtModule = JwtModule.registerAsync({
  useFactory: () => ({ secret: process.env.JWT_SECRET, verifyOptions: { algorithms: ['HS256'], ignoreExpiration: true } }),
});
`,
      output: null,
      errors: [
        {
          messageId: 'expiryIgnored',
          data: { call: 'JwtModule.registerAsync()', library: '@nestjs/jwt', option: 'ignoreExpiration: true' },
          line: 4,
          column: 96,
        },
      ],
    },
    // NestJS: an injected JwtService told to accept expired tokens.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class RefreshService {
  constructor(private readonly jwt: JwtService) {}
  readExpired(token: string) { return this.jwt.verify(token, { ignoreExpiration: true }); }
}
`,
      output: null,
      errors: [
        {
          messageId: 'expiryIgnored',
          data: { call: 'JwtService.verify', library: '@nestjs/jwt', option: 'ignoreExpiration: true' },
          line: 7,
          column: 64,
        },
      ],
    },
    // NestJS: a JwtService made here, its options in sight.
    {
      code: `
import { JwtService } from '@nestjs/jwt';
const tokens = new JwtService({ secret: process.env.INVITE_SECRET });
export const inviteToken = (email: string) => tokens.sign({ email, purpose: 'invite' });
`,
      output: null,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: {
            call: 'JwtService.sign',
            library: '@nestjs/jwt',
            remedy: 'set `expiresIn` to a lifetime that fits the token',
          },
          line: 4,
          column: 54,
          endLine: 4,
          endColumn: 58,
        },
      ],
    },
    // decode deciding who the caller is: Express middleware.
    {
      code: `
import jwt from 'jsonwebtoken';
export function auth(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  const user = jwt.decode(token);
  if (!user) return res.status(401).end();
  req.user = user;
  next();
}
`,
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: {
            call: 'jwt.decode',
            library: 'jsonwebtoken',
            use: "becomes the request's user",
            verify: '`jwt.verify(token, key, { algorithms })`',
          },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 33,
        },
      ],
    },
    // ... a claim deciding access in app-level middleware.
    {
      code: `
const express = require('express');
const jwt = require('jsonwebtoken');
const app = express();
app.use('/admin', (req, res, next) => {
  const { role } = jwt.decode(req.cookies.session);
  if (role !== 'admin') return res.sendStatus(403);
  next();
});
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: {
            call: 'jwt.decode',
            library: 'jsonwebtoken',
            use: 'decides access',
            verify: '`jwt.verify(token, key, { algorithms })`',
          },
          line: 6,
          column: 20,
        },
      ],
    },
    // ... a user looked up by a claim.
    {
      code: `
import jwt from 'jsonwebtoken';
import { User } from './models.js';
export async function loadUser(req, res, next) {
  const payload = jwt.decode(req.headers['x-access-token']);
  req.user = await User.findById(payload.id);
  next();
}
`,
      output: null,
      errors: [{ messageId: 'decodeForAuth', line: 5, column: 19 }],
    },
    // ... a NestJS guard.
    {
      code: `
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly jwtService: JwtService) {}
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const claims = this.jwtService.decode(request.headers.authorization.split(' ')[1]);
    return claims?.roles?.includes('admin') ?? false;
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: {
            call: 'JwtService.decode',
            library: '@nestjs/jwt',
            use: 'decides access',
            verify: '`JwtService.verify(token)`',
          },
          line: 9,
          column: 20,
        },
      ],
    },
    // ... hono middleware setting the payload.
    {
      code: `
import { createMiddleware } from 'hono/factory';
import { decode } from 'hono/jwt';
export const auth = createMiddleware(async (c, next) => {
  const { payload } = decode(c.req.header('Authorization')?.slice(7) ?? '');
  c.set('jwtPayload', payload);
  await next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: {
            call: 'decode',
            library: 'hono/jwt',
            use: "becomes the request's user",
            verify: '`verify(token, secret, alg)`',
          },
          line: 5,
          column: 23,
        },
      ],
    },
    // ... Next.js middleware with jose.
    {
      code: `
import { decodeJwt } from 'jose';
import { NextResponse, type NextRequest } from 'next/server';
export function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value;
  if (!token) return NextResponse.redirect(new URL('/login', request.url));
  const claims = decodeJwt(token);
  if (claims.role !== 'admin') return NextResponse.redirect(new URL('/', request.url));
  return NextResponse.next();
}
`,
      filename: 'middleware.ts',
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: { call: 'decodeJwt', library: 'jose', use: 'decides access', verify: '`jwtVerify(token, key)`' },
          line: 7,
          column: 18,
        },
      ],
    },
    // ... Koa middleware.
    {
      code: `
import Koa from 'koa';
import jwt from 'jsonwebtoken';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.state.user = jwt.decode(ctx.get('authorization').slice(7));
  await next();
});
`,
      output: null,
      errors: [{ messageId: 'decodeForAuth', line: 6, column: 20 }],
    },
    // ... a route handler that nothing runs before.
    {
      code: `
import Fastify from 'fastify';
import { jwtDecode } from 'jwt-decode';
const app = Fastify();
app.delete('/projects/:id', async (request, reply) => {
  const claims = jwtDecode(request.headers.authorization ?? '');
  if (claims.sub !== (await ownerOf(request.params.id))) return reply.code(403).send();
  return removeProject(request.params.id);
});
`,
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: {
            call: 'jwtDecode',
            library: 'jwt-decode',
            use: 'decides access',
            verify: 'the verify function of your JWT library',
          },
          line: 6,
          column: 18,
        },
      ],
    },
    // An empty options literal gets the list.
    {
      code: `
import jwt from 'jsonwebtoken';
const key = 'dev-only-signing-key';
export const issue = (id) => jwt.sign({ id }, key, { expiresIn: 60 });
export const check = (token) => jwt.verify(token, key, {});
`,
      output: `
import jwt from 'jsonwebtoken';
const key = 'dev-only-signing-key';
export const issue = (id) => jwt.sign({ id }, key, { expiresIn: 60 });
export const check = (token) => jwt.verify(token, key, { algorithms: ['HS256'] });
`,
      errors: [{ messageId: 'unpinnedAlgorithms', data: jsonwebtoken, line: 5, column: 33 }],
    },
    // @fastify/jwt's named export, a PEM key pair: nothing to name.
    {
      code: `
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { fastifyJwt } from '@fastify/jwt';
const app = Fastify();
await app.register(fastifyJwt, {
  secret: { private: readFileSync('keys/private.pem'), public: readFileSync('keys/public.pem') },
  sign: { expiresIn: '10m' },
});
`,
      output: null,
      errors: [{ messageId: 'unpinnedAlgorithms', line: 6, column: 20, suggestions: null }],
    },
    // hono's Jwt object.
    {
      code: `
import { Jwt } from 'hono/utils/jwt';
export const issue = (secret: string) => Jwt.sign({ sub: 'service', scope: 'ingest' }, secret, 'HS512');
`,
      output: null,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: { call: 'Jwt.sign', library: 'hono/jwt', remedy: 'add an `exp` claim to the payload' },
          line: 3,
          column: 42,
        },
      ],
    },
    // jwt-decode's default export (before v4), in middleware.
    {
      code: `
const jwtDecode = require('jwt-decode');
module.exports = function attachUser(req, res, next) {
  req.userId = jwtDecode(req.get('authorization')).sub;
  next();
};
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'decodeForAuth',
          data: {
            call: 'jwtDecode',
            library: 'jwt-decode',
            use: "becomes the request's user",
            verify: 'the verify function of your JWT library',
          },
          line: 4,
          column: 16,
        },
      ],
    },
    // fast-jwt used directly.
    {
      code: `
import { createVerifier } from 'fast-jwt';
export const verifyToken = createVerifier({ key: async () => process.env.JWT_SECRET, cache: true });
`,
      output: null,
      errors: [
        {
          messageId: 'unpinnedAlgorithms',
          data: { call: 'createVerifier()', library: 'fast-jwt', option: 'algorithms' },
          line: 3,
          column: 28,
          endLine: 3,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    // Only `none` is reported with checkAlgorithms off.
    {
      code: `
import jwt from 'jsonwebtoken';
export const check = (token) => jwt.verify(token, process.env.JWT_SECRET);
export const legacy = (token) => jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['none'] });
`,
      options: [{ checkAlgorithms: false }],
      output: null,
      errors: [{ messageId: 'noneAlgorithm', line: 4, column: 91 }],
    },
  ],
});
