import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/no-wildcard-cors.js';

const ruleTester = new RuleTester();

/**
 * `languageOptions` of the CommonJS cases. ESLint reads `sourceType: 'commonjs'` (CommonJS globals,
 * `require` tracked as a global), but rule-tester 8.72's `TestLanguageOptions` type does not declare it.
 */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

ruleTester.run('no-wildcard-cors', rule, {
  valid: [
    // nextjs: a route rendered once at build time (force-static) serves a public file; any origin may read it
    {
      code: `
import { NextResponse } from 'next/server';
import { SUPPORTED_COUNTRIES } from '@/lib/constants/countries';
export const dynamic = 'force-static';
export async function GET() {
  return NextResponse.json(SUPPORTED_COUNTRIES, {
    headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=31536000' },
  });
}
`,
      filename: 'app/api/supported-countries/route.ts',
    },
    // Public, read-only assets behind a static server: a wildcard without credentials is what they need.
    `import express from 'express';
import cors from 'cors';
const app = express();
app.use('/fonts', cors(), express.static('public/fonts', { maxAge: '30d' }));
`,
    `const Koa = require('koa');
const mount = require('koa-mount');
const cors = require('@koa/cors');
const serve = require('koa-static');
const assets = new Koa();
assets.use(cors(), serve('public'));
`,
    // The same, with the wildcard written out: the options object is reported only when the call is not for assets.
    `import express from 'express';
import cors from 'cors';
const app = express();
app.use('/fonts', cors({ origin: '*', maxAge: 86400 }), express.static('public/fonts'));
`,
    // A GET route that only sends a file, with the CORS middleware as route middleware.
    `import express from 'express';
import cors from 'cors';
import path from 'node:path';
const app = express();
const FONTS = path.join(import.meta.dirname, 'public', 'fonts');
app.get('/fonts/:file', cors(), (req, res) => {
  res.set('Cache-Control', 'public, max-age=2592000');
  res.sendFile(path.basename(req.params.file), { root: FONTS });
});
`,
    // A download route: a constant 404 body and `next(err)` do not serve data.
    {
      code: `const express = require('express');
const cors = require('cors');
const fs = require('fs');
const path = require('path');
const router = express.Router();
router.get('/downloads/:name', cors({ origin: '*' }), (req, res, next) => {
  const file = path.join(__dirname, 'downloads', path.basename(req.params.name));
  fs.access(file, (err) => {
    if (err) return res.status(404).send('Not found');
    res.download(file, (error) => error && next(error));
  });
});
module.exports = router;
`,
      languageOptions: commonjs,
    },
    // One CORS middleware kept in a const and given to two file routes.
    `import express from 'express';
import cors from 'cors';
const app = express();
const publicCors = cors();
app.get('/favicon.ico', publicCors, (req, res) => res.sendFile('favicon.ico', { root: 'public' }));
app.get('/robots.txt', publicCors, (req, res) => res.type('text/plain').sendFile('robots.txt', { root: 'public' }));
`,
    // Koa: koa-send, and a read stream as the body.
    `import Router from '@koa/router';
import cors from '@koa/cors';
import send from 'koa-send';
const router = new Router();
router.get('/assets/:file', cors(), async (ctx) => {
  await send(ctx, ctx.params.file, { root: 'public/assets', maxage: 86400000 });
});
`,
    `import Router from '@koa/router';
import cors from '@koa/cors';
import { createReadStream } from 'node:fs';
const router = new Router();
router.get('/logo.png', cors(), (ctx) => {
  ctx.type = 'image/png';
  ctx.body = createReadStream('static/logo.png');
});
`,
    // A header set by hand in a handler that only sends a file.
    `import express from 'express';
const app = express();
app.get('/fonts/:file', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.sendFile(req.params.file, { root: 'public/fonts' });
});
`,
    // Fastify: @fastify/cors in an encapsulated plugin that registers only @fastify/static.
    `import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
app.register(async (assets) => {
  await assets.register(cors, { origin: '*' });
  await assets.register(fastifyStatic, { root: new URL('public', import.meta.url).pathname, prefix: '/public/' });
});
`,
    {
      code: `const fastify = require('fastify')();
const cors = require('@fastify/cors');
const path = require('node:path');
function staticFiles(instance, opts, done) {
  instance.register(cors).register(require('@fastify/static'), { root: path.join(__dirname, 'public') });
  done();
}
fastify.register(staticFiles, { prefix: '/static' });
`,
      languageOptions: commonjs,
    },
    // An autoloaded @fastify/cors plugin whose autoConfig reads the allowed origins from configuration.
    `import cors from '@fastify/cors';
export const autoConfig = (fastify) => ({ origin: fastify.config.CORS_ORIGINS.split(',') });
export default cors;
`,
    // A default export of something else named cors is not the plugin.
    `const cors = (fastify) => fastify;
export default cors;
`,
    // cors: an allowlist array, with credentials
    `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));
`,
    // cors: one fixed origin
    `
import cors from 'cors';
export const corsMiddleware = cors({ origin: 'https://app.example.com' });
`,
    // cors: origins from the environment
    `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true });
`,
    // cors: origins from a configuration object
    `
import express from 'express';
import cors from 'cors';
import { config } from './config.js';
const app = express();
app.use(cors({ origin: config.corsOrigins, credentials: true }));
`,
    // cors: an origin callback that checks a list
    `
import cors from 'cors';
const allowed = ['https://app.example.com'];
export const corsMiddleware = cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)) });
`,
    // cors: an origin callback that branches on the list
    `
import cors from 'cors';
import { allowedOrigins } from './config.js';
export const corsMiddleware = cors({
  origin(origin, callback) {
    if (!origin || allowedOrigins.includes(origin)) {
      callback(null, true);
    } else {
      callback(new Error('Origin not allowed'));
    }
  },
});
`,
    // cors: an origin callback that compares with a configured origin
    `
import cors from 'cors';
import { config } from './config.js';
export const corsMiddleware = cors({ origin: (origin, cb) => cb(null, origin === config.origin ? origin : false) });
`,
    // cors: a pattern limited to one domain
    `
import cors from 'cors';
export const corsMiddleware = cors({ origin: /^https:\\/\\/([a-z0-9-]+\\.)?example\\.com$/ });
`,
    // cors: options that are not a same-file object literal are not guessed at
    `
import cors from 'cors';
import { corsOptions } from './config.js';
export const corsMiddleware = cors(corsOptions);
`,
    // cors: options completed after they are made are not guessed at
    `
import express from 'express';
import cors from 'cors';
import { config } from './config.js';
const corsOptions: cors.CorsOptions = { credentials: true };
corsOptions.origin = config.corsOrigins;
const app = express();
app.use(cors(corsOptions));
`,
    // cors: a spread may bring the origin
    `
import cors from 'cors';
import { baseCorsOptions } from './config.js';
export const corsMiddleware = cors({ ...baseCorsOptions, maxAge: 600 });
`,
    // cors: '*' only outside production (an environment switch, not a fallback)
    `
import cors from 'cors';
const isProduction = process.env.NODE_ENV === 'production';
export const corsMiddleware = cors({ origin: isProduction ? ['https://app.example.com'] : '*' });
`,
    // cors: a local function named cors
    `
import express from 'express';
function cors(options?: { origin: string }) {
  return (req: unknown, res: unknown, next: () => void) => next();
}
const app = express();
app.use(cors());
`,
    // cors: a parameter that shadows the import
    `
import cors from 'cors';
export function withCors(cors: (options?: object) => unknown) {
  return cors({ origin: '*' });
}
`,
    // cors: require of a local module (CommonJS)
    {
      code: `
const cors = require('./cors');
module.exports = cors();
`,
      languageOptions: commonjs,
    },
    // fastify: origins from configuration (the fastify-clean shape)
    `
import Fastify from 'fastify';
import cors from '@fastify/cors';
import { config } from './config.js';
const app = Fastify();
await app.register(cors, { origin: config.corsOrigins, methods: ['GET', 'POST', 'PATCH', 'DELETE'] });
`,
    // fastify: an async origin function that checks a list
    `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const allowed = new Set(['https://app.example.com']);
const app = Fastify();
app.register(cors, { origin: async (origin) => origin !== undefined && allowed.has(origin) });
`,
    // fastify: options delegated to a function are not guessed at
    `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, () => (req, callback) => callback(null, { origin: false }));
`,
    // fastify: a local plugin named cors
    `
import Fastify from 'fastify';
const app = Fastify();
const cors = async (instance) => {
  instance.addHook('onSend', async () => {});
};
app.register(cors);
`,
    // hono: an allowlist
    `
import { Hono } from 'hono';
import { cors } from 'hono/cors';
const app = new Hono();
app.use('/api/*', cors({ origin: ['https://app.example.com'], credentials: true }));
`,
    // hono: an origin function that checks a list
    `
import { Hono } from 'hono';
import { cors } from 'hono/cors';
const allowed = ['https://app.example.com'];
const app = new Hono();
app.use(cors({ origin: (origin) => (allowed.includes(origin) ? origin : null) }));
`,
    // hono: cors from another module
    `
import { Hono } from 'hono';
import { cors } from './middleware/cors.js';
const app = new Hono();
app.use(cors());
`,
    // koa: one fixed origin
    `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors({ origin: 'https://app.example.com', credentials: true }));
`,
    // koa: an origin function that checks a list
    `
import Koa from 'koa';
import cors from '@koa/cors';
const allowed = (process.env.CORS_ORIGINS ?? '').split(',');
const app = new Koa();
app.use(cors({
  origin: (ctx) => {
    const origin = ctx.get('Origin');
    return allowed.includes(origin) ? origin : '';
  },
}));
`,
    // koa: a local cors middleware factory
    `
import Koa from 'koa';
const cors = () => async (ctx, next) => next();
const app = new Koa();
app.use(cors());
`,
    // nestjs: enableCors with origins from configuration
    `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true });
  await app.listen(3000);
}
`,
    // nestjs: cors option with an allowlist
    `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: { origin: ['https://app.example.com'] } });
  await app.listen(3000);
}
`,
    // nestjs: enableCors on something that is not a Nest app
    `
import { createServer } from './server.js';
const server = createServer();
server.enableCors();
`,
    // nestjs: a local NestFactory
    `
const NestFactory = { create: async (module: unknown, options?: object) => ({ enableCors() {}, listen() {} }) };
async function bootstrap() {
  const app = await NestFactory.create({}, { cors: true });
  app.enableCors();
}
`,
    // nestjs: a fixed origin in @Header
    `
import { Controller, Get, Header } from '@nestjs/common';
@Controller('feed')
export class FeedController {
  @Get()
  @Header('Access-Control-Allow-Origin', 'https://app.example.com')
  list() {
    return [];
  }
}
`,
    // express: other CORS headers
    `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Methods', '*');
  res.setHeader('Access-Control-Allow-Headers', '*');
  res.setHeader('Vary', 'Origin');
  next();
});
`,
    // express: a fixed allowed origin, with credentials
    `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});
`,
    // express: the Origin echoed only after an allowlist check
    `
import express from 'express';
const allowed = new Set(['https://app.example.com', 'https://admin.example.com']);
const app = express();
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && allowed.has(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});
`,
    // express: an early return when the Origin is not allowed
    `
import express from 'express';
import { config } from './config.js';
const app = express();
app.use((req, res, next) => {
  const { origin } = req.headers;
  if (!origin || !config.corsOrigins.includes(origin)) return next();
  res.header('Access-Control-Allow-Origin', origin);
  next();
});
`,
    // express: a comparison with the configured origin
    `
import express from 'express';
const app = express();
app.get('/feed', (req, res) => {
  const origin = req.get('origin');
  res.set('Access-Control-Allow-Origin', origin === process.env.APP_ORIGIN ? origin : 'null');
  res.json([]);
});
`,
    // express: a header read from configuration, not from the request
    `
import express from 'express';
import config from 'config';
const app = express();
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', config.get('origin'));
  next();
});
`,
    // express: setHeader outside any handler or middleware
    `
export function allowAll(res: { setHeader(name: string, value: string): void }) {
  res.setHeader('Access-Control-Allow-Origin', '*');
}
`,
    // koa: the Origin echoed only after an allowlist check
    `
import Koa from 'koa';
const allowed = ['https://app.example.com'];
const app = new Koa();
app.use(async (ctx, next) => {
  const origin = ctx.get('Origin');
  if (allowed.includes(origin)) ctx.set('Access-Control-Allow-Origin', origin);
  await next();
});
`,
    // nextjs: a fixed origin
    {
      code: `
export async function GET() {
  return Response.json([], { headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' } });
}
`,
      filename: 'app/api/feed/route.ts',
    },
    // nextjs: an Origin with a default, checked before it is echoed
    {
      code: `
const allowed = ['https://app.example.com'];
export async function GET(request: Request) {
  const origin = request.headers.get('origin') ?? '';
  const headers = allowed.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : undefined;
  return Response.json([], { headers });
}
`,
      filename: 'app/api/feed/route.ts',
    },
    // allowPublicWildcard: cors() and origin * without credentials
    {
      code: `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors());
app.use('/public', cors({ origin: '*', methods: ['GET'] }));
`,
      options: [{ allowPublicWildcard: true }],
    },
    // allowPublicWildcard: @fastify/cors and hono/cors defaults
    {
      code: `
import Fastify from 'fastify';
import fastifyCors from '@fastify/cors';
import { cors } from 'hono/cors';
const app = Fastify();
await app.register(fastifyCors);
export const honoCors = cors({ origin: '*' });
`,
      options: [{ allowPublicWildcard: true }],
    },
    // allowPublicWildcard: enableCors() and cors: true
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: true });
  app.enableCors();
}
`,
      options: [{ allowPublicWildcard: true }],
    },
    // allowPublicWildcard: a hand-set * without credentials
    {
      code: `
