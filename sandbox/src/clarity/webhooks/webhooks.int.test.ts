/** Webhook delivery over real HTTP to a local receiver (spec §4.7). */
import { startEmulator, startReceiver, type Running } from '../test-support';
import type { ClarityEvent, Customer } from '../types';
import { verifyStandardWebhook } from './sign';

// The standardwebhooks package is optional (installed with `npm install -w sandbox standardwebhooks`).
let StandardWebhook: (new (secret: string) => { verify(body: string, h: Record<string, string>): unknown }) | undefined;
try {
  // require, not import: the package is optional and a static import would fail to typecheck without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  StandardWebhook = (require('standardwebhooks') as { Webhook: typeof StandardWebhook }).Webhook;
} catch {
  console.warn('standardwebhooks is not installed; cross-checking signatures with it is skipped.');
}

let run: Running;
let receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await run?.emu.close();
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function setup(respond?: Parameters<typeof startReceiver>[0], events = ['customer.created', 'customer.updated', 'order.created']) {
  // Scale 0.001 turns 5 s into 5 ms and 5 min into 300 ms.
  run = await startEmulator({ webhookRetryScale: 0.001 });
  const rx = await startReceiver(respond);
  receivers.push(rx);
  const w = await run.call('POST', '/webhooks', { body: { url: rx.url, events, description: 'test' } });
  expect(w.status).toBe(201);
  return { rx, webhookId: w.body.webhookId as string, secret: w.body.secret as string };
}

const h = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));

test('subscribe, deliver signed, verify with our code and the standardwebhooks package', async () => {
  const { rx, webhookId, secret } = await setup();
  expect(secret).toMatch(/^whsec_/);
  const got = await run.call('GET', `/webhooks/${webhookId}`);
  expect(got.body.secret).toBeUndefined(); // shown once

  const c = await run.call('POST', '/customers', { body: { firstName: 'Ada', lastName: 'L', email: 'ada@example.com' } });
  await rx.waitFor(1);
  const r = rx.received[0]!;
  expect(r.headers).toMatchObject({
    'content-type': 'application/json', 'user-agent': 'Clarity-Webhooks/1.0', 'x-clarity-event-type': 'customer.created',
    'x-clarity-webhook-id': webhookId, 'x-clarity-delivery-attempt': '1',
  });
  const event = JSON.parse(r.body) as ClarityEvent<Customer>;
  expect(event).toMatchObject({ type: 'customer.created', apiVersion: 'v1', storeId: 'store_main', data: { object: { customerId: c.body.customerId } } });
  expect(r.headers['webhook-id']).toBe(event.id);
  expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
  expect(verifyStandardWebhook({ secret, headers: r.headers, body: r.body })).toBe(true);
  if (StandardWebhook) expect(new StandardWebhook(secret).verify(r.body, h(r.headers))).toEqual(event);
});

test('customer.updated carries previousAttributes; the event log records it', async () => {
  const { rx } = await setup();
  const res = await run.call('PATCH', '/customers/cus_2001', { body: { phone: '+15125550199' }, headers: { 'If-Match': '"7"' } });
  expect(res.status).toBe(200);
  await rx.waitFor(1);
  const e = JSON.parse(rx.received[0]!.body) as ClarityEvent<Customer>;
  expect(e.type).toBe('customer.updated');
  expect(e.data.previousAttributes).toMatchObject({ phone: '+15125550142' });
  expect(e.data.object.version).toBe(8);
  const log = await run.call('GET', '/events?type=customer.updated');
  expect(log.body.data.map((x: ClarityEvent) => x.id)).toEqual([e.id]);
});

