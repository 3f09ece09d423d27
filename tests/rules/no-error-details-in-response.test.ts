import { RuleTester, type TestLanguageOptions } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/no-error-details-in-response.js';

const ruleTester = new RuleTester();

/**
 * `languageOptions` of the CommonJS cases. ESLint reads `sourceType: 'commonjs'` (CommonJS globals,
 * `require` tracked as a global), but rule-tester 8.72's `TestLanguageOptions` type does not declare it.
 */
const commonjs: TestLanguageOptions & { sourceType: 'commonjs' } = { sourceType: 'commonjs' };

ruleTester.run('no-error-details-in-response', rule, {
  valid: [
    // express: the error is logged and the client gets a generic message
    `
import express from 'express';
import { logger } from './logger';
const app = express();
app.get('/orders', async (req, res) => {
  try {
    res.json(await listOrders());
  } catch (err) {
    logger.error({ err }, 'listing orders failed');
    res.status(500).json({ message: 'Internal Server Error' });
  }
});
`,
    // express: an error handler that shows only what http-errors marks `expose` (4xx)
    `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  if (err.expose) return res.status(err.status).json({ message: err.message });
  console.error(err);
  res.status(500).json({ message: 'Internal Server Error' });
});
`,
    // express: the service's own error class: its messages are written for clients
    `
import express from 'express';
import { AppError } from './errors';
const app = express();
app.use((err, req, res, next) => {
  if (err instanceof AppError) {
    return res.status(err.statusCode).json({ message: err.message });
  }
  res.status(500).json({ message: 'Something went wrong' });
});
`,
    // express: narrowed with http-errors `isHttpError` into a variable sent later
    `
import express from 'express';
import createError from 'http-errors';
const app = express();
app.use((err, req, res, next) => {
  let message = 'Internal Server Error';
  if (createError.isHttpError(err)) message = err.message;
  res.status(err.status ?? 500).json({ message });
});
`,
    // express: a status below 500, through a `const` with a fallback
    {
      code: `
const express = require('express');
const app = express();
app.use(function onError(err, req, res, next) {
  const status = err.statusCode || 500;
  res.status(status).json({ message: status < 500 ? err.message : 'Internal Server Error' });
});
`,
      languageOptions: commonjs,
    },
    // express: `statusCode === 500` in the `else` branch, after destructuring
    `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  const { statusCode = 500, message } = err;
  res.status(statusCode).json({ message: statusCode === 500 ? 'Internal Server Error' : message });
});
`,
    // express: the stack only in development (spread behind `NODE_ENV`)
    `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  res.status(500).json({
    message: 'Internal Server Error',
    ...(process.env.NODE_ENV === 'development' && { stack: err.stack }),
  });
});
`,
    // express: production answers early; what follows runs in development only
    `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  if (process.env.NODE_ENV === 'production') {
    return res.status(500).json({ message: 'Internal Server Error' });
  }
  res.status(500).json({ message: err.message, stack: err.stack });
});
`,
    // express: Express's own `app.get('env')` setting, and an `isProduction` flag
    `
import express from 'express';
const app = express();
const isProduction = process.env.NODE_ENV === 'production';
app.use((err, req, res, next) => {
  res.status(500).json({
    message: isProduction ? 'Internal Server Error' : err.message,
    stack: req.app.get('env') === 'development' ? err.stack : undefined,
  });
});
`,
    // express: a property added to the body only in development
    `
import express from 'express';
import { config } from './config';
const app = express();
app.use((err, req, res, next) => {
  const body = { message: 'Internal Server Error' };
  if (config.isDevelopment) body.stack = err.stack;
  res.status(500).json(body);
});
`,
    // express: a `try` that only validates the input: its errors are about the request
    `
import express from 'express';
import { createUserSchema } from './schemas';
const router = express.Router();
router.post('/users', async (req, res, next) => {
  let input;
  try {
    input = createUserSchema.parse(req.body);
  } catch (err) {
    return res.status(400).json({ message: err.message });
  }
  res.status(201).json(await createUser(input));
});
`,
    // express: a zod validation error narrowed with `instanceof` (zod imported as a namespace member)
    `
import express from 'express';
import { z } from 'zod';
const router = express.Router();
router.post('/orders', async (req, res) => {
  try {
    res.status(201).json(await placeOrder(req.body));
  } catch (err) {
    if (err instanceof z.ZodError) return res.status(422).json({ errors: err.message });
    res.status(500).json({ message: 'Internal Server Error' });
  }
});
`,
    // express: a check of the error by name or code chooses what to show
    `
import express from 'express';
const router = express.Router();
router.put('/users/:id', async (req, res) => {
  try {
    res.json(await updateUser(req.params.id, req.body));
  } catch (err) {
    if (err.name === 'ValidationError') return res.status(400).json({ message: err.message });
    switch (err.code) {
      case 'P2025':
        return res.status(404).json({ message: err.message });
      default:
        return res.status(500).json({ message: 'Internal Server Error' });
    }
  }
});
`,
    // express: a thrown string or number is a message or code the service chose
    `
import express from 'express';
const router = express.Router();
router.get('/report', (req, res) => {
  buildReport(req.query).then((report) => res.json(report)).catch((code) => {
    if (typeof code === 'number') return res.status(code).send({ error: code });
    res.status(500).send({ error: 'Report failed' });
  });
});
`,
    // express: a search for a literal in the message, through a `const`
    `
import express from 'express';
const router = express.Router();
router.post('/share', (req, res) => {
  shareDashboard(req.body).then((r) => res.json(r)).catch((error) => {
    const errorMessage = error?.message || \`\${error}\`;
    if (errorMessage.indexOf('413') > -1) return res.status(413).send(error);
    return res.status(400).send({ error: 'Could not share' });
  });
});
`,
    // express: `res.end` takes text only: an error object given to it is never serialized
    `
import express from 'express';
const app = express();
app.get('/metrics', (req, res) => {
  registry.metrics().then((text) => res.end(text)).catch((error) => res.status(500).end(error));
});
`,
    // express: logging the error, `next(err)` and a 5xx http-errors (which hides its message)
    `
import express from 'express';
import createError from 'http-errors';
const router = express.Router();
router.get('/items/:id', async (req, res, next) => {
  try {
    res.json(await getItem(req.params.id));
  } catch (err) {
    console.error(err.stack);
    next(createError(500, err.message));
  }
});
router.get('/items', (req, res, next) => {
  listItems().then((items) => res.json(items)).catch(next);
});
`,
    // express: a local function named `createError` is not http-errors
    `
import express from 'express';
function createError(status, message) {
  console.error(status, message);
  return new Error('Request failed');
}
const router = express.Router();
router.get('/a', async (req, res, next) => {
  try {
    res.json(await load());
  } catch (err) {
    next(createError(400, err.message));
  }
});
`,
    // express: a response helper that logs the error and sends a generic message
    `
import express from 'express';
function sendServerError(res, err) {
  console.error(err);
  res.status(500).json({ message: 'Internal Server Error' });
}
const router = express.Router();
router.get('/b', async (req, res) => {
  try {
    res.json(await load());
  } catch (err) {
    sendServerError(res, err);
  }
});
`,
    // express: an error message formatted outside any request (a start-up script)
    `
import express from 'express';
const app = express();
function describe(err) {
  return { message: err.message, stack: err.stack };
}
try {
  loadConfig();
} catch (err) {
  console.error(describe(err));
}
app.listen(3000);
`,
    // express: a development flag named in `developmentFlags`
    {
      code: `
import express from 'express';
import { settings } from './settings';
const app = express();
app.use((err, req, res, next) => {
  res.status(500).json({ message: 'Internal Server Error', trace: settings.verboseErrors ? err.stack : undefined });
});
`,
      options: [{ developmentFlags: ['settings.verboseErrors'] }],
    },
    // koa: the error handler shows only exposed (4xx) messages
    `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { message: err.expose ? err.message : 'Internal Server Error' };
    ctx.app.emit('error', err, ctx);
  }
});
`,
    // koa: `ctx.throw(500, msg)` keeps the message from the client
    `
import Router from '@koa/router';
const router = new Router();
router.get('/feeds', async (ctx) => {
  try {
    ctx.body = await fetchFeeds();
  } catch (err) {
    ctx.throw(500, err.message);
  }
});
`,
    // fastify: `reply.send(err)` goes through Fastify's error handler, as `throw err` does
    `
import Fastify from 'fastify';
const app = Fastify();
app.get('/stats', async (request, reply) => {
  try {
    return await computeStats();
  } catch (err) {
    request.log.error(err);
    return reply.send(err);
  }
});
`,
    // fastify: request validation errors are about the request
    `
import Fastify from 'fastify';
const app = Fastify();
app.setErrorHandler((error, request, reply) => {
  if (error.validation) return reply.status(400).send({ message: error.message });
  request.log.error(error);
  return reply.status(500).send({ message: 'Internal Server Error' });
});
`,
    // hono: `HTTPException`s carry the message the service gave them
    `
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
const app = new Hono();
app.onError((err, c) => {
  if (err instanceof HTTPException) return c.json({ message: err.message }, err.status);
  console.error(err);
  return c.json({ message: 'Internal Server Error' }, 500);
});
`,
    // nestjs: a filter for `HttpException`s only
    `
import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
@Catch(HttpException)
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(exception.getStatus()).json({ statusCode: exception.getStatus(), message: exception.message });
  }
}
`,
    // nestjs: a catch-all filter that answers unknown errors generically (platform-agnostic)
    `
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly httpAdapterHost: HttpAdapterHost) {}
  catch(exception: unknown, host: ArgumentsHost) {
    const { httpAdapter } = this.httpAdapterHost;
    const ctx = host.switchToHttp();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const body = {
      statusCode: status,
      message: exception instanceof HttpException ? exception.message : 'Internal server error',
    };
    httpAdapter.reply(ctx.getResponse(), body, status);
  }
}
`,
    // nestjs: a controller's own message, and the unknown error logged
    `
import { Controller, Get, InternalServerErrorException, Logger, NotFoundException, Param } from '@nestjs/common';
@Controller('reports')
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);
  @Get(':id')
  async findOne(@Param('id') id: string) {
    try {
      return await this.reports.findOne(id);
    } catch (error) {
      if (error instanceof NotFoundException) throw error;
      this.logger.error(error.message, error.stack);
      throw new InternalServerErrorException('Could not load the report');
    }
  }
}
`,
    // nextjs: App Router handler that logs and answers generically
    {
      code: `
import { NextResponse } from 'next/server';
export async function GET() {
  try {
    return NextResponse.json(await listProjects());
  } catch (error) {
    console.error('listing projects failed', error);
    return NextResponse.json({ error: 'Internal Server Error' }, { status: 500 });
  }
}
`,
      filename: 'app/api/projects/route.ts',
    },
    // nextjs: a local `Response` class is not the web one
    {
      code: `
class Response {
  static json(body) {
    return body;
  }
}
export async function GET() {
  try {
    return Response.json(await load());
  } catch (error) {
    return Response.json({ error: error.message });
  }
}
`,
      filename: 'app/api/local/route.ts',
    },
    // express: `isHttpError` as a named import
    `
import express from 'express';
import { isHttpError } from 'http-errors';
const app = express();
app.use((err, req, res, next) => {
  res.status(500).json({ message: isHttpError(err) ? err.message : 'Internal Server Error' });
});
`,
    // express: `isHttpError` destructured from `require` under another name
    {
      code: `
const express = require('express');
const { isHttpError: isHttp } = require('http-errors');
const app = express();
app.use((err, req, res, next) => {
  if (!isHttp(err)) {
    console.error(err);
    return res.sendStatus(500);
  }
  res.status(err.status).send(err.message);
});
`,
      languageOptions: commonjs,
    },
    // koa: a typed error handler, with the status read through a `const` conditional
    `
import type Koa from 'koa';
export async function errorHandler(ctx: Koa.Context, next: Koa.Next) {
  try {
    await next();
  } catch (err) {
    const error = err as Error & { status?: number };
    const status = error.status && error.status >= 400 && error.status < 600 ? error.status : 500;
    ctx.status = status;
    ctx.body = { message: status === 500 ? 'Internal server error' : error.message };
  }
}
`,
    // nestjs: `HttpException` through a namespace import
    `
import * as common from '@nestjs/common';
@common.Catch()
export class ErrorsFilter implements common.ExceptionFilter {
  catch(exception: unknown, host: common.ArgumentsHost) {
    const res = host.switchToHttp().getResponse();
    if (exception instanceof common.HttpException) {
      return res.status(exception.getStatus()).json({ message: exception.message });
    }
    res.status(500).json({ message: 'Internal server error' });
  }
}
`,
    // express: debug routes registered only outside production, here and through a local function
    `
import express, { type Express } from 'express';
function registerDebugRoutes(app: Express) {
  app.get('/debug/jobs/:name', async (req, res) => {
    try {
      res.json(await runJob(req.params.name));
    } catch (error) {
      res.status(500).json({ error: error.message, stack: error.stack });
    }
  });
}
const app = express();
if (process.env.NODE_ENV !== 'production') {
  registerDebugRoutes(app);
  app.get('/debug/crash', (req, res) => {
    Promise.reject(new Error('boom')).catch((err) => res.status(500).send(err.stack));
  });
}
`,
    // express: multer's own errors (file too large, too many files) are about the upload
    `
import express from 'express';
import multer from 'multer';
const upload = multer({ limits: { fileSize: 5_000_000 } }).single('avatar');
const app = express();
app.post('/avatar', (req, res) => {
  upload(req, res, (err) => {
    if (err instanceof multer.MulterError) return res.status(400).json({ message: err.message });
    if (err) return res.status(500).json({ message: 'Upload failed' });
    res.status(204).end();
  });
});
`,
    // express: an array method's callback gets elements, not errors
    `
import express from 'express';
const router = express.Router();
router.post('/import', async (req, res) => {
  const { errors } = validateRows(req.body.rows);
  errors.forEach((error) => res.write(\`row \${error.row}: \${error.message}\\n\`));
  res.end();
});
`,
  ],
  invalid: [
    // express: the classic `{ message: err.message }` in a route's catch
    {
      code: `
import express from 'express';
const app = express();
app.get('/users', async (req, res) => {
  try {
    res.json(await db.user.findMany());
  } catch (err) {
    res.status(500).json({ message: err.message });
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'GET /users' },
          line: 8,
          column: 37,
          endLine: 8,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
const app = express();
app.get('/users', async (req, res) => {
  try {
    res.json(await db.user.findMany());
  } catch (err) {
    res.status(500).json({ message: 'Internal Server Error' });
  }
});
`,
            },
          ],
        },
      ],
    },
    // express: an error handler that sends every message, whatever the status
    {
      code: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ message: err.message });
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'requests through the error handler' },
          line: 5,
          column: 49,
          endLine: 5,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ message: 'Internal Server Error' });
});
`,
            },
          ],
        },
      ],
    },
    // express: the stack in the body of an error handler
    {
      code: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ message: 'Internal Server Error', stack: err.stack });
});
`,
      errors: [
        {
          messageId: 'stackSent',
          data: { detail: 'err.stack', where: 'requests through the error handler' },
          line: 6,
          column: 67,
          endLine: 6,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'omitStack',
              output: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ message: 'Internal Server Error', stack: undefined });
});
`,
            },
          ],
        },
      ],
    },
    // express: the error object itself (`require`, CommonJS)
    {
      code: `
