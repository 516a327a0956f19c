/** POST /admin/jobs/:id/discard — give up on a dead job (kept for the record, never run again). */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';
import { requireJobFor } from './job-guard';
import { idParams, parseOr400 } from './params';

export function jobDiscardRoute(app: FastifyInstance, store: Store): void {
  app.post('/jobs/:id/discard', async (req) => {
    const { id } = parseOr400(idParams, req.params, 'job id');
    await requireJobFor(store, id, 'discard', 'discard');
    const job = await store.jobs.discard(id);
    req.log.info({ jobId: id, kind: job.kind, recordKey: job.recordKey }, 'dead job discarded');
    return job;
  });
}
