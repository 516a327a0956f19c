import type { Order } from '../../clients/clarity';
import type { Handler } from '../../queue/worker';
import type { FlowDeps } from '../deps';
import { JOB_KINDS } from '../keys';
import { applyOrderToDataverse } from './apply';

export { applyOrderToDataverse };
export { createOperations, isDuplicateKey, planOrder } from './apply';
export { toSalesOrder, ORDER_MAPPINGS, WRITE_IN_MARKER } from './to-salesorder';

interface ClarityEnvelope {
  id: string;
  type: string;
  /** Over 256 KB Clarity sends only `{ id, truncated: true }` (clarity-api.md §4.7): a 20-line order can be. */
  data: { object: Order | { id: string; orderId?: string; truncated: true } };
}

/** The orders flow's job handlers: `order.created/updated/cancelled` → salesorder. */
export function orderHandlers(deps: FlowDeps): Record<string, Handler> {
  return {
    [JOB_KINDS.clarityOrder]: async (job) => {
      const event = job.payload as ClarityEnvelope;
      const sent = event.data.object;
      const truncated = 'truncated' in sent && sent.truncated === true;
      const order = truncated ? await deps.clarity.getOrder(sent.orderId ?? sent.id) : (sent as Order);
      if (!order) return { skipped: true, note: `order no longer exists in Clarity (${event.type} ${event.id}, truncated)` };
      return applyOrderToDataverse(deps, order, `${event.type} ${event.id}`);
    },
  };
}
