import type { Job } from '../../../plugin-proxy/src/store/types';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import { admin, clearFaults, deliverClarityEvent } from '../support/faults';

type Row = Record<string, unknown>;
type ApiJob = Omit<Job, 'runAfter' | 'leaseUntil' | 'createdAt' | 'updatedAt'>;

/**
 * "Failures are visible and fixable": a change the other side rejects as invalid is dead-lettered on its first
 * attempt with a reason naming the field, shows up in the admin API, and an operator can fix it (edit the
 * payload, or correct the source record) and retry it, or discard it.
 */
describe('dead-lettered jobs: visible, fixable, retryable, discardable', () => {
  let sb: ConnectorSandbox;
  beforeAll(async () => {
    // Dead letters are what this suite expects: keep their error logs out of the test output.
    sb = await startConnectorSandbox({ extraEnv: { LOG_LEVEL: 'fatal' } });
  }, 30_000);
  afterEach(() => clearFaults(sb));
  afterAll(() => sb.close());

  const deadJobs = async (kind: string): Promise<ApiJob[]> => {
    const res = await admin(sb, 'GET', `/jobs?state=dead&kind=${kind}`);
    expect(res.status).toBe(200);
    return res.body.jobs as ApiJob[];
  };
  const job = async (id: string): Promise<ApiJob> => (await admin(sb, 'GET', `/jobs/${id}`)).body as ApiJob;
  const contactByClarityId = async (id: string): Promise<Row | undefined> => {
    const res = await sb.dv.request(`contacts(clar_clarityid='${id}')?$select=contactid,firstname,lastname,emailaddress1,telephone1,address1_country`);
    return res.status === 200 ? ((await res.json()) as Row) : undefined;
  };
  const crmEdit = async (contactId: string, values: Row) => {
    const res = await sb.dv.request(`contacts(${contactId})`, { method: 'PATCH', clientId: 'sandbox-crm-user', headers: { 'if-match': '*' }, body: JSON.stringify(values) });
    expect(res.status).toBe(204);
  };
  const linkedCustomer = async (tag: string): Promise<{ customerId: string; contactId: string }> => {
    const created = await sb.clarityApi('POST', '/customers', {
      firstName: 'Dana',
      lastName: `Dead${tag}`,
      email: `dana.dead.${tag}@example.com`,
      shippingAddresses: [{ line1: '1 Harbour St', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US', isDefault: true }],
      billingAddresses: [],
    }, { 'idempotency-key': `dead-letter-${tag}` });
    expect(created.status).toBe(201);
    await sb.settle();
    const customerId = String(created.body.customerId);
    const contact = await contactByClarityId(customerId);
    return { customerId, contactId: String(contact!.contactid) };
  };

  test('Clarity event Dataverse rejects: dead at once with the field named; after editing the payload a retry succeeds', async () => {
    // Clarity takes any phone text up to 1,000 characters; Dataverse's telephone1 holds 50, and the mapping
    // passes text it cannot normalise to E.164 through unchanged, so Dataverse answers 400.
    const longPhone = '+1 512 555 0142 (front desk: ask for Maria, weekdays 9 to 5 only)';
    const created = await sb.clarityApi('POST', '/customers', { firstName: 'Maria', lastName: 'Longphone', email: 'maria.longphone@example.com', phone: longPhone, shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': 'dead-letter-longphone' });
    expect(created.status).toBe(201);
    const customerId = String(created.body.customerId);
    await sb.settle();

    const [dead, ...others] = (await deadJobs('clarity.customer')).filter((j) => j.recordKey === `customer:${customerId}`);
    expect(others).toEqual([]);
    expect(dead).toMatchObject({ state: 'dead', attempts: 1, lastError: { code: 'CONNECTOR_ERR_VALIDATION', classification: 'validation', upstreamStatus: 400 } });
    expect(dead!.lastError!.message).toContain('telephone1');
    expect(await contactByClarityId(customerId)).toBeUndefined();

    // The operator corrects the event: the phone number without the note.
    const envelope = dead!.payload as { data: { object: Row } };
    expect(envelope.data.object.phone).toBe(longPhone);
    const fixed = { ...envelope, data: { ...envelope.data, object: { ...envelope.data.object, phone: '+15125550142' } } };
    const edited = await admin(sb, 'PUT', `/jobs/${dead!.id}/payload`, fixed);
    expect(edited).toMatchObject({ status: 200, body: { id: dead!.id, state: 'dead', payload: fixed } });
    expect((await admin(sb, 'POST', `/jobs/${dead!.id}/retry`)).body).toMatchObject({ state: 'queued' });
    await sb.settle();

    expect(await job(dead!.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(await contactByClarityId(customerId)).toMatchObject({ firstname: 'Maria', lastname: 'Longphone', emailaddress1: 'maria.longphone@example.com', telephone1: '+15125550142' });
    expect(await deadJobs('clarity.customer')).toEqual([]);
  });

  test('CRM change Clarity cannot take: dead at once naming the field; corrected in Dynamics, it flows and the redrive is harmless', async () => {
    const { customerId, contactId } = await linkedCustomer('country');
    const before = (await sb.clarityApi('GET', `/customers/${customerId}`)).body as { version: number };
    await crmEdit(contactId, { address1_country: 'Atlantis' });
    await sb.settle();

    const [dead, ...others] = (await deadJobs('dataverse.contact')).filter((j) => (j.payload as { id?: string }).id === contactId);
    expect(others).toEqual([]);
    expect(dead).toMatchObject({ state: 'dead', attempts: 1, lastError: { code: 'CONNECTOR_ERR_VALIDATION' } });
    expect(dead!.lastError!.message).toMatch(/countryCode.*Atlantis/);
    expect((await sb.clarityApi('GET', `/customers/${customerId}`)).body).toMatchObject({ version: before.version });
    // The sales rep sees it on the record: the contact is marked out of sync, with the reason.
    const marked = (await (await sb.dv.request(`contacts(${contactId})?$select=clar_syncstatus,clar_syncerror`)).json()) as Row;
    expect(marked.clar_syncstatus).toBe(812400002);
    expect(String(marked.clar_syncerror)).toMatch(/CONNECTOR_ERR_VALIDATION.*Atlantis/);

    // The job re-reads the contact, so the fix belongs in Dynamics; saving it is itself a new event.
    await crmEdit(contactId, { address1_country: 'Germany' });
    await sb.settle();
    const customer = (await sb.clarityApi('GET', `/customers/${customerId}`)).body as { version: number; shippingAddresses: Row[] };
    expect(customer.shippingAddresses).toEqual([expect.objectContaining({ countryCode: 'DE', line1: '1 Harbour St' })]);
    const cleared = (await (await sb.dv.request(`contacts(${contactId})?$select=clar_syncstatus,clar_syncerror`)).json()) as Row;
    expect(cleared).toMatchObject({ clar_syncstatus: 812400000, clar_syncerror: null });

    // Redriving the dead job now re-reads the corrected contact: nothing is left to do, and nothing is written.
    sb.clarity.requests.clear();
    expect((await admin(sb, 'POST', `/jobs/${dead!.id}/retry`)).body).toMatchObject({ state: 'queued' });
    await sb.settle();
    expect(await job(dead!.id)).toMatchObject({ state: 'skipped', attempts: 1 });
    expect(sb.clarity.requests.count('PATCH', /^\/api\/v1\/customers\//)).toBe(0);
    expect((await sb.clarityApi('GET', `/customers/${customerId}`)).body).toMatchObject({ version: customer.version });
    expect(await deadJobs('dataverse.contact')).toEqual([]);
  });

  test('an invalid email from CRM is dead-lettered naming the field; discarding it keeps it for the record and never runs it', async () => {
    const { customerId, contactId } = await linkedCustomer('email');
    await crmEdit(contactId, { emailaddress1: 'dana at example dot com' });
    await sb.settle();

    const [dead] = (await deadJobs('dataverse.contact')).filter((j) => (j.payload as { id?: string }).id === contactId);
    expect(dead).toMatchObject({ state: 'dead', attempts: 1, lastError: { code: 'CONNECTOR_ERR_VALIDATION', upstreamStatus: 422 } });
    expect(dead!.lastError!.message).toContain('email');

    expect(await admin(sb, 'POST', `/jobs/${dead!.id}/discard`)).toMatchObject({ status: 200, body: { id: dead!.id, state: 'discarded' } });
    await sb.settle();
    expect(await job(dead!.id)).toMatchObject({ state: 'discarded', attempts: 1 });
    expect(await deadJobs('dataverse.contact')).toEqual([]);
    expect((await admin(sb, 'POST', `/jobs/${dead!.id}/retry`)).status).toBe(409);
    expect((await sb.clarityApi('GET', `/customers/${customerId}`)).body).toMatchObject({ email: 'dana.dead.email@example.com' });

    const metrics = await (await fetch(`${sb.proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/connector_jobs_total\{kind="dataverse.contact",outcome="dead_lettered"\} [1-9]/);
  });

  test('a truncated Clarity event (payload over 256 KB) is applied from a re-read of the customer, not dead-lettered', async () => {
    const { customerId } = await linkedCustomer('truncated');
    // Only the truncated event may carry this change: Clarity's own delivery is paused while it is made.
    const hooks = (await sb.clarityApi('GET', '/webhooks')).body.data as { webhookId: string }[];
    const setActive = (active: boolean) => Promise.all(hooks.map((h) => sb.clarityApi('PATCH', `/webhooks/${h.webhookId}`, { active })));
    await setActive(false);
    const changed = await sb.clarityApi('PATCH', `/customers/${customerId}`, { firstName: 'Danielle' });
    await setActive(true);
    expect(changed.status).toBe(200);
    const event = { id: 'evt_truncated_1', type: 'customer.updated', createdAt: new Date().toISOString(), apiVersion: 'v1', storeId: 'sandbox', data: { object: { id: customerId, truncated: true } } };
    expect((await deliverClarityEvent(sb, event)).status).toBe(200);
    await sb.settle();

    const [processed] = (await sb.proxy.store.jobs.list({ state: 'done', recordKey: `customer:${customerId}` })).filter((j) => j.idempotencyKey === `clarity:${event.id}`);
    expect(processed).toMatchObject({ attempts: 1, lastError: null });
    expect(await contactByClarityId(customerId)).toMatchObject({ firstname: 'Danielle' });
  });
});
