import type { Customer } from '../../clients/clarity';
import type { DataverseEvent } from '../../intake/remote-context';
import type { Handler } from '../../queue/worker';
import { JOB_KINDS } from '../keys';
import { applyAccountToClarity } from './account-to-company';
import { applyCustomerToDataverse } from './clarity-to-dataverse';
import { applyContactToClarity } from './dataverse-to-clarity';
import type { CustomerFlowDeps } from './deps';

export type { CustomerFlowDeps } from './deps';
export { applyCustomerToDataverse, applyContactToClarity, applyAccountToClarity };

interface ClarityEnvelope {
  id: string;
  type: string;
  /** Over 256 KB Clarity sends only `{ id, truncated: true }` (clarity-api.md §4.7). */
  data: { object: Customer | { id: string; truncated: true } };
}

/** The customer flow's job handlers, by job kind. */
export function customerHandlers(deps: CustomerFlowDeps): Record<string, Handler> {
  return {
    [JOB_KINDS.clarityCustomer]: async (job) => {
      const event = job.payload as ClarityEnvelope;
      const sent = event.data.object;
      const customer = 'truncated' in sent && sent.truncated === true ? await deps.clarity.getCustomer(sent.id) : (sent as Customer);
      if (!customer) return { skipped: true, note: `customer ${(sent as { id: string }).id} no longer exists in Clarity (${event.type} ${event.id}, truncated)` };
      return applyCustomerToDataverse(deps, customer, `${event.type} ${event.id}`);
    },
    [JOB_KINDS.dataverseContact]: async (job) => {
      const event = job.payload as DataverseEvent;
      if (event.message === 'Delete') {
        const link = await deps.store.links.byDataverse('customer', event.id);
        if (link) await deps.store.links.remove('customer', link.clarityId);
        return { skipped: true, note: `contact ${event.id} deleted in Dynamics: link removed, the Clarity customer is kept` };
      }
      return applyContactToClarity(deps, event.id, `${event.message} in Dynamics`);
    },
    [JOB_KINDS.dataverseAccount]: async (job) => {
      const event = job.payload as DataverseEvent;
      if (event.message === 'Delete') return { skipped: true, note: `account ${event.id} deleted in Dynamics: customers keep their company` };
      return applyAccountToClarity(deps, event.id, `${event.message} in Dynamics`);
    },
  };
}
