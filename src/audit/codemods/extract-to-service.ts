import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IndentationText, Node, type Diagnostic, type Project, type SourceFile } from 'ts-morph';

import { loadProject } from '../../project/index.js';
import { parses, relativeTo } from '../lint.js';
import type { AppliedChange } from '../types.js';
import { writeFileAtomically } from '../write.js';
import { extractHandler } from './extract-handler.js';
import { findHandlerTargets, RULE_ID, type HandlerTarget } from './find-targets.js';
import { findHandler, NothingToMove, Skip } from './handler-body.js';
import { addBracesToArrow } from './refactors.js';

/** Options of {@link extractToService}. */
export interface ExtractToServiceOptions {
  /** The audited directory, absolute (its tsconfig, when it has one, makes the program). */
  root: string;
  /** The files to look at (absolute); the command passes those the rule reported. */
  files: readonly string[];
  /** The shared settings object (`settings['api-audit']`). */
  settings?: unknown;
  /** The config file's entry for `no-business-logic-in-routes` (its options), when it has one. */
  ruleEntry?: unknown;
}

/** A handler the codemod left as it was. */
export interface SkippedHandler {
  /** Relative to the root, `/` separators. */
  file: string;
  line: number;
  /** The route as the rule names it. */
  where: string;
  reason: string;
}

/** Result of {@link extractToService}. */
export interface ExtractToServiceResult {
  /** One per moved handler, on the route file (`kind: 'codemod'`); the description names the service function and file. */
  changes: AppliedChange[];
  skipped: SkippedHandler[];
}

/** Modules whose types are HTTP types: a service importing them is not free of HTTP (the layering check). */
const HTTP_MODULES =
  /^(?:express|fastify|hono|koa|@koa\/router|koa-router|next|next\/server|@hono\/[\w-]+|hono\/[\w-]+)$/u;

/**
 * The extract-to-service codemod of `api-audit --fix --unsafe`: for every handler that
 * `no-business-logic-in-routes` reports in `files` (found by linting each file with the rule and reading
 * the same route model, see `findHandlerTargets`), moves its data access and logic into a function of
 * the matching service module with TypeScript's refactors (see `extractHandler`), keeping the response
 * mapping in the handler. Each handler's move is checked before anything is written: every changed file
 * must parse, TypeScript's diagnostics of the changed files (`getPreEmitDiagnostics`) must gain no new
 * error, and the service must not import the routes' file or an HTTP framework; otherwise the move is
 * undone in memory and the handler is listed in `skipped` with the reason. JavaScript files are skipped
 * (the checker could not verify the move). Files are written atomically, one handler at a time, so a
 * second run finds nothing left to move.
 *
 * @throws whatever `loadProject` throws for an unreadable tsconfig (the command turns it into a usage error).
 */
export async function extractToService(options: ExtractToServiceOptions): Promise<ExtractToServiceResult> {
  const { root } = options;
  const changes: AppliedChange[] = [];
  const skipped: SkippedHandler[] = [];
  let project: Project | null = null;
  for (const filePath of options.files) {
    const attempted = new Set<string>();
    const braced = new Map<string, string>();
    for (;;) {
      const text = project?.getSourceFile(filePath)?.getFullText() ?? readText(filePath);
      if (text === null) break;
      const targets = findHandlerTargets(text, filePath, {
        cwd: root,
        settings: options.settings,
        ruleEntry: options.ruleEntry,
      });
      const target = targets.find((item) => !attempted.has(keyOf(item, targets)));
      if (!target) break;
      attempted.add(keyOf(target, targets));
      const skip = (reason: string): void => {
        skipped.push({
          file: relativeTo(root, filePath),
          line: lineOf(text, target.body[0]),
          where: target.where,
          reason,
        });
      };
      if (!/\.[cm]?tsx?$/u.test(filePath)) {
        skip('JavaScript: without types the move could not be checked; move it by hand');
        continue;
      }
      project ??= loadProject({ target: root }).project;
      const file = project.getSourceFile(filePath);
      if (!file) {
        skip('the file is not in the TypeScript program (tsconfig `include`)');
        continue;
      }
      project.manipulationSettings.set({ indentationText: detectIndentation(file.getFullText()) });
      const key = keyOf(target, targets);
      const unbraced = file.getFullText();
      if (ensureBlockBody(project, file, target)) {
        // Positions moved: ask again, with the braces in place (nothing is written unless the move succeeds).
        attempted.delete(key);
        braced.set(key, unbraced);
        continue;
      }
      const outcome = await tryHandler(project, file, target, root);
      // A handler left alone keeps its expression body: the braces added for the attempt go again.
      if (typeof outcome !== 'object' || outcome === null) {
        const before = braced.get(key);
        if (before !== undefined) file.replaceWithText(before);
      }
      if (outcome === null) continue;
      if (typeof outcome === 'string') skip(outcome);
      else changes.push(outcome);
    }
  }
  return { changes, skipped };
}