const express = require('express');
const router = express.Router();
router.delete('/teams/:id', (req, res) => {
  return deleteTeam(req.params.id)
    .then(() => res.status(200).send({ deleted: true }))
    .catch((error) => res.status(400).send(error));
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'error', where: 'DELETE /teams/:id' },
          line: 7,
          column: 44,
          endLine: 7,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Bad Request' },
              output: `
const express = require('express');
const router = express.Router();
router.delete('/teams/:id', (req, res) => {
  return deleteTeam(req.params.id)
    .then(() => res.status(200).send({ deleted: true }))
    .catch((error) => res.status(400).send({ message: 'Bad Request' }));
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    // express: the error object under a shorthand property (destructured `require`)
    {
      code: `
const { Router } = require('express');
const router = Router();
router.post('/imports', async (req, res) => {
  try {
    res.json(await runImport(req.body));
  } catch (error) {
    res.status(500).json({ ok: false, error });
  }
});
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'error', where: 'POST /imports' },
          line: 8,
          column: 39,
          endLine: 8,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
const { Router } = require('express');
const router = Router();
router.post('/imports', async (req, res) => {
  try {
    res.json(await runImport(req.body));
  } catch (error) {
    res.status(500).json({ ok: false, error: 'Internal Server Error' });
  }
});
`,
            },
          ],
        },
      ],
    },
    // express: `err.toString()` in a `.catch` callback, after a 400 status
    {
      code: `
