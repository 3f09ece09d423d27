import { Node, SyntaxKind, type Block, type Identifier, type SourceFile, type Statement } from 'ts-morph';

import type { Framework } from '../../frameworks/index.js';
import type { HandlerTarget, Range } from './find-targets.js';

/** A handler the codemod leaves alone, and why (one sentence, for the command's warning). */
export class Skip extends Error {}

/** A target with nothing to move (a NestJS method that does not use the injected data access): not listed. */
export class NothingToMove extends Skip {}

/** Globals a request-reading statement may call (`Number(req.params.id)`). */
const PURE_GLOBALS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'BigInt', 'Date']);

/** The first property of a Koa `ctx` / Hono `c` that reads the request (anything else responds). */
const CONTEXT_READS: Partial<Record<Framework, ReadonlySet<string>>> = {
  koa: new Set(['params', 'query', 'request', 'state', 'headers', 'header', 'get', 'querystring', 'ip', 'path']),
  hono: new Set(['req', 'get', 'var', 'env']),
};

/** The handler's function node in the ts-morph tree: the function whose body spans `target.body`. */
export function findHandler(file: SourceFile, body: Range): Node & { getBody(): Node | undefined } {
  const found = file.getDescendants().find((node) => {
    if (!Node.isFunctionLikeDeclaration(node)) return false;
    const nodeBody = (node as unknown as { getBody(): Node | undefined }).getBody();
    return nodeBody !== undefined && nodeBody.getStart() === body[0] && nodeBody.getEnd() === body[1];
  });
  if (!found) throw new Skip('its function could not be found in the TypeScript program');
  return found as Node & { getBody(): Node | undefined };
}

/**
 * The statements of a handler's block body that hold its data access and logic, after preparing them:
 * the value its last statement sends is split off when it awaits or queries (`res.json(await q())` becomes
 * `const result = await q(); res.json(result);`), and the request values the logic reads are read into
 * constants before it (`const id = req.params.id;`), so the extracted function gets values, never the
 * request or response objects. Returns the statements to extract (from the first after the leading
 * request reads to the one before the response). When the body ends in `try { …; <response> } catch { … }`,
 * the logic is taken from the `try` block and the `catch` stays in the handler.
 *
 * @throws {Skip} when the handler cannot be split safely: it sends a response before its last statement,
 * returns early, calls `next`, uses the response object or writes to the request in the logic, passes
 * the request object itself on, or has nothing to move.
 */
export function prepareRegion(handlerBlock: Block, target: HandlerTarget, params: readonly Node[]): Statement[] {
  let block = handlerBlock;
  let last = block.getStatements().at(-1);
  if (!last) throw new Skip('its body is empty');
  const within = (node: Node | undefined, range: Range): boolean =>
    node !== undefined && range[0] >= node.getStart() && range[1] <= node.getEnd();
  // `try { …; res.json(x); } catch { res.status(500)… }`: the logic is in the `try` block, the catch stays.
  if (Node.isTryStatement(last) && !last.getFinallyBlock()) {
    const tryBlock = last.getTryBlock();
    const tryLast = tryBlock.getStatements().at(-1);
    const catchClause = last.getCatchClause();
    if (
      tryLast &&
      target.responses.some((site) => within(tryLast, site.node)) &&
      target.responses.every((site) => within(tryLast, site.node) || within(catchClause, site.node))
    ) {
      target = { ...target, responses: target.responses.filter((site) => within(tryLast, site.node)) };
      block = tryBlock;
      last = tryLast;
    }
  }
  const final = last;
  if (target.framework !== 'nestjs') {
    if (target.responses.length === 0 || !target.responses.every((site) => within(final, site.node)))
      throw new Skip('it does not send one response as its last statement');
  } else if (!target.responses.every((site) => within(final, site.node))) {
    throw new Skip('it returns before its last statement');
  }
  const names = params.map((param) => (Node.isParameterDeclaration(param) ? param.getNameNode() : undefined));
  const identifiers = names.map((name) => (Node.isIdentifier(name) ? name : undefined));
  const request = requestParam(target.framework, identifiers);
  const sender = senderParam(target.framework, identifiers);
  const next = nextParam(target.framework, identifiers);
  if (next && next.findReferencesAsNodes().some((reference) => reference.getStart() >= handlerBlock.getStart()))
    throw new Skip(`it calls \`${next.getText()}\``);

  splitResponseValue(block, last, target);
  const all = block.getStatements();
  let start = 0;
  const leading = new Set<string>(identifiers.filter(Boolean).map((name) => name!.getText()));
  while (start < all.length - 1 && isRequestRead(all[start]!, leading)) start += 1;
  const region = all.slice(start, -1);
  if (region.length === 0) throw new Skip('nothing precedes its response to move');
  for (const statement of region) {
    const own = (node: Node): boolean => isOwnCode(node, block);
    if (Node.isReturnStatement(statement) || statement.getDescendantsOfKind(SyntaxKind.ReturnStatement).some(own))
      throw new Skip('it returns early');
  }
  if (sender && sender !== request) {
    const used = sender
      .findReferencesAsNodes()
      .find((reference) => region.some((statement) => contains(statement, reference)));
    if (used) throw new Skip(`its logic uses \`${sender.getText()}\` (${used.getParent()!.getText().slice(0, 40)})`);
  }
  const hoisted = request ? hoistRequestReads(block, region, request, target.framework) : 0;
  const statementsNow = block.getStatements();
  return statementsNow.slice(start + hoisted, statementsNow.length - 1);
}

