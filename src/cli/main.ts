import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { env, stderr, stdout } from 'node:process';

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

import { UsageError } from '../audit/config.js';
import { writeFileAtomically } from '../audit/write.js';
import type { EngineChoice } from '../audit/run.js';
import type { FailOn, ReportFormat } from '../audit/types.js';
import { createProgress } from './progress.js';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Exit codes: 0 below the `--fail-on` threshold, 1 findings at or above it, 2 usage/config/path error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'markdown', 'html'];

interface CliOptions {
  format: ReportFormat[];
  output: string[];
  failOn?: FailOn;
  baseline?: string;
  updateBaseline?: boolean;
  fix?: boolean;
  unsafe?: boolean;
  config?: string;
  useEslintConfig?: boolean;
  ignore: string[];
  quiet?: boolean;
  color?: boolean;
  lintOnly?: boolean;
  types?: boolean;
  includeGenerated?: boolean;
  fileTimeout: number;
  engine?: EngineChoice;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Builds the `api-audit` command (commander 14). */
export function createProgram(): Command {
  return new Command('api-audit')
    .description(
      'Audit an HTTP API service (Express, Fastify, NestJS, Hono, Koa, Next.js): per-file rules, whole-project checks, one report.',
    )
    .version(packageJson.version, '-v, --version')
    .argument('[path]', 'directory of the service to audit', '.')
    .addOption(
      new Option('-f, --format <format>', `report format: ${FORMATS.join(', ')}; repeat for several`).argParser(
        // commander's `.choices()` is replaced by a custom parser, so the choice is checked here.
        (value, previous: ReportFormat[] | undefined) => {
          if (!FORMATS.includes(value as ReportFormat)) {
            throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(', ')}.`);
          }
          return [...(previous ?? []), value as ReportFormat];
        },
      ),
    )
    .option(
      '-o, --output <file>',
      'write the report of the matching --format (first --output for the first --format, …) to a file; formats without one go to standard output',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--fail-on <level>',
        'lowest severity that fails the run (exit code 1); default: error, or the config file’s',
      ).choices(['error', 'warning', 'none']),
    )
    .option('--baseline <file>', 'only findings not in this baseline file count against --fail-on')
    .option('--update-baseline', 'write every current finding into the --baseline file')
    .option('--fix', 'apply the rules’ fixes (never writes a file that no longer parses)')
    .option(
      '--unsafe',
      'with --fix: also apply the rules’ suggestions and the extract-to-service codemod (moves reported handlers’ logic into services/), and list every change',
    )
    .option(
      '-c, --config <file>',
      'config file to use instead of api-audit.config.{json,js,mjs,ts} found upwards from the path',
    )
    .option('--use-eslint-config', 'lint with the project’s own eslint.config.* instead of the recommended preset')
    .option(
      '--ignore <glob>',
      'leave out files matching the glob (relative to the path); repeat for several',
      collect,
      [],
    )
    .option('--lint-only', 'run the per-file rules only, without the whole-project checks')
    .option(
      '--include-generated',
      'also audit minified, generated, vendored and oversized (over 1 MiB) files, which are skipped and listed by default',
    )
    .option(
      '--file-timeout <seconds>',
      'time budget of one file’s lint; a slower file is stopped, skipped and listed',
      (value) => {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0)
          throw new InvalidArgumentError('Give a positive number of seconds.');
        return seconds;
      },
      10,
    )
    .option(
      '--types',
      'give the rules type information from the service’s program (finds credential fields in sent values; slower, more memory)',
    )
    .addOption(
      new Option(
        '--engine <host>',
        'host of the per-file rules: oxlint (its JS-plugin host, a separate process), eslint (shares the project checks’ parse), or auto: oxlint with --lint-only when installed, ESLint otherwise',
      )
        .choices(['auto', 'oxlint', 'eslint'])
        .default('auto'),
    )
    .option('-q, --quiet', 'no progress; the text report lists errors only')
    .option('--no-color', 'no colours (also off when not a terminal or when NO_COLOR is set)')
    .showHelpAfterError('(run api-audit --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => stderr.write(text) });
}

/**
 * Runs the command with `args` (without `node` and the script) and returns its exit code.
 * Never throws: usage, config and path errors print one line (no stack trace) and return 2.
 */
export async function main(args: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    program.parse([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const options = program.opts<CliOptions>();
  const path = program.processedArgs[0] as string;
  const formats = options.format ?? ['text'];
  if (options.output.length > formats.length) {
    stderr.write('api-audit: more --output files than --format options; give a --format for each --output.\n');
    return EXIT.usage;
  }
  if (options.unsafe && !options.fix) {
    stderr.write('api-audit: --unsafe only applies with --fix.\n');
    return EXIT.usage;
  }
  if (options.updateBaseline && !options.baseline) {
    stderr.write('api-audit: --update-baseline needs --baseline <file>.\n');
    return EXIT.usage;
  }
  // Loaded only now: the audit pulls in ESLint, TypeScript and ts-morph (about a second), which
  // `--help`, `--version` and usage errors do not need.
  const [{ audit }, { renderReport }] = await Promise.all([
    import('../audit/run.js'),
    import('../audit/reporters/index.js'),
  ]);
  const interactive = stderr.isTTY === true && !env.CI && !options.quiet;
  const progress = interactive ? createProgress(stderr) : null;
  try {
    const report = await audit({
      path,
      config: options.config,
      failOn: options.failOn,
      baseline: options.baseline,
      updateBaseline: options.updateBaseline,
      fix: options.fix,
      unsafe: options.unsafe,
      useEslintConfig: options.useEslintConfig,
      ignore: options.ignore,
      lintOnly: options.lintOnly,
      types: options.types,
      includeGenerated: options.includeGenerated,
      fileTimeBudgetMs: options.fileTimeout * 1000,
      onProgress: progress?.update,
      engine: options.engine,
    });
    progress?.stop();
    const color = options.color !== false && stdout.isTTY === true && env.NO_COLOR === undefined;
    for (const [index, format] of formats.entries()) {
      const target = options.output[index];
      // --quiet lists errors only in the text report, as ESLint's --quiet does; files keep everything.
      const shown =
        options.quiet && format === 'text' && !target
          ? { ...report, findings: report.findings.filter((finding) => finding.severity === 'error') }
          : report;
      const text = renderReport(shown, format, { color: target ? false : color });
      if (target) {
        const file = resolve(target);
        try {
          await mkdir(dirname(file), { recursive: true });
          await writeFileAtomically(file, text);
        } catch (error) {
          stderr.write(`api-audit: cannot write the ${format} report to ${file}: ${(error as Error).message}\n`);
          return EXIT.usage;
        }
        // A person at a terminal sees where the report went; logs and pipes stay as they were.
        if (stderr.isTTY) stderr.write(`api-audit: ${format} report written to ${file}\n`);
      } else {
        stdout.write(text);
      }
    }
    if (!options.lintOnly && report.inventory.routes.length === 0) {
      stderr.write(
        `api-audit: no HTTP routes found in ${report.root} (${report.files} files audited); is this the service's root directory?\n`,
      );
    }
    return report.failed ? EXIT.findings : EXIT.ok;
  } catch (error) {
    progress?.stop();
    if (error instanceof UsageError) {
      stderr.write(`api-audit: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