/** A target's identity across re-lints of a changing file: framework, method, path and rank among equals. */
function keyOf(target: HandlerTarget, all: readonly HandlerTarget[]): string {
  const base = `${target.framework} ${target.method} ${target.path ?? ''}`;
  const rank = all.filter((item) => `${item.framework} ${item.method} ${item.path ?? ''}` === base).indexOf(target);
  return `${base} #${rank}`;
}

/**
 * Gives an arrow handler with an expression body braces (`c => c.json(x)` → `c => { return c.json(x); }`)
 * in memory, with TypeScript's "Add or remove braces in an arrow function" refactor. Returns whether it
 * changed the file.
 */
function ensureBlockBody(project: Project, file: SourceFile, target: HandlerTarget): boolean {
  let handler;
  try {
    handler = findHandler(file, target.body);
  } catch {
    return false;
  }
  const body = handler.getBody();
  if (!Node.isArrowFunction(handler) || !body || Node.isBlock(body)) return false;
  try {
    addBracesToArrow(project, file, handler.getEqualsGreaterThan().getStart());
  } catch {
    return false;
  }
  return true;
}

/**
 * One handler's move, checked; the project is restored when it fails. Returns the change, the reason
 * it was skipped, or `null` when there was nothing to move.
 */
async function tryHandler(
  project: Project,
  file: SourceFile,
  target: HandlerTarget,
  root: string,
): Promise<AppliedChange | string | null> {
  const snapshot = new Map(
    project.getSourceFiles().map((source) => [source.getFilePath() as string, source.getFullText()]),
  );
  const diagnosticsOf = (source: SourceFile): string[] =>
    source
      .getPreEmitDiagnostics()
      .filter((diagnostic) => diagnostic.getCategory() === 1 && !isMissingPackage(diagnostic))
      .map((diagnostic) => `TS${diagnostic.getCode()}: ${flatten(diagnostic.getMessageText())}`);
  const line = lineOf(file.getFullText(), target.body[0]);
  const restore = (): void => {
    for (const source of project.getSourceFiles()) {
      const old = snapshot.get(source.getFilePath());
      if (old === undefined) project.removeSourceFile(source);
      else if (old !== source.getFullText()) source.replaceWithText(old);
    }
  };
  let extraction;
  try {
    extraction = extractHandler(project, file, target, root);
  } catch (error) {
    restore();
    if (error instanceof NothingToMove) return null;
    if (error instanceof Skip) return error.message;
    return `the move failed (${(error as Error).message.split('\n')[0]}); please report this as a bug of eslint-plugin-api-audit`;
  }
  const service = project.getSourceFileOrThrow(extraction.serviceFile);
  const problem =
    checkService(service, file) ?? checkDiagnostics(project, root, extraction.touched, snapshot, diagnosticsOf);
  if (problem) {
    restore();
    return problem;
  }
  const touched = extraction.touched
    .map((path) => project.getSourceFileOrThrow(path))
    .filter((source) => source.getFullText() !== snapshot.get(source.getFilePath()));
  for (const source of touched) tidyBlankLines(source, snapshot.get(source.getFilePath()));
  for (const source of touched) {
    if (!parses(source.getFullText(), source.getFilePath())) {
      restore();
      return `the moved code would not parse in ${relativeTo(root, source.getFilePath())}`;
    }
  }
  const written: SourceFile[] = [];
  try {
    // The service first: a route file importing a function its service file lacks would break the build.
    for (const source of [...touched].sort((a, b) => Number(a === file) - Number(b === file))) {
      await mkdir(dirname(source.getFilePath()), { recursive: true });
      await writeFileAtomically(source.getFilePath(), source.getFullText());
      written.push(source);
    }
  } catch (error) {
    for (const source of written) {
      const old = snapshot.get(source.getFilePath());
      if (old === undefined) await rm(source.getFilePath(), { force: true });
      else await writeFileAtomically(source.getFilePath(), old).catch(() => undefined);
    }
    restore();
    return `a file could not be written (${(error as Error).message})`;
  }
  const created = !snapshot.has(extraction.serviceFile);
  return {
    file: relativeTo(root, file.getFilePath()),
    kind: 'codemod',
    ruleId: RULE_ID,
    line,
    description: `Moved the logic of ${target.where} into \`${extraction.name}\` in ${relativeTo(root, extraction.serviceFile)}${created ? ' (new file)' : ''}.`,
  };
}

/**
 * The blank lines the refactors leave where they took code out: a file ends with one line break (when it
 * did before, or is new), and a new file has no run of blank lines. Whitespace only; nothing else moves.
 */
