import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { CALL, CONSTRUCT, ESM, READ, trackReferences, type TraceMap, type TraceMapNode } from './ast/index.js';

/**
 * What an error class or predicate says about an error it matches:
 * - `expected`: an error made for the client (an HTTP error with a status and a message written for
 *   it, or a validation/authentication error about the request), whose message may be sent;
 * - `internal`: an error of the runtime, a database driver or an HTTP client, whose message and fields
 *   describe the server (queries, constraint and table names, hosts, file paths).
 */
export type ErrorKind = 'expected' | 'internal';

/**
 * How an HTTP error factory or class shows its message to the client:
 * - `always`: the framework sends it whatever the status (NestJS `HttpException`s send their response
 *   argument, Hono's `HTTPException` its `message` option);
 * - `client-status`: only for a status below 500 (http-errors sets `expose` for 4xx only, and Koa,
 *   Express's `finalhandler` and `@fastify/sensible` follow it; Boom hides 5xx payloads).
 */
export type MessageVisibility = 'always' | 'client-status';

/**
 * Where an HTTP error takes the message it shows: `arg0` (Nest exceptions, http-errors named
 * constructors, Boom factories), `arg1.message` (Hono `new HTTPException(status, { message })`), or
 * `http-errors` (`createError([status], [message], [props])`: the first argument that is not a number
 * and not an object literal of properties).
 */
export type MessagePosition = 'arg0' | 'arg1.message' | 'http-errors';

/** What a tracked export of an error-related package is to the rule (the payload of a trace-map leaf). */
export type ErrorExportInfo =
  /** Read as the right side of `instanceof` (or a `@Catch()` argument). */
  | { role: 'class'; kind: ErrorKind; name: string }
  /** Called as a type guard: `isHttpError(err)`, `Boom.isBoom(err)`, `axios.isAxiosError(err)`. */
  | { role: 'predicate'; kind: ErrorKind; name: string }
  /**
   * Called or constructed to make an error the framework turns into a response, with its status when
   * the export fixes one (`NotFoundException` 404, `Boom.badRequest` 400), else `null`.
   */
  | { role: 'http-error'; name: string; message: MessagePosition; visibility: MessageVisibility; status: number | null }
  /** Called on an error, it returns text or an object with the stack: `util.inspect(err)`, `serializeError(err)`. */
  | { role: 'serializer'; name: string }
  /** Throws only errors about its input (an invalid or expired token): `jwt.verify(token, key)`. */
  | { role: 'input-check'; name: string };

const expectedClass = (name: string): TraceMapNode => ({ [READ]: { role: 'class', kind: 'expected', name } });
const internalClass = (name: string): TraceMapNode => ({ [READ]: { role: 'class', kind: 'internal', name } });
const predicate = (kind: ErrorKind, name: string): TraceMapNode => ({ [CALL]: { role: 'predicate', kind, name } });

/**
 * The HTTP exceptions of `@nestjs/common` (10/11): `HttpException` and its built-in subclasses
 * (NestJS docs, "Exception filters" › "Built-in HTTP exceptions"), with their status. Nest's base
 * exception filter sends `exception.getResponse()`, which is the first constructor argument when it is
 * an object and `{ statusCode, message, error }` around it when it is a string, for every status.
 */
const NEST_EXCEPTIONS: readonly (readonly [string, number | null])[] = [
  ['HttpException', null],
  ['BadRequestException', 400],
  ['UnauthorizedException', 401],
  ['ForbiddenException', 403],
  ['NotFoundException', 404],
  ['MethodNotAllowedException', 405],
  ['NotAcceptableException', 406],
  ['RequestTimeoutException', 408],
  ['ConflictException', 409],
  ['GoneException', 410],
  ['PreconditionFailedException', 412],
  ['PayloadTooLargeException', 413],
  ['UnsupportedMediaTypeException', 415],
  ['ImATeapotException', 418],
  ['MisdirectedException', 421],
  ['UnprocessableEntityException', 422],
  ['InternalServerErrorException', 500],
  ['NotImplementedException', 501],
  ['BadGatewayException', 502],
  ['ServiceUnavailableException', 503],
  ['GatewayTimeoutException', 504],
  ['HttpVersionNotSupportedException', 505],
];

/**
 * The named constructors of `http-errors` (2.x README, "List of all constructors") for client errors
 * (4xx), whose message is exposed; the 5xx ones (`InternalServerError`, …) hide theirs.
 */