test('retries on 500 with a new timestamp and attempt number, then succeeds', async () => {
  const { rx, secret } = await setup((n) => (n <= 2 ? 500 : 204));
  await run.call('POST', '/customers', { body: { firstName: 'R', lastName: 'T', email: 'retry@example.com' } });
  await rx.waitFor(3);
  await run.emu.state.dispatcher.whenIdle();
  expect(rx.received.map((r) => r.headers['x-clarity-delivery-attempt'])).toEqual(['1', '2', '3']);
  expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(1); // same id across retries
  expect(new Set(rx.received.map((r) => r.body)).size).toBe(1); // same body
  for (const r of rx.received) expect(verifyStandardWebhook({ secret, headers: r.headers, body: r.body })).toBe(true);
  expect(run.emu.state.dispatcher.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
});

test('Retry-After is honoured (scaled) before the next attempt', async () => {
  const { rx } = await setup((n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '60' } } : 200));
  await run.call('POST', '/customers', { body: { firstName: 'R', lastName: 'A', email: 'ra@example.com' } });
  await rx.waitFor(2);
  const first = run.emu.state.dispatcher.attempts[0]!;
  expect(first.nextAttemptInMs).toBeGreaterThanOrEqual(60); // 60 s × 0.001, above the 5 s × 0.001 schedule
});

test('410 Gone disables the subscription at once', async () => {
  const { rx, webhookId } = await setup(() => 410);
  await run.call('POST', '/customers', { body: { firstName: 'G', lastName: 'O', email: 'gone@example.com' } });
  await rx.waitFor(1);
  await run.emu.state.dispatcher.whenIdle();
  const w = await run.call('GET', `/webhooks/${webhookId}`);
  expect(w.body).toMatchObject({ active: false, disabledReason: 'gone_410' });
  await run.call('PATCH', '/customers/cus_2001', { body: { lastName: 'Lopez-Diaz' } });
  await run.emu.state.dispatcher.whenIdle();
  expect(rx.received).toHaveLength(1); // nothing more goes to a disabled subscription
  const re = await run.call('PATCH', `/webhooks/${webhookId}`, { body: { active: true } });
  expect(re.body).toMatchObject({ active: true });
  expect(re.body.disabledReason).toBeUndefined();
});

test('exhausted retries disable the subscription', async () => {
  run = await startEmulator({ webhookRetrySchedule: [1, 1, 1] });
  const rx = await startReceiver(() => 503);
  receivers.push(rx);
  const w = await run.call('POST', '/webhooks', { body: { url: rx.url, events: ['customer.created'] } });
  await run.call('POST', '/customers', { body: { firstName: 'E', lastName: 'X', email: 'ex@example.com' } });
  await rx.waitFor(4);
  await run.emu.state.dispatcher.whenIdle();
  expect(rx.received).toHaveLength(4);
  expect((await run.call('GET', `/webhooks/${w.body.webhookId}`)).body).toMatchObject({ active: false, disabledReason: 'retries_exhausted' });
});

test('rotate-secret: old and new secrets both sign for 24 h', async () => {
  const { rx, webhookId, secret } = await setup(undefined, ['webhook.test']);
  const rot = await run.call('POST', `/webhooks/${webhookId}/rotate-secret`);
  expect(rot.status).toBe(200);
  const fresh = rot.body.secret as string;
  expect(fresh).not.toBe(secret);
  const t = await run.call('POST', `/webhooks/${webhookId}/test`);
  expect(t.status).toBe(202);
  await rx.waitFor(1);
  const r = rx.received[0]!;
  expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2);
  expect(verifyStandardWebhook({ secret, headers: r.headers, body: r.body })).toBe(true);
  expect(verifyStandardWebhook({ secret: fresh, headers: r.headers, body: r.body })).toBe(true);
  if (StandardWebhook) expect(new StandardWebhook(fresh).verify(r.body, h(r.headers))).toMatchObject({ type: 'webhook.test' });
});

test('webhook CRUD validation: unknown event types and (when strict) insecure URLs are refused', async () => {
  run = await startEmulator({ allowInsecureWebhookUrls: false });
  const bad = await run.call('POST', '/webhooks', { body: { url: 'http://127.0.0.1:9/x', events: ['order.created', 'nope.event'] } });
  expect(bad.status).toBe(422);
  expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['url', 'events[1]']);
  const ok = await run.call('POST', '/webhooks', { body: { url: 'https://crm-bridge.example.com/hooks/clarity', events: ['order.created'] } });
  expect(ok.status).toBe(201);
  expect((await run.call('GET', '/webhooks')).body.data).toHaveLength(1);
  expect((await run.call('DELETE', `/webhooks/${ok.body.webhookId}`)).status).toBe(204);
  expect((await run.call('GET', `/webhooks/${ok.body.webhookId}`)).status).toBe(404);
});
