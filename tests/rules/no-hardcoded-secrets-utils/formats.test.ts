import { describe, expect, it } from 'vitest';

import { SECRETLINT_ANCHORS } from '../../../src/rules/no-hardcoded-secrets-utils/formats.js';
import { scanWithSecretlint } from '../../../src/rules/no-hardcoded-secrets-utils/secretlint.js';

/** `length` characters of `alphabet`, the same every run (a linear congruential walk). */
function sample(alphabet: string, length: number, seed = 7): string {
  let state = seed;
  let text = '';
  for (let index = 0; index < length; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    text += alphabet[state % alphabet.length];
  }
  return text;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789abcdef';
const BASE64 = `${ALNUM}+/`;
const keyBody = `MII${sample(BASE64, 160)}`;

/** A base64 JSON object ending in `fQ==`, as 1Password service account tokens are (`ops_…`). */
function onePasswordBody(): string {
  let json = `{"email":"${sample(HEX, 12)}@1passwordserviceaccounts.lcl","secretKey":"${sample(UPPER, 30)}"}`;
  while (json.length % 3 !== 1) json = json.replace('{', '{ ');
  return Buffer.from(json).toString('base64');
}

/**
 * One value per rule of `@secretlint/secretlint-rule-preset-recommend` that the worker runs, shaped
 * after that rule's regular expression (module/index.js of 12.0.0), with the rule id secretlint gives.
 * `gcp` is not among them: it reads `.json` files only, never a scanned string.
 */
const SAMPLES: [string, string][] = [
  ['@secretlint/secretlint-rule-aws', `AKIA${sample(UPPER, 16)}`], // an access key id without digits
  ['@secretlint/secretlint-rule-aws', `AWS_SECRET_ACCESS_KEY=${sample(ALNUM, 40)}`],
  [
    '@secretlint/secretlint-rule-privatekey',
    `-----BEGIN RSA PRIVATE KEY-----\n${keyBody}\n-----END RSA PRIVATE KEY-----`,
  ],
  ['@secretlint/secretlint-rule-github', `ghp_${sample(ALNUM, 36)}`],
  ['@secretlint/secretlint-rule-npm', `npm_${sample(ALNUM, 36)}`],
  [
    '@secretlint/secretlint-rule-slack',
    `xoxb-${sample('0123456789', 12)}-${sample('0123456789', 13)}-${sample(ALNUM, 24)}`,
  ],
  [
    '@secretlint/secretlint-rule-slack',
    `https://hooks.slack.com/services/T${sample(UPPER, 10)}/B${sample(UPPER, 10)}/${sample(ALNUM, 24)}`,
  ],
  ['@secretlint/secretlint-rule-sendgrid', `SG.${sample(ALNUM, 22)}.${sample(ALNUM, 43)}`],
  ['@secretlint/secretlint-rule-shopify', `shpat_${sample(HEX, 32)}`],
  ['@secretlint/secretlint-rule-gitlab', `glpat-${sample(ALNUM, 20)}`],
  ['@secretlint/secretlint-rule-grafana', `glsa_${sample(ALNUM, 32)}_${sample(HEX, 8)}`],
  ['@secretlint/secretlint-rule-openai', `sk-${sample(ALNUM, 20)}T3BlbkFJ${sample(ALNUM, 20)}`],
  ['@secretlint/secretlint-rule-anthropic', `sk-ant-api03-${sample(ALNUM, 95)}AA`],
  ['@secretlint/secretlint-rule-groq', `gsk_${sample(ALNUM, 52)}`],
  ['@secretlint/secretlint-rule-huggingface', `hf_${sample(UPPER + UPPER.toLowerCase(), 34)}`],
  ['@secretlint/secretlint-rule-linear', `lin_api_${sample(ALNUM, 40)}`],
  ['@secretlint/secretlint-rule-notion', `ntn_${sample('0123456789', 11)}${sample(ALNUM, 35)}`],
  ['@secretlint/secretlint-rule-1password', `ops_${onePasswordBody()}`],
  ['@secretlint/secretlint-rule-hashicorp-vault', `hvs.${sample(ALNUM, 95)}`],
  ['@secretlint/secretlint-rule-vercel', `vcp_${sample(ALNUM, 24)}`],
  ['@secretlint/secretlint-rule-databricks', `dapi${sample(HEX, 32)}`],
  ['@secretlint/secretlint-rule-docker', `dckr_pat_${sample(ALNUM, 27)}`],
  ['@secretlint/secretlint-rule-figma', `figd_${sample(ALNUM, 40)}`],
];

describe('the secretlint pre-check (SECRETLINT_ANCHORS)', () => {
  it.each(SAMPLES)('a value %s reports passes the pre-check', (ruleId, value) => {
    const hits = scanWithSecretlint([value]);
    expect(hits.map((hit) => hit.ruleId)).toContain(ruleId);
    expect(SECRETLINT_ANCHORS.test(value)).toBe(true);
  });

  it('clears ordinary long strings, which then never reach the worker', () => {
    for (const value of [
      'The token is invalid or has expired.',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '/api/v1/organizations/:organizationId/members',
      'SELECT id, email, created_at FROM users WHERE id = $1',
      'Asia/Kolkata',
      sample(ALNUM, 64),
    ])
      expect(SECRETLINT_ANCHORS.test(value), value).toBe(false);
  });
});
