import { createRequire } from 'node:module';

import { ts } from 'ts-morph';

/**
 * Whether the program ts-morph builds (with the TypeScript bundled in ts-morph) can be handed to
 * typescript-eslint, which reads it with the project's own `typescript` package.
 */
export interface ProgramSharing {
  shared: boolean;
  /** TypeScript version that builds the program (ts-morph's bundled copy). */
  programVersion: string;
  /** TypeScript version typescript-eslint loads, or `null` when `typescript` is not installed. */
  parserVersion: string | null;
  /** Why the program can or cannot be shared, in one sentence. */
  reason: string;
}

let cached: ProgramSharing | undefined;

/**
 * Compares ts-morph's TypeScript with the `typescript` package typescript-eslint loads. They can share
 * a program when their major.minor versions are equal and every enum both expose (`SyntaxKind`,
 * `SymbolFlags`, `TypeFlags`, …) has the same members and values: typescript-estree then converts the
 * program's source files and rules query its checker exactly as with a program of its own. Computed
 * once per process.
 */
export function getProgramSharing(): ProgramSharing {
  cached ??= compare();
  return cached;
}

function compare(): ProgramSharing {
  const programVersion = ts.version;
  let parserTs: Record<string, unknown>;
  try {
    parserTs = createRequire(import.meta.url)('typescript') as Record<string, unknown>;
  } catch {
    return {
      shared: false,
      programVersion,
      parserVersion: null,
      reason: 'the `typescript` package is not installed, so typescript-eslint cannot read any program',
    };
  }
  const parserVersion = String(parserTs.version);
  if (majorMinor(parserVersion) !== majorMinor(programVersion)) {
    return {
      shared: false,
      programVersion,
      parserVersion,
      reason: `ts-morph builds programs with TypeScript ${programVersion} and typescript-eslint reads them with ${parserVersion}: different minor versions can renumber syntax kinds and flags`,
    };
  }
  const differing: string[] = [];
  let compared = 0;
  for (const [name, value] of Object.entries(ts as unknown as Record<string, unknown>)) {
    if (!isEnum(value)) continue;
    compared += 1;
    if (JSON.stringify(value) !== JSON.stringify(parserTs[name])) differing.push(name);
  }
  if (differing.length > 0) {
    return {
      shared: false,
      programVersion,
      parserVersion,
      reason: `the two TypeScript copies number ${differing.join(', ')} differently`,
    };
  }
  return {
    shared: true,
    programVersion,
    parserVersion,
    reason: `TypeScript ${programVersion} (ts-morph) and ${parserVersion} (typescript-eslint) agree on all ${compared} enums`,
  };
}

function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** A TypeScript enum object: only numbers and strings (the reverse mapping) as values. */
function isEnum(value: unknown): value is Record<string, number | string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const values = Object.values(value);
  return (
    values.length > 3 &&
    values.every((item) => typeof item === 'number' || typeof item === 'string') &&
    values.some((item) => typeof item === 'number')
  );
}
