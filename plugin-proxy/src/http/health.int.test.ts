import { startTestApp, type TestApp } from './test-support/start-app';
import { clarityEnvelope, clarityHeaders } from './test-support/webhooks';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

describe('operational endpoints', () => {
  it('/healthz answers while the process runs', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz follows the store: 200 while it answers, 503 with a reason when it does not', async () => {
    const ok = await fetch(`${t.url}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ready: true, store: 'sqlite' });
    await t.store.close();
    const down = await fetch(`${t.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, reason: expect.stringContaining('store (sqlite) unavailable') });
  });

  it('/metrics exposes queue depth, webhook counters and the job metrics in the text format', async () => {
    const env = clarityEnvelope('customer.updated', { customerId: 'cus_1' });
    const body = JSON.stringify(env);
    await fetch(`${t.url}/webhooks/clarity`, { method: 'POST', body, headers: clarityHeaders(env.id, body) });
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('connector_queue_jobs{state="queued"} 1');
    expect(text).toContain('connector_queue_jobs{state="dead"} 0');
    expect(text).toContain('connector_webhooks_received_total{source="clarity"} 1');
    expect(text).toContain('# TYPE connector_jobs_total counter');
    expect(text).toContain('# TYPE connector_job_end_to_end_seconds histogram');
    expect(text).toContain('# TYPE connector_api_calls_total counter');
  });

  it('renders unknown routes in the error format', async () => {
    const res = await fetch(`${t.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'CONNECTOR_ERR_NOT_FOUND', message: 'No route for GET /nope' } });
  });
});
