/** GET /admin/conflicts?limit= — the most recent field conflicts and how each was resolved. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';
import { conflictsQuery, parseOr400 } from './params';

export function conflictsRoute(app: FastifyInstance, store: Store): void {
  app.get('/conflicts', async (req) => {
    const { limit } = parseOr400(conflictsQuery, req.query, 'query');
    return { conflicts: await store.conflicts.recent(limit) };
  });
}
