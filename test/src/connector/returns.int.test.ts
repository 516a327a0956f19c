import type { Customer, Order, Return } from '../../../sandbox/src/clarity/types';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

type Row = Record<string, unknown>;
const T0 = '2025-02-01T10:00:00Z';

/**
 * Returns → cases end to end over real HTTP: the Clarity emulator opens a return (`return.created`) → webhook →
 * proxy → a Dataverse case upserted by clar_clarityreturnid, belonging to the customer's contact, naming the order.
 */
describe('Clarity returns become Dynamics cases', () => {
  let sb: ConnectorSandbox;
  beforeAll(async () => {
    sb = await startConnectorSandbox();
  });
  afterAll(() => sb.close());

  /** Clarity data that predates the connector: loaded without events, so CRM does not know it. */
  const seedCustomerAndOrder = (n: number): { customer: Customer; order: Order } => {
    const customer: Customer = {
      customerId: `cus_r${n}`, firstName: `Ret${n}`, lastName: 'Buyer', email: `ret${n}@example.com`,
      shippingAddresses: [], billingAddresses: [], accountStatus: 'active', loyaltyPoints: 0, createdAt: T0, updatedAt: T0, version: 1,
    };
    const address = { line1: '500 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US' };
    const order: Order = {
      orderId: `ord_r${n}`, orderNumber: `SO-9${n}`, customerId: customer.customerId, email: customer.email,
      status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled', currency: 'USD',
      lineItems: [{ lineItemId: `li_r${n}`, sku: 'WID-100-BLU', name: 'Widget 100 - Blue', quantity: 2, unitPrice: '24.99', totalDiscount: '0.00', discountAllocations: [], taxLines: [], lineTotal: '49.98', fulfillmentStatus: 'fulfilled' }],
      billingAddress: address, shippingAddress: address, shippingLines: [], discounts: [], taxLines: [], taxesIncluded: false,
      subtotalPrice: '49.98', totalDiscounts: '0.00', totalShipping: '0.00', totalTax: '0.00', totalPrice: '49.98', totalPaid: '49.98', balanceDue: '0.00',
      payments: [], shipments: [], createdAt: T0, updatedAt: T0, version: 1,
    };
    sb.clarity.state.seed({ customers: [customer], orders: [order] });
    return { customer, order };
  };
  const openReturn = (order: Order, extra: Partial<Return> = {}): Return =>
    sb.clarity.state.createReturn({
      returnNumber: `RMA-${order.orderNumber}`, orderId: order.orderId, customerId: order.customerId, status: 'requested', reason: 'damaged',
      lineItems: [{ lineItemId: order.lineItems[0]!.lineItemId, sku: 'WID-100-BLU', quantity: 1, reason: 'cracked housing' }],
      refundAmount: '24.99', currency: 'USD', ...extra,
    });
  /** The same return, changed in Clarity: the emulator has no return.updated, so the event is replayed as created. */
  const changeReturn = (ret: Return, extra: Partial<Return>): Return => {
    const next = { ...ret, ...extra, version: ret.version + 1, updatedAt: new Date().toISOString() };
    sb.clarity.state.catalog.returns.load([next]);
    sb.clarity.state.events.emit('return.created', next);
    return next;
  };

  const get = async (path: string): Promise<{ value: Row[] }> => (await (await sb.dv.request(path)).json()) as { value: Row[] };
  const casesFor = (returnId: string) =>
    get(`incidents?$select=title,description,caseorigincode,casetypecode,statecode,statuscode,_customerid_value,clar_clarityreturnid&$filter=clar_clarityreturnid eq '${returnId}'`);
  const contactsFor = (customerId: string) => get(`contacts?$select=contactid,firstname&$filter=clar_clarityid eq '${customerId}'`);
  const connectorWrites = (pattern: RegExp) =>
    sb.dv.emulator.requests.entries().filter((e) => ['POST', 'PATCH', 'PUT'].includes(e.method) && pattern.test(e.url) && e.caller === 'sandbox-connector').length;
  const returnJobs = async (returnId: string) => sb.proxy.store.jobs.list({ kind: 'clarity.return', recordKey: `return:${returnId}` });

  test('a return creates a case linked to the contact and the order', async () => {
    const { customer, order } = seedCustomerAndOrder(1);
    // The customer is already in CRM through the customer flow.
    sb.clarity.state.events.emit('customer.created', customer);
    await sb.settle();
    const [contact] = (await contactsFor(customer.customerId)).value;
    expect(contact).toBeDefined();

    const ret = openReturn(order);
    await sb.settle();
    const cases = (await casesFor(ret.returnId)).value;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      title: `Return RMA-SO-91 — SO-91`,
      caseorigincode: 3,
      casetypecode: 2,
      statecode: 0,
      statuscode: 1,
      _customerid_value: contact!.contactid,
    });
    expect(cases[0]!.description).toContain(`Order: SO-91 (${order.orderId})`);
    expect(cases[0]!.description).toContain('1 × WID-100-BLU (cracked housing)');
    expect((await contactsFor(customer.customerId)).value).toHaveLength(1);
    const jobs = await returnJobs(ret.returnId);
    expect(jobs.map((j) => j.state)).toEqual(['done']);
  });

  test('the same return twice makes one case and one write', async () => {
    const { order } = seedCustomerAndOrder(2);
    sb.dv.emulator.requests.clear();
    const ret = openReturn(order, { reason: 'changed_mind', lineItems: [{ lineItemId: 'li_r2', sku: 'WID-100-BLU', quantity: 2 }] });
    await sb.settle();
    // Delivered again as a new event (a replay from the event log): nothing changed, nothing is written.
    sb.clarity.state.events.emit('return.created', ret);
    await sb.settle();
    const cases = (await casesFor(ret.returnId)).value;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ casetypecode: 3 });
    expect(connectorWrites(/\/incidents/)).toBe(1);
    const jobs = await returnJobs(ret.returnId);
    expect(jobs.map((j) => [j.state, j.outcome?.startsWith('unchanged') ?? false])).toEqual([['done', false], ['skipped', true]]);
  });

  test('returns for a customer not yet in CRM create the contact once, then the cases', async () => {
    const { customer, order } = seedCustomerAndOrder(3);
    expect((await contactsFor(customer.customerId)).value).toHaveLength(0);
    // Two returns at once: their jobs run in parallel (different record keys) and both need the contact.
    const first = openReturn(order);
    const second = openReturn(order, { returnNumber: 'RMA-SO-93-B' });
    await sb.settle();
    const contacts = (await contactsFor(customer.customerId)).value;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ firstname: 'Ret3' });
    for (const ret of [first, second]) {
      const cases = (await casesFor(ret.returnId)).value;
      expect(cases).toHaveLength(1);
      expect(cases[0]!._customerid_value).toBe(contacts[0]!.contactid);
    }
    const dead = await sb.proxy.store.jobs.list({ kind: 'clarity.return', state: 'dead' });
    expect(dead).toEqual([]);
  });

  test('the case follows the return status while active; cancellation cancels it; refunded never PATCHes Resolved', async () => {
    const { order } = seedCustomerAndOrder(4);
    let ret = openReturn(order);
    await sb.settle();
    ret = changeReturn(ret, { status: 'received' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 0, statuscode: 4 });

    const refunded = openReturn(order, { returnNumber: 'RMA-SO-94-R', status: 'refunded' });
    await sb.settle();
    const refundedCase = (await casesFor(refunded.returnId)).value[0]!;
    expect(refundedCase).toMatchObject({ statecode: 0, statuscode: 1 });
    expect(refundedCase.description).toContain('Refunded in Clarity: resolve this case in Dynamics');

    sb.dv.emulator.requests.clear();
    ret = changeReturn(ret, { status: 'rejected' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 2, statuscode: 6 });
    // A canceled case is left alone, whatever Clarity says next.
    ret = changeReturn(ret, { status: 'refunded' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 2, statuscode: 6 });
    expect(connectorWrites(/\/incidents/)).toBe(2); // the upsert and the cancel, nothing after
    const jobs = await returnJobs(ret.returnId);
    expect(jobs.at(-1)).toMatchObject({ state: 'skipped', outcome: expect.stringContaining('no longer active') });
    expect(await sb.proxy.store.jobs.list({ kind: 'clarity.return', state: 'dead' })).toEqual([]);
  });
});