import express from 'express';
const app = express();
app.get('/public/feed', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json([]);
});
`,
      options: [{ allowPublicWildcard: true }],
    },
    // route model: a koa route whose handlers are all spread (found by the fuzz test; crashed the route model)
    `
import Router from '@koa/router';
const router = new Router();
router.get('/items', ...handlers);
`,
    // route model: a hono route whose handler list is an empty array (crashed the route model)
    `
import { Hono } from 'hono';
const app = new Hono();
app.get('/items', []);
`,
  ],
  invalid: [
    // The preflight registration of the same any-origin middleware on the same app: one problem, reported at the first.
    {
      code: `const express = require('express');
const cors = require('cors');
const app = express();
app.use(cors());
app.options('*', cors());
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `const express = require('express');
const cors = require('cors');
const app = express();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
app.options('*', cors());
`,
            },
          ],
        },
      ],
    },
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
app.options('*', cors({ origin: '*' }));
app.use(cors({ origin: '*' }));
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 4,
          column: 25,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
app.options('*', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
app.use(cors({ origin: '*' }));
`,
            },
          ],
        },
      ],
    },
    // Preflight on another app, and another config for preflight: separate problems.
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
const admin = express();
app.use(cors());
admin.options('*', cors());
app.options('/upload', cors({ origin: true, methods: ['PUT'] }));
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
const admin = express();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
admin.options('*', cors());
app.options('/upload', cors({ origin: true, methods: ['PUT'] }));
`,
            },
          ],
        },
        {
          messageId: 'anyOrigin',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
const admin = express();
app.use(cors());
admin.options('*', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
app.options('/upload', cors({ origin: true, methods: ['PUT'] }));
`,
            },
          ],
        },
        {
          messageId: 'anyOrigin',
          line: 7,
          column: 31,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
const admin = express();
app.use(cors());
admin.options('*', cors());
app.options('/upload', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], methods: ['PUT'] }));
`,
            },
          ],
        },
      ],
    },
    // A file route that also sends data, a POST route, and a file route with credentials: still reported.
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
app.get('/reports/:id', cors(), async (req, res) => {
  if (req.query.format === 'json') return res.json(await loadReport(req.params.id));
  res.download(reportPath(req.params.id));
});
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 4,
          column: 25,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
