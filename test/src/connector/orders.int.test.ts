import { join } from 'node:path';
import type { Order } from '../../../plugin-proxy/src/clients/clarity';
import { applyCustomerToDataverse } from '../../../plugin-proxy/src/flows/customer';
import { applyOrderToDataverse } from '../../../plugin-proxy/src/flows/order';
import { loadMappings } from '../../../plugin-proxy/src/mapping';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import { orderKit } from '../support/orders';

type Row = Record<string, unknown>;

/**
 * Orders end to end over real HTTP: Clarity order → webhook → proxy → one Dataverse sales order with its lines,
 * totals equal to Clarity's to the cent; status changes move the order's state; unknown SKUs become flagged
 * write-in lines; a customer not in CRM yet becomes exactly one contact even when its own event races the order.
 */
describe('orders from Clarity to Dataverse sales orders', () => {
  let sb: ConnectorSandbox;
  let seq = 0;
  beforeAll(async () => {
    sb = await startConnectorSandbox();
  });
  afterAll(() => sb.close());

  const { dvGet, createProducts } = orderKit(() => sb);
  const newCustomer = async (tag: string) => {
    const res = await sb.clarityApi('POST', '/customers', { firstName: 'Olga', lastName: `Order${tag}`, email: `olga.${tag}@example.com`, shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': `cust-${tag}` });
    expect(res.status).toBe(201);
    return String(res.body.customerId);
  };
  const address = { firstName: 'Olga', lastName: 'Order', line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US' };
  const createOrder = async (body: Row) => {
    const res = await sb.clarityApi('POST', '/orders', { email: 'olga@example.com', billingAddress: address, shippingAddress: address, ...body }, { 'idempotency-key': `order-${++seq}-${Date.now()}` });
    expect(res.status).toBe(201);
    return res.body as Row & { orderId: string; version: number };
  };
  const salesOrder = async (orderId: string) =>
    dvGet<Row>(
      `salesorders(clar_clarityorderid='${orderId}')?$select=salesorderid,ordernumber,name,statecode,statuscode,totalamount,totaltax,totallineitemamount,totallineitemdiscountamount,totaldiscountamount,discountamount,freightamount,clar_syncerror,_customerid_value,_pricelevelid_value,shipto_city,billto_line1`,
    );
  const details = async (salesorderid: string) =>
    (await dvGet<{ value: Row[] }>(`salesorderdetails?$select=lineitemnumber,quantity,priceperunit,manualdiscountamount,tax,baseamount,extendedamount,isproductoverridden,productdescription,_productid_value,pricingerrorcode&$filter=_salesorderid_value eq ${salesorderid}&$orderby=lineitemnumber`)).value;
  /** The proxy's own flow dependencies, to run flow steps directly (deterministic races, replays). */
  const flowDeps = () => {
    const p = sb.proxy;
    return { store: p.store, dataverse: p.dataverse, clarity: p.clarity, mappings: loadMappings(join(__dirname, '../../../plugin-proxy/mappings')), now: () => new Date(), logger: p.logger };
  };
  const cents = (v: unknown) => Math.round(Number(v) * 100);
  const orderWrites = () => sb.dv.emulator.requests.entries().filter((e) => ['POST', 'PATCH', 'DELETE'].includes(e.method) && /salesorder|\$batch/.test(e.url)).length;

  test('a 20-line order with two discounts, shipping and tax becomes one sales order matching Clarity to the cent; re-applying writes nothing', async () => {
    const skus = Array.from({ length: 20 }, (_, i) => `ORD-SKU-${String(i + 1).padStart(2, '0')}`);
    await createProducts(skus);
    const customerId = await newCustomer('twenty');
    await sb.settle();
    const order = await createOrder({
      customerId,
      status: 'confirmed',
      purchaseOrderNumber: 'PO-20',
      lineItems: skus.map((sku, i) => ({
        sku,
        name: `Item ${i + 1}`,
        quantity: (i % 3) + 1,
        unitPrice: `${(7 + i * 1.37).toFixed(2)}`,
        discountAllocations: i % 4 === 0 ? [{ promotionId: 'prm_line', code: 'LINE10', amount: '1.10' }] : [],
        taxLines: [{ title: 'TX State + Local', rate: '0.0825' }],
      })),
      shippingLines: [{ title: 'UPS Ground', price: '12.50' }],
      discounts: [
        { promotionId: 'prm_line', code: 'LINE10', type: 'fixed_amount', value: '1.10', amount: '5.50' },
        { promotionId: 'prm_order', code: 'ORDER7', type: 'fixed_amount', value: '7.00', amount: '7.00' },
      ],
    });
    expect(order.totalDiscounts).toBe('12.50');
    await sb.settle();

    const so = await salesOrder(order.orderId);
    expect(so).toMatchObject({ ordernumber: order.orderNumber, name: `${String(order.orderNumber)} / PO PO-20`, statecode: 0, statuscode: 700970000, clar_syncerror: null, shipto_city: 'Austin', billto_line1: '1 Main St' });
    expect(cents(so.totalamount)).toBe(cents(order.totalPrice));
    expect(cents(so.totaltax)).toBe(cents(order.totalTax));
    expect(cents(so.freightamount)).toBe(cents(order.totalShipping));
    expect(cents(so.discountamount)).toBe(700);
    // Lines carry the allocated discount (5.50); the order carries the 7.00 no line carries.
    expect(cents(so.totaldiscountamount)).toBe(700);
    expect(cents(so.totallineitemdiscountamount)).toBe(550);
    expect(cents(so.totallineitemamount)).toBe(cents(order.subtotalPrice) - 550);
    const contact = await dvGet<Row>(`contacts(clar_clarityid='${customerId}')?$select=contactid`);
    expect(so._customerid_value).toBe(contact.contactid);

    const lines = await details(String(so.salesorderid));
    const clarityLines = order.lineItems as { quantity: number; unitPrice: string; totalDiscount: string; lineTotal: string; taxLines: { amount: string }[] }[];
    expect(lines).toHaveLength(20);
    lines.forEach((l, i) => {
      const c = clarityLines[i]!;
      const tax = c.taxLines.reduce((s, t) => s + cents(t.amount), 0);
      expect({ n: l.lineitemnumber, q: l.quantity, price: cents(l.priceperunit), disc: cents(l.manualdiscountamount), tax: cents(l.tax), net: cents(l.baseamount) - cents(l.manualdiscountamount), ext: cents(l.extendedamount), writeIn: l.isproductoverridden, err: l.pricingerrorcode }).toEqual({
        n: i + 1, q: c.quantity, price: cents(c.unitPrice), disc: cents(c.totalDiscount), tax, net: cents(c.lineTotal), ext: cents(c.lineTotal) + tax, writeIn: false, err: 0,
      });
      expect(l._productid_value).toBeTruthy();
    });

    // The same order again (a duplicated delivery or a resync) writes nothing: the link's hash is unchanged.
    const before = orderWrites();
    const link = await sb.proxy.store.links.byClarity('order', order.orderId);
    expect(link).toMatchObject({ dataverseTable: 'salesorder', dataverseId: so.salesorderid, clarityVersion: order.version });
    const again = await sb.clarityApi('PATCH', `/orders/${order.orderId}`, { metadata: { touched: 'yes' } });
    expect(again.status).toBe(200);
    await sb.settle();
    expect(orderWrites()).toBe(before);
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });

  test('status changes in Clarity move the sales order state and status; cancel cancels it', async () => {
    await createProducts(['ORD-STATUS-1']);
    const customerId = await newCustomer('status');
    const order = await createOrder({ customerId, status: 'pending', lineItems: [{ sku: 'ORD-STATUS-1', name: 'Status item', quantity: 1, unitPrice: '10.00' }] });
    await sb.settle();
    expect(await salesOrder(order.orderId)).toMatchObject({ statecode: 0, statuscode: 1 });

    expect((await sb.clarityApi('PATCH', `/orders/${order.orderId}`, { status: 'on_hold' })).status).toBe(200);
    await sb.settle();
    expect(await salesOrder(order.orderId)).toMatchObject({ statecode: 0, statuscode: 2 });

    expect((await sb.clarityApi('PATCH', `/orders/${order.orderId}`, { status: 'confirmed' })).status).toBe(200);
    await sb.settle();
    expect(await salesOrder(order.orderId)).toMatchObject({ statecode: 0, statuscode: 700970000 });

    // A header-only change (notes) updates the order without touching its lines.
    const linesBefore = await details(String((await salesOrder(order.orderId)).salesorderid));
    expect((await sb.clarityApi('PATCH', `/orders/${order.orderId}`, { notes: 'Leave at the back door' })).status).toBe(200);
    await sb.settle();
    const noted = await dvGet<Row>(`salesorders(clar_clarityorderid='${order.orderId}')?$select=description,salesorderid`);
    expect(noted.description).toBe('Leave at the back door');
    expect(await details(String(noted.salesorderid))).toEqual(linesBefore);

    expect((await sb.clarityApi('PATCH', `/orders/${order.orderId}`, { status: 'processing' })).status).toBe(200);
    await sb.settle();
    expect(await salesOrder(order.orderId)).toMatchObject({ statecode: 1, statuscode: 3 });

    const second = await createOrder({ customerId, status: 'confirmed', lineItems: [{ sku: 'ORD-STATUS-1', name: 'Status item', quantity: 2, unitPrice: '10.00' }] });
    await sb.settle();
    expect((await sb.clarityApi('POST', `/orders/${second.orderId}/cancel`, { reason: 'customer asked' })).status).toBe(200);
    await sb.settle();
    expect(await salesOrder(second.orderId)).toMatchObject({ statecode: 2, statuscode: 4 });
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });

  test('an older event for an order is skipped', async () => {
    await createProducts(['ORD-OLD-1']);
    const customerId = await newCustomer('older');
    const order = await createOrder({ customerId, status: 'pending', lineItems: [{ sku: 'ORD-OLD-1', name: 'Old item', quantity: 1, unitPrice: '5.00' }] });
    await sb.settle();
    expect((await sb.clarityApi('PATCH', `/orders/${order.orderId}`, { status: 'confirmed' })).status).toBe(200);
    await sb.settle();
    const result = await applyOrderToDataverse(flowDeps(), order as unknown as Order, 'replayed order.created');
    expect(result).toMatchObject({ skipped: true });
    expect(await salesOrder(order.orderId)).toMatchObject({ statecode: 0, statuscode: 700970000 });
  });

  test('an unknown SKU becomes a write-in line and the order is flagged for review', async () => {
    await createProducts(['ORD-KNOWN-1']);
    const customerId = await newCustomer('writein');
    const order = await createOrder({
      customerId,
      lineItems: [
        { sku: 'ORD-KNOWN-1', name: 'Known', quantity: 1, unitPrice: '20.00', taxLines: [{ title: 'T', rate: '0.1' }] },
        { sku: 'NOT-IN-CRM-9', name: 'Mystery Gadget', quantity: 3, unitPrice: '4.25', taxLines: [{ title: 'T', rate: '0.1' }] },
      ],
    });
    await sb.settle();
    const so = await salesOrder(order.orderId);
    expect(so.clar_syncerror).toBe('Write-in lines for SKUs not in Dynamics: NOT-IN-CRM-9.');
    expect(cents(so.totalamount)).toBe(cents(order.totalPrice));
    const lines = await details(String(so.salesorderid));
    expect(lines[1]).toMatchObject({ isproductoverridden: true, quantity: 3, priceperunit: 4.25, _productid_value: null });
    expect(String(lines[1]!.productdescription)).toMatch(/^Mystery Gadget \(SKU NOT-IN-CRM-9\) \[Clarity: unknown SKU/);
    expect(lines[0]).toMatchObject({ isproductoverridden: false });

    // Once the product exists, a resync replaces the lines in one change set and clears the flag.
    await createProducts(['NOT-IN-CRM-9']);
    const fresh = (await sb.clarityApi('GET', `/orders/${order.orderId}`)).body as Order;
    const result = await applyOrderToDataverse(flowDeps(), fresh, 'resync');
    expect(result.note).toMatch(/updated with 2 lines/);
    const after = await salesOrder(order.orderId);
    expect(after.clar_syncerror).toBeNull();
    expect(cents(after.totalamount)).toBe(cents(order.totalPrice));
    const relined = await details(String(so.salesorderid));
    expect(relined).toHaveLength(2);
    expect(relined.map((l) => l.isproductoverridden)).toEqual([false, false]);
    expect(relined[1]!._productid_value).toBeTruthy();
  });

  test("a customer not in CRM yet becomes one contact, even when the customer's and the order's events arrive together", async () => {
    await createProducts(['ORD-RACE-1']);
    for (let i = 0; i < 5; i++) {
      // Both events are sent back to back; the two jobs run in parallel (different record keys).
      const customerId = await newCustomer(`race${i}`);
      const order = await createOrder({ customerId, lineItems: [{ sku: 'ORD-RACE-1', name: 'Race item', quantity: 1, unitPrice: '3.00' }] });
      await sb.settle();
      const contacts = await dvGet<{ value: Row[] }>(`contacts?$select=contactid&$filter=clar_clarityid eq '${customerId}'`);
      expect(contacts.value).toHaveLength(1);
      const so = await salesOrder(order.orderId);
      expect(so._customerid_value).toBe(contacts.value[0]!.contactid);
    }
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });

  test('the order flow creates a missing contact itself, exactly once, while the customer flow writes the same contact at the same moment', async () => {
    await createProducts(['ORD-RACE-2']);
    const deps = flowDeps();
    for (let i = 0; i < 5; i++) {
      const customerId = await newCustomer(`direct${i}`);
      const order = await createOrder({ customerId, lineItems: [{ sku: 'ORD-RACE-2', name: 'Race item', quantity: 2, unitPrice: '3.00' }] });
      await sb.settle();
      // Take the customer and its order out of CRM (and out of the link table), as if neither event had arrived.
      const contact = await dvGet<Row>(`contacts(clar_clarityid='${customerId}')?$select=contactid`);
      const so = await salesOrder(order.orderId);
      expect((await sb.dv.request(`salesorders(${String(so.salesorderid)})`, { method: 'DELETE' })).status).toBe(204);
      expect((await sb.dv.request(`contacts(${String(contact.contactid)})`, { method: 'DELETE' })).status).toBe(204);
      await sb.proxy.store.links.remove('order', order.orderId);
      await sb.proxy.store.links.remove('customer', customerId);
      await sb.settle();

      const customer = (await sb.clarityApi('GET', `/customers/${customerId}`)).body;
      const fresh = (await sb.clarityApi('GET', `/orders/${order.orderId}`)).body as Order;
      const [fromCustomer, fromOrder] = await Promise.all([applyCustomerToDataverse(deps, customer, 'customer.created (race)'), applyOrderToDataverse(deps, fresh, 'order.created (race)')]);
      expect(fromCustomer.note ?? '').toMatch(/contact (created|updated)/);
      expect(fromOrder.note ?? '').toMatch(/created with 1 lines/);
      const contacts = await dvGet<{ value: Row[] }>(`contacts?$select=contactid&$filter=clar_clarityid eq '${customerId}'`);
      expect(contacts.value).toHaveLength(1);
      expect((await salesOrder(order.orderId))._customerid_value).toBe(contacts.value[0]!.contactid);
    }
  });
});
