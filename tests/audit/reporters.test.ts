import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_FINDING_ROWS, code, inline } from '../../src/audit/reporters/markdown.js';
import { REPORT_FORMATS, renderReport } from '../../src/audit/reporters/index.js';
import { FINGERPRINT_KEY, SRCROOT } from '../../src/audit/reporters/sarif.js';
import { SCORE_FORMULA } from '../../src/audit/score.js';
import type { AuditReport, Finding } from '../../src/audit/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const ANSI = /\u001b\[/u;
const SECRET = 'sk_live_51HqzTESTabcdef0123456789xyzAB';
const XSS_CODE = '</script><script>alert(1)</script>';
const XSS_MESSAGE = 'Bad input <img src=x onerror=alert(1)> here';
const DOCS = 'https://github.com/api-audit/eslint-plugin-api-audit/blob/main/rules-docs/';

const FILES: Record<string, string> = {
  'src/routes/users.ts': [
    "import { readFileSync } from 'node:fs';",
    "import { Router } from 'express';",
    'export const router = Router();',
    "router.get('/users', (req, res) => {",
    "  const data = readFileSync('users.json', 'utf8');",
    '  res.json(JSON.parse(data));',
    '});',
    "router.post('/users', createUser);",
    '',
  ].join('\n'),
  'src/config.ts': [
    "export const region = 'eu-west-1';",
    `export const stripeKey = '${SECRET}';`,
    'export const timeout = 5000;',
    '',
  ].join('\n'),
  'src/services/report.ts': [
    'export function renderReceipt(id: string) {',
    "  return require('node:child_process').execSync(`render ${id}`);",
    '}',
    '',
  ].join('\n'),
  'src/xss.ts': [`const html = '${XSS_CODE}';`, 'export default html;', ''].join('\n'),
  'src/my routes/pipes.ts': ['export const choice = a || b;', ''].join('\n'),
  'src/app.ts': ["import express from 'express';", 'export const app = express();', "app.use('/v1', router);", ''].join(
    '\n',
  ),
};

let root: string;

function finding(
  partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'file' | 'line' | 'column' | 'message'>,
): Finding {
  return {
    severity: 'warning',
    endLine: partial.line,
    endColumn: partial.column + 1,
    source: 'lint',
    fingerprint: createHash('sha256')
      .update(`${partial.ruleId}:${partial.file}:${partial.line}`)
      .digest('hex')
      .slice(0, 20),
    baselined: false,
    fixable: false,
    hasSuggestions: false,
    ...partial,
  };
}

