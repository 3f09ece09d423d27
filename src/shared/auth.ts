/**
 * What authenticates a request in a Node.js HTTP service, as data and small predicates: the packages
 * whose middleware, hooks and guards authenticate, the in-handler calls that read the caller's
 * identity, how a handler rejects an anonymous caller, the names project code gives its own
 * authentication middleware, and which routes are public by design (login, signup, webhooks, health).
 * Read by `require-auth-on-mutating-routes` and by the project checker's inventory.
 *
 * Sources, checked against each project's README at the versions noted:
 * - passport 0.7 `passport.authenticate(strategy, options)`; connect-ensure-login `ensureLoggedIn()`.
 * - express-jwt 8 `expressjwt({ secret, algorithms })`; koa-jwt 4 `jwt({ secret })`;
 *   express-oauth2-jwt-bearer 1 `auth()`, `requiredScopes()`; express-openid-connect 2 `requiresAuth()`;
 *   express-basic-auth 1; @clerk/express 1 `requireAuth()`, `clerkMiddleware()`.
 * - @fastify/jwt 9 `request.jwtVerify()`; @fastify/auth 5 `fastify.auth([...])`; @fastify/basic-auth.
 * - @nestjs/passport 11 `AuthGuard('jwt')`.
 * - hono 4 `hono/jwt` `jwt()`, `hono/jwk` `jwk()`, `hono/bearer-auth` `bearerAuth()`,
 *   `hono/basic-auth` `basicAuth()`; @hono/clerk-auth `clerkMiddleware()`.
 * - next-auth 4 `getServerSession()`, 5 `auth()`; @clerk/nextjs `auth()`, `currentUser()`,
 *   `clerkMiddleware()`; lucia 3 `validateRequest()`/`validateSession()`; @supabase/* `auth.getUser()`.
 * - Webhook signatures: stripe `webhooks.constructEvent()`, svix `new Webhook(secret).verify()`,
 *   `crypto.timingSafeEqual()` of a signature header.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, HttpMethod, MiddlewareKind } from '../frameworks/index.js';
import { getDottedName, getImportOrigin, getStaticString, scopeOf, skipTypeWrappers, visitNodes } from './ast/index.js';

/** The methods that change state, whose routes `require-auth-on-mutating-routes` checks and the inventory counts. */
export const MUTATING_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Packages whose middleware, hooks or guards authenticate: the package, and which of its exports do
 * (by the last part of the name as registered: `passport.authenticate` gives `authenticate`); `'*'`
 * for every export (the package does nothing else).
 */
export const AUTH_PACKAGES: ReadonlyMap<string, ReadonlySet<string> | '*'> = new Map<string, ReadonlySet<string> | '*'>(
  [
    ['passport', new Set(['authenticate', 'authorize'])],
    ['koa-passport', new Set(['authenticate', 'authorize'])],
    ['@fastify/passport', new Set(['authenticate', 'authorize'])],
    ['connect-ensure-login', '*'],
    ['express-jwt', '*'],
    ['koa-jwt', '*'],
    ['express-oauth2-jwt-bearer', '*'],
    ['express-openid-connect', new Set(['requiresAuth', 'auth'])],
    ['express-basic-auth', '*'],
    ['koa-basic-auth', '*'],
    ['@clerk/express', new Set(['requireAuth', 'clerkMiddleware'])],
    ['@clerk/clerk-sdk-node', new Set(['ClerkExpressRequireAuth', 'ClerkExpressWithAuth'])],
    ['@clerk/nextjs/server', new Set(['clerkMiddleware', 'authMiddleware'])],
    ['@clerk/nextjs', new Set(['clerkMiddleware', 'authMiddleware'])],
    ['@hono/clerk-auth', new Set(['clerkMiddleware'])],
    ['@fastify/auth', '*'],
    ['@fastify/basic-auth', '*'],
    ['@fastify/bearer-auth', '*'],
    ['@nestjs/passport', new Set(['AuthGuard'])],
    ['hono/jwt', new Set(['jwt'])],
    ['hono/jwk', new Set(['jwk'])],
    ['hono/bearer-auth', '*'],
    ['hono/basic-auth', '*'],
    ['next-auth/middleware', '*'],
    ['keycloak-connect', new Set(['protect'])],
  ],
);

