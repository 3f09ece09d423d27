import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { findObjectProperty, getBindingOrigin, getMethodCall, scopeOf, skipTypeWrappers } from './ast/index.js';

/**
 * Packages whose middleware validates request input (express-validator, celebrate, the Hono
 * validators, …): a route behind middleware from one of them validates its input.
 */
export const VALIDATION_MODULES: readonly string[] = [
  'express-validator',
  'celebrate',
  'express-joi-validation',
  'zod-express-middleware',
  'express-zod-safe',
  'express-openapi-validator',
  '@hono/zod-validator',
  '@hono/valibot-validator',
  '@hono/typebox-validator',
  '@hono/arktype-validator',
  'hono/validator',
  'koa-joi-router',
  'koa-zod-router',
];

/**
 * Method names that validate a value against a schema: zod `parse`/`safeParse` (and their `Async`
 * forms), joi `validate`/`validateAsync`, yup `validate`/`validateSync`, superstruct `assert`, ajv
 * `validate`.
 */
export const VALIDATION_METHODS: ReadonlySet<string> = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'validate',
  'validateAsync',
  'validateSync',
  'assert',
]);

/** How many `const` bindings {@link flowsIntoValidation} follows from the input read to the validation call. */
const MAX_BINDINGS = 2;

/**
 * Whether a read of request input flows into a validation call, in place (`Body.parse(await req.json())`,
 * `schema.validate(req.body)`) or through a `const` or `let` binding that is never reassigned
 * (`const body = await req.json(); const data = Body.parse(body);`, `const input = req.body;
 * schema.validate(input)`), up to two bindings deep. Takes the outermost node of the read (a
 * `MemberExpression` such as `req.body` or `req.json`, wrappers such as `await`, `as` and calls on
 * it are climbed) and the scope manager's global scope of its file, to find the bindings' references.
 * A binding that is destructured, reassigned or only passed elsewhere does not count: the answer is
 * `false` unless some use of the value is a schema method's argument.
 */
export function flowsIntoValidation(read: TSESTree.Node, globalScope: TSESLint.Scope.Scope, depth = 0): boolean {
  return flowsInto(read, globalScope, depth, isSchemaMethodCall);
}

/**
 * {@link flowsIntoValidation} with the rule `require-input-validation`'s notion of a validation call
 * ({@link isValidationCall}: schema methods, functions of schema packages such as valibot's `parse`,
 * `validationResult(req)`, the service's own `validate…` functions, `additionalValidators`), so that the
 * route inventory's "validated" column and the rule agree.
 */
export function flowsIntoValidator(
  read: TSESTree.Node,
  globalScope: TSESLint.Scope.Scope,
  additionalValidators: readonly string[] = [],
): boolean {
  return flowsInto(read, globalScope, 0, (call) => isValidationCall(call, globalScope, additionalValidators));
}

/** `x.parse(…)`, `x.validate(…)`: a method of {@link VALIDATION_METHODS}. */
function isSchemaMethodCall(call: TSESTree.CallExpression): boolean {
  const method = getMethodCall(call)?.method;
  return method !== undefined && VALIDATION_METHODS.has(method);
}

function flowsInto(
  read: TSESTree.Node,
  globalScope: TSESLint.Scope.Scope,
  depth: number,
  isValidation: (call: TSESTree.CallExpression) => boolean,
): boolean {
  for (let current: TSESTree.Node = read; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments.includes(current as TSESTree.CallExpressionArgument)
    ) {
      return isValidation(parent);
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
      return depth < MAX_BINDINGS && bindingFlowsIntoValidation(parent, globalScope, depth + 1, isValidation);
    }
    if (
      parent.type !== AST_NODE_TYPES.MemberExpression &&
      parent.type !== AST_NODE_TYPES.CallExpression &&
      parent.type !== AST_NODE_TYPES.AwaitExpression &&
      parent.type !== AST_NODE_TYPES.TSAsExpression &&
      parent.type !== AST_NODE_TYPES.TSNonNullExpression &&
      parent.type !== AST_NODE_TYPES.ChainExpression
    ) {
      return false;
    }
  }
  return false;
}