import { Router as createRouter } from 'express';
const router = createRouter();
router.post('/exports', (req, res) => {
  exportChart(req.body).then((file) => res.download(file)).catch((err) => res.status(400).json({ error: err.toString() }));
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.toString()', where: 'POST /exports' },
          line: 5,
          column: 105,
          endLine: 5,
          endColumn: 119,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Bad Request' },
              output: `
import { Router as createRouter } from 'express';
const router = createRouter();
router.post('/exports', (req, res) => {
  exportChart(req.body).then((file) => res.download(file)).catch((err) => res.status(400).json({ error: 'Bad Request' }));
});
`,
            },
          ],
        },
      ],
    },
    // express: the error in a template literal
    {
      code: `
import express from 'express';
const router = express.Router();
router.get('/sync', async (req, res) => {
  try {
    res.json(await sync());
  } catch (e) {
    res.status(500).send(\`Sync failed: \${e}\`);
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: '${e}', where: 'GET /sync' },
          line: 8,
          column: 42,
          endLine: 8,
          endColumn: 43,
          suggestions: null,
        },
      ],
    },
    // express: `JSON.stringify(err)` sends its fields
    {
      code: `
import express from 'express';
const router = express.Router();
router.get('/sync', async (req, res) => {
  try {
    res.json(await sync());
  } catch (e) {
    res.status(502).send(JSON.stringify(e));
  }
});
`,
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'JSON.stringify(e)', where: 'GET /sync' },
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
const router = express.Router();
router.get('/sync', async (req, res) => {
  try {
    res.json(await sync());
  } catch (e) {
    res.status(502).send('Internal Server Error');
  }
});
`,
            },
          ],
        },
      ],
    },
    // express: `instanceof Error` says nothing about who wrote the message
    {
      code: `
import express from 'express';
const router = express.Router();
router.get('/quotes', async (req, res) => {
  try {
    res.json(await fetchQuotes());
  } catch (error) {
    res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'error.message', where: 'GET /quotes' },
          line: 8,
          column: 60,
          endLine: 8,
          endColumn: 73,
          suggestions: null,
        },
      ],
    },
    // express: a message destructured from the error
    {
      code: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  const { message } = err;
  res.status(500).json({ message });
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'message', where: 'requests through the error handler' },
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  const { message } = err;
  res.status(500).json({ message: 'Internal Server Error' });
});
`,
            },
          ],
        },
      ],
    },
    // express: the message kept in a variable set in an unnarrowed branch
    {
      code: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  let message = 'Internal Server Error';
  if (err.message) message = err.message;
  res.status(500).json({ message });
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'requests through the error handler' },
          line: 6,
          column: 30,
          endLine: 6,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    // express: a stack added to the body outside any development check
    {
      code: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  const body = { message: 'Internal Server Error' };
  body.stack = err.stack;
  res.status(500).json(body);
});
`,
      errors: [
        {
          messageId: 'stackSent',
          data: { detail: 'err.stack', where: 'requests through the error handler' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    // express: a database error class narrows nothing
    {
      code: `
