import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ProjectIndex } from '../../src/project-index/index.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes a service and returns its project index. */
function indexOf(files: Record<string, string>): { index: ProjectIndex; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'api-audit-chains-'));
  roots.push(root);
  for (const [path, text] of Object.entries({ 'package.json': '{ "name": "service", "private": true }', ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { index: new ProjectIndex(root), root };
}

/** The chains the index gives `file`, without ranges: what runs before its instances' routes. */
function chainsOf(index: ProjectIndex, file: string): unknown {
  return (index.factsFor(file).appChains ?? []).map(({ middleware, complete }) => ({
    complete,
    middleware: middleware.map(({ name, kind, path, file: at, line, authenticates, canReject, hook }) => ({
      name,
      kind,
      path,
      at: `${at}:${line}`,
      ...(hook === undefined ? {} : { hook }),
      ...(authenticates === undefined ? {} : { authenticates, canReject }),
    })),
  }));
}

describe('project index: middleware chains of mounted instances', () => {
  it('gives an Express router the app middleware registered before its mount, with full paths, in order', () => {
    const { index, root } = indexOf({
      'src/app.ts': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import { orders } from './routes/orders';",
        "import { users } from './routes/users';",
        'const app = express();',
        'app.use(express.json());',
        "app.use('/api', passport.authenticate('jwt', { session: false }));",
        "app.use('/api/users', users);",
        'app.use((req, res, next) => { res.setHeader("x-a", "1"); next(); });',
        "app.use('/api/orders', orders);",
        'app.use((req, res, next) => { if (!req.headers.authorization) return res.status(401).end(); next(); });',
        'app.listen(3000);',
      ].join('\n'),
      'src/routes/orders.ts': [
        "import { Router } from 'express';",
        'export const orders = Router();',
        "orders.post('/', (req, res) => res.status(201).end());",
      ].join('\n'),
      'src/routes/users.ts': [
        "import { Router } from 'express';",
        'export const users = Router();',
        "users.post('/', (req, res) => res.status(201).end());",
      ].join('\n'),
    });
    // The users router, mounted before at another path, is not in the orders router's chain.
    expect(chainsOf(index, join(root, 'src/routes/orders.ts'))).toEqual([
      {
        complete: true,
        middleware: [
          { name: 'express.json', kind: 'middleware', path: '', at: 'src/app.ts:6' },
          { name: 'passport.authenticate', kind: 'middleware', path: '/api', at: 'src/app.ts:7' },
          {
            name: null,
            kind: 'middleware',
            path: '',
            at: 'src/app.ts:9',
            authenticates: false,
            canReject: false,
          },
        ],
      },
    ]);
  });

  it('follows an app handed to a function and a router mounted on a router, and marks several mounts incomplete', () => {
    const { index, root } = indexOf({
      'src/server.js': [
        "const express = require('express');",
        "const { requireUser } = require('./auth');",
        'const app = express();',
        "require('./routes')(app);",
        'app.use(requireUser);',
        "app.use('/a', require('./shared'));",
        "app.use('/b', require('./shared'));",
        'module.exports = app;',
      ].join('\n'),
      'src/routes.js': [
        "const { Router } = require('express');",
        'module.exports = function (app) {',
        '  const api = Router();',
        "  app.use('/v1', api);",
        "  api.use('/notes', require('./notes'));",
        '};',
      ].join('\n'),
      'src/notes.js': [
        "const { Router } = require('express');",
        'const router = Router();',
        "router.post('/', (req, res) => res.end());",
        'module.exports = router;',
      ].join('\n'),
      'src/shared.js': [
        "const { Router } = require('express');",
        'const router = Router();',
        "router.delete('/:id', (req, res) => res.end());",
        'module.exports = router;',
      ].join('\n'),
      'src/auth.js': 'exports.requireUser = (req, res, next) => next();',
    });
    // `requireUser` is registered after `require('./routes')(app)`: it does not run before the notes routes.
    expect(chainsOf(index, join(root, 'src/notes.js'))).toEqual([{ complete: true, middleware: [] }]);
    expect(chainsOf(index, join(root, 'src/shared.js'))).toEqual([{ complete: false, middleware: [] }]);
  });

  it('gives a Fastify plugin the hooks of the scope it is registered in, registered before or after it', () => {
    const { index, root } = indexOf({
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import users from './users';",
        'const app = Fastify();',
        "app.register(users, { prefix: '/users' });",
        "app.addHook('onRequest', async (request) => { await request.jwtVerify(); });",
        "app.addHook('onSend', async () => {});",
      ].join('\n'),
      'src/users.ts': [
        "import type { FastifyInstance } from 'fastify';",
        'export default async function users(app: FastifyInstance) {',
        "  app.post('/', async () => ({ ok: true }));",
        '}',
      ].join('\n'),
    });
    expect(chainsOf(index, join(root, 'src/users.ts'))).toEqual([
      {
        complete: true,
        middleware: [
          {
            name: null,
            kind: 'hook',
            hook: 'onRequest',
            path: '',
            at: 'src/app.ts:5',
            authenticates: true,
            canReject: false,
          },
          {
            name: null,
            kind: 'hook',
            hook: 'onSend',
            path: '',
            at: 'src/app.ts:6',
            authenticates: false,
            canReject: false,
          },
        ],
      },
    ]);
  });
});
