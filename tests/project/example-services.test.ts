import { relative } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { checkProject, loadProject, type ProjectCheckResult } from '../../src/project/index.js';
import { chainOf, findingAt, findingLines, fixture, markers, relativeInventory, routeLines } from './helpers.js';

const PROJECT_CHECKS = [
  'blocking-call-reachable',
  'layering',
  'missing-error-handler',
  'missing-rate-limit',
  'missing-security-headers',
  'missing-health-check',
  'unversioned-routes',
];

describe('express-shop', () => {
  let result: ProjectCheckResult;
  let files: string[];
  beforeAll(async () => {
    const project = loadProject({ target: fixture('express-shop') });
    files = project.files;
    result = await checkProject({ project });
  });

  it('reports exactly the project-level problems', () => {
    expect(findingLines(result)).toEqual([
      "src/app.ts:12 api-audit/missing-rate-limit No rate limiting on this Express app: looked for `express-rate-limit`, `express-slow-down` or `rate-limiter-flexible`, or middleware named for rate limiting, in this app (src/app.ts) and the 5 apps mounted on it (src/routes/users.ts, src/routes/auth.ts, src/routes/products.ts and 2 more), and in the imports of the service's 24 files.",
      "src/app.ts:12 api-audit/missing-security-headers No security headers on this Express app: looked for `helmet`, or middleware named for security headers, in this app (src/app.ts) and the 5 apps mounted on it (src/routes/users.ts, src/routes/auth.ts, src/routes/products.ts and 2 more), and in the imports of the service's 24 files.",
      'src/lib/crypto.ts:9 api-audit/blocking-call-reachable `pbkdf2Sync` blocks the event loop in a request path: GET /v1/orders/export.csv → reportService.exportOrdersForUser (src/services/report.service.ts:28) → signExport (src/lib/crypto.ts:8) → pbkdf2Sync; use `util.promisify(crypto.pbkdf2)` instead.',
      'src/routes/orders.ts:4 api-audit/layering Route module imports the data-layer module `../db.js`; go through a service so routes stay thin.',
      'src/routes/users.ts:3 api-audit/layering Route module imports the data-layer module `../db.js`; go through a service so routes stay thin.',
    ]);
  });

  it('reports exactly the `// expect:` markers of the project checks', () => {
    const expected = markers(result.root, files, PROJECT_CHECKS);
    expect(expected).toEqual([
      'src/app.ts:12 api-audit/missing-rate-limit',
      'src/app.ts:12 api-audit/missing-security-headers',
      'src/lib/crypto.ts:9 api-audit/blocking-call-reachable',
      'src/routes/orders.ts:4 api-audit/layering',
      'src/routes/users.ts:3 api-audit/layering',
    ]);
    const reported = result.findings
      .map((finding) => `${relative(result.root, finding.file)}:${finding.line} ${finding.ruleId}`)
      .sort();
    expect(reported).toEqual(expected);
  });

  it('gives the chain of the reachable pbkdf2Sync with file and line per step', () => {
    const finding = findingAt(result, 'api-audit/blocking-call-reachable', 'src/lib/crypto.ts:9');
    expect(finding).toMatchObject({ line: 9, column: 15, endLine: 9, endColumn: 101, severity: 'error' });
    expect(chainOf(result, finding)).toEqual([
      'GET /v1/orders/export.csv @ src/routes/orders.ts:33',
      'reportService.exportOrdersForUser @ src/services/report.service.ts:28',
      'signExport @ src/lib/crypto.ts:8',
      'pbkdf2Sync @ src/lib/crypto.ts:9',
    ]);
  });

  it('leaves the same-file blocking calls to no-sync-in-handler and start-up reads alone', () => {
    const located = result.findings.map((finding) => `${relative(result.root, finding.file)}:${finding.line}`);
    // bcrypt.hashSync in hashPassword() and fs.readFileSync in the invoice handler: the rule's.
    expect(located).not.toContain('src/routes/users.ts:12');
    expect(located).not.toContain('src/routes/orders.ts:53');
    // readFileSync of package.json at module level and of the TLS files in main().
    expect(located).not.toContain('src/config.ts:5');
    expect(located).not.toContain('src/server.ts:14');
  });

  it('lists every route with its full path across modules, middleware and validation', () => {
    expect(routeLines(result)).toEqual([
      'GET /health -> src/app.ts:18 [cors, express.json] app=0',
      'GET /v1/admin/reports/sales -> src/routes/admin.ts:14 [cors, express.json, requireAuth, requireAdmin] validated app=0',
      'POST /v1/auth/password-reset -> src/routes/auth.ts:8 [cors, express.json] validated app=0',
      'GET /v1/orders -> src/routes/orders.ts:13 [cors, express.json, requireAuth] app=0',
      'POST /v1/orders -> src/routes/orders.ts:23 [cors, express.json, requireAuth] unvalidated app=0',
      'GET /v1/orders/export.csv -> src/routes/orders.ts:33 [cors, express.json, requireAuth] app=0',
      'GET /v1/orders/:id -> src/routes/orders.ts:42 [cors, express.json, requireAuth] unvalidated app=0',
      'GET /v1/orders/:id/invoice.pdf -> src/routes/orders.ts:50 [cors, express.json, requireAuth] unvalidated app=0',
      'GET /v1/products -> src/routes/products.ts:14 [cors, express.json] validated app=0',
      'GET /v1/products/:id -> src/routes/products.ts:27 [cors, express.json] unvalidated app=0',
      'POST /v1/users/register -> src/routes/users.ts:17 [cors, express.json] validated app=0',
      'POST /v1/users/login -> src/routes/users.ts:32 [cors, express.json] validated app=0',
      'GET /v1/users/me -> src/routes/users.ts:50 [cors, express.json, requireAuth] app=0',
    ]);
  });

  it('records the evidence found for each app-level control', () => {
    expect(relativeInventory(result)).toMatchObject({
      apps: [
        {
          framework: 'express',
          name: 'app',
          location: { file: 'src/app.ts', line: 12, column: 15 },
          routes: 13,
          errorHandler: ['error handler (src/app.ts:32)'],
          rateLimit: [],
          securityHeaders: [],
          healthCheck: ['GET /health (src/app.ts:18)'],
        },
      ],
    });
  });

  it('inventory', () => {
    expect(relativeInventory(result)).toMatchSnapshot();
  });
});

