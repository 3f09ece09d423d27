import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';

import rule from '../../src/rules/no-request-state-in-module-scope.js';

const ruleTester = new RuleTester();

/** `languageOptions` of the CommonJS cases (rule-tester's type does not declare `sourceType`). */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

/**
 * A small service on disk, for the cases that need the project index: handlers defined in one file and
 * registered in another.
 */
const service = mkdtempSync(join(tmpdir(), 'api-audit-request-state-'));
afterAll(() => rmSync(service, { recursive: true, force: true }));

const ORDER_HANDLERS = `const recentOrders = [];
exports.create = async (req, res) => {
  recentOrders.push({ user: req.user.id, at: Date.now() });
  res.status(201).json(await placeOrder(req.body));
};
exports.recent = (req, res) => res.json(recentOrders);
`;
const REPORT_HELPERS = `const renderers = new Map();
export function registerRenderer(name, render) {
  renderers.set(name, render);
}
export function render(name, data) {
  return renderers.get(name)(data);
}
`;

const serviceFiles: Record<string, string> = {
  'package.json': '{ "name": "service", "private": true }',
  'src/handlers/orders.js': ORDER_HANDLERS,
  'src/reports.js': REPORT_HELPERS,
  'src/app.js': `const express = require('express');
const orders = require('./handlers/orders');
const { registerRenderer } = require('./reports');
registerRenderer('csv', (rows) => rows.join('\\n'));
const app = express();
app.post('/orders', orders.create);
app.get('/orders/recent', orders.recent);
module.exports = app;
`,
};
for (const [path, text] of Object.entries(serviceFiles)) {
  mkdirSync(dirname(join(service, path)), { recursive: true });
  writeFileSync(join(service, path), text);
}

