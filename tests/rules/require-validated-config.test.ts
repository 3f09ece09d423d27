import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/require-validated-config.js';

const ruleTester = new RuleTester();

const express = { where: 'POST /checkout' };

ruleTester.run('require-validated-config', rule, {
  valid: [
    // Read once at start-up, validated as a whole (zod), then imported by handlers.
    `
import { z } from 'zod';
const Env = z.object({ STRIPE_SECRET_KEY: z.string().min(1), PORT: z.coerce.number().default(3000) });
export const env = Env.parse(process.env);
`,
    // envalid and t3-env: the reads are what the validator receives.
    `
import { cleanEnv, str } from 'envalid';
export const env = cleanEnv(process.env, { JWT_SECRET: str() });
`,
    `
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';
export const env = createEnv({
  server: { NEXTAUTH_SECRET: z.string() },
  runtimeEnv: { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET },
});
`,
    // Fails fast by hand: the variable is tested before it is used.
    `
if (!process.env.JWT_SECRET) throw new Error('JWT_SECRET is required');
export const jwtSecret = process.env.JWT_SECRET!;
`,
    `
const secret = process.env.SESSION_SECRET as string;
if (!secret) throw new Error('SESSION_SECRET is required');
export { secret };
`,
    `
import assert from 'node:assert';
assert(process.env.API_KEY, 'API_KEY is required');
export const apiKey = String(process.env.API_KEY);
`,
    `
export const config = { jwtSecret: process.env.JWT_SECRET! };
export function validateConfig(): void {
  if (!config.jwtSecret) throw new Error('JWT_SECRET is required');
}
`,
    // Not secrets, or not asserted: an optional value the code handles.
    `
export const port = Number(process.env.PORT ?? 3000);
export const sentryDsn = process.env.SENTRY_DSN;
export const databaseUrl = process.env.DATABASE_URL!;
`,
    // Start-up code of an Express app: module level and the bootstrap function.
    `
import express from 'express';
const app = express();
const origin = process.env.CORS_ORIGIN;
app.post('/checkout', (req, res) => res.json({ origin }));
app.listen(Number(process.env.PORT));
`,
    // NODE_ENV says which environment runs; reading it per request for a development-only branch is fine.
    `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  res.status(500).json(process.env.NODE_ENV === 'production' ? { error: 'Internal error' } : { error: err.message });
});
`,
    // A fallback says the value is optional (no-hardcoded-secrets judges a literal one).
    `
export const tinybirdToken = process.env.TINYBIRD_TOKEN ?? '';
export const webhookSecret = process.env.WEBHOOK_SECRET || '';
`,
    // What the platform sets on every instance.
    `
import { Hono } from 'hono';
const app = new Hono();
app.get('/ping', (c) => c.json({ region: process.env.FLY_REGION, runtime: process.env.NEXT_RUNTIME }));
`,
    // Build and tool configuration.
    {
      code: 'export default { dbCredentials: { url: process.env.DATABASE_URL!, password: process.env.DB_PASSWORD! } };',
      filename: 'drizzle.config.ts',
    },
    // allowVariables.
    {
      code: `
import express from 'express';
const app = express();
app.get('/flags', (req, res) => res.json({ beta: process.env.BETA_FLAG === 'on' }));
`,
      options: [{ allowVariables: ['BETA_FLAG'] }],
    },
    // A local binding named process is not the global.
    `
import express from 'express';
const app = express();
app.post('/jobs', (req, res) => {
  const process = { env: { QUEUE: 'jobs' } };
  res.json({ queue: process.env.QUEUE });
});
`,
    // Tests, scripts and seeders never serve requests.
    {
      code: `
import express from 'express';
const app = express();
app.post('/checkout', (req, res) => res.json({ key: process.env.STRIPE_SECRET_KEY }));
`,
      filename: 'src/routes/checkout.test.ts',
    },
    // A whole-object read names no variable.
    `
import express from 'express';
import { spawn } from 'node:child_process';
const app = express();
app.post('/render', (req, res) => {
  spawn('render', [], { env: { ...process.env, LANG: 'C' } });
  res.sendStatus(202);
});
`,
  ],
  invalid: [
    // Express: read per request.
    {
      code: `
import express from 'express';
import Stripe from 'stripe';
const app = express();
app.post('/checkout', async (req, res) => {
  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
  const session = await stripe.checkout.sessions.create({ mode: 'payment', success_url: process.env.APP_URL + '/ok' });
  res.json({ id: session.id, again: process.env.APP_URL });
});
`,
      errors: [
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'STRIPE_SECRET_KEY', ...express },
          line: 6,
          column: 29,
          endColumn: 58,
        },
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'APP_URL', ...express },
          line: 7,
          column: 89,
          endColumn: 108,
        },
      ],
    },
    // Destructured from process.env in a same-file helper the handler calls.
    {
      code: `
import { Router } from 'express';
const router = Router();
function mailer() {
  const { SMTP_HOST, SMTP_PASSWORD } = process.env;
  return { host: SMTP_HOST, password: SMTP_PASSWORD };
}
router.post('/invites', (req, res) => res.json(mailer()));
`,
      errors: [
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'SMTP_HOST', where: 'POST /invites' },
          line: 5,
          column: 11,
          endColumn: 20,
        },
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'SMTP_PASSWORD', where: 'POST /invites' },
          line: 5,
          column: 22,
          endColumn: 35,
        },
      ],
    },
    // Next.js route handler, through node:process.
    {
      code: `
import { env } from 'node:process';
export async function POST(request: Request) {
  const res = await fetch(env['OPENAI_BASE_URL'] + '/v1/chat', { method: 'POST', body: await request.text() });
  return new Response(res.body);
}
`,
      filename: 'app/api/chat/route.ts',
      errors: [
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'OPENAI_BASE_URL', where: 'POST /api/chat' },
          line: 4,
          column: 27,
          endColumn: 49,
        },
      ],
    },
    // A default import of node:process.
    {
      code: `
import process from 'node:process';
import { Router } from 'express';
export const router = Router();
router.delete('/cache', (req, res) => res.json({ purged: process.env.CDN_PURGE_URL }));
`,
      errors: [
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'CDN_PURGE_URL', where: 'DELETE /cache' },
          line: 5,
          column: 58,
          endColumn: 83,
        },
      ],
    },
    // Fastify and Hono handlers.
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/status', async () => ({ region: process.env.REGION }));
`,
      errors: [
        { messageId: 'envReadPerRequest', data: { variable: 'REGION', where: 'GET /status' }, line: 4, column: 43 },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/webhook', async (c) => {
  if (c.req.header('x-token') !== process.env.WEBHOOK_TOKEN) return c.text('no', 401);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'WEBHOOK_TOKEN', where: 'POST /webhook' },
          line: 5,
          column: 35,
        },
      ],
    },
    // Koa middleware.
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.set('X-Version', process.env.RELEASE ?? 'dev');
  await next();
});
`,
      errors: [
        {
          messageId: 'envReadPerRequest',
          data: { variable: 'RELEASE', where: 'requests through a middleware' },
          line: 5,
          column: 24,
        },
      ],
    },
    // NestJS controller method.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
