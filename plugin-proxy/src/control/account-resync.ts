/** POST /api/control/accounts/:id/resync — the "Resync with Clarity" button on an account (needs the resync role). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';
import { runResync } from './resync-run';

export function accountResyncRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.post('/accounts/:id/resync', async (req, reply) => runResync(deps, req, reply, 'account'));
}
