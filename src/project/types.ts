import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ProjectIndex } from '../project-index/index.js';

import type { Framework, HttpMethod } from '../frameworks/index.js';
import type { LoadedProject } from './load-project.js';

/** The whole-project checks, by the name that follows `api-audit/` in their rule ids. */
export type CheckName =
  | 'blocking-call-reachable'
  | 'layering'
  | 'missing-error-handler'
  | 'missing-rate-limit'
  | 'missing-security-headers'
  | 'missing-health-check'
  | 'unversioned-routes'
  | 'parse-error';

/** How serious a finding is. `info` has no ESLint equivalent (SARIF calls it `note`). */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One step of a call chain: the route or middleware a request enters through, each function
 * followed (as the call is written at its call site, located at the called function's declaration),
 * and last the blocking call itself. `file` is absolute; `line` is 1-based, `column` 1-based.
 */
export interface ChainStep {
  label: string;
  file: string;
  line: number;
  column: number;
}

/**
 * A finding, shaped like an ESLint message so the `api-audit` command can merge it with the lint
 * results: `ruleId` is `api-audit/<check>`, `file` absolute, positions 1-based (columns too, as
 * ESLint reports them), `chain` only on `blocking-call-reachable`.
 */
export interface ProjectFinding {
  ruleId: `api-audit/${CheckName}`;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  message: string;
  chain?: ChainStep[];
}

/** A place in the project: absolute file, 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One route of the inventory, once per full path it is served under. */
export interface InventoryRoute {
  framework: Framework;
  methods: HttpMethod[];
  /** Every prefix joined in (mounts across files, plugin prefixes, global prefix); `null` when not static. */
  path: string | null;
  /**
   * The path as far as it is known, with `{prefix}` for a prefix and `{path}` for a route path that is not
   * static (`{prefix}/users/:id`); equal to `path` when that is known.
   */
  displayPath: string;
  /** Where the route is registered (the `router.get(…)` call, the Nest method, the Next.js export). */
  location: SourceLocation;
  /** The function that serves it, possibly in another file; `null` when it cannot be resolved. */
  handler: (SourceLocation & { name: string | null }) | null;
  /**
   * Names of the middleware, hooks, guards and pipes that run before the handler, outermost first:
   * those of the app and of every router it is mounted through, then the route's own.
   */
  middleware: string[];
  /** Whether the route declares what it returns (Fastify `schema.response`, OpenAPI `responses`, Nest `@Api*Response`). */
  responseSchema: boolean;
  /** Whether the handler reads the body, query, path parameters or form data of the request. */
  readsInput: boolean;
  /** Whether that input is validated: a schema, a validation middleware or pipe, or a `parse`/`validate` call on it. */
  inputValidation: boolean;
  /**
   * Whether a caller must authenticate before the handler runs, as `require-auth-on-mutating-routes`
   * decides: `yes` (middleware, a hook, a guard or the handler itself authenticates), `public` (public
   * by design: sign-in, webhooks, health, a `@Public()` decorator…) or `no`.
   */
  authentication: 'yes' | 'public' | 'no';
  /** The evidence: what authenticates (`passport.authenticate`, `handler`) or why the route is public (`path segment "login"`); `null` for `no`. */
  authenticationEvidence: string | null;
  /** Index into {@link Inventory.apps} of the root app serving the route; `null` when it is attached to none. */
  app: number | null;
}

/** One root app (an app that is not mounted on another) and what the app-level checks found on it. */
export interface InventoryApp {
  framework: Framework;
  name: string | null;
  location: SourceLocation;
  /** Routes served by the app and everything mounted on it. */
  routes: number;
  /** The evidence found for each app-level control, as `what (file:line)`; empty when none was found. */
  errorHandler: string[];
  rateLimit: string[];
  securityHeaders: string[];
  healthCheck: string[];
}

/** The route inventory of a project. */
export interface Inventory {
  apps: InventoryApp[];
  routes: InventoryRoute[];
}

/** Options of `checkProject`. */
export interface CheckProjectOptions {
  /**
   * A `tsconfig*.json` path, or a directory: its `tsconfig.json` when it has one, otherwise a
   * JavaScript project whose `.js/.mjs/.cjs/.ts` files are found by walking it. Relative to `cwd`.
   * Not needed when `project` is given.
   */
  target?: string;
  /** A project already loaded with `loadProject` (the command shares its program with ESLint). */
  project?: LoadedProject;
  /** Working directory for a relative `target`; defaults to `process.cwd()`. */
  cwd?: string;
  /** The shared settings object (`settings['api-audit']`), validated with `parseSettings`. */
  settings?: unknown;
  /** How many calls to follow from a handler when looking for blocking calls; default 6. */
  maxDepth?: number;
  /** Severity per check, or `'off'` to skip it; defaults in `DEFAULT_SEVERITIES`. */
  checks?: Partial<Record<CheckName, Severity | 'off'>>;
  /**
   * Files to leave out of the analysis besides the built-in ones (node_modules, dist, build,
   * coverage, `*.d.ts`, `layers.nonRuntime`), e.g. `(file) => eslint.isPathIgnored(file)`.
   */
  ignore?: (file: string) => boolean | Promise<boolean>;
  /**
   * ESTrees the caller already has, by absolute file path: the command passes those of its lint pass
   * (parsed from the same program), so the checker does not parse and scope-analyse every file again.
   * Files missing here are parsed as usual.
   */
  parsed?: ReadonlyMap<string, PreparsedFile>;
  /**
   * The project index the rules read (the command registers one per audit): each file's route model is
   * built with its facts (apps received as parameters, handlers registered elsewhere), as the rules saw
   * it, and its parameter apps are linked to the callers' apps. Without it, each file stands alone.
   */
  index?: ProjectIndex;
}

/** An ESTree with its scopes and visitor keys, as ESLint's `sourceCode` holds them (`parent` links set). */
export interface PreparsedFile {
  ast: TSESTree.Program;
  globalScope: TSESLint.Scope.Scope;
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>;
}

/** What `checkProject` returns. */
export interface ProjectCheckResult {
  /** The directory paths are reported relative to (the tsconfig's, or the JavaScript project's). */
  root: string;
  /** Findings sorted by file, line, column and rule id. */
  findings: ProjectFinding[];
  inventory: Inventory;
  /** What was adjusted or could not be done (tsconfig options, files that failed to analyse). */
  warnings: string[];
  /** Files analysed, and milliseconds spent loading the program, parsing and analysing. */
  stats: { files: number; loadMs: number; parseMs: number; analyseMs: number };
}
