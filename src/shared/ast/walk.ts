import type { TSESTree } from '@typescript-eslint/utils';

/** Child keys per node type, as ESLint's `sourceCode.visitorKeys` or the parser's `visitorKeys` give them. */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Whether a value is an ESTree node (an object with a string `type`), as found under a visitor key. */
export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Calls `enter` for `root` and every node below it (nested functions included), parents first, reading
 * each node's own properties — for code that has no visitor keys at hand, such as the function bodies
 * the authentication checks read; `parent` links, type annotations and return types are not followed.
 */
export function visitNodes(root: TSESTree.Node, enter: (node: TSESTree.Node) => void): void {
  enter(root);
  for (const [key, value] of Object.entries(root)) {
    if (key === 'parent' || key === 'typeAnnotation' || key === 'returnType' || !value || typeof value !== 'object')
      continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) if (isNode(item)) visitNodes(item, enter);
  }
}

/**
 * Calls `enter` for `root` and every node below it, parents before children, in source order.
 * Children are found through `keys` (so comments, tokens and `parent` links are never followed).
 * When `enter` returns `false`, the node's children are skipped.
 */
export function walk(root: TSESTree.Node, keys: VisitorKeys, enter: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const childKeys = keys[node.type] ?? [];
    for (let k = childKeys.length - 1; k >= 0; k -= 1) {
      const child = (node as unknown as Record<string, unknown>)[childKeys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i -= 1) if (child[i]) stack.push(child[i] as TSESTree.Node);
      } else if (child && typeof child === 'object') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/**
 * The node below `root` whose `range` is exactly `range` and that `accept` takes (the outermost such),
 * found by descending through the nodes that contain the range; `null` when none (the text changed
 * since the range was taken).
 */
export function findNodeAt<T extends TSESTree.Node = TSESTree.Node>(
  root: TSESTree.Node,
  range: readonly [number, number],
  accept?: (node: TSESTree.Node) => node is T,
): T | null {
  let current: TSESTree.Node | undefined = root;
  while (current) {
    if (current.range[0] === range[0] && current.range[1] === range[1] && (!accept || accept(current)))
      return current as T;
    let next: TSESTree.Node | undefined;
    for (const [key, value] of Object.entries(current)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value])
        if (isNode(item) && item.range[0] <= range[0] && item.range[1] >= range[1]) next = item;
    }
    current = next;
  }
  return null;
}