const HTTP_ERRORS_CLIENT: readonly (readonly [string, number])[] = [
  ['BadRequest', 400],
  ['Unauthorized', 401],
  ['PaymentRequired', 402],
  ['Forbidden', 403],
  ['NotFound', 404],
  ['MethodNotAllowed', 405],
  ['NotAcceptable', 406],
  ['ProxyAuthenticationRequired', 407],
  ['RequestTimeout', 408],
  ['Conflict', 409],
  ['Gone', 410],
  ['LengthRequired', 411],
  ['PreconditionFailed', 412],
  ['PayloadTooLarge', 413],
  ['URITooLong', 414],
  ['UnsupportedMediaType', 415],
  ['RangeNotSatisfiable', 416],
  ['ExpectationFailed', 417],
  ['ImATeapot', 418],
  ['MisdirectedRequest', 421],
  ['UnprocessableEntity', 422],
  ['Locked', 423],
  ['FailedDependency', 424],
  ['TooEarly', 425],
  ['UpgradeRequired', 426],
  ['PreconditionRequired', 428],
  ['TooManyRequests', 429],
  ['RequestHeaderFieldsTooLarge', 431],
  ['UnavailableForLegalReasons', 451],
];

/** Boom's 4xx factories (`@hapi/boom` API reference, "HTTP 4xx Errors"); its 5xx ones hide the message. */
const BOOM_CLIENT: readonly (readonly [string, number])[] = [
  ['badRequest', 400],
  ['unauthorized', 401],
  ['paymentRequired', 402],
  ['forbidden', 403],
  ['notFound', 404],
  ['methodNotAllowed', 405],
  ['notAcceptable', 406],
  ['proxyAuthRequired', 407],
  ['clientTimeout', 408],
  ['conflict', 409],
  ['resourceGone', 410],
  ['lengthRequired', 411],
  ['preconditionFailed', 412],
  ['entityTooLarge', 413],
  ['uriTooLong', 414],
  ['unsupportedMediaType', 415],
  ['rangeNotSatisfiable', 416],
  ['expectationFailed', 417],
  ['teapot', 418],
  ['badData', 422],
  ['locked', 423],
  ['failedDependency', 424],
  ['tooEarly', 425],
  ['preconditionRequired', 428],
  ['tooManyRequests', 429],
  ['illegal', 451],
];

/** `lowerCamel` of an http-errors constructor name, as `@fastify/sensible`'s `httpErrors` names them. */
const lowerFirst = (name: string): string =>
  name.startsWith('URI') ? `uri${name.slice(3)}` : name[0]!.toLowerCase() + name.slice(1);

function httpErrorsModule(): TraceMapNode {
  const named: Record<string, TraceMapNode> = {};
  for (const [name, status] of HTTP_ERRORS_CLIENT) {
    const info: ErrorExportInfo = { role: 'http-error', name, message: 'arg0', visibility: 'client-status', status };
    named[name] = { [CALL]: info, [CONSTRUCT]: info };
  }
  const factory: ErrorExportInfo = {
    role: 'http-error',
    name: 'createError',
    message: 'http-errors',
    visibility: 'client-status',
    status: null,
  };
  return {
    [CALL]: factory,
    ...named,
    HttpError: expectedClass('HttpError'),
    isHttpError: predicate('expected', 'isHttpError'),
  };
}

function boomModule(): TraceMapNode {
  const factories: Record<string, TraceMapNode> = {};
  for (const [name, status] of BOOM_CLIENT)
    factories[name] = {
      [CALL]: { role: 'http-error', name: `Boom.${name}`, message: 'arg0', visibility: 'client-status', status },
    };
  return { ...factories, Boom: expectedClass('Boom'), isBoom: predicate('expected', 'isBoom') };
}

function sensibleModule(): TraceMapNode {
  const httpErrors: Record<string, TraceMapNode> = {};
  for (const [name, status] of HTTP_ERRORS_CLIENT) {
    httpErrors[lowerFirst(name)] = {
      [CALL]: {
        role: 'http-error',
        name: `httpErrors.${lowerFirst(name)}`,
        message: 'arg0',
        visibility: 'client-status',
        status,
      },
    };
  }
  return { httpErrors, HttpError: expectedClass('HttpError') };
}

function nestModule(): TraceMapNode {
  const node: Record<string, TraceMapNode> = {};
  for (const [name, status] of NEST_EXCEPTIONS) {
    node[name] = {
      ...expectedClass(name),
      [CONSTRUCT]: { role: 'http-error', name, message: 'arg0', visibility: 'always', status },
    };
  }
  return node;
}

const zodModule: TraceMapNode = { ZodError: expectedClass('ZodError'), z: { ZodError: expectedClass('ZodError') } };
const jwtErrors: TraceMapNode = {
  JsonWebTokenError: expectedClass('JsonWebTokenError'),
  TokenExpiredError: expectedClass('TokenExpiredError'),
  NotBeforeError: expectedClass('NotBeforeError'),
  verify: { [CALL]: { role: 'input-check', name: 'jwt.verify' } },
};
const prismaErrors = (): TraceMapNode => ({
  PrismaClientKnownRequestError: internalClass('PrismaClientKnownRequestError'),
  PrismaClientUnknownRequestError: internalClass('PrismaClientUnknownRequestError'),
  PrismaClientValidationError: internalClass('PrismaClientValidationError'),
  PrismaClientInitializationError: internalClass('PrismaClientInitializationError'),
  PrismaClientRustPanicError: internalClass('PrismaClientRustPanicError'),
});
const utilSerializers: TraceMapNode = {
  inspect: { [CALL]: { role: 'serializer', name: 'util.inspect' } },
  format: { [CALL]: { role: 'serializer', name: 'util.format' } },
};

