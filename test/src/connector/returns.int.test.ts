import type { Customer, Order, Return } from '../../../sandbox/src/clarity/types';
import { runReconcile } from '../../../plugin-proxy/src/load/reconcile';
import { flowDepsOf, startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

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
    get(`incidents?$select=incidentid,title,description,caseorigincode,casetypecode,statecode,statuscode,_customerid_value,clar_clarityreturnid&$filter=clar_clarityreturnid eq '${returnId}'`);
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

  const closeIncidentCalls = () => sb.dv.emulator.requests.entries().filter((e) => e.method === 'POST' && /\/CloseIncident$/.test(e.url) && e.caller === 'sandbox-connector').length;
  const resolutionsFor = async (incidentId: string) => (await get(`incidentresolutions?$select=subject,description,statecode&$filter=_incidentid_value eq ${incidentId}`)).value;

  test('the case follows the return status while active; a refund resolves it through CloseIncident, never a PATCH of Resolved', async () => {
    const { order } = seedCustomerAndOrder(4);
    let ret = openReturn(order);
    await sb.settle();
    ret = changeReturn(ret, { status: 'received' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 0, statuscode: 4 });

    sb.dv.emulator.requests.clear();
    ret = changeReturn(ret, { status: 'refunded' });
    await sb.settle();
    const resolved = (await casesFor(ret.returnId)).value[0]!;
    expect(resolved).toMatchObject({ statecode: 1, statuscode: 5 });
    expect(await resolutionsFor(String(resolved.incidentid))).toEqual([
      expect.objectContaining({ subject: `Clarity return RMA-SO-94 (${ret.returnId}) refunded`, description: expect.stringContaining('Refunded 24.99 USD in Clarity.'), statecode: 1 }),
    ]);
    expect(closeIncidentCalls()).toBe(1);
    expect(connectorWrites(/\/incidents/)).toBe(1); // the description, as an upsert: the state went through the action
    expect(await sb.proxy.store.jobs.list({ kind: 'clarity.return', state: 'dead' })).toEqual([]);

    // A resolved case is left alone, whatever Clarity says next; so is a replay of the refund.
    sb.dv.emulator.requests.clear();
    ret = changeReturn(ret, { status: 'cancelled' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 1, statuscode: 5 });
    expect(connectorWrites(/\/incidents/) + closeIncidentCalls()).toBe(0);
    expect((await returnJobs(ret.returnId)).at(-1)).toMatchObject({ state: 'skipped', outcome: expect.stringContaining('no longer active') });

    // A return that is already refunded when it first arrives: the case is created and resolved at once.
    const refunded = openReturn(order, { returnNumber: 'RMA-SO-94-R', status: 'refunded' });
    await sb.settle();
    expect((await casesFor(refunded.returnId)).value[0]).toMatchObject({ statecode: 1, statuscode: 5 });
  });

  test('rejected or cancelled cancels the case; a canceled case, or one a rep resolved in Dynamics, is left alone', async () => {
    const { order } = seedCustomerAndOrder(5);
    let ret = openReturn(order);
    await sb.settle();
    sb.dv.emulator.requests.clear();
    ret = changeReturn(ret, { status: 'rejected' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 2, statuscode: 6 });
    ret = changeReturn(ret, { status: 'refunded' });
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 2, statuscode: 6 });
    expect(connectorWrites(/\/incidents/)).toBe(2); // the upsert and the cancel, nothing after
    expect(closeIncidentCalls()).toBe(0);

    // A sales rep resolves another return's case in Dynamics; Clarity moving on later does not reopen or rewrite it.
    let other = openReturn(order, { returnNumber: 'RMA-SO-95-B' });
    await sb.settle();
    const incidentId = String((await casesFor(other.returnId)).value[0]!.incidentid);
    const close = await sb.dv.request('CloseIncident', {
      method: 'POST',
      clientId: 'sandbox-crm-user',
      body: JSON.stringify({ IncidentResolution: { subject: 'Replaced the part by hand', 'incidentid@odata.bind': `/incidents(${incidentId})` }, Status: 1000 }),
    });
    expect(close.status).toBe(204);
    sb.dv.emulator.requests.clear();
    other = changeReturn(other, { status: 'refunded' });
    await sb.settle();
    expect((await casesFor(other.returnId)).value[0]).toMatchObject({ statecode: 1, statuscode: 1000 });
    expect(connectorWrites(/\/incidents/) + closeIncidentCalls()).toBe(0);
    expect(await sb.proxy.store.jobs.list({ kind: 'clarity.return', state: 'dead' })).toEqual([]);
  });

  test('a refund that reaches a case a rep resolved a moment earlier leaves it resolved (CloseIncident refuses, the job is skipped)', async () => {
    const { order } = seedCustomerAndOrder(6);
    let ret = openReturn(order);
    await sb.settle();
    const incidentId = String((await casesFor(ret.returnId)).value[0]!.incidentid);
    const rep = ((await (await sb.dv.request('WhoAmI', { clientId: 'sandbox-crm-user' })).json()) as { UserId: string }).UserId;
    // Deterministic race: right after the connector's case update (before its CloseIncident), the rep resolves it.
    const { service, registry } = sb.dv.emulator;
    let armed = true;
    service.addExtension({
      async postOperationSync(e) {
        if (!armed || e.table.logicalName !== 'incident' || e.id !== incidentId || e.context.userId === rep) return;
        armed = false;
        await service.message({ ...e.context, userId: rep, initiatingUserId: rep }, (ops) =>
          ops.setState(registry.require('incident'), { kind: 'id', id: incidentId }, { statecode: 1, statuscode: 1000 }),
        );
      },
    });
    ret = changeReturn(ret, { status: 'refunded' });
    await sb.settle();
    expect(armed).toBe(false);
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 1, statuscode: 1000 });
    expect((await returnJobs(ret.returnId)).at(-1)).toMatchObject({ state: 'skipped', outcome: expect.stringContaining('closed in Dynamics meanwhile') });
    expect(await sb.proxy.store.jobs.list({ kind: 'clarity.return', state: 'dead' })).toEqual([]);
  });

  test('a status change Clarity announces no event for (v1 has only return.created) reaches the case through the reconcile', async () => {
    const { order } = seedCustomerAndOrder(7);
    const ret = openReturn(order);
    await sb.settle();
    const deps = flowDepsOf(sb);
    await runReconcile(deps); // the first run reads everything and sets the high-water mark
    // Refunded in Clarity, silently: no webhook.
    sb.clarity.state.catalog.returns.load([{ ...ret, status: 'refunded', version: ret.version + 1, updatedAt: new Date().toISOString() }]);
    await sb.settle();
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 0 });

    const first = await runReconcile(deps);
    expect(first.failed.filter((f) => f.side === 'returns')).toEqual([]);
    expect(first.returns).toMatchObject({ repaired: 1 });
    expect((await casesFor(ret.returnId)).value[0]).toMatchObject({ statecode: 1, statuscode: 5 });
    const again = await runReconcile(deps);
    expect(again.returns).toMatchObject({ repaired: 0 });
    expect(again.returns.checked).toBeGreaterThan(0); // the overlap re-reads the recent return and skips it
  });
});
