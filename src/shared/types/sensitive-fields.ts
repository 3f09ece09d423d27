import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/** The type checker and node map of a typed lint run. */
export interface TypeServices {
  checker: ts.TypeChecker;
  services: ParserServicesWithTypeInformation;
}

/**
 * The type services of the file a rule is linting, or `null` whenever there are none: ESLint's
 * default parser (espree gives `parserServices` as `{}`), `@typescript-eslint/parser` without
 * `parserOptions.project` / `projectService` / `programs` (`program` is `null`), and oxlint's
 * JS-plugin host (`{}`). Never throws, unlike typescript-eslint's `getParserServices`, which throws
 * whenever the node maps are missing even with `allowWithoutFullTypeInformation`: every rule of this
 * plugin must run under all those hosts (DESIGN "Hosts"). Rules that can do more with types call this.
 */
export function getTypeServices(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): TypeServices | null {
  const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap || !services.tsNodeToESTreeNodeMap) return null;
  return { checker: services.program.getTypeChecker(), services: services as ParserServicesWithTypeInformation };
}

/** What {@link getSensitiveFields} found. */
export interface SensitiveFields {
  /** Credential properties of the value's type, in declaration order. */
  fields: string[];
  /** The other properties, when the type is one plain object type with at most 30 properties; else `null`. */
  pickable: string[] | null;
}

/**
 * The credential properties a value's type carries: its own properties, or those of the awaited
 * type, an array's elements, or any member of a union (`null`/`undefined` ignored). Names match
 * `credentialFields` ignoring case and `_` (`password_hash` matches `passwordHash`). A field whose
 * name ends in `token` counts only on a type that also has `id` or `_id` (a stored record): a
 * session object `{ accessToken, refreshToken }` returned by a login route is not a leak.
 * Returns `null` when there are none.
 */
export function getSensitiveFields(
  types: TypeServices,
  node: TSESTree.Node,
  credentialFields: readonly string[],
): SensitiveFields | null {
  const { checker, services } = types;
  const wanted = new Set(credentialFields.map(normalize));
  const root = checker.getNonNullableType(services.getTypeAtLocation(node));
  const fields: string[] = [];
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type, depth: number): void => {
    if (depth > 4 || seen.has(type)) return;
    seen.add(type);
    const awaited = checker.getAwaitedType(type);
    if (awaited && awaited !== type) return visit(awaited, depth + 1);
    if (type.isUnion()) {
      for (const member of type.types) visit(checker.getNonNullableType(member), depth + 1);
      return;
    }
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      for (const element of checker.getTypeArguments(type as ts.TypeReference)) visit(element, depth + 1);
      return;
    }
    const properties = checker.getPropertiesOfType(type);
    // Tokens are what a login or refresh endpoint exists to hand out; only a stored record
    // (a type with an `id`) carrying one is a leak. Stored secrets (hashes, salts, TOTP seeds) never leave.
    const isRecord = properties.some((property) => property.name === 'id' || property.name === '_id');
    for (const property of properties) {
      const name = normalize(property.name);
      if (!wanted.has(name) || fields.includes(property.name)) continue;
      if (name.endsWith('token') && !isRecord) continue;
      fields.push(property.name);
    }
  };
  visit(root, 0);
  if (fields.length === 0) return null;
  const isPlainObject = !root.isUnion() && !checker.isArrayType(root) && checker.getAwaitedType(root) === root;
  const properties = isPlainObject ? checker.getPropertiesOfType(root).map((property) => property.name) : [];
  const pickable =
    isPlainObject && properties.length <= 30
      ? properties.filter((name) => !fields.includes(name) && /^[A-Za-z_$][\w$]*$/u.test(name))
      : null;
  return { fields, pickable: pickable && pickable.length > 0 ? pickable : null };
}

function normalize(name: string): string {
  return name.replaceAll('_', '').toLowerCase();
}