import express from 'express';
import { Prisma } from '@prisma/client';
const router = express.Router();
router.post('/users', async (req, res) => {
  try {
    res.status(201).json(await prisma.user.create({ data: req.body }));
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError) return res.status(409).json({ message: err.message });
    res.status(500).json({ message: 'Internal Server Error' });
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'POST /users' },
          line: 9,
          column: 101,
          endLine: 9,
          endColumn: 112,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Conflict' },
              output: `
import express from 'express';
import { Prisma } from '@prisma/client';
const router = express.Router();
router.post('/users', async (req, res) => {
  try {
    res.status(201).json(await prisma.user.create({ data: req.body }));
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError) return res.status(409).json({ message: 'Conflict' });
    res.status(500).json({ message: 'Internal Server Error' });
  }
});
`,
            },
          ],
        },
      ],
    },
    // express: the stack only in production is still in production
    {
      code: `
import express from 'express';
const app = express();
const isProduction = process.env.NODE_ENV === 'production';
app.use((err, req, res, next) => {
  res.status(500).json({ message: 'Internal Server Error', trace: isProduction ? err.stack : undefined });
});
`,
      errors: [
        {
          messageId: 'stackSent',
          data: { detail: 'err.stack', where: 'requests through the error handler' },
          line: 6,
          column: 82,
          endLine: 6,
          endColumn: 91,
          suggestions: null,
        },
      ],
    },
    // express: `util.inspect` prints the stack
    {
      code: `
import express from 'express';
import { inspect } from 'node:util';
const app = express();
app.use((err, req, res, next) => {
  res.status(500).send(inspect(err));
});
`,
      errors: [
        {
          messageId: 'stackSent',
          data: { detail: 'inspect(err)', where: 'requests through the error handler' },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
import { inspect } from 'node:util';
const app = express();
app.use((err, req, res, next) => {
  res.status(500).send('Internal Server Error');
});
`,
            },
          ],
        },
      ],
    },
    // express: an error handler exported with its types, registered in another file
    {
      code: `
import type { NextFunction, Request, Response } from 'express';
export function errorHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  res.status(500).json({ error: err.message });
}
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: "requests through `errorHandler` (it takes Express's `NextFunction`)" },
          line: 4,
          column: 33,
          endLine: 4,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import type { NextFunction, Request, Response } from 'express';
export function errorHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  res.status(500).json({ error: 'Internal Server Error' });
}
`,
            },
          ],
        },
      ],
    },
    // express: the second callback of `.then`
    {
      code: `