/**
 * Words without which a file's text holds no authentication evidence for this module's tests: every
 * pattern of {@link isAuthName} (unanchored), every callee of {@link functionAuthenticates}, the
 * packages of {@link AUTH_PACKAGES} and of the authenticating calls, Nest guards, and 401/403 answers
 * (`Unauthorized`, `FORBIDDEN`). A superset, so a file that does not match cannot authenticate by any
 * of them (the `authMiddleware` setting's names aside): a cheap test before walking the file.
 */
const AUTH_EVIDENCE_TEXT =
  /auth|login|logged|signed|session|token|jwt|jwk|bearer|api_?key|admin|protect|permission|role|scope|rbac|acl|guard|(?:require|ensure|check|verify|validate|must|assert)[_-]?(?:user|access)|currentUser|getUserFrom|validateRequest|passport|clerk|lucia|supabase|jose|firebase|kinde|workos|keycloak|openid|401|403|unauthori[sz]|forbidden|timingSafeEqual|constructEvent|svix/iu;

/**
 * Whether source text may hold authentication evidence (see {@link AUTH_EVIDENCE_TEXT}); `false` means
 * none of this module's tests can find any in it, given no `authNames` of the project's own.
 */
export function mayShowAuthentication(text: string, authNames: readonly string[]): boolean {
  return authNames.length > 0 || AUTH_EVIDENCE_TEXT.test(text);
}

/** Fastify hooks that run before the handler and can reject a request. */
export const AUTH_HOOKS: ReadonlySet<string> = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);

/**
 * Names project code gives its authentication middleware, hooks and guards, matched against the last
 * part of the registered name (`auth.required` gives `required`, so the whole dotted name is tried too):
 * - anything with `auth` as a word start that is not `author` (`auth`, `requireAuth`, `jwtAuth`,
 *   `authenticate`, `isAuthenticated`, `authorize`, `JwtAuthGuard`, `oauth`);
 * - `require`/`ensure`/`check`/`verify`/`validate`/`must` + `User`, `Login`, `LoggedIn`, `SignedIn`,
 *   `Session`, `Token`, `Jwt`, `ApiKey`, `Admin`, `Role`, `Permission`, `Scope` (`requireUser`,
 *   `verifyToken`, `checkSession`);
 * - `isLoggedIn`, `loggedIn`, `isSignedIn`, `signedIn`, `isAdmin`, `adminOnly`, `protect(ed)`,
 *   `withSession`, `sessionRequired`, `tokenRequired`, `loginRequired`, `apiKey`, `bearer`, `jwt`;
 * - permission and role checks (`hasPermission`, `checkRole`, `rbac`, `acl`): they reject anonymous callers too.
 * A bare `session` (express-session, which loads a session and rejects nothing) does not match.
 */
const AUTH_NAME: readonly RegExp[] = [
  /auth(?!or(?!i[sz]))/iu,
  /(?:require|ensure|check|verify|validate|must|assert)[_-]?(?:user|login|loggedin|signedin|session|token|jwt|apikey|api_key|admin|role|permission|scope|access)/iu,
  /^(?:is_?)?(?:logged|signed)_?in$/iu,
  /^is_?admin$|admin_?only/iu,
  /^protect(?:ed|Route)?$/iu,
  /^(?:with|require|ensure)_?session/iu,
  /(?:session|token|login)_?required/iu,
  /^(?:api_?key|bearer|jwt)(?:guard|middleware|check)?$/iu,
  /^(?:has|check|require)_?(?:permission|role|scope)s?/iu,
  /^(?:rbac|acl)$/iu,
];

/** Names that check what an already known caller may do (RBAC, scopes, admin flags), not who the caller is. */
const AUTHORIZATION_NAME =
  /^(?:(?:has|check|require|ensure|verify)_?(?:any_?)?(?:permission|role|scope|ability|access|admin)s?|is_?admin|admin(?:_?only)?|authori[sz]e|can|rbac|acl)$/iu;

/**
 * Whether a middleware name (as {@link isAuthName} takes it, `checkPermission`, `auth.admin`) only
 * authorises: its last segment checks a permission, role, scope or admin flag. `null` names are not.
 */
