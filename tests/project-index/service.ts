import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterEach } from 'vitest';

import plugin from '../../src/index.js';

/** One message as the layout tests compare them: file (relative), line, rule and text. */
export interface Reported {
  file: string;
  line: number;
  rule: string;
  message: string;
}

/** A service written to a temporary directory (with a `package.json`), linted with every rule of the plugin. */
export class TestService {
  readonly root: string;
  readonly eslint: ESLint;

  /** `settings`: the shared settings (`settings['api-audit']`) to lint with. */
  constructor(files: Record<string, string>, settings: Record<string, unknown> = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'api-audit-index-'));
    this.write({ 'package.json': '{ "name": "service", "private": true }', ...files });
    this.eslint = new ESLint({
      cwd: this.root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{js,cjs,mjs,ts,mts,cts}'],
          languageOptions: { parser: tsParser, sourceType: 'module' },
          plugins: { 'api-audit': plugin as never },
          settings: { 'api-audit': settings },
          rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`api-audit/${name}`, 'error'])),
        },
      ],
    });
  }

  /** Writes (or overwrites) files under the root. */
  write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      const target = join(this.root, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }

  /** Lints `paths` (relative; default every file) and returns the messages, sorted by file and line. */
  async lint(...paths: string[]): Promise<Reported[]> {
    const results = await this.eslint.lintFiles(paths.length > 0 ? paths.map((path) => join(this.root, path)) : ['.']);
    return results
      .flatMap((result) =>
        result.messages.map((message) => ({
          file: relative(this.root, result.filePath).replaceAll('\\', '/'),
          line: message.line,
          rule: message.ruleId ?? 'fatal',
          message: message.message,
        })),
      )
      .sort((a, b) =>
        a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.rule < b.rule ? -1 : 1,
      );
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * A function that writes a {@link TestService}, each removed after its test: call once at the top of
 * a test file.
 */
export function useServices(): (files: Record<string, string>, settings?: Record<string, unknown>) => TestService {
  const made: TestService[] = [];
  afterEach(() => {
    for (const service of made.splice(0)) service.dispose();
  });
  return (files, settings) => {
    const service = new TestService(files, settings);
    made.push(service);
    return service;
  };
}

/** `no-sync-in-handler`'s message for a blocking call `name` while serving `where`. */
export function blockingMessage(name: string, where: string, alternative = '`fs.promises.readFile`'): string {
  return `\`${name}\` blocks the event loop while serving ${where}; use ${alternative} instead.`;
}