import express from 'express';
const router = express.Router();
router.get('/feed', (req, res) => {
  loadFeed().then((feed) => res.json(feed), (err) => res.status(500).json({ error: err.message }));
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'GET /feed' },
          line: 5,
          column: 84,
          endLine: 5,
          endColumn: 95,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
const router = express.Router();
router.get('/feed', (req, res) => {
  loadFeed().then((feed) => res.json(feed), (err) => res.status(500).json({ error: 'Internal Server Error' }));
});
`,
            },
          ],
        },
      ],
    },
    // express: a same-file response helper that sends the message it is given
    {
      code: `
import express from 'express';
function sendError(res, msg) {
  res.status(500).json({ status: 'fail', msg });
}
const router = express.Router();
router.get('/badge/:id', async (req, res) => {
  try {
    res.type('svg').send(await renderBadge(req.params.id));
  } catch (error) {
    sendError(res, error.message);
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'error.message', where: 'GET /badge/:id, through `sendError()`' },
          line: 11,
          column: 20,
          endLine: 11,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    // express: http-errors with a 4xx status exposes the message (default import)
    {
      code: `
import express from 'express';
import createError from 'http-errors';
const router = express.Router();
router.post('/orders', async (req, res, next) => {
  try {
    res.status(201).json(await createOrder(req.body));
  } catch (err) {
    next(createError(400, err.message));
  }
});
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'err.message', error: 'createError' },
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    // express: http-errors named constructor through `require`
    {
      code: `
const express = require('express');
const createError = require('http-errors');
const router = express.Router();
router.get('/files/:id', async (req, res, next) => {
  try {
    res.sendFile(await locate(req.params.id));
  } catch (err) {
    next(new createError.NotFound(err.message));
  }
});
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'err.message', error: 'createError.NotFound' },
          line: 9,
          column: 35,
          endLine: 9,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
    // express: a Boom 4xx shows its message
    {
      code: `
import express from 'express';
import Boom from '@hapi/boom';
const router = express.Router();
router.get('/plans', async (req, res, next) => {
  try {
    res.json(await listPlans());
  } catch (err) {
    next(Boom.badRequest(err.message));
  }
});
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'err.message', error: 'Boom.badRequest' },
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 37,
          suggestions: null,
        },
      ],
    },
    // koa: the documented try/catch error handler sends every message
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = err.message;
    ctx.app.emit('error', err, ctx);
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'requests through the error handler' },
          line: 9,
          column: 16,
          endLine: 9,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = 'Internal Server Error';
    ctx.app.emit('error', err, ctx);
  }
});
`,
            },
          ],
        },
      ],
    },
    // koa: a stack in a route (koa-router, `require`)
    {
      code: `
const Router = require('koa-router');
const router = new Router();
router.get('/jobs', async (ctx) => {
  try {
    ctx.body = await listJobs();
  } catch (e) {
    ctx.status = 500;
    ctx.body = { error: e.stack };
  }
});
module.exports = router;
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'stackSent',
          data: { detail: 'e.stack', where: 'GET /jobs' },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'omitStack',
              output: `
const Router = require('koa-router');
const router = new Router();
router.get('/jobs', async (ctx) => {
  try {
    ctx.body = await listJobs();
  } catch (e) {
    ctx.status = 500;
    ctx.body = { error: undefined };
  }
});
module.exports = router;
`,
            },
          ],
        },
      ],
    },
    // koa: `ctx.throw(400, msg)` exposes the message
    {
      code: `
import Router from '@koa/router';
const router = new Router();
router.post('/upload', async (ctx) => {
  try {
    ctx.body = await store(ctx.request.body);
  } catch (err) {
    ctx.throw(400, err.message);
  }
});
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'err.message', error: 'ctx.throw' },
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    // fastify: an async handler's return value is the reply
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/health/db', async (request, reply) => {
  try {
    await db.ping();
    return { ok: true };
  } catch (e) {
    reply.code(503);
    return { ok: false, error: e.message };
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'e.message', where: 'GET /health/db' },
          line: 10,
          column: 32,
          endLine: 10,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/health/db', async (request, reply) => {
  try {
    await db.ping();
    return { ok: true };
  } catch (e) {
    reply.code(503);
    return { ok: false, error: 'Internal Server Error' };
  }
});
`,
            },
          ],
        },
      ],
    },
    // fastify: an error handler that sends every message
    {
      code: `
