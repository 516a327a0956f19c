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
  data: { object: Customer };
}

/** The customer flow's job handlers, by job kind. */
export function customerHandlers(deps: CustomerFlowDeps): Record<string, Handler> {
  return {
    [JOB_KINDS.clarityCustomer]: async (job) => {
      const event = job.payload as ClarityEnvelope;
      return applyCustomerToDataverse(deps, event.data.object, `${event.type} ${event.id}`);
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
