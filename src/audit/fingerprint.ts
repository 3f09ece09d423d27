import { createHash } from 'node:crypto';

/** Rule ids whose reported ranges hold secret values; their text is masked before any use. */
export const SECRET_RULES = new Set(['api-audit/no-hardcoded-secrets']);

/** A 1-based range in a file, as findings give them. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The file's lines with every span in `secrets` replaced by `*` (same length, so columns still
 * line up). Code frames, fingerprints and every report format read source through this, so a
 * secret value never leaves the process.
 */
export function redactLines(source: string, secrets: readonly Span[]): string[] {
  const lines = source.split(/\r?\n/u);
  for (const span of secrets) {
    for (let line = span.line; line <= span.endLine; line += 1) {
      const text = lines[line - 1];
      if (text === undefined) continue;
      const start = line === span.line ? span.column - 1 : 0;
      const end = line === span.endLine ? span.endColumn - 1 : text.length;
      lines[line - 1] = text.slice(0, start) + '*'.repeat(Math.max(0, end - start)) + text.slice(end);
    }
  }
  return lines;
}

/**
 * A finding's fingerprint: SHA-256 (first 20 hex digits) of rule, file, message and the reported
 * line's (redacted) text with whitespace collapsed, plus `#n` for the n-th equal one in the file.
 * Moving code up or down keeps it; editing the line or the message changes it.
 */
export function fingerprint(
  ruleId: string,
  file: string,
  message: string,
  lineText: string,
  occurrence: number,
): string {
  const hash = createHash('sha256')
    .update([ruleId, file, message, lineText.trim().replace(/\s+/gu, ' ')].join('\0'))
    .digest('hex')
    .slice(0, 20);
  return occurrence > 1 ? `${hash}#${occurrence}` : hash;
}
