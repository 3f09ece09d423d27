import { join, relative } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { checkProject, loadProject, ProjectLoadError } from '../../src/project/index.js';
import { findingLines, fixture, removeTemporaryProjects, temporaryProject } from './helpers.js';

afterAll(removeTemporaryProjects);
const project = temporaryProject;

const EXPRESS_APP = `import express from 'express';
export const app = express();
app.get('/v1/ok', (_req, res) => { res.send('ok'); });
`;

describe('loadProject: tsconfigs written for TypeScript 5', () => {
  it('loads every @types package when `types` is unset, and says so', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'src/app.ts': EXPRESS_APP,
      'node_modules/@types/audit-probe/package.json': JSON.stringify({
        name: '@types/audit-probe',
        version: '1.0.0',
        types: 'index.d.ts',
      }),
      'node_modules/@types/audit-probe/index.d.ts': 'declare const auditProbe: number;\n',
    });
    const loaded = loadProject({ target: root });
    expect(loaded.warnings).toEqual([
      'tsconfig.json: `compilerOptions.types` is not set and TypeScript 6 defaults it to []; loaded every @types package (audit-probe) as TypeScript 5 did ("types": ["*"])',
    ]);
    expect(
      loaded.program.getSourceFiles().some((file) => file.fileName.endsWith('@types/audit-probe/index.d.ts')),
    ).toBe(true);
    expect(loaded.files.map((file) => relative(root, file))).toEqual(['src/app.ts']);
  });

  it('loads the @types of directories above the service without naming them (they are not the service’s)', () => {
    const outer = project({
      'node_modules/@types/outer-probe/package.json': JSON.stringify({
        name: '@types/outer-probe',
        version: '1.0.0',
        types: 'index.d.ts',
      }),
      'node_modules/@types/outer-probe/index.d.ts': 'declare const outerProbe: number;\n',
      'service/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'service/src/app.ts': EXPRESS_APP,
    });
    const loaded = loadProject({ target: join(outer, 'service') });
    expect(loaded.warnings).toEqual([]);
    expect(
      loaded.program.getSourceFiles().some((file) => file.fileName.endsWith('@types/outer-probe/index.d.ts')),
    ).toBe(true);
  });

  it('goes on when `extends` names a missing file, and says which findings lose precision', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({
        extends: './config/base.json',
        compilerOptions: { types: [] },
        include: ['src'],
      }),
      'src/app.ts': EXPRESS_APP,
    });
    const loaded = loadProject({ target: root });
    expect(loaded.warnings).toEqual([
      `tsconfig.json: TS5083 Cannot read file '${join(root, 'config/base.json')}'; the audit went on without its compiler options, so imports through \`paths\`/\`baseUrl\` aliases may not resolve: the cross-file findings (blocking-call-reachable chains, layering, routers mounted from other files in the inventory and the app-level checks) can miss what lies behind such imports`,
    ]);
    expect(loaded.files.map((file) => relative(root, file))).toEqual(['src/app.ts']);
  });

  it('keeps deprecated options working with ignoreDeprecations, and names them', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          target: 'es5',
          module: 'commonjs',
          moduleResolution: 'node',
          baseUrl: '.',
          paths: { '@/*': ['src/*'] },
          types: [],
        },
        include: ['src'],
      }),
      'src/app.ts':
        "import { handler } from '@/handler';\nimport express from 'express';\nexport const app = express();\napp.get('/v1/x', handler);\n",
      'src/handler.ts':
        "import { execSync } from 'child_process';\nexport function handler(_req: unknown, res: { send(body: unknown): void }): void {\n  res.send(execSync('date'));\n}\n",
    });
    const loaded = loadProject({ target: join(root, 'tsconfig.json') });
    expect(loaded.warnings).toEqual([
      'tsconfig.json: TypeScript 6 deprecates `baseUrl`, `moduleResolution=node10`, `target=ES5`; loaded with "ignoreDeprecations": "6.0" so they still apply',
    ]);
    expect(loaded.program.getCompilerOptions().ignoreDeprecations).toBe('6.0');
    expect(
      loaded.program
        .getOptionsDiagnostics()
        .filter((diagnostic) => diagnostic.code === 5101 || diagnostic.code === 5107),
    ).toEqual([]);
  });

  it('resolves `paths` of such a config across files (the handler behind an alias is followed)', async () => {
    const root = project({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { moduleResolution: 'node', baseUrl: '.', paths: { '@/*': ['src/*'] }, types: [] },
        include: ['src'],
      }),
      'src/app.ts':
        "import express from 'express';\nimport { handler } from '@/handler';\nexport const app = express();\napp.get('/v1/x', handler);\n",
      'src/handler.ts':
        "import { execSync } from 'child_process';\nexport function handler(_req: unknown, res: { send(body: unknown): void }): void {\n  res.send(execSync('date'));\n}\n",
    });
    const result = await checkProject({
      target: root,
      checks: {
        'missing-error-handler': 'off',
        'missing-rate-limit': 'off',
        'missing-security-headers': 'off',
        'missing-health-check': 'off',
      },
    });
    expect(findingLines(result)).toEqual([
      'src/handler.ts:3 api-audit/blocking-call-reachable `execSync` blocks the event loop in a request path: GET /v1/x → handler (src/handler.ts:2) → execSync; use `execFile` or `spawn` wrapped in a promise (`util.promisify(execFile)`) instead.',
    ]);
  });

  it('warns about removed options and a missing base config, and loads anyway', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({
        extends: '@tsconfig/not-installed/tsconfig.json',
        compilerOptions: { keyofStringsOnly: true, types: [] },
        include: ['src'],
      }),
      'src/app.ts': EXPRESS_APP,
    });
    const loaded = loadProject({ target: root });
    expect(loaded.warnings).toEqual([
      "tsconfig.json: TS6053 File '@tsconfig/not-installed/tsconfig.json' not found; the audit went on without its compiler options, so imports through `paths`/`baseUrl` aliases may not resolve: the cross-file findings (blocking-call-reachable chains, layering, routers mounted from other files in the inventory and the app-level checks) can miss what lies behind such imports",
      'tsconfig.json: `keyofStringsOnly` was removed from TypeScript and is ignored',
    ]);
    expect(loaded.files.map((file) => relative(root, file))).toEqual(['src/app.ts']);
  });

  it('analyses the files of the references of a solution-style tsconfig', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({
        files: [],
        references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.scripts.json' }],
      }),
      'tsconfig.app.json': JSON.stringify({ compilerOptions: { composite: true, types: [] }, include: ['src'] }),
      'tsconfig.scripts.json': JSON.stringify({ compilerOptions: { composite: true, types: [] }, include: ['tools'] }),
      'src/app.ts': EXPRESS_APP,
      'tools/seed.ts': 'export const seed = 1;\n',
    });
    const loaded = loadProject({ target: root });
    expect(loaded.files.map((file) => relative(root, file))).toEqual(['src/app.ts', 'tools/seed.ts']);
    expect(loaded.warnings).toEqual([
      'tsconfig.json lists no files of its own; analysed the files of its references (tsconfig.app.json, tsconfig.scripts.json) in one program with the options of tsconfig.app.json',
    ]);
  });

  it('fails with a usage error for a target that does not exist or a tsconfig that is not JSON', () => {
    expect(() => loadProject({ target: '/nonexistent/service' })).toThrow(ProjectLoadError);
    const root = project({ 'tsconfig.json': '{ "compilerOptions": ', 'src/app.ts': EXPRESS_APP });
    expect(() => loadProject({ target: root })).toThrow(ProjectLoadError);
  });
});

