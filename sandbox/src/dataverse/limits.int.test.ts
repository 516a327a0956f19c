import { setTimeout as sleep } from 'node:timers/promises';
import { batchContentType, parseBatchResponse, serializeBatchRequest } from './batch';
import { sandboxClients } from './identity';
import { BURST_REMAINING_HEADER, scaledLimits, TIME_REMAINING_HEADER, type ServiceProtection } from './limits';
import { startDataverse, type RunningDataverse } from './test-support/harness';

/**
 * Service protection (spec §4.4) through the whole emulator over HTTP: real tokens, the auth hook naming the
 * user, the limits hook, `$batch`. Assertions are on statuses, headers and the limiter's state, never on
 * how long anything took; the only sleeps are the pacing client's own.
 */
const objectIdOf = (clientId: string) => sandboxClients().find((c) => c.clientId === clientId)?.objectId as string;
const CONNECTOR = objectIdOf('sandbox-connector');

async function call(dv: RunningDataverse, path: string, init?: Parameters<RunningDataverse['request']>[1]) {
  const res = await dv.request(path, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('service protection, 60 s window / 20 requests / 3 in flight', () => {
  // A long window so no request leaves it while a test runs: counts are exact however slow the machine is.
  const LIMITS = { windowMs: 60_000, maxRequests: 20, maxConcurrent: 3 };
  let dv: RunningDataverse;
  let protection: ServiceProtection;

  beforeAll(async () => {
    dv = await startDataverse({ limits: LIMITS });
    protection = dv.emulator.protection as ServiceProtection;
    await Promise.all([dv.token('sandbox-connector'), dv.token('sandbox-crm-user')]);
  });
  beforeEach(() => protection.reset());
  afterAll(() => dv?.close());

  it('answers past the request limit with 429, Retry-After and 0x80072322; normal responses carry the budget headers', async () => {
    const ok = [];
    for (let i = 0; i < LIMITS.maxRequests; i++) ok.push(await call(dv, 'WhoAmI'));
    expect(ok.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(ok.map((r) => r.headers.get(BURST_REMAINING_HEADER))).toEqual(Array.from({ length: 20 }, (_, i) => String(19 - i)));
    for (const r of ok) expect(r.headers.get(TIME_REMAINING_HEADER)).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);

    const blockedUntil: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(dv, 'WhoAmI');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(res.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
      expect(res.headers.get(BURST_REMAINING_HEADER)).toBeNull();
      expect(JSON.parse(res.text)).toEqual({
        error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 20 over time window of 60 seconds.' },
      });
      blockedUntil.push(protection.snapshot(CONNECTOR).blockedUntil);
    }
    // Continued pressure lengthens the wait (LIMITS): each rejected attempt pushes the block further out.
    expect(blockedUntil[1]).toBeGreaterThan(blockedUntil[0] as number);
    expect(blockedUntil[2]).toBeGreaterThan(blockedUntil[1] as number);
    expect(protection.snapshot(CONNECTOR)).toMatchObject({ requests: 20, rejected: { requests: 3 } });
  });

  it('limits are per user: sandbox-crm-user is served while sandbox-connector is throttled', async () => {
    for (let i = 0; i < LIMITS.maxRequests; i++) await call(dv, 'WhoAmI');
    expect((await call(dv, 'WhoAmI')).status).toBe(429);
    const other = await call(dv, 'WhoAmI', { clientId: 'sandbox-crm-user' });
    expect(other.status).toBe(200);
    expect(other.headers.get(BURST_REMAINING_HEADER)).toBe('19');
    expect((await call(dv, 'WhoAmI')).status).toBe(429);
  });

  it('counts a $batch of many parts as one request', async () => {
    const boundary = 'batch_limits';
    const parts = Array.from({ length: 30 }, () => ({ method: 'GET', url: '/api/data/v9.2/WhoAmI', headers: { accept: 'application/json' } }));
    const res = await dv.request('$batch', {
      method: 'POST',
      headers: { 'content-type': batchContentType(boundary) },
      body: serializeBatchRequest(parts, boundary),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get(BURST_REMAINING_HEADER)).toBe('19');
    const answers = parseBatchResponse(res.headers.get('content-type') ?? undefined, await res.text());
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(protection.snapshot(CONNECTOR).requests).toBe(1);
    // 19 more fit in the window, then the limit trips: the 30 parts used none of it.
    const after = [];
    for (let i = 0; i < 20; i++) after.push((await call(dv, 'WhoAmI')).status);
    expect(after).toEqual([...Array(19).fill(200), 429]);
  });

  it('rejects requests beyond the concurrency limit at once with 0x80072326', async () => {
    const held = Array.from({ length: LIMITS.maxConcurrent }, () => heldCreate(dv));
    // Headers are in, the bodies are not: the limiter has admitted them and they stay in flight.
    await waitFor(() => protection.snapshot(CONNECTOR).concurrent === LIMITS.maxConcurrent);
    const extra = await Promise.all([1, 2, 3, 4].map(() => call(dv, 'WhoAmI')));
    for (const res of extra) {
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(res.text)).toEqual({ error: { code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 3.' } });
    }
    for (const h of held) h.finish();
    expect(await Promise.all(held.map((h) => h.status))).toEqual([204, 204, 204]);
    await waitFor(() => protection.snapshot(CONNECTOR).concurrent === 0);
    // Concurrency does not block like the window limits do: the next request goes through.
    expect((await call(dv, 'WhoAmI')).status).toBe(200);
    expect(protection.snapshot(CONNECTOR).rejected).toEqual({ requests: 0, time: 0, concurrency: 4 });
  });
});

describe('service protection, a client pacing itself at the limit', () => {
  // 1 s window, 20 requests: the real 20/s rate (scaledLimits keeps the rates), so pacing finishes quickly.
  const LIMITS = scaledLimits(1 / 300);
  let dv: RunningDataverse;

  beforeAll(async () => {
    dv = await startDataverse({ limits: LIMITS });
    await dv.token();
  });
  afterAll(() => dv?.close());

  it('never sees a 429 when it spends the budget it is told and waits for the window to slide', async () => {
    const statuses = new Set<number>();
    const answeredAt: number[] = [];
    let waits = 0;
    for (let i = 0; i < 3 * LIMITS.maxRequests; i++) {
      const res = await call(dv, 'WhoAmI');
      answeredAt.push(Date.now());
      statuses.add(res.status);
      if (res.headers.get(BURST_REMAINING_HEADER) !== '0') continue;
      // Budget spent: wait until the oldest request still in the window is a full window old. Its answer
      // time bounds its arrival from above on the shared clock, so the server has dropped it by then.
      const oldest = answeredAt[answeredAt.length - LIMITS.maxRequests] as number;
      waits++;
      await sleep(Math.max(0, oldest + LIMITS.windowMs + 5 - Date.now()));
    }
    expect([...statuses]).toEqual([200]);
    expect(waits).toBeGreaterThanOrEqual(2); // it really ran at the limit
    expect(dv.emulator.protection?.snapshot(CONNECTOR).rejected).toEqual({ requests: 0, time: 0, concurrency: 0 });
  });
});

/** A create whose body is sent in two halves: the request is admitted on its headers and held until finish(). */
function heldCreate(dv: RunningDataverse): { finish: () => void; status: Promise<number> } {
  let finish = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"lastname":"Held'));
      finish = () => {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      };
    },
  });
  const status = dv.request('contacts', { method: 'POST', body, duplex: 'half' } as RequestInit).then(async (res) => {
    await res.text();
    return res.status;
  });
  return { finish: () => finish(), status };
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}
