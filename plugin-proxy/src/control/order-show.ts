/** GET /api/control/orders/:orderId — one order with its lines, shipments (tracking links), payments and returns. */
import type { FastifyInstance } from 'fastify';
import type { Return } from '../clients/clarity';
import { ConnectorError } from '../errors';
import type { RouteDeps } from './deps';
import { orderParams, parseOr400 } from './params';
import { withDeadline } from './upstream';
import { orderDetails } from './views';

export function orderShowRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/orders/:orderId', async (req) => {
    const { orderId } = parseOr400(orderParams, req.params, 'order id');
    const details = await deps.cache.get(`order:${orderId}`, () =>
      withDeadline('Clarity', deps.timeoutMs, async () => {
        const order = await deps.clarity.getOrder(orderId);
        // Thrown inside: an unknown order is not cached (one created a moment later must show up).
        if (!order) throw new ConnectorError('CONNECTOR_ERR_NOT_FOUND', `Order ${orderId} does not exist in Clarity`);
        const returns: Return[] = [];
        for await (const r of deps.clarity.listReturns({ orderId, limit: 100 })) returns.push(r);
        return orderDetails(order, returns);
      }),
    );
    return details;
  });
}