/** Whether `node` belongs to the handler's own code (not to a function nested in it). */
function isOwnCode(node: Node, block: Block): boolean {
  for (let current = node.getParent(); current && current !== block; current = current.getParent()) {
    if (Node.isFunctionLikeDeclaration(current)) return false;
  }
  return true;
}

function contains(outer: Node, inner: Node): boolean {
  return inner.getStart() >= outer.getStart() && inner.getEnd() <= outer.getEnd();
}

type Maybe = Identifier | undefined;

function requestParam(framework: Framework, names: readonly Maybe[]): Maybe {
  return framework === 'nestjs' ? undefined : names[0];
}

function senderParam(framework: Framework, names: readonly Maybe[]): Maybe {
  if (framework === 'express' || framework === 'fastify' || framework === 'nextjs') return names[1];
  return undefined;
}

function nextParam(framework: Framework, names: readonly Maybe[]): Maybe {
  if (framework === 'express') return names[2];
  if (framework === 'koa' || framework === 'hono') return names[1];
  return undefined;
}

/**
 * A leading statement that only reads the request into locals (`const { id } = req.params;`,
 * `const body = await c.req.json();`): every name it reads is a handler parameter, a local of an earlier
 * such statement or a pure global (`Number`), and it calls nothing else.
 */
function isRequestRead(statement: Statement, known: Set<string>): boolean {
  if (!Node.isVariableStatement(statement) || statement.getFirstDescendantByKind(SyntaxKind.ThisKeyword)) return false;
  for (const identifier of statement.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (identifier.getFirstAncestor(Node.isTypeNode)) continue;
    const parent = identifier.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) continue;
    if (Node.isBindingElement(parent) || Node.isVariableDeclaration(parent)) {
      if (
        parent.getNameNode() === identifier ||
        (Node.isBindingElement(parent) && parent.getPropertyNameNode() === identifier)
      )
        continue;
    }
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) continue;
    const name = identifier.getText();
    if (!known.has(name) && !PURE_GLOBALS.has(name)) return false;
  }
  for (const declaration of statement.getDeclarations()) {
    for (const name of declaration.getNameNode().getDescendantsOfKind(SyntaxKind.Identifier)) known.add(name.getText());
    if (Node.isIdentifier(declaration.getNameNode())) known.add(declaration.getName());
  }
  return true;
}

/**
 * Splits the value the last statement sends into a constant before it when the value awaits something
 * (`res.json(await prisma.user.findMany())`) or, for Fastify and NestJS, is itself a call
 * (`return prisma.user.findMany()`): the query moves, the response mapping stays.
 */
