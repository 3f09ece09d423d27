import { ts, type Project, type SourceFile } from 'ts-morph';

/** Why a TypeScript refactor could not be applied. */
export class RefactorUnavailable extends Error {}

/**
 * Format settings for the refactors' output: TypeScript's defaults (`ts.getDefaultFormatCodeSettings`:
 * spaces around binary operators, after keywords and commas) with two-space indentation; semicolons
 * as the file writes them (`SemicolonPreference.Ignore`: TypeScript's `probablyUsesSemicolons` reads
 * the file).
 */
function formatSettings(): ts.FormatCodeSettings {
  return {
    ...ts.getDefaultFormatCodeSettings('\n'),
    indentSize: 2,
    tabSize: 2,
    convertTabsToSpaces: true,
    semicolons: ts.SemicolonPreference.Ignore,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  };
}

/**
 * Preferences of the refactors: quotes and import specifier endings follow the file (`auto`: TypeScript
 * reads them from the file's existing imports; `.js` when the route file writes relative imports with it).
 */
function preferences(file: SourceFile): ts.UserPreferences {
  return {
    quotePreference: 'auto',
    // A new service file has no imports to read the ending from: it takes the route file's.
    importModuleSpecifierEnding: /from\s+['"]\.{1,2}\/[^'"]+\.js['"]/u.test(file.getFullText()) ? 'js' : 'auto',
    importModuleSpecifierPreference: 'relative',
    allowTextChangesInNewFiles: true,
  };
}

/**
 * Applies a refactor's file edits to the project's source files, creating the files it creates.
 * Returns the paths touched.
 */
function applyEdits(project: Project, edits: readonly ts.FileTextChanges[]): string[] {
  const touched: string[] = [];
  for (const edit of edits) {
    const file = project.getSourceFile(edit.fileName) ?? project.createSourceFile(edit.fileName, '');
    let text = file.getFullText();
    for (const change of [...edit.textChanges].sort((a, b) => b.span.start - a.span.start)) {
      text = text.slice(0, change.span.start) + change.newText + text.slice(change.span.start + change.span.length);
    }
    file.replaceWithText(text);
    touched.push(edit.fileName);
  }
  return touched;
}

/**
 * TypeScript's "Extract Symbol" refactor, action "Extract to function in module scope" (the last
 * `function_scope_<n>` it offers, `extractSymbol.ts` in the TypeScript sources): the statements in
 * `range` of `file` become a module-level function; TypeScript computes its parameters (the locals the
 * statements read), its return value (the locals they declare that later code reads, returned as an
 * object and destructured at the call site) and `async` (when they `await`). Returns the function's
 * declaration; the call replaces the statements.
 *
 * @throws {RefactorUnavailable} when TypeScript does not offer a module-scope extraction for the range
 * (with its reason, e.g. the range contains a `return` or reads `this`).
 */
export function extractToModuleFunction(
  project: Project,
  file: SourceFile,
  range: { pos: number; end: number },
): { name: string; touched: string[] } {
  const service = project.getLanguageService().compilerObject;
  const PREFERENCES = preferences(file);
  const refactors = service.getApplicableRefactors(file.getFilePath(), range, PREFERENCES, undefined, undefined, true);
  const actions = refactors.find((refactor) => refactor.name === 'Extract Symbol')?.actions ?? [];
  const action = actions.filter(
    (item) => item.name.startsWith('function_scope_') && /(?:module|global) scope/u.test(item.description),
  )[0];
  if (!action) {
    const reason = actions.find((item) => item.name.startsWith('function_scope_'))?.notApplicableReason;
    throw new RefactorUnavailable(
      reason ?? 'TypeScript offers no extraction of these statements into a module-level function',
    );
  }
  if (action.notApplicableReason) throw new RefactorUnavailable(action.notApplicableReason);
  const info = service.getEditsForRefactor(
    file.getFilePath(),
    formatSettings(),
    range,
    'Extract Symbol',
    action.name,
    PREFERENCES,
  );
  if (!info || info.renameLocation === undefined) throw new RefactorUnavailable('TypeScript returned no extraction');
  const touched = applyEdits(project, info.edits);
  const identifier = file.getDescendantAtPos(info.renameLocation);
  if (!identifier) throw new RefactorUnavailable('the extracted function could not be found');
  return { name: identifier.getText(), touched };
}

