import { randomUUID } from 'node:crypto';
import { seedDataverseRows } from '../../../sandbox/src/dataverse/demo-seed';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

type Row = Record<string, unknown>;

/**
 * The customer flow end to end over real HTTP: Clarity emulator → webhook → proxy → Dataverse emulator, and a
 * CRM user's edit back → webhook → proxy → Clarity, with exactly one write each way (no echo).
 */
describe('customer sync between Clarity and Dataverse', () => {
  let sb: ConnectorSandbox;
  beforeAll(async () => {
    sb = await startConnectorSandbox();
  });
  afterAll(() => sb.close());

  const contactByClarityId = async (id: string): Promise<Row | undefined> => {
    const res = await sb.dv.request(`contacts(clar_clarityid='${id}')?$select=firstname,lastname,emailaddress1,telephone1,address1_city,clar_loyaltypoints,clar_clarityid,_parentcustomerid_value`);
    return res.status === 200 ? ((await res.json()) as Row) : undefined;
  };
  const writes = (log: { entries(): readonly { method: string; url: string; caller?: string }[] }, pattern: RegExp, caller?: string) =>
    log.entries().filter((e) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(e.method) && pattern.test(e.url) && (!caller || e.caller === caller)).length;

  test('a Clarity customer with a company becomes a contact linked to an account; a CRM edit flows back; one write each way', async () => {
    sb.dv.emulator.requests.clear();
    sb.clarity.requests.clear();
    const created = await sb.clarityApi(
      'POST',
      '/customers',
      {
        firstName: 'Maria',
        lastName: 'Lopez',
        email: 'maria.lopez@example.com',
        phone: '+15125550142',
        shippingAddresses: [{ line1: '500 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US', isDefault: true }],
        billingAddresses: [],
        company: { name: 'Lopez Design LLC', accountNumber: 'LD-1001' },
      },
      { 'idempotency-key': 'test-maria-1' },
    );
    expect(created.status).toBe(201);
    const customerId = String(created.body.customerId);
    await sb.settle();

    const contact = await contactByClarityId(customerId);
    expect(contact).toMatchObject({ firstname: 'Maria', lastname: 'Lopez', emailaddress1: 'maria.lopez@example.com', telephone1: '+15125550142', address1_city: 'Austin' });
    const accounts = (await (await sb.dv.request(`accounts?$select=name,accountnumber&$filter=accountnumber eq 'LD-1001'`)).json()) as { value: Row[] };
    expect(accounts.value).toHaveLength(1);
    expect(contact!._parentcustomerid_value).toBe(accounts.value[0]!.accountid);
    expect(writes(sb.dv.emulator.requests, /\/contacts/, 'sandbox-connector')).toBe(1);
    expect(writes(sb.dv.emulator.requests, /\/accounts/, 'sandbox-connector')).toBe(1);

    // A sales rep edits the contact in Dynamics.
    const edit = await sb.dv.request(`contacts(${String(contact!.contactid)})`, {
      method: 'PATCH',
      clientId: 'sandbox-crm-user',
      headers: { 'if-match': '*' },
      body: JSON.stringify({ telephone1: '+15125550199', lastname: 'Lopez-Garcia' }),
    });
    expect(edit.status).toBe(204);
    await sb.settle();
    const customer = await sb.clarityApi('GET', `/customers/${customerId}`);
    expect(customer.body).toMatchObject({ phone: '+15125550199', lastName: 'Lopez-Garcia', firstName: 'Maria' });
    expect(sb.clarity.requests.count('PATCH', /^\/api\/v1\/customers\//)).toBe(1);
    // The customer.updated echo from Clarity did not come back as a Dataverse write.
    expect(writes(sb.dv.emulator.requests, /\/contacts/, 'sandbox-connector')).toBe(1);
    const jobs = await sb.proxy.store.jobs.counts();
    expect(jobs.dead).toBe(0);
  });

  test('a CRM contact that predates the connector, with the same email in another case, is adopted, not duplicated', async () => {
    // CRM data that existed before the connector: loaded without webhook events.
    seedDataverseRows(sb.dv.emulator, { accounts: [], contacts: [{ contactid: randomUUID(), firstname: 'Sam', lastname: 'Existing', emailaddress1: 'SAM.EXISTING@example.com', jobtitle: 'Buyer' }] });
    const created = await sb.clarityApi('POST', '/customers', { firstName: 'Sam', lastName: 'Existing', email: 'sam.existing@example.com', shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': 'test-sam-1' });
    expect(created.status).toBe(201);
    await sb.settle();
    const all = (await (await sb.dv.request(`contacts?$select=fullname,clar_clarityid,jobtitle&$filter=emailaddress1 eq 'sam.existing@example.com'`)).json()) as { value: Row[] };
    expect(all.value).toHaveLength(1);
    expect(all.value[0]).toMatchObject({ jobtitle: 'Buyer' });
    expect(all.value[0]!.clar_clarityid).toBe(created.body.customerId);
  });

  test('a contact created by a sales rep becomes a Clarity customer, and the Clarity id is written back', async () => {
    const res = await sb.dv.request('contacts', {
      method: 'POST',
      clientId: 'sandbox-crm-user',
      headers: { prefer: 'return=representation' },
      body: JSON.stringify({ firstname: 'Nia', lastname: 'Newcrm', emailaddress1: 'nia.newcrm@example.com', telephone1: '+442079460000' }),
    });
    const contact = (await res.json()) as Row;
    await sb.settle();
    const read = (await (await sb.dv.request(`contacts(${String(contact.contactid)})?$select=clar_clarityid`)).json()) as Row;
    expect(read.clar_clarityid).toMatch(/^cus_/);
    const customer = await sb.clarityApi('GET', `/customers/${String(read.clar_clarityid)}`);
    expect(customer.body).toMatchObject({ firstName: 'Nia', lastName: 'Newcrm', email: 'nia.newcrm@example.com', phone: '+442079460000' });
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });

  test('a disabled Clarity customer becomes an inactive contact (state set after the create)', async () => {
    const created = await sb.clarityApi('POST', '/customers', { firstName: 'Dora', lastName: 'Disabled', email: 'dora.disabled@example.com', accountStatus: 'disabled', shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': 'test-dora-1' });
    expect(created.status).toBe(201);
    await sb.settle();
    const contact = await (await sb.dv.request(`contacts(clar_clarityid='${String(created.body.customerId)}')?$select=statecode,statuscode`)).json();
    expect(contact).toMatchObject({ statecode: 1, statuscode: 2 });
    expect((await sb.proxy.store.jobs.counts()).dead).toBe(0);
  });
});
