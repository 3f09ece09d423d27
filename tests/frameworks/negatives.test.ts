import { describe, expect, it } from 'vitest';

import { modelOf } from './route-model-harness.js';

/** Code that looks like route registration to a name-based matcher but registers no route. */
describe('route model negatives', () => {
  it('Map and LRU cache get/delete', () => {
    const code = `
import { LRUCache } from 'lru-cache';
const cache = new LRUCache({ max: 100 });
const map = new Map();
cache.get('/users', () => 1);
map.delete('/users/:id', () => 1);
`;
    expect(modelOf(code)).toMatchObject({ apps: [], routes: [], middleware: [] });
  });

  it('HTTP clients: axios, got, ky, fetch wrappers', () => {
    const code = `
import axios from 'axios';
import got from 'got';
const api = axios.create({ baseURL: 'https://api.example.com' });
await api.get('/users', { params: { page: 1 } });
await axios.post('/orders', body, { headers });
await got.put('https://x.test/items/1', { json: item });
const client = { get: (url, opts) => fetch(url, opts) };
client.get('/health', () => {});
`;
    expect(modelOf(code).routes).toEqual([]);
  });

  it('lodash _.get and _.set', () => {
    expect(
      modelOf(`import _ from 'lodash';\nconst v = _.get(obj, 'a.b', () => 1);\n_.set(obj, '/x', () => 2);`).routes,
    ).toEqual([]);
  });

  it('EventEmitter on/use and socket handlers', () => {
    const code = `
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
bus.on('/orders', (order) => {});
process.on('uncaughtException', (err) => {});
`;
    expect(modelOf(code)).toMatchObject({ apps: [], routes: [], middleware: [] });
  });

  it('commander commands and actions', () => {
    const code = `
import { Command } from 'commander';
const program = new Command();
program.command('get <path>').action(async (path) => {});
program.command('delete').option('-f').action(() => {});
`;
    expect(modelOf(code).routes).toEqual([]);
  });

  it('vue-router routes and router.push', () => {
    const code = `
import { createRouter, createWebHistory } from 'vue-router';
const router = createRouter({ history: createWebHistory(), routes: [{ path: '/users', component: Users }] });
router.get?.('/users', () => {});
router.push('/users');
router.beforeEach((to, from) => {});
`;
    expect(modelOf(code)).toMatchObject({ apps: [], routes: [], middleware: [] });
  });

  it('tRPC client calls', () => {
    const code = `
import { createTRPCProxyClient, httpBatchLink } from '@trpc/client';
const trpc = createTRPCProxyClient({ links: [httpBatchLink({ url: '/api/trpc' })] });
const user = await trpc.user.get.query({ id: 1 });
await trpc.order.post.mutate({ item });
`;
    expect(modelOf(code).routes).toEqual([]);
  });

  it('an express app is never confused with a same-named client in another scope', () => {
    const code = `
import express from 'express';
const app = express();
export function fetchUsers(app: { get(url: string, cb: () => void): void }) {
  app.get('/users', () => {});
}
app.get('/real', (req, res) => {});
`;
    expect(modelOf(code).routes.map((route) => route.path)).toEqual(['/real']);
  });
});

describe('request-path functions by their types (registered in another file)', () => {
  const typed = (code: string, filename?: string): string[] =>
    [...modelOf(code, filename ? { filename } : {}).requestFunctions.entries()].map(
      ([fn, typing]) => `${typing.framework} ${typing.typeName} ${fn.loc.start.line}:${fn.loc.start.column}`,
    );

  it('finds a parameter or binding of each framework’s request types, imported from the framework', () => {
    expect(
      typed(`
import type { Request, Response, RequestHandler } from 'express';
import type { Context } from 'koa';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import type { NextRequest } from 'next/server';
export async function getUser(req: Request, res: Response) { res.json({}); }
export const listUsers: RequestHandler = (req, res) => { res.json([]); };
export async function showBook(ctx: Context) { ctx.body = {}; }
export async function createOrder(request: FastifyRequest, reply: FastifyReply) { return reply.send({}); }
@Injectable()
export class AdminGuard { canActivate(context: ExecutionContext) { return true; } }
export function readToken(request: NextRequest) { return request.headers.get('authorization'); }
`),
    ).toEqual([
      'express Request 7:7',
      'express RequestHandler 8:41',
      'fastify FastifyReply 10:7',
      'nestjs ExecutionContext 12:37',
      'koa Context 9:7',
      'nextjs NextRequest 13:7',
    ]);
  });

  it('leaves out the Fetch API’s global Request, a local type of the same name, and registered handlers', () => {
    expect(
      typed(`
import express, { type Request } from 'express';
interface Context { body: unknown }
export async function proxy(request: globalThis.Request) { return fetch(request); }
export function render(ctx: Context) { ctx.body = 1; }
const app = express();
app.get('/x', (req: Request, res) => res.end());
`),
    ).toEqual([]);
  });
});
