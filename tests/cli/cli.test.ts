import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { Ajv } from 'ajv';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error -- the benchmark's generator is plain JavaScript without declarations.
import { generateService } from '../../bench/generate.mjs';
import type { AuditReport } from '../../src/audit/types.js';
import plugin from '../../src/index.js';
import { DEFAULT_SEVERITIES } from '../../src/project/index.js';
import { removeTemporaryProjects, temporaryDirectory } from '../project/helpers.js';
import { apiAudit, bin, repositoryRoot } from './run-cli.js';

const run = promisify(execFile);
const root = repositoryRoot;
const fixtures = join(root, 'fixtures');

/** A copy of an example service in a temporary directory, for runs that write files. */
function copyOf(service: string): string {
  const dir = temporaryDirectory(`api-audit-${service}-`);
  cpSync(join(fixtures, service), dir, { recursive: true });
  return dir;
}

/**
 * `file:line ruleId` of every `// expect:` marker in express-shop whose rule or check the command runs by
 * default: the `recommended` rules (rules off by default, such as `no-error-details-in-response`, are
 * planted for `all`) and the project checks.
 */
async function plantedFindings(): Promise<string[]> {
  const known = new Set([
    ...Object.keys(plugin.configs.recommended.rules ?? {}).map((name) => name.replace('api-audit/', '')),
    ...Object.keys(DEFAULT_SEVERITIES),
  ]);
  const expected: string[] = [];
  for (const file of await glob('src/**/*.ts', { cwd: join(fixtures, 'express-shop') })) {
    readFileSync(join(fixtures, 'express-shop', file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const [, id] of /\/\/ expect: (.*)$/u.exec(line)?.[1]?.matchAll(/api-audit\/([a-z-]+)/gu) ?? []) {
          if (known.has(id!)) expected.push(`${file}:${index + 1} api-audit/${id}`);
        }
      });
  }
  return expected.sort();
}

/** The secret-looking literals planted in express-shop: none may appear in any output. */
const PLANTED_SECRETS = ['sk_live_51HfakeFAKEfake0000000000', 'dev-secret-please-change-7f3a9c'];