/** Whether some read of the variable `declarator` declares (an identifier, never reassigned) is validated. */
function bindingFlowsIntoValidation(
  declarator: TSESTree.VariableDeclarator,
  globalScope: TSESLint.Scope.Scope,
  depth: number,
  isValidation: (call: TSESTree.CallExpression) => boolean,
): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(scopeOf(globalScope, declarator), declarator.id);
  if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
  return variable.references.some(
    (reference) => reference.isRead() && flowsInto(reference.identifier, globalScope, depth, isValidation),
  );
}

/** Where a handler reads client input from. */
export type InputSource = 'body' | 'query' | 'params' | 'headers' | 'cookies';

/** Every {@link InputSource}. */
export const INPUT_SOURCES: readonly InputSource[] = ['body', 'query', 'params', 'headers', 'cookies'];

/**
 * Packages whose schemas validate a value when it is parsed or checked: a call of one of their
 * functions (`v.parse(Schema, x)`, `assert(x, Struct)`, `Value.Check(T, x)`, `validate(dto)`) whose
 * argument holds the input validates it.
 */
export const SCHEMA_MODULES: readonly string[] = [
  'zod',
  'zod/v4',
  'zod/v3',
  'valibot',
  'yup',
  'joi',
  '@hapi/joi',
  'superstruct',
  'ajv',
  '@sinclair/typebox',
  '@sinclair/typebox/value',
  '@sinclair/typebox/compiler',
  'typebox',
  'class-validator',
  'class-transformer-validator',
  'arktype',
  'typia',
  'runtypes',
  'io-ts',
  'express-validator',
  'celebrate',
];

/**
 * Method names that check a value against a compiled or declared schema, besides
 * {@link VALIDATION_METHODS}: TypeBox `Check`/`Decode`/`Parse` (`Value.Check(T, x)`,
 * `TypeCompiler.Compile(T).Check(x)`), superstruct `create`/`is`/`mask`, ajv's `validate` on a compiled
 * function, class-validator `validateOrReject`, express-validator `validationResult`/`matchedData`.
 */
export const CHECK_METHODS: ReadonlySet<string> = new Set([
  'Check',
  'Decode',
  'Parse',
  'validateOrReject',
  'validationResult',
  'matchedData',
  'checkSchema',
]);

/**
 * Keys of a route's schema that validate input, with the input each covers: Fastify's route `schema`
 * (`body`, `querystring`/`query`, `params`, `headers`) and the OpenAPI route config of
 * `@hono/zod-openapi` (`request`, which may hold any of them).
 */
export const INPUT_SCHEMA_KEYS: Readonly<Record<string, readonly InputSource[]>> = {
  body: ['body'],
  querystring: ['query'],
  query: ['query'],
  params: ['params'],
  headers: ['headers'],
  request: INPUT_SOURCES,
};

/**
 * The inputs a route's schema validates, from the schema's keys (see {@link INPUT_SCHEMA_KEYS}).
 * Fastify validates (and, with its default `coerceTypes`, converts) each part that has a schema.
 */
export function getSchemaValidatedSources(keys: Iterable<string>): Set<InputSource> {
  const sources = new Set<InputSource>();
  for (const key of keys) for (const source of INPUT_SCHEMA_KEYS[key] ?? []) sources.add(source);
  return sources;
}

/**
 * Whether a piece of middleware validates request input: it comes from a validation package
 * ({@link VALIDATION_MODULES}, also `express-validator` chains written as an array or a chain of calls,
 * `celebrate({...})`), or its name says it validates (`validateBody`, `validationMiddleware`,
 * `isValid`), or it is one of `additionalValidators`. `module`: the module the middleware's factory or
 * binding came from, when known; `node`: the middleware as written, searched for identifiers imported
 * from a validation package when `globalScope` is given.
 */