@Controller('health')
export class HealthController {
  @Get()
  check() {
    return { commit: process.env.GIT_SHA };
  }
}
`,
      errors: [
        { messageId: 'envReadPerRequest', data: { variable: 'GIT_SHA', where: 'GET /health' }, line: 7, column: 22 },
      ],
    },
    // Secrets asserted present at start-up without a check.
    {
      code: `
import Stripe from 'stripe';
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const jwtSecret = process.env.JWT_SECRET as string;
export const config = {
  sessionSecret: String(process.env.SESSION_SECRET),
  apiToken: \`\${process.env.API_TOKEN}\`,
};
`,
      errors: [
        {
          messageId: 'uncheckedSecret',
          data: { variable: 'STRIPE_SECRET_KEY', kind: 'secret key', how: 'asserted present with `!`' },
          line: 3,
          column: 34,
          endColumn: 63,
        },
        {
          messageId: 'uncheckedSecret',
          data: { variable: 'JWT_SECRET', kind: 'JWT secret', how: 'cast to `string`' },
          line: 4,
          column: 26,
        },
        {
          messageId: 'uncheckedSecret',
          data: {
            variable: 'SESSION_SECRET',
            kind: 'session secret',
            how: 'turned into a string with `String()` (`"undefined"` when missing)',
          },
          line: 6,
          column: 25,
        },
        {
          messageId: 'uncheckedSecret',
          data: {
            variable: 'API_TOKEN',
            kind: 'API token',
            how: 'put into a template string (`"undefined"` when missing)',
          },
          line: 7,
          column: 16,
        },
      ],
    },
  ],
});
