#!/usr/bin/env node
// `npm run test:consumer`: the package as a user gets it, checked against what README.md promises.
//
// 1. Packs a copy of this working tree without dist/ (what a fresh clone has), so `npm pack` itself
//    must build (the `prepare` script), and checks the tarball: dist/ with types and the bin, rules-docs/.
// 2. Installs the tarball into two throwaway projects, one with this repository's ESLint 10 and one
//    with the latest ESLint 9, beside @typescript-eslint/parser, typescript-eslint and TypeScript
//    (this repository's versions), with `npm install --prefer-offline`.
// 3. In each, lints fixtures/consumer-service with every `// eslint.config.js` block of README.md's
//    "Use (flat config)" and "Shared settings" sections, verbatim, then runs `npx api-audit .`. The
//    findings must be exactly the service's `// expect` markers (rule id and file:line), and no
//    report of the command may contain the planted secret.
//
// Markers: `// expect: api-audit/<id>[, …]` is reported by every ESLint config and by the command;
// `// expect[typed,audit]: …` only by the variants named; `// expect[!settings]: …` by all but those.
// Variants: plain, typed, src-only, settings (README blocks), audit (the command).
//
// Temporary directories are removed at the end. The last line is `N passed, N failed`; any failure
// exits 1.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The latest ESLint 9 release; the ESLint 10 version is this repository's devDependency. */
const ESLINT_9 = '9.39.5';
/** The planted secret of fixtures/consumer-service/src/config.ts: no report of the command may contain it. */
const SECRET = 'kestrel-loans-signing-5b8e1d93c7a4';
const VARIANTS = ['plain', 'typed', 'src-only', 'settings'];

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const service = join(repo, 'fixtures/consumer-service');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const dev = pkg.devDependencies;
const started = Date.now();

let passed = 0;
let failed = 0;
/** Records one check; `problems` empty means it passed. */
function check(name, problems) {
  const at = `${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s`;
  if (problems.length === 0) {
    passed += 1;
    console.log(`ok    ${at}  ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL  ${at}  ${name}`);
    for (const problem of problems) console.log(`        ${problem.replaceAll('\n', '\n        ')}`);
  }
  return problems.length === 0;
}

// Children get this repository out of their PATH (npm run puts its node_modules/.bin first), so every
// command resolves from the throwaway project, as it would for a user.
const childEnv = { ...process.env };
childEnv.PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((entry) => entry !== '' && !resolve(entry).startsWith(repo + sep))
  .join(delimiter);
for (const key of Object.keys(childEnv)) {
  if (/^npm_(package|lifecycle|config_local_prefix)/u.test(key) || key === 'INIT_CWD') delete childEnv[key];
}
childEnv.NO_COLOR = '1';
delete childEnv.FORCE_COLOR;

/** Runs a command to its end; never rejects. */
function run(command, args, cwd) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => done({ code: -1, stdout: '', stderr: String(error) }));
    child.on('close', (code) =>
      done({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** The tail of a command's output, for a failure message. */
const tail = (result) =>
  `exit ${result.code}\n${(result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n')}`;

/** `{ variant: code }` for every `// eslint.config.js` block of the README sections that show configs. */
function readmeConfigs() {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const sections = readme.split(/^(?=## )/mu);
  const configs = {};
  const problems = [];
  for (const heading of ['Use (flat config)', 'Shared settings']) {
    const section = sections.find((text) => text.startsWith(`## ${heading}\n`));
    if (!section) {
      problems.push(`README.md has no "## ${heading}" section`);
      continue;
    }
    for (const [, code] of section.matchAll(/^```js\n([\s\S]*?)^```$/gmu)) {
      if (!code.startsWith('// eslint.config.js\n')) continue;
      let variant = 'plain';
      if (heading === 'Shared settings') variant = 'settings';
      else if (code.includes("from 'typescript-eslint'")) variant = 'typed';
      else if (code.includes("files: ['src/")) variant = 'src-only';
      if (configs[variant])
        problems.push(`two README configs are the "${variant}" variant: give the new one a name here`);
      configs[variant] = code;
    }
  }
  for (const variant of VARIANTS) if (!configs[variant]) problems.push(`no README config for the "${variant}" variant`);
  return { configs, problems };
}

/** `file:line ruleId` for every `// expect` marker of the service that applies to `variant`, sorted. */
function expectedFor(variant) {
  const expected = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[cm]?[jt]sx?$/u.test(entry.name)) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            const marker = /\/\/ expect(?:\[([^\]]*)\])?: (.*)$/u.exec(line);
            if (!marker) return;
            const names = marker[1]?.split(',').map((name) => name.trim());
            const applies =
              !names || (names[0].startsWith('!') ? !names.includes(`!${variant}`) : names.includes(variant));
            if (!applies) return;
            for (const id of marker[2].match(/api-audit\/[a-z-]+/gu) ?? []) {
              expected.push(`${relative(service, path).split(sep).join('/')}:${index + 1} ${id}`);
            }
          });
      }
    }
  };
  walk(join(service, 'src'));
  return expected.sort();
}

