import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';

import rule from '../../src/rules/require-input-validation.js';

const ruleTester = new RuleTester();
/** CommonJS cases (`require` tracked as a global); rule-tester's `TestLanguageOptions` lacks `sourceType`. */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

/** What each framework's message says to validate with. */
const EXPRESS = 'a schema (`Schema.parse(req.body)`) or validation middleware (express-validator, celebrate)';
const FASTIFY = 'the route `schema` (`body`, `querystring`, `params`, `headers`)';
const HONO = 'a validator middleware (`zValidator`) and `c.req.valid()`';
const KOA = 'a schema (`Schema.parse(ctx.request.body)`) or validation middleware';
const NEXT = 'a schema (`Schema.parse(await request.json())`, `Schema.parse(req.body)` in `pages/api`)';
const NEST = 'a DTO class under `ValidationPipe` or a pipe on the parameter (`ParseIntPipe`)';

/**
 * Small services on disk, for the cases that need the project index: a Nest bootstrap file whose global
 * pipes decide, and handlers registered in another file. Each linted file is written with its code.
 */
const service = mkdtempSync(join(tmpdir(), 'api-audit-input-validation-'));
afterAll(() => rmSync(service, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(service, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

write('package.json', JSON.stringify({ name: 'input-validation-service', private: true }));

// Nest, no global pipe: DTO classes are not checked.
write(
  'nest-plain/src/main.ts',
  `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
bootstrap();
`,
);
// Nest with a global ValidationPipe (no transform).
write(
  'nest-validated/src/main.ts',
  `import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  await app.listen(3000);
}
bootstrap();
`,
);

const NEST_PLAIN_CONTROLLER = `import { Body, Controller, Post } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
import { CreateNoteDto } from './dto/create-note.dto';
const prisma = new PrismaClient();
@Controller('notes')
export class NotesController {
  @Post()
  create(@Body() dto: CreateNoteDto) {
    return prisma.note.create({ data: dto });
  }
}
`;
const NEST_VALIDATED_CONTROLLER = NEST_PLAIN_CONTROLLER;
const NEST_LIMIT_CONTROLLER = `import { Controller, Get, Query } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
@Controller('notes')
export class NotesController {
  @Get()
  list(@Query('limit') limit: number) {
    return prisma.note.findMany({ take: limit });
  }
}
`;
const NEST_LIMIT_CONTROLLER_FIXED = `import { Controller, Get, Query, ParseIntPipe } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
@Controller('notes')
export class NotesController {
  @Get()
  list(@Query('limit', ParseIntPipe) limit: number) {
    return prisma.note.findMany({ take: limit });
  }
}
`;
const nestPlainFile = write('nest-plain/src/notes/notes.controller.ts', NEST_PLAIN_CONTROLLER);
const nestValidatedFile = write('nest-validated/src/notes/notes.controller.ts', NEST_VALIDATED_CONTROLLER);
const nestLimitFile = write('nest-validated/src/notes/limit.controller.ts', NEST_LIMIT_CONTROLLER);

// Express: handlers in controller files, registered in a routes file (one route behind a validator).
write(
  'express-split/src/routes.ts',
  `import { Router } from 'express';
import { createUser } from './controllers/create-user';
import { renameUser } from './controllers/rename-user';
import { validateBody } from './middleware/validate';
export const router = Router();
router.post('/users', createUser);
router.patch('/users/:id', validateBody, renameUser);
`,
);
const CREATE_USER = `import type { Request, Response } from 'express';
import { User } from '../models/user';
export async function createUser(req: Request, res: Response) {
  const user = await User.create(req.body);
  res.status(201).json(user);
}
`;
const RENAME_USER = `import type { Request, Response } from 'express';
import { User } from '../models/user';
export async function renameUser(req: Request, res: Response) {
  await User.updateOne({ _id: req.params.id }, { name: req.body.name });
  res.sendStatus(204);
}
`;
const createUserFile = write('express-split/src/controllers/create-user.ts', CREATE_USER);
const renameUserFile = write('express-split/src/controllers/rename-user.ts', RENAME_USER);
write(
  'express-split/src/models/user.ts',
  `import mongoose from 'mongoose';
export const User = mongoose.model('User', new mongoose.Schema({ name: String }));
`,
);

ruleTester.run('require-input-validation', rule, {
  valid: [
    // Next.js: the body is parsed by a zod schema before it is stored.
    {
      code: `
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const CreatePost = z.object({ title: z.string().min(1), body: z.string() });
export async function POST(req: Request) {
  const body = CreatePost.parse(await req.json());
  const post = await prisma.post.create({ data: body });
  return Response.json(post, { status: 201 });
}
`,
      filename: '/srv/blog/app/api/posts/route.ts',
    },
    // Next.js: `safeParse` whose failure returns early.
    {
      code: `
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const Body = z.object({ name: z.string() });
export async function POST(request: Request) {
  const json = await request.json();
  const parsed = Body.safeParse(json);
  if (!parsed.success) return Response.json({ error: 'invalid' }, { status: 400 });
  await prisma.team.create({ data: json });
  return Response.json({ ok: true });
}
`,
      filename: '/srv/blog/app/api/teams/route.ts',
    },
    // Express: express-validator chains, then `validationResult(req)`.
    `
import express from 'express';
import { body, validationResult } from 'express-validator';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.post('/signup', body('email').isEmail(), body('name').isLength({ min: 1 }), async (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
  const user = await prisma.user.create({ data: { email: req.body.email, name: req.body.name } });
  res.json(user);
});
`,
    // Express: an array of express-validator checks as route middleware.
    `
import { Router } from 'express';
import { check } from 'express-validator';
import mongoose from 'mongoose';
const Item = mongoose.model('Item', new mongoose.Schema({ name: String }));
const router = Router();
router.put('/items/:id', [check('name').isString().trim()], async (req, res) => {
  await Item.updateOne({ _id: req.params.id }, { name: req.body.name });
  res.sendStatus(204);
});
`,
    // Express: celebrate.
    `
import { Router } from 'express';
import { celebrate, Joi, Segments } from 'celebrate';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const router = Router();
router.post(
  '/orders',
  celebrate({ [Segments.BODY]: Joi.object({ sku: Joi.string().required(), qty: Joi.number().integer() }) }),
  async (req, res) => {
    res.json(await prisma.order.create({ data: req.body }));
  },
);
`,
    // Express: app-level validation middleware registered before the route.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { validateRequest } from './middleware/validate-request';
const prisma = new PrismaClient();
const app = express();
app.use(validateRequest);
app.post('/notes', async (req, res) => {
  res.json(await prisma.note.create({ data: req.body }));
});
`,
    // Express: joi `validate` in the handler.
    `
import express from 'express';
import Joi from 'joi';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const schema = Joi.object({ title: Joi.string().required() });
const app = express();
app.post('/todos', async (req, res) => {
  const { error, value } = schema.validate(req.body);
  if (error) return res.status(400).send(error.message);
  res.json(await prisma.todo.create({ data: req.body }));
});
`,
    // Fastify: the route schema declares the body.
    `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
const createUserSchema = {
  body: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
};
app.post('/users', { schema: createUserSchema }, async (request) => {
  return prisma.user.create({ data: request.body });
});
`,
    // Fastify + TypeBox: the schema of the route object form.
    `
import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.route({
  method: 'GET',
  url: '/users',
  schema: { querystring: Type.Object({ email: Type.String() }) },
  handler: async (request) => prisma.user.findMany({ where: { email: request.query.email } }),
});
`,
    // Koa: TypeBox `Value.Check` in the handler.
    `
import Router from '@koa/router';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const Tag = Type.Object({ name: Type.String() });
const router = new Router();
router.post('/tags', async (ctx) => {
  if (!Value.Check(Tag, ctx.request.body)) ctx.throw(400);
  ctx.body = await prisma.tag.create({ data: ctx.request.body });
});
`,
    // Hono: zValidator, then `c.req.valid('json')`.
    `
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = new Hono();
app.post('/keys', zValidator('json', z.object({ name: z.string() })), async (c) => {
  const input = c.req.valid('json');
  return c.json(await prisma.key.create({ data: input }));
});
`,
    // Hono: a query value is text; Prisma binds it (see the docs' stance on the data layer).
    `
import { Hono } from 'hono';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = new Hono();
app.get('/keys', async (c) => c.json(await prisma.key.findMany({ where: { ownerId: c.req.query('owner') } })));
`,
    // Express: a path parameter is text; the ORM binds it.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await prisma.user.findUnique({ where: { id: req.params.id } }));
});
`,
    // Express: converted to numbers before the query.
    `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/posts', async (req, res) => {
  const page = parseInt(req.query.page as string, 10) || 1;
  const take = Number(req.query.limit);
  res.json(await prisma.post.findMany({ skip: (page - 1) * take, take, where: { published: req.query.draft === 'true' } }));
});
`,
    // Express: `+x` and `Boolean(x)`.
    `
import express from 'express';
import mongoose from 'mongoose';
const Post = mongoose.model('Post', new mongoose.Schema({ n: Number }));
const app = express();
app.get('/posts/top', async (req, res) => {
  res.json(await Post.find({ score: { $gte: +req.query.min } }).limit(Boolean(req.query.all) ? 0 : 10));
});
`,
    // Express: a `typeof` guard before the query.
    `
import express from 'express';
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ email: String }));
const app = express();
app.post('/login', async (req, res) => {
  const { email } = req.body;
  if (typeof email !== 'string') return res.sendStatus(400);
  res.json(await User.findOne({ email }));
});
`,
    // Express: an allowlist guard before the file read.
    `
import express from 'express';
import { readFile } from 'node:fs/promises';
const REPORTS = ['daily', 'weekly'];
const app = express();
app.get('/reports/:name', async (req, res) => {
  if (!REPORTS.includes(req.params.name)) return res.sendStatus(404);
  res.type('text/csv').send(await readFile(\`/var/reports/\${req.params.name}.csv\`));
});
`,
    // Express: a regex guard before the shell command.
    `
import express from 'express';
import { execFile } from 'node:child_process';
const app = express();
app.post('/ping', (req, res) => {
  const host = req.body.host;
  if (!/^[a-z0-9.-]+$/i.test(host)) return res.sendStatus(400);
  execFile('ping', ['-c', '1', host], (error, stdout) => res.json({ stdout }));
});
`,
    // Express: `path.basename` keeps only the last segment; `sendFile` with `root` refuses `..`.
    `
import express from 'express';
import fs from 'fs';
import path from 'path';
const app = express();
app.get('/avatars/:file', (req, res) => {
  fs.stat(path.join('/srv/avatars', path.basename(req.params.file)), () => {});
  res.sendFile(req.params.file, { root: '/srv/avatars' });
});
`,
    // Express: JSON responses are not rendered.
    `
import express from 'express';
const app = express();
app.post('/echo', (req, res) => {
  res.json({ received: req.body.message });
  res.send(req.body);
});
`,
    // Express: an own validator named by the option.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { checkInput } from './input';
const prisma = new PrismaClient();
const app = express();
app.post('/notes', async (req, res) => {
  checkInput(req.body);
  res.json(await prisma.note.create({ data: req.body }));
});
`,
      options: [{ additionalValidators: ['checkInput'] }],
    },
    // Express: a function with `(req, res)` that no route registers is not a handler here.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function create(req: { body: unknown }) {
  return prisma.note.create({ data: req.body as never });
}
`,
    // Tests never serve requests.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.post('/notes', async (req, res) => res.json(await prisma.note.create({ data: req.body })));
`,
      filename: '/srv/api/test/helpers.ts',
    },
    // Nest: a DTO class and no way to see the global pipes (no bootstrap file): silent.
    `
import { Body, Controller, Post } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
import { CreateNoteDto } from './dto/create-note.dto';
const prisma = new PrismaClient();
@Controller('notes')
export class NotesController {
  @Post()
  create(@Body() dto: CreateNoteDto) {
    return prisma.note.create({ data: dto });
  }
}
`,
    // Nest: a DTO class under a global ValidationPipe in main.ts.
    { code: NEST_VALIDATED_CONTROLLER, filename: nestValidatedFile },
    // Nest: a pipe on the parameter.
    `
import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
@Controller('files')
export class FilesController {
  @Get(':id')
  read(@Param('id', ParseIntPipe) id: number) {
    return readFile(\`/data/\${id}.json\`, 'utf8');
  }
}
`,
    // Cross-file: a handler registered behind a validator in another file.
    { code: RENAME_USER, filename: renameUserFile },
    // A local `fs` that is not the module.
    `
import express from 'express';
const fs = { readFile: (path: string) => path };
const app = express();
app.get('/x/:name', (req, res) => {
  res.json(fs.readFile(req.params.name));
});
`,
    // Koa: a text body that does not start with markup is served as text/plain.
    `
import Router from '@koa/router';
const router = new Router();
router.get('/greet', (ctx) => {
  ctx.body = \`Hello \${ctx.query.name}\`;
});
`,
    // Fastify: a schema given by a name the rule cannot read stays silent.
    `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
import { routeOptions } from './options';
const prisma = new PrismaClient();
const app = Fastify();
app.post('/users', routeOptions, async (request) => prisma.user.create({ data: request.body }));
`,
    // Mongoose `runValidators: true` casts and checks the update against the schema.
    `
import { Router } from 'express';
import mongoose from 'mongoose';
const Store = mongoose.model('Store', new mongoose.Schema({ name: { type: String, required: true } }));
export const stores = Router();
stores.post('/stores/:id', async (req, res) => {
  res.json(await Store.findOneAndUpdate({ _id: req.params.id }, req.body, { new: true, runValidators: true }));
});
`,
    // A job endpoint only another service calls, with a shared secret from configuration.
    {
      code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const token = req.headers.authorization?.split(' ')[1];
  if (token !== process.env.INTERNAL_API_KEY) return res.status(401).end();
  await prisma.view.update({ where: { id: req.body.viewId }, data: { notified: true } });
  res.status(200).end();
}
`,
      filename: '/srv/web/pages/api/jobs/notify.ts',
    },
    // A check named like one (`isValidSlug`, `verify…`) that is given the value.
    `
import express from 'express';
import mongoose from 'mongoose';
import { isValidSlug } from './slugs';
const Page = mongoose.model('Page', new mongoose.Schema({ slug: String }));
const app = express();
app.get('/pages', async (req, res) => {
  const { slug } = req.body;
  if (!isValidSlug(slug)) return res.sendStatus(400);
  res.json(await Page.findOne({ slug }));
});
`,
    // Koa: a middleware factory given a schema per part of the request (`koaGuard({ body })`).
    `
import Router from '@koa/router';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
import { koaGuard } from './middleware/koa-guard';
const prisma = new PrismaClient();
const router = new Router();
router.post('/roles', koaGuard({ body: z.object({ name: z.string() }) }), async (ctx) => {
  ctx.body = await prisma.role.create({ data: ctx.request.body });
});
`,
  ],
  invalid: [
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.post('/notes', async (req, res) => {
  res.status(201).json(await prisma.note.create({ data: req.body }));
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.body', sink: 'a database call', label: 'prisma.note.create', how: EXPRESS },
          line: 7,
          column: 57,
          endLine: 7,
          endColumn: 65,
          suggestions: null,
        },
      ],
    },
    {
      code: `
const express = require('express');
const mongoose = require('mongoose');
const User = mongoose.model('User', new mongoose.Schema({ email: String }));
const router = express.Router();
router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email });
  res.json({ ok: Boolean(user && password) });
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.body.email', sink: 'a database call', label: 'User.findOne', how: EXPRESS },
          line: 8,
          column: 37,
          endLine: 8,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import { Router } from 'express';
import mongoose from 'mongoose';
const Post = mongoose.model('Post', new mongoose.Schema({ tag: String }));
export const posts = Router();
posts.get('/posts', async (req, res) => {
  res.json(await Post.find({ tag: req.query.tag }));
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.query.tag', sink: 'a database call', label: 'Post.find', how: EXPRESS },
          line: 7,
          column: 35,
          endLine: 7,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
const app = express();
app.get('/files/:name', (req, res) => {
  fs.createReadStream(path.join('/srv/uploads', req.params.name)).pipe(res);
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.params.name', sink: 'a file path', label: 'fs.createReadStream', how: EXPRESS },
          line: 7,
          column: 49,
          endLine: 7,
          endColumn: 64,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import express from 'express';
import { exec } from 'child_process';
const app = express();
app.post('/convert', (req, res) => {
  const { file } = req.body;
  exec(\`convert \${file} \${file}.png\`, (error) => res.sendStatus(error ? 500 : 204));
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.body.file', sink: 'a shell command', label: 'child_process.exec', how: EXPRESS },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 23,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.query.name', sink: 'an HTML response', label: 'res.send', how: EXPRESS },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/download', (req, res) => {
  res.download(\`/srv/exports/\${req.query.file}\`);
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.query.file', sink: 'a file path', label: 'res.download', how: EXPRESS },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.put('/users/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string' } } } } }, async (request) => {
  return prisma.user.update({ where: { id: request.params.id }, data: request.body });
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'request.body', sink: 'a database call', label: 'prisma.user.update', how: FASTIFY },
          line: 7,
          column: 71,
          endLine: 7,
          endColumn: 83,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
import { readFile } from 'node:fs/promises';
const app = Fastify();
app.get('/docs', async (request, reply) => {
  const { page } = request.query;
  return readFile(\`./docs/\${page}.md\`, 'utf8');
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'request.query.page', sink: 'a file path', label: 'fs.readFile', how: FASTIFY },
          line: 7,
          column: 29,
          endLine: 7,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = new Hono();
app.post('/keys', async (c) => {
  const body = await c.req.json();
  return c.json(await prisma.key.create({ data: body }));
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'body', sink: 'a database call', label: 'prisma.key.create', how: HONO },
          line: 8,
          column: 49,
          endLine: 8,
          endColumn: 53,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/search', (c) => c.html(\`<p>Results for \${c.req.query('q')}</p>\`));
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: "c.req.query('q')", sink: 'an HTML response', label: 'c.html', how: HONO },
          line: 4,
          column: 52,
          endLine: 4,
          endColumn: 68,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import Router from '@koa/router';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const router = new Router();
router.post('/tags', async (ctx) => {
  ctx.body = await prisma.tag.create({ data: ctx.request.body });
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'ctx.request.body', sink: 'a database call', label: 'prisma.tag.create', how: KOA },
          line: 7,
          column: 46,
          endLine: 7,
          endColumn: 62,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import Router from '@koa/router';
import { spawn } from 'node:child_process';
const router = new Router();
router.post('/jobs/:name', async (ctx) => {
  spawn('run-job', [ctx.params.name]);
  ctx.status = 202;
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'ctx.params.name', sink: 'a shell command', label: 'child_process.spawn', how: KOA },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 36,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function POST(request: Request) {
  const data = await request.json();
  const team = await prisma.team.create({ data });
  return Response.json(team);
}
`,
      filename: '/srv/web/app/api/teams/route.ts',
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'data', sink: 'a database call', label: 'prisma.team.create', how: NEXT },
          line: 6,
          column: 43,
          endLine: 6,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import { readFile } from 'node:fs/promises';
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return new Response(await readFile(\`content/\${slug}.mdx\`, 'utf8'));
}
`,
      filename: '/srv/web/app/docs/[slug]/route.ts',
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'params.slug', sink: 'a file path', label: 'fs.readFile', how: NEXT },
          line: 5,
          column: 49,
          endLine: 5,
          endColumn: 53,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const comment = await prisma.comment.create({ data: req.body });
  res.status(201).json(comment);
}
`,
      filename: '/srv/web/pages/api/comments.ts',
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.body', sink: 'a database call', label: 'prisma.comment.create', how: NEXT },
          line: 6,
          column: 55,
          endLine: 6,
          endColumn: 63,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import { Controller, Get, Query } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
@Controller('exports')
export class ExportsController {
  @Get()
  read(@Query('name') name: string) {
    return readFile(\`/srv/exports/\${name}\`, 'utf8');
  }
}
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'name', sink: 'a file path', label: 'fs.readFile', how: NEST },
          line: 8,
          column: 37,
          endLine: 8,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      code: `
import express from 'express';
import { exec } from 'node:child_process';
const app = express();
app.get('/dig', (req, res) => {
  const host = req.query.host;
  exec('dig ' + host + ' && whois ' + host, (error, stdout) => res.json({ stdout }));
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.query.host', sink: 'a shell command', label: 'child_process.exec', how: EXPRESS },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 21,
          suggestions: null,
        },
      ],
    },
    // Nest: no global pipe in main.ts, so the DTO class is never checked.
    {
      code: NEST_PLAIN_CONTROLLER,
      filename: nestPlainFile,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'dto', sink: 'a database call', label: 'prisma.note.create', how: NEST },
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    // Nest: `ValidationPipe` without `transform` leaves a `number` query parameter a string: suggest its parse pipe.
    {
      code: NEST_LIMIT_CONTROLLER,
      filename: nestLimitFile,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'limit', sink: 'a database call', label: 'prisma.note.findMany', how: NEST },
          line: 8,
          column: 41,
          endLine: 8,
          endColumn: 46,
          suggestions: [
            { messageId: 'addParsePipe', data: { pipe: 'ParseIntPipe' }, output: NEST_LIMIT_CONTROLLER_FIXED },
          ],
        },
      ],
    },
    // Cross-file: a handler registered in routes.ts without any validator.
    {
      code: CREATE_USER,
      filename: createUserFile,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.body', sink: 'a database call', label: 'User.create', how: EXPRESS },
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    // Import forms: a namespace import and an aliased named import of `fs`.
    {
      code: `
import express from 'express';
import * as fs from 'node:fs';
import { writeFile as save } from 'node:fs/promises';
const app = express();
app.put('/notes/:slug', async (req, res) => {
  await save(\`/srv/notes/\${req.params.slug}.md\`, String(req.body.text));
  fs.unlinkSync(\`/srv/drafts/\${req.params.slug}\`);
  res.sendStatus(204);
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.params.slug', sink: 'a file path', label: 'fs.writeFile', how: EXPRESS },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 43,
          suggestions: null,
        },
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.params.slug', sink: 'a file path', label: 'fs.unlinkSync', how: EXPRESS },
          line: 8,
          column: 32,
          endLine: 8,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    // Fastify: the schema covers the query string, not the body.
    {
      code: `
import Fastify from 'fastify';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = Fastify();
app.post('/search', { schema: { querystring: { type: 'object', properties: { q: { type: 'string' } } } } }, async (request) => {
  return prisma.search.create({ data: { q: request.query.q, filters: request.body } });
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'request.body', sink: 'a database call', label: 'prisma.search.create', how: FASTIFY },
          line: 7,
          column: 70,
          endLine: 7,
          endColumn: 82,
          suggestions: null,
        },
      ],
    },
    // Hono: a path parameter into a file path.
    {
      code: `
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
const app = new Hono();
app.get('/themes/:name', async (c) => {
  const name = c.req.param('name');
  return c.text(await readFile('themes/' + name + '.css', 'utf8'));
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'name', sink: 'a file path', label: 'fs.readFile', how: HONO },
          line: 7,
          column: 44,
          endLine: 7,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    // Koa: a query value in an HTML body.
    {
      code: `
import Router from '@koa/router';
const router = new Router();
router.get('/greet', (ctx) => {
  ctx.body = \`<h1>Hello \${ctx.query.name}</h1>\`;
});
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'ctx.query.name', sink: 'an HTML response', label: 'ctx.body', how: KOA },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    // A validator middleware registered after the route does not run before it.
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { validateRequest } from './middleware/validate-request';
const prisma = new PrismaClient();
const app = express();
app.post('/notes', async (req, res) => {
  res.json(await prisma.note.create({ data: req.body }));
});
app.use(validateRequest);
`,
      errors: [
        {
          messageId: 'unvalidatedInput',
          data: { input: 'req.body', sink: 'a database call', label: 'prisma.note.create', how: EXPRESS },
          line: 8,
          column: 45,
          endLine: 8,
          endColumn: 53,
          suggestions: null,
        },
      ],
    },
  ],
});