/**
 * Error classes, type guards, HTTP error factories and serializers by package, for
 * {@link getErrorExports}. Sources: each package's README or API reference (http-errors 2.x,
 * `@hapi/boom` 10, `@nestjs/common` 10/11, `hono/http-exception` 4, `@fastify/sensible` 5, zod 3/4,
 * yup 1, joi 17, celebrate 15, class-validator, mongoose 8 `Error`, jsonwebtoken 9, jose 5, multer,
 * express-jwt 8, express-oauth2-jwt-bearer; Prisma 5/6 error reference, TypeORM, Sequelize 6,
 * mongodb 6, pg, axios 1).
 */
export const ERROR_TRACE_MAP: TraceMap = {
  // Expected: HTTP errors.
  'http-errors': httpErrorsModule(),
  '@hapi/boom': boomModule(),
  boom: boomModule(),
  '@nestjs/common': nestModule(),
  'hono/http-exception': {
    [ESM]: true,
    HTTPException: {
      ...expectedClass('HTTPException'),
      [CONSTRUCT]: {
        role: 'http-error',
        name: 'HTTPException',
        message: 'arg1.message',
        visibility: 'always',
        status: null,
      },
    },
  },
  '@fastify/sensible': sensibleModule(),
  'fastify-sensible': sensibleModule(),
  // Expected: validation and authentication errors about the request.
  zod: zodModule,
  'zod/v4': zodModule,
  yup: { ValidationError: expectedClass('ValidationError') },
  joi: { ValidationError: expectedClass('ValidationError') },
  celebrate: {
    CelebrateError: expectedClass('CelebrateError'),
    isCelebrateError: predicate('expected', 'isCelebrateError'),
  },
  'class-validator': { ValidationError: expectedClass('ValidationError') },
  ajv: { ValidationError: expectedClass('ValidationError') },
  superstruct: { StructError: expectedClass('StructError') },
  valibot: { ValiError: expectedClass('ValiError') },
  mongoose: {
    Error: { ValidationError: expectedClass('ValidationError'), CastError: expectedClass('CastError') },
  },
  jsonwebtoken: jwtErrors,
  jose: {
    errors: {
      JOSEError: expectedClass('JOSEError'),
      JWTExpired: expectedClass('JWTExpired'),
      JWTInvalid: expectedClass('JWTInvalid'),
      JWTClaimValidationFailed: expectedClass('JWTClaimValidationFailed'),
      JWSSignatureVerificationFailed: expectedClass('JWSSignatureVerificationFailed'),
    },
  },
  multer: { MulterError: expectedClass('MulterError') },
  'express-jwt': { UnauthorizedError: expectedClass('UnauthorizedError') },
  'express-oauth2-jwt-bearer': {
    UnauthorizedError: expectedClass('UnauthorizedError'),
    InvalidTokenError: expectedClass('InvalidTokenError'),
    InsufficientScopeError: expectedClass('InsufficientScopeError'),
    InvalidRequestError: expectedClass('InvalidRequestError'),
  },
  // Internal: database drivers and ORMs, HTTP clients.
  '@prisma/client': { Prisma: prismaErrors(), ...prismaErrors() },
  '@prisma/client/runtime/library': prismaErrors(),
  typeorm: {
    QueryFailedError: internalClass('QueryFailedError'),
    EntityNotFoundError: internalClass('EntityNotFoundError'),
    TypeORMError: internalClass('TypeORMError'),
  },
  sequelize: {
    DatabaseError: internalClass('DatabaseError'),
    UniqueConstraintError: internalClass('UniqueConstraintError'),
    ForeignKeyConstraintError: internalClass('ForeignKeyConstraintError'),
    ConnectionError: internalClass('ConnectionError'),
    BaseError: internalClass('BaseError'),
  },
  mongodb: { MongoError: internalClass('MongoError'), MongoServerError: internalClass('MongoServerError') },
  pg: { DatabaseError: internalClass('DatabaseError') },
  axios: {
    AxiosError: internalClass('AxiosError'),
    isAxiosError: predicate('internal', 'isAxiosError'),
  },
  // Serializers that print an error with its stack.
  util: utilSerializers,
  'node:util': utilSerializers,
  'serialize-error': { serializeError: { [CALL]: { role: 'serializer', name: 'serializeError' } } },
};

