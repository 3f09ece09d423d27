/**
 * Finds the JWT calls of a file: the tracked exports of `JWT_TRACE_MAP` (every import form), and the
 * ones reached another way: `app.register(fastifyJwt, options)` with the `fastify.jwt.sign()` /
 * `reply.jwtSign()` decorators it adds, NestJS's `PassportStrategy(Strategy)` whose `super(options)`
 * configures passport-jwt, and NestJS `JwtService` instances, injected by type or made with `new`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import {
  CALL,
  findVariable,
  getBindingOrigin,
  getImportOrigin,
  getMemberCallOn,
  READ,
  skipExpressionWrappers,
  trackReferences,
  walk,
  type VisitorKeys,
} from '../../shared/ast/index.js';
import {
  FASTIFY_JWT_PLUGINS,
  FASTIFY_JWT_SIGN,
  FASTIFY_JWT_SIGN_DEFAULTS,
  FASTIFY_JWT_SIGN_METHODS,
  FASTIFY_JWT_VERIFY,
  JWT_TRACE_MAP,
  NEST_JWT_SERVICE,
  NEST_JWT_SERVICE_DECODE,
  NEST_JWT_SERVICE_METHODS,
  NEST_JWT_SERVICE_SIGN,
  NEST_JWT_SERVICE_VERIFY,
  NEST_PASSPORT_STRATEGY,
  PASSPORT_JWT_SPEC,
  type JwtDecodeSpec,
  type JwtModuleSpec,
  type JwtSignChainSpec,
  type JwtSignSpec,
  type JwtSpec,
  type JwtVerifySpec,
} from '../../shared/jwt.js';
import { lookupOptions, type OptionsLookup, type ScopeOf } from './options.js';

/** A call or `new` of a JWT API. */
export type JwtCall = TSESTree.CallExpression | TSESTree.NewExpression;

/** A place that verifies tokens (or configures what does), with where to report it. */
export interface VerifySite {
  call: JwtCall;
  spec: JwtVerifySpec;
  report: TSESTree.Node;
  /**
   * Options that apply under the call's own (a `new JwtService(options)`'s `verifyOptions`): `null` when
   * there are none, `unknown` when they are out of sight (an injected `JwtService`).
   */
  inherited: OptionsLookup | null;
}

/** A place that signs tokens. */
export interface SignSite {
  call: JwtCall;
  spec: JwtSignSpec;
  report: TSESTree.Node;
  /** Options merged under the call's own (`sign` of a Fastify registration, `signOptions` of a JwtService). */
  inherited: OptionsLookup | null;
}

/** jose's `new SignJWT(payload)` chains. */
export interface SignChainSite {
  call: TSESTree.NewExpression;
  spec: JwtSignChainSpec;
}

/** A call that decodes without verifying. */
export interface DecodeSite {
  call: TSESTree.CallExpression;
  spec: JwtDecodeSpec;
}

/** A NestJS `JwtModule.register()`: its `verifyOptions` apply to every `JwtService.verify`. */
export interface ModuleSite {
  call: TSESTree.CallExpression;
  spec: JwtModuleSpec;
}

/** A Fastify `register(fastifyJwt, options)`: its `sign` options are the defaults of every sign. */
export interface FastifyRegistration {
  call: TSESTree.CallExpression;
  signDefaults: OptionsLookup;
}

/** Everything {@link findJwtSites} found in a file. */
export interface JwtSites {
  verify: VerifySite[];
  sign: SignSite[];
  chains: SignChainSite[];
  decode: DecodeSite[];
  modules: ModuleSite[];
  fastify: FastifyRegistration[];
}

const FASTIFY_PLUGIN_TRACE_MAP = Object.fromEntries(
  [...FASTIFY_JWT_PLUGINS].map((name) => [
    name,
    { [READ]: true, default: { [READ]: true }, fastifyJwt: { [READ]: true } },
  ]),
);

