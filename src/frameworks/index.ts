export { joinDisplayPath, joinPaths } from './builder.js';
export type { RouteModelInput } from './builder.js';
export { buildRouteModel, getAppMiddleware, getAppPrefix, getRouteModelOf, mayDeclareRoutes } from './route-model.js';
export type * from './types.js';
export { buildServingIndex, describeServingContext, displayPath, getServingIndexOf, isRunOnceCall } from './serving.js';
export type { ServingContext, ServingIndex } from './serving.js';
export { ROUTER_MIDDLEWARE_METHODS } from './koa.js';
