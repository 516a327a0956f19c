/** `GET /events` (spec §4.3): the 30-day event log for replay and gap-filling, oldest first. */
import type { FastifyInstance } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import type { Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';

export function eventRoutes(app: FastifyInstance, ctx: Ctx): void {
  const log = ctx.state.events;

  // The spec names no scope for the event log; it serves webhook consumers, so webhooks:manage.
  app.get('/events', { config: { scope: 'webhooks:manage' } }, async (req, reply) => {
    const q = parseListQuery(req, ['type', 'createdAtMin'], ctx.nowMs(), ['updatedAt']);
    const types = q.filters.type?.split(',');
    const min = q.filters.createdAtMin ? Date.parse(q.filters.createdAtMin) : undefined;
    const walk = { index: log.index, desc: false, fromT: min, pick: (id: string) => {
      const e = log.byId.get(id);
      return e && (!types || types.includes(e.type)) ? e : undefined;
    } };
    return sendPage(req, reply, q, collectPage(walk, q), ctx.nowMs());
  });

  app.get('/events/:eventId', { config: { scope: 'webhooks:manage' } }, async (req) => {
    const id = (req.params as { eventId: string }).eventId;
    const e = log.byId.get(id);
    if (!e) throw new ClarityProblem('not_found', `Event '${id}' does not exist (or is older than 30 days).`);
    return e;
  });
}
