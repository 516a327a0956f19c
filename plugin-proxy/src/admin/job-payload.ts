/** PUT /admin/jobs/:id/payload — replace a dead job's payload (the JSON body is the new payload) before a retry. */
import type { FastifyInstance } from 'fastify';
import { ConnectorError } from '../errors';
import type { Store } from '../store/types';
import { requireJobFor } from './job-guard';
import { idParams, parseOr400 } from './params';

export function jobPayloadRoute(app: FastifyInstance, store: Store): void {
  app.put('/jobs/:id/payload', async (req) => {
    const { id } = parseOr400(idParams, req.params, 'job id');
    if (req.body === undefined || req.body === null) throw new ConnectorError('CONNECTOR_ERR_MALFORMED', 'The request body (the new payload, JSON) is required');
    await requireJobFor(store, id, 'editPayload', 'edit the payload of');
    const job = await store.jobs.editPayload(id, req.body);
    req.log.info({ jobId: id, kind: job.kind, recordKey: job.recordKey }, 'dead job payload edited');
    return job;
  });
}
