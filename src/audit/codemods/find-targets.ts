import parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter, type ESLint, type Rule } from 'eslint';

import { describeServingContext, type Framework, type FunctionNode } from '../../frameworks/index.js';
import plugin from '../../index.js';
import { getServingIndex } from '../../project-index/index.js';
import { findResponseSites } from '../../shared/response-sites.js';

/** The rule whose findings choose the handlers the codemod moves. */
export const RULE_ID = 'api-audit/no-business-logic-in-routes';

/** A source range, `[start, end)` offsets into the file's text. */
export type Range = readonly [number, number];

/**
 * A handler `no-business-logic-in-routes` reports, as the route model sees it: where its body is, what it
 * serves, and where it sends its response (`findResponseSites` of `src/shared/response-sites.ts`).
 */
export interface HandlerTarget {
  framework: Framework;
  /** The range of the handler function's body (a block, or an arrow's expression body). */
  body: Range;
  /** The first HTTP method of its first route (`get`, `post`, …; `all` when any). */
  method: string;
  /** The full path of its first route as the route model reads it (`/v1/orders/:id`), or `null` when not static. */
  path: string | null;
  /** How the rule names the route in its messages (`GET /orders, registered in src/app.ts:9`). */
  where: string;
  /** The sending nodes (`res.json(x)`, `ctx.body = x`, `return x`) and their values. */
  responses: { node: Range; value: Range }[];
  /** NestJS: the range of the controller class's body; `null` elsewhere. */
  controller: Range | null;
  /** The rule's message that made it a target (its text), and the message's offset. */
  message: string;
  offset: number;
  /** NestJS: the offset of the constructor parameter the rule reported (`private prisma: PrismaService`). */
  injection: Range | null;
}

interface ServingRecord {
  fn: Range;
  root: Range;
}

interface HandlerRecord extends Omit<HandlerTarget, 'message' | 'offset' | 'injection'> {
  root: Range;
}

/**
 * Lints `text` as `filename` with `no-business-logic-in-routes` (options and settings as given) and a probe
 * rule that reads the same route model and serving index (`getServingIndex`, shared per file with the rule),
 * and returns the handlers the rule reports: for `dataAccessInHandler` and the complexity messages, the
 * handler serving the reported node; for `dataLayerInjected` (NestJS), every route method of the
 * controller whose constructor parameter was reported. Cross-file facts come from the project index of
 * the file's service, as under ESLint. Never throws for the file's content: a file that does not parse
 * has no targets.
 */
export function findHandlerTargets(
  text: string,
  filename: string,
  options: { cwd: string; settings?: unknown; ruleEntry?: unknown },
): HandlerTarget[] {
  const serving: ServingRecord[] = [];
  const handlers: HandlerRecord[] = [];
  const probe: Rule.RuleModule = {
    meta: { type: 'suggestion', schema: [] },
    create(context) {
      return {
        'Program:exit'() {
          const ruleContext = context as unknown as Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
          const index = getServingIndex(ruleContext);
          const sourceCode = context.sourceCode;
          const globalScope = sourceCode.scopeManager.globalScope as unknown as TSESLint.Scope.Scope;
          for (const [fn, served] of index.functions) {
            if (served.kind !== 'route' && served.kind !== 'remote-route') continue;
            serving.push({ fn: fn.range, root: served.root.range });
            if (served.root !== fn) continue;
            const first = served.routes[0]!;
            const framework = first.framework;
            const controller = framework === 'nestjs' ? getClassBody(fn) : null;
            handlers.push({
              framework,
              body: fn.body.range,
              root: fn.range,
              method: first.methods[0] ?? 'all',
              path: 'fullPath' in first ? (first.fullPath ?? first.path) : first.path,
              where: describeServingContext(served),
              responses: findResponseSites(framework, fn, globalScope, sourceCode.visitorKeys).map((site) => ({
                node: site.node.range,
                value: site.value.range,
              })),
              controller,
            });
          }
        },
      };
    },
  };
  const linter = new Linter({ cwd: options.cwd });
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(
      text,
      [
        {
          files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
          languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { 'api-audit': plugin as unknown as ESLint.Plugin, 'api-audit-codemod': { rules: { probe } } },
          settings: options.settings === undefined ? {} : { 'api-audit': options.settings },
          rules: {
            [RULE_ID]: (options.ruleEntry as Linter.RuleEntry | undefined) ?? 'warn',
            'api-audit-codemod/probe': 'warn',
          },
        },
      ],
      { filename },
    );
  } catch {
    return [];
  }
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const targets: HandlerTarget[] = [];
  const seen = new Set<HandlerRecord>();
  for (const message of messages) {
    if (message.ruleId !== RULE_ID) continue;
    const offset = (lineStarts[message.line - 1] ?? 0) + message.column - 1;
    if (message.messageId === 'dataLayerInjected') {
      for (const handler of handlers) {
        if (!handler.controller || !contains(handler.controller, offset) || seen.has(handler)) continue;
        seen.add(handler);
        targets.push(toTarget(handler, message, offset, [offset, endOffset(lineStarts, message)]));
      }
      continue;
    }
    const innermost = serving
      .filter((record) => contains(record.fn, offset))
      .sort((a, b) => a.fn[1] - a.fn[0] - (b.fn[1] - b.fn[0]))[0];
    const handler = innermost && handlers.find((item) => sameRange(item.root, innermost.root));
    if (!handler || seen.has(handler)) continue;
    seen.add(handler);
    targets.push(toTarget(handler, message, offset, null));
  }
  return targets.sort((a, b) => a.body[0] - b.body[0]);
}

function toTarget(
  handler: HandlerRecord,
  message: Linter.LintMessage,
  offset: number,
  injection: Range | null,
): HandlerTarget {
  return {
    framework: handler.framework,
    body: handler.body,
    method: handler.method,
    path: handler.path,
    where: handler.where,
    responses: handler.responses,
    controller: handler.controller,
    message: message.message,
    offset,
    injection,
  };
}

function endOffset(lineStarts: readonly number[], message: Linter.LintMessage): number {
  return (lineStarts[(message.endLine ?? message.line) - 1] ?? 0) + (message.endColumn ?? message.column) - 1;
}

function contains(range: Range, offset: number): boolean {
  return range[0] <= offset && offset < range[1];
}

function sameRange(a: Range, b: Range): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The body range of the class a NestJS handler method belongs to. */
function getClassBody(fn: FunctionNode): Range | null {
  let current: TSESTree.Node | undefined = fn.parent;
  while (current && current.type !== 'ClassBody') current = current.parent;
  return current ? current.range : null;
}
