import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { InventoryRoute, ProjectCheckResult, ProjectFinding } from '../../src/project/index.js';

/** Absolute path of a fixture service. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
}

/** `file:line ruleId message` for each finding (paths relative to the project root), sorted. */
export function findingLines(result: ProjectCheckResult): string[] {
  return result.findings
    .map((finding) => `${relative(result.root, finding.file)}:${finding.line} ${finding.ruleId} ${finding.message}`)
    .sort();
}

/** A finding's chain as `label @ file:line` steps, paths relative to the project root. */
export function chainOf(result: ProjectCheckResult, finding: ProjectFinding | undefined): string[] {
  return (finding?.chain ?? []).map((step) => `${step.label} @ ${relative(result.root, step.file)}:${step.line}`);
}

/** The finding of a rule at `file:line` (relative to the root). */
export function findingAt(result: ProjectCheckResult, ruleId: string, where: string): ProjectFinding | undefined {
  return result.findings.find(
    (finding) => finding.ruleId === ruleId && `${relative(result.root, finding.file)}:${finding.line}` === where,
  );
}

/** `METHODS path -> handler file:line [middleware] schema/validation flags` per route, in inventory order. */
export function routeLines(result: ProjectCheckResult): string[] {
  return result.inventory.routes.map((route: InventoryRoute) => {
    const handler = route.handler ? `${relative(result.root, route.handler.file)}:${route.handler.line}` : '?';
    const flags = [
      route.responseSchema ? 'response' : '',
      route.readsInput ? (route.inputValidation ? 'validated' : 'unvalidated') : '',
    ]
      .filter(Boolean)
      .join(',');
    return `${route.methods.join('/')} ${route.path} -> ${handler} [${route.middleware.join(', ')}]${flags ? ` ${flags}` : ''} app=${route.app}`;
  });
}

/** The inventory with project-relative paths, for snapshots that do not depend on where the repository lives. */
export function relativeInventory(result: ProjectCheckResult): unknown {
  return JSON.parse(
    JSON.stringify(result.inventory, (key, value: unknown) =>
      key === 'file' && typeof value === 'string' ? relative(result.root, value) : value,
    ),
  );
}

/** `file:line ruleId` of each `// expect: api-audit/<check>` marker in the given files whose check is one of `checks`. */
export function markers(root: string, files: readonly string[], checks: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        // `// expect: api-audit/a, api-audit/b`: every id after the marker.
        for (const match of /\/\/ expect: (.*)$/u.exec(line)?.[1]?.matchAll(/api-audit\/([a-z-]+)/gu) ?? []) {
          if (checks.includes(match[1]!)) found.push(`${relative(root, file)}:${index + 1} api-audit/${match[1]}`);
        }
      });
  }
  return found.sort();
}

const temporary: string[] = [];

/**
 * Writes `files` (path → content) into a fresh directory outside the repository (so no ancestor
 * `node_modules/@types` is found) and returns it; {@link removeTemporaryProjects} deletes them.
 */
export function temporaryProject(files: Record<string, string>): string {
  const root = temporaryDirectory('api-audit-checker-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A fresh empty directory under the system's temporary directory, deleted by {@link removeTemporaryProjects}. */
export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(directory);
  return directory;
}

/** Deletes every directory {@link temporaryProject} and {@link temporaryDirectory} made. */
export function removeTemporaryProjects(): void {
  for (const directory of temporary.splice(0)) rmSync(directory, { recursive: true, force: true });
}
