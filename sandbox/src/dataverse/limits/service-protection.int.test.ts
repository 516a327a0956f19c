import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { scaledLimits } from './limits';
import { BURST_REMAINING_HEADER, createServiceProtection, TIME_REMAINING_HEADER, type ServiceProtection } from './service-protection';

let clock = 1_000_000;
let app: FastifyInstance;
let base: string;
let protection: ServiceProtection;
const agent = new Agent({ connections: 100 });
let releaseHeld: () => void = () => undefined;
let held = new Promise<void>((r) => (releaseHeld = r));

beforeAll(async () => {
  // 3 s window, 60 requests, 12,000 ms of execution, 6 in flight.
  protection = createServiceProtection(scaledLimits(0.01, { maxConcurrent: 6 }), () => clock);
  app = Fastify();
  protection.register(app, { userOf: (req) => req.headers['x-user'] as string | undefined });
  app.get('/api/data/v9.2/WhoAmI', async () => ({ ok: true }));
  // Advances the injected clock while "working": execution time without real waiting.
  app.get<{ Querystring: { ms: string } }>('/api/data/v9.2/slow', async (req) => {
    clock += Number(req.query.ms);
    return { ok: true };
  });
  app.get('/api/data/v9.2/held', async () => {
    await held;
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
beforeEach(() => protection.reset());
afterAll(async () => {
  await agent.close();
  await app.close();
});

const get = async (path: string, user = 'user-a') => {
  const res = await request(`${base}/api/data/v9.2/${path}`, { headers: { 'x-user': user }, dispatcher: agent });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
};

describe('service protection over HTTP', () => {
  it('a client sending past the request limit gets 429, Retry-After and 0x80072322', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await get('WhoAmI')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    const res = await get('WhoAmI');
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 60 over time window of 3 seconds.' },
    });
    // Another user is unaffected: limits are per user.
    expect((await get('WhoAmI', 'user-b')).status).toBe(200);
  });

  it('a client pacing itself at the limit never sees a 429, and reads the remaining budget headers', async () => {
    const statuses = new Set<number>();
    let last: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 200; i++) {
      clock += 50; // 60 requests per 3,000 ms
      last = await get('WhoAmI', 'pacer');
      statuses.add(last.status);
    }
    expect([...statuses]).toEqual([200]);
    expect(last?.headers[BURST_REMAINING_HEADER]).toBe('0');
    expect(last?.headers[TIME_REMAINING_HEADER]).toBe('12,000.00');
  });

  it('honouring Retry-After gets the client back in', async () => {
    for (let i = 0; i < 60; i++) await get('WhoAmI', 'patient');
    const throttled = await get('WhoAmI', 'patient');
    expect(throttled.status).toBe(429);
    clock += Number(throttled.headers['retry-after']) * 1000;
    expect((await get('WhoAmI', 'patient')).status).toBe(200);
  });

  it('the concurrency limit trips immediately with 0x80072326', async () => {
    const inFlight = [1, 2, 3, 4, 5, 6].map(() => get('held', 'busy'));
    await waitFor(() => protection.snapshot('busy').concurrent === 6);
    const res = await get('WhoAmI', 'busy');
    expect(res.status).toBe(429);
    expect(JSON.parse(res.body).error).toEqual({ code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 6.' });
    releaseHeld();
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await waitFor(() => protection.snapshot('busy').concurrent === 0);
    expect((await get('WhoAmI', 'busy')).status).toBe(200);
    held = new Promise<void>((r) => (releaseHeld = r));
  });

  it('the execution-time limit trips once the window holds 12,000 ms, with 0x80072321', async () => {
    // Five requests in flight for 2,500 ms of (injected) time: 12,500 ms of execution in one window.
    const inFlight = [1, 2, 3, 4, 5].map(() => get('held', 'heavy'));
    await waitFor(() => protection.snapshot('heavy').concurrent === 5);
    clock += 2500;
    releaseHeld();
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitFor(() => protection.snapshot('heavy').concurrent === 0);
    expect(protection.snapshot('heavy').executionMs).toBe(12_500);
    const res = await get('WhoAmI', 'heavy');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.headers['content-type']).toBe('application/json; odata.metadata=minimal');
    expect(JSON.parse(res.body).error.code).toBe('0x80072321');
    expect(JSON.parse(res.body).error.message).toMatch(/^Combined execution time of incoming requests exceeded limit of 12,000 {2}milliseconds over time window of 3 seconds\./);
    clock += 3000;
    expect((await get('WhoAmI', 'heavy')).status).toBe(200);
    held = new Promise<void>((r) => (releaseHeld = r));
  });

  it('does not count requests without a user', async () => {
    const res = await request(`${base}/api/data/v9.2/WhoAmI`, { dispatcher: agent });
    await res.body.text();
    expect(res.headers[BURST_REMAINING_HEADER]).toBeUndefined();
  });
});

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}
