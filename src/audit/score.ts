import type { SeverityCounts } from './types.js';

/** The score formula as the README documents it. */
export const SCORE_FORMULA = 'max(0, round(100 - (8 x errors + 3 x warnings + 1 x infos) / max(1, routes / 10)))';

/**
 * A 0–100 score for a service: 100 minus a penalty per counted finding (error 8, warning 3, info 1),
 * spread over the service's size in tens of routes, so that a large service is not punished for
 * being large. Baselined findings do not count.
 */
export function computeScore(counted: SeverityCounts, routes: number): number {
  const penalty = (8 * counted.error + 3 * counted.warning + counted.info) / Math.max(1, routes / 10);
  return Math.max(0, Math.round(100 - penalty));
}
