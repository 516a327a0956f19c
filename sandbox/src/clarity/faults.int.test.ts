import { KEY, startEmulator, type Running } from './test-support';

/** Fault rules on the Clarity emulator answer in its problem+json shape and leave the data untouched. */
describe('Clarity emulator fault injection', () => {
  let em: Running;
  beforeAll(async () => {
    em = await startEmulator({ faultSeed: 7 });
  });
  afterAll(() => em.emu.close());

  const get = (path: string) => fetch(`${em.base}${path}`, { headers: { authorization: `Bearer ${KEY}` } });

  test('a 429 storm on customers answers problem+json with Retry-After, then clears', async () => {
    const add = await fetch(`${em.base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/v1/customers', throttleRate: 1, retryAfterSec: 2, remaining: 2 }),
    });
    expect(add.status).toBeLessThan(300);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get('/api/v1/customers?limit=1');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('2');
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(((await res.json()) as { code: string }).code).toBe('rate_limited');
      } else await res.arrayBuffer();
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect(em.emu.requests.count('GET', /^\/api\/v1\/customers/)).toBe(3);
  });

  test('an error rate of 1 on one path does not touch other paths', async () => {
    await fetch(`${em.base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/v1/orders', errorRate: 1, errorStatus: 503 }),
    });
    const orders = await get('/api/v1/orders?limit=1');
    expect(orders.status).toBe(503);
    expect(((await orders.json()) as { code: string }).code).toBe('service_unavailable');
    expect((await get('/api/v1/customers?limit=1')).status).toBe(200);
    await fetch(`${em.base}/_sandbox/faults`, { method: 'DELETE' });
    expect((await get('/api/v1/orders?limit=1')).status).toBe(200);
  });
});
