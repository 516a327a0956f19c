/** `/returns` and `/promotions` (spec §4.3): read-only in v1. */
import type { FastifyInstance } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import { param, withEtag, type Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';
import { RETURN_STATUSES } from '../types';

export function returnAndPromotionRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { returns, promotions } = ctx.state.catalog;

  app.get('/returns', { config: { scope: 'orders:read' } }, async (req, reply) => {
    const q = parseListQuery(req, ['status', 'orderId', 'customerId', 'updatedAtMin', 'updatedAtMax'], ctx.nowMs());
    if (q.filters.status && !(RETURN_STATUSES as readonly string[]).includes(q.filters.status)) throw new ClarityProblem('invalid_request', `status must be one of ${RETURN_STATUSES.join(', ')}.`);
    const walk = returns.walk(q.filters, q.sort === '-createdAt', (r, f) =>
      (!f.status || r.status === f.status) && (!f.orderId || r.orderId === f.orderId) && (!f.customerId || r.customerId === f.customerId));
    return sendPage(req, reply, q, collectPage(walk, q), ctx.nowMs());
  });

  app.get('/returns/:returnId', { config: { scope: 'orders:read' } }, async (req, reply) => {
    const r = returns.byId.get(param(req, 'returnId'));
    if (!r) throw new ClarityProblem('not_found', `Return '${param(req, 'returnId')}' does not exist.`);
    return withEtag(reply, r);
  });

  app.get('/promotions', { config: { scope: 'products:read' } }, async (req, reply) => {
    const q = parseListQuery(req, ['active', 'code', 'updatedAtMin', 'updatedAtMax'], ctx.nowMs());
    const walk = promotions.walk(q.filters, q.sort === '-createdAt', (p, f) =>
      (f.active === undefined || String(p.active) === f.active) && (!f.code || p.code?.toLowerCase() === f.code.toLowerCase()));
    return sendPage(req, reply, q, collectPage(walk, q), ctx.nowMs());
  });

  app.get('/promotions/:promotionId', { config: { scope: 'products:read' } }, async (req, reply) => {
    const p = promotions.byId.get(param(req, 'promotionId'));
    if (!p) throw new ClarityProblem('not_found', `Promotion '${param(req, 'promotionId')}' does not exist.`);
    return withEtag(reply, p);
  });
}
