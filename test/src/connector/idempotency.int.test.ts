import { signStandardWebhook } from '../../../sandbox/src/clarity';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';

/** At-least-once delivery and bursts: duplicates have one effect, and the last of many updates wins. */
describe('connector idempotency and per-record order', () => {
  let sb: ConnectorSandbox;
  beforeAll(async () => {
    sb = await startConnectorSandbox();
  });
  afterAll(() => sb.close());

  test('the same webhook delivered three times has one effect', async () => {
    const created = await sb.clarityApi('POST', '/customers', { firstName: 'Dee', lastName: 'Dupe', email: 'dee.dupe@example.com', shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': 'dupe-1' });
    await sb.settle();
    const [job] = await sb.proxy.store.jobs.list({ recordKey: `customer:${String(created.body.customerId)}`, state: 'done' });
    expect(job).toBeDefined();
    const envelope = job!.payload as { id: string };
    const body = JSON.stringify(envelope);
    const writesBefore = sb.dv.emulator.requests.entries().filter((e) => e.method !== 'GET' && e.caller === 'sandbox-connector').length;
    for (let i = 0; i < 2; i++) {
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${sb.proxy.url}/webhooks/clarity`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': envelope.id,
          'webhook-timestamp': String(ts),
          'webhook-signature': signStandardWebhook(sb.env.CLARITY_WEBHOOK_SECRETS!, envelope.id, ts, body),
        },
        body,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: true, duplicate: true });
    }
    await sb.settle();
    const jobs = (await sb.proxy.store.jobs.list({ recordKey: `customer:${String(created.body.customerId)}`, limit: 100 })).filter((j) => j.idempotencyKey === `clarity:${envelope.id}`);
    expect(jobs).toHaveLength(1);
    const writesAfter = sb.dv.emulator.requests.entries().filter((e) => e.method !== 'GET' && e.caller === 'sandbox-connector').length;
    expect(writesAfter).toBe(writesBefore);
  });

  test('100 rapid updates to one customer end with the last one', async () => {
    const created = await sb.clarityApi('POST', '/customers', { firstName: 'Rapid', lastName: 'Start', email: 'rapid@example.com', shippingAddresses: [], billingAddresses: [] }, { 'idempotency-key': 'rapid-1' });
    const id = String(created.body.customerId);
    for (let i = 1; i <= 100; i++) {
      const res = await sb.clarityApi('PATCH', `/customers/${id}`, { lastName: `Update ${i}`, phone: `+1512555${String(i).padStart(4, '0')}` });
      expect(res.status).toBe(200);
    }
    await sb.settle(60_000);
    const contact = (await (await sb.dv.request(`contacts(clar_clarityid='${id}')?$select=lastname,telephone1`)).json()) as Record<string, unknown>;
    expect(contact).toMatchObject({ lastname: 'Update 100', telephone1: '+15125550100' });
    const counts = await sb.proxy.store.jobs.counts();
    expect(counts.dead).toBe(0);
    const contacts = (await (await sb.dv.request(`contacts?$select=contactid&$filter=emailaddress1 eq 'rapid@example.com'`)).json()) as { value: unknown[] };
    expect(contacts.value).toHaveLength(1);
  });
});
