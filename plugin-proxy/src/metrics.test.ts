import { addApiCalls, createMetrics, recordApiCall, recordJobOutcome, recordWebhookRejected } from './metrics';
import type { JobState } from './store/types';

const counts = (over: Partial<Record<JobState, number>>): Record<JobState, number> => ({
  queued: 0, running: 0, retry: 0, done: 0, dead: 0, discarded: 0, skipped: 0, ...over,
});

describe('createMetrics', () => {
  it('keeps a registry per instance', async () => {
    const a = createMetrics();
    const b = createMetrics();
    recordApiCall(a, 'clarity', 429);
    expect(await a.registry.metrics()).toContain('connector_api_throttled_total{target="clarity"} 1');
    expect(await b.registry.metrics()).not.toContain('connector_api_throttled_total{target="clarity"} 1');
  });

  it('reads queue depth from the store at scrape time', async () => {
    const m = createMetrics();
    let dead = 2;
    m.trackQueue({ counts: async () => counts({ queued: 5, dead }) });
    expect(await m.registry.metrics()).toContain('connector_queue_jobs{state="dead"} 2');
    dead = 3;
    const text = await m.registry.metrics();
    expect(text).toContain('connector_queue_jobs{state="dead"} 3');
    expect(text).toContain('connector_queue_jobs{state="queued"} 5');
  });

  it('counts job outcomes by kind and observes end-to-end latency', async () => {
    const m = createMetrics();
    const now = new Date('2025-01-01T00:00:10Z');
    recordJobOutcome(m, 'clarity.order', 'processed', new Date('2025-01-01T00:00:08Z'), now);
    recordJobOutcome(m, 'clarity.order', 'dead_lettered');
    addApiCalls(m, 'dataverse', 7, 2);
    recordWebhookRejected(m, 'clarity', 'signature');
    const text = await m.registry.metrics();
    expect(text).toContain('connector_jobs_total{kind="clarity.order",outcome="processed"} 1');
    expect(text).toContain('connector_jobs_total{kind="clarity.order",outcome="dead_lettered"} 1');
    expect(text).toContain('connector_job_end_to_end_seconds_sum{kind="clarity.order"} 2');
    expect(text).toContain('connector_api_calls_total{target="dataverse"} 7');
    expect(text).toContain('connector_api_throttled_total{target="dataverse"} 2');
    expect(text).toContain('connector_webhooks_rejected_total{source="clarity",reason="signature"} 1');
  });
});
