/** Products, inventory, returns, promotions and the event log over real HTTP (spec §4.3, §4.6, §4.7). */
import { demoDataset, startEmulator, T0, type Running } from '../test-support';
import type { ClarityEvent, InventoryLevel, Order, Promotion, Return } from '../types';

let run: Running;
afterEach(async () => { await run?.emu.close(); });

test('GET /products/{sku} with ETag; unknown SKU 404', async () => {
  run = await startEmulator();
  const p = await run.call('GET', '/products/WID-100-BLU');
  expect(p.body).toMatchObject({ sku: 'WID-100-BLU', productId: 'prd_5512', price: '24.99', currency: 'USD', active: true });
  expect(p.headers.get('etag')).toBe('"1"');
  expect((await run.call('GET', '/products/NOPE')).body).toMatchObject({ status: 404, code: 'not_found' });
  expect((await run.call('GET', '/products')).body.data).toHaveLength(2);
});

test('PUT inventory is an absolute, idempotent set (spec §4.6); If-Match and validation', async () => {
  run = await startEmulator();
  const put = () => run.call('PUT', '/products/WID-100-BLU/inventory', { body: { locationId: 'loc_austin', onHand: 60 } });
  const a = await put();
  expect(a.body).toMatchObject({ sku: 'WID-100-BLU', productId: 'prd_5512', locationId: 'loc_austin', onHand: 60, allocated: 2, available: 58, version: 31 });
  expect(a.headers.get('etag')).toBe('"31"');
  expect((await put()).body.version).toBe(31); // same value: no new version, no event
  const changes = run.emu.state.eventLog().filter((e) => e.type === 'inventory.changed') as ClarityEvent<InventoryLevel>[];
  expect(changes).toHaveLength(1);
  expect(changes[0]!.data.change).toEqual({ previousAvailable: 48, delta: 10, reason: 'sync' });
  // A single-location store lets locationId be omitted.
  expect((await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: 3 } })).body.onHand).toBe(3);
  expect((await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: 4 }, headers: { 'If-Match': '"1"' } })).status).toBe(412);
  expect((await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: -1 } })).status).toBe(422);
  expect((await run.call('PUT', '/products/NOPE/inventory', { body: { onHand: 1 } })).status).toBe(404);
  expect((await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: 1, locationId: 'loc_mars' } })).body.errors[0].code).toBe('unknown_location');
  const levels = await run.call('GET', '/products/WID-100-BLU/inventory');
  expect(levels.body).toEqual({ sku: 'WID-100-BLU', levels: [a.body] });
});

test('adjustments are relative, need an Idempotency-Key, and replay instead of applying twice', async () => {
  run = await startEmulator();
  const adj = (key?: string) => run.call('POST', '/products/GAD-200/inventory/adjustments', {
    body: { locationId: 'loc_austin', delta: -3, reason: 'adjustment' }, headers: key ? { 'Idempotency-Key': key } : {} });
  expect((await adj()).status).toBe(400);
  const a = await adj('adj-1');
  const b = await adj('adj-1');
  expect(a.body).toMatchObject({ onHand: 7, available: 7 });
  expect(b.headers.get('idempotent-replayed')).toBe('true');
  expect((await run.call('GET', '/products/GAD-200/inventory')).body.levels[0].onHand).toBe(7);
  const tooMuch = await run.call('POST', '/products/GAD-200/inventory/adjustments', { body: { delta: -100 }, headers: { 'Idempotency-Key': 'adj-2' } });
  expect(tooMuch.status).toBe(422);
});

test('returns and promotions are read-only lists and gets; return.created is emitted by the state', async () => {
  const promo: Promotion = { promotionId: 'prm_77', code: 'SAVE5', title: '$5 off', type: 'fixed_amount', value: '5.00', currency: 'USD', active: true, createdAt: T0, updatedAt: T0, version: 1 };
  run = await startEmulator({}, { ...demoDataset(), promotions: [promo] });
  expect((await run.call('GET', '/promotions?code=save5')).body.data).toEqual([promo]);
  expect((await run.call('GET', '/promotions/prm_77')).body).toEqual(promo);
  expect((await run.call('GET', '/promotions/prm_0')).status).toBe(404);
  const order = (await run.call('POST', '/orders', { body: { email: 'r@example.com', lineItems: [{ sku: 'GAD-200', quantity: 1 }], billingAddress: { line1: '1', city: 'A', countryCode: 'US' } } })).body as Order;
  const ret = run.emu.state.createReturn({ orderId: order.orderId, status: 'requested', lineItems: [{ lineItemId: 'li_1', sku: 'GAD-200', quantity: 1 }], currency: 'USD' });
  const list = await run.call('GET', `/returns?orderId=${order.orderId}`);
  expect(list.body.data.map((r: Return) => r.returnId)).toEqual([ret.returnId]);
  expect((await run.call('GET', `/returns/${ret.returnId}`)).body.status).toBe('requested');
  expect((await run.call('POST', '/returns', { body: {} })).status).toBe(404);
  expect(run.emu.state.eventLog().at(-1)!.type).toBe('return.created');
});

test('GET /events filters by type and createdAtMin and pages', async () => {
  let now = Date.parse('2025-03-01T00:00:00Z');
  run = await startEmulator({ now: () => new Date(now) });
  await run.call('POST', '/customers', { body: { firstName: 'A', lastName: 'B', email: 'a@example.com' } });
  now += 60_000;
  await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: 1 } });
  await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: 2 } });
  const all = await run.call('GET', '/events?limit=2');
  expect(all.body.data.map((e: ClarityEvent) => e.type)).toEqual(['customer.created', 'inventory.changed']);
  expect(all.body.pagination.hasMore).toBe(true);
  const rest = await run.call('GET', `/events?cursor=${all.body.pagination.nextCursor}`);
  expect(rest.body.data).toHaveLength(1);
  const inv = await run.call('GET', '/events?type=inventory.changed&createdAtMin=2025-03-01T00:01:00Z');
  expect(inv.body.data).toHaveLength(2);
  expect((await run.call('GET', '/events?createdAtMin=2025-03-01T00:02:00Z')).body.data).toEqual([]);
  expect((await run.call('GET', `/events/${inv.body.data[0].id}`)).body.type).toBe('inventory.changed');
});