app.get('/reports/:id', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }), async (req, res) => {
  if (req.query.format === 'json') return res.json(await loadReport(req.params.id));
  res.download(reportPath(req.params.id));
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
app.post('/render', cors(), (req, res) => res.sendFile(renderPdf(req.body)));
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
app.post('/render', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }), (req, res) => res.sendFile(renderPdf(req.body)));
`,
            },
          ],
        },
      ],
    },
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
app.get('/invoices/:id.pdf', cors({ origin: true, credentials: true }), (req, res) => res.download(invoicePath(req.params.id)));
`,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          line: 4,
          column: 37,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
app.get('/invoices/:id.pdf', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true }), (req, res) => res.download(invoicePath(req.params.id)));
`,
            },
          ],
        },
      ],
    },
    // A middleware kept in a const and also given to the API: every registration must be for files.
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
const open = cors();
app.get('/logo.svg', open, (req, res) => res.sendFile('logo.svg', { root: 'public' }));
app.use('/api', open, api);
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
const open = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
app.get('/logo.svg', open, (req, res) => res.sendFile('logo.svg', { root: 'public' }));
app.use('/api', open, api);
`,
            },
          ],
        },
      ],
    },
    // Fastify: the plugin also serves routes, or is wrapped in fastify-plugin (the CORS setting reaches the parent).
    {
      code: `import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
app.register(async (instance) => {
  await instance.register(cors, { origin: '*' });
  await instance.register(fastifyStatic, { root: '/srv/public' });
  instance.get('/api/me', async (request) => request.user);
});
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 6,
          column: 35,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
app.register(async (instance) => {
  await instance.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
  await instance.register(fastifyStatic, { root: '/srv/public' });
  instance.get('/api/me', async (request) => request.user);
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `import Fastify from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
app.register(fp(async (instance) => {
  await instance.register(cors, { origin: '*' });
  await instance.register(fastifyStatic, { root: '/srv/public' });
}));
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 7,
          column: 35,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import Fastify from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
app.register(fp(async (instance) => {
  await instance.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
  await instance.register(fastifyStatic, { root: '/srv/public' });
}));
`,
            },
          ],
        },
      ],
    },
    // On the root instance, next to the static files, the CORS setting covers every route.
    {
      code: `import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
await app.register(cors, { origin: '*' });
await app.register(fastifyStatic, { root: '/srv/public' });
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 5,
          column: 28,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import Fastify from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
const app = Fastify();
await app.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
await app.register(fastifyStatic, { root: '/srv/public' });
`,
            },
          ],
        },
      ],
    },
    // The same wildcard on the API next to the assets is still reported; so is one with credentials on assets.
    {
      code: `import express from 'express';
import cors from 'cors';
const app = express();
app.use('/fonts', cors({ origin: '*', credentials: true }), express.static('public/fonts'));
app.use('/api', cors(), apiRouter);
`,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          line: 4,
          column: 26,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
app.use('/fonts', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true }), express.static('public/fonts'));
app.use('/api', cors(), apiRouter);
`,
            },
          ],
        },
        {
          messageId: 'anyOrigin',
          line: 5,
          column: 17,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import express from 'express';
import cors from 'cors';
const app = express();
app.use('/fonts', cors({ origin: '*', credentials: true }), express.static('public/fonts'));
app.use('/api', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }), apiRouter);
`,
            },
          ],
        },
      ],
    },
    // An @fastify/autoload plugin file re-exporting @fastify/cors: autoload passes its `autoConfig` as the options.
    {
      code: `import cors from '@fastify/cors';
