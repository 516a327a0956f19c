import type { Order } from '../../../plugin-proxy/src/clients/clarity';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import { deliverClarityEvent } from '../support/faults';
import { orderKit } from '../support/orders';

type Row = Record<string, unknown>;

/**
 * Orders written together: concurrent order jobs share `$batch` requests (one change set per order, DataverseClient
 * .changeSet), know from the link table that an order is new instead of reading it, and cache which SKUs are
 * products. What must hold regardless: one sales order per Clarity order, replays never duplicate (also when the
 * link of a written order was lost), a stale SKU cache entry never loses an order, and an order Dataverse refuses
 * fails alone (dead-lettered with its reason) while the others in its batch commit.
 */
describe('orders batched across jobs', () => {
  let sb: ConnectorSandbox;
  let seq = 0;
  beforeAll(async () => {
    sb = await startConnectorSandbox();
  });
  afterAll(() => sb.close());

  const { dvGet, createProduct } = orderKit(() => sb);
  const newCustomer = async (tag: string) => {
    const res = await sb.clarityApi('POST', '/customers', { firstName: 'Bea', lastName: `Batch${tag}`, email: `bea.${tag}@example.com`, shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': `batch-cust-${tag}` });
    expect(res.status).toBe(201);
    return String(res.body.customerId);
  };
  const address = { firstName: 'Bea', lastName: 'Batch', line1: '2 Main St', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US' };
  const createOrder = async (customerId: string, sku: string, status = 'confirmed') => {
    const res = await sb.clarityApi('POST', '/orders', { customerId, email: 'bea@example.com', status, billingAddress: address, shippingAddress: address, lineItems: [{ sku, name: `Item ${sku}`, quantity: 2, unitPrice: '12.50' }] }, { 'idempotency-key': `batch-order-${++seq}` });
    expect(res.status).toBe(201);
    return res.body as Order;
  };
  const salesOrders = async (orderId: string) =>
    (await dvGet<{ value: Row[] }>(`salesorders?$select=salesorderid,statecode,statuscode,totalamount,clar_syncerror,_customerid_value&$filter=clar_clarityorderid eq '${orderId}'`)).value;
  const connectorWrites = () => sb.dv.emulator.requests.entries().filter((e) => e.caller === 'sandbox-connector' && !e.batchPart && e.method !== 'GET');
  const orderReads = () => sb.dv.emulator.requests.entries().filter((e) => e.caller === 'sandbox-connector' && e.method === 'GET' && /\/salesorders\(/.test(e.url));
  /** Clarity's order.created event for an order, as a new delivery (a fresh event id). */
  const redeliver = (order: Order) => deliverClarityEvent(sb, { id: `evt_redeliver_${++seq}`, type: 'order.created', createdAt: new Date().toISOString(), data: { object: order } });

  let orders: Order[] = [];

  test('a burst of new orders is written in a few $batch requests, without reading any order first; one sales order each', async () => {
    await createProduct('BATCH-SKU-1');
    const customers: string[] = [];
    for (let i = 0; i < 30; i++) customers.push(await newCustomer(`b${i}`));
    await sb.settle();
    sb.dv.emulator.requests.clear();

    orders = await Promise.all(customers.map((c) => createOrder(c, 'BATCH-SKU-1')));
    await sb.settle();
    for (const [i, order] of orders.entries()) {
      const found = await salesOrders(order.orderId);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ statecode: 0, statuscode: 700970000, clar_syncerror: null, totalamount: 25 });
      const contact = await dvGet<Row>(`contacts(clar_clarityid='${customers[i]!}')?$select=contactid`);
      expect(found[0]!._customerid_value).toBe(contact.contactid);
    }
    const writes = connectorWrites();
    // Besides the connector's USD price list (made once, by the first order), only `$batch`es; 30 orders, each a
    // create and a state change, in far fewer requests than orders (how many share one depends on timing, so the
    // bound is loose: one request per order would be 30, the flow before batching made four per order).
    expect(writes.filter((w) => !w.url.endsWith('$batch')).map((w) => `${w.method} ${w.url}`)).toEqual(['POST /api/data/v9.2/pricelevels']);
    expect(writes.length - 1).toBeLessThan(orders.length / 2);
    expect(orderReads()).toHaveLength(0);
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });

  test('replays never duplicate: a repeated event writes nothing, and an order whose link was lost is found by its key', async () => {
    const replayed = orders.slice(0, 10);
    sb.dv.emulator.requests.clear();
    for (const res of await Promise.all(replayed.map(redeliver))) expect(res.status).toBe(200);
    await sb.settle();
    expect(connectorWrites()).toHaveLength(0);

    // A crash after Dataverse committed and before the link was saved: the replay's create meets the alternate key.
    const before = await Promise.all(replayed.map(async (o) => (await salesOrders(o.orderId))[0]!.salesorderid));
    for (const o of replayed) await sb.proxy.store.links.remove('order', o.orderId);
    for (const res of await Promise.all(replayed.map(redeliver))) expect(res.status).toBe(200);
    await sb.settle();
    for (const [i, o] of replayed.entries()) {
      const found = await salesOrders(o.orderId);
      expect(found.map((r) => r.salesorderid)).toEqual([before[i]]);
      expect((await sb.proxy.store.links.byClarity('order', o.orderId))?.dataverseId).toBe(before[i]);
    }
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });

  test('a product deleted in Dynamics after its SKU was cached: the order is written with a write-in line, not lost', async () => {
    const productId = await createProduct('BATCH-GONE-1');
    const customerId = await newCustomer('stale');
    await sb.settle();
    // The first order makes the proxy cache BATCH-GONE-1 as a product (it binds its line to it).
    const first = await createOrder(customerId, 'BATCH-GONE-1');
    await sb.settle();
    const [firstSo] = await salesOrders(first.orderId);
    expect(firstSo!.clar_syncerror).toBeNull();
    expect((await sb.dv.request(`products(${productId})`, { method: 'DELETE' })).status).toBe(204);

    sb.dv.emulator.requests.clear();
    const second = await createOrder(customerId, 'BATCH-GONE-1');
    await sb.settle();
    const [so] = await salesOrders(second.orderId);
    expect(so!.clar_syncerror).toBe('Write-in lines for SKUs not in Dynamics: BATCH-GONE-1.');
    const lines = await dvGet<{ value: Row[] }>(`salesorderdetails?$select=isproductoverridden,_productid_value&$filter=_salesorderid_value eq ${String(so!.salesorderid)}`);
    expect(lines.value).toEqual([expect.objectContaining({ isproductoverridden: true, _productid_value: null })]);
    // The cached answer was used (a create that failed on the missing product), then asked again, then written.
    expect(connectorWrites().filter((w) => w.url.endsWith('$batch'))).toHaveLength(2);
    expect(sb.dv.emulator.requests.entries().filter((e) => e.caller === 'sandbox-connector' && e.method === 'GET' && /\/products\?/.test(e.url))).toHaveLength(1);
    const [job] = await sb.proxy.store.jobs.list({ recordKey: `order:${second.orderId}` });
    expect(job).toMatchObject({ state: 'done', outcome: expect.stringMatching(/created with 1 lines.*flagged for review/) });
  });

  test('an order Dataverse refuses fails alone: dead-lettered with its reason, the others in its batch commit', async () => {
    await createProduct('BATCH-SKU-2');
    const customers: string[] = [];
    for (let i = 0; i < 8; i++) customers.push(await newCustomer(`d${i}`));
    await sb.settle();
    // One customer's contact disappears from Dataverse behind the connector's back (deleted as the connector's own
    // user, so its webhook is dropped as an echo and the link stays): that order's customer bind fails.
    const doomed = customers[3]!;
    const contact = await dvGet<Row>(`contacts(clar_clarityid='${doomed}')?$select=contactid`);
    expect((await sb.dv.request(`contacts(${String(contact.contactid)})`, { method: 'DELETE' })).status).toBe(204);
    await sb.settle();

    const placed = await Promise.all(customers.map((c) => createOrder(c, 'BATCH-SKU-2')));
    await sb.settle();
    for (const [i, o] of placed.entries()) expect(await salesOrders(o.orderId)).toHaveLength(i === 3 ? 0 : 1);
    const dead = await sb.proxy.store.jobs.list({ state: 'dead', kind: 'clarity.order' });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ recordKey: `order:${placed[3]!.orderId}`, lastError: { code: 'CONNECTOR_ERR_NOT_FOUND', upstreamStatus: 404 } });
    expect(dead[0]!.lastError?.message).toMatch(/does not exist in contact entity/);
  });
});