/** What differs between two sorted lists of findings, as failure lines. */
function diff(found, expected) {
  const missing = expected.filter((item) => !found.includes(item));
  const unexpected = found.filter((item) => !expected.includes(item));
  return [...missing.map((item) => `missing:    ${item}`), ...unexpected.map((item) => `unexpected: ${item}`)];
}

/** Packs a copy of the working tree (files git knows or would add, no dist/) and checks the tarball. */
async function pack(tmp) {
  const listing = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repo);
  if (listing.code !== 0) {
    check('copy the working tree (git ls-files)', [tail(listing)]);
    return null;
  }
  const copy = join(tmp, 'package');
  for (const file of listing.stdout.split('\0')) {
    if (file === '' || file.startsWith('dist/') || !existsSync(join(repo, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repo, file), join(copy, file));
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp], copy);
  if (!check('npm pack in a copy of the working tree without dist/', packed.code === 0 ? [] : [tail(packed)]))
    return null;
  const [manifest] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const files = new Set(manifest.files.map((file) => file.path));
  const wanted = [
    'package.json',
    'README.md',
    'LICENSE',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/api.js',
    'dist/api.d.ts',
    pkg.bin['api-audit'],
    ...readdirSync(join(repo, 'rules-docs')).map((doc) => `rules-docs/${doc}`),
  ];
  check(`the tarball holds dist/, its types, the bin and rules-docs/ (${files.size} files)`, [
    ...wanted.filter((file) => !files.has(file)).map((file) => `not in the tarball: ${file}`),
    ...[...files]
      .filter((file) => /^(src|tests|fixtures|bench)\//u.test(file))
      .map((file) => `should not ship: ${file}`),
  ]);
  return join(tmp, manifest.filename);
}

/** A throwaway project with the tarball and the given ESLint installed. */
async function install(dir, tarball, eslint) {
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer-service', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const packages = [
    tarball,
    `eslint@${eslint}`,
    `@typescript-eslint/parser@${dev['@typescript-eslint/parser']}`,
    `typescript-eslint@${dev['typescript-eslint']}`,
    `typescript@${dev.typescript}`,
  ];
  const result = await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', ...packages],
    dir,
  );
  return check(`ESLint ${eslint}: npm install the tarball`, result.code === 0 ? [] : [tail(result)]);
}

/** Loading the package (import, require, the /api entry, the bin) and, once, its type declarations. */
async function checkLoading(dir, eslint, withTypes) {
  const script = `
    import { createRequire } from 'node:module';
    import plugin from 'eslint-plugin-api-audit';
    import { audit, renderReport } from 'eslint-plugin-api-audit/api';
    const required = createRequire(import.meta.url)('eslint-plugin-api-audit');
    const problems = [];
    if (plugin.meta.name !== ${JSON.stringify(pkg.name)} || plugin.meta.version !== ${JSON.stringify(pkg.version)}) problems.push('meta: ' + JSON.stringify(plugin.meta));
    for (const name of ['recommended', 'recommended-type-checked', 'all']) if (!plugin.configs[name]?.plugins?.['api-audit']) problems.push('no config ' + name);
    if (typeof audit !== 'function' || typeof renderReport !== 'function') problems.push('api: audit/renderReport missing');
    if (Object.keys(required.rules ?? {}).length !== Object.keys(plugin.rules).length) problems.push('require() gives no rules');
    console.log(JSON.stringify(problems));
  `;
  const loaded = await run('node', ['--input-type=module', '-e', script], dir);
  const problems = loaded.code === 0 ? JSON.parse(loaded.stdout) : [tail(loaded)];
  const version = await run('npx', ['api-audit', '--version'], dir);
  if (version.stdout.trim() !== pkg.version) problems.push(`npx api-audit --version: ${tail(version)}`);
  check(`ESLint ${eslint}: import, require(), /api and the api-audit bin load`, problems);
  if (!withTypes) return;
  const typesDir = join(dir, 'types-check');
  mkdirSync(typesDir);
  writeFileSync(
    join(typesDir, 'index.ts'),
    [
      "import apiAudit from 'eslint-plugin-api-audit';",
      "import { audit, type AuditReport } from 'eslint-plugin-api-audit/api';",
      'export const name: string = apiAudit.meta.name;',
      "export const preset = apiAudit.configs['recommended-type-checked'];",
      "export const run = (): Promise<AuditReport> => audit({ path: '.', failOn: 'none' });",
      '',
    ].join('\n'),
  );
  const tsc = await run(
    'npx',
    ['tsc', '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', join(typesDir, 'index.ts')],
    dir,
  );
  rmSync(typesDir, { recursive: true, force: true });
  check(`ESLint ${eslint}: the type declarations resolve under module nodenext`, tsc.code === 0 ? [] : [tail(tsc)]);
}

