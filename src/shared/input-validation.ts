import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { getMethodCall, scopeOf } from './ast/index.js';

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
  for (let current: TSESTree.Node = read; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments.includes(current as TSESTree.CallExpressionArgument)
    ) {
      const method = getMethodCall(parent)?.method;
      return method !== undefined && VALIDATION_METHODS.has(method);
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
      return depth < MAX_BINDINGS && bindingFlowsIntoValidation(parent, globalScope, depth + 1);
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
): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(scopeOf(globalScope, declarator), declarator.id);
  if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
  return variable.references.some(
    (reference) => reference.isRead() && flowsIntoValidation(reference.identifier, globalScope, depth),
  );
}