import fastify from 'fastify';
const app = fastify({ logger: true });
app.setErrorHandler(function (error, request, reply) {
  request.log.error(error);
  reply.status(error.statusCode ?? 500).send({ message: error.message });
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'error.message', where: 'requests through the error handler' },
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 70,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import fastify from 'fastify';
const app = fastify({ logger: true });
app.setErrorHandler(function (error, request, reply) {
  request.log.error(error);
  reply.status(error.statusCode ?? 500).send({ message: 'Internal Server Error' });
});
`,
            },
          ],
        },
      ],
    },
    // fastify: the error object inside the body (not the error itself)
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/webhooks', async (request, reply) => {
  try {
    await handleWebhook(request.body);
    return reply.code(204).send();
  } catch (err) {
    return reply.code(500).send({ received: false, err });
  }
});
`,
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'err', where: 'POST /webhooks' },
          line: 9,
          column: 52,
          endLine: 9,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/webhooks', async (request, reply) => {
  try {
    await handleWebhook(request.body);
    return reply.code(204).send();
  } catch (err) {
    return reply.code(500).send({ received: false, err: 'Internal Server Error' });
  }
});
`,
            },
          ],
        },
      ],
    },
    // fastify: `@fastify/sensible`'s reply helper with a 4xx
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/exports/:id', async (request, reply) => {
  try {
    return await getExport(request.params.id);
  } catch (err) {
    return reply.badRequest(err.message);
  }
});
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'err.message', error: 'reply.badRequest' },
          line: 8,
          column: 29,
          endLine: 8,
          endColumn: 40,
          suggestions: null,
        },
      ],
    },
    // hono: `c.json` from a catch
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/queues/:name/pause', async (c) => {
  try {
    await queues.pause(c.req.param('name'));
    return c.json({ paused: true });
  } catch (err) {
    return c.json({ error: err.message }, 500);
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'POST /queues/:name/pause' },
          line: 9,
          column: 28,
          endLine: 9,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/queues/:name/pause', async (c) => {
  try {
    await queues.pause(c.req.param('name'));
    return c.json({ paused: true });
  } catch (err) {
    return c.json({ error: 'Internal Server Error' }, 500);
  }
});
`,
            },
          ],
        },
      ],
    },
    // hono: the stack from `onError`
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.onError((err, c) => {
  return c.text(err.stack ?? 'error', 500);
});
`,
      errors: [
        {
          messageId: 'stackSent',
          data: { detail: 'err.stack', where: 'requests through the error handler' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 26,
          suggestions: null,
        },
      ],
    },
    // hono: an `HTTPException`'s message is what Hono sends
    {
      code: `
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
const app = new Hono();
app.get('/install-url', async (c) => {
  try {
    return c.json({ url: await provider.buildConsentUrl() });
  } catch (error) {
    throw new HTTPException(500, { message: error instanceof Error ? error.message : 'OAuth configuration missing' });
  }
});
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'error.message', error: 'HTTPException' },
          line: 9,
          column: 70,
          endLine: 9,
          endColumn: 83,
          suggestions: null,
        },
      ],
    },
    // nextjs: App Router `NextResponse.json`
    {
      code: `
import { NextResponse } from 'next/server';
export async function POST(request: Request) {
  try {
    return NextResponse.json(await createLink(await request.json()), { status: 201 });
  } catch (error) {
    return NextResponse.json({ error: (error as Error).message }, { status: 500 });
  }
}
`,
      filename: 'app/api/links/route.ts',
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: '(error as Error).message', where: 'POST /api/links' },
          line: 7,
          column: 39,
          endLine: 7,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import { NextResponse } from 'next/server';
export async function POST(request: Request) {
  try {
    return NextResponse.json(await createLink(await request.json()), { status: 201 });
  } catch (error) {
    return NextResponse.json({ error: 'Internal Server Error' }, { status: 500 });
  }
}
`,
            },
          ],
        },
      ],
    },
    // nextjs: App Router `new Response` of a JSON string
    {
      code: `
