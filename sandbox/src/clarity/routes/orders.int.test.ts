/** Orders over real HTTP: spec §4.6 totals, 422 mismatch, transitions, cancel, stock allocation. */
import { SPEC_ORDER_EXAMPLE, specOrderRequest } from '../domain/spec-example.fixture';
import { startEmulator, type Running } from '../test-support';
import type { ClarityEvent, InventoryLevel, Order } from '../types';

let run: Running;
beforeEach(async () => { run = await startEmulator({ now: () => new Date('2025-01-15T14:30:00Z') }); });
afterEach(async () => { await run.emu.close(); });

const SERVER_ASSIGNED = ['orderId', 'orderNumber', 'lineItems', 'payments', 'createdAt', 'updatedAt'];

test('spec §4.6 example: 201, Location, ETag "1", every total as printed', async () => {
  const r = await run.call('POST', '/orders', { body: specOrderRequest() });
  expect(r.status).toBe(201);
  const o = r.body as Order;
  expect(r.headers.get('location')).toBe(`/api/v1/orders/${o.orderId}`);
  expect(r.headers.get('etag')).toBe('"1"');
  const expected = Object.fromEntries(Object.entries(SPEC_ORDER_EXAMPLE).filter(([k]) => !SERVER_ASSIGNED.includes(k)));
  expect(o).toMatchObject(expected);
  expect(o.lineItems.map(({ lineItemId: _l, ...rest }) => rest)).toEqual(SPEC_ORDER_EXAMPLE.lineItems.map(({ lineItemId: _l, ...rest }) => rest));
  expect(o.payments).toEqual(SPEC_ORDER_EXAMPLE.payments);
  expect(o.orderNumber).toMatch(/^SO-\d+$/);
  expect((await run.call('GET', `/orders/${o.orderId}`)).body).toEqual(o);
});

test('the order allocates stock exactly like the spec §4.7 inventory.changed example', async () => {
  const r = await run.call('POST', '/orders', { body: specOrderRequest() });
  const inv = (run.emu.state.eventLog() as ClarityEvent<InventoryLevel>[]).find((e) => e.type === 'inventory.changed' && e.data.object.sku === 'WID-100-BLU')!;
  expect(inv.data.object).toMatchObject({ onHand: 50, allocated: 4, available: 46, locationId: 'loc_austin', productId: 'prd_5512' });
  expect(inv.data.change).toEqual({ previousAvailable: 48, delta: -2, reason: 'order', referenceId: r.body.orderId });
});

test('totals may be omitted; a stated total one cent off is 422 totals_mismatch with the computation', async () => {
  const { totalPrice: _p, totalTax: _t, taxLines: _tl, subtotalPrice: _s, totalPaid: _tp, balanceDue: _b, ...bare } = specOrderRequest();
  const ok = await run.call('POST', '/orders', { body: bare });
  expect(ok.status).toBe(201);
  expect(ok.body).toMatchObject({ totalPrice: '101.89', totalTax: '7.01' });
  const bad = await run.call('POST', '/orders', { body: { ...specOrderRequest(), totalPrice: '101.90' } });
  expect(bad.status).toBe(422);
  expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(bad.body).toMatchObject({ code: 'totals_mismatch', status: 422, computed: { totalPrice: '101.89' } });
  expect(bad.body.errors).toEqual([{ field: 'totalPrice', code: 'totals_mismatch', message: 'Stated 101.90, computed 101.89.' }]);
});

test('validation: empty lineItems, quantity 0, unknown country, bad email', async () => {
  const r = await run.call('POST', '/orders', { body: { email: 'nope', lineItems: [], billingAddress: { line1: 'x', city: 'y', countryCode: 'XX' } } });
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('validation_error');
  const fields = r.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
  expect(fields).toEqual(expect.arrayContaining(['email:invalid_format', 'lineItems:too_small', 'billingAddress.countryCode:unknown_country']));
  const q0 = await run.call('POST', '/orders', { body: { ...specOrderRequest(), lineItems: [{ sku: 'GAD-200', quantity: 0 }] } });
  expect(q0.body.errors[0].field).toBe('lineItems[0].quantity');
});