export default cors;
export const autoConfig = { origin: true, credentials: true };
`,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          line: 3,
          column: 29,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import cors from '@fastify/cors';
export default cors;
export const autoConfig = { origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true };
`,
            },
          ],
        },
      ],
    },
    // Without `autoConfig` the plugin's defaults apply: every origin.
    {
      code: `import fastifyCors from '@fastify/cors';
export default fastifyCors;
`,
      errors: [
        {
          messageId: 'anyOrigin',
          line: 2,
          column: 16,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `import fastifyCors from '@fastify/cors';
export default fastifyCors;
export const autoConfig = { origin: process.env.CORS_ORIGINS?.split(',') ?? [] };
`,
            },
          ],
        },
      ],
    },
    // cors: no options (default import)
    {
      code: `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors());
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `cors` middleware without an `origin` allows every origin' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
`,
            },
          ],
        },
      ],
    },
    // cors: origin true with credentials (the express-shop shape)
    {
      code: `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors({ origin: true, credentials: true }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`origin: true` in the `cors` options echoes the request's Origin" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true }));
`,
            },
          ],
        },
      ],
    },
    // cors: origin '*' through a namespace import
    {
      code: `
import * as cors from 'cors';
import express from 'express';
const app = express();
app.use(cors({ origin: '*' }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `cors` options is `'*'`" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import * as cors from 'cors';
import express from 'express';
const app = express();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
`,
            },
          ],
        },
      ],
    },
    // cors: aliased default import, regex that matches everything
    {
      code: `
import corsMiddleware from 'cors';
import { Router } from 'express';
export const api = Router();
api.use(corsMiddleware({ origin: /.*/ }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` pattern in the `cors` options matches every origin' },
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import corsMiddleware from 'cors';
import { Router } from 'express';
export const api = Router();
api.use(corsMiddleware({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
`,
            },
          ],
        },
      ],
    },
    // cors: import { default as … }, anchored match-all regex
    {
      code: `
import { default as makeCors } from 'cors';
export const corsMiddleware = makeCors({ origin: /^.+$/i, maxAge: 600 });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` pattern in the `cors` options matches every origin' },
          line: 3,
          column: 42,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { default as makeCors } from 'cors';
export const corsMiddleware = makeCors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], maxAge: 600 });
`,
            },
          ],
        },
      ],
    },
    // cors: a match-all pattern inside an allowlist
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: ['https://app.example.com', /[\\s\\S]*/] });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` pattern in the `cors` options matches every origin' },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 84,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // cors: origin callback that always allows
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: (origin, cb) => cb(null, true) });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` function in the `cors` options allows every origin' },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // cors: origin function that calls back with the origin itself
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({
  origin: function (origin, callback) {
    console.log('CORS request from', origin);
    callback(null, origin);
  },
  credentials: true,
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: 'the `origin` function in the `cors` options allows every origin' },
          line: 4,
          column: 3,
          endLine: 7,
          endColumn: 4,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({
  origin: process.env.CORS_ORIGINS?.split(',') ?? [],
  credentials: true,
});
`,
            },
          ],
        },
      ],
    },
    // cors: method-shorthand origin callback
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ origin(requestOrigin, done) { done(null, true); } });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` function in the `cors` options allows every origin' },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 87,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // cors: options in a same-file variable
    {
      code: `
import express from 'express';
import cors from 'cors';
const corsOptions = { origin: '*', credentials: true };
const app = express();
app.use(cors(corsOptions));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`origin` in the `cors` options is `'*'`" },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import express from 'express';
import cors from 'cors';
const corsOptions = { origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true };
const app = express();
app.use(cors(corsOptions));
`,
            },
          ],
        },
      ],
    },
    // cors: options variable without origin, spread over lines
    {
      code: `
import express from 'express';
import cors, { type CorsOptions } from 'cors';
const corsOptions: CorsOptions = {
  methods: ['GET', 'POST'],
  maxAge: 600,
};
const app = express();
app.use(cors(corsOptions));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `cors` middleware without an `origin` allows every origin' },
          line: 4,
          column: 34,
          endLine: 7,
          endColumn: 2,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import express from 'express';
import cors, { type CorsOptions } from 'cors';
const corsOptions: CorsOptions = {
  origin: process.env.CORS_ORIGINS?.split(',') ?? [],
  methods: ['GET', 'POST'],
  maxAge: 600,
};
const app = express();
app.use(cors(corsOptions));
`,
            },
          ],
        },
      ],
    },
    // cors: credentials without origin (the default is *)
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ credentials: true });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: 'the `cors` middleware without an `origin` allows every origin' },
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true });
`,
            },
          ],
        },
      ],
    },
    // cors: '*' as the fallback of an environment variable
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGIN ?? '*' });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `cors` options can be `'*'`" },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // cors: origin from a same-file const
    {
      code: `
