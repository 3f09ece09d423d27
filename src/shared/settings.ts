import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import type * as Zod from 'zod';

const require = createRequire(import.meta.url);

/**
 * The shared settings schema: `settings['api-audit']` in an ESLint config, and the same object under
 * `settings` in the `api-audit` command's config file. Every key is optional; defaults are below, in
 * this one place. Unknown keys are errors (`z.strictObject`), so a typo never passes silently.
 */
function buildSettingsSchema(z: typeof Zod.z) {
  return z.strictObject({
    layers: z
      .strictObject({
        routes: z.array(z.string()).optional().describe('Globs of route/controller modules.'),
        services: z.array(z.string()).optional().describe('Globs of service-layer modules.'),
        data: z.array(z.string()).optional().describe('Globs of data-layer modules (clients, models, repositories).'),
        nonRuntime: z
          .array(z.string())
          .optional()
          .describe('Globs of files that never serve requests: tests, scripts, migrations, seeders.'),
      })
      .optional()
      .describe('Which files belong to which layer; each list replaces its default.'),
    dataLayerModules: z
      .array(z.string())
      .optional()
      .describe('Extra package names whose exports are data-layer clients (e.g. an internal `@acme/db`).'),
    authMiddleware: z
      .array(z.string())
      .optional()
      .describe('Names of middleware, hooks and guards that authenticate a request.'),
    credentialFields: z
      .array(z.string())
      .optional()
      .describe('Property names that hold credentials; they replace the default list.'),
    blockingCalls: z
      .array(
        z.strictObject({
          module: z.string().describe('Module name as imported.'),
          path: z.string().describe('Dot-separated export path; `default` for the module itself.'),
          alternative: z.string().optional().describe('What to use instead.'),
        }),
      )
      .optional()
      .describe('Extra exports that block the event loop.'),
    placeholderPatterns: z
      .array(z.string())
      .optional()
      .describe('Regular expressions (source text) for literal values that are placeholders, not secrets.'),
    projectIndex: z
      .boolean()
      .optional()
      .describe(
        'Whether rules read facts from other files (handlers registered elsewhere, apps received as parameters); default true.',
      ),
  });
}

let schema: ReturnType<typeof buildSettingsSchema> | undefined;

/**
 * zod, loaded on first use (CommonJS build, through `require`): every schema composed with the settings
 * schema must come from this same copy, so the command's config schema uses it too.
 */
export function loadZod(): typeof Zod.z {
  return (require('zod') as typeof Zod).z;
}

/**
 * The shared settings schema (see {@link buildSettingsSchema}'s fields), built on first use: zod (0.15 s to
 * load) is needed only when settings are given, never to lint with the defaults.
 */
export function getSettingsSchema(): ReturnType<typeof buildSettingsSchema> {
  schema ??= buildSettingsSchema(loadZod());
  return schema;
}

/** Settings as written by a user (every key optional). */
export type ApiAuditSettingsInput = Zod.input<ReturnType<typeof buildSettingsSchema>>;

/** Settings with every default filled in. */
export interface ApiAuditSettings {
  layers: { routes: string[]; services: string[]; data: string[]; nonRuntime: string[] };
  dataLayerModules: string[];
  authMiddleware: string[];
  credentialFields: string[];
  blockingCalls: { module: string; path: string; alternative?: string }[];
  placeholderPatterns: string[];
  projectIndex: boolean;
}

/** The defaults, documented in the README's "Shared settings" section. */
export const DEFAULT_SETTINGS: Readonly<ApiAuditSettings> = Object.freeze({
  layers: {
    routes: [
      '**/{routes,routers,controllers,handlers,api}/**',
      '**/*.{routes,router,controller,handler}.{ts,js,mts,mjs,cts,cjs}',
      '**/app/**/route.{ts,js}',
      '**/pages/api/**',
    ],
    services: ['**/{services,service,usecases,use-cases}/**', '**/*.service.{ts,js,mts,mjs,cts,cjs}'],
    data: [
      '**/{db,database,prisma,models,entities,repositories,repository,dal}/**',
      '**/*.{entity,model,repository,repo}.{ts,js,mts,mjs,cts,cjs}',
      '**/{db,prisma,database}.{ts,js,mts,mjs,cts,cjs}',
    ],
    nonRuntime: [
      '**/*.{test,spec}.*',
      '**/{__tests__,__mocks__,__fixtures__,test,tests,integration-tests,e2e,cypress,playwright,fixtures,examples}/**',
      'docs/**',
      '**/{scripts,migrations,seeders,seeds,seed}/**',
      '**/*.{seed,migration}.*',
    ],
  },
  dataLayerModules: [],
  authMiddleware: [],
  credentialFields: [
    'password',
    'passwd',
    'pwd',
    'passwordHash',
    'hashedPassword',
    'passwordDigest',
    'salt',
    'secret',
    'token',
    'accessToken',
    'refreshToken',
    'resetToken',
    'apiKey',
    'privateKey',
    'totpSecret',
    'mfaSecret',
    'otpSecret',
    'recoveryCodes',
    'sessionToken',
  ],
  blockingCalls: [],
  placeholderPatterns: [],
  projectIndex: true,
});

