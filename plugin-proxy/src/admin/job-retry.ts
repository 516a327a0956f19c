/** POST /admin/jobs/:id/retry — redrive a dead job (back to queued with a fresh attempt budget). */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';
import { requireJobFor } from './job-guard';
import { idParams, parseOr400 } from './params';

export function jobRetryRoute(app: FastifyInstance, store: Store): void {
  app.post('/jobs/:id/retry', async (req) => {
    const { id } = parseOr400(idParams, req.params, 'job id');
    await requireJobFor(store, id, 'retryDead', 'retry');
    const job = await store.jobs.retryDead(id);
    req.log.info({ jobId: id, kind: job.kind, recordKey: job.recordKey }, 'dead job redriven');
    return job;
  });
}