const NEST_PASSPORT_TRACE_MAP = {
  [NEST_PASSPORT_STRATEGY.module]: { [NEST_PASSPORT_STRATEGY.export]: { [CALL]: true } },
};

/**
 * The JWT calls of a file. `keys` are the parser's visitor keys (to find the Fastify decorators and
 * `this.jwtService.*` calls inside classes).
 */
export function findJwtSites(
  program: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  scopeOf: ScopeOf,
  keys: VisitorKeys,
): JwtSites {
  const sites: JwtSites = { verify: [], sign: [], chains: [], decode: [], modules: [], fastify: [] };
  for (const { node, info } of trackReferences<JwtSpec>(globalScope, JWT_TRACE_MAP)) {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    addTracked(sites, node, info, scopeOf);
  }
  findFastifyRegistrations(sites, globalScope, scopeOf, program, keys);
  findNestPassportStrategies(sites, globalScope, scopeOf);
  findInjectedJwtServices(sites, program, scopeOf, keys);
  return sites;
}

function addTracked(sites: JwtSites, node: JwtCall, info: JwtSpec, scopeOf: ScopeOf): void {
  switch (info.kind) {
    case 'verify':
      sites.verify.push({ call: node, spec: info, report: node.callee, inherited: null });
      return;
    case 'sign':
      sites.sign.push({ call: node, spec: info, report: node.callee, inherited: null });
      return;
    case 'sign-chain':
      if (node.type === AST_NODE_TYPES.NewExpression) sites.chains.push({ call: node, spec: info });
      return;
    case 'decode':
      if (node.type === AST_NODE_TYPES.CallExpression) sites.decode.push({ call: node, spec: info });
      return;
    case 'module':
      if (node.type === AST_NODE_TYPES.CallExpression) sites.modules.push({ call: node, spec: info });
      else addLocalJwtService(sites, node, info, scopeOf);
      return;
  }
}

/**
 * `const jwt = new JwtService(options)`: every `jwt.verify/sign/decode(…)` on the binding, with the
 * constructor's `verifyOptions`/`signOptions` under the call's own.
 */
function addLocalJwtService(
  sites: JwtSites,
  node: TSESTree.NewExpression,
  spec: JwtModuleSpec,
  scopeOf: ScopeOf,
): void {
  const declarator = node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier)
    return;
  const verifyOptions = lookupOptions(node, { arg: 0, path: [spec.verifyOptions] }, scopeOf);
  const signOptions = lookupOptions(node, { arg: 0, path: [spec.signOptions] }, scopeOf);
  const variable = findVariable(scopeOf(declarator.id), declarator.id);
  for (const reference of variable?.references ?? []) {
    if (!reference.isRead()) continue;
    const link = getMemberCallOn(reference.identifier);
    if (link) addJwtServiceCall(sites, link.call, link.member, verifyOptions, signOptions, scopeOf);
  }
}

/** One `service.method(…)` call of a `JwtService`. */
function addJwtServiceCall(
  sites: JwtSites,
  call: TSESTree.CallExpression,
  member: TSESTree.MemberExpression,
  verifyOptions: OptionsLookup,
  signOptions: OptionsLookup,
  scopeOf: ScopeOf,
): void {
  const method = ASTUtils.getPropertyName(member, scopeOf(member));
  const kind = method === null ? undefined : NEST_JWT_SERVICE_METHODS[method];
  if (kind === 'verify')
    sites.verify.push({ call, spec: NEST_JWT_SERVICE_VERIFY, report: member.property, inherited: verifyOptions });
  else if (kind === 'sign')
    sites.sign.push({ call, spec: NEST_JWT_SERVICE_SIGN, report: member.property, inherited: signOptions });
  else if (kind === 'decode') sites.decode.push({ call, spec: NEST_JWT_SERVICE_DECODE });
}

/**
 * `app.register(fastifyJwt, options)` (any import form of `@fastify/jwt` or the older `fastify-jwt`),
 * and, when there is one, the `X.jwt.sign(…)` and `reply.jwtSign(…)` calls of the same file: the plugin
 * adds those decorators, and their options merge over the registration's `sign`.
 */
