import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { parses } from '../../src/audit/lint.js';
import rules from '../../src/rules/index.js';
import type { AuditReport } from '../../src/audit/types.js';
import { removeTemporaryProjects, temporaryProject } from '../project/helpers.js';
import { apiAudit, bin, type CliRunOptions } from './run-cli.js';

/**
 * Bad input, faults and odd files, each through the real command in a child process (issue 15's
 * table): exit 2 with a message naming the problem and no stack trace, or the file reported and the
 * rest audited.
 */

afterAll(removeTemporaryProjects);

/** A small Express service with the app-level controls and one planted blocking call (line 9 of `src/app.js`). */
const SERVICE = {
  'package.json': '{ "name": "tiny", "type": "module" }\n',
  'src/app.js': [
    "import express from 'express';",
    "import helmet from 'helmet';",
    "import rateLimit from 'express-rate-limit';",
    "import { readFileSync } from 'node:fs';",
    'export const app = express();',
    'app.use(helmet());',
    'app.use(rateLimit({ windowMs: 60_000, limit: 100 }));',
    "app.get('/health', (req, res) => { res.send('ok'); });",
    "app.get('/v1/report', (req, res) => { res.send(readFileSync('report.txt', 'utf8')); });",
    "app.use((err, req, res, next) => { res.status(500).json({ error: 'internal' }); });",
    '',
  ].join('\n'),
};
const PLANTED = 'src/app.js:9 api-audit/no-sync-in-handler';

/** A copy of {@link SERVICE} plus `extra` files, readable by every user (for runs as another user). */
function service(extra: Record<string, string> = {}): string {
  const dir = temporaryProject({ ...SERVICE, ...extra });
  chmodSync(dir, 0o755);
  return dir;
}

/** `file:line ruleId` of every finding of a JSON report. */
function findings(report: AuditReport): string[] {
  return report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();
}

/**
 * Root reads every file whatever its mode (capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH):
 * permission cases run the command as root without them then (util-linux `setpriv`), so a mode-000
 * file is unreadable while the repository, wherever it was cloned (a `mktemp -d` is 0700), still is.
 */
const WITHOUT_DAC = '-dac_override,-dac_read_search';
const asUnprivileged: CliRunOptions =
  process.getuid?.() === 0
    ? { launcher: ['setpriv', `--inh-caps=${WITHOUT_DAC}`, `--bounding-set=${WITHOUT_DAC}`] }
    : {};

/** Every rule of the plugin, as the message lists them (sorted, as `src/rules/index.ts` keeps them). */
const RULE_NAMES = Object.keys(rules).sort();

