import { basename } from 'node:path';

import {
  Node,
  SyntaxKind,
  type Block,
  type ClassDeclaration,
  type FunctionDeclaration,
  type ParameterDeclaration,
  type Project,
  type SourceFile,
  VariableDeclarationKind,
} from 'ts-morph';

import type { HandlerTarget } from './find-targets.js';
import { findHandler, localNames, NothingToMove, prepareRegion, semicolon, Skip } from './handler-body.js';
import { getFunctionName, getResourceName, getServiceFile } from './naming.js';
import { extractToModuleFunction, moveToFile, moveToNewFile, RefactorUnavailable } from './refactors.js';

/** What one extraction did: the service function (or method) made, where, and the files changed. */
export interface Extraction {
  /** The function's name, or `Class.method` for NestJS. */
  name: string;
  serviceFile: string;
  touched: string[];
}

/**
 * Moves one handler's data access and logic into the service module, in the ts-morph project only
 * (nothing is written): prepares the handler's body ({@link prepareRegion}), extracts the statements
 * before the response into a module-level function with TypeScript's "Extract Symbol" refactor, names
 * it after the route (`getOrder`), and moves it with TypeScript's "Move to file" refactor into
 * `services/<resource>.service.ts` (see `getServiceFile`), which rewrites the imports of both files.
 * NestJS: see {@link extractNestHandler}. The caller checks the result and rolls it back when it does not
 * type-check.
 *
 * @throws {Skip} when the handler cannot be moved safely, with the reason.
 */
export function extractHandler(project: Project, file: SourceFile, target: HandlerTarget, root: string): Extraction {
  if (target.framework === 'nestjs') return extractNestHandler(project, file, target);
  const handler = findHandler(file, target.body);
  const block = handler.getBody();
  if (!block || !Node.isBlock(block)) throw new Skip('its body is not a block');
  const region = prepareRegion(block, target, handler.getChildrenOfKind(SyntaxKind.Parameter));
  const range = { pos: region[0]!.getStart(), end: endWithComment(region.at(-1)!) };
  const extracted = extractOrSkip(project, file, range);
  dropCopiedComments(file, file.getFunctionOrThrow(extracted.name));
  const clients = moveClientsOut(project, file, extracted.name);
  const fn = file.getFunctionOrThrow(extracted.name);
  if (fn.getParameters().some((parameter) => parameter.getName() === 'this')) throw new Skip('its logic reads `this`');
  const resource = getResourceName(file.getFilePath(), target.path);
  const serviceFile = getServiceFile(root, file.getFilePath(), resource);
  const name = freeName(project, serviceFile, file, getFunctionName(target.method, target.path, resource));
  fn.rename(name);
  const touched = moveOrSkip(project, file, fn, serviceFile);
  return {
    name,
    serviceFile,
    touched: [...new Set([...extracted.touched, ...clients, ...touched, file.getFilePath()])],
  };
}

/**
 * NestJS: the controller injects the data access (`private prisma: PrismaService`) and a service
 * (`private users: UsersService`) whose class injects the same data access. The handler method's logic
 * becomes a method of the service class: `this.prisma` is read into a local, the statements before the
 * `return` are extracted (TypeScript's "Extract Symbol") into a module-level function and moved ("Move to
 * file") into the service's file, which brings the imports over; the function then becomes a method of
 * the service class (its data-access parameter read from the service's own injection) and the
 * controller calls `this.users.<method>(…)`.
 *
 * @throws {Skip} when no service is injected, the service does not inject the same data access, or the
 * method cannot be split.
 */
