import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ServingIndex } from '../frameworks/index.js';
import { getServingIndex } from '../project-index/index.js';
import { getMemberCallOn, getStaticString, resolveConstant, skipExpressionWrappers } from '../shared/ast/index.js';
import { createRule } from '../shared/create-rule.js';
import type { ArgumentSlot, JwtVerifySpec } from '../shared/jwt.js';
import { getSettings, isInLayer } from '../shared/settings.js';
import { findAuthUse, type AuthUse, type DecodeAnalysis } from './no-insecure-jwt-utils/decode.js';
import {
  isFunctionValue,
  isSecretString,
  isUndefined,
  lookupOptions,
  lookupPath,
  readOptions,
  type OptionsLookup,
  type OptionsView,
  type ScopeOf,
} from './no-insecure-jwt-utils/options.js';
import {
  findJwtSites,
  type JwtCall,
  type ModuleSite,
  type SignChainSite,
  type SignSite,
  type VerifySite,
} from './no-insecure-jwt-utils/sites.js';

export type Options = [{ checkAlgorithms?: boolean; checkSignExpiry?: boolean }];
export type MessageIds =
  'unpinnedAlgorithms' | 'noneAlgorithm' | 'expiryIgnored' | 'signWithoutExpiry' | 'decodeForAuth' | 'pinAlgorithm';

/** Files that can hold a JWT call mention one of these; the rest cost one regular-expression test. */
const MENTIONS_JWT = /jwt|jose|jsonwebtoken/iu;

/** How the message says what a decoded token is used for. */
const AUTH_USE_TEXT: Readonly<Record<AuthUse, string>> = {
  assign: "becomes the request's user",
  guard: 'is what the guard returns',
  test: 'decides access',
};

export default createRule<Options, MessageIds>({
  name: 'no-insecure-jwt',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow JWT verification without pinned algorithms or expiry checks, tokens without expiry, and unverified decoding for authentication',
      recommended: false,
      frameworks: ['express', 'fastify', 'nestjs', 'hono', 'koa', 'nextjs'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unpinnedAlgorithms:
        '`{{ call }}` from `{{ library }}` accepts whichever algorithm the token header names among those its key allows; set `{{ option }}` to the one your tokens are signed with.',
      noneAlgorithm:
        '`{{ call }}` from `{{ library }}` accepts unsigned tokens (`none`); remove `none` from `algorithms`.',
      expiryIgnored:
        '`{{ call }}` from `{{ library }}` accepts expired tokens (`{{ option }}`); remove it and renew tokens through a refresh flow instead.',
      signWithoutExpiry: '`{{ call }}` from `{{ library }}` issues a token that never expires; {{ remedy }}.',
      decodeForAuth:
        '`{{ call }}` from `{{ library }}` does not check the signature, yet the token it reads {{ use }}; verify it with {{ verify }} instead.',
      pinAlgorithm: 'Accept only `{{ algorithm }}` ({{ reason }}).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAlgorithms: {
            type: 'boolean',
            description:
              'Report verification that does not pin `algorithms` (jsonwebtoken, passport-jwt, koa-jwt, @fastify/jwt, @nestjs/jwt). `none` in a list and disabled expiry checks are reported either way.',
          },
          checkSignExpiry: {
            type: 'boolean',
            description: 'Report signing calls whose options and payload, both visible, give the token no expiry.',
          },
        },
      },
    ],
    defaultOptions: [{ checkAlgorithms: true, checkSignExpiry: true }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Tests sign throw-away tokens by the dozen; scripts and migrations never serve requests.
    if (isInLayer(getSettings(context), 'nonRuntime', context.filename, context.cwd)) return {};
    if (!MENTIONS_JWT.test(sourceCode.text)) return {};
    const scopeOf: ScopeOf = (node) => sourceCode.getScope(node);
    return {
      'Program:exit'(program) {
        const globalScope = sourceCode.scopeManager!.globalScope!;
        const sites = findJwtSites(program, globalScope, scopeOf, sourceCode.visitorKeys);
        const reporter = new Reporter(context, scopeOf, sites.sign, sites.fastify);
        for (const site of sites.verify) reporter.checkVerify(site, options.checkAlgorithms !== false);
        for (const site of sites.modules) reporter.checkModule(site, options.checkAlgorithms !== false);
        if (options.checkSignExpiry !== false) {
          for (const site of sites.sign) reporter.checkSign(site);
          for (const site of sites.chains) reporter.checkSignChain(site);
        }
        if (sites.decode.length === 0) return;
        // The serving index is built only for files that decode tokens.
        let index: ServingIndex | undefined;
        const analysis: DecodeAnalysis = {
          globalScope,
          scopeOf,
          keys: sourceCode.visitorKeys,
          servingContextOf: (node) => (index ??= getServingIndex(context)).contextOf(node),
        };
        for (const site of sites.decode) {
          const use = findAuthUse(site.call, analysis);
          if (use)
            context.report({
              node: site.call,
              messageId: 'decodeForAuth',
              data: {
                call: site.spec.call,
                library: site.spec.library,
                use: AUTH_USE_TEXT[use],
                verify: site.spec.verifyWith,
              },
            });
        }
      },
    };
  },
});