test('status transitions are enforced; cancel releases stock and emits order.cancelled', async () => {
  const o = (await run.call('POST', '/orders', { body: { ...specOrderRequest(), status: 'pending' } })).body as Order;
  const bad = await run.call('PATCH', `/orders/${o.orderId}`, { body: { status: 'completed' } });
  expect(bad.status).toBe(409);
  expect(bad.body).toMatchObject({ code: 'invalid_status_transition', currentStatus: 'pending' });
  const stale = await run.call('PATCH', `/orders/${o.orderId}`, { body: { status: 'confirmed' }, headers: { 'If-Match': '"9"' } });
  expect(stale.status).toBe(412);
  const conf = await run.call('PATCH', `/orders/${o.orderId}`, { body: { status: 'confirmed', notes: 'ok' }, headers: { 'If-Match': '"1"', 'content-type': 'application/merge-patch+json' } });
  expect(conf.status).toBe(200);
  expect(conf.body).toMatchObject({ status: 'confirmed', notes: 'ok', version: 2 });
  const cancel = await run.call('POST', `/orders/${o.orderId}/cancel`, { body: { reason: 'customer request' } });
  expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: 'customer request', version: 3 });
  expect(cancel.body.cancelledAt).toBeDefined();
  // Cancelling again is a no-op (safe to retry); cancelling a completed order is not allowed.
  expect((await run.call('POST', `/orders/${o.orderId}/cancel`)).body.version).toBe(3);
  const updated = run.emu.state.eventLog().filter((e) => e.type === 'order.updated');
  expect(updated[0]!.data.previousAttributes).toMatchObject({ status: 'pending', notes: null });
  const types = run.emu.state.eventLog().map((e) => e.type);
  expect(types.filter((t) => t.startsWith('order.'))).toEqual(['order.created', 'order.updated', 'order.updated', 'order.cancelled']);
  const level = (await run.call('GET', '/products/WID-100-BLU/inventory')).body.levels[0];
  expect(level).toMatchObject({ allocated: 2, available: 48 });
  const ro = await run.call('PATCH', `/orders/${o.orderId}`, { body: { totalPrice: '1.00' } });
  expect(ro.status).toBe(422);
});

test('shipping consumes stock and fills shipments; payments and shipments sub-collections', async () => {
  const o = (await run.call('POST', '/orders', { body: specOrderRequest() })).body as Order;
  const shipped = await run.call('PATCH', `/orders/${o.orderId}`, { body: { status: 'shipped' } });
  expect(shipped.body).toMatchObject({ status: 'shipped', fulfillmentStatus: 'fulfilled' });
  expect(shipped.body.lineItems.every((l: { fulfillmentStatus: string }) => l.fulfillmentStatus === 'fulfilled')).toBe(true);
  const sh = await run.call('GET', `/orders/${o.orderId}/shipments`);
  expect(sh.body.data).toHaveLength(1);
  expect((await run.call('GET', `/orders/${o.orderId}/payments`)).body.data[0].paymentId).toBe('pay_9001');
  expect((await run.call('GET', '/products/WID-100-BLU/inventory')).body.levels[0]).toMatchObject({ onHand: 48, allocated: 2, available: 46 });
  expect((await run.call('PATCH', `/orders/${o.orderId}`, { body: { status: 'completed' } })).body.status).toBe('completed');
  expect((await run.call('POST', `/orders/${o.orderId}/cancel`)).body.code).toBe('invalid_status_transition');
});

test('list filters: customerId, status, email, and -createdAt', async () => {
  const a = (await run.call('POST', '/orders', { body: specOrderRequest() })).body as Order;
  const { customerId: _c, ...guest } = specOrderRequest();
  const b = (await run.call('POST', '/orders', { body: { ...guest, email: 'Guest@Example.com', status: 'pending' } })).body as Order;
  const ids = async (q: string) => (await run.call('GET', `/orders${q}`)).body.data.map((o: Order) => o.orderId);
  expect(await ids('?customerId=cus_2001')).toEqual([a.orderId]);
  expect(await ids('?status=pending')).toEqual([b.orderId]);
  expect(await ids('?email=guest@example.com')).toEqual([b.orderId]);
  expect(await ids('?paymentStatus=paid&sort=-createdAt')).toEqual([b.orderId, a.orderId].sort().reverse());
  expect((await run.call('GET', '/orders?status=bogus')).status).toBe(400);
  expect((await run.call('GET', '/orders?statuz=pending')).body.code).toBe('invalid_request');
  expect((await run.call('GET', '/orders/ord_missing')).status).toBe(404);
});