export async function GET() {
  try {
    return Response.json(await listEvents());
  } catch (error) {
    return new Response(JSON.stringify({ error: String(error) }), { status: 500 });
  }
}
`,
      filename: 'app/api/events/route.ts',
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'String(error)', where: 'GET /api/events' },
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 62,
          suggestions: null,
        },
      ],
    },
    // nextjs: a response helper that returns a `Response` with the error spread in
    {
      code: `
function serverError(error) {
  return Response.json({ error: { message: 'Server error', status: 500, ...error } }, { status: 500 });
}
export async function POST(request: Request) {
  try {
    return Response.json(await saveBoard(await request.json()));
  } catch (e) {
    return serverError(e);
  }
}
`,
      filename: 'app/api/boards/route.ts',
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'e', where: 'POST /api/boards, through `serverError()`' },
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    // nextjs: Pages Router API route
    {
      code: `
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    res.status(200).json(await getArchive(req.query.id));
  } catch (error: any) {
    return res.status(400).json({ response: error.message });
  }
}
`,
      filename: 'pages/api/archives/[id].ts',
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'error.message', where: 'ALL /api/archives/[id]' },
          line: 7,
          column: 45,
          endLine: 7,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Bad Request' },
              output: `
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    res.status(200).json(await getArchive(req.query.id));
  } catch (error: any) {
    return res.status(400).json({ response: 'Bad Request' });
  }
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: an HTTP exception made from an unexpected error
    {
      code: `
import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
@Controller('activities')
export class ActivitiesController {
  @Post()
  async create(@Body() dto: CreateActivityDto) {
    try {
      return await this.activities.create(dto);
    } catch (e) {
      throw new BadRequestException(e.message);
    }
  }
}
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'e.message', error: 'BadRequestException' },
          line: 10,
          column: 37,
          endLine: 10,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
    // nestjs: an aliased import, with the message inside the response object
    {
      code: `
import { Controller, Post, InternalServerErrorException as ServerError } from '@nestjs/common';
@Controller('auth')
export class WebAuthController {
  @Post('verify')
  async verify() {
    try {
      return await this.webAuth.verify();
    } catch (error) {
      throw new ServerError({ error: error.message });
    }
  }
}
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'error.message', error: 'ServerError' },
          line: 10,
          column: 38,
          endLine: 10,
          endColumn: 51,
          suggestions: null,
        },
      ],
    },
    // nestjs: a namespace import of `@nestjs/common`
    {
      code: `
import * as common from '@nestjs/common';
export class ImportService {
  async run(data) {
    try {
      return await this.importer.run(data);
    } catch (error) {
      throw new common.HttpException({ message: [error.message] }, 400);
    }
  }
}
`,
      errors: [
        {
          messageId: 'messageInHttpError',
          data: { detail: 'error.message', error: 'common.HttpException' },
          line: 8,
          column: 50,
          endLine: 8,
          endColumn: 63,
          suggestions: null,
        },
      ],
    },
    // nestjs: a catch-all filter that sends unknown errors' messages
    {
      code: `
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const message = exception instanceof HttpException ? exception.getResponse() : (exception as Error).message;
    response.status(status).json({ statusCode: status, message });
  }
}
`,
      errors: [
        {
          messageId: 'messageSent',
          data: {
            detail: '(exception as Error).message',
            where: 'requests through the exception filter `AllExceptionsFilter`',
          },
          line: 10,
          column: 84,
          endLine: 10,
          endColumn: 112,
          suggestions: null,
        },
      ],
    },
    // nestjs: a filter for a database error class
    {
      code: `
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
@Catch(QueryFailedError)
export class QueryFailedFilter implements ExceptionFilter {
  catch(exception: QueryFailedError, host: ArgumentsHost) {
    host.switchToHttp().getResponse().status(400).json({ statusCode: 400, message: exception.message });
  }
}
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'exception.message', where: 'requests through the exception filter `QueryFailedFilter`' },
          line: 7,
          column: 84,
          endLine: 7,
          endColumn: 101,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Bad Request' },
              output: `
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
@Catch(QueryFailedError)
export class QueryFailedFilter implements ExceptionFilter {
  catch(exception: QueryFailedError, host: ArgumentsHost) {
    host.switchToHttp().getResponse().status(400).json({ statusCode: 400, message: 'Bad Request' });
  }
}
`,
            },
          ],
        },
      ],
    },
    // nestjs: a handler that sends through `@Res()`
    {
      code: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('files')
export class FilesController {
  @Get('export')
  async export(@Res() res: Response) {
    try {
      res.send(await this.files.export());
    } catch (err) {
      res.status(500).json({ message: err.message });
    }
  }
}
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'GET /files/export' },
          line: 11,
          column: 39,
          endLine: 11,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('files')
export class FilesController {
  @Get('export')
  async export(@Res() res: Response) {
    try {
      res.send(await this.files.export());
    } catch (err) {
      res.status(500).json({ message: 'Internal Server Error' });
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    // express: axios's own type guard says the error came from an upstream call
    {
      code: `
import express from 'express';
import axios from 'axios';
const router = express.Router();
router.get('/weather', async (req, res) => {
  try {
    res.json((await axios.get(WEATHER_URL)).data);
  } catch (err) {
    if (axios.isAxiosError(err)) return res.status(502).json({ message: err.message });
    res.sendStatus(500);
  }
});
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'GET /weather' },
          line: 9,
          column: 73,
          endLine: 9,
          endColumn: 84,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
