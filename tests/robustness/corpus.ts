/**
 * Source files of unusual but valid shapes, written for the robustness test: every rule must run
 * over each without throwing, and stay silent where it does not understand a shape.
 */
export interface CorpusFile {
  name: string;
  filename: string;
  code: string;
  /** Parse as a script with CommonJS globals. */
  commonjs?: boolean;
}

export const corpus: CorpusFile[] = [
  { name: 'empty file', filename: 'src/empty.ts', code: '' },
  {
    name: 'only comments',
    filename: 'src/comments.ts',
    code: '// nothing here\n/* still nothing */\n/** @deprecated */\n',
  },
  {
    name: 'CommonJS module with require, module.exports and a router',
    filename: 'src/legacy.js',
    commonjs: true,
    code: `
'use strict';
const express = require('express');
const fs = require('fs');
const router = express.Router();
router.get('/a', function (req, res) { res.send(fs.readFileSync(__dirname + '/a.txt')); });
module.exports = router;
module.exports.helper = () => require('./other')(router);
`,
  },
  {
    name: 'JSX component next to a route file shape',
    filename: 'src/components/Page.jsx',
    code: `
import React from 'react';
export default function Page({ items }) {
  return <ul>{items.map((item) => <li key={item.id} onClick={() => fetch('/api/items/' + item.id)}>{item.name}</li>)}</ul>;
}
`,
  },
  {
    name: 'TSX with generics and a Next.js route-like default export',
    filename: 'app/dashboard/page.tsx',
    code: `
import { type ReactNode } from 'react';
export function List<T extends { id: string }>({ rows, render }: { rows: T[]; render: (row: T) => ReactNode }) {
  return <>{rows.map((row) => <div key={row.id}>{render(row)}</div>)}</>;
}
export default async function Page() { const res = await fetch('/api/x'); return <List rows={await res.json()} render={(r) => r.id} />; }
`,
  },
  {
    name: 'legacy decorators on a Nest controller with odd members',
    filename: 'src/odd.controller.ts',
    code: `
import { Controller, Get, Post, Body, UseGuards } from '@nestjs/common';
const dynamic = 'x';
@Controller()
@UseGuards(...guards)
export class OddController {
  static count = 0;
  #secret = 1;
  [dynamic]() {}
  @Get(dynamic) get() { return this.#secret; }
  @Post() async *stream(@Body() body: unknown) { yield body; }
  @Get('accessor') get value() { return 1; }
  declare readonly field: string;
  constructor(private readonly service?: { run(): void }) {}
}
`,
  },
  {
    name: 'TC39 decorators and accessors',
    filename: 'src/tc39.ts',
    code: `
function logged(value: unknown, context: ClassMethodDecoratorContext) { return value; }
export class Service {
  accessor count = 0;
  @logged run() { return this.count; }
}
`,
  },
  {
    name: 'declare module, overloads, namespaces, enums',
    filename: 'src/types.ts',
    code: `
declare module 'express' { interface Request { user?: { id: string } } }
declare global { var __app: unknown; }
export function pick(value: string): string;
export function pick(value: number): number;
export function pick(value: string | number) { return value; }
export namespace Routes { export const base = '/v1'; }
export enum Method { Get = 'GET', Post = 'POST' }
export const enum Flag { On = 1 }
export type Handler = (req: unknown, res: unknown) => void;
export abstract class Base { abstract handle(): void; }
`,
  },
  {
    name: 'generators, async generators and top-level await',
    filename: 'src/streams.ts',
    code: `
import Fastify from 'fastify';
const app = Fastify();
function* ids() { let i = 0; while (true) yield i++; }
async function* pages() { for await (const page of source()) yield page; }
app.get('/ids', async function* () { yield* ids(); });
await app.listen({ port: 0 });
for await (const page of pages()) console.log(page);
`,
  },
  {
    name: 'deeply nested callbacks inside a handler',
    filename: 'src/nested.js',
    code: `
import express from 'express';
import fs from 'fs';
const app = express();
app.get('/deep', (req, res) => {
  a(() => { b(() => { c(() => { d(() => { e(() => { f(() => { g(() => { h(() => { i(() => {
    res.send(fs.readFileSync('deep.txt'));
  }); }); }); }); }); }); }); }); });
});
`,
  },
  {
    name: 're-exports and export forms',
    filename: 'src/index.ts',
    code: `
export * from './routes/users.js';
export * as orders from './routes/orders.js';
export { default as app, default } from './app.js';
export { router as usersRouter } from './routes/users.js';
import express = require('express');
export = express;
`,
  },
  {
    name: 'odd framework calls: spreads, computed methods, loops, dynamic paths and handlers',
    filename: 'src/routes/odd.ts',
    code: `
import express, { Router } from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Router2 from '@koa/router';
const app = express();
const router = Router();
const method = 'get';
const handlers = [auth, (req, res) => res.end()];
router[method]('/computed', (req, res) => res.end());
router['post']('/literal-computed', ...handlers);
router.get(...['/spread', (req, res) => res.end()]);
for (const path of ['/a', '/b']) router.get(path, (req, res) => res.json({ path }));
['put', 'patch'].forEach((verb) => router[verb]('/x', (req, res) => res.end()));
router.get(makePath(), makeHandler());
router.get('/no-handler');
router.get();
app.use();
app.use(...middleware);
app.use('/odd', router, undefined, null, 42);
app.route(dynamicPath).get();
const f = Fastify();
f.route({ ...routeOptions });
f.route(buildRoute());
f.get('/f', null);
f.register();
f.register(42, { prefix: 7 });
const h = new Hono();
h.on([], '/empty', (c) => c.text(''));
h.on('PURGE', '/cache', (c) => c.text(''));
h.openapi(unknownRoute, (c) => c.json({}));
h.openapi();
h.route('/sub');
const k = new Router2({ prefix: dynamicPrefix });
k.get('/k', async (ctx) => { ctx.body = await load(); });
k.use(k.routes());
export default [app, f, h, k];
`,
  },
  {
    name: 'the same names as frameworks, but local',
    filename: 'src/local-names.ts',
    code: `
function express() { return { get(path: string, h: () => void) { h(); }, use() {} }; }
class Hono { get(p: string, h: () => void) { return this; } }
const fastify = (opts?: object) => ({ get: (p: string, h: () => void) => h(), register: () => undefined });
const readFileSync = (p: string) => p;
express().get('/x', () => readFileSync('x'));
new Hono().get('/y', () => readFileSync('y'));
fastify().get('/z', () => readFileSync('z'));
`,
  },
  {
    name: 'cors and secrets shapes that cannot be resolved',
    filename: 'src/config-shapes.ts',
    code: `
import cors from 'cors';
import jwt from 'jsonwebtoken';
import express from 'express';
const app = express();
app.use(cors(getOptions()));
app.use(cors({ ...base, origin: pickOrigin() }));
app.use(cors({ origin: [ ...origins, process.env.EXTRA ] }));
const key = process.env.JWT_SECRET;
export const token = (payload: object) => jwt.sign(payload, key!, { algorithm: 'HS256' });
export const weird = jwt.sign(...args);
app.get('/h', (req, res) => { res.setHeader(headerName(), headerValue()); res.set(); res.end(); });
`,
  },
];
