/**
 * The inputs of the fuzz test (`fuzz.test.ts`): seed files taken from the example services in
 * `fixtures/`, each with planted secrets, and fast-check arbitraries for the mutations applied to
 * them. Mutations are plain data (kinds, positions, depths, lengths) so a counterexample prints
 * small and shrinks well; {@link applyMutations} turns them into bytes.
 *
 * Mutations work on bytes, not on strings: a byte flip or an invalid UTF-8 sequence is written as
 * is, and only {@link decode} turns the result into text the way the tool reads files (`'utf8'`,
 * each invalid sequence becoming U+FFFD). The project-level test writes the bytes to disk instead,
 * and TypeScript reads them its own way (it honours UTF-16 byte order marks).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';

import { corpus } from './corpus.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The example services whose files are seeds: the two demo services and every `checker-*` one. */
const SEED_SERVICES: readonly string[] = readdirSync(FIXTURES)
  .filter((name) => name === 'express-shop' || name === 'fastify-clean' || name.startsWith('checker-'))
  .sort();

/**
 * Planted secrets. Assembled from pieces so that this file holds no literal a secret scanner would
 * flag; both are fake (the GitHub token has no valid checksum). `core` is a distinctive part of each:
 * output that shows a fragment (a masked `ghp_…` prefix plus the tail, say) still contains it.
 */
export const PLANTED_SECRETS = [
  { name: 'GitHub token', value: ['ghp', 'Fz9QkR2mW7xLp4TnB8vYc3HsJ6dGa1UeK5oN'].join('_'), core: 'Lp4TnB8vYc3HsJ6d' },
  { name: 'JWT signing key', value: ['Qm7Zr4Kx9Vw2', 'Tn8Ls5Pb3Hj6Ed1Yc'].join(''), core: 'Vw2Tn8Ls5Pb3Hj6E' },
] as const;

const [GITHUB_TOKEN, JWT_KEY] = PLANTED_SECRETS.map((secret) => secret.value) as [string, string];

/** A seed: a fixture file with the planted block at its top. */
export interface Seed {
  /** `<service>/<path>`, for messages. */
  name: string;
  service: string;
  /** Path inside the service (`src/routes/users.ts`): the file name the rules see. */
  path: string;
  /** Parsed as a CommonJS script (`.cjs`, or `.js` in a package without `"type": "module"`). */
  commonjs: boolean;
  /** The file with {@link plantedBlock} before it. */
  planted: Buffer;
}

/**
 * What is planted at the top of every seed: the GitHub token bound to a secret name, and the JWT key
 * as the signing key of `jwt.sign` inside an Express route handler (a secret sink the rule tracks
 * through the import), so every rule that looks at handlers sees the secret too.
 */
export function plantedBlock(commonjs: boolean): string {
  const imports = commonjs
    ? "const plantedExpress = require('express');\nconst plantedJwt = require('jsonwebtoken');\n"
    : "import plantedExpress from 'express';\nimport plantedJwt from 'jsonwebtoken';\n";
  return (
    `${imports}const GITHUB_TOKEN = '${GITHUB_TOKEN}';\n` +
    'const plantedRouter = plantedExpress.Router();\n' +
    "plantedRouter.post('/planted', (req, res) => {\n" +
    `  res.json({ token: plantedJwt.sign(req.body, '${JWT_KEY}'), github: GITHUB_TOKEN });\n` +
    '});\n'
  );
}

const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/u;
const DECLARATION = /\.d\.[cm]?ts$/u;

/** Every script file (not declaration files) of the seed services, sorted by name. */
export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const service of SEED_SERVICES) {
    const root = join(FIXTURES, service);
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { type?: string };
    for (const file of listFiles(root)) {
      if (!SCRIPT.test(file) || DECLARATION.test(file)) continue;
      const path = relative(root, file).split(sep).join('/');
      const commonjs = /\.c[jt]s$/u.test(path) || (/\.js$/u.test(path) && packageJson.type !== 'module');
      seeds.push(toSeed(service, path, commonjs, readFileSync(file)));
    }
  }
  return seeds;
}

/** The files of the robustness corpus (`corpus.ts`) as seeds of the service `corpus`. */
export function corpusSeeds(): Seed[] {
  return corpus.map((file) => toSeed('corpus', file.filename, file.commonjs === true, Buffer.from(file.code)));
}

