/** POST /api/control/contacts/:id/resync — the "Resync with Clarity" button on a contact (needs the resync role). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';
import { runResync } from './resync-run';

export function contactResyncRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.post('/contacts/:id/resync', async (req, reply) => runResync(deps, req, reply, 'contact'));
}