export function isAuthorizationName(name: string | null): boolean {
  return name !== null && AUTHORIZATION_NAME.test(lastSegment(name));
}

/** Names of routers and modules, never middleware (`authRouter`, `authRoutes`, `AuthModule`). */
const NOT_MIDDLEWARE_NAME = /(?:router|routes|controller|module|service|limiter|ratelimit|schema|dto|validator)$/iu;

/** Last segment of a dotted name (`passport.authenticate` → `authenticate`), without a call's arguments. */
function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * Whether `name` (a middleware, hook or guard name as registered: `requireAuth`, `auth.required`,
 * `JwtAuthGuard`) reads as authentication by its words (see {@link AUTH_NAME}) or is one of `authNames`
 * (the `settings['api-audit'].authMiddleware` list and the rule's `additionalAuthNames`, compared with
 * the whole name and with its last segment).
 */
export function isAuthName(name: string, authNames: readonly string[] = []): boolean {
  if (authNames.includes(name) || authNames.includes(lastSegment(name))) return true;
  const last = lastSegment(name);
  if (NOT_MIDDLEWARE_NAME.test(last)) return false;
  return AUTH_NAME.some((pattern) => pattern.test(last) || (last !== name && pattern.test(name.replaceAll('.', ''))));
}

/** Nest guards that limit rates or check something other than who is calling. */
const NON_AUTH_GUARDS = /throttl|ratelimit|rate_limit|featureflag|maintenance/iu;

/**
 * Whether a registered middleware, hook or guard authenticates the request, from what the route
 * model records about it (no function body is read; see {@link functionAuthenticates} for that):
 * - `name`: the name as registered (`passport.authenticate`, `requireAuth`, `AuthGuard`), or `null`;
 * - `module`: the package or relative module it was imported from, when known;
 * - `kind`: only `middleware`, `hook` (then `hook` must be a request hook: `onRequest`, `preParsing`,
 *   `preValidation`, `preHandler`), `guard` and `plugin` can authenticate;
 * - `authNames`: extra names that authenticate (the `authMiddleware` setting, the rule's option).
 * True for a tracked authentication package ({@link AUTH_PACKAGES}), a name of `authNames`, a name that
 * reads as authentication ({@link isAuthName}, also applied to a relative module's path, as
 * `./middleware/auth`), and any Nest guard but rate limiters (a guard exists to reject callers).
 */
export function isAuthMiddleware(
  item: { name: string | null; module?: string | null; kind: MiddlewareKind; hook?: string },
  authNames: readonly string[],
): boolean {
  if (item.kind === 'error-handler' || item.kind === 'pipe' || item.kind === 'interceptor' || item.kind === 'filter')
    return false;
  if (item.kind === 'hook' && item.hook !== undefined && !AUTH_HOOKS.has(item.hook)) return false;
  const module = item.module ?? null;
  const name = item.name;
  if (module !== null && !isRelativeModule(module)) {
    const exports = AUTH_PACKAGES.get(module);
    if (exports === '*') return true;
    if (exports && name !== null && exports.has(lastSegment(name))) return true;
  }
  if (item.kind === 'guard' && name !== null && !NON_AUTH_GUARDS.test(name)) return true;
  if (name !== null && isAuthName(name, authNames)) return true;
  return module !== null && isRelativeModule(module) && isAuthName(moduleBaseName(module), authNames);
}