function toSeed(service: string, path: string, commonjs: boolean, original: Buffer): Seed {
  const planted = Buffer.concat([Buffer.from(plantedBlock(commonjs)), original]);
  return { name: `${service}/${path}`, service, path, commonjs, planted };
}

/** Every file under `directory`, recursively, skipping `node_modules`. */
function listFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name !== 'node_modules')
    .flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    })
    .sort();
}

/** Which planted secret `text` shows, whole or as its {@link PLANTED_SECRETS} core; `undefined` when none. */
export function findPlantedSecret(text: string): string | undefined {
  return PLANTED_SECRETS.find((secret) => text.includes(secret.value) || text.includes(secret.core))?.name;
}

/** Text from bytes as the tool reads a file: `'utf8'`, invalid sequences becoming U+FFFD. */
export function decode(bytes: Buffer): string {
  return bytes.toString('utf8');
}

// --- Mutations --------------------------------------------------------------------------------

/**
 * Deeply nested shapes, each one statement for a route handler's body: nested expressions, and nested
 * blocks, `if`s, functions and route registrations.
 */
export const NESTED_SHAPES = {
  parentheses: (depth: number) => `res.json(${'('.repeat(depth)}req.body${')'.repeat(depth)});`,
  arrays: (depth: number) => `res.json(${'['.repeat(depth)}req.body${']'.repeat(depth)});`,
  objects: (depth: number) => `res.json(${'{ a: '.repeat(depth)}req.body${' }'.repeat(depth)});`,
  calls: (depth: number) => `res.json(${'f('.repeat(depth)}req.body${')'.repeat(depth)});`,
  syncCalls: (depth: number) => `res.send(${'readFileSync('.repeat(depth)}req.path${')'.repeat(depth)});`,
  members: (depth: number) => `res.json(req${'.b'.repeat(depth)});`,
  optionalCalls: (depth: number) => `res.json(req${'?.b?.()'.repeat(depth)});`,
  methodChain: (depth: number) => `res${'.status(200)'.repeat(depth)}.json({});`,
  awaits: (depth: number) => `res.json(${'await '.repeat(depth)}req.body);`,
  unary: (depth: number) => `res.json(${'!'.repeat(depth)}req.body);`,
  binary: (depth: number) => `res.json(${'req.a + '.repeat(depth)}1);`,
  logical: (depth: number) => `res.json(${'req.a ?? '.repeat(depth)}null);`,
  conditional: (depth: number) => `res.json(${'req.a ? 1 : '.repeat(depth)}2);`,
  arrows: (depth: number) => `res.json(${'() => '.repeat(depth)}req.body);`,
  templates: (depth: number) => `res.send(${'`${'.repeat(depth)}req.body${'}`'.repeat(depth)});`,
  spreads: (depth: number) => `res.json(${'[...'.repeat(depth)}req.body${']'.repeat(depth)});`,
  generics: (depth: number) => `const typed: ${'Array<'.repeat(depth)}string${'>'.repeat(depth)} = [];`,
  blocks: (depth: number) => `${'{ '.repeat(depth)}res.json(readFileSync(req.path));${' }'.repeat(depth)}`,
  ifs: (depth: number) => `${'if (req.a) '.repeat(depth)}res.send(readFileSync(req.path));`,
  functions: (depth: number) => `${'function g() { '.repeat(depth)}readFileSync(req.path);${' }'.repeat(depth)}`,
  handlers: (depth: number) =>
    `${'app.get("/n", (req, res) => { '.repeat(depth)}res.json(readFileSync(req.path));${' });'.repeat(depth)}`,
} as const satisfies Record<string, (depth: number) => string>;