import cors from 'cors';
const ANY_ORIGIN = '*';
export const corsMiddleware = cors({ origin: ANY_ORIGIN });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `cors` options is `'*'`" },
          line: 4,
          column: 38,
          endLine: 4,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
const ANY_ORIGIN = '*';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // cors: route-level middleware
    {
      code: `
import express from 'express';
import cors from 'cors';
const app = express();
app.get('/public/feed', cors(), (req, res) => res.json([]));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `cors` middleware without an `origin` allows every origin' },
          line: 5,
          column: 25,
          endLine: 5,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import express from 'express';
import cors from 'cors';
const app = express();
app.get('/public/feed', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }), (req, res) => res.json([]));
`,
            },
          ],
        },
      ],
    },
    // cors: require (CommonJS)
    {
      code: `
const express = require('express');
const cors = require('cors');
const app = express();
app.use(cors({ origin: true }));
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin: true` in the `cors` options echoes the request's Origin" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const express = require('express');
const cors = require('cors');
const app = express();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
`,
            },
          ],
        },
      ],
    },
    // cors: require in a TypeScript module
    {
      code: `
const cors = require('cors');
module.exports = cors();
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `cors` middleware without an `origin` allows every origin' },
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const cors = require('cors');
module.exports = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // cors: allowPublicWildcard does not cover credentials
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: '*', credentials: true });
`,
      options: [{ allowPublicWildcard: true }],
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`origin` in the `cors` options is `'*'`" },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true });
`,
            },
          ],
        },
      ],
    },
    // cors: allowPublicWildcard does not cover reflection
    {
      code: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: true });
