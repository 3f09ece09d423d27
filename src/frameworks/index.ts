export { joinPaths } from './builder.js';
export type { RouteModelInput } from './builder.js';
export {
  buildRouteModel,
  defineRouteVisitor,
  getAppMiddleware,
  getAppPrefix,
  getRouteModel,
  getRouteModelOf,
} from './route-model.js';
export type { RouteVisitor } from './route-model.js';
export type * from './types.js';
export { buildServingIndex, describeServingContext, getServingIndex, getServingIndexOf } from './serving.js';
export type { ServingContext, ServingIndex } from './serving.js';