/** Lines of 100k+ characters; `length` is the line's approximate length. */
export const LONG_LINES = {
  string: (length: number) => `const longText = '${'Lorem ipsum '.repeat(length / 12)}';`,
  escapes: (length: number) => `const escaped = "${'\\u00e9\\n\\x41\\\\'.repeat(length / 16)}";`,
  unicode: (length: number) => `const wide = '${'日本語テキスト🙂'.repeat(length / 24)}';`,
  comment: (length: number) => `// ${'commented out '.repeat(length / 15)}`,
  blockComment: (length: number) => `/* ${'*/ /* '.repeat(length / 6)} */`,
  template: (length: number) => `const page = \`${'<li>${item}</li>'.repeat(length / 17)}\`;`,
  regex: (length: number) => `const pattern = /${'(?:ab|cd)+'.repeat(length / 10)}/u;`,
  identifiers: (length: number) => `const total = ${'someRatherLongIdentifier + '.repeat(length / 27)}0;`,
  numbers: (length: number) => `const table = [${'1234567890123, '.repeat(length / 15)}];`,
  routePath: (length: number) => `router.get('/${'segment/'.repeat(length / 8)}', (req, res) => res.json({}));`,
  secretAtTheEnd: (length: number) => `const apiToken = '${'-'.repeat(length)}' + '${GITHUB_TOKEN}';`,
  manyStatements: (length: number) => `${'res.json(a); '.repeat(length / 13)}`,
} as const satisfies Record<string, (length: number) => string>;

/**
 * Snippets inserted at a line boundary: stray tokens, odd but valid statements, framework calls in
 * the shapes the route model must take apart (cycles, spreads, missing arguments), and more secrets.
 */
export const SNIPPETS: readonly string[] = [
  '{',
  '}',
  '(',
  ')',
  ';',
  '=>',
  'async',
  'await',
  '*',
  "'",
  '`',
  '${',
  '/*',
  '*/',
  '<',
  '@',
  '#!',
  '\\',
  '\u2028',
  '\0',
  '?.',
  '...',
  "import express, { Router } from 'express';",
  "import Fastify from 'fastify';",
  "import { Hono } from 'hono';",
  "import KoaRouter from '@koa/router';",
  "import { Controller, Get, Post, Body } from '@nestjs/common';",
  "import cors from 'cors';",
  "import * as fs from 'node:fs';",
  "const { readFileSync: read } = require('fs');",
  'const app = express();',
  'const router = Router();',
  'res.json(req.body);',
  'return res.send(readFileSync(req.query.file));',
  'app.use(cors());',
  "app.use(cors({ origin: '*', credentials: true }));",
  "res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
  'router.get(`/${version}/items`, ...handlers);',
  "router.route('/r').get(handler).post(handler);",
  "router.use('/self', router);",
  'app.use(app);',
  "app.use('/a', router); router.use('/b', app);",
  'app.get();',
  "app.get('/only-a-path');",
  'app.get(handler);',
  'app[method](path, handler);',
  'app.get(...args);',
  'router.get(null, undefined);',
  "const rec = (req, res) => rec(req, res); app.get('/rec', rec);",
  'function ping() { return pong(); } function pong() { return ping() + readFileSync(0); }',
  "app.get('/cycle', (req, res) => res.send(ping()));",
  'app.use((err, req, res, next) => next(err));',
  "app.register(async (f) => { f.get('/x', { schema: {} }, async () => ({})); }, { prefix: '/v1' });",
  "fastify.route({ method: ['GET', 'POST'], url: '/x', handler });",
  'fastify.route({});',
  'fastify.register(fastify);',
  'export default async function handler(req, res) { res.json(await prisma.user.findMany()); }',
  'export async function GET() { return Response.json(await db.select()); }',
  'export { handler as POST };',
  '@Controller(123) export class Weird { @Get(...paths) find() { return this.repo.find(); } }',
  "@Get(':id') find() { return this.repo.find(); }",
  'export default (router = express.Router());',
  'module.exports = router;',
  'label: for (;;) break label;',
  'class Static { static { init(); } #secret = 1; }',
  "declare module 'express' {}",
  'enum Level { Low = 1, High }',
  'namespace Space { export const a = 1; }',
  'with (obj) {}',
  'const meta = import.meta.url; const lazy = await import(meta);',
  'a ??= b ||= c &&= d;',
  'delete req.body; void 0; debugger;',
  `const password = '${JWT_KEY}';`,
  `jwt.sign(claims, process.env.JWT_SECRET ?? '${JWT_KEY}');`,
  `app.use(session({ secret: ['${JWT_KEY}', 'other'] }));`,
  `const url = 'postgres://admin:${JWT_KEY}@db.internal:5432/app';`,
];