`,
      options: [{ allowPublicWildcard: true }],
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin: true` in the `cors` options echoes the request's Origin" },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import cors from 'cors';
export const corsMiddleware = cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: registered without options
    {
      code: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
await app.register(cors);
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`@fastify/cors` without an `origin` allows every origin' },
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
await app.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: named import, origin true
    {
      code: `
import Fastify from 'fastify';
import { fastifyCors } from '@fastify/cors';
const app = Fastify();
app.register(fastifyCors, { origin: true, methods: ['GET'] });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin: true` in the `@fastify/cors` options echoes the request's Origin" },
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
import { fastifyCors } from '@fastify/cors';
const app = Fastify();
app.register(fastifyCors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [], methods: ['GET'] });
`,
            },
          ],
        },
      ],
    },
    // fastify: namespace import
    {
      code: `
import Fastify from 'fastify';
import * as fastifyCors from '@fastify/cors';
const app = Fastify();
app.register(fastifyCors, { origin: '*' });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `@fastify/cors` options is `'*'`" },
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
import * as fastifyCors from '@fastify/cors';
const app = Fastify();
app.register(fastifyCors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: aliased import inside a plugin, with credentials
    {
      code: `
import type { FastifyInstance } from 'fastify';
import corsPlugin from '@fastify/cors';
export default async function security(fastify: FastifyInstance) {
  await fastify.register(corsPlugin, { origin: true, credentials: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`origin: true` in the `@fastify/cors` options echoes the request's Origin" },
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import type { FastifyInstance } from 'fastify';
import corsPlugin from '@fastify/cors';
export default async function security(fastify: FastifyInstance) {
  await fastify.register(corsPlugin, { origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true });
}
`,
            },
          ],
        },
      ],
    },
    // fastify: a list that contains '*' means '*'
    {
      code: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, { origin: ['https://app.example.com', '*'] });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "the `origin` list in the `@fastify/cors` options includes `'*'`" },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: inline require (CommonJS)
    {
      code: `
const fastify = require('fastify')();
fastify.register(require('@fastify/cors'), { origin: '*' });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `@fastify/cors` options is `'*'`" },
          line: 3,
          column: 46,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const fastify = require('fastify')();
fastify.register(require('@fastify/cors'), { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: destructured require (CommonJS)
    {
      code: `
const { fastifyCors } = require('@fastify/cors');
const app = require('fastify')();
app.register(fastifyCors, { origin: /.*/ });
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` pattern in the `@fastify/cors` options matches every origin' },
          line: 4,
          column: 29,
          endLine: 4,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const { fastifyCors } = require('@fastify/cors');
const app = require('fastify')();
app.register(fastifyCors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: dynamic import
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.register(import('@fastify/cors'), { origin: '*' });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `@fastify/cors` options is `'*'`" },
          line: 4,
          column: 41,
          endLine: 4,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
const app = Fastify();
app.register(import('@fastify/cors'), { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: async origin function that always allows
    {
      code: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, { origin: async () => true });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` function in the `@fastify/cors` options allows every origin' },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
`,
            },
          ],
        },
      ],
    },
    // fastify: options without origin
    {
      code: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, { methods: ['GET', 'POST'] });
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`@fastify/cors` without an `origin` allows every origin' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Fastify from 'fastify';
import cors from '@fastify/cors';
const app = Fastify();
app.register(cors, { origin: process.env.CORS_ORIGINS?.split(',') ?? [], methods: ['GET', 'POST'] });
`,
            },
          ],
        },
      ],
    },
    // hono: cors() with no options
    {
      code: `
import { Hono } from 'hono';
import { cors } from 'hono/cors';
const app = new Hono();
app.use('/api/*', cors());
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`cors()` from `hono/cors` without an `origin` allows every origin' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { Hono } from 'hono';
import { cors } from 'hono/cors';
const app = new Hono();
app.use('/api/*', cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
`,
            },
          ],
        },
      ],
    },
    // hono: aliased import, origin '*'
    {
      code: `
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
const app = new Hono();
app.use(honoCors({ origin: '*', allowMethods: ['GET'] }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `hono/cors` options is `'*'`" },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
const app = new Hono();
app.use(honoCors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], allowMethods: ['GET'] }));
`,
            },
          ],
        },
      ],
    },
    // hono: namespace import, origin function echoing the origin with credentials
    {
      code: `
import { Hono } from 'hono';
import * as middleware from 'hono/cors';
const app = new Hono();
app.use(middleware.cors({ origin: (origin) => origin, credentials: true }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: 'the `origin` function in the `hono/cors` options allows every origin' },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { Hono } from 'hono';
import * as middleware from 'hono/cors';
const app = new Hono();
app.use(middleware.cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true }));
`,
            },
          ],
        },
      ],
    },
    // hono: destructured require (CommonJS)
    {
      code: `
const { Hono } = require('hono');
const { cors } = require('hono/cors');
const app = new Hono();
app.use(cors());
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`cors()` from `hono/cors` without an `origin` allows every origin' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const { Hono } = require('hono');
const { cors } = require('hono/cors');
const app = new Hono();
app.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));
`,
            },
          ],
        },
      ],
    },
    // hono: header set by hand in a handler
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/feed', (c) => {
  c.header('Access-Control-Allow-Origin', c.req.header('origin'));
  return c.json([]);
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 66,
          suggestions: null,
        },
      ],
    },
    // koa: cors() echoes the request's Origin
    {
      code: `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors());
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`@koa/cors` without an `origin` echoes the request's Origin" },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));
`,
            },
          ],
        },
      ],
    },
    // koa: origin '*' with credentials becomes reflection
    {
      code: `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors({ origin: '*', credentials: true }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`origin` in the `@koa/cors` options is `'*'`" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true }));
`,
            },
          ],
        },
      ],
    },
    // koa: credentials without origin
    {
      code: `
import Koa from 'koa';
import koaCors from '@koa/cors';
const app = new Koa();
app.use(koaCors({ credentials: true, maxAge: 600 }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`@koa/cors` without an `origin` echoes the request's Origin" },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Koa from 'koa';
import koaCors from '@koa/cors';
const app = new Koa();
app.use(koaCors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true, maxAge: 600 }));
`,
            },
          ],
        },
      ],
    },
    // koa: require (CommonJS), origin function echoing the Origin
    {
      code: `
const Koa = require('koa');
const cors = require('@koa/cors');
const app = new Koa();
app.use(cors({ origin: (ctx) => ctx.get('Origin') }));
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` function in the `@koa/cors` options allows every origin' },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const Koa = require('koa');
const cors = require('@koa/cors');
const app = new Koa();
app.use(cors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));
`,
            },
          ],
        },
      ],
    },
    // koa: namespace import, default property
    {
      code: `