function findFastifyRegistrations(
  sites: JwtSites,
  globalScope: TSESLint.Scope.Scope,
  scopeOf: ScopeOf,
  program: TSESTree.Program,
  keys: VisitorKeys,
): void {
  for (const node of findFastifyPluginReads(program, globalScope, scopeOf)) {
    let plugin: TSESTree.Node = node;
    while (
      plugin.parent?.type === AST_NODE_TYPES.TSAsExpression ||
      plugin.parent?.type === AST_NODE_TYPES.TSNonNullExpression
    )
      plugin = plugin.parent;
    const call = plugin.parent;
    if (
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.arguments[0] !== plugin ||
      call.callee.type !== AST_NODE_TYPES.MemberExpression ||
      ASTUtils.getPropertyName(call.callee, scopeOf(call.callee)) !== 'register'
    )
      continue;
    sites.verify.push({ call, spec: FASTIFY_JWT_VERIFY, report: call.arguments[0]!, inherited: null });
    sites.fastify.push({
      call,
      signDefaults: lookupOptions(call, { arg: 1, path: [FASTIFY_JWT_SIGN_DEFAULTS] }, scopeOf),
    });
  }
  if (sites.fastify.length !== 1) return;
  // One registration in the file: its sign options are the defaults of the decorators used here.
  const [registration] = sites.fastify;
  walk(program, keys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const callee = node.callee;
    const method = ASTUtils.getPropertyName(callee, scopeOf(callee));
    const onJwt =
      method === FASTIFY_JWT_SIGN_METHODS.instance &&
      callee.object.type === AST_NODE_TYPES.MemberExpression &&
      ASTUtils.getPropertyName(callee.object, scopeOf(callee.object)) === 'jwt';
    if (onJwt || method === FASTIFY_JWT_SIGN_METHODS.reply)
      sites.sign.push({
        call: node,
        spec: { ...FASTIFY_JWT_SIGN, call: onJwt ? 'jwt.sign' : 'reply.jwtSign' },
        report: callee.property,
        inherited: registration!.signDefaults,
      });
  });
}

/**
 * The expressions that hold the Fastify JWT plugin: reads of a binding imported (default, namespace,
 * `fastifyJwt` or `default` named import) or required from it, an inline `require('@fastify/jwt')`,
 * and `require('@fastify/jwt').fastifyJwt`/`.default`.
 */
function findFastifyPluginReads(
  program: TSESTree.Program,
  globalScope: TSESLint.Scope.Scope,
  scopeOf: ScopeOf,
): TSESTree.Node[] {
  const reads: TSESTree.Node[] = [];
  const addReads = (identifier: TSESTree.Identifier): void => {
    const variable = findVariable(scopeOf(identifier), identifier);
    for (const reference of variable?.references ?? [])
      if (reference.isRead() && !reference.init) reads.push(reference.identifier);
  };
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !FASTIFY_JWT_PLUGINS.has(statement.source.value))
      continue;
    for (const specifier of statement.specifiers) {
      const origin = getImportOrigin(specifier.local, scopeOf(specifier));
      if (origin && PLUGIN_EXPORTS.has(origin.imported)) addReads(specifier.local);
    }
  }
  for (const { node } of trackReferences<true>(globalScope, FASTIFY_PLUGIN_TRACE_MAP)) {
    if (node.type === AST_NODE_TYPES.ImportDeclaration) continue;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
      if (parent.id.type === AST_NODE_TYPES.Identifier) addReads(parent.id);
    } else {
      reads.push(node);
    }
  }
  return reads;
}

/** What the plugin is exported as: the module itself (`*`), its default export, and the named `fastifyJwt`. */
const PLUGIN_EXPORTS: ReadonlySet<string> = new Set(['*', 'default', 'fastifyJwt']);