/** Receivers of framework calls: the names the seeds bind their apps, routers and plugin instances to. */
const RECEIVERS: readonly string[] = [
  'app',
  'router',
  'fastify',
  'server',
  'instance',
  'usersRouter',
  'plantedRouter',
  'api',
  'this.app',
  "app.route('/r')",
  'new Hono()',
  'express()',
];

/** Methods of apps and routers across the frameworks, and a few that belong to none. */
const METHODS: readonly string[] = [
  'get',
  'post',
  'delete',
  'all',
  'use',
  'route',
  'register',
  'addHook',
  'setErrorHandler',
  'openapi',
  'on',
  'del',
  'prefix',
  'mount',
  'enableCors',
  'basePath',
  'routes',
  'listen',
  'toString',
];

/** Arguments of those calls: paths, handlers of every framework's shape, options, and odd values. */
const ARGUMENTS: readonly string[] = [
  "'/p'",
  "'/:id'",
  '`/${id}`',
  "['/a', '/b']",
  '/^\\/re/',
  '...handlers',
  '[]',
  '[h, [g]]',
  'h',
  'null',
  'undefined',
  '0',
  '(req, res) => res.json(readFileSync(req.path))',
  'async (ctx, next) => { ctx.body = await db.find(); await next(); }',
  'function (req, res, next) { next(); }',
  '(err, req, res, next) => res.status(500).end()',
  'async (request, reply) => reply.send(await prisma.user.findMany())',
  '(c) => c.json(c.req.query())',
  '{ schema: { response: { 200: {} } } }',
  "{ method: ['GET', 'POST'], url: '/x', handler: h }",
  "{ method: 'GET', url: null, handler: (req, reply) => reply.send(fs.readFileSync(0)) }",
  "{ prefix: '/v1' }",
  '{ ...options }',
  'cors()',
  "cors({ origin: '*', credentials: true })",
  'router.routes()',
  'express.Router()',
  "createRoute({ method: 'get', path: '/x', responses: {} })",
  'asyncHandler(async (req, res) => res.json(await db.query()))',
  'h.bind(this)',
  'this.handle',
  'class {}',
  "require('./routes')",
  "import('./routes.js')",
  'app',
  'router',
];

/** Decorators of NestJS controllers and their members. */
const DECORATORS: readonly string[] = [
  'Get',
  'Post',
  'All',
  'Controller',
  'UseGuards',
  'ApiOkResponse',
  'HttpCode',
  'Sse',
];

/** A line written in Latin-1 or UTF-16 by the `encoding` mutation (non-ASCII letters in a name and a string). */
const ENCODED_TEXT = "const café = 'naïve – Ünïcödé 日本 ✓';";

/**
 * One mutation. Positions (`at`, `line`, `from`, `to`) are taken modulo the current length in bytes
 * or lines, so every number is valid and shrinking moves towards the start of the file.
 */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flipByte'; at: number; mask: number }
  | { kind: 'replaceBytes'; at: number; bytes: readonly number[] }
  | { kind: 'deleteBytes'; at: number; length: number }
  | { kind: 'byteOrderMark'; mark: 'utf8' | 'utf16le' | 'utf16be'; at: number | 'start' }
  | { kind: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' | 'lineSeparator' }
  | { kind: 'encoding'; encoding: 'latin1' | 'utf16le' | 'utf16be'; line: number }
  | { kind: 'nested'; shape: keyof typeof NESTED_SHAPES; depth: number; line: number }
  | { kind: 'longLine'; shape: keyof typeof LONG_LINES; length: number; line: number }
  | { kind: 'duplicate'; times: number }
  | { kind: 'deleteLines'; line: number; count: number }
  | { kind: 'copyLines'; from: number; count: number; to: number }
  | { kind: 'snippet'; snippet: string; line: number }
  | { kind: 'call'; receiver: string; calls: readonly Invocation[]; line: number }
  | { kind: 'decorated'; decorators: readonly Invocation[]; line: number };

/** A call or a decorator: `name(args…)`. */
export interface Invocation {
  name: string;
  args: readonly string[];
}

/** Byte sequences that are not valid UTF-8, and a few that are but are unusual in source text. */
const ODD_BYTES: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0x80],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
  [0x00],
  [0x1b, 0x5b, 0x33, 0x31, 0x6d],
  [0xe2, 0x80, 0xae],
  [0xef, 0xbf, 0xbe],
];

