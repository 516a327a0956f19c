/** GET /admin/jobs?state=dead&kind=&recordKey=&limit=&after= — a page of jobs, oldest first, with a cursor. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';
import { listQuery, parseOr400 } from './params';

export function jobsListRoute(app: FastifyInstance, store: Store): void {
  app.get('/jobs', async (req) => {
    const q = parseOr400(listQuery, req.query, 'query');
    const jobs = await store.jobs.list(q);
    // A full page may have a next one; ids ascend, so the last id is the cursor.
    const next = jobs.length === q.limit ? (jobs[jobs.length - 1]?.id ?? null) : null;
    return { jobs, next };
  });
}
