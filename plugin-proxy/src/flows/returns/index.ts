import type { Return } from '../../clients/clarity';
import type { Handler } from '../../queue/worker';
import { JOB_KINDS } from '../keys';
import type { ReturnFlowDeps } from './deps';
import { applyReturnToDataverse } from './to-incident';

export type { ReturnFlowDeps } from './deps';
export { applyReturnToDataverse };

interface ClarityEnvelope {
  id: string;
  type: string;
  /** Over 256 KB Clarity sends only `{ id, truncated: true }` (clarity-api.md §4.7). */
  data: { object: Return | { id: string; truncated: true } };
}

/**
 * The returns flow's job handlers: Clarity returns become Dynamics cases. One way only: the v1 contract has no
 * write endpoint for returns (clarity-api.md §4.3), so case changes in CRM are not sent back.
 */
export function returnHandlers(deps: ReturnFlowDeps): Record<string, Handler> {
  return {
    [JOB_KINDS.clarityReturn]: async (job) => {
      const event = job.payload as ClarityEnvelope;
      const sent = event.data.object;
      const truncated = 'truncated' in sent && sent.truncated === true;
      const returnId = truncated ? sent.id : (sent as Return).returnId;
      const ret = truncated ? await deps.clarity.getReturn(returnId) : (sent as Return);
      if (!ret) return { skipped: true, note: `return ${returnId} no longer exists in Clarity (${event.type} ${event.id}, truncated)` };
      return applyReturnToDataverse(deps, ret, `${event.type} ${event.id}`);
    },
  };
}