function splitResponseValue(block: Block, last: Statement, target: HandlerTarget): void {
  const values = target.responses
    .map((site) =>
      last.getDescendants().find((node) => node.getStart() === site.value[0] && node.getEnd() === site.value[1]),
    )
    .filter((node): node is Node => node !== undefined);
  const parts: Node[] = [];
  for (const value of values) {
    const awaits = [value, ...value.getDescendants()].filter(
      (node) => Node.isAwaitExpression(node) && isOwnCode(node, block),
    );
    const outer = awaits.filter((node) => !awaits.some((other) => other !== node && contains(other, node)));
    if (outer.length > 0) parts.push(...outer);
    else if ((target.framework === 'fastify' || target.framework === 'nestjs') && Node.isCallExpression(value))
      parts.push(value);
  }
  if (parts.length === 0) return;
  const index = block.getStatements().indexOf(last);
  const taken = localNames(block);
  const declarations = parts.map((part) => {
    const name = uniqueName('result', taken);
    return { name, text: part.getText() };
  });
  for (const [position, part] of [...parts.entries()].reverse()) part.replaceWithText(declarations[position]!.name);
  block.insertStatements(
    index,
    declarations.map(({ name, text }) => `const ${name} = ${text}${semicolon(block)}`),
  );
}

/**
 * Reads into constants, placed before the logic, the request values the logic reads: the longest chain
 * of property reads and literal-argument calls on the request (`req.params.id`, `c.req.param('id')`,
 * `await request.json()`); inside a branch, loop or callback only its first step (`req.body`), which
 * cannot throw when read early.
 *
 * @throws {Skip} when the logic writes to the request, passes the request object itself on, or uses a
 * Koa/Hono context for something other than reading the request (setting the status, headers, body).
 */
function hoistRequestReads(block: Block, region: Statement[], request: Identifier, framework: Framework): number {
  const references = request
    .findReferencesAsNodes()
    .filter((reference) => region.some((statement) => contains(statement, reference)));
  if (references.length === 0) return 0;
  const requestName = request.getText();
  const reads: { node: Node; text: string; name: string }[] = [];
  for (const reference of references) {
    let chain: Node = reference;
    let steps = 0;
    const nested = !isTopLevel(reference, region);
    for (;;) {
      const parent = chain.getParent();
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === chain) {
        if (nested && steps >= maxNestedSteps(framework, parent)) break;
        chain = parent;
        steps += 1;
        continue;
      }
      const grandparent = parent?.getParent();
      if (
        Node.isNonNullExpression(parent) &&
        !nested &&
        Node.isPropertyAccessExpression(grandparent) &&
        grandparent.getExpression() === parent
      ) {
        chain = grandparent;
        steps += 1;
        continue;
      }
      if (
        Node.isCallExpression(parent) &&
        parent.getExpression() === chain &&
        steps > 0 &&
        parent.getArguments().every((argument) => Node.isStringLiteral(argument) || Node.isNumericLiteral(argument))
      ) {
        chain = parent;
        continue;
      }
      break;
    }
    if (chain === reference) throw new Skip(`its logic passes \`${requestName}\` itself on`);
    const first = reference.getParent();
    const firstName = Node.isPropertyAccessExpression(first) ? first.getName() : null;
    const reads_ = CONTEXT_READS[framework];
    if (reads_ && (firstName === null || !reads_.has(firstName)))
      throw new Skip(`its logic uses \`${requestName}\` to respond (\`${chain.getParent()!.getText().slice(0, 40)}\`)`);
    const parent = chain.getParent();
    if (
      Node.isBinaryExpression(parent) &&
      parent.getLeft() === chain &&
      parent.getOperatorToken().getText().endsWith('=')
    )
      throw new Skip(`its logic writes to the request (\`${chain.getText()}\`)`);
    if (Node.isCallExpression(parent) && parent.getExpression() === chain)
      throw new Skip(`its logic calls \`${chain.getText()}\``);
    let node = chain;
    if (Node.isAwaitExpression(parent) && !nested) node = parent;
    if (Node.isCallExpression(chain) && Node.isAwaitExpression(parent) && nested)
      throw new Skip(`its logic reads the request body inside a branch (\`${parent.getText()}\`)`);
    reads.push({ node, text: node.getText(), name: '' });
  }
  const taken = localNames(block);
  const names = new Map<string, string>();
  for (const read of reads) {
    let name = names.get(read.text);
    if (!name) {
      name = uniqueName(readName(read.node), taken);
      names.set(read.text, name);
    }
    read.name = name;
  }
  const firstIndex = block.getStatements().indexOf(region[0]!);
  for (const read of [...reads].sort((a, b) => b.node.getStart() - a.node.getStart()))
    read.node.replaceWithText(read.name);
  block.insertStatements(
    firstIndex,
    [...names].map(([text, name]) => `const ${name} = ${text}${semicolon(block)}`),
  );
  return names.size;
}

