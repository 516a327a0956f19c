/** `/customers/{id}/loyalty/transactions` (spec §4.12): the points ledger; the balance lives on the customer. */
import type { FastifyInstance } from 'fastify';
import { loyaltyCreateSchema, parseBody } from '../domain/schemas';
import { SortedIndex } from '../domain/sorted-index';
import { param, type Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';

export function loyaltyRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { customers } = ctx.state;

  app.get('/customers/:customerId/loyalty/transactions', { config: { scope: 'customers:read' } }, async (req, reply) => {
    const id = param(req, 'customerId');
    customers.require(id);
    const q = parseListQuery(req, [], ctx.nowMs());
    // Ledger entries never change, so both sorts order by createdAt; one customer's ledger is small.
    const txs = new Map(customers.transactions(id).map((t) => [t.transactionId, t]));
    const index = SortedIndex.from([...txs.values()].map((t) => ({ t: Date.parse(t.createdAt), id: t.transactionId })));
    return sendPage(req, reply, q, collectPage({ index, desc: q.sort === '-createdAt', pick: (tid) => txs.get(tid) }, q), ctx.nowMs());
  });

  app.post('/customers/:customerId/loyalty/transactions', { config: { scope: 'loyalty:write', idempotency: 'required' } }, async (req, reply) => {
    const input = parseBody(loyaltyCreateSchema, req.body);
    const tx = customers.addLoyalty(param(req, 'customerId'), input);
    return reply.code(201).send(tx);
  });
}