export function isValidationMiddleware(
  middleware: { name: string | null; node?: TSESTree.Node; module?: string | null },
  globalScope?: TSESLint.Scope.Scope,
  additionalValidators: readonly string[] = [],
): boolean {
  const name = middleware.name ?? '';
  if (middleware.module && isValidationModule(middleware.module)) return true;
  if (/valid/iu.test(name) || /^celebrate$|\.celebrate$/u.test(name)) return true;
  const last = name.split('.').at(-1) ?? '';
  if (additionalValidators.includes(name) || additionalValidators.includes(last)) return true;
  if (!middleware.node) return false;
  if (isSchemaConfigCall(middleware.node)) return true;
  if (!globalScope) return false;
  return mentionsValidationImport(middleware.node, globalScope, additionalValidators);
}

/** Keys of a middleware factory's options that give schemas for the parts of a request. */
const SCHEMA_CONFIG_KEYS: ReadonlySet<string> = new Set([
  'body',
  'query',
  'querystring',
  'params',
  'param',
  'headers',
  'json',
  'form',
]);

/**
 * `guard({ body: Schema, query: Query })`: a middleware factory given schemas per part of the request
 * (Logto's `koaGuard`, home-made `validate({ body })` helpers) validates the route, whatever its name.
 */
function isSchemaConfigCall(node: TSESTree.Node): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const options = inner.arguments[0];
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        SCHEMA_CONFIG_KEYS.has(property.key.name),
    )
  );
}

/** A module of {@link VALIDATION_MODULES}, or a subpath of one. */
function isValidationModule(module: string): boolean {
  return VALIDATION_MODULES.some((name) => module === name || module.startsWith(`${name}/`));
}

/**
 * Whether `node` (a middleware argument: `body('email').isEmail()`, `[check('id').isUUID(), …]`,
 * `zValidator('json', Schema)`) uses a binding imported from a validation package, or calls one of
 * `additionalValidators`. Looks through calls, members and arrays only, never into function bodies.
 */
function mentionsValidationImport(
  node: TSESTree.Node,
  globalScope: TSESLint.Scope.Scope,
  additionalValidators: readonly string[],
  depth = 0,
): boolean {
  if (depth > 12) return false;
  const inner = skipTypeWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Identifier: {
      if (additionalValidators.includes(inner.name)) return true;
      const origin = getBindingOrigin(inner, scopeOf(globalScope, inner));
      return origin !== null && isValidationModule(origin.module);
    }
    case AST_NODE_TYPES.MemberExpression:
      return mentionsValidationImport(inner.object, globalScope, additionalValidators, depth + 1);
    case AST_NODE_TYPES.CallExpression:
      return mentionsValidationImport(inner.callee, globalScope, additionalValidators, depth + 1);
    case AST_NODE_TYPES.ArrayExpression:
      return inner.elements.some(
        (element) =>
          element !== null && mentionsValidationImport(element, globalScope, additionalValidators, depth + 1),
      );
    default:
      return false;
  }
}

/**
 * Whether a call validates its arguments: a schema method (`Schema.parse(x)`, `schema.validate(x)`,
 * `Value.Check(T, x)`: {@link VALIDATION_METHODS}, {@link CHECK_METHODS}), a function imported from a
 * schema package ({@link SCHEMA_MODULES}: valibot `parse(Schema, x)`, superstruct `assert(x, S)`,
 * class-validator `validate(dto)`, express-validator `validationResult(req)`), a function named
 * `validate…`/`…Validator`/`assert…` of the service's own, or one of `additionalValidators` (by the
 * callee's name or its last member).
 */