/** An algorithm to pin, and whether the file shows it is the one its tokens are signed with. */
interface NamedAlgorithm {
  algorithm: string;
  /** A sign call of the same file with the same key uses it: pinning changes nothing for its tokens. */
  certain: boolean;
}

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** Checks the sites of one file and reports what it finds. */
class Reporter {
  constructor(
    private readonly context: Context,
    private readonly scopeOf: ScopeOf,
    private readonly signs: readonly SignSite[],
    private readonly fastify: readonly { call: TSESTree.CallExpression; signDefaults: OptionsLookup }[],
  ) {}

  /** The quote the file writes strings with: that of its first import or `require`, else a single quote. */
  private get quote(): string {
    const { ast, text } = this.context.sourceCode;
    for (const statement of ast.body)
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) return statement.source.raw.startsWith('"') ? '"' : "'";
    return /\brequire\((["'])/u.exec(text)?.[1] ?? "'";
  }

  /** `none` in `algorithms`, an expiry check turned off, and (with `checkAlgorithms`) no `algorithms` at all. */
  checkVerify(site: VerifySite, checkAlgorithms: boolean): void {
    const { spec, call } = site;
    const own = lookupOptions(call, spec.options, this.scopeOf, spec.callbackAt);
    const data = { call: spec.call, library: spec.library };
    if (own.state === 'known') {
      this.reportExpiryOff(own.view, spec, data);
      if (spec.algorithms !== null && this.reportNone(own.view, spec.algorithms, data)) return;
    }
    if (!checkAlgorithms || spec.algorithms === null || spec.pinnedBecause !== undefined) return;
    const inherited = site.inherited ?? { state: 'absent' };
    if (hasAlgorithms(own, spec.algorithms) !== false || hasAlgorithms(inherited, spec.algorithms) !== false) return;
    const option = spec.options.path.length > 0 ? `${spec.options.path.join('.')}.${spec.algorithms}` : spec.algorithms;
    const named = this.nameAlgorithm(site);
    const insert = named ? this.planAlgorithmsInsert(call, spec, named.algorithm) : null;
    this.context.report({
      node: site.report,
      messageId: 'unpinnedAlgorithms',
      data: { ...data, option },
      fix: named?.certain && insert ? insert : null,
      suggest:
        named && !named.certain && insert
          ? [
              {
                messageId: 'pinAlgorithm',
                data: {
                  algorithm: named.algorithm,
                  reason: `what ${spec.family === 'fast-jwt' ? 'fast-jwt' : 'jsonwebtoken'} signs with by default for a secret string`,
                },
                fix: insert,
              },
            ]
          : [],
    });
  }

  /** `JwtModule.register({ verifyOptions })`: the module-wide verification options, when written out. */
  checkModule(site: ModuleSite, checkAlgorithms: boolean): void {
    const { spec, call } = site;
    const options = lookupOptions(call, spec.options, this.scopeOf);
    if (options.state !== 'known') return;
    const entry = options.view.entries.get(spec.verifyOptions);
    if (!entry) return;
    const verify = readOptions(entry.value, this.scopeOf, entry.node);
    if (!verify) return;
    const data = { call: spec.call, library: spec.library };
    this.reportExpiryOff(verify, spec.verify, data);
    const list = spec.verify.algorithms;
    if (list === null || this.reportNone(verify, list, data)) return;
    if (!checkAlgorithms || hasAlgorithms({ state: 'known', view: verify }, list) !== false) return;
    this.context.report({
      node: entry.node.type === AST_NODE_TYPES.Property ? entry.node.key : entry.node,
      messageId: 'unpinnedAlgorithms',
      data: { ...data, option: `${spec.verifyOptions}.${list}` },
    });
  }

  /** A sign call whose options and payload are both visible and give no `expiresIn`/`exp`. */
  checkSign(site: SignSite): void {
    const { spec, call } = site;
    const payload = getPayloadWithoutExpiry(call.arguments[spec.payloadArg], call, this.scopeOf);
    if (payload === null) return;
    // jsonwebtoken refuses `expiresIn` with a string payload: whatever the options, the token never expires.
    const optionsMatter = !(payload === 'string' && spec.family === 'jsonwebtoken');
    if (spec.expiresIn !== null && optionsMatter) {
      let own = spec.options ? lookupOptions(call, spec.options, this.scopeOf, spec.callbackAt) : null;
      const nested =
        own?.state === 'known' && spec.nestedOptions !== undefined
          ? own.view.entries.get(spec.nestedOptions)
          : undefined;
      if (nested) own = lookupPath(nested.value, [], this.scopeOf, nested.node);
      if (own && lacksProperty(own, spec.expiresIn) !== true) return;
      if (site.inherited && lacksProperty(site.inherited, spec.expiresIn) !== true) return;
    }
    this.context.report({
      node: site.report,
      messageId: 'signWithoutExpiry',
      data: {
        call: spec.call,
        library: spec.library,
        remedy:
          spec.expiresIn === null
            ? 'add an `exp` claim to the payload'
            : `set \`${spec.expiresIn}\` to a lifetime that fits the token`,
      },
    });
  }

  /** jose: `new SignJWT(payload)…sign(key)` in one chain without `setExpirationTime()`. */
  checkSignChain(site: SignChainSite): void {
    const { spec, call } = site;
    const methods: string[] = [];
    let current: TSESTree.Node = call;
    for (let link = getMemberCallOn(current); link; link = getMemberCallOn(current)) {
      const name = link.member.property.type === AST_NODE_TYPES.Identifier ? link.member.property.name : null;
      if (name === null) return;
      methods.push(name);
      current = link.call;
    }
    if (!methods.includes(spec.signMethod) || methods.includes(spec.expiryMethod)) return;
    if (getPayloadWithoutExpiry(call.arguments[spec.payloadArg], call, this.scopeOf) !== 'object') return;
    this.context.report({
      node: call.callee,
      messageId: 'signWithoutExpiry',
      data: {
        call: spec.call,
        library: spec.library,
        remedy: `call \`.${spec.expiryMethod}()\` with a lifetime that fits the token`,
      },
    });
  }

  /** Reports the option that turns the expiry check off, when the view sets it to the value that does. */
  private reportExpiryOff(
    view: OptionsView,
    spec: Pick<JwtVerifySpec, 'expiryOff'>,
    data: Record<string, string>,
  ): void {
    const { expiryOff } = spec;
    if (!expiryOff) return;
    const entry = view.entries.get(expiryOff.property);
    if (!entry) return;
    const value = resolveConstant(entry.value, this.scopeOf(entry.value));
    if (value.type !== AST_NODE_TYPES.Literal || value.value !== expiryOff.value) return;
    this.context.report({
      node: entry.node,
      messageId: 'expiryIgnored',
      data: { ...data, option: `${expiryOff.property}: ${String(expiryOff.value)}` },
    });
  }

  /** Reports each `'none'` in the algorithms list; returns whether there was one. */
  private reportNone(view: OptionsView, property: string, data: Record<string, string>): boolean {
    const entry = view.entries.get(property);
    if (!entry) return false;
    const list = resolveConstant(entry.value, this.scopeOf(entry.value));
    if (list.type !== AST_NODE_TYPES.ArrayExpression) return false;
    let found = false;
    for (const element of list.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
      if (getStaticString(element, this.scopeOf(element))?.toLowerCase() !== 'none') continue;
      found = true;
      this.context.report({ node: element, messageId: 'noneAlgorithm', data });
    }
    return found;
  }

  /**
   * The algorithm the tokens a verify site accepts are signed with: the algorithm of every same-file
   * sign call of the same library family with the same key (its `algorithm` option, or the library's
   * default); failing that, `HS256` for a plain secret string as a suggestion (what jsonwebtoken and
   * fast-jwt sign with by default); `null` when nothing names one.
   */
  private nameAlgorithm(site: VerifySite): NamedAlgorithm | null {
    const { spec, call } = site;
    if (!spec.key) return null;
    const key = getSlotValue(call, spec.key, this.scopeOf);
    if (!key) return null;
    const keyText = this.keyText(key);
    const algorithms: (string | null)[] = [];
    for (const sign of this.signs) {
      if (sign.spec.family !== spec.family || sign.inherited !== null) continue;
      const signKey = getSlotValue(sign.call, sign.spec.key, this.scopeOf);
      if (signKey && this.keyText(signKey) === keyText) algorithms.push(this.signAlgorithm(sign));
    }
    if (spec.family === 'fast-jwt')
      for (const registration of this.fastify)
        if (registration.call === call) algorithms.push(this.registrationAlgorithm(registration, key));
    const [first] = algorithms;
    if (first !== undefined) {
      return first !== null && algorithms.every((algorithm) => algorithm === first)
        ? { algorithm: first, certain: true }
        : null;
    }
    if ((spec.family === 'jsonwebtoken' || spec.family === 'fast-jwt') && isSecretString(key, this.scopeOf))
      return { algorithm: 'HS256', certain: false };
    return null;
  }

  /** The algorithm a sign call uses, or `null` when its options do not show it. */
  private signAlgorithm(sign: SignSite): string | null {
    const { spec, call } = sign;
    if ('arg' in spec.algorithm) {
      const argument = call.arguments[spec.algorithm.arg];
      if (!argument) return spec.defaultAlgorithm;
      return getStaticString(argument, this.scopeOf(argument));
    }
    const options = spec.options ? lookupOptions(call, spec.options, this.scopeOf, spec.callbackAt) : null;
    if (!options || options.state === 'absent') return spec.defaultAlgorithm;
    if (options.state === 'unknown') return null;
    const entry = options.view.entries.get(spec.algorithm.property);
    if (!entry) return options.view.open ? null : spec.defaultAlgorithm;
    return getStaticString(entry.value, this.scopeOf(entry.value));
  }

  /** What a Fastify registration signs with: `sign.algorithm`, or `HS256` for a plain secret string. */
  private registrationAlgorithm(
    registration: { call: TSESTree.CallExpression; signDefaults: OptionsLookup },
    key: TSESTree.Node,
  ): string | null {
    const defaults = registration.signDefaults;
    if (defaults.state === 'unknown') return null;
    const entry = defaults.state === 'known' ? defaults.view.entries.get('algorithm') : undefined;
    if (entry) return getStaticString(entry.value, this.scopeOf(entry.value));
    if (defaults.state === 'known' && defaults.view.open) return null;
    return isSecretString(key, this.scopeOf) ? 'HS256' : null;
  }

  /** A key expression as text, through type wrappers and `const` bindings, for comparing sign and verify keys. */
  private keyText(node: TSESTree.Node): string {
    const resolved = skipExpressionWrappers(resolveConstant(node, this.scopeOf(node)));
    return this.context.sourceCode.getText(resolved).replace(/\s+/gu, '');
  }

  /**
   * A fix that adds `algorithms: ['<algorithm>']` where the verify options go: a new options argument
   * (before a jsonwebtoken callback), a new property of an options literal used only here, or, for a
   * Fastify registration, a new `verify: { algorithms }` or a property of its `verify` literal. `null`
   * when the options are somewhere a change could affect other uses.
   */
  private planAlgorithmsInsert(
    call: JwtCall,
    spec: JwtVerifySpec,
    algorithm: string,
  ): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | null) | null {
    const { sourceCode } = this.context;
    const property = `${spec.algorithms}: [${this.quote}${algorithm}${this.quote}]`;
    const { arg, path } = spec.options;
    const argument = call.arguments[arg];
    if (path.length === 0) {
      if (!argument || (spec.callbackAt === arg && isFunctionValue(argument, this.scopeOf))) {
        if (call.arguments.length < arg) return null;
        if (argument) return (fixer) => fixer.insertTextBefore(argument, `{ ${property} }, `);
        const last = call.arguments.at(-1);
        return last ? (fixer) => fixer.insertTextAfter(last, `, { ${property} }`) : null;
      }
      const view = readOptions(argument, this.scopeOf, call);
      return view?.editable ? insertProperty(sourceCode, view.editable, property) : null;
    }
    if (path.length !== 1 || !argument) return null;
    const outer = readOptions(argument, this.scopeOf, call);
    if (!outer) return null;
    const entry = outer.entries.get(path[0]!);
    if (!entry)
      return outer.editable ? insertProperty(sourceCode, outer.editable, `${path[0]}: { ${property} }`) : null;
    const inner = readOptions(entry.value, this.scopeOf, entry.node);
    return inner?.editable ? insertProperty(sourceCode, inner.editable, property) : null;
  }
}

/**
 * Whether an options lookup lists algorithms: `true` for a list (or anything not literally empty or
 * `undefined`), `false` when the options show none, `null` when they are out of sight.
 */
function hasAlgorithms(lookup: OptionsLookup, property: string): boolean | null {
  if (lookup.state === 'absent') return false;
  if (lookup.state === 'unknown') return null;
  const entry = lookup.view.entries.get(property);
  if (!entry) return lookup.view.open ? null : false;
  if (isUndefined(entry.value)) return false;
  const value = skipExpressionWrappers(entry.value);
  return !(value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0);
}

/** Whether options lack a property: `true`/`false` when visible, `null` when out of sight. */
function lacksProperty(lookup: OptionsLookup, property: string): boolean | null {
  if (lookup.state === 'absent') return true;
  if (lookup.state === 'unknown') return null;
  const entry = lookup.view.entries.get(property);
  if (entry) return isUndefined(entry.value);
  return lookup.view.open ? null : true;
}

/**
 * A payload that visibly carries no `exp` claim: `'string'` for a string (no claims can be in it), or
 * `'object'` for an object literal the file shows in full without `exp`; `null` otherwise. `call` is
 * the sign call, the one use of a payload bound to a `const` that does not make it unknown.
 */
function getPayloadWithoutExpiry(
  node: TSESTree.Node | undefined,
  call: JwtCall,
  scopeOf: ScopeOf,
): 'string' | 'object' | null {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return null;
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return 'string';
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string' ? 'string' : null;
  const view = readOptions(inner, scopeOf, call);
  return view !== null && !view.open && !view.entries.has('exp') ? 'object' : null;
}

/** The value at a slot (argument, then property path through visible options), or `null`. */
function getSlotValue(call: JwtCall, slot: ArgumentSlot, scopeOf: ScopeOf): TSESTree.Node | null {
  const argument = call.arguments[slot.arg];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  if (slot.path.length === 0) return argument;
  const parent = lookupPath(argument, slot.path.slice(0, -1), scopeOf);
  if (parent.state !== 'known') return null;
  return parent.view.entries.get(slot.path.at(-1)!)?.value ?? null;
}

/**
 * A fix adding `text` as the last property of `object`: on its own line with the indentation of the
 * last property when the literal spans lines, otherwise after `, `; `null` for an empty literal holding
 * comments (where the new property would go is unclear).
 */
function insertProperty(
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  text: string,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  const last = object.properties.at(-1);
  if (!last) {
    if (sourceCode.getCommentsInside(object).length > 0) return null;
    return (fixer) => fixer.replaceText(object, `{ ${text} }`);
  }
  const after = sourceCode.getTokenAfter(last);
  const hasTrailingComma = after?.value === ',' && after.range[1] <= object.range[1] - 1;
  const anchor = hasTrailingComma ? after! : last;
  if (last.loc.start.line !== object.loc.start.line) {
    const indent = ' '.repeat(last.loc.start.column);
    return (fixer) => fixer.insertTextAfter(anchor, hasTrailingComma ? `\n${indent}${text},` : `,\n${indent}${text}`);
  }
  return (fixer) => fixer.insertTextAfter(anchor, hasTrailingComma ? ` ${text},` : `, ${text}`);
}
