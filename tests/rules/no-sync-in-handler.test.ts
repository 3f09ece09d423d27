import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/no-sync-in-handler.js';

const ruleTester = new RuleTester();

ruleTester.run('no-sync-in-handler', rule, {
  valid: [
    // Lazy start-up work behind a flag the helper sets: the first request runs it once per process.
    `
const fs = require('fs');
const express = require('express');
const app = express();
let ragFolderReady = false;
function prepareRagFolder() {
  if (!fs.existsSync('rag_input')) fs.mkdirSync('rag_input', { recursive: true });
  ragFolderReady = true;
}
app.post('/ai/rag/ingest', async (req, res) => {
  if (!ragFolderReady) prepareRagFolder();
  res.json({ ok: true });
});
`,
    // A strategy class of one's own (not from a passport package), and passport set-up code, run at start-up.
    `
const passport = require('passport');
const fs = require('fs');
class Strategy { constructor(fn) { this.fn = fn; } }
new Strategy(() => fs.readFileSync('a'));
const config = JSON.parse(fs.readFileSync('passport.json', 'utf8'));
passport.initialize();
`,
    // Start-up code: module level and a bootstrap function that registers the routes.
    `
import fs from 'node:fs';
import express from 'express';
const cert = fs.readFileSync('/etc/tls/cert.pem');
const app = express();
app.get('/health', (req, res) => res.json({ ok: true }));
`,
    `
import { readFileSync } from 'fs';
import Fastify from 'fastify';
export async function bootstrap() {
  const config = JSON.parse(readFileSync('./config.json', 'utf8'));
  const app = Fastify();
  app.get('/version', async () => ({ version: config.version }));
  await app.listen({ port: config.port });
}
`,
    // A start-up read inside a function that receives the app (registered from another file): not a request.
    `
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
export function configureApp(app: Express): void {
  const banner = readFileSync('banner.txt', 'utf8');
  app.get('/', (req, res) => res.send(banner));
}
`,
    // A local type named like Express's is not Express.
    `
import { readFileSync } from 'node:fs';
interface Express { get(path: string, handler: (req: unknown, res: { send(body: unknown): void }) => void): void }
export function configureApp(app: Express): void {
  app.get('/', (req, res) => res.send(readFileSync('banner.txt', 'utf8')));
}
`,
    // The promise API while serving.
    `
import fs from 'node:fs';
import { Router } from 'express';
export const router = Router();
router.get('/invoice/:id', async (req, res) => {
  const template = await fs.promises.readFile('templates/invoice.html', 'utf8');
  res.type('html').send(template);
});
`,
    // A method called readFileSync on something that is not fs.
    `
import express from 'express';
const app = express();
const cache = createVirtualFs();
app.get('/a', (req, res) => res.send(cache.readFileSync('/a')));
`,
    // A local binding named fs shadows the import.
    `
import fs from 'fs';
import express from 'express';
const app = express();
app.get('/a', (req, res) => { const fs = memfs(); res.send(fs.readFileSync('/a')); });
`,
    // A CLI command is not a request handler.
    `
import fs from 'node:fs';
import { Command } from 'commander';
const program = new Command();
program.command('export <file>').action((file) => { fs.writeFileSync(file, dump()); });
`,
    // A helper used only by a script, in a file that also has routes.
    `
import { execSync } from 'node:child_process';
import express from 'express';
function gitSha() { return execSync('git rev-parse HEAD').toString().trim(); }
console.log(gitSha());
const app = express();
app.get('/', (req, res) => res.end());
`,
    // Not an app: an object named app of unknown origin.
    `
import fs from 'fs';
const app = makeApp();
app.get('/x', (req, res) => res.send(fs.readFileSync('x')));
`,
    // Allowed by option.
    {
      code: `
import fs from 'fs';
import express from 'express';
const app = express();
app.get('/x', (req, res) => res.json({ exists: fs.existsSync('/tmp/flag') }));
`,
      options: [{ allow: ['fs.existsSync'] }],
    },
    // A NestJS service (not a controller) is not a handler here; the project checker follows calls across files.
    `
import { Injectable } from '@nestjs/common';
import { readFileSync } from 'fs';
@Injectable()
export class TemplatesService { load(name: string) { return readFileSync(name, 'utf8'); } }
`,
    // bcrypt's promise API.
    `
import bcrypt from 'bcrypt';
import { Hono } from 'hono';
const app = new Hono();
app.post('/register', async (c) => { const hash = await bcrypt.hash('x', 12); return c.json({ ok: Boolean(hash) }); });
`,
    // Tests never serve production traffic.
    {
      code: `
import fs from 'fs';
import express from 'express';
const app = express();
app.get('/fixture', (req, res) => res.send(fs.readFileSync('fixture.json')));
`,
      filename: 'src/__tests__/orders.test.ts',
    },
    // Next.js: a GET export outside a route file.
    {
      code: `import fs from 'fs';\nexport function GET() { return fs.readFileSync('x'); }`,
      filename: 'src/lib/files.ts',
    },
  ],
  invalid: [
    // Passport calls a strategy's verify callback and deserializeUser on requests (passport docs, "Configure", "Sessions").
    {
      code: `
const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const bcrypt = require('bcryptjs');
passport.use(new LocalStrategy({ usernameField: 'email' }, (email, password, done) => {
  done(null, bcrypt.compareSync(password, lookup(email)));
}));
passport.deserializeUser(function deserialize(id, done) {
  done(null, require('fs').readFileSync('users/' + id, 'utf8'));
});
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'compareSync',
            where: "requests through the verify callback of passport's `LocalStrategy` from `passport-local`",
            alternative: 'the promise-returning `compare`',
          },
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'makeAsyncAndAwait',
              data: { twin: 'bcrypt.compare' },
              output: `
const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const bcrypt = require('bcryptjs');
passport.use(new LocalStrategy({ usernameField: 'email' }, async (email, password, done) => {
  done(null, await bcrypt.compare(password, lookup(email)));
}));
passport.deserializeUser(function deserialize(id, done) {
  done(null, require('fs').readFileSync('users/' + id, 'utf8'));
});
`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          data: {
            name: 'readFileSync',
            where: "requests through `deserialize` (passport's `deserializeUser` callback)",
            alternative: '`fs.promises.readFile`',
          },
          line: 9,
          column: 14,
          suggestions: [
            {
              messageId: 'makeAsyncAndAwait',
              data: { twin: "require('fs').promises.readFile" },
              output: `
const passport = require('passport');
const LocalStrategy = require('passport-local').Strategy;
const bcrypt = require('bcryptjs');
passport.use(new LocalStrategy({ usernameField: 'email' }, (email, password, done) => {
  done(null, bcrypt.compareSync(password, lookup(email)));
}));
passport.deserializeUser(async function deserialize(id, done) {
  done(null, await require('fs').promises.readFile('users/' + id, 'utf8'));
});
`,
            },
          ],
        },
      ],
    },
    // Koa calls what is set on app.context for each request's context.
    {
      code: `
import Koa from 'koa';
import { writeFileSync } from 'node:fs';
const app = new Koa();
app.context.onerror = function (err) {
  writeFileSync('errors.log', String(err));
};
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'writeFileSync',
            where: "requests through Koa's `app.context.onerror`",
            alternative: '`fs.promises.writeFile`',
          },
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'makeAsyncAndAwait',
              data: { twin: 'writeFile' },
              output: `
import Koa from 'koa';
import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
const app = new Koa();
app.context.onerror = async function (err) {
  await writeFile('errors.log', String(err));
};
`,
            },
          ],
        },
      ],
    },
    // Koa middleware in its own file, typed with Koa's context: request-path code wherever it is used.
    {
      code: `
import type { Context, Next } from 'koa';
import { readFileSync } from 'node:fs';
export async function maintenance(ctx: Context, next: Next) {
  if (readFileSync('/etc/maintenance', 'utf8') === 'on') ctx.status = 503;
  else await next();
}
`,
      output: `
import type { Context, Next } from 'koa';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function maintenance(ctx: Context, next: Next) {
  if (await readFile('/etc/maintenance', 'utf8') === 'on') ctx.status = 503;
  else await next();
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'readFileSync',
            where: "requests through `maintenance` (it takes Koa's `Context`)",
            alternative: '`fs.promises.readFile`',
          },
          line: 5,
          column: 7,
        },
      ],
    },
    // Routes registered on an app received as a typed parameter: the handler is request-path code.
    {
      code: `
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
export function configureApp(app: Express): void {
  app.get('/v1/report', (req, res) => {
    res.send(readFileSync('report.txt', 'utf8'));
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'readFileSync', where: 'GET /v1/report', alternative: '`fs.promises.readFile`' },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'makeAsyncAndAwait',
              data: { twin: 'readFile' },
              output: `
import type { Express } from 'express';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export function configureApp(app: Express): void {
  app.get('/v1/report', async (req, res) => {
    res.send(await readFile('report.txt', 'utf8'));
  });
}
`,
            },
          ],
        },
      ],
    },
    // Express, async handler, default import: fixed to the promise API.
    {
      code: `
import fs from 'node:fs';
import { Router } from 'express';
export const orders = Router();
orders.get('/orders/:id/invoice', async (req, res) => {
  const template = fs.readFileSync('templates/invoice.html', 'utf8');
  res.send(template);
});
`,
      output: `
import fs from 'node:fs';
import { Router } from 'express';
export const orders = Router();
orders.get('/orders/:id/invoice', async (req, res) => {
  const template = await fs.promises.readFile('templates/invoice.html', 'utf8');
  res.send(template);
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'readFileSync', where: 'GET /orders/:id/invoice', alternative: '`fs.promises.readFile`' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 69,
          suggestions: null,
        },
      ],
    },
    // Named import: the fix adds an import of the twin from fs/promises.
    {
      code: `
import { readFileSync } from 'fs';
import express from 'express';
const app = express();
app.get('/a', async (req, res) => {
  res.send(readFileSync('a.txt'));
});
`,
      output: `
import { readFileSync } from 'fs';
import express from 'express';
import { readFile } from 'fs/promises';
const app = express();
app.get('/a', async (req, res) => {
  res.send(await readFile('a.txt'));
});
`,
      errors: [{ messageId: 'blockingCall', line: 6, column: 12, suggestions: null }],
    },
    // An existing fs/promises import is reused; parentheses keep a member access on the result.
    {
      code: `
import { readFileSync } from 'node:fs';
import { readFile as read } from 'node:fs/promises';
import express from 'express';
const app = express();
app.get('/a', async (req, res) => {
  res.send(readFileSync('a.txt').toString('utf8'));
});
`,
      output: `
import { readFileSync } from 'node:fs';
import { readFile as read } from 'node:fs/promises';
import express from 'express';
const app = express();
app.get('/a', async (req, res) => {
  res.send((await read('a.txt')).toString('utf8'));
});
`,
      errors: [{ messageId: 'blockingCall', line: 7, column: 12, suggestions: null }],
    },
    // A handler that is not async: a suggestion, never a fix.
    {
      code: `
import fs from 'fs';
import express from 'express';
const app = express();
app.get('/report', function report(req, res) {
  res.send(fs.readFileSync('report.csv'));
});
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'readFileSync', where: 'GET /report', alternative: '`fs.promises.readFile`' },
          line: 6,
          column: 12,
          suggestions: [
            {
              messageId: 'makeAsyncAndAwait',
              data: { twin: 'fs.promises.readFile' },
              output: `
import fs from 'fs';
import express from 'express';
const app = express();
app.get('/report', async function report(req, res) {
  res.send(await fs.promises.readFile('report.csv'));
});
`,
            },
          ],
        },
      ],
    },
    // A callback nested in the handler: reported, but neither fixed nor suggested.
    {
      code: `
import { readFileSync } from 'fs';
import express from 'express';
const app = express();
app.get('/bundle', async (req, res) => {
  res.json(req.body.names.map((name) => readFileSync(name, 'utf8')));
});
`,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 6, column: 41, suggestions: null }],
    },
    // Same-file helpers are followed transitively; the message names the route.
    {
      code: `
import bcrypt from 'bcrypt';
import { Router } from 'express';
export const users = Router();
function hashPassword(password) { return bcrypt.hashSync(password, 12); }
function createUser(body) { return { email: body.email, hash: hashPassword(body.password) }; }
users.post('/register', async (req, res) => { res.status(201).json(createUser(req.body)); });
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'hashSync', where: 'POST /register', alternative: 'the promise-returning `hash`' },
          line: 5,
          column: 42,
          suggestions: null,
        },
      ],
    },
    // An async helper is fixed in place.
    {
      code: `
import bcrypt from 'bcryptjs';
import express from 'express';
const app = express();
async function check(password, hash) { return bcrypt.compareSync(password, hash); }
app.post('/login', async (req, res) => { res.json({ ok: await check(req.body.password, stored) }); });
`,
      output: `
import bcrypt from 'bcryptjs';
import express from 'express';
const app = express();
async function check(password, hash) { return await bcrypt.compare(password, hash); }
app.post('/login', async (req, res) => { res.json({ ok: await check(req.body.password, stored) }); });
`,
      errors: [{ messageId: 'blockingCall', line: 5, column: 47 }],
    },
    // Named bcrypt import: the twin is added to the same import.
    {
      code: `
import { hashSync } from 'bcrypt';
import express from 'express';
const app = express();
app.post('/u', async (req, res) => { res.json({ h: hashSync(req.body.p, 10) }); });
`,
      output: `
import { hashSync, hash } from 'bcrypt';
import express from 'express';
const app = express();
app.post('/u', async (req, res) => { res.json({ h: await hash(req.body.p, 10) }); });
`,
      errors: [{ messageId: 'blockingCall', line: 5, column: 52 }],
    },
    // Middleware: reported with where it runs; the suggestion makes it async.
    {
      code: `
import fs from 'fs';
import express from 'express';
const app = express();
app.use(function loadKeys(req, res, next) { req.keys = fs.readFileSync('keys.json'); next(); });
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'readFileSync',
            where: 'requests through the middleware `loadKeys`',
            alternative: '`fs.promises.readFile`',
          },
          line: 5,
          column: 56,
          suggestions: [
            {
              messageId: 'makeAsyncAndAwait',
              data: { twin: 'fs.promises.readFile' },
              output: `
import fs from 'fs';
import express from 'express';
const app = express();
app.use(async function loadKeys(req, res, next) { req.keys = await fs.promises.readFile('keys.json'); next(); });
`,
            },
          ],
        },
      ],
    },
    // child_process: no twin with the same result, so no fix.
    {
      code: `
import { execSync } from 'node:child_process';
import express from 'express';
const app = express();
app.post('/deploy', async (req, res) => { execSync('make deploy'); res.end(); });
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'execSync',
            where: 'POST /deploy',
            alternative: '`execFile` or `spawn` wrapped in a promise (`util.promisify(execFile)`)',
          },
          line: 5,
          column: 43,
          suggestions: null,
        },
      ],
    },
    // crypto via util.promisify when the file already imports it.
    {
      code: `
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import Fastify from 'fastify';
const app = Fastify();
app.post('/keys', async (request) => ({ key: crypto.scryptSync(request.body.password, 'salt', 64).toString('hex') }));
`,
      output: `
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import Fastify from 'fastify';
const app = Fastify();
app.post('/keys', async (request) => ({ key: (await promisify(crypto.scrypt)(request.body.password, 'salt', 64)).toString('hex') }));
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'scryptSync', where: 'POST /keys', alternative: '`util.promisify(crypto.scrypt)`' },
          line: 6,
          column: 46,
        },
      ],
    },
    // ... and without a util import there is no fix.
    {
      code: `
import { pbkdf2Sync } from 'crypto';
import Fastify from 'fastify';
const app = Fastify();
app.post('/derive', async (request) => pbkdf2Sync(request.body.p, 'salt', 100000, 64, 'sha512'));
`,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 5, column: 40, suggestions: null }],
    },
    // zlib in a Koa route.
    {
      code: `
import zlib from 'zlib';
import Router from '@koa/router';
const router = new Router({ prefix: '/api' });
router.get('/export', async (ctx) => { ctx.body = zlib.gzipSync(JSON.stringify(await load())); });
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'gzipSync', where: 'GET /api/export', alternative: '`util.promisify(zlib.gzip)` or a stream' },
          line: 5,
          column: 51,
        },
      ],
    },
    // better-sqlite3: statements prepared at start-up, run while serving.
    {
      code: `
import Database from 'better-sqlite3';
import express from 'express';
const db = new Database('app.db');
const byId = db.prepare('SELECT * FROM users WHERE id = ?');
const app = express();
app.get('/users/:id', (req, res) => { res.json(byId.get(req.params.id)); });
app.get('/users', (req, res) => { res.json(db.prepare('SELECT * FROM users').all()); });
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'Statement#get',
            where: 'GET /users/:id',
            alternative: 'an asynchronous driver, or run the queries in a worker thread',
          },
          line: 7,
          column: 48,
          suggestions: null,
        },
        {
          messageId: 'blockingCall',
          data: {
            name: 'Statement#all',
            where: 'GET /users',
            alternative: 'an asynchronous driver, or run the queries in a worker thread',
          },
          line: 8,
          column: 44,
          suggestions: null,
        },
      ],
    },
    // node:sqlite opened and queried inside a Hono handler.
    {
      code: `
import { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
const app = new Hono();
app.get('/stats', (c) => {
  const db = new DatabaseSync('stats.db');
  db.exec('PRAGMA journal_mode = WAL');
  return c.json({});
});
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'new DatabaseSync()',
            where: 'GET /stats',
            alternative: 'an asynchronous driver, or run the queries in a worker thread',
          },
          line: 6,
          column: 14,
        },
        {
          messageId: 'blockingCall',
          data: {
            name: 'DatabaseSync#exec',
            where: 'GET /stats',
            alternative: 'an asynchronous driver, or run the queries in a worker thread',
          },
          line: 7,
          column: 3,
        },
      ],
    },
    // Atomics.wait in a Next.js route handler.
    {
      code: `export async function GET() {\n  Atomics.wait(shared, 0, 0, 100);\n  return Response.json({});\n}`,
      filename: 'app/api/slow/route.ts',
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'Atomics.wait', where: 'GET /api/slow', alternative: '`Atomics.waitAsync`' },
          line: 2,
          column: 3,
        },
      ],
    },
    // NestJS controller: a same-class helper reached through this.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import * as fs from 'fs';
@Controller('files')
export class FilesController {
  @Get(':name') read() { return this.load(); }
  private load() { return fs.readdirSync('/srv/files'); }
}
`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'readdirSync', where: 'GET /files/:name', alternative: '`fs.promises.readdir`' },
          line: 7,
          column: 27,
          suggestions: null,
        },
      ],
    },
    // CommonJS require and destructured require.
    {
      code: `
const fs = require('fs');
const express = require('express');
const app = express();
app.get('/a', async (req, res) => { res.send(fs.readFileSync('a')); });
`,
      languageOptions: { globals: { require: 'readonly', module: 'writable' } },
      output: `
const fs = require('fs');
const express = require('express');
const app = express();
app.get('/a', async (req, res) => { res.send(await fs.promises.readFile('a')); });
`,
      errors: [{ messageId: 'blockingCall', line: 5, column: 46 }],
    },
    {
      code: `
const { statSync } = require('node:fs');
const { Router } = require('express');
const r = Router();
r.get('/size', async (req, res) => { res.json(statSync('f').size); });
`,
      languageOptions: { globals: { require: 'readonly', module: 'writable' } },
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'statSync', where: 'GET /size', alternative: '`fs.promises.stat`' },
          line: 5,
          column: 47,
          suggestions: null,
        },
      ],
    },
    // Blocking exports from the shared settings.
    {
      code: `
import { parse } from 'csv-parse/sync';
import express from 'express';
const app = express();
app.post('/import', (req, res) => { res.json(parse(req.body.csv)); });
`,
      settings: {
        'api-audit': {
          blockingCalls: [
            { module: 'csv-parse/sync', path: 'parse', alternative: '`parse` from `csv-parse` (streaming)' },
          ],
        },
      },
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'parse', where: 'POST /import', alternative: '`parse` from `csv-parse` (streaming)' },
          line: 5,
          column: 46,
        },
      ],
    },
    // User-listed blocking exports.
    {
      code: `
import * as XLSX from 'xlsx';
import express from 'express';
const app = express();
app.post('/import', (req, res) => { res.json(XLSX.readFile(req.file.path)); });
`,
      options: [
        {
          additionalBlockingCalls: [
            { module: 'xlsx', path: 'readFile', alternative: '`XLSX.read` on a buffer from `fs.promises.readFile`' },
          ],
        },
      ],
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            name: 'readFile',
            where: 'POST /import',
            alternative: '`XLSX.read` on a buffer from `fs.promises.readFile`',
          },
          line: 5,
          column: 46,
        },
      ],
    },
  ],
});
