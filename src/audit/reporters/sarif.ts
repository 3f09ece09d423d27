import { pathToFileURL } from 'node:url';

import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { CodeFlow, Location, Region, Result } from 'sarif';

import { REPO_URL } from '../../shared/create-rule.js';
import type { AuditReport, Finding, Severity } from '../types.js';
import { knownRules, ruleInfo, worstSeverity, type RuleInfo } from './shared.js';

/** The schema `$schema` points at: the OASIS SARIF 2.1.0 schema (errata 01). */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The `uriBaseId` of every location: the audited root, which code-scanning services map to the checkout. */
export const SRCROOT = '%SRCROOT%';

/** The key of `partialFingerprints`; bump the version if the fingerprint's recipe changes. */
export const FINGERPRINT_KEY = 'apiAudit/v1';

const LEVELS: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for code-scanning services: one run of the `api-audit` driver with a rule descriptor
 * for every rule and project check, one result per finding (located relative to `%SRCROOT%`, with the
 * report's fingerprint and baseline state), blocking-call chains as a code flow and related
 * locations, and the report's warnings as tool notifications. No source snippets at all, so no
 * secret can reach the log.
 */
export function renderSarif(report: AuditReport): string {
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA, version: '2.1.0' });
  const run = new SarifRunBuilder({
    columnKind: 'utf16CodeUnits',
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.root) } },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          ...report.warnings.map((warning) => ({ level: 'warning' as const, message: { text: warning } })),
          ...report.skipped.map((entry) => ({
            level: 'note' as const,
            message: { text: `Skipped ${entry.file}: ${entry.detail}.` },
            locations: [{ physicalLocation: { artifactLocation: { uri: entry.file, uriBaseId: SRCROOT } } }],
          })),
        ],
      },
    ],
    properties: {
      score: report.score.value,
      scoreFormula: report.score.formula,
      failOn: report.failOn,
      failed: report.failed,
    },
  }).initSimple({ toolDriverName: 'api-audit', toolDriverVersion: report.tool.version, url: REPO_URL });

  for (const rule of reportRules(report)) {
    run.addRule(
      new SarifRuleBuilder({
        name: rule.name,
        defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
      }).initSimple({
        ruleId: rule.id,
        shortDescriptionText: rule.description,
        helpUri: rule.helpUri,
      }),
    );
  }

  for (const finding of report.findings) {
    const result = new SarifResultBuilder({
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      baselineState: finding.baselined ? 'unchanged' : 'new',
      ...chainLocations(finding),
    });
    result.setRuleId(finding.ruleId);
    result.setLevel(LEVELS[finding.severity]);
    result.setMessageText(finding.message);
    result.setLocationArtifactUri({ uri: fileUri(finding.file), uriBaseId: SRCROOT });
    result.setLocationRegion(region(finding));
    run.addResult(result);
  }

  builder.addRun(run);
  const log = builder.buildSarifOutput();
  // The builder lists each file as a run artifact by its bare URI; give those the same base as the results.
  for (const artifact of log.runs.flatMap((item) => item.artifacts ?? []))
    if (artifact.location) artifact.location.uriBaseId = SRCROOT;
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Every rule and check this version knows, plus any other rule id the findings use; sorted by id. */
function reportRules(report: AuditReport): RuleInfo[] {
  const rules = knownRules();
  for (const [ruleId, counts] of Object.entries(report.summary.byRule))
    if (!rules.has(ruleId)) rules.set(ruleId, ruleInfo(ruleId, worstSeverity(counts), rules));
  for (const finding of report.findings)
    if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, ruleInfo(finding.ruleId, finding.severity, rules));
  return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The finding's range; SARIF's `endColumn`, like ESLint's, is the column just past the end. */
function region(finding: Finding): Region {
  const startLine = Math.max(1, finding.line);
  const startColumn = Math.max(1, finding.column);
  const endLine = Math.max(startLine, finding.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, finding.endColumn) : Math.max(1, finding.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/** A blocking-call chain as one thread flow (route → functions → call) and as related locations. */
function chainLocations(finding: Finding): { codeFlows?: CodeFlow[]; relatedLocations?: Location[] } {
  if (!finding.chain || finding.chain.length === 0) return {};
  const locate = (step: NonNullable<Finding['chain']>[number]): Location => ({
    physicalLocation: {
      artifactLocation: { uri: fileUri(step.file), uriBaseId: SRCROOT },
      region: { startLine: Math.max(1, step.line), startColumn: Math.max(1, step.column) },
    },
    message: { text: step.label },
  });
  return {
    codeFlows: [{ threadFlows: [{ locations: finding.chain.map((step) => ({ location: locate(step) })) }] }],
    relatedLocations: finding.chain.map((step, index) => ({ id: index, ...locate(step) })),
  };
}

/** A root-relative path as a relative URI reference: each segment percent-encoded. */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}