describe('api-audit command', { timeout: 120_000 }, () => {
  let shop: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    shop = await apiAudit([join(fixtures, 'express-shop'), '--format', 'json']);
  });
  afterAll(removeTemporaryProjects);

  it('exits 1 on the service with planted problems and reports exactly the planted ones', async () => {
    expect(shop.code).toBe(1);
    const report = JSON.parse(shop.stdout) as AuditReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.failed).toBe(true);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort()).toEqual(
      await plantedFindings(),
    );
  });

  it('with --types, the typed checks add no finding beyond the planted ones', async () => {
    const typed = await apiAudit([join(fixtures, 'express-shop'), '--types', '--format', 'json']);
    const report = JSON.parse(typed.stdout) as AuditReport;
    expect(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort()).toEqual(
      await plantedFindings(),
    );
  });

  it('exits 0 on the clean service', async () => {
    const clean = await apiAudit([join(fixtures, 'fastify-clean'), '--format', 'json']);
    const report = JSON.parse(clean.stdout) as AuditReport;
    expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    expect(clean.code).toBe(0);
  });

  it('exits 2 naming a missing path, without a stack trace', async () => {
    const result = await apiAudit(['does/not/exist']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('api-audit: No such path: does/not/exist\n');
  });

  it('exits 2 naming the wrong key of a bad config file', async () => {
    const dir = copyOf('fastify-clean');
    writeFileSync(join(dir, 'api-audit.config.json'), JSON.stringify({ failOn: 'warning', settings: { layerz: {} } }));
    const result = await apiAudit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid config file ${join(dir, 'api-audit.config.json')}:`);
    expect(result.stderr).toContain('Unrecognized key: "layerz"');
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  });

  it('exits 2 on an unknown option', async () => {
    const result = await apiAudit(['--formt', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--formt'");
  });

  it('--fail-on none exits 0 even with errors; --fail-on warning counts warnings', async () => {
    expect((await apiAudit([join(fixtures, 'express-shop'), '--fail-on', 'none', '--format', 'json'])).code).toBe(0);
  });

  it('writes every format, each parsed back, and no planted secret appears in any', async () => {
    const dir = temporaryDirectory('api-audit-formats-');
    const files = {
      text: 'report.txt',
      json: 'report.json',
      sarif: 'report.sarif',
      markdown: 'report.md',
      html: 'report.html',
    };
    const args = [join(fixtures, 'express-shop')];
    for (const [format, file] of Object.entries(files)) args.push('--format', format, '--output', join(dir, file));
    const result = await apiAudit(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const outputs = Object.fromEntries(
      Object.entries(files).map(([format, file]) => [format, readFileSync(join(dir, file), 'utf8')]),
    );
    for (const [format, text] of Object.entries(outputs)) {
      for (const secret of PLANTED_SECRETS)
        expect(text.includes(secret), `${format} contains a planted secret`).toBe(false);
    }
    const json = JSON.parse(outputs.json!) as AuditReport;
    const sarif = JSON.parse(outputs.sarif!) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(json.findings.length);
    const schema = JSON.parse(readFileSync(join(root, 'tests/audit/sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(outputs.markdown).toContain('|');
    expect(outputs.html).toMatch(/^<!doctype html>/iu);
    expect(outputs.text).toContain('src/routes/orders.ts');
  });

  it('masks a secret whose finding an eslint-disable comment suppressed, in the code frame of a finding beside it', async () => {
    const dir = temporaryDirectory('api-audit-suppressed-');
    const suppressed = 'ghp_' + 'Zq8mW2rT5vX9bN3kL7pD1sF4hJ6yC0aE2uQ';
    writeFileSync(
      join(dir, 'app.js'),
      [
        "import express from 'express';",
        "import { execSync } from 'node:child_process';",
        'export const app = express.Router();',
        '// eslint-disable-next-line api-audit/no-hardcoded-secrets',
        `const githubToken = '${suppressed}';`,
        "app.get('/v', (req, res) => { res.send(execSync('git rev-parse HEAD') + githubToken); });",
        '',
      ].join('\n'),
    );
    for (const format of ['text', 'html', 'json', 'markdown', 'sarif']) {
      const result = await apiAudit([dir, '--format', format]);
      expect(result.stdout, format).toContain(format === 'html' ? 'execSync' : 'no-sync-in-handler');
      expect(result.stdout.includes(suppressed), `${format} shows the suppressed secret`).toBe(false);
    }
    const text = (await apiAudit([dir, '--format', 'text'])).stdout;
    expect(text).toContain(`      5 | const githubToken = ${'*'.repeat(suppressed.length + 2)};`);
  });

  it('--use-eslint-config lints with the project’s own flat config (its severities, its ignores)', async () => {
    const dir = temporaryDirectory('api-audit-own-config-');
    const parserUrl = pathToFileURL(join(root, 'node_modules/@typescript-eslint/parser/dist/index.js')).href;
    const pluginUrl = pathToFileURL(join(root, 'dist/index.js')).href;
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'eslint.config.js'),
      `import tsParser from '${parserUrl}';\nimport apiAudit from '${pluginUrl}';\nexport default [\n` +
        "  { ignores: ['legacy/**'] },\n  { files: ['**/*.{ts,js}'], languageOptions: { parser: tsParser } },\n" +
        "  apiAudit.configs.recommended,\n  { rules: { 'api-audit/no-sync-in-handler': 'warn' } },\n];\n",
    );
    const blocking =
      "import express from 'express';\nimport { readFileSync } from 'node:fs';\nexport const r = express.Router();\n" +
      "r.get('/x', (req, res) => { res.send(readFileSync('a')); });\n";
    for (const file of ['src/app.ts', 'legacy/old.ts']) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), blocking);
    }
    const report = JSON.parse((await apiAudit([dir, '--use-eslint-config', '--format', 'json'])).stdout) as AuditReport;
    expect(
      report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity}`),
    ).toEqual(['src/app.ts:4 api-audit/no-sync-in-handler warning']);
  });

  it('a .eslintignore in the service is left aside without ESLint printing a warning about it', async () => {
    const dir = copyOf('fastify-clean');
    writeFileSync(join(dir, '.eslintignore'), 'src/\n');
    const result = await apiAudit([dir, '--format', 'json', '--fail-on', 'none']);
    expect(result.stderr).not.toMatch(/eslintignore/iu);
    expect((JSON.parse(result.stdout) as AuditReport).files).toBeGreaterThan(0);
  });

  it('a controller in another file is reported once, by the rule, with the route the project index linked', async () => {
    const dir = temporaryDirectory('api-audit-typed-controller-');
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/users.ts'),
      "import type { Request, Response } from 'express';\nimport { readFileSync } from 'node:fs';\n" +
        "export function getUser(req: Request, res: Response): void {\n  res.send(readFileSync('user.json', 'utf8'));\n}\n",
    );
    writeFileSync(
      join(dir, 'src/server.ts'),
      "import express from 'express';\nimport { getUser } from './users.js';\nexport const app = express.Router();\napp.get('/v1/users/:id', getUser);\n",
    );
    const report = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    expect(
      report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`),
    ).toEqual(['src/users.ts:4:12 api-audit/no-sync-in-handler']);
    // The router is exported but mounted nowhere the index sees: the part of the path it cannot know is a placeholder.
    expect(report.findings[0]!.message).toBe(
      '`readFileSync` blocks the event loop while serving GET {prefix}/v1/users/:id, registered in src/server.ts:4; use `fs.promises.readFile` instead.',
    );
  });

  it('a baseline round trip: update, then only a new finding fails', async () => {
    const dir = copyOf('express-shop');
    const baseline = join(dir, 'api-audit-baseline.json');
    expect((await apiAudit([dir, '--baseline', baseline, '--update-baseline'])).code).toBe(1);
    expect((await apiAudit([dir, '--baseline', baseline, '--format', 'json'])).code).toBe(0);
    // Shift every line down, then add one new problem.
    const app = join(dir, 'src/app.ts');
    writeFileSync(
      app,
      `// moved\n\n${readFileSync(app, 'utf8')}\nimport { execSync } from 'node:child_process';\nexport const extra = express.Router().get('/x', (req, res) => { res.send(execSync('date')); });\n`,
    );
    const after = await apiAudit([dir, '--baseline', baseline, '--format', 'json']);
    expect(after.code).toBe(1);
    const report = JSON.parse(after.stdout) as AuditReport;
    expect(
      report.findings
        .filter((finding) => !finding.baselined)
        .map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`),
    ).toEqual(['src/app.ts:51 api-audit/no-sync-in-handler']);
  });

  it('--fix fixes what it can; a fresh audit shows those findings gone and nothing new', async () => {
    const dir = copyOf('express-shop');
    const before = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    const fixed = JSON.parse((await apiAudit([dir, '--fix', '--format', 'json'])).stdout) as AuditReport;
    expect(fixed.changes.length).toBeGreaterThan(0);
    const after = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    const key = (finding: AuditReport['findings'][number]): string =>
      `${finding.file} ${finding.ruleId} ${finding.message}`;
    const remaining = new Set(after.findings.map(key));
    for (const change of fixed.changes)
      expect(
        [...remaining].some((item) => item.startsWith(`${change.file} ${change.ruleId} ${change.description}`)),
      ).toBe(false);
    const previous = new Set(before.findings.map(key));
    expect(after.findings.filter((finding) => !previous.has(key(finding)))).toEqual([]);
  });

  it('reports a file with a syntax error and audits the rest', async () => {
    const dir = copyOf('express-shop');
    writeFileSync(join(dir, 'src/broken.ts'), 'export const x = {;\n');
    const report = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    expect(
      report.findings.filter((finding) => finding.ruleId === 'api-audit/parse-error').map((finding) => finding.file),
    ).toEqual(['src/broken.ts']);
    expect(report.findings.some((finding) => finding.ruleId === 'api-audit/no-wildcard-cors')).toBe(true);
  });

  it('prints a report larger than the pipe buffer whole before exiting', async () => {
    const dir = temporaryDirectory('api-audit-large-');
    generateService(dir, 300);
    // Through a shell pipe, as `api-audit -f json | jq` reads it: Node.js cut the report at 64 KiB
    // there when the bin called exit() right after writing.
    const { stdout } = await run(
      '/bin/sh',
      ['-c', '"$0" "$1" "$2" --format json --fail-on none | cat', process.execPath, bin, dir],
      {
        env: { ...process.env, NO_COLOR: '1', CI: 'true' },
        maxBuffer: 32 * 2 ** 20,
      },
    );
    expect(stdout.length).toBeGreaterThan(2 * 65_536);
    const report = JSON.parse(stdout) as AuditReport;
    // Declaration files are not audited.
    expect(report.files).toBe((await glob('src/**/*.ts', { cwd: dir, ignore: ['**/*.d.ts'] })).length);
  });
});

/** A report without what differs between two runs by design: timings, and which host linted. */
function comparable(report: AuditReport): Omit<AuditReport, 'timings' | 'engine'> {
  const rest: Partial<AuditReport> = { ...report };
  delete rest.timings;
  delete rest.engine;
  return rest as Omit<AuditReport, 'timings' | 'engine'>;
}

describe('api-audit --engine (DESIGN "Hosts")', { timeout: 300_000 }, () => {
  afterAll(removeTemporaryProjects);
  const services = ['express-shop', 'fastify-clean', 'checker-express-layers', 'checker-koa-js', 'checker-nest'];

  it.each(services)('%s: the same report under oxlint and under ESLint', async (service) => {
    const runs = await Promise.all(
      ['oxlint', 'eslint'].map(async (engine) => {
        const result = await apiAudit([
          join(fixtures, service),
          '--engine',
          engine,
          '--format',
          'json',
          '--fail-on',
          'none',
        ]);
        expect(result.code, result.stderr).toBe(0);
        return JSON.parse(result.stdout) as AuditReport;
      }),
    );
    expect(runs.map((report) => report.engine.name)).toEqual(['oxlint', 'eslint']);
    expect(comparable(runs[0]!)).toEqual(comparable(runs[1]!));
  });

  it('by default runs the rules under oxlint with --lint-only, and under ESLint otherwise', async () => {
    const service = join(fixtures, 'fastify-clean');
    const engineOf = async (...args: string[]): Promise<string> =>
      (JSON.parse((await apiAudit([service, '--format', 'json', ...args])).stdout) as AuditReport).engine.name;
    expect(await engineOf('--lint-only')).toBe('oxlint');
    expect(await engineOf()).toBe('eslint');
    expect(await engineOf('--lint-only', '--types')).toBe('eslint');
    expect(await engineOf('--lint-only', '--engine', 'eslint')).toBe('eslint');
    expect(await engineOf('--engine', 'oxlint')).toBe('oxlint');
  });

  it('exits 2 when --engine oxlint is combined with an option only ESLint serves', async () => {
    const result = await apiAudit([join(fixtures, 'fastify-clean'), '--engine', 'oxlint', '--types']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('api-audit: --engine oxlint cannot be combined with --types, which needs ESLint.\n');
  });

  it('honours eslint-disable comments under both hosts, and reports a file that does not parse', async () => {
    const dir = temporaryDirectory('api-audit-engines-');
    writeFileSync(join(dir, 'package.json'), '{ "name": "svc", "type": "module" }\n');
    writeFileSync(
      join(dir, 'app.js'),
      [
        "import express from 'express';",
        "import cors from 'cors';",
        "import { readFileSync } from 'node:fs';",
        'export const app = express();',
        'app.use(cors()); // eslint-disable-line api-audit/no-wildcard-cors',
        '/* eslint-disable api-audit/no-sync-in-handler */',
        "app.get('/a', (req, res) => res.send(readFileSync('a.txt')));",
        '/* eslint-enable api-audit/no-sync-in-handler */',
        "app.get('/b', (req, res) => res.send(readFileSync('b.txt')));",
        '// eslint-disable-next-line api-audit/no-hardcoded-secrets',
        `const stripeKey = '${'sk_live_' + 'Zq8mW2rT5vX9bN3kL7pD1sF4'}';`,
        "app.get('/c', async (req, res) => res.send(stripeKey + readFileSync('c.txt')));",
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'broken.js'), 'export const x = {;\n');
    const reports = await Promise.all(
      ['oxlint', 'eslint'].map(async (engine) => {
        const result = await apiAudit([
          dir,
          '--engine',
          engine,
          '--lint-only',
          '--format',
          'json',
          '--fail-on',
          'none',
        ]);
        return JSON.parse(result.stdout) as AuditReport;
      }),
    );
    for (const report of reports) {
      expect(
        // Each host's parser words (and places) a syntax error its own way: the line is what both share.
        report.findings.map((finding) =>
          finding.ruleId === 'api-audit/parse-error'
            ? `${finding.file}:${finding.line} ${finding.ruleId}`
            : `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`,
        ),
        report.engine.name,
      ).toEqual([
        'app.js:9:38 api-audit/no-sync-in-handler',
        'app.js:12:56 api-audit/no-sync-in-handler',
        'broken.js:1 api-audit/parse-error',
      ]);
      // The fix of the async handler is there under both hosts; the suppressed secret is masked by its place.
      expect(report.findings[1]!.fixable, report.engine.name).toBe(true);
      expect(report.redactions, report.engine.name).toEqual([
        { file: 'app.js', line: 11, column: 19, endLine: 11, endColumn: 53 },
      ]);
    }
  });
});