/** Lints the service with each README config, then runs the command over it. */
async function lintAndAudit(dir, eslint, configs) {
  cpSync(service, dir, { recursive: true });
  for (const variant of VARIANTS) {
    writeFileSync(join(dir, 'eslint.config.js'), configs[variant]);
    const result = await run('npx', ['eslint', '--format', 'json', '.'], dir);
    let found;
    try {
      found = JSON.parse(result.stdout)
        .flatMap((file) =>
          file.messages.map(
            (message) =>
              `${relative(dir, file.filePath).split(sep).join('/')}:${message.line} ${message.ruleId ?? `fatal: ${message.message}`}`,
          ),
        )
        .sort();
    } catch {
      check(`ESLint ${eslint}: README "${variant}" config`, [tail(result)]);
      continue;
    }
    const problems = diff(found, expectedFor(variant));
    if (result.code !== 0 && result.code !== 1) problems.push(tail(result));
    check(`ESLint ${eslint}: README "${variant}" config reports the planted problems (${found.length})`, problems);
  }

  const reports = { json: 'report.json', sarif: 'report.sarif', markdown: 'report.md', html: 'report.html' };
  const outputs = Object.entries(reports).flatMap(([format, file]) => [
    '--format',
    format,
    '--output',
    join('..', `${eslint}-${file}`),
  ]);
  // Each --output belongs to the --format of the same rank; text, last and without one, goes to stdout.
  const result = await run('npx', ['api-audit', '.', ...outputs, '--format', 'text'], dir);
  const problems = [];
  if (result.code !== 1) problems.push(`expected exit code 1 (errors found): ${tail(result)}`);
  const texts = { text: result.stdout };
  for (const [format, file] of Object.entries(reports)) {
    const path = join(dir, '..', `${eslint}-${file}`);
    texts[format] = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (!texts[format]) problems.push(`no ${format} report written`);
  }
  const expected = expectedFor('audit');
  try {
    const found = JSON.parse(texts.json)
      .findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)
      .sort();
    problems.push(...diff(found, expected));
  } catch (error) {
    problems.push(`JSON report: ${error.message}`);
  }
  for (const id of new Set(expected.map((item) => item.split(' ')[1]))) {
    if (!texts.text.includes(id)) problems.push(`the text report does not name ${id}`);
  }
  check(`ESLint ${eslint}: npx api-audit . reports the planted problems (${expected.length})`, problems);
  const secretProblems = Object.entries(texts).flatMap(([format, text]) => {
    if (!text) return [`no ${format} report to look in`];
    return text.includes(SECRET) ? [`the ${format} report contains it`] : [];
  });
  if (!readFileSync(join(service, 'src/config.ts'), 'utf8').includes(SECRET)) {
    secretProblems.push('the planted secret is no longer in fixtures/consumer-service/src/config.ts: update SECRET');
  }
  check(
    `ESLint ${eslint}: no report of npx api-audit (${Object.keys(texts).join(', ')}) contains the planted secret`,
    secretProblems,
  );
}

const tmp = mkdtempSync(join(tmpdir(), 'api-audit-consumer-'));
const cleanUp = () => rmSync(tmp, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
try {
  const { configs, problems } = readmeConfigs();
  if (check(`README.md shows the ${VARIANTS.join(', ')} configs as // eslint.config.js blocks`, problems)) {
    const tarball = await pack(tmp);
    if (tarball) {
      const projects = [
        { eslint: dev.eslint, dir: join(tmp, 'eslint-10'), withTypes: true },
        { eslint: ESLINT_9, dir: join(tmp, 'eslint-9'), withTypes: false },
      ];
      // Installing is mostly waiting on the cache and the network: both at once.
      const installed = await Promise.all(projects.map((project) => install(project.dir, tarball, project.eslint)));
      for (const [index, project] of projects.entries()) {
        if (!installed[index]) continue;
        await checkLoading(project.dir, project.eslint, project.withTypes);
        await lintAndAudit(project.dir, project.eslint, configs);
      }
    }
  }
} catch (error) {
  check('the consumer test itself', [error.stack ?? String(error)]);
} finally {
  cleanUp();
}
console.log(`consumer test: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