import Koa from 'koa';
import * as koaCors from '@koa/cors';
const app = new Koa();
app.use(koaCors.default({ origin: '*' }));
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `@koa/cors` options is `'*'`" },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Koa from 'koa';
import * as koaCors from '@koa/cors';
const app = new Koa();
app.use(koaCors.default({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));
`,
            },
          ],
        },
      ],
    },
    // koa: allowPublicWildcard does not cover the reflecting default
    {
      code: `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors());
`,
      options: [{ allowPublicWildcard: true }],
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`@koa/cors` without an `origin` echoes the request's Origin" },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));
`,
            },
          ],
        },
      ],
    },
    // koa: hand-set headers with credentials in a middleware
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.set('Access-Control-Allow-Origin', ctx.request.header.origin);
  ctx.set('Access-Control-Allow-Credentials', 'true');
  await next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 68,
          suggestions: null,
        },
      ],
    },
    // koa: object form in a router handler
    {
      code: `
import Router from '@koa/router';
const router = new Router();
router.get('/feed', async (ctx) => {
  ctx.set({ 'Access-Control-Allow-Origin': '*' });
  ctx.body = [];
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    // nestjs: enableCors() with no options
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors();
  await app.listen(3000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`enableCors()` without an `origin` allows every origin' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: enableCors with origin true and credentials
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: true, credentials: true });
  await app.listen(3000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`origin: true` in the `enableCors()` options echoes the request's Origin" },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true });
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: cors: true
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: true });
  await app.listen(3000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`cors: true` allows every origin' },
          line: 5,
          column: 53,
          endLine: 5,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: { origin: process.env.CORS_ORIGINS?.split(',') ?? [] } });
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: cors options next to an adapter
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { cors: { origin: '*' } });
  await app.listen(3000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`origin` in the `cors` option of `NestFactory.create()` is `'*'`" },
          line: 6,
          column: 83,
          endLine: 6,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { cors: { origin: process.env.CORS_ORIGINS?.split(',') ?? [] } });
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: require (CommonJS), options in a variable
    {
      code: `
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require('./app.module');
const corsOptions = { origin: (origin, callback) => callback(null, true) };
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors(corsOptions);
  await app.listen(3000);
}
`,
      languageOptions: commonjs,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` function in the `enableCors()` options allows every origin' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require('./app.module');