ruleTester.run('no-request-state-in-module-scope', rule, {
  valid: [
    // Constants, and a lookup table filled at start-up and only read per request.
    `
import express from 'express';
const LIMIT = 50;
const plans = new Map([['free', { seats: 1 }]]);
plans.set('team', { seats: 10 });
const app = express();
app.get('/plans/:id', (req, res) => res.json({ plan: plans.get(req.params.id), limit: LIMIT }));
`,
    // A lazy singleton: written once, behind its own emptiness.
    `
import express from 'express';
import { createClient } from 'redis';
let client;
async function getClient() {
  if (!client) {
    client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
  }
  return client;
}
const app = express();
app.get('/stock/:sku', async (req, res) => res.json(await (await getClient()).get(req.params.sku)));
`,
    // Memoised configuration: `??=`, `x = x ?? …` and an early return on the binding.
    `
import { Hono } from 'hono';
let config;
let pool = null;
let token;
const app = new Hono();
app.get('/settings', async (c) => {
  config ??= await loadConfig();
  pool = pool ?? createPool(config.db);
  return c.json(config.public);
});
app.get('/upstream', async (c) => {
  if (token && token.expiresAt > Date.now()) return c.json(await callUpstream(token));
  token = await fetchServiceToken();
  return c.json(await callUpstream(token));
});
`,
    // A module flag set by the block it guards: start-up work done on the first request.
    `
import Router from '@koa/router';
const handlers = new Map();
let ready = false;
export const router = new Router();
router.post('/hooks/:name', async (ctx) => {
  if (!ready) {
    handlers.set('deploy', deploy);
    handlers.set('rollback', rollback);
    ready = true;
  }
  ctx.body = await handlers.get(ctx.params.name)?.(ctx.request.body);
});
`,
    // A bounded cache library: writes go through its own object.
    `
import express from 'express';
import { LRUCache } from 'lru-cache';
import QuickLRU from 'quick-lru';
const users = new LRUCache({ max: 500, ttl: 60_000 });
const avatars = new QuickLRU({ maxSize: 1000 });
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = users.get(req.params.id) ?? (await loadUser(req.params.id));
  users.set(req.params.id, user);
  avatars.set(user.id, user.avatarUrl);
  res.json(user);
});
`,
    // A `Map` handed to a bounded cache library at start-up is for the library to bound.
    `
import Keyv from 'keyv';
import Fastify from 'fastify';
const store = new Map();
const cache = new Keyv({ store, ttl: 60_000 });
const app = Fastify();
app.get('/quotes/:symbol', async (request) => {
  store.set(request.params.symbol, await fetchQuote(request.params.symbol));
  return cache.get(request.params.symbol);
});
`,
    // Metrics libraries are built for this: `inc()` is a method of a library object, not state the module created.
    `
import express from 'express';
import client from 'prom-client';
const httpRequests = new client.Counter({ name: 'http_requests_total', help: 'Requests', labelNames: ['route'] });
const app = express();
app.use((req, res, next) => {
  httpRequests.inc({ route: req.path });
  next();
});
`,
    // Start-up registration: routers, `app.locals`, `app.set`.
    `
import express from 'express';
const app = express();
const router = express.Router();
app.locals.title = 'Shop';
app.set('trust proxy', 1);
router.get('/', (req, res) => res.render('home', { title: app.locals.title }));
app.use('/shop', router);
`,
    // Objects created per request, and a class instance made per request, are not module state.
    `
import express from 'express';
class Basket {
  items = [];
  add(item) { this.items.push(item); }
}
const app = express();
app.post('/basket', (req, res) => {
  const basket = new Basket();
  const seen = new Set();
  for (const item of req.body.items) { if (!seen.has(item.sku)) { seen.add(item.sku); basket.add(item); } }
  res.json(basket.items);
});
`,
    // A cache filled under keys from the code, not from the request: bounded by the templates that exist.
    `
import express from 'express';
import { compile } from 'handlebars';
import { readFile } from 'node:fs/promises';
const templates = new Map();
async function getTemplate(name) {
  if (!templates.has(name)) templates.set(name, compile(await readFile(\`views/\${name}.hbs\`, 'utf8')));
  return templates.get(name);
}
const app = express();
app.get('/invoice/:id', async (req, res) => res.send((await getTemplate('invoice'))({ id: req.params.id })));
`,
    // A registry of open server-sent-event streams, taken out when the connection closes: per process by nature.
    `
import express from 'express';
const clients = new Set();
const app = express();
app.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  clients.add(res);
  req.on('close', () => clients.delete(res));
});
export function broadcast(data) {
  for (const res of clients) res.write(\`data: \${JSON.stringify(data)}\\n\\n\`);
}
`,
    // Requests in flight, counted down in `finally` (graceful shutdown, load shedding).
    `
import Fastify from 'fastify';
const inflight = new Set();
let active = 0;
const app = Fastify();
app.get('/reports/:id', async (request) => {
  inflight.add(request.id);
  active++;
  try {
    return await buildReport(request.params.id);
  } finally {
    inflight.delete(request.id);
    active--;
  }
});
`,
    // A websocket connection handler is not an HTTP route: a registry of live sockets is per process by nature.
    `
import express from 'express';
import { WebSocketServer } from 'ws';
const sockets = new Set();
const app = express();
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
});
app.get('/online', (req, res) => res.json({ online: sockets.size }));
`,
    // A collection the module keeps bounded itself: its size is checked and the oldest entry evicted.
    `
import { Hono } from 'hono';
const recent = new Map();
const app = new Hono();
app.get('/geo/:ip', async (c) => {
  const ip = c.req.param('ip');
  if (!recent.has(ip)) {
    if (recent.size >= 1000) recent.delete(recent.keys().next().value);
    recent.set(ip, await lookup(ip));
  }
  return c.json(recent.get(ip));
});
`,
    // A value replaced by one that does not come from the request (the last refresh time).
    `
import express from 'express';
let lastRefresh = 0;
const app = express();
app.post('/admin/refresh', async (req, res) => {
  await refreshCatalogue();
  lastRefresh = Date.now();
  res.json({ lastRefresh });
});
`,
    // Module state written only at start-up, by a function the app calls before listening.
    `
import express from 'express';
const routes = [];
let port = 3000;
export function configure(app) {
  routes.push('/health');
  port = Number(process.env.PORT ?? port);
  app.get('/health', (req, res) => res.json({ routes }));
}
const app = express();
configure(app);
app.listen(port);
`,
    // Marked as intended: the opt-out comment on the declaration.
    `
import express from 'express';
// api-audit: process-local (a dev-only mock store)
const orders = [];
let nextId = 1; // api-audit: process-local
const app = express();
app.post('/orders', (req, res) => {
  orders.push({ id: nextId++, ...req.body });
  res.status(201).end();
});
`,
    // Allowed by name.
    {
      code: `
import express from 'express';
const connections = [];
const app = express();
app.get('/stream', (req, res) => { connections.push(res); });
`,
      options: [{ allowedNames: ['connections'] }],
    },
    // Non-runtime code (a seed script) never serves a request.
    {
      code: `
import express from 'express';
const created = [];
const app = express();
app.post('/seed', (req, res) => { created.push(req.body); res.end(); });
`,
      filename: 'scripts/seed-server.ts',
    },
    // A WeakMap keyed by the request object: entries go with the request.
    `
import express from 'express';
const timings = new WeakMap();
const app = express();
app.use((req, res, next) => { timings.set(req, Date.now()); next(); });
`,
    // A local class named Map is not the built-in one.
    `
import express from 'express';
class Map { set() {} }
const geo = new Map();
const app = express();
app.get('/x', (req, res) => { geo.set(req.ip, 1); res.end(); });
`,
    // A NestJS service method is request path only when the route model says so: not here.
    `
import { Injectable } from '@nestjs/common';
const seen = new Set();
@Injectable()
export class AuditService {
  record(event) { seen.add(event.id); }
}
`,
    // NestJS: a controller that memoises a value computed once, under a constant key.
    `
import { Controller, Get } from '@nestjs/common';
const memo = {};
@Controller('meta')
export class MetaController {
  @Get('version')
  version() {
    if (!memo.version) memo.version = readVersion();
    return memo.version;
  }
}
`,
    // Next.js: a lazily created client in a route module.
    {
      code: `
import { Client } from '@elastic/elasticsearch';
let es: Client | undefined;
export async function GET(request: Request) {
  es ||= new Client({ node: process.env.ES_URL });
  const q = new URL(request.url).searchParams.get('q') ?? '';
  return Response.json(await es.search({ q }));
}
`,
      filename: 'app/api/search/route.ts',
    },
    // A state object written only by a CLI command in a file that also has routes.
    `
import express from 'express';
import { Command } from 'commander';
const stats = { imported: 0 };
const program = new Command();
program.command('import').action(() => { stats.imported++; });
const app = express();
app.get('/stats', (req, res) => res.json(stats));
`,
    // A buffer of pending work, drained by a timer: written per request on purpose.
    `
import express from 'express';
const pending = [];
let batch = [];
const app = express();
app.post('/events', (req, res) => {
  pending.push(req.body);
  batch.push(req.body.id);
  res.status(202).end();
});
setInterval(async () => {
  await saveEvents(pending.splice(0));
  const ids = batch;
  batch = [];
  await ack(ids);
}, 5000);
`,
    // Download counts summed per process and flushed to the database by a timer.
    {
      code: `
const Router = require('@koa/router');
let downloads = new Map();
const router = new Router();
router.get('/packages/:name/download', async (ctx) => {
  downloads.set(ctx.params.name, (downloads.get(ctx.params.name) || 0) + 1);
  ctx.redirect(await tarballUrl(ctx.params.name));
});
setInterval(async () => {
  const totals = [...downloads];
  downloads = new Map();
  await saveDownloadTotals(totals);
}, 60_000);
module.exports = router;
`,
      languageOptions: commonjs,
    },
    // Not an app: a local function named express, so its routes serve nothing here.
    `
function express() { return { get(path, handler) { handler({}, {}); } }; }
const seen = [];
const app = express();
app.get('/x', (req, res) => { seen.push(req); });
`,
    // A cache of clients per configured connection: the key is computed from a stored record, not taken from the request.
    `
import type { Request } from 'express';
const clients = new Map<string, OidcClient>();
export async function getClient(req: Request) {
  const connection = await loadConnection(req.cookies.sso);
  const key = connectionKey(connection);
  let client = clients.get(key);
  if (!client) {
    client = new OidcClient(connection);
    clients.set(key, client);
  }
  return client;
}
`,
    // Cross-file: a module written only by start-up code of another file (a renderer registry).
    { code: REPORT_HELPERS, filename: join(service, 'src/reports.js') },
  ],
  invalid: [
    // Cross-file: a handler registered in another file writes its own module's state.
    {
      code: ORDER_HANDLERS,
      filename: join(service, 'src/handlers/orders.js'),
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: {
            name: 'recentOrders',
            write: 'recentOrders.push()',
            where: 'POST /orders, registered in src/app.js:6',
          },
          line: 3,
          column: 3,
          endColumn: 59,
        },
      ],
    },
    // express: a counter incremented per request.
    {
      code: `
import express from 'express';
let ordersPlaced = 0;
const app = express();
app.post('/orders', async (req, res) => {
  ordersPlaced++;
  res.status(201).json(await createOrder(req.body));
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'ordersPlaced', write: 'ordersPlaced++', where: 'POST /orders' },
          line: 6,
          column: 3,
          endColumn: 17,
        },
      ],
    },
    // express: a cache keyed by the request, with no bound.
    {
      code: `
import express from 'express';
const cache = new Map();
const app = express();
app.get('/users/:id', async (req, res) => {
  if (cache.has(req.params.id)) return res.json(cache.get(req.params.id));
  const user = await loadUser(req.params.id);
  cache.set(req.params.id, user);
  res.json(user);
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'cache', write: 'cache.set()', where: 'GET /users/:id' },
          line: 8,
          column: 3,
          endColumn: 33,
        },
      ],
    },
    // express: the current user kept in a module binding by middleware.
    {
      code: `
import express from 'express';
let currentUser;
const app = express();
app.use(function rememberUser(req, res, next) {
  currentUser = req.user;
  next();
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: {
            name: 'currentUser',
            write: 'currentUser = …',
            where: 'requests through the middleware `rememberUser`',
          },
          line: 6,
          column: 3,
          endColumn: 25,
        },
      ],
    },
    // express (CommonJS): an in-memory store filled and emptied by routes.
    {
      code: `
const express = require('express');
const router = express.Router();
const drafts = {};
router.put('/drafts/:id', (req, res) => {
  drafts[req.params.id] = req.body;
  res.status(204).end();
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'drafts', write: 'drafts[…] = …', where: 'PUT /drafts/:id' },
          line: 6,
          column: 3,
          endColumn: 35,
        },
      ],
    },
    // express: the DELETE route of a store the PUT route fills is reported too.
    {
      code: `
import { Router } from 'express';
export const drafts = Router();
const store = new Map();
drafts.put('/drafts/:id', (req, res) => { store.set(req.params.id, req.body); res.end(); });
drafts.delete('/drafts/:id', (req, res) => { store.delete(req.params.id); res.end(); });
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'store', write: 'store.set()', where: 'PUT /drafts/:id' },
          line: 5,
          column: 43,
          endColumn: 77,
        },
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'store', write: 'store.delete()', where: 'DELETE /drafts/:id' },
          line: 6,
          column: 46,
          endColumn: 73,
        },
      ],
    },
    // express: a per-process rate limiter (each process counts on its own; restarts forget).
    {
      code: `
import express from 'express';
const hits = new Map();
const app = express();
app.use((req, res, next) => {
  const entry = hits.get(req.ip);
  if (!entry || entry.resetAt < Date.now()) {
    hits.set(req.ip, { count: 1, resetAt: Date.now() + 60_000 });
    return next();
  }
  if (++entry.count > 100) return res.status(429).end();
  next();
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'hits', write: 'hits.set()', where: 'requests through a middleware' },
          line: 8,
          column: 5,
          endColumn: 65,
        },
      ],
    },
    // express: an in-memory idempotency check.
    {
      code: `
import express from 'express';
const processed = new Set();
const app = express();
app.post('/payments', async (req, res) => {
  const key = req.get('Idempotency-Key');
  if (processed.has(key)) return res.status(409).end();
  processed.add(key);
  res.json(await charge(req.body));
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'processed', write: 'processed.add()', where: 'POST /payments' },
          line: 8,
          column: 3,
          endColumn: 21,
        },
      ],
    },
    // express: a same-file helper called from the handler writes the state.
    {
      code: `
import express from 'express';
const audit = [];
function record(event) {
  audit.push({ at: Date.now(), event });
}
const app = express();
app.post('/login', async (req, res) => {
  record('login');
  res.json(await login(req.body));
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'audit', write: 'audit.push()', where: 'POST /login' },
          line: 5,
          column: 3,
          endColumn: 40,
        },
      ],
    },
    // express: `list = [...list, item]` grows the binding.
    {
      code: `
import express from 'express';
let messages = [];
const app = express();
app.post('/messages', (req, res) => {
  messages = [...messages, req.body];
  res.status(201).end();
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'messages', write: 'messages = …', where: 'POST /messages' },
          line: 6,
          column: 3,
          endColumn: 37,
        },
      ],
    },
    // express: a cache created lazily, then keyed by the request.
    {
      code: `
import express from 'express';
let sessions;
const app = express();
app.post('/sessions', (req, res) => {
  sessions ??= new Map();
  sessions.set(req.body.token, req.body.user);
  res.end();
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'sessions', write: 'sessions.set()', where: 'POST /sessions' },
          line: 7,
          column: 3,
          endColumn: 46,
        },
      ],
    },
    // fastify: a preHandler hook counting per user.
    {
      code: `
import Fastify from 'fastify';
const calls = {};
const app = Fastify();
app.addHook('preHandler', async (request) => {
  calls[request.user.id] = (calls[request.user.id] ?? 0) + 1;
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'calls', write: 'calls[…] = …', where: 'requests through the `preHandler` hook' },
          line: 6,
          column: 3,
          endColumn: 61,
        },
      ],
    },
    // fastify: a route that keeps uploaded jobs in memory.
    {
      code: `
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
const jobs = new Map();
const app = Fastify();
app.post('/jobs', async (request, reply) => {
  const id = randomUUID();
  jobs.set(id, { status: 'queued', input: request.body });
  return reply.code(202).send({ id });
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'jobs', write: 'jobs.set()', where: 'POST /jobs' },
          line: 8,
          column: 3,
          endColumn: 58,
        },
      ],
    },
    // nestjs: a controller method pushing into a module array.
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';
const sessions: { userId: string }[] = [];
@Controller('sessions')
export class SessionsController {
  @Post()
  create(@Body() dto: { userId: string }) {
    sessions.push(dto);
    return dto;
  }
}
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'sessions', write: 'sessions.push()', where: 'POST /sessions' },
          line: 8,
          column: 5,
          endColumn: 23,
        },
      ],
    },
    // hono: a visit counter per client address.
    {
      code: `
import { Hono } from 'hono';
const visits: Record<string, number> = {};
const app = new Hono();
app.get('/visit', (c) => {
  const ip = c.req.header('x-forwarded-for') ?? 'unknown';
  visits[ip] = (visits[ip] || 0) + 1;
  return c.json({ visits: visits[ip] });
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'visits', write: 'visits[…] = …', where: 'GET /visit' },
          line: 7,
          column: 3,
          endColumn: 37,
        },
      ],
    },
    // koa: a nested collection of a state object.
    {
      code: `
import Router from '@koa/router';
const state = { carts: {} };
export const router = new Router();
router.post('/carts/:id/items', (ctx) => {
  state.carts[ctx.params.id] = ctx.request.body;
  ctx.status = 204;
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'state', write: 'state.carts[…] = …', where: 'POST /carts/:id/items' },
          line: 6,
          column: 3,
          endColumn: 48,
        },
      ],
    },
    // koa: a slot counter of a state object.
    {
      code: `
import Koa from 'koa';
const stats = { requests: 0 };
const app = new Koa();
app.use(async (ctx, next) => {
  stats.requests++;
  await next();
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'stats', write: 'stats.requests++', where: 'requests through a middleware' },
          line: 6,
          column: 3,
          endColumn: 19,
        },
      ],
    },
    // nextjs: a route module counting calls.
    {
      code: `
let visits = 0;
export async function POST() {
  visits += 1;
  return Response.json({ visits });
}
`,
      filename: 'app/api/visits/route.ts',
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'visits', write: 'visits += …', where: 'POST /api/visits' },
          line: 4,
          column: 3,
          endColumn: 14,
        },
      ],
    },
    // nextjs pages/api: a rate-limit map in the handler module.
    {
      code: `
const lastSent = new Map<string, number>();
export default async function handler(req, res) {
  const ip = String(req.headers['x-forwarded-for'] ?? req.socket.remoteAddress);
  if (Date.now() - (lastSent.get(ip) ?? 0) < 60_000) return res.status(429).end();
  lastSent.set(ip, Date.now());
  await sendMail(req.body);
  res.status(204).end();
}
`,
      filename: 'pages/api/contact.ts',
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'lastSent', write: 'lastSent.set()', where: 'ALL /api/contact' },
          line: 6,
          column: 3,
          endColumn: 31,
        },
      ],
    },
    // A helper whose key parameter the handler fills from the request.
    {
      code: `
import express from 'express';
const profiles = {};
function getProfile(id) {
  if (!profiles[id]) profiles[id] = loadProfile(id);
  return profiles[id];
}
const app = express();
app.get('/profiles/:id', async (req, res) => res.json(await getProfile(req.params.id)));
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'profiles', write: 'profiles[…] = …', where: 'GET /profiles/:id' },
          line: 5,
          column: 22,
          endColumn: 52,
        },
      ],
    },
    // hono: webhook deliveries de-duplicated per process, with a sweep of old entries: reported at the fill.
    {
      code: `
import { Hono } from 'hono';
const delivered = new Map<string, number>();
function isDuplicate(deliveryId: string): boolean {
  const now = Date.now();
  for (const [id, at] of delivered) if (now - at > 600_000) delivered.delete(id);
  if (delivered.has(deliveryId)) return true;
  delivered.set(deliveryId, now);
  return false;
}
const app = new Hono();
app.post('/webhooks/github', async (c) => {
  const body = await c.req.json();
  if (isDuplicate(body.delivery)) return c.body(null, 200);
  await enqueue(body);
  return c.body(null, 202);
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'delivered', write: 'delivered.set()', where: 'POST /webhooks/github' },
          line: 8,
          column: 3,
          endColumn: 33,
        },
      ],
    },
    // express: a fixed-window rate limit whose window a timer resets is still per process.
    {
      code: `
import express from 'express';
const attempts = new Map();
setInterval(() => attempts.clear(), 60_000);
const app = express();
app.post('/login', (req, res, next) => {
  const count = (attempts.get(req.ip) ?? 0) + 1;
  attempts.set(req.ip, count);
  if (count > 5) return res.status(429).end();
  next();
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'attempts', write: 'attempts.set()', where: 'POST /login' },
          line: 8,
          column: 3,
          endColumn: 30,
        },
      ],
    },
    // express (destructured require): Router from express.
    {
      code: `
const { Router } = require('express');
const router = Router();
const tokens = new Set();
router.post('/tokens', (req, res) => {
  tokens.add(req.body.token);
  res.status(201).end();
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'tokens', write: 'tokens.add()', where: 'POST /tokens' },
          line: 6,
          column: 3,
          endColumn: 29,
        },
      ],
    },
    // express (namespace import, aliased local).
    {
      code: `
import * as web from 'express';
const api = web.Router();
let lastQuery;
api.get('/search', (req, res) => {
  lastQuery = req.query.q;
  res.json(search(lastQuery));
});
export default api;
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'lastQuery', write: 'lastQuery = …', where: 'GET /search' },
          line: 6,
          column: 3,
          endColumn: 26,
        },
      ],
    },
    // fastify: a plugin function registering a route.
    {
      code: `
import type { FastifyInstance } from 'fastify';
const carts = {};
export default async function cartRoutes(fastify: FastifyInstance) {
  fastify.put('/carts/:id', async (request) => {
    Object.assign(carts, { [request.params.id]: request.body });
    return { ok: true };
  });
}
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'carts', write: 'Object.assign(carts, …)', where: 'PUT /carts/:id' },
          line: 6,
          column: 5,
          endColumn: 64,
        },
      ],
    },
    // nestjs: a controller helper called through `this`.
    {
      code: `
import { Controller, Param, Post } from '@nestjs/common';
const votes = new Map<string, number>();
@Controller('polls')
export class PollsController {
  @Post(':id/vote')
  vote(@Param('id') id: string) {
    return this.count(id);
  }
  private count(id: string) {
    votes.set(id, (votes.get(id) ?? 0) + 1);
    return votes.get(id);
  }
}
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'votes', write: 'votes.set()', where: 'POST /polls/:id/vote' },
          line: 11,
          column: 5,
          endColumn: 44,
        },
      ],
    },
    // A cache keyed by parsed request input grows with every new value.
    {
      code: `
import { Hono } from 'hono';
import { z } from 'zod';
const Query = z.object({ city: z.string() });
const forecasts = new Map();
const app = new Hono();
app.get('/forecast', async (c) => {
  const { city } = Query.parse(c.req.query());
  if (!forecasts.has(city)) forecasts.set(city, await fetchForecast(city));
  return c.json(forecasts.get(city));
});
`,
      errors: [
        {
          messageId: 'requestStateInModuleScope',
          data: { name: 'forecasts', write: 'forecasts.set()', where: 'GET /forecast' },
          line: 9,
          column: 29,
          endColumn: 75,
        },
      ],
    },
  ],
});