function extractNestHandler(project: Project, file: SourceFile, target: HandlerTarget): Extraction {
  const handler = findHandler(file, target.body);
  const block = handler.getBody();
  if (!block || !Node.isBlock(block)) throw new Skip('its body is not a block');
  const controller = handler.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
  const constructor = controller?.getConstructors()[0];
  const injection = target.injection;
  const dataParam = constructor
    ?.getParameters()
    .find(
      (parameter) => injection !== null && parameter.getStart() <= injection[0] && injection[0] < parameter.getEnd(),
    );
  if (!controller || !dataParam) throw new Skip('its controller injection could not be found');
  const dataName = dataParam.getName();
  const uses = block
    .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
    .filter((access) => access.getExpression().getKind() === SyntaxKind.ThisKeyword && access.getName() === dataName);
  if (uses.length === 0) throw new NothingToMove(`it does not use \`this.${dataName}\``);
  const service = findInjectedService(constructor!.getParameters(), dataParam, controller.getName());
  if (!service)
    throw new Skip(`\`${controller.getName() ?? 'the controller'}\` injects no service class to move it into`);
  const serviceData = service.class
    .getConstructors()[0]
    ?.getParameters()
    .find((parameter) => parameter.isParameterProperty() && sameType(parameter, dataParam));
  if (!serviceData)
    throw new Skip(
      `\`${service.class.getName()}\` does not inject \`${dataParam.getTypeNode()?.getText() ?? dataName}\`; inject it there first`,
    );
  const region = prepareRegion(block, target, handler.getChildrenOfKind(SyntaxKind.Parameter));
  const others = region.flatMap((statement) =>
    statement.getDescendantsOfKind(SyntaxKind.ThisKeyword).filter((node) => {
      const parent = node.getParent();
      return !(Node.isPropertyAccessExpression(parent) && parent.getName() === dataName);
    }),
  );
  if (others.length > 0) throw new Skip(`its logic uses \`${others[0]!.getParent()!.getText()}\``);
  // `this.prisma` → a local, so the statements can leave the class.
  const local = freeLocal(block, dataName);
  for (const use of region
    .flatMap((statement) =>
      statement
        .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
        .filter(
          (access) => access.getExpression().getKind() === SyntaxKind.ThisKeyword && access.getName() === dataName,
        ),
    )
    .reverse())
    use.replaceWithText(local);
  const index = block.getStatements().indexOf(region[0]!);
  block.insertStatements(index, `const ${local} = this.${dataName}${semicolon(block)}`);
  const statements = block.getStatements();
  const start = statements[index + 1]!;
  const end = statements[index + region.length]!;
  // The refactors replace the files' text: nodes found before them are gone, so they are found again by name.
  const serviceFile = service.class.getSourceFile();
  const className = service.class.getName()!;
  const serviceDataName = serviceData.getName();
  const controllerName = controller.getName();
  const handlerName = handler.getSymbol()?.getName();
  const methodName = freeMember(service.class, handlerName ?? 'handle');
  const extracted = extractOrSkip(project, file, { pos: start.getStart(), end: endWithComment(end) });
  dropCopiedComments(file, file.getFunctionOrThrow(extracted.name));
  file.getFunctionOrThrow(extracted.name).rename(methodName);
  const touched = moveOrSkip(project, file, file.getFunctionOrThrow(methodName), serviceFile.getFilePath());
  const serviceClass = serviceFile.getClassOrThrow(className);
  const moved = serviceFile.getFunctionOrThrow(methodName);
  const parameters = moved.getParameters();
  const dataIndex = parameters.findIndex((parameter) => parameter.getName() === local);
  const body = moved.getBodyOrThrow().getText().slice(1, -1).trim();
  const method = serviceClass.addMethod({
    name: methodName,
    isAsync: moved.isAsync(),
    parameters: parameters.filter((_, position) => position !== dataIndex).map((parameter) => parameter.getStructure()),
    ...(moved.getReturnTypeNode() ? { returnType: moved.getReturnTypeNode()!.getText() } : {}),
    statements: [
      ...(dataIndex === -1 ? [] : [`const ${local} = this.${serviceDataName}${semicolon(serviceClass)}`]),
      body,
    ],
  });
  moved.remove();
  method.formatText({ indentSize: 2, convertTabsToSpaces: true });

  // The controller: `await show(prisma, id)` → `await this.users.show(id)`, the import and the local go.
  const calls = file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((call) => call.getExpression().getText() === methodName);
  for (const call of calls) {
    if (dataIndex !== -1) call.removeArgument(dataIndex);
    call.getExpression().replaceWithText(`this.${service.name}.${methodName}`);
  }
  for (const declaration of file.getImportDeclarations()) {
    const specifier = declaration.getNamedImports().find((named) => named.getName() === methodName);
    if (!specifier) continue;
    if (declaration.getNamedImports().length === 1 && !declaration.getDefaultImport()) declaration.remove();
    else specifier.remove();
  }
  const method_ = controllerName && handlerName ? file.getClass(controllerName)?.getMethod(handlerName) : undefined;
  const alias = method_?.getVariableDeclaration(local);
  if (alias && alias.findReferencesAsNodes().length === 0) alias.getVariableStatementOrThrow().remove();
  return {
    name: `${className}.${methodName}`,
    serviceFile: serviceFile.getFilePath(),
    touched: [...new Set([...extracted.touched, ...touched, file.getFilePath(), serviceFile.getFilePath()])],
  };
}