import axios from 'axios';
const router = express.Router();
router.get('/weather', async (req, res) => {
  try {
    res.json((await axios.get(WEATHER_URL)).data);
  } catch (err) {
    if (axios.isAxiosError(err)) return res.status(502).json({ message: 'Internal Server Error' });
    res.sendStatus(500);
  }
});
`,
            },
          ],
        },
      ],
    },
    // koa: a typed error handler built on `next().catch()`
    {
      code: `
import Koa from 'koa';
export function errorHandler(ctx: Koa.Context, next: () => Promise<unknown>) {
  return next().catch((err) => {
    ctx.status = err.status || 500;
    ctx.body = { message: err.message };
    ctx.app.emit('error', err, ctx);
  });
}
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: "requests through `errorHandler` (it takes Koa's `Context`)" },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import Koa from 'koa';
export function errorHandler(ctx: Koa.Context, next: () => Promise<unknown>) {
  return next().catch((err) => {
    ctx.status = err.status || 500;
    ctx.body = { message: 'Internal Server Error' };
    ctx.app.emit('error', err, ctx);
  });
}
`,
            },
          ],
        },
      ],
    },
    // koa: the error object in the body
    {
      code: `
import Koa, { Context } from 'koa';
const app = new Koa();
app.use(async (ctx: Context, next: () => Promise<unknown>) => {
  try {
    await next();
  } catch (error) {
    ctx.status = error.statusCode || error.status || 500;
    ctx.body = { error };
  }
});
`,
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'error', where: 'requests through the error handler' },
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import Koa, { Context } from 'koa';
const app = new Koa();
app.use(async (ctx: Context, next: () => Promise<unknown>) => {
  try {
    await next();
  } catch (error) {
    ctx.status = error.statusCode || error.status || 500;
    ctx.body = { error: 'Internal Server Error' };
  }
});
`,
            },
          ],
        },
      ],
    },
    // express: an exported route function may be called from anywhere
    {
      code: `
import type { Express } from 'express';
export function registerDebugRoutes(app: Express) {
  app.get('/debug/jobs/:name', async (req, res) => {
    try {
      res.json(await runJob(req.params.name));
    } catch (error) {
      res.status(500).json({ error: error.message });
    }
  });
}
`,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'error.message', where: 'GET /debug/jobs/:name' },
          line: 8,
          column: 37,
          endLine: 8,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import type { Express } from 'express';
export function registerDebugRoutes(app: Express) {
  app.get('/debug/jobs/:name', async (req, res) => {
    try {
      res.json(await runJob(req.params.name));
    } catch (error) {
      res.status(500).json({ error: 'Internal Server Error' });
    }
  });
}
`,
            },
          ],
        },
      ],
    },
    // express: the error of a Node.js-style database callback
    {
      code: `
const express = require('express');
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('games.db');
const app = express();
app.get('/systems', (req, res) => {
  db.all('SELECT system, COUNT(*) AS count FROM games GROUP BY system', (err, rows) => {
    if (err) return res.status(500).json({ error: err.message });
    res.json(rows);
  });
});
`,
      languageOptions: commonjs,
      errors: [
        {
          messageId: 'messageSent',
          data: { detail: 'err.message', where: 'GET /systems' },
          line: 8,
          column: 51,
          endLine: 8,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
const express = require('express');
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('games.db');
const app = express();
app.get('/systems', (req, res) => {
  db.all('SELECT system, COUNT(*) AS count FROM games GROUP BY system', (err, rows) => {
    if (err) return res.status(500).json({ error: 'Internal Server Error' });
    res.json(rows);
  });
});
`,
            },
          ],
        },
      ],
    },
    // express: passport's verify error sent whole
    {
      code: `
import express from 'express';
import passport from 'passport';
const app = express();
app.post('/login', (req, res, next) => {
  passport.authenticate('local', (err, user) => {
    if (err) return res.status(500).json(err);
    if (!user) return res.status(401).json({ message: 'Invalid credentials' });
    res.json({ id: user.id });
  })(req, res, next);
});
`,
      errors: [
        {
          messageId: 'errorObjectSent',
          data: { detail: 'err', where: 'POST /login' },
          line: 7,
          column: 42,
          endLine: 7,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              data: { text: 'Internal Server Error' },
              output: `
import express from 'express';
import passport from 'passport';
const app = express();
app.post('/login', (req, res, next) => {
  passport.authenticate('local', (err, user) => {
    if (err) return res.status(500).json({ message: 'Internal Server Error' });
    if (!user) return res.status(401).json({ message: 'Invalid credentials' });
    res.json({ id: user.id });
  })(req, res, next);
});
`,
            },
          ],
        },
      ],
    },
  ],
});