describe('fastify-clean', () => {
  let result: ProjectCheckResult;
  beforeAll(async () => {
    result = await checkProject({ target: fixture('fastify-clean') });
  });

  // The unversioned /health route is a health check: probes and load balancers call it at a fixed
  // path, so it is exempt from unversioned-routes and the service gets no finding, not even info.
  it('produces no finding at all, not even an info one', () => {
    expect(result.findings).toEqual([]);
  });

  it('resolves the prefixes of plugins registered from another module', () => {
    expect(routeLines(result)).toEqual([
      'GET /health -> src/app.ts:41 [helmet, cors, rateLimit] response app=0',
      'GET /v1/notebooks -> src/routes/notebooks.ts:13 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'POST /v1/notebooks -> src/routes/notebooks.ts:22 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'DELETE /v1/notebooks/:id -> src/routes/notebooks.ts:34 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'GET /v1/notes -> src/routes/notes.ts:13 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'GET /v1/notes/:id -> src/routes/notes.ts:22 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'POST /v1/notes -> src/routes/notes.ts:31 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'PATCH /v1/notes/:id -> src/routes/notes.ts:43 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
      'DELETE /v1/notes/:id -> src/routes/notes.ts:52 [helmet, cors, rateLimit, app.authenticate] response,validated app=0',
    ]);
  });

  it('finds every app-level control through the registered plugins', () => {
    expect(relativeInventory(result)).toMatchObject({
      apps: [
        {
          framework: 'fastify',
          location: { file: 'src/app.ts', line: 15 },
          routes: 9,
          errorHandler: ['error handler (src/app.ts:26)'],
          rateLimit: ['@fastify/rate-limit (src/app.ts:23)'],
          securityHeaders: ['@fastify/helmet (src/app.ts:21)'],
          healthCheck: ['GET /health (src/app.ts:38)'],
        },
      ],
    });
  });
});