function tidyBlankLines(source: SourceFile, before: string | undefined): void {
  let text = source.getFullText();
  if (before === undefined) text = text.replace(/\n{3,}/gu, '\n\n').replace(/^\n+/u, '');
  if (before === undefined || /[^\n]\n$/u.test(before)) text = text.replace(/\n{2,}$/u, '\n');
  if (text !== source.getFullText()) source.replaceWithText(text);
}

/** Why the service module is not acceptable as the move left it: it imports the routes' file or an HTTP framework. */
function checkService(service: SourceFile, routeFile: SourceFile): string | null {
  for (const declaration of service.getImportDeclarations()) {
    const imported = declaration.getModuleSpecifierSourceFile();
    if (imported === routeFile)
      return `its logic uses ${describeNames(declaration)} of the route file, which the service would import back (move ${describeNames(declaration)} to its own module first)`;
    const specifier = declaration.getModuleSpecifierValue();
    if (HTTP_MODULES.test(specifier) && !declaration.isTypeOnly())
      return `its logic uses ${describeNames(declaration)} from \`${specifier}\`, an HTTP framework, which a service must not import`;
    if (HTTP_MODULES.test(specifier))
      return `its logic needs the HTTP type ${describeNames(declaration)} from \`${specifier}\`, which a service must not import`;
  }
  return null;
}

function describeNames(declaration: import('ts-morph').ImportDeclaration): string {
  const names = [
    ...(declaration.getDefaultImport() ? [declaration.getDefaultImport()!.getText()] : []),
    ...declaration.getNamedImports().map((named) => named.getName()),
  ];
  return names.map((name) => `\`${name}\``).join(', ') || 'a binding';
}

/** The first error TypeScript reports in a changed file that it did not report before, as a skip reason. */
function checkDiagnostics(
  project: Project,
  root: string,
  touched: readonly string[],
  snapshot: ReadonlyMap<string, string>,
  diagnosticsOf: (source: SourceFile) => string[],
): string | null {
  const after = new Map(touched.map((path) => [path, diagnosticsOf(project.getSourceFileOrThrow(path))]));
  // The diagnostics before: the files as they were, checked in the same program.
  const current = new Map(touched.map((path) => [path, project.getSourceFileOrThrow(path).getFullText()]));
  const created: string[] = [];
  for (const path of touched) {
    const old = snapshot.get(path);
    if (old === undefined) created.push(path);
    else project.getSourceFileOrThrow(path).replaceWithText(old);
  }
  const removed = created.map((path) => {
    const source = project.getSourceFileOrThrow(path);
    const text = source.getFullText();
    project.removeSourceFile(source);
    return { path, text };
  });
  const before = new Map(
    touched
      .filter((path) => snapshot.has(path))
      .map((path) => [path, diagnosticsOf(project.getSourceFileOrThrow(path))]),
  );
  for (const { path, text } of removed) project.createSourceFile(path, text, { overwrite: true });
  for (const [path, text] of current) project.getSourceFileOrThrow(path).replaceWithText(text);
  // Compared over the changed files together: an error that moved with its code (`Cannot find module
  // '@prisma/client'` when the client's declaration moves out) is not a new one.
  const old = [...before.values()].flat();
  for (const [path, messages] of after) {
    for (const message of messages) {
      const at = old.indexOf(message);
      if (at === -1) return `the moved code would not type-check in ${relativeTo(root, path)}: ${message}`;
      old.splice(at, 1);
    }
  }
  return null;
}

/**
 * TypeScript's "Cannot find module 'pkg'" (TS2307) and "Could not find a declaration file for module
 * 'pkg'" (TS7016) for a package (not a relative path): the service's dependencies are not installed, which
 * the move does not change; an import the move would get wrong is relative and still counts.
 */
function isMissingPackage(diagnostic: Diagnostic): boolean {
  if (diagnostic.getCode() !== 2307 && diagnostic.getCode() !== 7016) return false;
  const module = /'([^']+)'/u.exec(flatten(diagnostic.getMessageText()))?.[1];
  return module !== undefined && !module.startsWith('.') && !module.startsWith('/');
}

function flatten(message: string | import('ts-morph').DiagnosticMessageChain): string {
  if (typeof message === 'string') return message;
  return message.getMessageText();
}

/** The file's indentation unit, from its first indented line (two spaces when none). */
function detectIndentation(text: string): IndentationText {
  const indent = /^([ \t]+)\S/mu.exec(text)?.[1] ?? '  ';
  if (indent.startsWith('\t')) return IndentationText.Tab;
  return indent.length >= 4 ? IndentationText.FourSpaces : IndentationText.TwoSpaces;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

function readText(file: string): string | null {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}