export interface MutationLimits {
  /** Largest nesting depth generated. */
  maxDepth: number;
  /** Largest number of copies `duplicate` makes. */
  maxDuplicates: number;
}

/** One mutation; `limits` bound the costly ones (nesting depth, duplication). */
export function mutationArbitrary(limits: MutationLimits): fc.Arbitrary<Mutation> {
  const position = fc.nat();
  // Weighted towards mutations that often leave the file parseable, so the rules run on most mutants.
  return fc.oneof(
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('flipByte' as const),
        at: position,
        mask: fc.integer({ min: 1, max: 255 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('replaceBytes' as const),
        at: position,
        bytes: fc.oneof(
          fc.constantFrom(...ODD_BYTES),
          fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deleteBytes' as const),
        at: position,
        length: fc.integer({ min: 1, max: 64 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('byteOrderMark' as const),
        mark: fc.constantFrom('utf8' as const, 'utf16le' as const, 'utf16be' as const),
        at: fc.oneof(fc.constant('start' as const), position),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('lineEndings' as const),
        style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const, 'lineSeparator' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('encoding' as const),
        encoding: fc.constantFrom('latin1' as const, 'utf16le' as const, 'utf16be' as const),
        line: position,
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('nested' as const),
        shape: fc.constantFrom(...(Object.keys(NESTED_SHAPES) as (keyof typeof NESTED_SHAPES)[])),
        // Half below the parser's own limit (a few hundred levels for the deepest-recursing shapes),
        // so the rules and the route model see deep trees, half up to `maxDepth`.
        depth: fc.oneof(
          fc.integer({ min: 100, max: Math.min(600, limits.maxDepth) }),
          fc.integer({ min: 100, max: limits.maxDepth }),
        ),
        line: position,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('longLine' as const),
        shape: fc.constantFrom(...(Object.keys(LONG_LINES) as (keyof typeof LONG_LINES)[])),
        length: fc.integer({ min: 100_000, max: 160_000 }),
        line: position,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('duplicate' as const),
        times: fc.integer({ min: 2, max: limits.maxDuplicates }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('deleteLines' as const),
        line: position,
        count: fc.integer({ min: 1, max: 8 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('copyLines' as const),
        from: position,
        count: fc.integer({ min: 1, max: 12 }),
        to: position,
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('snippet' as const),
        snippet: fc.constantFrom(...SNIPPETS),
        line: position,
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('call' as const),
        receiver: fc.constantFrom(...RECEIVERS),
        calls: invocations(METHODS, 4),
        line: position,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('decorated' as const),
        decorators: invocations(DECORATORS, 2),
        line: position,
      }),
    },
  );
}

/** One to three calls of `names`, each with up to `maxArguments` of {@link ARGUMENTS}. */
function invocations(names: readonly string[], maxArguments: number): fc.Arbitrary<Invocation[]> {
  const invocation = fc.record({
    name: fc.constantFrom(...names),
    args: fc.array(fc.constantFrom(...ARGUMENTS), { maxLength: maxArguments }),
  });
  return fc.array(invocation, { minLength: 1, maxLength: 3 });
}

/** Stops `duplicate` from growing a mutant past this size: large files have their own test. */
const MAX_DUPLICATED_BYTES = 150_000;

/** Applies `mutations` in order to `bytes`. Positions are taken modulo the current length. */
export function applyMutations(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  return mutations.reduce(applyMutation, bytes);
}

function applyMutation(bytes: Buffer, mutation: Mutation): Buffer {
  switch (mutation.kind) {
    case 'truncate':
      return bytes.subarray(0, mutation.at % (bytes.length + 1));
    case 'flipByte': {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      const at = mutation.at % copy.length;
      copy[at] = copy[at]! ^ mutation.mask;
      return copy;
    }
    case 'replaceBytes': {
      const at = mutation.at % (bytes.length + 1);
      return Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from(mutation.bytes),
        bytes.subarray(at + mutation.bytes.length),
      ]);
    }
    case 'deleteBytes': {
      const at = mutation.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + mutation.length)]);
    }
    case 'byteOrderMark': {
      const mark = Buffer.from(
        { utf8: [0xef, 0xbb, 0xbf], utf16le: [0xff, 0xfe], utf16be: [0xfe, 0xff] }[mutation.mark],
      );
      const at = mutation.at === 'start' ? 0 : mutation.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), mark, bytes.subarray(at)]);
    }
    case 'lineEndings':
      return convertLineEndings(bytes, mutation.style);
    case 'encoding':
      return insertAtLine(bytes, mutation.line, encode(ENCODED_TEXT, mutation.encoding));
    case 'nested':
      return insertAtLine(bytes, mutation.line, Buffer.from(NESTED_SHAPES[mutation.shape](mutation.depth)));
    case 'longLine':
      return insertAtLine(bytes, mutation.line, Buffer.from(LONG_LINES[mutation.shape](mutation.length)));
    case 'duplicate': {
      const times = Math.max(1, Math.min(mutation.times, Math.floor(MAX_DUPLICATED_BYTES / (bytes.length + 1))));
      return Buffer.concat(Array.from({ length: times }, () => bytes));
    }
    case 'deleteLines': {
      const lines = splitLines(bytes);
      const from = mutation.line % (lines.length + 1);
      return Buffer.concat([...lines.slice(0, from), ...lines.slice(from + mutation.count)]);
    }
    case 'copyLines': {
      const lines = splitLines(bytes);
      const from = mutation.from % (lines.length + 1);
      const to = mutation.to % (lines.length + 1);
      return Buffer.concat([...lines.slice(0, to), ...lines.slice(from, from + mutation.count), ...lines.slice(to)]);
    }
    case 'snippet':
      return insertAtLine(bytes, mutation.line, Buffer.from(mutation.snippet));
    case 'call': {
      const calls = mutation.calls.map((call) => `.${call.name}(${call.args.join(', ')})`).join('');
      return insertAtLine(bytes, mutation.line, Buffer.from(`${mutation.receiver}${calls};`));
    }
    case 'decorated': {
      const decorators = mutation.decorators.map((decorator) => `@${decorator.name}(${decorator.args.join(', ')})`);
      // A class member when the line falls in a class body; elsewhere it does not parse.
      const member = `${decorators.join(' ')} handle(@Body() body, @Param('id') id) { return this.repo.find(body, readFileSync(id)); }`;
      return insertAtLine(bytes, mutation.line, Buffer.from(member));
    }
  }
}