/** Whether `module` is a path in the project rather than a package (`./auth`, `../middleware`, `@/lib/auth`, `~/auth`). */
export function isRelativeModule(module: string): boolean {
  return /^(?:\.{1,2}\/|\/|[@~#]\/)/u.test(module) || module === '.' || module === '..';
}

/** `./middleware/require-auth.js` → `require-auth`. */
function moduleBaseName(module: string): string {
  const base = module.slice(module.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/u, '');
  return base === 'index' ? (module.split('/').at(-2) ?? base) : base;
}

/**
 * Path segments of routes that are public by design: signing in and out, signing up, an OAuth/SSO
 * flow, a webhook (authenticated by its signature), a health probe, a contact form, an explicit
 * `public` segment. Compared with each static segment of the path, lower-cased, `-`/`_`/`.` dropped.
 */
export const PUBLIC_SEGMENTS: ReadonlySet<string> = new Set([
  'login',
  'signin',
  'logon',
  'logout',
  'signout',
  'logoff',
  'register',
  'registration',
  'signup',
  'forgotpassword',
  'resetpassword',
  'passwordreset',
  'verifyemail',
  'confirmemail',
  'magiclink',
  'oauth',
  'oauth2',
  'sso',
  'saml',
  'oidc',
  'refreshtoken',
  'webhook',
  'webhooks',
  'health',
  'healthz',
  'healthcheck',
  'ping',
  'ready',
  'readyz',
  'live',
  'livez',
  'public',
  'contact',
  'newsletter',
  'unsubscribe',
]);

/**
 * Segments that are public by design only inside an authentication flow, that is when another segment
 * of the path is one of {@link AUTH_FLOW_SEGMENTS} (`/auth/token`, `/password/reset`, `/oauth/callback`,
 * `/users/verify` is not): `/websites/:id/reset` and `/api/tokens` need a caller.
 */
export const AUTH_FLOW_ONLY_SEGMENTS: ReadonlySet<string> = new Set([
  'forgot',
  'reset',
  'recover',
  'recovery',
  'verify',
  'verification',
  'confirm',
  'activate',
  'callback',
  'token',
  'refresh',
  'otp',
  'challenge',
]);

/** Segments that make a path an authentication flow for {@link AUTH_FLOW_ONLY_SEGMENTS}. */
export const AUTH_FLOW_SEGMENTS: ReadonlySet<string> = new Set([
  'auth',
  'authentication',
  'password',
  'passwords',
  'oauth',
  'oauth2',
  'sso',
  'oidc',
  'saml',
  'email',
  'session',
  'sessions',
  'login',
  'signin',
  'signup',
  'register',
  'account',
  'identity',
  'jwt',
  'mfa',
  '2fa',
]);

/**
 * Decorators that mark a Nest handler or controller public on purpose, for a global guard to read
 * (`@Public()`, `@AllowAnonymous()`, `@SkipAuth()`), matched against the decorator's name (last segment).
 */
export const PUBLIC_DECORATOR =
  /^(?:Public|IsPublic|PublicRoute|PublicEndpoint|AllowAnonymous|Anonymous|SkipAuth|NoAuth|Unprotected|Unauthenticated|OptionalAuth|AllowUnauthenticated|AllowUnauthorizedRequest|SkipJwt|SkipGuard|BypassAuth)$/u;

/** Handler names of routes public by design (compared without `-`/`_`, case-insensitive, after `handle`/`post`). */
const PUBLIC_HANDLER =
  /^(?:handle|post|do|on)?(?:log_?in|sign_?in|log_?out|sign_?out|register|sign_?up|forgot_?password|reset_?password|request_?password_?reset|recover_?password|verify_?email|confirm_?email|oauth_?callback|callback|webhook|stripe_?webhook|refresh(?:_?token)?|health(?:_?check)?|ping|auth(?:enticate)?|login_?callback)(?:_?(?:user|account|member|customer))?(?:handler|controller|route|action)?$/iu;

/**
 * Why a route is public by design, or `null`:
 * - `path`: the route's path as written or served (`/auth/login`, `/webhooks/stripe`), `null` when not static;
 * - `handlerName`: the handler's function, method or binding name (`login`, `stripeWebhook`), or `null`.
 * A path is public when one of its static segments (`:params`, `[id]` and `*` skipped) is one of
 * {@link PUBLIC_SEGMENTS} after lower-casing and dropping `-`/`_`/`.`, is one of
 * {@link AUTH_FLOW_ONLY_SEGMENTS} in a path with an {@link AUTH_FLOW_SEGMENTS} segment, or contains
 * `password` together with `forgot`/`reset`/`recover`; a handler name when it reads as one of those actions.
 * The answer says which, for messages: `'path segment "login"'`, `'handler name "register"'`.
 */
export function publicRouteReason(path: string | null, handlerName: string | null): string | null {
  if (path !== null) {
    const raws = path
      .split('/')
      .filter(
        (raw) =>
          raw !== '' && !raw.startsWith(':') && !raw.startsWith('{') && !raw.startsWith('[') && !raw.includes('*'),
      );
    const segments = raws.map((raw) => raw.toLowerCase().replaceAll(/[-_.]/gu, ''));
    const inFlow = segments.some((segment) => AUTH_FLOW_SEGMENTS.has(segment));
    for (const [index, segment] of segments.entries()) {
      const raw = raws[index]!;
      if (PUBLIC_SEGMENTS.has(segment)) return `path segment "${raw}"`;
      if (inFlow && AUTH_FLOW_ONLY_SEGMENTS.has(segment)) return `path segment "${raw}"`;
      if (/password/u.test(segment) && /forgot|reset|recover|lost/u.test(segment)) return `path segment "${raw}"`;
    }
  }
  if (handlerName !== null && PUBLIC_HANDLER.test(handlerName.replaceAll('-', '_')))
    return `handler name "${handlerName}"`;
  return null;
}

/**
 * Calls inside a function that establish who is calling, by package: the package (or `*` for
 * project code and any package) and the callee names (last segment) that authenticate there.
 */
const AUTH_CALLS: readonly { modules: readonly string[] | '*'; names: ReadonlySet<string> }[] = [
  { modules: ['jsonwebtoken', 'jose', 'hono/jwt', 'fast-jwt'], names: new Set(['verify', 'jwtVerify', 'Verifier']) },
  {
    modules: ['next-auth', 'next-auth/next', 'next-auth/react'],
    names: new Set(['getServerSession', 'getSession', 'auth', 'getToken']),
  },
  { modules: ['next-auth/jwt'], names: new Set(['getToken']) },
  {
    modules: ['@clerk/nextjs/server', '@clerk/nextjs', '@clerk/express', '@clerk/fastify', '@hono/clerk-auth'],
    names: new Set(['auth', 'currentUser', 'getAuth']),
  },
  { modules: ['stripe'], names: new Set(['constructEvent', 'constructEventAsync']) },
  { modules: ['svix'], names: new Set(['verify']) },
  { modules: ['crypto', 'node:crypto'], names: new Set(['timingSafeEqual']) },
  { modules: ['passport', 'koa-passport'], names: new Set(['authenticate']) },
];

/**
 * Callee names (last segment) that authenticate wherever they come from: `request.jwtVerify()`
 * (@fastify/jwt), `supabase.auth.getUser()`, lucia's `validateRequest()`/`validateSession()`,
 * `getServerSession()`, `currentUser()`, `req.isAuthenticated()` (passport), and project helpers whose
 * names read as authentication ({@link isAuthName}: `requireUser(req)`, `checkAuth(request)`), or that
 * fetch the caller (`getCurrentUser`, `getSessionUser`, `getUserFromRequest`, `getSession`).
 */
const AUTH_CALLEE =
  /^(?:jwtVerify|getServerSession|getServerAuthSession|currentUser|validateRequest|validateSession|isAuthenticated|getCurrentUser|getSessionUser|getUserFromRequest|getUserFromSession|getUserFromToken|getSession|getAuth|getAuthUser|getLoggedInUser|getAuthSession)$/u;

/** Status codes a handler answers an anonymous caller with. */
const REJECT_STATUS = new Set([401, 403]);
/** Identifiers that name such an answer (`new UnauthorizedException()`, `HTTPException(401)`, `res.unauthorized()`). */
const REJECT_NAME =
  /^(?:Unauthori[sz]ed|Forbidden)(?:Exception|Error|Response)?$|^(?:unauthori[sz]ed|forbidden|notAuthori[sz]ed)$/iu;

/**
 * Whether a handler or middleware function authenticates the request itself, from its body (nested
 * functions included):
 * - `fn`: the function (a Next.js route export, an inline middleware, a same-file declaration);
 * - `globalScope`: the file's global scope, to tell imports from local names.
 * True when it calls something that establishes the caller (a token verification of a JWT package,
 * next-auth/Clerk/lucia/Supabase session readers, `request.jwtVerify()`, passport, a project helper
 * named like authentication), checks a webhook signature (stripe `constructEvent`, svix `verify`,
 * `crypto.timingSafeEqual`), or answers 401/403 (`res.status(401)`, `ctx.throw(401)`,
 * `new UnauthorizedException()`, `{ status: 401 }`, `HTTPException(401)`). Reading `req.user` alone is
 * not enough.
 */
export function handlerAuthenticates(fn: FunctionNode, globalScope: TSESLint.Scope.Scope): boolean {
  return functionAuthenticates(fn, globalScope, []);
}

/**
 * {@link handlerAuthenticates}, with `authNames` (the `authMiddleware` setting and the rule's option)
 * also counted as authenticating calls.
 */
export function functionAuthenticates(
  fn: FunctionNode,
  globalScope: TSESLint.Scope.Scope,
  authNames: readonly string[],
): boolean {
  let found = false;
  visitNodes(fn.body, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      if (isAuthCall(node, globalScope, authNames) || isRejectCall(node)) found = true;
    } else if (node.type === AST_NODE_TYPES.Property && isStatusProperty(node)) {
      found = true;
    } else if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      getDottedName(node.left)?.endsWith('.status') === true &&
      isRejectStatus(node.right)
    ) {
      found = true;
    }
  });
  return found;
}