describe('api-audit on bad input', { timeout: 120_000 }, () => {
  it('an unknown rule in the config file: exit 2 naming the file, the key and the rules', async () => {
    const dir = service({ 'api-audit.config.json': '{ "rules": { "no-sync-in-handlers": "error" } }' });
    const result = await apiAudit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `api-audit: Invalid config file ${join(dir, 'api-audit.config.json')}: rules["no-sync-in-handlers"] is not a rule of api-audit; the rules are ${RULE_NAMES.join(', ')}.\n`,
    );
  });

  it('a bad rule option: exit 2 naming the file, the rule and the expected properties', async () => {
    const dir = service({
      'api-audit.config.json': '{ "rules": { "no-sync-in-handler": ["error", { "allowed": ["fs.existsSync"] }] } }',
    });
    const result = await apiAudit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `api-audit: Invalid config file ${join(dir, 'api-audit.config.json')}: rules["no-sync-in-handler"]: Value {"additionalBlockingCalls":[],"allow":[],"allowed":["fs.existsSync"]} should NOT have additional properties. Unexpected property "allowed". Expected properties: "additionalBlockingCalls", "allow".\n`,
    );
  });

  it('an invalid severity: exit 2 naming the accepted values', async () => {
    const dir = service({ 'api-audit.config.json': '{ "rules": { "no-sync-in-handler": "fatal" } }' });
    const result = await apiAudit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `api-audit: Invalid config file ${join(dir, 'api-audit.config.json')}:\n✖ expected a severity: "off", "warn" or "error" (or 0, 1, 2), or [severity, options]\n  → at rules["no-sync-in-handler"]\n`,
    );
  });

  it('--format nonsense: rejected before any work, nothing written', async () => {
    const dir = service();
    const output = join(dir, 'out/report.json');
    const result = await apiAudit([dir, '--format', 'json', '--output', output, '--format', 'nonsense']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: option '-f, --format <format>' argument 'nonsense' is invalid. Allowed choices are text, json, sarif, markdown, html.\n(run api-audit --help for usage)\n",
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--fail-on nonsense: rejected before any work', async () => {
    const result = await apiAudit([service(), '--fail-on', 'sometimes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: option '--fail-on <level>' argument 'sometimes' is invalid. Allowed choices are error, warning, none.\n(run api-audit --help for usage)\n",
    );
  });

  it('a --baseline that does not exist: exit 2, unless --update-baseline creates it', async () => {
    const dir = service();
    const baseline = join(dir, 'baseline.json');
    const missing = await apiAudit([dir, '--baseline', baseline]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `api-audit: Baseline file ${baseline} does not exist; create it with --update-baseline.\n`,
    );
    const created = await apiAudit([dir, '--baseline', baseline, '--update-baseline', '--format', 'json']);
    expect(created.code).toBe(1);
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toMatchObject({
      version: 1,
      findings: [{ file: 'src/app.js' }],
    });
  });

  it('an empty directory: no source files is not a pass, exit 2', async () => {
    const dir = temporaryProject({ 'README.md': '# nothing to audit\n' });
    const result = await apiAudit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `api-audit: No source files to audit in ${dir}: nothing audited is not a pass. Is this the service's directory?\n`,
    );
  });

  it('sources without any HTTP route: exit 0, and stderr asks whether this is the service root', async () => {
    const dir = temporaryProject({ 'src/util.js': 'export const add = (a, b) => a + b;\n' });
    const result = await apiAudit([dir, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `api-audit: no HTTP routes found in ${dir} (1 files audited); is this the service's root directory?\n`,
    );
  });

  it('an unreadable subdirectory is skipped with a warning naming it; the audit goes on', async () => {
    const dir = service({ 'src/private/secret-routes.js': 'export const x = 1;\n' });
    chmodSync(join(dir, 'src/private'), 0o000);
    const result = await apiAudit([dir, '--format', 'json'], asUnprivileged);
    chmodSync(join(dir, 'src/private'), 0o755);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED]);
    expect(report.skipped).toEqual([
      { file: 'src/private', reason: 'unreadable', detail: 'EACCES: permission denied' },
    ]);
    expect(report.warnings).toContain('Not audited: src/private: EACCES: permission denied.');
  });

  it('an unreadable file is reported and the rest audited', async () => {
    const dir = service({ 'src/locked.js': 'export const y = 2;\n' });
    chmodSync(join(dir, 'src/locked.js'), 0o000);
    const result = await apiAudit([dir, '--format', 'json'], asUnprivileged);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED]);
    expect(report.skipped).toEqual([
      { file: 'src/locked.js', reason: 'unreadable', detail: 'EACCES: permission denied' },
    ]);
    expect(report.warnings).toContain('Not audited: src/locked.js: EACCES: permission denied.');
  });

  it('file names with a backslash, brackets, spaces, quotes and non-ASCII characters are audited like any other', async () => {
    const odd = ['src/a\\b.js', 'src/[id] $(x) "q".js', 'src/弁当 ü.js'];
    const blocking =
      "import express from 'express';\nimport { execSync } from 'node:child_process';\nexport const r = express.Router();\n" +
      "r.get('/x', (req, res) => { res.send(execSync('date')); });\n";
    const dir = service(Object.fromEntries(odd.map((name) => [name, blocking])));
    const result = await apiAudit([dir, '--format', 'json']);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED, ...odd.map((name) => `${name}:4 api-audit/no-sync-in-handler`)].sort());
    expect(report.skipped).toEqual([]);
    // TypeScript takes a backslash for a directory separator: that file stays out of the program only.
    expect(report.warnings).toEqual([
      'src/a\\b.js: a backslash in the file name, which TypeScript reads as a directory separator; the project checks leave this file out (the rules still lint it)',
    ]);
  });

  it('a binary file with a source extension: a finding without a code frame; its bytes are never printed', async () => {
    const dir = service();
    const bytes = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      Buffer.from('RAW-BYTES-MARKER'),
      Buffer.from([0x1b, 0x5b, 0x32, 0x4a]),
    ]);
    writeFileSync(join(dir, 'src/asset.js'), bytes);
    const text = await apiAudit([dir]);
    const json = await apiAudit([dir, '--format', 'json']);
    // The finding, then the next file's heading: no code frame lines between them.
    expect(text.stdout).toMatch(
      /\nsrc\/asset\.js\n {2}1:1 +error +The file is binary \(it contains a NUL byte\), not source code; it was not audited\. {2}api-audit\/parse-error\n\n(?:Summary|\S)/u,
    );
    for (const output of [text.stdout, json.stdout]) {
      expect(output).not.toContain('RAW-BYTES-MARKER');
      expect(output).not.toContain('\u001b[2J');
    }
    const report = JSON.parse(json.stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED, 'src/asset.js:1 api-audit/parse-error'].sort());
  });

  it('a 5 MB single-line bundle, a *.min.js file, a vendor directory and a generated file are skipped and listed', async () => {
    const statement = 'var a=function(b){return b.map(function(c){return c*2})};';
    const dir = service({
      'public/bundle.js': statement.repeat(Math.ceil((5 * 2 ** 20) / statement.length)),
      'public/lib.min.js': 'var x=1;\n',
      'vendor/left-pad/index.js': "module.exports = (s) => ' ' + s;\n",
      'src/generated/client.ts': '// Code generated by openapi-generator. DO NOT EDIT.\nexport const api = 1;\n',
    });
    const result = await apiAudit([dir, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED]);
    expect(report.skipped).toEqual([
      { file: 'public/bundle.js', reason: 'too-large', detail: '5.0 MiB, over the 1.0 MiB limit' },
      { file: 'public/lib.min.js', reason: 'minified', detail: 'a minified file (by its name)' },
      { file: 'src/generated/client.ts', reason: 'generated', detail: 'generated (a generator’s header comment)' },
      { file: 'vendor', reason: 'vendored', detail: 'third-party code (a vendor directory)' },
    ]);
    const text = await apiAudit([dir]);
    expect(text.stdout).toContain(
      'Skipped (4)\n\n  public/bundle.js  5.0 MiB, over the 1.0 MiB limit\n  public/lib.min.js  a minified file (by its name)\n  src/generated/client.ts  generated (a generator’s header comment)\n  vendor  third-party code (a vendor directory)\n  --include-generated audits minified, generated, vendored and oversized files too.\n',
    );
  });

  it('a minified file under the size limit is skipped by its line length, and audited with --include-generated', async () => {
    const handler = "app.get('/v1/min" + "', (req, res) => { res.send(require('fs').readFileSync('x')); });";
    const line = `const express = require('express'); const app = express.Router(); ${handler} ${'var pad = 1;'.repeat(800)}`;
    const dir = service({ 'public/app.cjs': `${line}\n` });
    const skipped = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    expect(skipped.skipped).toEqual([
      { file: 'public/app.cjs', reason: 'minified', detail: 'minified (average line 9,749 bytes)' },
    ]);
    const forced = JSON.parse((await apiAudit([dir, '--format', 'json', '--include-generated'])).stdout) as AuditReport;
    expect(forced.skipped).toEqual([]);
    expect(findings(forced)).toEqual(['public/app.cjs:1 api-audit/no-sync-in-handler', PLANTED]);
  });

  it('a FIFO and a directory symlink loop with source names do not hang the walk', async () => {
    const dir = service();
    await promisify(execFile)('mkfifo', [join(dir, 'src/pipe.js')]);
    symlinkSync('..', join(dir, 'src/loop'));
    const result = await apiAudit([dir, '--format', 'json']);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED]);
    expect(report.skipped).toEqual([
      { file: 'src/loop', reason: 'symlinked-directory', detail: 'a symbolic link to a directory is not followed' },
      { file: 'src/pipe.js', reason: 'not-a-file', detail: 'not a regular file (a FIFO, socket or device)' },
    ]);
  });

  it('a file over the per-file time budget is stopped, skipped and listed', async () => {
    const routes = Array.from(
      { length: 3000 },
      (_, index) => `app.get('/r${index}', (req, res) => res.send('${index}'));`,
    );
    const dir = service({
      'src/many.js': `import express from 'express';\nconst app = express();\n${routes.join('\n')}\n`,
    });
    const result = await apiAudit([dir, '--format', 'json', '--file-timeout', '0.001']);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.skipped).toContainEqual({
      file: 'src/many.js',
      reason: 'timeout',
      detail: 'its lint took longer than 0.001 s',
    });
  });

  it('--output says where the report went on a terminal, and nothing in a pipe', async () => {
    const dir = service();
    const output = join(dir, 'report.json');
    const piped = await apiAudit([dir, '--format', 'json', '--output', output]);
    expect(piped.stderr).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8'))).toMatchObject({ schemaVersion: 1 });
    // `script` gives the command a terminal; what the terminal shows comes back on script's stdout.
    const command = [process.execPath, bin, dir, '--format', 'json', '--output', output, '--quiet']
      .map((part) => `'${part}'`)
      .join(' ');
    const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1' },
    }).catch((error: { stdout: string }) => error);
    expect(stdout).toContain(`api-audit: json report written to ${output}`);
  });

  it('a tsconfig extending a missing file: a warning that says what loses precision, and the audit', async () => {
    const dir = service({
      'tsconfig.json':
        '{ "extends": "./config/base.json", "compilerOptions": { "allowJs": true, "types": [] }, "include": ["src"] }',
    });
    const report = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    expect(findings(report)).toEqual([PLANTED]);
    expect(report.warnings).toEqual([
      `tsconfig.json: TS5083 Cannot read file '${join(dir, 'config/base.json')}'; the audit went on without its compiler options, so imports through \`paths\`/\`baseUrl\` aliases may not resolve: the cross-file findings (blocking-call-reachable chains, layering, routers mounted from other files in the inventory and the app-level checks) can miss what lies behind such imports`,
    ]);
  });

  it('--fix on a read-only file: reported, the other files fixed, nothing half-written', async () => {
    const fixable = (path: string): string =>
      `import fs from 'node:fs';\nimport { Router } from 'express';\nexport const r = Router();\nr.get('${path}', async (req, res) => {\n  res.send(fs.readFileSync('a.txt', 'utf8'));\n});\n`;
    const dir = service({ 'src/a.js': fixable('/a'), 'src/b.js': fixable('/b') });
    chmodSync(join(dir, 'src/a.js'), 0o444);
    const result = await apiAudit([dir, '--fix', '--format', 'json']);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.warnings).toContain(
      `Not fixed: src/a.js could not be written (EACCES: the file is read-only, open '${join(dir, 'src/a.js')}').`,
    );
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toBe(fixable('/a'));
    expect(readFileSync(join(dir, 'src/b.js'), 'utf8')).toContain('await fs.promises.readFile(');
    expect(report.changes.map((change) => `${change.file}:${change.line} ${change.kind}`)).toEqual(['src/b.js:5 fix']);
    expect(readdirSync(join(dir, 'src')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('Ctrl-C during --fix: every file is either as it was or wholly fixed, and no temporary file is left', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 200; index += 1) {
      files[`src/routes/r${index}.js`] =
        `import fs from 'node:fs';\nimport { Router } from 'express';\nexport const r = Router();\nr.get('/r${index}', async (req, res) => {\n  res.send(fs.readFileSync('r${index}.txt', 'utf8'));\n});\n`;
    }
    const dir = service(files);
    const child = spawn(process.execPath, [bin, dir, '--fix', '--format', 'json'], {
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupt as soon as the first file has been rewritten (or give up waiting after 60 s).
    const first = join(dir, 'src/routes/r0.js');
    for (let waited = 0; waited < 60_000 && readFileSync(first, 'utf8') === files['src/routes/r0.js']; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code === 130) expect(stderr).toContain('api-audit: interrupted; files already fixed stay fixed');
    for (const [path, original] of Object.entries(files)) {
      const now = readFileSync(join(dir, path), 'utf8');
      if (now !== original) {
        expect(now).toContain('await fs.promises.readFile(');
        expect(parses(now, join(dir, path))).toBe(true);
      }
    }
    expect(readdirSync(join(dir, 'src/routes')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the walk honours .gitignore files at every level', () => {
  it('leaves out what a nested .gitignore excludes', async () => {
    const dir = service({
      '.gitignore': 'generated-out/\n',
      'src/.gitignore': 'scratch.js\n',
      'src/scratch.js': "import { execSync } from 'node:child_process';\nexport const s = execSync('date');\n",
      'generated-out/x.js': 'export const x = 1;\n',
    });
    mkdirSync(join(dir, 'src/nested'), { recursive: true });
    const report = JSON.parse((await apiAudit([dir, '--format', 'json'])).stdout) as AuditReport;
    expect(report.files).toBe(1);
    expect(findings(report)).toEqual([PLANTED]);
  });
});
