export { checkProject, DEFAULT_MAX_DEPTH } from './check-project.js';
export { DEFAULT_SEVERITIES } from './findings.js';
export { loadProject } from './load-project.js';
export type { LoadedProject, LoadProjectOptions, UnparsableFile } from './load-project.js';
export { getProgramSharing } from './program-sharing.js';
export type { ProgramSharing } from './program-sharing.js';
export { ProjectLoadError } from './tsconfig.js';
export type * from './types.js';
