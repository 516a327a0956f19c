/** GET /api/control/accounts/:id/orders — the OrderHistory control on an account form (its customers' orders). */
import type { FastifyInstance } from 'fastify';
import { customersOfAccount } from './customers-of';
import type { RouteDeps } from './deps';
import { listOrdersPage } from './orders-list';
import { ordersQuery, parseOr400, recordParams } from './params';

export function accountOrdersRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/accounts/:id/orders', async (req) => {
    const { id } = parseOr400(recordParams, req.params, 'account id');
    const q = parseOr400(ordersQuery, req.query, 'query');
    const customerIds = await deps.cache.get(`account-customers:${id}`, () => customersOfAccount(deps, id, deps.timeoutMs));
    return listOrdersPage(deps, `account:${id}`, customerIds, q);
  });
}
