/** `/orders` (spec §4.3): create (totals checked), list, fetch, patch (transitions), cancel, sub-collections. */
import type { FastifyInstance } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import { orderCreateSchema, orderPatchSchema, parseBody } from '../domain/schemas';
import { bodyObject, ifMatch, param, withEtag, type Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';
import { ORDER_STATUSES, PAYMENT_STATUSES, type Page } from '../types';

const SERVER_FIELDS = ['orderId', 'orderNumber', 'paymentStatus', 'fulfillmentStatus', 'createdAt', 'updatedAt', 'version', 'cancelledAt'];

export function orderRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { orders } = ctx.state;

  app.post('/orders', { config: { scope: 'orders:write', idempotency: 'required', cost: 2 } }, async (req, reply) => {
    const body = bodyObject(req);
    // Server-assigned fields echoed back by a client are ignored, as the spec's example response shows them.
    const clean = Object.fromEntries(Object.entries(body).filter(([k]) => !SERVER_FIELDS.includes(k)));
    const o = orders.create(parseBody(orderCreateSchema, clean));
    reply.code(201).header('Location', `/api/v1/orders/${o.orderId}`);
    return withEtag(reply, o);
  });

  app.get('/orders', { config: { scope: 'orders:read' } }, async (req, reply) => {
    const q = parseListQuery(req, ['status', 'paymentStatus', 'customerId', 'email', 'createdAtMin', 'createdAtMax', 'updatedAtMin', 'updatedAtMax'], ctx.nowMs());
    if (q.filters.status && !(ORDER_STATUSES as readonly string[]).includes(q.filters.status)) throw new ClarityProblem('invalid_request', `status must be one of ${ORDER_STATUSES.join(', ')}.`);
    if (q.filters.paymentStatus && !(PAYMENT_STATUSES as readonly string[]).includes(q.filters.paymentStatus)) throw new ClarityProblem('invalid_request', `paymentStatus must be one of ${PAYMENT_STATUSES.join(', ')}.`);
    return sendPage(req, reply, q, collectPage(orders.walk(q.filters, q.sort === '-createdAt'), q), ctx.nowMs());
  });

  app.get('/orders/:orderId', { config: { scope: 'orders:read' } }, async (req, reply) => withEtag(reply, orders.require(param(req, 'orderId'))));

  app.patch('/orders/:orderId', { config: { scope: 'orders:write', mergePatch: true } }, async (req, reply) =>
    withEtag(reply, orders.patch(param(req, 'orderId'), parseBody(orderPatchSchema, bodyObject(req)), ifMatch(req))));

  app.post('/orders/:orderId/cancel', { config: { scope: 'orders:write', idempotency: 'optional' } }, async (req, reply) => {
    const body = bodyObject(req);
    if (body.reason !== undefined && typeof body.reason !== 'string') throw new ClarityProblem('invalid_request', 'reason must be a string.');
    return withEtag(reply, orders.cancel(param(req, 'orderId'), body.reason as string | undefined, ifMatch(req)));
  });

  const sub = <T>(items: T[]): Page<T> => ({ data: items, pagination: { limit: items.length, nextCursor: null, hasMore: false } });
  app.get('/orders/:orderId/payments', { config: { scope: 'orders:read' } }, async (req) => sub(orders.require(param(req, 'orderId')).payments));
  app.get('/orders/:orderId/shipments', { config: { scope: 'orders:read' } }, async (req) => sub(orders.require(param(req, 'orderId')).shipments));
}
