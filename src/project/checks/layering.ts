import { isInLayer, type ApiAuditSettings, type Layer } from '../../shared/settings.js';
import { HTTP_IMPORTS, isModule } from '../catalog.js';
import type { FileAnalysis } from '../file-analysis.js';
import { findingAt, formatList, type DraftFinding } from '../findings.js';
import type { ImportResolver } from '../imports.js';
import { toProjectPath } from '../../project-index/source-files.js';

type RuntimeLayer = Exclude<Layer, 'nonRuntime'>;

/** Lower number, lower layer: routes depend on services, services on data, never the other way. */
const RANK: Readonly<Record<RuntimeLayer, number>> = { data: 0, services: 1, routes: 2 };
const NAMES: Readonly<Record<RuntimeLayer, string>> = { data: 'Data-layer', services: 'Service', routes: 'Route' };
const LAYER_NAMES: Readonly<Record<RuntimeLayer, string>> = {
  data: 'the data layer',
  services: 'the service layer',
  routes: 'the route layer',
};

/**
 * The layer of a file, from its project-relative path and the settings' globs. A file matching several
 * is taken as the most specific: data (`db.ts`, `*.repository.ts`, `prisma/**`), then routes, then
 * services — so `prisma/prisma.service.ts` is data, not a service.
 */
export function getLayer(settings: ApiAuditSettings, projectPath: string): RuntimeLayer | null {
  for (const layer of ['data', 'routes', 'services'] as const)
    if (isInLayer(settings, layer, projectPath)) return layer;
  return null;
}

/**
 * Layering of the service's modules, from their imports (static, `export … from`, `require`, `import()`):
 * - a route module importing a data-layer module (a file in `layers.data`, or a `dataLayerModules`
 *   package) instead of going through a service;
 * - a service importing HTTP framework types or objects (`Request`, `Response`, `FastifyRequest`,
 *   `FastifyReply`, Koa/Hono `Context`, `NextRequest`, …), type-only imports included;
 * - a lower layer importing a higher one (data → services or routes, services → routes).
 * Type-only imports are erased at run time and only count for the HTTP check. One finding per import
 * statement, at the statement.
 */
export function checkLayering(
  analyses: readonly FileAnalysis[],
  settings: ApiAuditSettings,
  imports: ImportResolver,
  root: string,
): DraftFinding[] {
  const findings: DraftFinding[] = [];
  for (const { file, imports: list } of analyses) {
    const from = getLayer(settings, file.projectPath);
    if (!from) continue;
    for (const imported of list) {
      const http = HTTP_IMPORTS[imported.source];
      if (from === 'services' && http) {
        const names = imported.names.filter((name) => http.has(name));
        if (names.length > 0) {
          findings.push(
            findingAt(
              'layering',
              file,
              imported.node,
              `Service module imports ${describeNames(names, imported.source)}; keep services free of HTTP types and objects so any transport can call them.`,
            ),
          );
          continue;
        }
      }
      if (imported.typeOnly) continue;
      let to: RuntimeLayer | null;
      if (isModule(imported.source, settings.dataLayerModules)) {
        to = 'data';
      } else {
        const target = imports.resolve(file, imported);
        to = target && !target.includes('/node_modules/') ? getLayer(settings, toProjectPath(root, target)) : null;
      }
      if (!to) continue;
      if (from === 'routes' && to === 'data') {
        findings.push(
          findingAt(
            'layering',
            file,
            imported.node,
            `Route module imports the data-layer module \`${imported.source}\`; go through a service so routes stay thin.`,
          ),
        );
      } else if (RANK[to] > RANK[from]) {
        findings.push(
          findingAt(
            'layering',
            file,
            imported.node,
            `${NAMES[from]} module imports \`${imported.source}\` from ${LAYER_NAMES[to]}; dependencies must point down (routes → services → data).`,
          ),
        );
      }
    }
  }
  return findings;
}

function describeNames(names: readonly string[], source: string): string {
  const named = names.filter((name) => name !== 'default' && name !== '*').map((name) => `\`${name}\``);
  if (named.length > 0) return `${formatList(named)} from \`${source}\``;
  return `\`${source}\` itself`;
}
