/**
 * Path segments of health, liveness and readiness probes: the common `health`/`ping`, Kubernetes'
 * `livez`/`readyz` (Kubernetes API server docs, "Kubernetes API health endpoints"), and the spellings
 * real services use for the same routes.
 */
export const HEALTH_SEGMENTS: ReadonlySet<string> = new Set([
  'health',
  'healthz',
  '_health',
  'healthcheck',
  'health-check',
  'ready',
  'readyz',
  'readiness',
  'live',
  'livez',
  'liveness',
  'ping',
]);

/**
 * Whether a route path (`/api/v1/healthz`, `/_health/db`) is a health probe: some `/`-separated segment
 * is one of {@link HEALTH_SEGMENTS}, case-insensitively. `null` (a path not known statically) is not.
 */
export function isHealthPath(path: string | null | undefined): boolean {
  return path != null && path.split('/').some((segment) => HEALTH_SEGMENTS.has(segment.toLowerCase()));
}