const corsOptions = { origin: process.env.CORS_ORIGINS?.split(',') ?? [] };
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors(corsOptions);
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: aliased import of NestFactory
    {
      code: `
import { NestFactory as Factory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await Factory.create(AppModule);
  app.enableCors({ origin: /^.*$/ });
  await app.listen(3000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: 'the `origin` pattern in the `enableCors()` options matches every origin' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import { NestFactory as Factory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await Factory.create(AppModule);
  app.enableCors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] });
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: namespace import, cors options without origin
    {
      code: `
import * as core from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await core.NestFactory.create(AppModule, { cors: { credentials: true } });
  await app.listen(3000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: 'the `cors` option of `NestFactory.create()` without an `origin` allows every origin' },
          line: 5,
          column: 64,
          endLine: 5,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'useOriginAllowlist',
              output: `
import * as core from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await core.NestFactory.create(AppModule, { cors: { origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true } });
  await app.listen(3000);
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: @Header decorator on a handler
    {
      code: `
import { Controller, Get, Header } from '@nestjs/common';
@Controller('feed')
export class FeedController {
  @Get()
  @Header('Access-Control-Allow-Origin', '*')
  list() {
    return [];
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 6,
          column: 4,
          endLine: 6,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
    // nestjs: header set on the response object
    {
      code: `
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
@Controller('feed')
export class FeedController {
  @Get()
  list(@Req() req: Request, @Res() res: Response) {
    res.header('Access-Control-Allow-Origin', req.headers.origin);
    res.json([]);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 66,
          suggestions: null,
        },
      ],
    },
    // nextjs: app route handler
    {
      code: `
export async function GET() {
  return Response.json([], { headers: { 'Access-Control-Allow-Origin': '*' } });
}
`,
      filename: 'app/api/feed/route.ts',
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 75,
          suggestions: null,
        },
      ],
    },
    // nextjs: app route handler echoing the Origin
    {
      code: `
import { NextResponse } from 'next/server';
export async function GET(request: Request) {
  const origin = request.headers.get('origin') ?? '';
  const response = NextResponse.json([]);
  response.headers.set('Access-Control-Allow-Origin', origin);
  return response;
}
`,
      filename: 'app/api/feed/route.ts',
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 62,
          suggestions: null,
        },
      ],
    },
    // nextjs: the same route rendered per request is reported
    {
      code: `
import { NextResponse } from 'next/server';
import { SUPPORTED_COUNTRIES } from '@/lib/constants/countries';
export const dynamic = 'force-dynamic';
export async function GET() {
  return NextResponse.json(SUPPORTED_COUNTRIES, { headers: { 'Access-Control-Allow-Origin': '*' } });
}
`,
      filename: 'app/api/supported-countries/route.ts',
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 6,
          column: 62,
          endLine: 6,
          endColumn: 96,
          suggestions: null,
        },
      ],
    },
    // nextjs: pages API route with credentials
    {
      code: `
import type { NextApiRequest, NextApiResponse } from 'next';
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.json({ user: null });
}
`,
      filename: 'pages/api/me.ts',
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 74,
          suggestions: null,
        },
      ],
    },
    // express: setHeader * in a route handler
    {
      code: `
import express from 'express';
const app = express();
app.get('/feed', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json([]);
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 52,
          suggestions: null,
        },
      ],
    },
    // express: lower-case header name, req.header(origin)
    {
      code: `
import { Router } from 'express';
const router = Router();
router.use((req, res, next) => {
  res.header('access-control-allow-origin', req.header('origin'));
  next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 66,
          suggestions: null,
        },
      ],
    },
    // express: object form in a middleware
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET' });
  next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    // express: reflected through a local const, with credentials
    {
      code: `
import express from 'express';
const app = express();
app.use(function allowCors(req, res, next) {
  const origin = req.get('Origin');
  res.append('Access-Control-Allow-Origin', origin);
  res.append('Access-Control-Allow-Credentials', 'true');
  next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 52,
          suggestions: null,
        },
      ],
    },
    // express: '*' as the fallback of a configured origin
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', process.env.CORS_ORIGIN || '*');
  next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` can be set to `*`' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 79,
          suggestions: null,
        },
      ],
    },
    // express: a presence test is not an allowlist
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  const { origin } = req.headers;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  next();
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 57,
          suggestions: null,
        },
      ],
    },
    // express: in a callback nested in a handler
    {
      code: `
import express from 'express';
const app = express();
app.get('/feed', (req, res) => {
  loadFeed().then((items) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.json(items);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 54,
          suggestions: null,
        },
      ],
    },
    // express: allowPublicWildcard does not cover credentials
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Credentials', true);
  next();
});
`,
      options: [{ allowPublicWildcard: true }],
      output: null,
      errors: [
        {
          messageId: 'anyOriginWithCredentials',
          data: { reason: '`Access-Control-Allow-Origin` is set to `*`' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 52,
          suggestions: null,
        },
      ],
    },
    // fastify: reply.header with the request origin
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/feed', async (request, reply) => {
  reply.header('Access-Control-Allow-Origin', request.headers.origin);
  return [];
});
`,
      output: null,
      errors: [
        {
          messageId: 'anyOrigin',
          data: { reason: "`Access-Control-Allow-Origin` echoes the request's Origin" },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 70,
          suggestions: null,
        },
      ],
    },
  ],
});