/**
 * TypeScript's "Move to file" refactor (TypeScript 5.2 and later, `moveToFile.ts`; its target is the
 * `interactiveRefactorArguments.targetFile`): moves the top-level statements in `range` of `file` into
 * `targetFile` (created when missing), exports what the other file now needs, and rewrites the imports of
 * both files and of every file importing the moved declarations. Returns the paths touched.
 *
 * @throws {RefactorUnavailable} when TypeScript does not offer the move.
 */
export function moveToFile(
  project: Project,
  file: SourceFile,
  range: { pos: number; end: number },
  targetFile: string,
): string[] {
  const service = project.getLanguageService().compilerObject;
  const PREFERENCES = preferences(file);
  const refactors = service.getApplicableRefactors(file.getFilePath(), range, PREFERENCES, undefined, undefined, true);
  const action = refactors
    .find((refactor) => refactor.name === 'Move to file')
    ?.actions.find((item) => item.name === 'Move to file');
  if (!action || action.notApplicableReason)
    throw new RefactorUnavailable(action?.notApplicableReason ?? 'TypeScript offers no move of this function');
  if (!project.getSourceFile(targetFile)) project.createSourceFile(targetFile, '');
  const info = service.getEditsForRefactor(
    file.getFilePath(),
    formatSettings(),
    range,
    'Move to file',
    'Move to file',
    PREFERENCES,
    { targetFile },
  );
  if (!info) throw new RefactorUnavailable('TypeScript returned no move');
  return applyEdits(project, info.edits);
}

/**
 * TypeScript's "Add or remove braces in an arrow function" refactor, action "Add braces to arrow
 * function" (`addOrRemoveBracesToArrowFunction.ts`): `c => c.json(x)` becomes `c => { return c.json(x); }`.
 * `arrowAt` is the offset of the arrow's `=>` (TypeScript offers it there, not inside the body).
 *
 * @throws {RefactorUnavailable} when TypeScript does not offer it there.
 */
export function addBracesToArrow(project: Project, file: SourceFile, arrowAt: number): void {
  const service = project.getLanguageService().compilerObject;
  const range = { pos: arrowAt, end: arrowAt };
  const name = 'Add or remove braces in an arrow function';
  const action = service
    .getApplicableRefactors(file.getFilePath(), range, preferences(file), undefined, undefined, true)
    .find((refactor) => refactor.name === name)
    ?.actions.find((item) => item.name === 'Add braces to arrow function');
  if (!action || action.notApplicableReason)
    throw new RefactorUnavailable(action?.notApplicableReason ?? 'TypeScript offers no braces for this arrow function');
  const info = service.getEditsForRefactor(
    file.getFilePath(),
    formatSettings(),
    range,
    name,
    action.name,
    preferences(file),
  );
  if (!info) throw new RefactorUnavailable('TypeScript returned no edit');
  applyEdits(project, info.edits);
}

/**
 * TypeScript's "Move to a new file" refactor (`moveToNewFile.ts`): moves the top-level statements in
 * `range` of `file` into a new module beside it, named by TypeScript after the first declaration
 * (`const prisma = new PrismaClient()` → `prisma.ts`), exporting them there and importing them where
 * they are used. Returns the paths touched.
 *
 * @throws {RefactorUnavailable} when TypeScript does not offer the move.
 */
export function moveToNewFile(project: Project, file: SourceFile, range: { pos: number; end: number }): string[] {
  const service = project.getLanguageService().compilerObject;
  const name = 'Move to a new file';
  const action = service
    .getApplicableRefactors(file.getFilePath(), range, preferences(file), undefined, undefined, true)
    .find((refactor) => refactor.name === name)
    ?.actions.find((item) => item.name === name);
  if (!action || action.notApplicableReason)
    throw new RefactorUnavailable(action?.notApplicableReason ?? 'TypeScript offers no move to a new file');
  const info = service.getEditsForRefactor(file.getFilePath(), formatSettings(), range, name, name, preferences(file));
  if (!info) throw new RefactorUnavailable('TypeScript returned no move');
  return applyEdits(project, info.edits);
}