describe('loadProject: JavaScript projects without a tsconfig', () => {
  it('walks the directory for script files, skipping dependencies, build output, hidden directories and declaration files', () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'js-service', type: 'commonjs' }),
      'src/app.js': EXPRESS_APP.replace(
        "import express from 'express';",
        "const express = require('express');",
      ).replace('export const app', 'const app'),
      'src/lib/a.cjs': 'exports.a = 1;\n',
      'src/lib/b.mjs': 'export const b = 1;\n',
      'src/lib/c.ts': 'export const c = 1;\n',
      'src/types.d.ts': 'declare const x: number;\n',
      'dist/app.js': 'module.exports = {};\n',
      'coverage/lcov-report/prettify.js': 'var x = 1;\n',
      'node_modules/express/index.js': 'module.exports = function () {};\n',
      '.cache/build-info.js': 'module.exports = {};\n',
    });
    const loaded = loadProject({ target: root });
    expect(loaded.tsconfig).toBeNull();
    expect(loaded.files.map((file) => relative(root, file))).toEqual([
      'src/app.js',
      'src/lib/a.cjs',
      'src/lib/b.mjs',
      'src/lib/c.ts',
    ]);
    expect(loaded.program.getCompilerOptions()).toMatchObject({ allowJs: true, checkJs: false });
  });
});

describe('checkProject: files that do not parse', () => {
  it('reports a parse error and analyses the other files', async () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { types: [] }, include: ['src'] }),
      'src/broken.ts':
        "import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => { res.json({ a: 1 }) );\n",
      'src/app.ts': EXPRESS_APP,
    });
    const result = await checkProject({
      target: root,
      checks: { 'missing-error-handler': 'off', 'missing-rate-limit': 'off', 'missing-security-headers': 'off' },
    });
    expect(findingLines(result)).toEqual([
      'src/app.ts:2 api-audit/missing-health-check No health-check route on this Express app: looked for a route at /health, /healthz, /ready(z), /live(z) or /ping among its one route, and for `@godaddy/terminus` or `express-healthcheck`.',
      "src/broken.ts:3 api-audit/parse-error Parsing error: ';' expected.",
    ]);
    expect(result.findings.find((finding) => finding.ruleId === 'api-audit/parse-error')).toMatchObject({
      line: 3,
      column: 50,
      severity: 'error',
    });
    expect(result.inventory.routes.map((route) => route.path)).toEqual(['/v1/ok']);
  });

  it('needs a target or a loaded project', async () => {
    await expect(checkProject({})).rejects.toThrow(TypeError);
  });

  it('takes a tsconfig path as target, relative to `cwd`', async () => {
    const result = await checkProject({ target: 'tsconfig.json', cwd: fixture('checker-hono') });
    expect(result.root).toBe(fixture('checker-hono'));
    expect(result.inventory.routes).toHaveLength(5);
  });
});