export function isValidationCall(
  call: TSESTree.CallExpression,
  globalScope: TSESLint.Scope.Scope,
  additionalValidators: readonly string[] = [],
): boolean {
  const callee = skipTypeWrappers(call.callee);
  const method = getMethodCall(call)?.method;
  if (method !== undefined) {
    const root = getRootIdentifier(callee);
    if (additionalValidators.includes(method) || (root && additionalValidators.includes(`${root.name}.${method}`)))
      return true;
    if (
      !VALIDATION_METHODS.has(method) &&
      !CHECK_METHODS.has(method) &&
      !/^(?:validate|assert)[A-Z_]|Validator$/u.test(method)
    )
      return false;
    // `JSON.parse`, `qs.parse`, `path.parse`: a parser of another package or a global is no schema.
    if (!root) return true;
    if (NOT_SCHEMA_GLOBALS.has(root.name)) return false;
    const origin = getBindingOrigin(root, scopeOf(globalScope, root));
    return origin === null || !isParserPackage(origin.module) || isSchemaModule(origin.module);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  if (
    additionalValidators.includes(callee.name) ||
    VALIDATION_METHODS.has(callee.name) ||
    CHECK_METHODS.has(callee.name) ||
    /^(?:validate|assert)[A-Z_]|Validator$/u.test(callee.name)
  )
    return true;
  const origin = getBindingOrigin(callee, scopeOf(globalScope, callee));
  return origin !== null && isSchemaModule(origin.module);
}

/** Globals with a `parse` or `validate` method that checks nothing against a schema. */
const NOT_SCHEMA_GLOBALS: ReadonlySet<string> = new Set(['JSON', 'Date', 'URL', 'Number', 'BigInt', 'Intl']);

/** A module of {@link SCHEMA_MODULES} or {@link VALIDATION_MODULES}, or a subpath of one. */
function isSchemaModule(module: string): boolean {
  return SCHEMA_MODULES.some((name) => module === name || module.startsWith(`${name}/`)) || isValidationModule(module);
}

/**
 * A package known to parse without a schema (`qs.parse`, `path.parse`, `yaml.parse`): its `parse` is no
 * validation. Other packages and the service's own modules (a schema file under an alias) may hold schemas.
 */
function isParserPackage(module: string): boolean {
  return PARSER_PACKAGES.has(module) || module.startsWith('node:');
}

const PARSER_PACKAGES: ReadonlySet<string> = new Set([
  'qs',
  'querystring',
  'url',
  'path',
  'cookie',
  'yaml',
  'js-yaml',
  'csv-parse',
  'papaparse',
  'content-type',
  'bytes',
  'ms',
  'semver',
  'marked',
  'node-html-parser',
  'cron-parser',
  'date-fns',
  'dayjs',
  'moment',
]);

/** The identifier a member chain starts from (`Schema` in `Schema.shape.x`), or `null`. */
function getRootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTypeWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

/**
 * What validates NestJS handler parameters besides pipes given to their decorators:
 * - `validation`: a `ValidationPipe` (or another pipe named like a validator, e.g. nestjs-zod's
 *   `ZodValidationPipe`) runs on the route: global (`app.useGlobalPipes()` in the bootstrap file, an
 *   `APP_PIPE` provider), on the controller or on the handler (`@UsePipes()`); DTO classes are checked;
 * - `validation-transform`: the same with `transform: true`, which also converts `number`/`boolean`
 *   parameters to their declared type;
 * - `none`: the bootstrap file was read and no pipe runs;
 * - `unknown`: the bootstrap file was not found, or a global pipe whose effect is not known runs.
 */
export type NestPipeState = 'validation' | 'validation-transform' | 'none' | 'unknown';

/** Types a Nest `ValidationPipe` cannot check (class-validator works on classes). */
const NEST_UNCHECKED_TYPES = new Set([
  'String',
  'Number',
  'Boolean',
  'Object',
  'Record',
  'Array',
  'Partial',
  'Pick',
  'Omit',
  'Date',
  'any',
  'unknown',
]);

/** How a NestJS handler parameter's declared type meets the pipes: a DTO class, a `number`/`boolean`, or text. */
export type NestParamType = 'class' | 'coercible' | 'unchecked';

/**
 * The kind of a NestJS parameter's declared type: `class` for a type reference a `ValidationPipe` can
 * check (a DTO class; an interface or type alias declared in the same file is not one), `coercible` for
 * `number`/`boolean` (converted under `transform: true`), `unchecked` for `string`, `any`, `Record<…>`,
 * arrays and no annotation.
 */
export function getNestParamType(param: TSESTree.Parameter, program?: TSESTree.Program): NestParamType {
  const annotation = param.type === AST_NODE_TYPES.Identifier ? param.typeAnnotation?.typeAnnotation : undefined;
  if (!annotation) return 'unchecked';
  if (annotation.type === AST_NODE_TYPES.TSNumberKeyword || annotation.type === AST_NODE_TYPES.TSBooleanKeyword)
    return 'coercible';
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return 'unchecked';
  const name =
    annotation.typeName.type === AST_NODE_TYPES.Identifier
      ? annotation.typeName.name
      : annotation.typeName.type === AST_NODE_TYPES.TSQualifiedName
        ? annotation.typeName.right.name
        : '';
  if (NEST_UNCHECKED_TYPES.has(name) || !/^[A-Z]/u.test(name)) return 'unchecked';
  const declaredAsType = program?.body.some((statement) => {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration
        ? statement.declaration
        : statement;
    return (
      (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
        declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) &&
      declaration.id.name === name
    );
  });
  return declaredAsType ? 'unchecked' : 'class';
}

/** `@Param('id', ParseIntPipe)`, `@Body(new ZodValidationPipe(schema))`: a pipe given to the parameter decorator. */
export function hasNestPipeArgument(param: TSESTree.Parameter): boolean {
  const holder = param as { decorators?: TSESTree.Decorator[] };
  return (holder.decorators ?? []).some((decorator) => {
    const expression = decorator.expression;
    if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
    const args = expression.arguments;
    const first = args[0];
    const rest =
      first && first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? args.slice(1) : args;
    return rest.length > 0;
  });
}

/**
 * Whether a NestJS handler parameter bound to client input (`@Body()`, `@Query()`, `@Param()`,
 * `@Headers()`) is validated: by a pipe given to its decorator, or, under `pipes`, a DTO class under a
 * validating pipe (or when the pipes are unknown: the rule stays silent where it cannot see), a
 * `number`/`boolean` under `transform: true` (or unknown pipes). `string`, `any`, `Record<…>` and
 * un-annotated parameters are validated only by a pipe of their own: `ValidationPipe` skips them.
 */
export function isNestParamValidated(
  param: TSESTree.Parameter,
  pipes: NestPipeState,
  program?: TSESTree.Program,
): boolean {
  if (hasNestPipeArgument(param)) return true;
  switch (getNestParamType(param, program)) {
    case 'class':
      return pipes !== 'none';
    case 'coercible':
      return pipes === 'validation-transform' || pipes === 'unknown';
    default:
      return false;
  }
}

/**
 * What a list of Nest pipes in effect on a route validates (see {@link NestPipeState}): `none` for no
 * pipe, `validation` (or `validation-transform` with `transform: true`) when one is named like a
 * validator (`ValidationPipe`, `ZodValidationPipe`), `unknown` for other pipes only. `node`: the pipe as
 * written (`new ValidationPipe({ transform: true })`, a class).
 */
export function getNestPipeStateOf(pipes: readonly { name: string | null; node: TSESTree.Node }[]): NestPipeState {
  if (pipes.length === 0) return 'none';
  const validating = pipes.filter((pipe) => /Valid/u.test(pipe.name ?? ''));
  if (validating.length === 0) return 'unknown';
  return validating.some((pipe) => hasTransformOption(pipe.node)) ? 'validation-transform' : 'validation';
}

/** `new ValidationPipe({ transform: true })`. */
function hasTransformOption(node: TSESTree.Node): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type !== AST_NODE_TYPES.NewExpression) return false;
  const options = inner.arguments[0];
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const transform = findObjectProperty(options, 'transform');
  return transform?.value.type === AST_NODE_TYPES.Literal && transform.value.value === true;
}