/** A call of an authenticating API or helper (see {@link AUTH_CALLS}, {@link AUTH_CALLEE}, {@link isAuthName}). */
function isAuthCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  globalScope: TSESLint.Scope.Scope,
  authNames: readonly string[],
): boolean {
  const callee = skipTypeWrappers(node.callee);
  const dotted = getDottedName(callee);
  const last =
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier
      ? callee.property.name
      : callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : null;
  if (last === null) return false;
  if (AUTH_CALLEE.test(last)) return true;
  if (dotted !== null && /(?:^|\.)auth\.(?:getUser|getClaims|getSession)$/u.test(dotted)) return true;
  const root = rootIdentifier(callee);
  const origin = root ? getImportOrigin(root, scopeOf(globalScope, root)) : null;
  if (origin) {
    for (const entry of AUTH_CALLS) {
      if (entry.modules !== '*' && !entry.modules.includes(origin.module)) continue;
      if (entry.names.has(last) || (root === callee && entry.names.has(origin.imported))) return true;
    }
    if (AUTH_PACKAGES.has(origin.module)) return true;
  }
  if (dotted !== null && /(?:^|\.)webhooks\.constructEvent(?:Async)?$/u.test(dotted)) return true;
  if (last === 'timingSafeEqual') return true;
  return (
    isAuthName(dotted ?? last, authNames) && !/^(?:set|create|update|delete|remove|sign|add|list|get)/iu.test(last)
  );
}

