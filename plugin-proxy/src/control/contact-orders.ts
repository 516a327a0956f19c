/** GET /api/control/contacts/:id/orders — the OrderHistory control on a contact form. */
import type { FastifyInstance } from 'fastify';
import { customerOfContact } from './customers-of';
import type { RouteDeps } from './deps';
import { listOrdersPage } from './orders-list';
import { ordersQuery, parseOr400, recordParams } from './params';

export function contactOrdersRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/contacts/:id/orders', async (req) => {
    const { id } = parseOr400(recordParams, req.params, 'contact id');
    const q = parseOr400(ordersQuery, req.query, 'query');
    const customerId = await customerOfContact(deps.store, id);
    return listOrdersPage(deps, `contact:${id}`, customerId ? [customerId] : [], q);
  });
}
