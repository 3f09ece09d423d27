import { beforeAll, describe, expect, it } from 'vitest';

import { checkProject, loadProject, type LoadedProject, type ProjectCheckResult } from '../../src/project/index.js';
import { chainOf, findingAt, findingLines, fixture, routeLines } from './helpers.js';

describe('checker-express-layers: Express routers mounted across modules', () => {
  let project: LoadedProject;
  let result: ProjectCheckResult;
  beforeAll(async () => {
    project = loadProject({ target: fixture('checker-express-layers') });
    result = await checkProject({ project });
  });

  it('reports exactly the planted problems', () => {
    expect(findingLines(result)).toEqual([
      "src/app.ts:8 api-audit/missing-error-handler No error handler on this Express app: looked for an error middleware with four parameters `(err, req, res, next)`, or the `errorhandler` or `api-error-handler` package in this app (src/app.ts) and the 3 apps mounted on it (src/routes/index.ts, src/routes/users.ts and src/routes/orders.ts); unhandled errors get the framework's default reply.",
      'src/app.ts:8 api-audit/missing-health-check No health-check route on this Express app: looked for a route at /health, /healthz, /ready(z), /live(z) or /ping among its 6 routes, and for `@godaddy/terminus` or `express-healthcheck`.',
      'src/app.ts:8 api-audit/unversioned-routes 1 of the 6 API routes of this Express app is outside a version prefix such as /v1: GET /metrics.',
      'src/handlers/receipt.ts:5 api-audit/blocking-call-reachable `readFileSync` blocks the event loop in a request path: GET /v1/orders/:id/receipt → renderReceipt (src/handlers/receipt.ts:4) → readFileSync; use `fs.promises.readFile` instead.',
      'src/lib/archiver.ts:6 api-audit/blocking-call-reachable `gzipSync` blocks the event loop in a request path: GET /v1/orders/export → orderService.exportArchive (src/services/order.service.ts:16) → this.archiver.pack (src/lib/archiver.ts:5) → gzipSync; use `util.promisify(zlib.gzip)` or a stream instead.',
      'src/lib/crypto.ts:5 api-audit/blocking-call-reachable `hashSync` blocks the event loop in a request path: POST /v1/users/register → userService.register (src/services/user.service.ts:7) → hashPassword (src/lib/crypto.ts:4) → bcrypt.hashSync (also reached from PUT /v1/users/me/password); use the promise-returning `hash` instead.',
      'src/middleware/audit-log.ts:8 api-audit/blocking-call-reachable `appendFileSync` blocks the event loop in a request path: requests through the middleware `auditLog` → auditLog (src/middleware/audit-log.ts:6) → appendFileSync; use `fs.promises.appendFile` instead.',
      'src/repositories/order.repository.ts:2 api-audit/layering Data-layer module imports `../services/order.service.js` from the service layer; dependencies must point down (routes → services → data).',
      'src/routes/orders.ts:4 api-audit/layering Route module imports the data-layer module `../repositories/order.repository.js`; go through a service so routes stay thin.',
      'src/services/user.service.ts:1 api-audit/layering Service module imports `Request` from `express`; keep services free of HTTP types and objects so any transport can call them.',
    ]);
  });

  it('follows an object-literal service method into a helper of another module', () => {
    const finding = findingAt(result, 'api-audit/blocking-call-reachable', 'src/lib/crypto.ts:5');
    expect(chainOf(result, finding)).toEqual([
      'POST /v1/users/register @ src/routes/users.ts:7',
      'userService.register @ src/services/user.service.ts:7',
      'hashPassword @ src/lib/crypto.ts:4',
      'bcrypt.hashSync @ src/lib/crypto.ts:5',
    ]);
  });

  it('follows class methods through the type checker (an instance, then a field of it)', () => {
    const finding = findingAt(result, 'api-audit/blocking-call-reachable', 'src/lib/archiver.ts:6');
    expect(chainOf(result, finding)).toEqual([
      'GET /v1/orders/export @ src/routes/orders.ts:19',
      'orderService.exportArchive @ src/services/order.service.ts:16',
      'this.archiver.pack @ src/lib/archiver.ts:5',
      'gzipSync @ src/lib/archiver.ts:6',
    ]);
  });

  it('starts chains at imported handlers and imported app middleware', () => {
    expect(
      chainOf(result, findingAt(result, 'api-audit/blocking-call-reachable', 'src/handlers/receipt.ts:5')),
    ).toEqual([
      'GET /v1/orders/:id/receipt @ src/routes/orders.ts:28',
      'renderReceipt @ src/handlers/receipt.ts:4',
      'readFileSync @ src/handlers/receipt.ts:5',
    ]);
    expect(
      chainOf(result, findingAt(result, 'api-audit/blocking-call-reachable', 'src/middleware/audit-log.ts:8')),
    ).toEqual([
      'requests through the middleware `auditLog` @ src/app.ts:12',
      'auditLog @ src/middleware/audit-log.ts:6',
      'appendFileSync @ src/middleware/audit-log.ts:8',
    ]);
  });

  it('does not report the same-file cases of routes/orders.ts (no-sync-in-handler reports them)', () => {
    expect(findingLines(result).filter((line) => line.startsWith('src/routes/orders.ts:10'))).toEqual([]);
  });

  it('joins prefixes through two levels of imported routers', () => {
    expect(routeLines(result)).toEqual([
      'GET /metrics -> src/app.ts:16 [helmet, express.json, limiter, auditLog] app=0',
      'GET /v1/orders -> src/routes/orders.ts:15 [helmet, express.json, limiter, auditLog] app=0',
      'GET /v1/orders/export -> src/routes/orders.ts:19 [helmet, express.json, limiter, auditLog] app=0',
      'GET /v1/orders/:id/receipt -> src/handlers/receipt.ts:4 [helmet, express.json, limiter, auditLog] unvalidated app=0',
      'POST /v1/users/register -> src/routes/users.ts:7 [helmet, express.json, limiter, auditLog] validated app=0',
      'PUT /v1/users/me/password -> src/routes/users.ts:20 [helmet, express.json, limiter, auditLog] validated app=0',
    ]);
  });

  it('finds rate limiting through a limiter created in another module', () => {
    expect(result.inventory.apps[0]).toMatchObject({
      errorHandler: [],
      rateLimit: ['express-rate-limit (src/app.ts:11)'],
      securityHeaders: ['helmet (src/app.ts:9)'],
      healthCheck: [],
    });
  });

  it('follows calls only `maxDepth` deep', async () => {
    const shallow = await checkProject({ project, maxDepth: 1 });
    expect(
      shallow.findings
        .filter((finding) => finding.ruleId === 'api-audit/blocking-call-reachable')
        .map((finding) => finding.message.split(':')[0]),
    ).toEqual([
      '`readFileSync` blocks the event loop in a request path',
      '`appendFileSync` blocks the event loop in a request path',
    ]);
  });

  it('takes severities per check and turns checks off', async () => {
    const tuned = await checkProject({
      project,
      checks: {
        layering: 'off',
        'blocking-call-reachable': 'warning',
        'missing-error-handler': 'off',
        'missing-health-check': 'off',
        'unversioned-routes': 'off',
      },
    });
    expect(tuned.findings.map((finding) => `${finding.ruleId} ${finding.severity}`)).toEqual([
      'api-audit/blocking-call-reachable warning',
      'api-audit/blocking-call-reachable warning',
      'api-audit/blocking-call-reachable warning',
      'api-audit/blocking-call-reachable warning',
    ]);
  });

  it('reads the layer globs from the settings (a list replaces its default)', async () => {
    const custom = await checkProject({
      project,
      settings: { layers: { services: ['**/services/**', '**/middleware/**'], data: ['**/db.ts'] } },
      checks: {
        'blocking-call-reachable': 'off',
        'missing-error-handler': 'off',
        'missing-health-check': 'off',
        'unversioned-routes': 'off',
      },
    });
    expect(findingLines(custom)).toEqual([
      'src/middleware/audit-log.ts:2 api-audit/layering Service module imports `NextFunction`, `Request` and `Response` from `express`; keep services free of HTTP types and objects so any transport can call them.',
      'src/services/user.service.ts:1 api-audit/layering Service module imports `Request` from `express`; keep services free of HTTP types and objects so any transport can call them.',
    ]);
  });

  it('skips files the `ignore` callback rejects', async () => {
    const ignored = await checkProject({
      project,
      ignore: async (file) => file.endsWith('/handlers/receipt.ts') || file.includes('/middleware/'),
    });
    const lines = findingLines(ignored);
    expect(lines.some((line) => line.startsWith('src/handlers/') || line.startsWith('src/middleware/'))).toBe(false);
    expect(ignored.stats.files).toBe(result.stats.files - 3);
  });

  it('rejects invalid settings naming the key', async () => {
    await expect(checkProject({ project, settings: { layerz: {} } })).rejects.toThrow(/Unrecognized key: "layerz"/u);
  });
});
