import { readFile, writeFile } from 'node:fs/promises';

import { z } from 'zod';

import { UsageError } from './config.js';
import type { Finding } from './types.js';

/** The baseline file: the fingerprints of known findings, with rule and file for people reading it. */
const baselineSchema = z.strictObject({
  version: z.literal(1),
  findings: z.array(z.strictObject({ fingerprint: z.string(), ruleId: z.string(), file: z.string() })),
});

/**
 * Reads a baseline file and returns its fingerprints. A missing file is an empty baseline only when
 * `creating` (a first `--update-baseline` run writes it); otherwise a missing, unreadable or malformed
 * file is a {@link UsageError}: a gate that silently compared against nothing would pass everything
 * it was meant to hold back only until someone noticed the typo.
 */
export async function readBaseline(path: string, creating = false): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (creating) return new Set();
      throw new UsageError(`Baseline file ${path} does not exist; create it with --update-baseline.`);
    }
    throw new UsageError(`Cannot read baseline ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`Invalid baseline ${path}: not JSON`);
  }
  const result = baselineSchema.safeParse(data);
  if (!result.success) throw new UsageError(`Invalid baseline ${path}:\n${z.prettifyError(result.error)}`);
  return new Set(result.data.findings.map((finding) => finding.fingerprint));
}

/** Writes every finding into a baseline file (sorted, so the file diffs well). */
export async function writeBaseline(path: string, findings: readonly Finding[]): Promise<void> {
  const entries = findings
    .map(({ fingerprint, ruleId, file }) => ({ fingerprint, ruleId, file }))
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
    );
  await writeFile(path, `${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n`);
}