/** The lines of `bytes`, each with its `\n`. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, index + 1));
    start = index + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** Inserts `text` and a `\n` at the start of line `line` (modulo the line count; past the end appends it). */
function insertAtLine(bytes: Buffer, line: number, text: Buffer): Buffer {
  const lines = splitLines(bytes);
  const at = line % (lines.length + 1);
  const before = Buffer.concat(lines.slice(0, at));
  const separator = before.length > 0 && before[before.length - 1] !== 0x0a ? [Buffer.from('\n')] : [];
  return Buffer.concat([before, ...separator, text, Buffer.from('\n'), ...lines.slice(at)]);
}

function convertLineEndings(bytes: Buffer, style: 'crlf' | 'cr' | 'mixed' | 'lineSeparator'): Buffer {
  const endings = {
    crlf: () => Buffer.from('\r\n'),
    cr: () => Buffer.from('\r'),
    mixed: (index: number) => Buffer.from(['\r\n', '\n', '\r'][index % 3]!),
    lineSeparator: (index: number) => Buffer.from(index % 2 === 0 ? '\u2028' : '\u2029'),
  }[style];
  return Buffer.concat(
    splitLines(bytes).map((line, index) =>
      line[line.length - 1] === 0x0a ? Buffer.concat([line.subarray(0, -1), endings(index)]) : line,
    ),
  );
}

/** `text` in an encoding other than UTF-8 (Node.js has no UTF-16 big-endian encoder: swap the bytes). */
function encode(text: string, encoding: 'latin1' | 'utf16le' | 'utf16be'): Buffer {
  if (encoding !== 'utf16be') return Buffer.from(text, encoding);
  const bytes = Buffer.from(text, 'utf16le');
  return bytes.swap16();
}

/** A mutation list in one line, for the watchdog and the slowest-mutant log. */
export function describeMutations(mutations: readonly Mutation[]): string {
  return mutations.map((mutation) => JSON.stringify(mutation)).join(' → ') || '(none)';
}
