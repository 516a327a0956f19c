import { allJobs, startTestApp, totalJobs, type TestApp } from '../http/test-support/start-app';
import { clarityEnvelope, clarityHeaders } from '../http/test-support/webhooks';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ env: { MAX_BODY_BYTES: '4096' } });
});
afterEach(() => t.close());

async function deliver(body: string, headers: Record<string, string>) {
  const res = await fetch(`${t.url}/webhooks/clarity`, { method: 'POST', body, headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /webhooks/clarity', () => {
  it('verifies, enqueues exactly one job with the kind and record key, then answers 200', async () => {
    const env = clarityEnvelope('customer.updated', { customerId: 'cus_2001', email: 'a@example.com' }, 'evt_customer_1');
    const body = JSON.stringify(env);
    const res = await deliver(body, clarityHeaders(env.id, body, { type: 'customer.updated' }));
    expect(res).toEqual({ status: 200, json: { accepted: true, duplicate: false } });
    const jobs = await allJobs(t.store);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'clarity.customer', recordKey: 'customer:cus_2001', idempotencyKey: 'clarity:evt_customer_1', source: 'clarity', state: 'queued', payload: env });
  });

  it('turns the same delivery, retried three times, into one job', async () => {
    const env = clarityEnvelope('order.created', { orderId: 'ord_10045', customerId: 'cus_2001' });
    const body = JSON.stringify(env);
    const answers = [];
    // Each retry is signed afresh with a new timestamp (clarity-api.md §4.7); the id and body stay the same.
    for (const offset of [0, 5, 300]) answers.push(await deliver(body, clarityHeaders(env.id, body, { at: new Date(Date.now() - (300 - offset) * 1000 + 1000) })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json.duplicate)).toEqual([false, true, true]);
    const jobs = await allJobs(t.store);
    expect(jobs.map((j) => [j.kind, j.recordKey])).toEqual([['clarity.order', 'order:ord_10045']]);
  });

  it('rejects a bad signature, a wrong secret and a stale timestamp with 401 and enqueues nothing', async () => {
    const env = clarityEnvelope('customer.updated', { customerId: 'cus_1' });
    const body = JSON.stringify(env);
    const good = clarityHeaders(env.id, body);
    const wrongSecret = clarityHeaders(env.id, body, { secret: 'whsec_' + Buffer.from('not-the-configured-secret-000000').toString('base64') });
    const stale = clarityHeaders(env.id, body, { at: new Date(Date.now() - 301_000) });
    for (const headers of [wrongSecret, stale, { ...good, 'webhook-signature': 'v1,AAAA' }, { 'content-type': 'application/json' }]) {
      const res = await deliver(body, headers);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'CONNECTOR_ERR_BAD_SIGNATURE' } });
    }
    // A body changed after signing (here: one byte) fails too.
    const tampered = await deliver(body.replace('cus_1', 'cus_2'), good);
    expect(tampered.status).toBe(401);
    expect(await totalJobs(t.store)).toBe(0);
    expect(t.logs()).not.toContain(good['webhook-signature']);
    const metrics = await t.metrics.registry.metrics();
    expect(metrics).toContain('connector_webhooks_rejected_total{source="clarity",reason="bad_signature"} 3');
    expect(metrics).toContain('connector_webhooks_rejected_total{source="clarity",reason="stale_timestamp"} 1');
    expect(metrics).toContain('connector_webhooks_rejected_total{source="clarity",reason="missing_headers"} 1');
  });

  it('answers 400 to signed bodies that are not JSON or lack id/type/data.object, and enqueues nothing', async () => {
    for (const body of ['{not json', JSON.stringify({ id: 'evt_x', type: 'order.created', data: {} }), JSON.stringify({ id: 'evt_x', data: { object: {} } })]) {
      const res = await deliver(body, clarityHeaders('evt_x', body));
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'CONNECTOR_ERR_MALFORMED' } });
    }
    expect(await totalJobs(t.store)).toBe(0);
  });

  it('answers 413 to a body over MAX_BODY_BYTES before reading it, and enqueues nothing', async () => {
    const env = clarityEnvelope('customer.updated', { customerId: 'cus_1', notes: 'x'.repeat(8000) });
    const body = JSON.stringify(env);
    const res = await deliver(body, clarityHeaders(env.id, body));
    expect(res).toEqual({ status: 413, json: { error: { code: 'CONNECTOR_ERR_TOO_LARGE', message: expect.any(String) } } });
    expect(await totalJobs(t.store)).toBe(0);
    expect(await t.metrics.registry.metrics()).toContain('connector_webhooks_rejected_total{source="clarity",reason="too_large"} 1');
  });

  it('accepts and ignores event types the connector does not sync (202, counted, no job)', async () => {
    const env = clarityEnvelope('webhook.test', { hello: 'world' });
    const body = JSON.stringify(env);
    const res = await deliver(body, clarityHeaders(env.id, body));
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ accepted: true });
    expect(await totalJobs(t.store)).toBe(0);
    expect(await t.metrics.registry.metrics()).toContain('connector_webhooks_skipped_total{source="clarity",reason="unknown_type"} 1');
  });

  it('answers 503 (so Clarity retries) when the store cannot take the event', async () => {
    const env = clarityEnvelope('customer.updated', { customerId: 'cus_1' });
    const body = JSON.stringify(env);
    await t.store.close();
    const res = await deliver(body, clarityHeaders(env.id, body));
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ error: { code: 'CONNECTOR_ERR_STORE' } });
  });
});