/** `res.status(401)`, `reply.code(403)`, `ctx.throw(401)`, `res.sendStatus(401)`, `createError(401)`, `new UnauthorizedException()`. */
function isRejectCall(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipTypeWrappers(node.callee);
  const last =
    callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
      ? callee.property.name
      : callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : null;
  if (last === null) return false;
  if (REJECT_NAME.test(last)) return true;
  return (
    node.arguments.slice(0, 2).some((argument) => isRejectStatus(argument)) &&
    /^(?:status|code|sendStatus|throw|assert|createError|HttpError|HTTPException|HttpException|ApiError|AppError|error|json|text|redirect|Response|writeHead|send|fail|reject)$/iu.test(
      last,
    )
  );
}

/** `status: 401` / `statusCode: 403` in an options object (`new Response(body, { status: 401 })`). */
function isStatusProperty(node: TSESTree.Property): boolean {
  const key = node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : null;
  return (key === 'status' || key === 'statusCode') && isRejectStatus(node.value);
}

function isRejectStatus(node: TSESTree.Node): boolean {
  const inner = skipTypeWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') return REJECT_STATUS.has(inner.value);
  const dotted = getDottedName(inner);
  return (
    dotted !== null &&
    /(?:^|\.)(?:UNAUTHORI[SZ]ED|FORBIDDEN|HTTP_STATUS_UNAUTHORIZED|HTTP_STATUS_FORBIDDEN)$/u.test(dotted)
  );
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.CallExpression) {
    current = skipTypeWrappers(current.type === AST_NODE_TYPES.MemberExpression ? current.object : current.callee);
  }
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

/** Identity the request carries once something upstream authenticated it. */
const IDENTITY_MEMBERS = new Set([
  'user',
  'auth',
  'currentUser',
  'authUser',
  'userId',
  'principal',
  'jwtPayload',
  'claims',
  'isAuthenticated',
  'account',
  'identity',
]);

