import { createJiti } from 'jiti';
import { lilconfig, type Loader } from 'lilconfig';
import type { z as Zod } from 'zod';

import { getSettingsSchema, loadZod } from '../shared/settings.js';

// The same copy of zod as the settings schema it embeds (see `loadZod`).
const z = loadZod();

/** File names searched for, upwards from the audited path, in this order. */
export const CONFIG_FILES = [
  'api-audit.config.json',
  'api-audit.config.js',
  'api-audit.config.mjs',
  'api-audit.config.ts',
];

/** ESLint's rule severities, by name or number. */
const SEVERITIES = ['off', 'warn', 'error', 0, 1, 2] as const;
const SEVERITY_CHOICES = '"off", "warn" or "error" (or 0, 1, 2)';
const severity = z.union(
  SEVERITIES.map((value) => z.literal(value)),
  { error: `expected a severity: ${SEVERITY_CHOICES}, or [severity, options]` },
);

/**
 * The command's config file: rules on/off with options (names with or without the `api-audit/`
 * prefix), the shared settings (same schema as `settings['api-audit']`), extra ignore globs and the
 * failure threshold. Unknown keys are errors.
 */
export const configFileSchema = z.strictObject({
  rules: z
    .record(
      z.string(),
      z.union([severity, z.tuple([severity], z.unknown())], {
        error: `expected a severity: ${SEVERITY_CHOICES}, or [severity, options]`,
      }),
    )
    .optional()
    .describe('Rule severities, with options: `{ "no-sync-in-handler": ["error", { "allow": ["fs.existsSync"] }] }`.'),
  settings: getSettingsSchema().optional().describe('The shared settings.'),
  ignore: z.array(z.string()).optional().describe('Globs of files to leave out, relative to the audited directory.'),
  failOn: z.enum(['error', 'warning', 'none']).optional().describe('Which findings fail the run.'),
});

/** A validated config file. */
export type ConfigFile = Zod.infer<typeof configFileSchema>;

/** A usage, path or config problem: the command prints the message (no stack) and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `.ts` configs load through jiti (the loader ESLint also uses for `eslint.config.ts`). */
const loadTypeScript: Loader = async (filepath) => {
  const jiti = createJiti(import.meta.url, { interopDefault: true });
  return jiti.import(filepath, { default: true });
};

/**
 * Finds and validates the config file: `explicit` when given (an error if it does not exist), else
 * the first of {@link CONFIG_FILES} found from `from` upwards. Returns `null` when there is none.
 * Throws {@link UsageError} naming the file and every wrong key.
 */
export async function loadConfigFile(
  from: string,
  explicit?: string,
): Promise<{ path: string; config: ConfigFile } | null> {
  const explorer = lilconfig('api-audit', { searchPlaces: CONFIG_FILES, loaders: { '.ts': loadTypeScript } });
  let found: { filepath: string; config: unknown } | null;
  try {
    found = explicit ? await explorer.load(explicit) : await explorer.search(from);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`Cannot read config file ${explicit ?? from}: ${reason}`);
  }
  if (!found) return null;
  const result = configFileSchema.safeParse(found.config ?? {});
  if (!result.success) throw new UsageError(`Invalid config file ${found.filepath}:\n${z.prettifyError(result.error)}`);
  return { path: found.filepath, config: result.data };
}

/**
 * Checks the config file's `rules` against the plugin's rules before any work: every name must be a
 * rule of the plugin (with or without the `api-audit/` prefix), and its options must pass the rule's
 * `meta.schema`, as ESLint validates them (`validate` runs ESLint's own check on one entry and throws
 * its message). Throws {@link UsageError} naming the file, the key, and the valid choices.
 */
export function checkRuleEntries(
  path: string,
  rules: NonNullable<ConfigFile['rules']>,
  ruleNames: readonly string[],
  validate: (name: string, entry: unknown) => void,
): void {
  for (const [key, entry] of Object.entries(rules)) {
    const name = key.replace(/^api-audit\//u, '');
    if (!ruleNames.includes(name)) {
      throw new UsageError(
        `Invalid config file ${path}: rules["${key}"] is not a rule of api-audit; the rules are ${ruleNames.join(', ')}.`,
      );
    }
    try {
      validate(name, entry);
    } catch (error) {
      // ESLint's message starts with where it looked (`Key "rules": Key "api-audit/x":`); the key is named here.
      const reason = (error as Error).message
        .replace(/^Key "rules": Key "[^"]*":\s*/u, '')
        .replace(/\s*\n\s*/gu, ' ')
        .trim();
      throw new UsageError(`Invalid config file ${path}: rules["${key}"]: ${reason}`);
    }
  }
}
