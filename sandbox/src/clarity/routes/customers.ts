/** `/customers` (spec §4.3): create, list/search, fetch, merge-patch. */
import type { FastifyInstance } from 'fastify';
import { ClarityProblem } from '../domain/problem';
import { bodyObject, ifMatch, param, withEtag, type Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';
import { ACCOUNT_STATUSES } from '../types';

export function customerRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { customers } = ctx.state;

  app.post('/customers', { config: { scope: 'customers:write', idempotency: 'required' } }, async (req, reply) => {
    const c = customers.create(bodyObject(req));
    reply.code(201).header('Location', `/api/v1/customers/${c.customerId}`);
    return withEtag(reply, c);
  });

  app.get('/customers', { config: { scope: 'customers:read' } }, async (req, reply) => {
    const q = parseListQuery(req, ['email', 'phone', 'accountStatus', 'updatedAtMin', 'updatedAtMax'], ctx.nowMs());
    const status = q.filters.accountStatus;
    if (status !== undefined && !(ACCOUNT_STATUSES as readonly string[]).includes(status)) {
      throw new ClarityProblem('invalid_request', `accountStatus must be one of ${ACCOUNT_STATUSES.join(', ')}.`);
    }
    return sendPage(req, reply, q, collectPage(customers.walk(q.filters, q.sort === '-createdAt'), q), ctx.nowMs());
  });

  app.get('/customers/:customerId', { config: { scope: 'customers:read' } }, async (req, reply) =>
    withEtag(reply, customers.require(param(req, 'customerId'))));

  app.patch('/customers/:customerId', { config: { scope: 'customers:write', mergePatch: true } }, async (req, reply) =>
    withEtag(reply, customers.patch(param(req, 'customerId'), bodyObject(req), ifMatch(req))));
}
