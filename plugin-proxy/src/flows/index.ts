import type { Handler } from '../queue/worker';
import { catalogHandlers } from './catalog';
import { customerHandlers } from './customer';
import type { FlowDeps } from './deps';
import { inventoryHandlers, type InventoryOptions } from './inventory';
import { returnHandlers } from './returns';
import { orderHandlers } from './order';
import { resyncHandlers } from './resync';

/**
 * Every flow's job handlers by job kind. A flow is a folder (style.md practice 1); adding one adds a line
 * here. Two flows must not claim the same kind.
 */
export interface FlowOptions {
  inventory?: InventoryOptions;
}

export function allHandlers(deps: FlowDeps, options: FlowOptions = {}): Record<string, Handler> {
  const handlers: Record<string, Handler> = {};
  for (const flow of [customerHandlers(deps), returnHandlers(deps), catalogHandlers(deps), inventoryHandlers(deps, options.inventory), orderHandlers(deps), resyncHandlers(deps)]) {
    for (const [kind, handler] of Object.entries(flow)) {
      if (handlers[kind]) throw new Error(`Two flows handle the job kind ${kind}`);
      handlers[kind] = handler;
    }
  }
  return handlers;
}