/** How many property steps a read nested in a branch or callback may keep (`req.body`, `ctx.request.body`). */
function maxNestedSteps(framework: Framework, access: Node): number {
  if (framework === 'koa' && Node.isPropertyAccessExpression(access) && access.getName() === 'request') return 2;
  if (framework === 'hono') return 2;
  return 1;
}

/** Whether `node` runs whenever its top-level statement of the region runs (no branch, loop or callback between). */
function isTopLevel(node: Node, region: readonly Statement[]): boolean {
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (region.includes(current as Statement)) return true;
    if (
      Node.isFunctionLikeDeclaration(current) ||
      Node.isIfStatement(current) ||
      Node.isConditionalExpression(current) ||
      Node.isIterationStatement(current) ||
      Node.isTryStatement(current) ||
      Node.isSwitchStatement(current) ||
      (Node.isBinaryExpression(current) && ['&&', '||', '??'].includes(current.getOperatorToken().getText()))
    )
      return false;
    if (Node.isPropertyAccessExpression(current) && current.hasQuestionDotToken()) return false;
  }
  return false;
}

/** A name for a request read: the last property or the literal argument (`id` for `c.req.param('id')`). */
function readName(node: Node): string {
  const inner = Node.isAwaitExpression(node) ? node.getExpression() : node;
  if (Node.isCallExpression(inner)) {
    const argument = inner.getArguments()[0];
    if (argument && Node.isStringLiteral(argument) && /^[A-Za-z_$][\w$]*$/u.test(argument.getLiteralText()))
      return argument.getLiteralText();
    const callee = inner.getExpression();
    const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : 'value';
    return method === 'json' || method === 'text' ? 'body' : method;
  }
  if (Node.isPropertyAccessExpression(inner)) {
    const name = inner.getName();
    const expression: Node = inner.getExpression();
    const owner = Node.isNonNullExpression(expression) ? expression.getExpression() : expression;
    if (
      name === 'id' &&
      Node.isPropertyAccessExpression(owner) &&
      !['params', 'query', 'body'].includes(owner.getName())
    )
      return `${owner.getName()}Id`;
    return name;
  }
  return 'value';
}

/**
 * `;` when the file ends its statements with semicolons, else nothing: the statements the codemod writes
 * follow the file (a file counts as semicolon-free when fewer than a tenth of its statements end in one).
 */
export function semicolon(node: Node): string {
  const statements = node
    .getSourceFile()
    .getDescendants()
    .filter(
      (item) => Node.isExpressionStatement(item) || Node.isVariableStatement(item) || Node.isReturnStatement(item),
    );
  const ended = statements.filter((item) => item.getText().endsWith(';')).length;
  return statements.length === 0 || ended * 10 >= statements.length ? ';' : '';
}

/** The names used in `block` (property names excepted), which a new local must not take. */
export function localNames(block: Node): Set<string> {
  const names = new Set<string>();
  for (const identifier of block.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const parent = identifier.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) continue;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) continue;
    names.add(identifier.getText());
  }
  return names;
}

const RESERVED = new Set(['delete', 'default', 'new', 'function', 'class', 'const', 'let', 'var', 'this', 'import']);

function uniqueName(base: string, taken: Set<string>): string {
  let name = RESERVED.has(base) ? `${base}Value` : base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${suffix}`;
  taken.add(name);
  return name;
}
