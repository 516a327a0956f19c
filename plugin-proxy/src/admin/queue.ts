/** GET /admin/queue — job counts by state. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';

export function queueRoute(app: FastifyInstance, store: Store): void {
  app.get('/queue', async () => ({ counts: await store.jobs.counts() }));
}
