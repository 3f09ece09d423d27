import type { TSESTree } from '@typescript-eslint/utils';

import { getFunctionName } from '../shared/ast/index.js';
import type { AppControls } from './checks/app-controls.js';
import { positionOf, type ParsedFile } from './parse.js';
import type { RouteEntry } from './route-entries.js';
import type { RouteAuthentication } from './route-traits.js';
import type { Inventory, InventoryApp, InventoryRoute, SourceLocation } from './types.js';

/**
 * The route inventory: the root apps with what the app-level checks found on them, and every route
 * with its full path, where it is registered and handled, the middleware that runs before it, and
 * whether it declares a response schema, validates its input and authenticates its caller.
 */
export function buildInventory(entries: readonly RouteEntry[], controls: readonly AppControls[]): Inventory {
  const apps: InventoryApp[] = controls.map(
    ({ app, routes, errorHandler, rateLimit, securityHeaders, healthCheck }) => ({
      framework: app.facts.framework,
      name: app.facts.name,
      location: locationOf(app.file, app.facts.node),
      routes: routes.length,
      errorHandler,
      rateLimit,
      securityHeaders,
      healthCheck,
    }),
  );
  const appIndex = new Map(controls.map((control, index) => [control.app, index]));
  const routes: InventoryRoute[] = entries.map((entry) => ({
    framework: entry.route.framework,
    methods: entry.route.methods,
    path: entry.path,
    displayPath: entry.displayPath,
    location: locationOf(entry.app.file, entry.route.node),
    handler: entry.handler
      ? { ...locationOf(entry.handler.file, entry.handler.fn), name: getFunctionName(entry.handler.fn) }
      : null,
    middleware: entry.middleware.map((item) => item.name ?? (item.hook ? `${item.hook} hook` : '(anonymous)')),
    responseSchema: entry.traits.responseSchema,
    readsInput: entry.traits.readsInput,
    inputValidation: entry.traits.inputValidation,
    ...authenticationOf(entry.traits.authentication),
    app: appIndex.get(entry.chain.root) ?? null,
  }));
  return { apps, routes };
}

function authenticationOf(
  authentication: RouteAuthentication,
): Pick<InventoryRoute, 'authentication' | 'authenticationEvidence'> {
  switch (authentication.state) {
    case 'authenticated':
      return { authentication: 'yes', authenticationEvidence: authentication.by };
    case 'public':
      return { authentication: 'public', authenticationEvidence: authentication.reason };
    case 'none':
      return { authentication: 'no', authenticationEvidence: null };
  }
}

function locationOf(file: ParsedFile, node: TSESTree.Node): SourceLocation {
  return { file: file.path, ...positionOf(file, node) };
}
