/** The admin API (dead-letter queue), mounted at /admin behind the admin key. One route per file. */
import type { FastifyInstance } from 'fastify';
import type { ProxyAppDeps } from '../app';
import { adminAuth } from './auth';
import { conflictsRoute } from './conflicts';
import { jobDiscardRoute } from './job-discard';
import { jobPayloadRoute } from './job-payload';
import { jobRetryRoute } from './job-retry';
import { jobShowRoute } from './job-show';
import { jobsListRoute } from './jobs-list';
import { queueRoute } from './queue';

export async function adminRoutes(app: FastifyInstance, deps: Pick<ProxyAppDeps, 'config' | 'store'>): Promise<void> {
  app.addHook('onRequest', adminAuth(deps.config.ADMIN_API_KEY));
  jobsListRoute(app, deps.store);
  jobShowRoute(app, deps.store);
  jobPayloadRoute(app, deps.store);
  jobRetryRoute(app, deps.store);
  jobDiscardRoute(app, deps.store);
  queueRoute(app, deps.store);
  conflictsRoute(app, deps.store);
}
