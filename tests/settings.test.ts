import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { DEFAULT_SETTINGS, isImportInLayer, isInLayer, parseSettings, SettingsError } from '../src/shared/settings.js';

describe('shared settings', () => {
  it('fills every default when nothing is set', () => {
    expect(parseSettings(undefined)).toEqual({
      layers: { ...DEFAULT_SETTINGS.layers },
      dataLayerModules: [],
      authMiddleware: [],
      credentialFields: [...DEFAULT_SETTINGS.credentialFields],
      blockingCalls: [],
      placeholderPatterns: [],
      projectIndex: true,
    });
  });

  it('turns the project index off with projectIndex: false, and rejects a non-boolean', () => {
    expect(parseSettings({ projectIndex: false }).projectIndex).toBe(false);
    expect(() => parseSettings({ projectIndex: 'no' })).toThrow(SettingsError);
  });

  it('a given list replaces its default; the other layers keep theirs', () => {
    const settings = parseSettings({ layers: { data: ['**/persistence/**'] }, authMiddleware: ['requireUser'] });
    expect(settings.layers.data).toEqual(['**/persistence/**']);
    expect(settings.layers.services).toEqual(DEFAULT_SETTINGS.layers.services);
    expect(settings.authMiddleware).toEqual(['requireUser']);
  });

  it('rejects an unknown key, naming it and where it is', () => {
    expect(() => parseSettings({ layers: { dataa: [] } })).toThrow(SettingsError);
    expect(() => parseSettings({ layers: { dataa: [] } })).toThrow(
      'Invalid settings["api-audit"]:\n✖ Unrecognized key: "dataa"\n  → at layers',
    );
    expect(() => parseSettings({ authMidleware: [] }, 'api-audit.config.json')).toThrow(
      'Invalid api-audit.config.json:\n✖ Unrecognized key: "authMidleware"',
    );
  });

  it('rejects a wrong type, naming the path and the accepted shape', () => {
    expect(() => parseSettings({ blockingCalls: [{ module: 'xlsx' }] })).toThrow(
      'Invalid settings["api-audit"]:\n✖ Invalid input: expected string, received undefined\n  → at blockingCalls[0].path',
    );
    expect(() => parseSettings({ credentialFields: 'password' })).toThrow(
      '✖ Invalid input: expected array, received string\n  → at credentialFields',
    );
    expect(() => parseSettings('strict')).toThrow('✖ Invalid input: expected object, received string');
  });

  it('matches files against layer globs', () => {
    const settings = parseSettings({});
    expect(isInLayer(settings, 'data', '/srv/app/src/repositories/user.repository.ts')).toBe(true);
    expect(isInLayer(settings, 'data', 'C:\\srv\\app\\src\\db.ts')).toBe(true);
    expect(isInLayer(settings, 'services', '/srv/app/src/services/order.service.ts')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', '/srv/app/src/routes/orders.test.ts')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', '/srv/app/prisma/migrations/001/migration.ts')).toBe(true);
    expect(isInLayer(settings, 'data', '/srv/app/src/routes/orders.ts')).toBe(false);
    // Test fixtures and Cypress specs hold tokens and throwaway apps that are not the service.
    expect(isInLayer(settings, 'nonRuntime', 'packages/runtime/fixtures/logger/services/node/index.js')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'src/__fixtures__/tokens.ts')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'cypress/e2e/login.cy.ts')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'integration-tests/http/setup.ts')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'packages/medusa/integration-tests/api/helpers.ts')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'apps/web/playwright/auth.setup.ts')).toBe(true);
    // Documentation snippets and example apps are not the service; an API's own `src/docs/` may be.
    expect(isInLayer(settings, 'nonRuntime', 'docs/reference/examples/query.js')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'examples/todo/server.js')).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', 'src/docs/swagger.js')).toBe(false);
    expect(isInLayer(settings, 'services', 'src/domain/order.ts')).toBe(false);
  });

  it('matches relative to the root, so the checkout location never puts every file in a layer', () => {
    const settings = parseSettings({});
    const file = '/home/ci/tests/app/src/routes/orders.ts';
    expect(isInLayer(settings, 'nonRuntime', file)).toBe(true);
    expect(isInLayer(settings, 'nonRuntime', file, '/home/ci/tests/app')).toBe(false);
    expect(isInLayer(settings, 'nonRuntime', '/home/ci/tests/app/test/orders.ts', '/home/ci/tests/app')).toBe(true);
    expect(isImportInLayer(settings, 'data', file, '../db.js', '/home/ci/tests/app')).toBe(true);
    expect(isInLayer(settings, 'data', '/elsewhere/db.ts', '/home/ci/tests/app')).toBe(true);
  });

  it('resolves relative imports the way TypeScript and Node do before matching', () => {
    const settings = parseSettings({});
    const from = '/srv/app/src/routes/orders.ts';
    expect(isImportInLayer(settings, 'data', from, '../db.js')).toBe(true);
    expect(isImportInLayer(settings, 'data', from, '../db')).toBe(true);
    expect(isImportInLayer(settings, 'data', from, '../models')).toBe(true);
    expect(isImportInLayer(settings, 'data', from, '../services/order.service.js')).toBe(false);
    expect(isImportInLayer(settings, 'data', from, 'db')).toBe(false);
  });

  it('a rule reading invalid settings fails the lint with the settings error', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(() =>
      linter.verify(
        `import express from 'express';\nexpress().get('/x', (req, res) => res.end());`,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: parser as Linter.Parser },
            plugins: { 'api-audit': plugin as never },
            settings: { 'api-audit': { layerz: {} } },
            rules: { 'api-audit/no-business-logic-in-routes': 'error' },
          },
        ],
        { filename: 'src/app.ts' },
      ),
    ).toThrow('Unrecognized key: "layerz"');
  });
});
