export {
  defineRouteVisitor,
  getExternalFacts,
  getImportResolution,
  getProjectIndex,
  getRouteModel,
  getServingIndex,
  readServiceModule,
  registerProjectIndex,
  unregisterProjectIndex,
} from './context.js';
export type { RouteVisitor } from './context.js';
export type { AppLink, LinkedRoute } from './link.js';
export { ProjectIndex } from './project-index.js';
export type { LiveSource, ProjectIndexOptions } from './project-index.js';
export { mountedExpression } from './summary.js';
