import { TEST_DATAVERSE_KEY } from '../http/test-support/env';
import { allJobs, startTestApp, totalJobs, type TestApp } from '../http/test-support/start-app';
import { dataverseContext } from '../http/test-support/webhooks';

const CONNECTOR_USER = 'aaaaaaaa-0000-0000-0000-00000000c0de';
const SALES_REP = '75c2dd85-e89e-e711-8122-000d3aa2331c';
const CONTACT = '6d81597f-0f9f-e711-8122-000d3aa2331c';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ ownUserId: CONNECTOR_USER.toUpperCase() });
});
afterEach(() => t.close());

async function deliver(body: unknown, options: { query?: string; headers?: Record<string, string> } = { query: `?code=${encodeURIComponent(TEST_DATAVERSE_KEY)}` }) {
  const res = await fetch(`${t.url}/webhooks/dataverse${options.query ?? ''}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-ms-dynamics-entity-name': 'contact', ...options.headers },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /webhooks/dataverse', () => {
  it('accepts the WebhookKey (?code=) and enqueues one normalised contact job', async () => {
    const res = await deliver(dataverseContext());
    expect(res).toEqual({ status: 200, json: { accepted: true, duplicate: false } });
    const jobs = await allJobs(t.store);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      kind: 'dataverse.contact',
      recordKey: `contact:${CONTACT}`,
      idempotencyKey: `dataverse:4af10637-4ea2-e711-8122-000d3aa2331c:${CONTACT}:Update`,
      source: 'dataverse',
      payload: { message: 'Update', table: 'contact', id: CONTACT, initiatingUserId: SALES_REP, createdOn: '2017-09-26T07:04:08.000Z', target: { attributes: { firstname: 'James', modifiedon: '2017-09-26T00:04:07.000Z' } } },
    });
    // The key travelled in the URL; the log shows the URL without it.
    expect(t.logs()).toContain('/webhooks/dataverse?code=[Redacted]');
    expect(t.logs()).not.toContain(TEST_DATAVERSE_KEY);
  });

  it('accepts the key in the configured header (HttpHeader) and dedupes a repeated delivery', async () => {
    const headers = { headers: { 'x-connector-key': TEST_DATAVERSE_KEY } };
    expect((await deliver(dataverseContext(), headers)).json).toEqual({ accepted: true, duplicate: false });
    expect((await deliver(dataverseContext(), headers)).json).toEqual({ accepted: true, duplicate: true });
    expect(await totalJobs(t.store)).toBe(1);
    expect(t.logs()).not.toContain(TEST_DATAVERSE_KEY);
  });

  it('rejects a missing or wrong key with 401 and enqueues nothing', async () => {
    for (const options of [{}, { query: '?code=wrong' }, { query: `?code=${TEST_DATAVERSE_KEY}x` }, { headers: { 'x-connector-key': 'wrong' } }]) {
      const res = await deliver(dataverseContext(), options);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'CONNECTOR_ERR_BAD_SIGNATURE' } });
    }
    expect(await totalJobs(t.store)).toBe(0);
    const metrics = await t.metrics.registry.metrics();
    expect(metrics).toContain('connector_webhooks_rejected_total{source="dataverse",reason="missing_key"} 1');
    expect(metrics).toContain('connector_webhooks_rejected_total{source="dataverse",reason="bad_key"} 3');
  });

  it("skips the connector's own writes (InitiatingUserId = WhoAmI) without a job", async () => {
    const res = await deliver(dataverseContext({ initiatingUserId: CONNECTOR_USER }));
    expect(res).toEqual({ status: 200, json: { accepted: true, skipped: 'own write' } });
    expect(await totalJobs(t.store)).toBe(0);
    expect(await t.metrics.registry.metrics()).toContain('connector_webhooks_skipped_total{source="dataverse",reason="own_write"} 1');
  });

  it('keys the job by the linked Clarity id, else by clar_clarityid on the row', async () => {
    await t.store.links.save({ entity: 'customer', clarityId: 'cus_2001', dataverseTable: 'contact', dataverseId: CONTACT, hashToDataverse: null, hashToClarity: null, snapshot: null, clarityVersion: null, dataverseVersion: null });
    await deliver(dataverseContext());
    const account = 'bbbbbbbb-0000-0000-0000-000000000001';
    await deliver(dataverseContext({ table: 'account', id: account, attributes: { clar_clarityid: 'cmp_77' } }));
    const jobs = await allJobs(t.store);
    expect(jobs.map((j) => [j.kind, j.recordKey])).toEqual([
      ['dataverse.contact', 'customer:cus_2001'],
      ['dataverse.account', 'company:cmp_77'],
    ]);
  });

  it('takes product quantity changes only when inventory flows both ways, keyed by the SKU like Clarity inventory events', async () => {
    const product = 'cccccccc-0000-0000-0000-000000000001';
    const event = dataverseContext({ table: 'product', id: product, attributes: { quantityonhand: 12, productnumber: 'WID-100-BLU' } });
    expect(await deliver(event)).toMatchObject({ status: 202, json: { ignored: 'table product is not synced (INVENTORY_DIRECTION is clarity-to-dataverse)' } });
    expect(await totalJobs(t.store)).toBe(0);
    await t.close();

    t = await startTestApp({ ownUserId: CONNECTOR_USER, env: { INVENTORY_DIRECTION: 'both' } });
    expect(await deliver(event)).toEqual({ status: 200, json: { accepted: true, duplicate: false } });
    // Once the catalog flow linked the product, the link names the SKU even without it in the event.
    await t.store.links.save({ entity: 'product', clarityId: 'WID-200-RED', dataverseTable: 'product', dataverseId: 'cccccccc-0000-0000-0000-000000000002', hashToDataverse: null, hashToClarity: null, snapshot: null, clarityVersion: null, dataverseVersion: null });
    await deliver(dataverseContext({ table: 'product', id: 'cccccccc-0000-0000-0000-000000000002', attributes: { quantityonhand: 3 } }));
    expect((await allJobs(t.store)).map((j) => [j.kind, j.recordKey])).toEqual([
      ['dataverse.product', 'sku:WID-100-BLU'],
      ['dataverse.product', 'sku:WID-200-RED'],
    ]);
  });

  it('ignores tables it does not sync (202) and refuses bodies that are not a RemoteExecutionContext (400)', async () => {
    expect((await deliver(dataverseContext({ table: 'lead' }))).status).toBe(202);
    const notJson = await deliver('{nope');
    expect(notJson.status).toBe(400);
    const notContext = await deliver({ MessageName: 'Update' });
    expect(notContext).toMatchObject({ status: 400, json: { error: { code: 'CONNECTOR_ERR_MALFORMED', message: expect.stringContaining('PrimaryEntityId') } } });
    expect(await totalJobs(t.store)).toBe(0);
  });
});