/**
 * `class JwtStrategy extends PassportStrategy(Strategy)` with `Strategy` from passport-jwt: the
 * constructor's `super(options)` configures the strategy.
 */
function findNestPassportStrategies(sites: JwtSites, globalScope: TSESLint.Scope.Scope, scopeOf: ScopeOf): void {
  for (const { node } of trackReferences<true>(globalScope, NEST_PASSPORT_TRACE_MAP)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const base = node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
    if (base?.type !== AST_NODE_TYPES.Identifier || getBindingOrigin(base, scopeOf(base))?.module !== 'passport-jwt')
      continue;
    const classNode = node.parent;
    if (
      (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression) ||
      classNode.superClass !== node
    )
      continue;
    const constructor = classNode.body.body.find(
      (member): member is TSESTree.MethodDefinition =>
        member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
    );
    for (const statement of constructor?.value.body?.body ?? []) {
      const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
      if (expression?.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.Super)
        sites.verify.push({ call: expression, spec: PASSPORT_JWT_SPEC, report: expression.callee, inherited: null });
    }
  }
}

/**
 * `constructor(private readonly jwtService: JwtService)` (or a class field typed `JwtService`) with
 * `JwtService` imported from `@nestjs/jwt`: the `this.jwtService.*` calls of that class. The module's
 * options are out of sight, so they are `unknown` under every call.
 */
function findInjectedJwtServices(
  sites: JwtSites,
  program: TSESTree.Program,
  scopeOf: ScopeOf,
  keys: VisitorKeys,
): void {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== NEST_JWT_SERVICE.module)
      continue;
    for (const specifier of statement.specifiers) {
      const origin = getImportOrigin(specifier.local, scopeOf(specifier));
      if (origin?.imported !== NEST_JWT_SERVICE.export) continue;
      const variable = findVariable(scopeOf(specifier), specifier.local);
      for (const reference of variable?.references ?? []) {
        if (reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
        const field = getTypedField(reference.identifier);
        if (field) addInjectedCalls(sites, field.classNode, field.name, scopeOf, keys);
      }
    }
  }
}

/** The class field or constructor parameter property whose type annotation is `identifier`, by name. */
function getTypedField(
  identifier: TSESTree.Identifier,
): { classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression; name: string } | null {
  const reference = identifier.parent;
  const annotation = reference?.type === AST_NODE_TYPES.TSTypeReference ? reference.parent : null;
  const holder = annotation?.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.parent : null;
  if (!holder) return null;
  let name: string | null = null;
  let member: TSESTree.Node | undefined;
  if (holder.type === AST_NODE_TYPES.Identifier && holder.parent?.type === AST_NODE_TYPES.TSParameterProperty) {
    name = holder.name;
    member = holder.parent.parent?.parent; // TSParameterProperty → FunctionExpression → MethodDefinition
  } else if (holder.type === AST_NODE_TYPES.PropertyDefinition && !holder.computed) {
    name = ASTUtils.getPropertyName(holder);
    member = holder;
  }
  const body = member?.parent;
  const classNode = body?.parent;
  if (
    name === null ||
    body?.type !== AST_NODE_TYPES.ClassBody ||
    (classNode?.type !== AST_NODE_TYPES.ClassDeclaration && classNode?.type !== AST_NODE_TYPES.ClassExpression)
  )
    return null;
  return { classNode, name };
}

function addInjectedCalls(
  sites: JwtSites,
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
  scopeOf: ScopeOf,
  keys: VisitorKeys,
): void {
  const unknown: OptionsLookup = { state: 'unknown' };
  walk(classNode.body, keys, (node) => {
    if (
      node.type !== AST_NODE_TYPES.MemberExpression ||
      node.object.type !== AST_NODE_TYPES.ThisExpression ||
      ASTUtils.getPropertyName(node, scopeOf(node)) !== name
    )
      return;
    const link = getMemberCallOn(node);
    if (link) addJwtServiceCall(sites, link.call, link.member, unknown, unknown, scopeOf);
  });
}