/** A report over the files above, shaped as `audit()` returns it (summary computed from the findings). */
function makeReport(extra: Finding[] = []): AuditReport {
  const secretLine = FILES['src/config.ts']!.split('\n')[1]!;
  const secretColumn = secretLine.indexOf(SECRET) + 1;
  const findings: Finding[] = [
    finding({
      ruleId: 'api-audit/no-business-logic-in-routes',
      file: 'src/app.ts',
      line: 3,
      column: 1,
      message: 'Baselined thing',
      baselined: true,
    }),
    finding({
      ruleId: 'api-audit/no-hardcoded-secrets',
      severity: 'error',
      file: 'src/config.ts',
      line: 2,
      column: secretColumn,
      endColumn: secretColumn + SECRET.length,
      message: 'A Stripe live key (32 characters) is hard-coded; read it from the environment.',
    }),
    finding({
      ruleId: 'api-audit/unversioned-routes',
      severity: 'info',
      source: 'project',
      file: 'src/config.ts',
      line: 3,
      column: 14,
      message: 'Timeout next to the secret.',
    }),
    finding({
      ruleId: 'api-audit/no-wildcard-cors',
      file: 'src/my routes/pipes.ts',
      line: 1,
      column: 23,
      endColumn: 29,
      message: 'Use `a | b` or c | d, not <b>bold</b> or [link](http://x) @nestjs/common',
    }),
    finding({
      ruleId: 'api-audit/no-sync-in-handler',
      severity: 'error',
      file: 'src/routes/users.ts',
      line: 5,
      column: 16,
      endColumn: 50,
      message: '`readFileSync` blocks the event loop while a request is served.',
      fixable: true,
      hasSuggestions: true,
    }),
    finding({
      ruleId: 'api-audit/blocking-call-reachable',
      severity: 'error',
      source: 'project',
      file: 'src/services/report.ts',
      line: 2,
      column: 10,
      endColumn: 60,
      message:
        '`execSync` blocks the event loop in a request path: POST /v1/users → renderReceipt (src/services/report.ts:1) → execSync; use exec instead.',
      chain: [
        { label: 'POST /v1/users', file: 'src/routes/users.ts', line: 8, column: 1 },
        { label: 'renderReceipt', file: 'src/services/report.ts', line: 1, column: 8 },
        { label: 'execSync(`render ${id}`)', file: 'src/services/report.ts', line: 2, column: 10 },
      ],
    }),
    finding({
      ruleId: 'api-audit/no-wildcard-cors',
      file: 'src/xss.ts',
      line: 1,
      column: 14,
      endColumn: 14 + XSS_CODE.length + 2,
      message: XSS_MESSAGE,
    }),
    ...extra,
  ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const zero = () => ({ error: 0, warning: 0, info: 0 });
  const bySeverity = zero();
  const counted = zero();
  const byRule: AuditReport['summary']['byRule'] = {};
  let baselined = 0;
  for (const item of findings) {
    bySeverity[item.severity] += 1;
    (byRule[item.ruleId] ??= zero())[item.severity] += 1;
    if (item.baselined) baselined += 1;
    else counted[item.severity] += 1;
  }
  return {
    schemaVersion: 1,
    tool: { name: 'eslint-plugin-api-audit', version: '0.1.0' },
    engine: { name: 'oxlint', version: '1.96.0' },
    root,
    files: Object.keys(FILES).length,
    findings,
    skipped: [],
    redactions: [],
    summary: { bySeverity, byRule, counted, baselined },
    inventory: {
      apps: [
        {
          framework: 'express',
          name: 'app',
          location: { file: 'src/app.ts', line: 2, column: 14 },
          routes: 2,
          errorHandler: [],
          rateLimit: ['express-rate-limit (src/app.ts:4)'],
          securityHeaders: ['helmet (src/app.ts:5)', 'custom <headers> (src/app.ts:6)'],
          healthCheck: [],
        },
      ],
      routes: [
        {
          framework: 'express',
          methods: ['GET'],
          path: '/v1/users',
          displayPath: '/v1/users',
          location: { file: 'src/routes/users.ts', line: 4, column: 1 },
          handler: { file: 'src/routes/users.ts', line: 4, column: 25, name: null },
          middleware: ['authenticate', '@UseGuards(AuthGuard)'],
          responseSchema: false,
          readsInput: false,
          inputValidation: false,
          authentication: 'yes',
          authenticationEvidence: 'authenticate',
          app: 0,
        },
        {
          framework: 'express',
          methods: ['POST'],
          path: '/v1/users',
          displayPath: '/v1/users',
          location: { file: 'src/routes/users.ts', line: 8, column: 1 },
          handler: { file: 'src/routes/users.ts', line: 12, column: 1, name: 'createUser' },
          middleware: [],
          responseSchema: true,
          readsInput: true,
          inputValidation: false,
          authentication: 'no',
          authenticationEvidence: null,
          app: 0,
        },
      ],
    },
    score: { value: 62, formula: SCORE_FORMULA },
    failOn: 'error',
    failed: true,
    changes: [
      {
        file: 'src/routes/users.ts',
        kind: 'fix',
        ruleId: 'api-audit/no-sync-in-handler',
        line: 5,
        description: 'Replaced `readFileSync` with `await readFile`',
      },
    ],
    warnings: ['tsconfig.json: `strict` is off; some checks are less precise.'],
    timings: { lintMs: 12, projectMs: 34, totalMs: 50 },
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'api-audit-reporters-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('text', () => {
  it('groups findings by file with code frames, carets and chains, and hides baselined findings with a count', () => {
    const text = renderReport(makeReport(), 'text', { color: false });
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('eslint-plugin-api-audit 0.1.0');
    expect(text).toContain(`root:   ${root}`);
    // Files in path order, each finding under its file.
    const order = [
      'src/config.ts',
      'src/my routes/pipes.ts',
      'src/routes/users.ts',
      'src/services/report.ts',
      'src/xss.ts',
    ].map((file) => text.indexOf(`\n${file}\n`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const lines = text.split('\n');
    const usersAt = lines.indexOf('src/routes/users.ts');
    expect(lines[usersAt + 1]).toBe(
      '  5:16  error    `readFileSync` blocks the event loop while a request is served.  api-audit/no-sync-in-handler (fixable, suggestions)',
    );
    // Three-line frame: the line before, the reported line, the caret line, the line after.
    expect(lines.slice(usersAt + 2, usersAt + 6)).toEqual([
      "      4 | router.get('/users', (req, res) => {",
      "    > 5 |   const data = readFileSync('users.json', 'utf8');",
      `        | ${' '.repeat(15)}${'^'.repeat(34)}`,
      '      6 |   res.json(JSON.parse(data));',
    ]);
    // The caret starts under the reported column.
    const sourceLine = lines[usersAt + 3]!;
    const caretLine = lines[usersAt + 4]!;
    expect(caretLine.indexOf('^') - sourceLine.indexOf('|') - 2).toBe(15);
    // Chain steps under the blocking-call finding.
    expect(text).toContain(
      '      → POST /v1/users (src/routes/users.ts:8)\n      → renderReceipt (src/services/report.ts:1)\n      → execSync(`render ${id}`) (src/services/report.ts:2)',
    );
    // The baselined finding is hidden, and counted.
    expect(text).not.toContain('Baselined thing');
    expect(text).not.toContain('\nsrc/app.ts\n');
    expect(text).toContain('1 baselined finding not shown');
  });

  it('has a summary by rule, an aligned route table, the controls per app, warnings, changes and the score formula', () => {
    const text = renderReport(makeReport(), 'text', { color: false });
    expect(text).toMatch(/^ {2}RULE +ERROR +WARNING +INFO +TOTAL$/mu);
    expect(text).toMatch(/^ {2}api-audit\/no-sync-in-handler +1 +0 +0 +1$/mu);
    expect(text).toMatch(/^ {2}total +3 +3 +1 +7$/mu);
    expect(text).toContain('counted: 3 errors, 2 warnings, 1 info  (+ 1 baselined)');

    const lines = text.split('\n');
    const header = lines.find((line) => line.startsWith('  METHOD'))!;
    expect(header).toMatch(
      /^ {2}METHOD +PATH +HANDLER +MIDDLEWARE \/ GUARDS +RESPONSE SCHEMA +INPUT VALIDATION +AUTH +FINDINGS$/u,
    );
    const rows = lines.slice(lines.indexOf(header) + 1, lines.indexOf(header) + 3);
    expect(rows[0]).toMatch(
      /^ {2}GET +\/v1\/users +src\/routes\/users\.ts:4 +authenticate, @UseGuards\(AuthGuard\) +no +— +yes +1$/u,
    );
    expect(rows[1]).toMatch(/^ {2}POST +\/v1\/users +createUser \(src\/routes\/users\.ts:12\) +— +yes +no +no +1$/u);
    // Columns line up: every cell of a column starts where its header does.
    for (const title of ['PATH', 'HANDLER', 'RESPONSE SCHEMA', 'AUTH']) {
      const at = header.indexOf(title);
      for (const row of rows) expect(row[at - 1]).toBe(' ');
      for (const row of rows) expect(row[at]).not.toBe(' ');
    }

    expect(text).toContain('app (express, src/app.ts:2), 2 routes');
    expect(text).toMatch(/^ {2}error handler +missing$/mu);
    expect(text).toMatch(/^ {2}rate limit +express-rate-limit \(src\/app\.ts:4\)$/mu);
    expect(text).toMatch(/^ {2}security headers +helmet \(src\/app\.ts:5\); custom <headers> \(src\/app\.ts:6\)$/mu);
    expect(text).toMatch(/^ {2}health check +missing$/mu);
    expect(text).toContain('! tsconfig.json: `strict` is off; some checks are less precise.');
    expect(text).toContain(
      'src/routes/users.ts:5  fix         Replaced `readFileSync` with `await readFile`  api-audit/no-sync-in-handler',
    );
    expect(text).toContain(`formula: ${SCORE_FORMULA}`);
    expect(text).toContain('here:    max(0, round(100 - (8 x 3 + 3 x 2 + 1 x 1) / max(1, 2 / 10))) = 62');
    expect(text.trimEnd().split('\n').at(-1)).toBe('FAILED: 3 errors, 2 warnings, 1 info counted with --fail-on error');
    expect(text).not.toContain('\n\n\n');
  });

  it('colours only when asked', () => {
    const colored = renderReport(makeReport(), 'text', { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[31m');
    // Same text once the escapes are stripped.
    expect(colored.replace(/\u001b\[\d+m/gu, '')).toBe(renderReport(makeReport(), 'text', { color: false }));
  });

  it('shows control characters in source and messages as escapes', () => {
    const file = 'src/ansi.ts';
    writeFileSync(join(root, file), "const title = '\u001b[2J\u202ehidden';\n");
    const text = renderReport(
      makeReport([
        finding({ ruleId: 'api-audit/no-wildcard-cors', file, line: 1, column: 1, message: 'bell \u0007 here' }),
      ]),
      'text',
      { color: false },
    );
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\u202e');
    expect(text).toContain("const title = '\\u{1b}[2J\\u{202e}hidden';");
    expect(text).toContain('bell \\u{7} here');
    rmSync(join(root, file));
  });

  it('says so when there are no findings and no routes', () => {
    const report = makeReport();
    const empty: AuditReport = {
      ...report,
      findings: [],
      summary: {
        ...report.summary,
        byRule: {},
        bySeverity: { error: 0, warning: 0, info: 0 },
        counted: { error: 0, warning: 0, info: 0 },
        baselined: 0,
      },
      inventory: { apps: [], routes: [] },
      failed: false,
      changes: [],
      warnings: [],
      score: { value: 100, formula: SCORE_FORMULA },
    };
    const text = renderReport(empty, 'text', { color: false });
    expect(text).toContain('No findings.');
    expect(text).toContain('No routes found.');
    expect(text).toContain('No apps found.');
    expect(text).toContain('passed (--fail-on error): 0 errors, 0 warnings, 0 infos');
  });
});

describe('json', () => {
  it('is the report object itself', () => {
    const report = makeReport();
    const text = renderReport(report, 'json', { color: true });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(report);
    expect(text).not.toMatch(ANSI);
  });
});

describe('sarif', () => {
  interface SarifLocation {
    id?: number;
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string; index?: number };
      region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number; snippet?: unknown };
    };
    message?: { text: string };
  }
  interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: SarifLocation[];
    partialFingerprints: Record<string, string>;
    baselineState: string;
    codeFlows?: { threadFlows: { locations: { location: SarifLocation }[] }[] }[];
    relatedLocations?: SarifLocation[];
  }
  interface SarifLog {
    $schema: string;
    version: string;
    runs: {
      tool: {
        driver: {
          name: string;
          version: string;
          informationUri: string;
          rules: {
            id: string;
            name: string;
            shortDescription: { text: string };
            helpUri: string;
            defaultConfiguration: { level: string };
          }[];
        };
      };
      results: SarifResult[];
      artifacts: { location: { uri: string; uriBaseId?: string } }[];
      originalUriBaseIds: Record<string, { uri: string }>;
      columnKind: string;
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    }[];
  }

  it('has the required structure, one result per finding, levels, fingerprints, relative URIs and baseline states', () => {
    const report = makeReport();
    const log = JSON.parse(renderReport(report, 'sarif', { color: false })) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/^https:\/\/.*sarif-schema-2\.1\.0\.json$/u);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({
      name: 'api-audit',
      version: '0.1.0',
      informationUri: 'https://github.com/api-audit/eslint-plugin-api-audit',
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds[SRCROOT]!.uri).toMatch(/^file:\/\/.*\/$/u);
    expect(run.results).toHaveLength(report.findings.length);
    expect(run.results.map((result) => result.level)).toEqual(
      report.findings.map((item) => ({ error: 'error', warning: 'warning', info: 'note' })[item.severity]),
    );

    run.results.forEach((result, index) => {
      const source = report.findings[index]!;
      expect(result.ruleId).toBe(source.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(source.ruleId);
      expect(result.message.text).toBe(source.message);
      expect(result.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: source.fingerprint });
      expect(result.baselineState).toBe(source.baselined ? 'unchanged' : 'new');
      expect(result.locations).toHaveLength(1);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uriBaseId).toBe(SRCROOT);
      expect(artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/u);
      expect(decodeURIComponent(artifactLocation.uri)).toBe(source.file);
      expect(region).toEqual({
        startLine: source.line,
        startColumn: source.column,
        endLine: source.endLine,
        endColumn: source.endColumn,
      });
      expect(region.snippet).toBeUndefined();
    });
    expect(
      run.results.find((result) => result.ruleId === 'api-audit/no-wildcard-cors')!.locations[0]!.physicalLocation
        .artifactLocation.uri,
    ).toBe('src/my%20routes/pipes.ts');
    expect(run.results.filter((result) => result.baselineState === 'unchanged')).toHaveLength(1);
    for (const artifact of run.artifacts) expect(artifact.location.uriBaseId).toBe(SRCROOT);
    expect(run.invocations[0]!.toolExecutionNotifications[0]!.message.text).toBe(report.warnings[0]);
  });

  it('describes every rule and check with its docs link and default level', () => {
    const log = JSON.parse(renderReport(makeReport(), 'sarif', { color: false })) as SarifLog;
    const rules = new Map(log.runs[0]!.tool.driver.rules.map((rule) => [rule.id, rule]));
    expect(rules.get('api-audit/no-sync-in-handler')).toMatchObject({
      shortDescription: { text: 'Disallow blocking calls while a request is being served' },
      helpUri: `${DOCS}no-sync-in-handler.md`,
      defaultConfiguration: { level: 'error' },
    });
    expect(rules.get('api-audit/no-business-logic-in-routes')!.defaultConfiguration.level).toBe('warning');
    expect(rules.get('api-audit/blocking-call-reachable')).toMatchObject({
      helpUri: 'https://github.com/api-audit/eslint-plugin-api-audit/blob/main/README.md#project-checks',
      defaultConfiguration: { level: 'error' },
    });
    expect(rules.get('api-audit/unversioned-routes')!.defaultConfiguration.level).toBe('note');
    // A rule id the plugin does not (yet) register still gets a descriptor.
    expect(rules.get('api-audit/no-hardcoded-secrets')).toMatchObject({ helpUri: `${DOCS}no-hardcoded-secrets.md` });
    for (const result of log.runs[0]!.results) expect(rules.has(result.ruleId)).toBe(true);
  });

  it('gives a blocking-call chain as a code flow and related locations', () => {
    const log = JSON.parse(renderReport(makeReport(), 'sarif', { color: false })) as SarifLog;
    const result = log.runs[0]!.results.find((item) => item.ruleId === 'api-audit/blocking-call-reachable')!;
    const steps = result.codeFlows![0]!.threadFlows[0]!.locations.map(({ location }) => [
      location.message!.text,
      location.physicalLocation.artifactLocation.uri,
      location.physicalLocation.region.startLine,
    ]);
    expect(steps).toEqual([
      ['POST /v1/users', 'src/routes/users.ts', 8],
      ['renderReceipt', 'src/services/report.ts', 1],
      ['execSync(`render ${id}`)', 'src/services/report.ts', 2],
    ]);
    expect(result.relatedLocations!.map((location) => location.id)).toEqual([0, 1, 2]);
    expect(log.runs[0]!.results.filter((item) => item.codeFlows)).toHaveLength(1);
  });

  it('validates against the SARIF 2.1.0 subset schema, and the schema catches mistakes', () => {
    const schema = JSON.parse(readFileSync(join(here, 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const log = JSON.parse(renderReport(makeReport(), 'sarif', { color: false })) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const empty = makeReport();
    empty.findings = [];
    expect(validate(JSON.parse(renderReport(empty, 'sarif', { color: false })))).toBe(true);

    const broken = structuredClone(log) as unknown as {
      runs: { tool: { driver: Record<string, unknown> }; results: Record<string, unknown>[] }[];
    };
    delete broken.runs[0]!.tool.driver.name;
    expect(validate(broken)).toBe(false);
    const badLevel = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    badLevel.runs[0]!.results[0]!.level = 'info';
    expect(validate(badLevel)).toBe(false);
    const extra = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    extra.runs[0]!.results[0]!.severity = 'error';
    expect(validate(extra)).toBe(false);
  });
});

describe('markdown', () => {
  it('has a title with the score and counts, a findings table with escaped cells, the inventory and the controls', () => {
    const md = renderReport(makeReport(), 'markdown', { color: false });
    expect(md.split('\n')[0]).toBe('## ❌ api-audit: score 62/100 — 3 errors, 2 warnings, 1 info');
    expect(md).toContain('| Location | Severity | Rule | Message |');
    // Errors first; the baselined finding left out.
    const rows = md.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe(
      `| \`src/config.ts:2\` | 🔴 error | [no-hardcoded-secrets](${DOCS}no-hardcoded-secrets.md) | A Stripe live key (32 characters) is hard-coded; read it from the environment. |`,
    );
    expect(md).not.toContain('Baselined thing');
    expect(md).toContain('1 baselined finding not counted');
    // `|` escaped inside and outside code spans; HTML, links and mentions neutralised.
    const pipes = rows.find((row) => row.includes('pipes.ts'))!;
    expect(pipes).toContain(
      '`a \\| b` or c \\| d, not &lt;b&gt;bold&lt;/b&gt; or \\[link\\](http://x) @\u2060nestjs/common',
    );
    for (const row of rows) expect(row.replace(/\\\|/gu, '').split('|')).toHaveLength(6);
    expect(md).not.toMatch(/<img|<b>/u);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Inventory and controls.
    expect(md).toContain(
      '2 routes in 1 app: 1 without a response schema, 1 reading input without validating it, 1 changing state without authentication.',
    );
    expect(md).toContain(
      '| GET | `/v1/users` | src/routes/users.ts:4 | `authenticate`, `@UseGuards(AuthGuard)` | no | — | yes | 1 |',
    );
    expect(md).toContain(
      '| app (express, src/app.ts:2) | 2 | ❌ missing | ✅ express-rate-limit (src/app.ts:4) | ✅ helmet (src/app.ts:5); custom &lt;headers&gt; (src/app.ts:6) | ❌ missing |',
    );
    expect(md).toContain('### Warnings');
    expect(md).toContain(`<sub>Score: \`${SCORE_FORMULA}\``);
  });

  it('stops the findings table after the row limit', () => {
    const many = Array.from({ length: MAX_FINDING_ROWS + 7 }, (_, index) =>
      finding({
        ruleId: 'api-audit/no-wildcard-cors',
        file: 'src/many.ts',
        line: index + 1,
        column: 1,
        message: `Finding ${index}`,
      }),
    );
    const md = renderReport(makeReport(many), 'markdown', { color: false });
    expect(md.split('\n').filter((line) => line.startsWith('| `'))).toHaveLength(MAX_FINDING_ROWS);
    expect(md).toContain(`…and ${many.length + 6 - MAX_FINDING_ROWS} more.`);
  });

  it('escapes text for cells and makes code spans that hold any text', () => {
    expect(inline('a|b `c|d` <x> *y* _z_')).toBe('a\\|b `c\\|d` &lt;x&gt; \\*y\\* \\_z\\_');
    expect(inline('line\nbreak')).toBe('line break');
    expect(inline('one ` tick')).toBe('one \\` tick');
    expect(code('has `ticks` in')).toBe('``has `ticks` in``');
    expect(code('`edge')).toBe('`` `edge ``');
  });
});

describe('html', () => {
  it('is one self-contained page: summary, charts, findings with frames, inventory and controls', () => {
    const html = renderReport(makeReport(), 'html', { color: true });
    expect(html).toMatch(/^<!doctype html>/u);
    expect(html).not.toMatch(ANSI);
    // Nothing loads from anywhere: no src attributes, no CSS urls or imports, links only to the rule docs.
    const tags = [...html.matchAll(/<[a-z][^>]*>/giu)].map((match) => match[0]);
    // Attribute names only (values emptied): text that merely mentions `src=` inside a value is fine.
    for (const tag of tags)
      expect(tag.replace(/"[^"]*"/gu, '""')).not.toMatch(
        /\s(src|srcset|action|formaction|poster|data|background|style|on[a-z]+)\s*=/iu,
      );
    expect(html).not.toMatch(/url\(|@import/iu);
    const hrefs = tags.flatMap((tag) => [...tag.matchAll(/\shref="([^"]*)"/gu)].map((match) => match[1]!));
    expect(hrefs).toHaveLength(tags.filter((tag) => /\shref=/u.test(tag)).length);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs)
      expect(href.startsWith('#') || href.startsWith(DOCS) || href.endsWith('README.md#project-checks'), href).toBe(
        true,
      );
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/u,
    );
    // The CSP hashes match the page's own style and script.
    const style = /<style>([\s\S]*?)<\/style>/u.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/u.exec(html)![1]!;
    const sha = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(html).toContain(`style-src 'sha256-${sha(style)}'`);
    expect(html).toContain(`script-src 'sha256-${sha(script)}'`);
    expect(html).not.toMatch(/\sstyle="/u);
    // The filter panel stays hidden without the script, whatever display the page's CSS gives it.
    expect(html).toContain('<div id="filters" hidden>');
    expect(style).toContain('[hidden]{display:none!important}');

    expect(html).toContain('<b>62/100</b>');
    expect(html).toContain('Findings by rule');
    expect(html).toContain('Findings by file');
    expect(html.match(/<svg class="bar"/gu)!.length).toBe(6 + 6);
    expect(html).toContain(
      '<span class="line hit"><span class="ln">5</span>  const data = <mark>readFileSync(&#39;users.json&#39;, &#39;utf8&#39;)</mark>;</span>',
    );
    expect(html).toContain('<li>POST /v1/users <span class="muted mono">(src/routes/users.ts:8)</span></li>');
    expect(html).toContain('<td class="mono">/v1/users</td>');
    expect(html).toContain('<code>@UseGuards(AuthGuard)</code>');
    expect(html).toContain('<td class="yes" title="authenticate">yes</td>');
    expect(html).toContain('<th>Auth</th>');
    expect(html).toContain('<td class="missing">missing</td>');
    expect(html).toContain('<tr><td>app (express, src/app.ts:2)</td>');
    expect(html).toContain('helmet (src/app.ts:5)<br>custom &lt;headers&gt; (src/app.ts:6)');
    expect(html).toContain('data-baselined="true"');
    expect(html).toContain('tsconfig.json: `strict` is off');
  });

  it('escapes source code and messages', () => {
    const html = renderReport(makeReport(), 'html', { color: false });
    expect(html.match(/<script/giu)).toHaveLength(1);
    expect(html).not.toMatch(/<img/iu);
    expect(html).not.toContain(XSS_CODE);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Bad input &lt;img src=x onerror=alert(1)&gt; here');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('secrets', () => {
  it('never appear in any format, while the line is shown masked', () => {
    const report = makeReport();
    for (const format of REPORT_FORMATS) {
      for (const color of [false, true]) {
        const output = renderReport(report, format, { color });
        expect(output.includes(SECRET), `${format} contains the secret`).toBe(false);
        expect(output.includes(SECRET.slice(0, 12)), `${format} contains part of the secret`).toBe(false);
      }
    }
    const masked = `export const stripeKey = '${'*'.repeat(SECRET.length)}';`;
    expect(renderReport(report, 'text', { color: false })).toContain(`> 2 | ${masked}`);
    // Also in the frame of another finding next to it.
    expect(renderReport(report, 'text', { color: false }).split(masked).length - 1).toBe(2);
    expect(renderReport(report, 'html', { color: false })).toContain(
      `export const stripeKey = &#39;<mark>${'*'.repeat(SECRET.length)}</mark>&#39;;`,
    );
  });

  it('are masked when only a baselined finding reports them', () => {
    const report = makeReport();
    for (const item of report.findings) if (item.ruleId === 'api-audit/no-hardcoded-secrets') item.baselined = true;
    for (const format of REPORT_FORMATS)
      expect(renderReport(report, format, { color: false }).includes(SECRET), format).toBe(false);
  });
});

describe('renderReport', () => {
  it('counts findings per route by handler extent, registration line and chain entry', () => {
    const text = renderReport(makeReport(), 'text', { color: false });
    // GET: the readFileSync finding inside its handler; POST: the chain that enters at its registration.
    expect(text).toMatch(/^ {2}GET .* 1$/mu);
    expect(text).toMatch(/^ {2}POST .* 1$/mu);
  });

  it('keeps frames of long lines to a window around the column', () => {
    const file = 'src/long.ts';
    const line = `const x = [${'1, '.repeat(200)}oops];`;
    writeFileSync(join(root, file), `${line}\n`);
    const column = line.indexOf('oops') + 1;
    const text = renderReport(
      makeReport([
        finding({
          ruleId: 'api-audit/no-wildcard-cors',
          file,
          line: 1,
          column,
          endColumn: column + 4,
          message: 'Long line',
        }),
      ]),
      'text',
      { color: false },
    );
    const shown = text.split('\n').find((item) => item.startsWith('    > 1 | '))!;
    expect(shown.length).toBeLessThan(200);
    expect(shown).toContain('…');
    const caret = text.split('\n')[text.split('\n').indexOf(shown) + 1]!;
    expect(shown.slice(caret.indexOf('^'), caret.indexOf('^') + 4)).toBe('oops');
    rmSync(join(root, file));
  });

  it('leaves out the frame of a file that cannot be read', () => {
    const text = renderReport(
      makeReport([
        finding({ ruleId: 'api-audit/no-wildcard-cors', file: 'src/gone.ts', line: 3, column: 1, message: 'Gone' }),
      ]),
      'text',
      { color: false },
    );
    const lines = text.split('\n');
    const at = lines.indexOf('src/gone.ts');
    expect(lines[at + 1]).toContain('Gone');
    expect(lines[at + 2]).toBe('');
  });

  it('rejects an unknown format', () => {
    expect(() => renderReport(makeReport(), 'xml' as never, { color: false })).toThrow(/Unknown report format/u);
  });
});