/**
 * The service class the controller injects to move the logic into: a constructor parameter property
 * whose type is a class of the project named `…Service` (or in a `*.service.ts` file) that itself
 * injects the same data access as `dataParam`, preferring the one named after the controller
 * (`UsersController` → `UsersService`); `null` when there is none.
 */
function findInjectedService(
  parameters: readonly ParameterDeclaration[],
  dataParam: ParameterDeclaration,
  controllerName: string | undefined,
): { name: string; class: ClassDeclaration } | null {
  const candidates: { name: string; class: ClassDeclaration; injectsData: boolean }[] = [];
  for (const parameter of parameters) {
    if (parameter === dataParam || !parameter.isParameterProperty() || sameType(parameter, dataParam)) continue;
    const declaration = parameter.getType().getSymbol()?.getDeclarations()[0];
    if (!declaration || !Node.isClassDeclaration(declaration)) continue;
    const source = declaration.getSourceFile();
    if (source.isDeclarationFile() || source.isInNodeModules()) continue;
    if (!/Service$/u.test(declaration.getName() ?? '') && !/\.service\.ts$/u.test(source.getBaseName())) continue;
    const injectsData = (declaration.getConstructors()[0]?.getParameters() ?? []).some((item) =>
      sameType(item, dataParam),
    );
    candidates.push({ name: parameter.getName(), class: declaration, injectsData });
  }
  const resource = controllerName?.replace(/Controller$/u, '') ?? '';
  const rank = (item: (typeof candidates)[number]): number =>
    (item.injectsData ? 0 : 2) + (resource !== '' && item.class.getName()?.startsWith(resource) ? 0 : 1);
  const best = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
  return best ? { name: best.name, class: best.class } : null;
}

function sameType(a: ParameterDeclaration, b: ParameterDeclaration): boolean {
  const symbolA = a.getType().getSymbol();
  return symbolA !== undefined && symbolA === b.getType().getSymbol();
}

function extractOrSkip(
  project: Project,
  file: SourceFile,
  range: { pos: number; end: number },
): ReturnType<typeof extractToModuleFunction> {
  try {
    return extractToModuleFunction(project, file, range);
  } catch (error) {
    if (error instanceof RefactorUnavailable) throw new Skip(`TypeScript cannot extract its logic: ${error.message}`);
    throw error;
  }
}

function moveOrSkip(project: Project, file: SourceFile, fn: Node, target: string): string[] {
  try {
    return moveToFile(project, file, { pos: fn.getStart(), end: fn.getEnd() }, target);
  } catch (error) {
    if (error instanceof RefactorUnavailable)
      throw new Skip(`TypeScript cannot move it to ${basename(target)}: ${error.message}`);
    throw error;
  }
}

