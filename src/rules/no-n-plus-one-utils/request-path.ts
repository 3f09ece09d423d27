import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { getDottedName, getEnclosingClass, getFunctionName, isFunctionNode } from '../../shared/ast/index.js';

/**
 * Decorators that make a method run outside any request: NestJS `@nestjs/schedule` (`Cron`, `Interval`,
 * `Timeout`), `@nestjs/event-emitter` (`OnEvent`), `@nestjs/bull`/`@nestjs/bullmq` queue consumers
 * (`Processor`, `Process`, `OnQueue*`, `OnWorkerEvent`), `@nestjs/microservices` message handlers
 * (`EventPattern`, `MessagePattern`) and nest-commander commands (`Command`, `SubCommand`, `Console`).
 * On the method or on its class.
 */
const OFF_REQUEST_DECORATORS =
  /^(?:Cron|Interval|Timeout|OnEvent|Processor|Process|OnQueue\w*|OnWorkerEvent|EventPattern|MessagePattern|Command|SubCommand|Console)$/u;

/** NestJS lifecycle hooks ("Lifecycle events" in the Nest docs): they run at start-up and shutdown. */
const LIFECYCLE_HOOKS: ReadonlySet<string> = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/**
 * For code in a service-layer or data-layer module that no route of its own file reaches: the name of the
 * outermost named function around `node` (the service method, the repository function), which the
 * layering this plugin enforces calls on behalf of route handlers; `null` when `node` is at module level,
 * or inside a method that runs off the request path (a scheduled job, an event or queue consumer, a
 * lifecycle hook: see {@link OFF_REQUEST_DECORATORS}, {@link LIFECYCLE_HOOKS}).
 */
export function getLayerFunctionName(node: TSESTree.Node): string | null {
  let name: string | null = null;
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const own = getFunctionName(current);
    if (own !== null) name = own;
    const member = current.parent;
    if (member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) {
      if (own !== null && LIFECYCLE_HOOKS.has(own)) return null;
      if (hasOffRequestDecorator(member.decorators)) return null;
      const classNode = getEnclosingClass(current);
      if (classNode && hasOffRequestDecorator(classNode.decorators)) return null;
    }
  }
  return name;
}

function hasOffRequestDecorator(decorators: readonly TSESTree.Decorator[] | undefined): boolean {
  return (decorators ?? []).some((decorator) => OFF_REQUEST_DECORATORS.test(getDecoratorName(decorator) ?? ''));
}

function getDecoratorName(decorator: TSESTree.Decorator): string | null {
  const name = getDottedName(decorator.expression);
  return name === null ? null : name.slice(name.lastIndexOf('.') + 1);
}
