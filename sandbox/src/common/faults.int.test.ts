import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createFaultInjector, type FaultInjector } from './faults';
import { registerFaults } from './faults-plugin';
import { createPrng } from './prng';

let app: FastifyInstance;
let base: string;
let injector: FaultInjector;
const sleeps: number[] = [];
const agent = new Agent();

beforeAll(async () => {
  injector = createFaultInjector({ seed: 1234 });
  app = Fastify();
  registerFaults(app, injector, {
    errorBody: (status) => ({ error: { code: '', message: `injected ${status}` } }),
    contentType: 'application/json; odata.metadata=minimal',
    sleep: async (ms) => void sleeps.push(ms),
  });
  app.get('/api/*', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
beforeEach(async () => {
  await call('DELETE', '/_sandbox/faults');
  injector.reseed(1234);
  sleeps.length = 0;
});
afterAll(async () => {
  await agent.close();
  await app.close();
});

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const res = await request(`${base}${path}`, {
    method,
    dispatcher: agent,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('fault injection over HTTP', () => {
  it('adds, lists and clears rules at runtime; the admin routes are never faulted', async () => {
    const added = await call('POST', '/_sandbox/faults', [{ id: 'all', path: '/', errorRate: 1 }, { path: '/api/x', latencyMs: 10 }]);
    expect(added.status).toBe(201);
    const listed = JSON.parse((await call('GET', '/_sandbox/faults')).text);
    expect(listed.rules.map((r: { id: string }) => r.id)).toContain('all');
    expect(listed.rules).toHaveLength(2);
    expect((await call('POST', '/_sandbox/faults', { path: '/x', errorRate: 5 })).status).toBe(400);
    expect((await call('DELETE', '/_sandbox/faults/all')).status).toBe(200);
    expect((await call('DELETE', '/_sandbox/faults/all')).status).toBe(404);
    expect(JSON.parse((await call('DELETE', '/_sandbox/faults')).text)).toEqual({ removed: 1 });
  });

  it('delays matching requests by latencyMs', async () => {
    await call('POST', '/_sandbox/faults', { path: '/api/slow', latencyMs: 250 });
    expect((await call('GET', '/api/slow')).status).toBe(200);
    expect((await call('GET', '/api/fast')).status).toBe(200);
    expect(sleeps).toEqual([250]);
  });

  it('fails a seeded, reproducible share of requests with the emulator’s error body', async () => {
    await call('POST', '/_sandbox/faults', { seed: 99, rules: [{ path: '/api/', errorRate: 0.25, errorStatus: 502 }] });
    const statuses: number[] = [];
    let body = '';
    for (let i = 0; i < 40; i++) {
      const res = await call('GET', '/api/items');
      statuses.push(res.status);
      if (res.status === 502) body = res.text;
    }
    const random = createPrng(99);
    const expected = Array.from({ length: 40 }, () => (random() < 0.25 ? 502 : 200));
    expect(statuses).toEqual(expected);
    expect(statuses).toContain(502);
    expect(JSON.parse(body)).toEqual({ error: { code: '', message: 'injected 502' } });
  });

  it('answers a 429 storm with Retry-After', async () => {
    await call('POST', '/_sandbox/faults', { path: '/api/', throttleRate: 1, retryAfterSec: 7 });
    const res = await call('GET', '/api/contacts');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers['content-type']).toBe('application/json; odata.metadata=minimal');
  });

  it('drops the connection without a response: the client sees a socket error', async () => {
    await call('POST', '/_sandbox/faults', { path: '/api/drop', dropRate: 1 });
    await expect(call('GET', '/api/drop')).rejects.toMatchObject({ code: expect.stringMatching(/^UND_ERR_SOCKET$|^ECONNRESET$/) });
    expect((await call('GET', '/api/ok')).status).toBe(200);
    expect(injector.stats().dropped).toBe(1);
  });

  it('applies `remaining` to the next N matching requests only', async () => {
    await call('POST', '/_sandbox/faults', { path: '/api/', errorRate: 1, errorStatus: 503, remaining: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('GET', '/api/a')).status);
    expect(statuses).toEqual([503, 503, 503, 200, 200]);
    expect(JSON.parse((await call('GET', '/_sandbox/faults')).text).rules).toEqual([]);
  });
});