/** Thrown for settings that do not match the schema; the message names each wrong key and what it accepts. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Validates raw settings and fills in defaults. `where` names the source in the error
 * (`settings["api-audit"]`, a config file path). Throws {@link SettingsError} on any unknown key or
 * wrong type; the message comes from zod's `prettifyError` (one line per problem, with its path).
 */
export function parseSettings(raw: unknown, where = 'settings["api-audit"]'): ApiAuditSettings {
  // The defaults need no validation (and no zod).
  if (raw === undefined || raw === null || (isPlainObject(raw) && Object.keys(raw).length === 0))
    return withDefaults({});
  const result = getSettingsSchema().safeParse(raw);
  if (!result.success) throw new SettingsError(`Invalid ${where}:\n${loadZod().prettifyError(result.error)}`);
  return withDefaults(result.data);
}

/** Validated settings with every key not given taken from {@link DEFAULT_SETTINGS} (lists copied). */
function withDefaults(input: ApiAuditSettingsInput): ApiAuditSettings {
  return {
    layers: {
      routes: input.layers?.routes ?? [...DEFAULT_SETTINGS.layers.routes],
      services: input.layers?.services ?? [...DEFAULT_SETTINGS.layers.services],
      data: input.layers?.data ?? [...DEFAULT_SETTINGS.layers.data],
      nonRuntime: input.layers?.nonRuntime ?? [...DEFAULT_SETTINGS.layers.nonRuntime],
    },
    dataLayerModules: input.dataLayerModules ?? [],
    authMiddleware: input.authMiddleware ?? [],
    credentialFields: input.credentialFields ?? [...DEFAULT_SETTINGS.credentialFields],
    blockingCalls: input.blockingCalls ?? [],
    placeholderPatterns: input.placeholderPatterns ?? [],
    projectIndex: input.projectIndex ?? true,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const parsed = new WeakMap<object, ApiAuditSettings>();
let defaults: ApiAuditSettings | undefined;

/**
 * The validated settings of the file a rule is linting (`context.settings['api-audit']`), parsed once
 * per settings object. The one way rules read settings; a rule's own options win over what it returns.
 * Throws {@link SettingsError} when the settings are invalid, which ESLint shows naming the rule.
 */
export function getSettings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ApiAuditSettings {
  const raw = (context.settings as Record<string, unknown> | undefined)?.['api-audit'];
  if (raw === undefined) return (defaults ??= parseSettings({}));
  if (typeof raw !== 'object' || raw === null) return parseSettings(raw);
  let settings = parsed.get(raw);
  if (!settings) {
    settings = parseSettings(raw);
    parsed.set(raw, settings);
  }
  return settings;
}

/** A layer of {@link ApiAuditSettings.layers}. */
export type Layer = keyof ApiAuditSettings['layers'];

/**
 * Per glob list: the compiled matcher and its answers by `root` and file (every rule asks about the
 * linted file, and imports repeat across files), so a path is matched once per run.
 */
const matchers = new WeakMap<string[], { match: (path: string) => boolean; answers: Map<string, boolean> }>();
const ANSWER_LIMIT = 50_000;

/**
 * Whether a file belongs to a layer. Globs match the path with `/` separators, relative to `root`
 * when the file is inside it (rules pass ESLint's `cwd`), so that where the checkout lives
 * (`/home/ci/tests/app/…`) never puts every file in a layer; files outside `root`, or without one,
 * match as given.
 */
export function isInLayer(settings: ApiAuditSettings, layer: Layer, file: string, root?: string): boolean {
  const globs = settings.layers[layer];
  let matcher = matchers.get(globs);
  if (!matcher) {
    matcher = { match: picomatch(globs, { dot: true }), answers: new Map() };
    matchers.set(globs, matcher);
  }
  const key = root === undefined ? file : `${root}\0${file}`;
  let answer = matcher.answers.get(key);
  if (answer === undefined) {
    answer = matcher.match(toLayerPath(file, root).replaceAll('\\', '/'));
    if (matcher.answers.size >= ANSWER_LIMIT) matcher.answers.clear();
    matcher.answers.set(key, answer);
  }
  return answer;
}

function toLayerPath(file: string, root: string | undefined): string {
  if (root === undefined || !isAbsolute(file)) return file;
  const inside = relative(root, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

/**
 * Whether a relative import from `fromFile` lands in a layer. Tries the specifier as written and with
 * the extensions and index files TypeScript and Node resolve (`../db` → `../db.ts`, `../db/index.ts`;
 * `../db.js` written for a `.ts` source). Package specifiers (not starting with `.` or `/`) never match.
 * `root` as for {@link isInLayer}.
 */
export function isImportInLayer(
  settings: ApiAuditSettings,
  layer: Layer,
  fromFile: string,
  specifier: string,
  root?: string,
): boolean {
  if (!specifier.startsWith('.') && !isAbsolute(specifier)) return false;
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.[cm]?js$/u, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.js`,
    `${stem}.mts`,
    `${stem}.cts`,
    `${stem}/index.ts`,
    `${stem}/index.js`,
  ];
  return candidates.some((candidate) => isInLayer(settings, layer, candidate, root));
}