/**
 * Built-in error classes (ECMAScript `Error` and its native subclasses): narrowing to one of them says
 * nothing about who wrote the message. `SyntaxError` is left out on purpose: in a handler it comes from
 * `JSON.parse` of the request body (Express's `body-parser` checks for it), an error about the input.
 */
export const BUILT_IN_ERROR_CLASSES: ReadonlySet<string> = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
]);

/**
 * Properties whose truthiness marks an error made for the client: `expose` (http-errors, set for 4xx),
 * `isBoom`, `isJoi`, `validation` (Fastify's request validation errors), `isOperational` /
 * `isPublic` / `isClientError` (the "operational error" pattern of Node.js best-practice guides),
 * `status` / `statusCode` (set by HTTP error libraries, never by the runtime or database drivers), and
 * `errors` (mongoose and Sequelize validation errors list their field errors there).
 */
export const EXPECTED_ERROR_FLAGS: ReadonlySet<string> = new Set([
  'expose',
  'isBoom',
  'isJoi',
  'isOperational',
  'isPublic',
  'isClientError',
  'validation',
  'status',
  'statusCode',
  'errors',
]);

/**
 * Properties that hold an error's HTTP status: `status` and `statusCode` (http-errors, Koa, Fastify,
 * Boom's `output.statusCode`), and the `httpStatus`/`httpCode` of hand-written error classes.
 */
export const STATUS_PROPERTIES: ReadonlySet<string> = new Set(['status', 'statusCode', 'httpStatus', 'httpCode']);
/** Methods that return an error's HTTP status: NestJS `HttpException#getStatus()`. */
export const STATUS_METHODS: ReadonlySet<string> = new Set(['getStatus']);

/**
 * What reading a property of an error gives away: `message` and the driver-specific message and query
 * fields (`sqlMessage`, `sql` of mysql/mysql2) are its text; `stack` is its stack trace.
 */
export const DETAIL_PROPERTIES: Readonly<Record<string, 'message' | 'stack'>> = {
  message: 'message',
  sqlMessage: 'message',
  sql: 'message',
  stack: 'stack',
};

/**
 * Method names of schema validators whose throw is a validation error about the input: zod
 * `parse`/`parseAsync`, yup `validate`/`validateSync`, joi `validateAsync` / `attempt` / `assert`,
 * class-validator `validateOrReject`, superstruct `assert`/`create`/`mask`, mongoose `Document#validate`.
 */
export const VALIDATION_METHODS: ReadonlySet<string> = new Set([
  'parse',
  'parseAsync',
  'validate',
  'validateAsync',
  'validateSync',
  'validateOrReject',
  'attempt',
  'assert',
]);

/**
 * Reply and `httpErrors` helpers of `@fastify/sensible` that make a 4xx error with the given message
 * (`reply.badRequest(msg)`, `fastify.httpErrors.notFound(msg)`): the http-errors 4xx names in lower camel case.
 */
export const CLIENT_ERROR_METHODS: ReadonlySet<string> = new Set(HTTP_ERRORS_CLIENT.map(([name]) => lowerFirst(name)));

/** The tracked error exports of one file, by the node that uses them. */
export interface ErrorExports {
  /** `Identifier`/`MemberExpression` reads of error classes (`HttpException`, `Prisma.PrismaClientKnownRequestError`). */
  classes: ReadonlyMap<TSESTree.Node, Extract<ErrorExportInfo, { role: 'class' }>>;
  /** Calls and `new` expressions of the other exports (predicates, HTTP error factories, serializers, input checks). */
  calls: ReadonlyMap<TSESTree.Node, Exclude<ErrorExportInfo, { role: 'class' }>>;
}

const cache = new WeakMap<TSESLint.Scope.Scope, ErrorExports>();

/**
 * Every use in a file of the exports {@link ERROR_TRACE_MAP} names, through any import form (import
 * tracking, so a local `HttpException` class of the same name is not the Nest one), keyed by node.
 * Remembered per global scope. Takes the file's global scope.
 */
export function getErrorExports(globalScope: TSESLint.Scope.Scope): ErrorExports {
  let found = cache.get(globalScope);
  if (found) return found;
  const classes = new Map<TSESTree.Node, Extract<ErrorExportInfo, { role: 'class' }>>();
  const calls = new Map<TSESTree.Node, Exclude<ErrorExportInfo, { role: 'class' }>>();
  for (const reference of trackReferences<ErrorExportInfo>(globalScope, ERROR_TRACE_MAP)) {
    const { info, node } = reference;
    if (info.role === 'class') {
      if (reference.type === 'read') classes.set(node, info);
    } else if (reference.type !== 'read') {
      calls.set(node, info);
    }
  }
  found = { classes, calls };
  cache.set(globalScope, found);
  return found;
}
