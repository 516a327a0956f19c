import { TEST_ADMIN_KEY } from '../http/test-support/env';
import { startTestApp, type TestApp } from '../http/test-support/start-app';
import type { Job } from '../store/types';

let t: TestApp;
afterEach(() => t.close());

async function call(method: string, path: string, options: { key?: string | null; body?: unknown } = {}) {
  const key = options.key === undefined ? TEST_ADMIN_KEY : options.key;
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & Partial<Job> };
}

/** Enqueues a job and runs it into the dead-letter queue the way the worker does (claim, fail for good). */
async function deadJob(n: number): Promise<string> {
  const { id } = await t.store.jobs.enqueue({ kind: 'clarity.customer', recordKey: `customer:cus_${n}`, idempotencyKey: `clarity:evt_${n}`, source: 'clarity', payload: { n } });
  const [claimed] = await t.store.jobs.claim('test-worker', 10, 30_000);
  if (claimed?.id !== id) throw new Error('expected to claim the job just enqueued');
  await t.store.jobs.fail(id, 'test-worker', { code: 'CONNECTOR_ERR_VALIDATION', message: 'email is invalid' }, null);
  return id;
}

describe('admin API with ADMIN_API_KEY set', () => {
  beforeEach(async () => {
    t = await startTestApp({ env: { ADMIN_API_KEY: TEST_ADMIN_KEY } });
  });

  it('answers 401 without the key or with a wrong one', async () => {
    for (const key of [null, 'wrong-key-wrong-key', `${TEST_ADMIN_KEY}x`]) {
      const res = await call('GET', '/admin/jobs', { key });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'CONNECTOR_ERR_UNAUTHORIZED' } });
    }
    const basic = await fetch(`${t.url}/admin/queue`, { headers: { authorization: `Basic ${TEST_ADMIN_KEY}` } });
    expect(basic.status).toBe(401);
  });

  it('lists, shows, edits, retries and discards dead jobs', async () => {
    const a = await deadJob(1);
    const b = await deadJob(2);
    await t.store.jobs.enqueue({ kind: 'clarity.order', recordKey: 'order:o1', idempotencyKey: 'clarity:evt_q', source: 'clarity', payload: {} });

    const list = await call('GET', '/admin/jobs?state=dead&kind=clarity.customer&limit=1');
    expect(list.status).toBe(200);
    const page1 = list.json.jobs as Job[];
    expect(page1.map((j) => j.id)).toEqual([a]);
    const page2 = await call('GET', `/admin/jobs?limit=1&after=${String(list.json.next)}`);
    expect((page2.json.jobs as Job[]).map((j) => j.id)).toEqual([b]);

    const shown = await call('GET', `/admin/jobs/${a}`);
    expect(shown.json).toMatchObject({ id: a, state: 'dead', payload: { n: 1 }, lastError: { code: 'CONNECTOR_ERR_VALIDATION' } });
    expect((await call('GET', '/admin/jobs/999999')).status).toBe(404);

    const edited = await call('PUT', `/admin/jobs/${a}/payload`, { body: { n: 1, email: 'fixed@example.com' } });
    expect(edited).toMatchObject({ status: 200, json: { id: a, state: 'dead', payload: { n: 1, email: 'fixed@example.com' } } });

    const retried = await call('POST', `/admin/jobs/${a}/retry`);
    expect(retried).toMatchObject({ status: 200, json: { id: a, state: 'queued' } });
    // Not dead any more: editing, retrying or discarding it again is a conflict.
    expect((await call('PUT', `/admin/jobs/${a}/payload`, { body: { n: 0 } })).json).toMatchObject({ error: { code: 'CONNECTOR_ERR_CONFLICT' } });
    expect((await call('POST', `/admin/jobs/${a}/retry`)).status).toBe(409);
    expect((await call('POST', `/admin/jobs/${a}/discard`)).status).toBe(409);

    expect(await call('POST', `/admin/jobs/${b}/discard`)).toMatchObject({ status: 200, json: { id: b, state: 'discarded' } });

    const queue = await call('GET', '/admin/queue');
    expect(queue.json.counts).toMatchObject({ queued: 2, dead: 0, discarded: 1 });
  });

  it('lists recent conflicts and refuses bad query parameters', async () => {
    await t.store.conflicts.record({ entity: 'customer', clarityId: 'cus_1', dataverseId: 'd1', field: 'email', clarityValue: 'a@x', dataverseValue: 'b@x', resolution: 'clarity (source of truth)', at: new Date() });
    const res = await call('GET', '/admin/conflicts?limit=5');
    expect(res.json.conflicts).toEqual([expect.objectContaining({ field: 'email', resolution: 'clarity (source of truth)' })]);
    expect((await call('GET', '/admin/jobs?state=zombie')).json).toMatchObject({ error: { code: 'CONNECTOR_ERR_MALFORMED' } });
    expect((await call('GET', '/admin/jobs?limit=0')).status).toBe(400);
  });
});

describe('admin API without ADMIN_API_KEY', () => {
  beforeEach(async () => {
    t = await startTestApp();
  });

  it('answers 503 saying the admin API is disabled', async () => {
    const res = await call('GET', '/admin/queue', { key: 'anything-at-all-123' });
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ error: { code: 'CONNECTOR_ERR_CONFIG', message: expect.stringContaining('ADMIN_API_KEY') } });
  });
});