/**
 * Whether a handler reads who the caller is (`req.user`, `request.auth`, `ctx.state.user`,
 * `req.session.userId`, `c.get('jwtPayload')`, `req.isAuthenticated()`): something it cannot see
 * (a session middleware, a parent router) is expected to have authenticated the request.
 */
export function readsIdentity(fn: FunctionNode): boolean {
  let found = false;
  visitNodes(fn.body, (node) => {
    if (found) return;
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      !node.computed &&
      node.property.type === AST_NODE_TYPES.Identifier
    ) {
      if (IDENTITY_MEMBERS.has(node.property.name) && node.object.type !== AST_NODE_TYPES.ThisExpression) found = true;
      if (node.property.name === 'session' && node.parent.type === AST_NODE_TYPES.MemberExpression) found = true;
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTypeWrappers(node.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === 'get'
      ) {
        const key = getStaticString(node.arguments[0]);
        if (key !== null && /user|auth|session|jwt|claims|account|principal/iu.test(key)) found = true;
      }
    }
  });
  return found;
}

/**
 * Statuses a middleware answers bad input, a missing record, a conflict or overload with, never an
 * unknown caller (RFC 9110 section 15.5: 401 and 403 are the ones about credentials), as literals or as
 * the constant names of `http-status`/`http-status-codes` (`httpStatus.BAD_REQUEST`, `StatusCodes.NOT_FOUND`).
 */
const NON_AUTH_STATUS = new Set([400, 404, 405, 409, 410, 413, 415, 422, 429, 500]);
const NON_AUTH_STATUS_NAME =
  /(?:^|\.)(?:BAD_REQUEST|NOT_FOUND|METHOD_NOT_ALLOWED|CONFLICT|GONE|PAYLOAD_TOO_LARGE|REQUEST_TOO_LONG|UNSUPPORTED_MEDIA_TYPE|UNPROCESSABLE_ENTITY|TOO_MANY_REQUESTS|INTERNAL_SERVER_ERROR)$/u;

/**
 * Whether every status `fn` names is one of {@link NON_AUTH_STATUS} (at least one is named) and it does
 * not read who the caller is ({@link readsIdentity}): a validator (`validate(schema)` answering 400), an
 * id check (404) or a rate limiter (429), which ends requests but not as authentication does.
 */
function rejectsOnlyBadRequests(fn: FunctionNode): boolean {
  let named = 0;
  let other = false;
  visitNodes(fn.body, (node) => {
    if (other) return;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') {
      if (node.value < 400 || node.value > 599) return;
      if (NON_AUTH_STATUS.has(node.value)) named += 1;
      else other = true;
    } else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
      const dotted = getDottedName(node);
      if (dotted !== null && NON_AUTH_STATUS_NAME.test(dotted)) named += 1;
    }
  });
  return !other && named > 0 && !readsIdentity(fn);
}

/**
 * Whether a function could end a request before its handler runs as authentication would (so an
 * unrecognised middleware of this shape might be authentication): it throws, answers (`res.status`,
 * `res.send`, `reply.code`, `ctx.throw`, `ctx.status =`, `c.json`, `new Response`), redirects, or returns
 * a value from a Hono/Next.js middleware. A logger or a header-setting middleware that only calls
 * `next()` cannot, nor one that only answers bad input, missing records or overload (400, 404, 422,
 * 429…) without reading who the caller is (see {@link rejectsOnlyBadRequests}).
 */
export function canRejectRequest(fn: FunctionNode): boolean {
  let found = false;
  visitNodes(fn.body, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    else if (node.type === AST_NODE_TYPES.NewExpression && getDottedName(node.callee)?.endsWith('Response') === true)
      found = true;
    else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTypeWrappers(node.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        /^(?:status|sendStatus|send|json|end|redirect|code|throw|assert|text|html|body|writeHead|reject|fail)$/u.test(
          callee.property.name,
        )
      )
        found = true;
      // `next(err)`: handing an error on ends the request too.
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'next' && node.arguments.length > 0)
        found = true;
    } else if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      /\.(?:status|body)$/u.test(getDottedName(node.left) ?? '')
    )
      found = true;
  });
  return found && !rejectsOnlyBadRequests(fn);
}
