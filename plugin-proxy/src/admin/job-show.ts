/** GET /admin/jobs/:id — one job with its payload and last error. */
import type { FastifyInstance } from 'fastify';
import { ConnectorError } from '../errors';
import type { Store } from '../store/types';
import { idParams, parseOr400 } from './params';

export function jobShowRoute(app: FastifyInstance, store: Store): void {
  app.get('/jobs/:id', async (req) => {
    const { id } = parseOr400(idParams, req.params, 'job id');
    const job = await store.jobs.get(id);
    if (!job) throw new ConnectorError('CONNECTOR_ERR_NOT_FOUND', `Job ${id} does not exist`);
    return job;
  });
}
