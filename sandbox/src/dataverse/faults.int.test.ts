import { createPrng } from '../common';
import { sandboxClients } from './identity';
import { DATAVERSE_LIMITS, limitError } from './limits';
import { startDataverse, type RunningDataverse } from './test-support/harness';

/**
 * Fault injection through the whole Dataverse emulator over HTTP: rules go in through the admin routes, the
 * client sees Dataverse-shaped failures (spec §4.1) on real Web API calls with real tokens.
 */
let dv: RunningDataverse;

beforeAll(async () => {
  dv = await startDataverse({ faultSeed: 1234 });
  await dv.token();
});
beforeEach(async () => void (await admin('DELETE')));
afterAll(() => dv?.close());

async function admin(method: 'GET' | 'POST' | 'DELETE', body?: unknown, suffix = '') {
  const res = await fetch(`${dv.url}/_sandbox/faults${suffix}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { rules: { id: string; remaining?: number }[] } };
}

async function whoAmI() {
  const res = await dv.request('WhoAmI');
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const WHOAMI = '/api/data/v9.2/WhoAmI';

describe('Dataverse fault injection', () => {
  it('starts from the emulator’s fault seed with no rules', async () => {
    expect((await admin('GET')).json).toMatchObject({ seed: 1234, rules: [] });
  });

  it('fails a seeded share of requests with 503 in the Dataverse error shape, the same way on every run', async () => {
    const run = async () => {
      expect((await admin('POST', { seed: 7, rules: [{ id: 'flaky', path: WHOAMI, errorRate: 0.3 }] })).status).toBe(201);
      const seen = [];
      for (let i = 0; i < 30; i++) seen.push(await whoAmI());
      return seen;
    };
    const first = await run();
    // One draw per request (only errorRate is set), so the PRNG alone predicts the sequence.
    const random = createPrng(7);
    expect(first.map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => (random() < 0.3 ? 503 : 200)));
    const failed = first.find((r) => r.status === 503);
    expect(failed?.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
    expect(JSON.parse(failed?.text ?? '')).toEqual({ error: { code: '', message: 'Service Unavailable' } });
    expect((await run()).map((r) => r.status)).toEqual(first.map((r) => r.status));
  });

  it('answers a 429 storm with Retry-After and the request-limit error body', async () => {
    const connector = sandboxClients().find((c) => c.clientId === 'sandbox-connector')?.objectId as string;
    const counted = () => dv.emulator.protection?.snapshot(connector).requests;
    const before = counted();
    await admin('POST', { path: '/api/data/', throttleRate: 1, retryAfterSec: 4 });
    const storm = [await whoAmI(), await whoAmI(), await whoAmI()];
    for (const res of storm) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('4');
      expect(res.headers.get('odata-version')).toBe('4.0');
      expect(JSON.parse(res.text)).toEqual({ error: limitError('requests', DATAVERSE_LIMITS) });
    }
    // Injected before the limiter: the storm does not use the user's real budget.
    expect(counted()).toBe(before);
  });

  it('adds latency to matching requests only', async () => {
    await admin('POST', { path: WHOAMI, latencyMs: 150 });
    const started = performance.now();
    expect((await whoAmI()).status).toBe(200);
    // A lower bound only: a delay can make the call slower, never faster (1 ms slack for timer rounding).
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    expect((await dv.request('contacts?$top=1')).status).toBe(200);
    expect((await admin('GET')).json).toMatchObject({ stats: { delayed: 1 } });
  });

  it('drops the connection without an answer: the client sees a socket error', async () => {
    await admin('POST', { path: WHOAMI, dropRate: 1, remaining: 1 });
    const error = await dv.request('WhoAmI').then(
      () => undefined,
      (e: unknown) => e as { cause?: { code?: string } },
    );
    expect(error?.cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect((await whoAmI()).status).toBe(200);
  });

  it('applies a rule to the next `remaining` matching requests, then removes it', async () => {
    const added = await admin('POST', { id: 'twice', path: WHOAMI, errorRate: 1, errorStatus: 502, remaining: 2 });
    expect(added.json.rules).toEqual([expect.objectContaining({ id: 'twice', remaining: 2 })]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await whoAmI()).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
    expect((await admin('GET')).json.rules).toEqual([]);
  });

  it('DELETE removes one rule by id or all of them', async () => {
    await admin('POST', [
      { id: 'a', path: WHOAMI, errorRate: 1 },
      { id: 'b', path: '/api/data/', throttleRate: 1 },
    ]);
    expect((await admin('DELETE', undefined, '/a')).json).toEqual({ removed: 1 });
    expect((await whoAmI()).status).toBe(429);
    expect((await admin('DELETE')).json).toEqual({ removed: 1 });
    expect((await admin('GET')).json.rules).toEqual([]);
    expect((await whoAmI()).status).toBe(200);
  });
});
