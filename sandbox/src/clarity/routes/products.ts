/** `/products/{sku}` and its inventory (spec §4.3, §4.6); `GET /products` is an emulator extension. */
import type { FastifyInstance } from 'fastify';
import { inventoryAdjustSchema, inventoryPutSchema, parseBody } from '../domain/schemas';
import { bodyObject, ifMatch, param, withEtag, type Ctx } from '../http/context';
import { collectPage, parseListQuery, sendPage } from '../http/list';

export function productRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { catalog } = ctx.state;

  // Not in the spec's table: the connector's full product sync needs a list, so it is offered read-only.
  app.get('/products', { config: { scope: 'products:read' } }, async (req, reply) => {
    const q = parseListQuery(req, ['updatedAtMin', 'updatedAtMax', 'active'], ctx.nowMs());
    const walk = catalog.products.walk(q.filters, q.sort === '-createdAt', (p, f) => f.active === undefined || String(p.active) === f.active);
    return sendPage(req, reply, q, collectPage(walk, q), ctx.nowMs());
  });

  app.get('/products/:sku', { config: { scope: 'products:read' } }, async (req, reply) => withEtag(reply, catalog.requireProduct(param(req, 'sku'))));

  app.get('/products/:sku/inventory', { config: { scope: 'products:read' } }, async (req) => {
    const sku = param(req, 'sku');
    catalog.requireProduct(sku);
    return { sku, levels: catalog.levels(sku) };
  });

  app.put('/products/:sku/inventory', { config: { scope: 'inventory:write' } }, async (req, reply) => {
    const sku = param(req, 'sku');
    catalog.requireProduct(sku);
    const b = parseBody(inventoryPutSchema, bodyObject(req));
    const level = catalog.setOnHand(sku, catalog.resolveLocation(b.locationId), b.onHand, b.reason ?? 'sync', ifMatch(req));
    return withEtag(reply, level);
  });

  app.post('/products/:sku/inventory/adjustments', { config: { scope: 'inventory:write', idempotency: 'required' } }, async (req, reply) => {
    const sku = param(req, 'sku');
    catalog.requireProduct(sku);
    const b = parseBody(inventoryAdjustSchema, bodyObject(req));
    const level = catalog.change(sku, catalog.resolveLocation(b.locationId), { onHand: b.delta }, b.reason, { referenceId: b.referenceId });
    return withEtag(reply, level);
  });
}