/** `base`, or `base2`, `base3`, … : a name neither the service file nor the route file declares at the top level. */
function freeName(project: Project, serviceFile: string, file: SourceFile, base: string): string {
  const service = project.getSourceFile(serviceFile);
  const declared = (name: string): boolean =>
    [file, service].some(
      (source) => source !== undefined && source.getLocals().some((symbol) => symbol.getName() === name),
    );
  let name = base;
  for (let suffix = 2; declared(name); suffix += 1) name = `${base}${suffix}`;
  return name;
}

/**
 * The route file's own module-level constants that the extracted function reads and that stand alone
 * (`const prisma = new PrismaClient()`: its initializer reads only imports and globals), moved into a
 * module of their own with TypeScript's "Move to a new file" refactor, so the service imports them from
 * there instead of importing the route file. Returns the paths touched.
 */
function moveClientsOut(project: Project, file: SourceFile, functionName: string): string[] {
  const touched: string[] = [];
  for (let round = 0; round < 5; round += 1) {
    const fn = file.getFunctionOrThrow(functionName);
    const statement = fn
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .flatMap((identifier) => identifier.getSymbol()?.getDeclarations() ?? [])
      .filter(Node.isVariableDeclaration)
      .map((declaration) => declaration.getVariableStatement())
      .find(
        (candidate) =>
          candidate !== undefined &&
          candidate.getParent() === file &&
          candidate.getDeclarationKind() === VariableDeclarationKind.Const &&
          readsOnlyImports(candidate),
      );
    if (!statement) break;
    try {
      touched.push(...moveToNewFile(project, file, { pos: statement.getStart(), end: statement.getEnd() }));
    } catch (error) {
      if (error instanceof RefactorUnavailable) break;
      throw error;
    }
  }
  return touched;
}

/** Whether a module-level statement reads nothing of its file but imports (and globals). */
function readsOnlyImports(statement: Node): boolean {
  const file = statement.getSourceFile();
  return statement.getDescendantsOfKind(SyntaxKind.Identifier).every((identifier) => {
    const declaration = identifier.getSymbol()?.getDeclarations()[0];
    if (!declaration || declaration.getSourceFile() !== file) return true;
    if (statement.getDescendants().includes(declaration)) return true;
    return declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration) !== undefined;
  });
}

/**
 * Where a statement ends with the comments on its last line (`total += x; // in cents`): the extraction
 * takes them along, where TypeScript would otherwise copy them into the function and also leave them.
 */
function endWithComment(statement: Node): number {
  return statement.getTrailingCommentRanges().at(-1)?.getEnd() ?? statement.getEnd();
}

/**
 * TypeScript's extraction copies the comment at the end of the last extracted statement into the new
 * function and also leaves it after the call (`await listOrders(id); // in cents`): the copy left behind
 * goes, so each comment is kept once, with the code it describes.
 */
function dropCopiedComments(file: SourceFile, fn: FunctionDeclaration): void {
  const call = file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((node) => node.getExpression().getText() === fn.getName());
  const statement = call?.getParentWhile((parent) => !Node.isStatement(parent));
  const owner = statement?.getParent();
  if (!owner || !Node.isStatement(owner)) return;
  const body = fn.getText();
  for (const comment of [...owner.getTrailingCommentRanges()].reverse()) {
    if (!body.includes(comment.getText())) continue;
    const text = file.getFullText();
    let start = comment.getPos();
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start -= 1;
    file.removeText(start, comment.getEnd());
  }
}

function freeMember(cls: ClassDeclaration, base: string): string {
  let name = base;
  for (let suffix = 2; cls.getMember(name) !== undefined; suffix += 1) name = `${base}${suffix}`;
  return name;
}

function freeLocal(block: Block, base: string): string {
  const taken = localNames(block);
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${suffix}`;
  return name;
}
