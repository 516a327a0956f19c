/** Auth, scopes, rate limits, problem+json and request ids over real HTTP (spec §4.1, §4.2, §4.9, §4.10). */
import { startEmulator, type Running } from '../test-support';

let run: Running;
afterEach(async () => { await run?.emu.close(); });

const form = (o: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o).toString() });

test('401 with WWW-Authenticate for missing or unknown tokens; problem+json shape', async () => {
  run = await startEmulator();
  for (const token of [null, 'clr_test_wrong']) {
    const r = await run.call('GET', '/customers/cus_2001', { token });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toEqual({
      type: 'https://developer.clarity.example/problems/unauthorized', title: 'Unauthorized', status: 401,
      detail: expect.any(String), instance: '/api/v1/customers/cus_2001', code: 'unauthorized', requestId: r.headers.get('x-request-id'),
    });
  }
});

test('client credentials: token with requested scopes; 403 insufficient_scope outside them', async () => {
  run = await startEmulator();
  const t = await fetch(`${run.base}/oauth/token`, form({ grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'sandbox-secret', scope: 'customers:read orders:read' }));
  expect(t.status).toBe(200);
  const tok = await t.json() as { access_token: string; token_type: string; expires_in: number; scope: string };
  expect(tok).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'customers:read orders:read' });
  expect((await run.call('GET', '/customers/cus_2001', { token: tok.access_token })).status).toBe(200);
  const denied = await run.call('PATCH', '/customers/cus_2001', { token: tok.access_token, body: { phone: '+1' } });
  expect(denied.status).toBe(403);
  expect(denied.body.code).toBe('insufficient_scope');
  const bad = await fetch(`${run.base}/oauth/token`, form({ grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'nope' }));
  expect(bad.status).toBe(401);
  expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
  const scope = await fetch(`${run.base}/oauth/token`, form({ grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'sandbox-secret', scope: 'admin' }));
  expect(await scope.json()).toMatchObject({ error: 'invalid_scope', status: 400 });
  const json = await fetch(`${run.base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(json.status).toBe(415);
});

test('API keys with limited scopes; tokens expire after an hour on the emulator clock', async () => {
  let now = Date.parse('2025-01-15T00:00:00Z');
  run = await startEmulator({ now: () => new Date(now), apiKeys: [{ key: 'clr_test_ro', scopes: ['products:read'] }] });
  expect((await run.call('GET', '/products/GAD-200', { token: 'clr_test_ro' })).status).toBe(200);
  expect((await run.call('GET', '/orders', { token: 'clr_test_ro' })).status).toBe(403);
  const t = await (await fetch(`${run.base}/oauth/token`, form({ grant_type: 'client_credentials', client_id: 'sandbox-connector', client_secret: 'sandbox-secret' }))).json() as { access_token: string };
  expect((await run.call('GET', '/orders', { token: t.access_token })).status).toBe(200);
  now += 3601_000;
  expect((await run.call('GET', '/orders', { token: t.access_token })).status).toBe(401);
});

test('rate limit: X-RateLimit-* on every response, 429 rate_limited with Retry-After, POST /orders costs 2', async () => {
  let now = 0;
  run = await startEmulator({ now: () => new Date(Date.parse('2025-01-15T00:00:00Z') + now), rateLimit: { capacity: 3, refillPerSecond: 1 } });
  const a = await run.call('GET', '/customers/cus_2001');
  expect([a.headers.get('x-ratelimit-limit'), a.headers.get('x-ratelimit-remaining'), a.headers.get('x-ratelimit-reset')]).toEqual(['3', '2', '1']);
  const o = await run.call('POST', '/orders', { body: { email: 'x@example.com', lineItems: [{ sku: 'GAD-200', quantity: 1 }], billingAddress: { line1: '1', city: 'A', countryCode: 'US' } } });
  expect(o.status).toBe(201);
  expect(o.headers.get('x-ratelimit-remaining')).toBe('0');
  const limited = await run.call('GET', '/customers/cus_2001');
  expect(limited.status).toBe(429);
  expect(limited.body.code).toBe('rate_limited');
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  now += 2000;
  expect((await run.call('GET', '/customers/cus_2001')).status).toBe(200);
  const missing = await run.call('GET', '/nowhere');
  expect(missing.status).toBe(404);
  expect(missing.headers.get('x-ratelimit-limit')).toBe('3'); // every response, including 404s
});

test('X-Request-Id is echoed or minted; 415 wrong content type; 400 malformed JSON', async () => {
  run = await startEmulator();
  const echoed = await run.call('GET', '/customers/cus_2001', { headers: { 'X-Request-Id': 'req_client_123' } });
  expect(echoed.headers.get('x-request-id')).toBe('req_client_123');
  const minted = await run.call('GET', '/customers/cus_2001');
  expect(minted.headers.get('x-request-id')).toMatch(/^req_/);
  const text = await run.call('PATCH', '/customers/cus_2001', { raw: 'phone=1', headers: { 'content-type': 'text/plain' } });
  expect(text.status).toBe(415);
  expect(text.body.code).toBe('unsupported_media_type');
  const mp = await run.call('PUT', '/products/GAD-200/inventory', { body: { onHand: 1 }, headers: { 'content-type': 'application/merge-patch+json' } });
  expect(mp.status).toBe(415);
  const broken = await run.call('PATCH', '/customers/cus_2001', { raw: '{"phone":' });
  expect(broken.status).toBe(400);
  expect(broken.body).toMatchObject({ code: 'invalid_request', requestId: broken.headers.get('x-request-id') });
});
