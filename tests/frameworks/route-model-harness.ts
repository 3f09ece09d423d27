import parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { getRouteModel } from '../../src/project-index/index.js';
import type { MiddlewareFacts, RouteFacts, RouteModel } from '../../src/frameworks/types.js';

/** Options for {@link modelOf}: the file name (Next.js routes depend on it) and the module system. */
export interface ModelOptions {
  filename?: string;
  sourceType?: 'module' | 'commonjs';
}

/**
 * Lints `code` with a one-off rule that captures the route model, exactly as plugin rules see it
 * (ESLint 10 `Linter`, `@typescript-eslint/parser`, CommonJS globals for `sourceType: 'commonjs'`).
 * Throws when the code does not parse.
 */
export function modelOf(code: string, options: ModelOptions = {}): RouteModel {
  let model: RouteModel | undefined;
  const capture: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        Program() {
          model = getRouteModel(context);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: parser as Linter.Parser, sourceType: options.sourceType ?? 'module' },
        plugins: { test: { rules: { capture: capture as unknown as import('eslint').Rule.RuleModule } } },
        rules: { 'test/capture': 'error' },
      },
    ],
    { filename: options.filename ?? 'file.ts' },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (!model) throw new Error(`the capture rule did not run: ${JSON.stringify(messages)}`);
  return model;
}

/** A route as plain data for `toEqual`: locations are `line:column` (1-based line, 0-based column). */
export interface RouteSummary {
  framework: string;
  methods: string[];
  path: string | null;
  fullPath: string | null;
  handler: string | null;
  middleware: (string | null)[];
}

/** Summaries of every route of `code`, in source order. */
export function routesOf(code: string, options?: ModelOptions): RouteSummary[] {
  return modelOf(code, options).routes.map(summarize);
}

export function summarize(route: RouteFacts): RouteSummary {
  return {
    framework: route.framework,
    methods: route.methods,
    path: route.path,
    fullPath: route.fullPath,
    handler: route.handler ? `${route.handler.loc.start.line}:${route.handler.loc.start.column}` : null,
    middleware: route.middleware.map((item) => item.name),
  };
}

/** `kind name@path` for each middleware of an app, e.g. `error-handler null@` or `middleware cors@/api`. */
export function describeMiddleware(items: readonly MiddlewareFacts[]): string[] {
  return items.map((item) => `${item.kind} ${item.name}@${item.path}`);
}
