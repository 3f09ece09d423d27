import { createJiti } from 'jiti';
import { lilconfig, type Loader } from 'lilconfig';
import { z } from 'zod';

import { settingsSchema } from '../shared/settings.js';

/** File names searched for, upwards from the audited path, in this order. */
export const CONFIG_FILES = [
  'api-audit.config.json',
  'api-audit.config.js',
  'api-audit.config.mjs',
  'api-audit.config.ts',
];

const severity = z.enum(['off', 'warn', 'error']);

/**
 * The command's config file: rules on/off with options (names with or without the `api-audit/`
 * prefix), the shared settings (same schema as `settings['api-audit']`), extra ignore globs and the
 * failure threshold. Unknown keys are errors.
 */
export const configFileSchema = z.strictObject({
  rules: z
    .record(z.string(), z.union([severity, z.tuple([severity], z.unknown())]))
    .optional()
    .describe('Rule severities, with options: `{ "no-sync-in-handler": ["error", { "allow": ["fs.existsSync"] }] }`.'),
  settings: settingsSchema.optional().describe('The shared settings.'),
  ignore: z.array(z.string()).optional().describe('Globs of files to leave out, relative to the audited directory.'),
  failOn: z.enum(['error', 'warning', 'none']).optional().describe('Which findings fail the run.'),
});

/** A validated config file. */
export type ConfigFile = z.infer<typeof configFileSchema>;

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
