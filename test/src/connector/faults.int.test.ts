import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import { addFaults, clearFaults, faultStats, metricValue, persist } from '../support/faults';

type Row = Record<string, unknown>;

/**
 * The acceptance test for "failures are visible and fixable" under load: a 429 storm on Dataverse contact
 * requests and 10 % 503s on both APIs while shoppers sign up in Clarity and sales reps edit contacts in
 * Dynamics. Every change must arrive, nothing may be dead-lettered, and /metrics must show the retries and 429s.
 */
describe('the connector under throttling and transient errors', () => {
  let sb: ConnectorSandbox;
  beforeAll(async () => {
    // The default backoff (0.5 s doubling to 5 min) is right in production; here it would make the test's run
    // time depend on luck. Retry-After waits are not shortened: they come from the emulator's 429s.
    sb = await startConnectorSandbox({ extraEnv: { RETRY_BASE_MS: '50', RETRY_CAP_MS: '1000' } });
  }, 30_000);
  afterEach(() => clearFaults(sb));
  afterAll(() => sb.close());

  const customer = (tag: string, i: number) => ({
    firstName: `Fault${i}`,
    lastName: `Tester${tag}`,
    email: `fault.${tag.toLowerCase()}.${i}@example.com`,
    phone: `+1512555${String(1000 + i)}`,
    shippingAddresses: [{ line1: `${100 + i} Main St`, city: `City${tag}${i}`, region: 'TX', postalCode: '78701', countryCode: 'US', isDefault: true }],
    billingAddresses: [],
  });
  const createCustomer = async (tag: string, i: number): Promise<string> => {
    const res = await persist(() => sb.clarityApi('POST', '/customers', customer(tag, i), { 'idempotency-key': `faults-${tag}-${i}` }));
    expect(res.status).toBe(201);
    return String(res.body.customerId);
  };
  const contactOf = async (clarityId: string): Promise<Row> => {
    const res = await sb.dv.request(`contacts(clar_clarityid='${clarityId}')?$select=contactid,firstname,lastname,emailaddress1,telephone1,address1_city`);
    expect(res.status).toBe(200);
    return (await res.json()) as Row;
  };

  test('a 429 storm and 10 % 503s on both APIs: every change arrives, nothing is dead-lettered, metrics show it', async () => {
    // Twenty customers already in sync before the storm: their contacts are what the sales reps edit.
    const existing = await Promise.all(Array.from({ length: 20 }, (_, i) => createCustomer('A', i)));
    await sb.settle(30_000);
    const contactIds = await Promise.all(existing.map(async (id) => String((await contactOf(id)).contactid)));

    await addFaults(sb.dv.url, [
      // The storm: about half of the next 60 contact requests answer 429 with Retry-After: 1, then it passes.
      { id: 'storm', path: '/api/data/v9.2/contacts', throttleRate: 0.5, retryAfterSec: 1, remaining: 60 },
      { id: 'flaky-dv', path: '/api/data/v9.2/', errorRate: 0.1, errorStatus: 503 },
    ], 7);
    await addFaults(sb.clarityUrl, [{ id: 'flaky-clarity', path: '/api/v1/', errorRate: 0.1, errorStatus: 503 }], 11);

    const edits = contactIds.map((contactId, i) => ({ contactId, lastname: `Edited${i}`, telephone1: `+1737555${String(2000 + i)}` }));
    const [created] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, (_, i) => createCustomer('B', i))),
      Promise.all(
        edits.map(async (e) => {
          const res = await persist(
            () => sb.dv.request(`contacts(${e.contactId})`, {
              method: 'PATCH',
              clientId: 'sandbox-crm-user',
              headers: { 'if-match': '*' },
              body: JSON.stringify({ lastname: e.lastname, telephone1: e.telephone1 }),
            }),
            (r) => Number(r.headers.get('retry-after') ?? 1),
          );
          expect(res.status).toBe(204);
        }),
      ),
    ]);
    await sb.settle(45_000);
    const dvFaults = await faultStats(sb.dv.url);
    const clarityFaults = await faultStats(sb.clarityUrl);
    await clearFaults(sb);

    // The faults really happened (so the assertions below mean something).
    expect(dvFaults.throttled).toBeGreaterThan(0);
    expect(dvFaults.errors).toBeGreaterThan(0);
    expect(clarityFaults.errors).toBeGreaterThan(0);

    const counts = await sb.proxy.store.jobs.counts();
    expect(counts).toMatchObject({ dead: 0, queued: 0, running: 0, retry: 0 });

    // Clarity → Dataverse: all fifty sign-ups are contacts with the customer's values.
    for (const [i, id] of created.entries()) {
      const c = customer('B', i);
      expect(await contactOf(id)).toMatchObject({
        firstname: c.firstName,
        lastname: c.lastName,
        emailaddress1: c.email,
        telephone1: c.phone,
        address1_city: c.shippingAddresses[0]!.city,
      });
    }
    // Dataverse → Clarity: all twenty edits reached their customers.
    for (const [i, id] of existing.entries()) {
      const got = await sb.clarityApi('GET', `/customers/${id}`);
      expect(got.body).toMatchObject({ lastName: edits[i]!.lastname, phone: edits[i]!.telephone1, firstName: `Fault${i}` });
    }

    // Intake answered every delivery from either platform with 2xx: the storm stayed inside the proxy's queue.
    const deliveries = sb.clarity.state.dispatcher.attempts;
    expect(deliveries.length).toBeGreaterThanOrEqual(70);
    expect(deliveries.filter((d) => d.outcome !== 'delivered')).toEqual([]);
    expect(sb.dv.emulator.webhooks.failedJobs()).toEqual([]);

    const metrics = await (await fetch(`${sb.proxy.url}/metrics`)).text();
    expect(metricValue(metrics, 'connector_jobs_total', { outcome: 'retried' })).toBeGreaterThan(0);
    expect(metricValue(metrics, 'connector_jobs_total', { outcome: 'dead_lettered' })).toBe(0);
    expect(metricValue(metrics, 'connector_api_throttled_total', { target: 'dataverse' })).toBeGreaterThan(0);
    expect(metricValue(metrics, 'connector_api_throttled_total', { target: 'clarity' })).toBe(0);
  }, 90_000);

  test('while every job is being throttled, /metrics already counts the 429s (not only after a job succeeds)', async () => {
    const scrape = async () => (await (await fetch(`${sb.proxy.url}/metrics`)).text());
    const before = metricValue(await scrape(), 'connector_api_throttled_total', { target: 'dataverse' });
    await addFaults(sb.dv.url, [{ id: 'wall', path: '/api/data/v9.2/contacts', throttleRate: 1, retryAfterSec: 1 }]);
    const id = await createCustomer('C', 0);
    const deadline = Date.now() + 10_000;
    let job;
    do {
      await new Promise((r) => setTimeout(r, 50));
      [job] = await sb.proxy.store.jobs.list({ state: 'retry', recordKey: `customer:${id}` });
    } while (!job && Date.now() < deadline);
    expect(job).toMatchObject({ lastError: { code: 'CONNECTOR_ERR_THROTTLED' } });
    const during = await scrape();
    expect(metricValue(during, 'connector_api_throttled_total', { target: 'dataverse' })).toBeGreaterThan(before);

    await clearFaults(sb);
    await sb.settle();
    expect(await contactOf(id)).toMatchObject({ emailaddress1: customer('C', 0).email });
  });
});
