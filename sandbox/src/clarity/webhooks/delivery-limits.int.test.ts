/** Delivery edge rules of spec §4.7: 5 days of continuous failure disables; payloads over 256 KB are truncated. */
import { startEmulator, startReceiver, type Running } from '../test-support';
import type { ClarityEvent } from '../types';

let run: Running;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await run?.emu.close();
  await close?.();
});

test('a subscription failing for more than 5 days is disabled even before retries run out', async () => {
  let now = Date.now();
  run = await startEmulator({ now: () => new Date(now), webhookRetrySchedule: [1, 1, 1, 1, 1] });
  const rx = await startReceiver((n) => {
    if (n === 2) now += 6 * 24 * 3600_000; // the clock jumps while the second attempt is in flight
    return 500;
  });
  close = rx.close;
  const w = await run.call('POST', '/webhooks', { body: { url: rx.url, events: ['customer.created'] } });
  await run.call('POST', '/customers', { body: { firstName: 'F', lastName: 'D', email: 'fd@example.com' } });
  await rx.waitFor(2);
  await run.emu.state.dispatcher.whenIdle();
  expect(rx.received).toHaveLength(2);
  expect((await run.call('GET', `/webhooks/${w.body.webhookId}`)).body).toMatchObject({ active: false, disabledReason: 'failing_5_days' });
});

test('payloads above 256 KB carry {id, truncated: true} instead of the object; the event log keeps it whole', async () => {
  run = await startEmulator();
  const rx = await startReceiver();
  close = rx.close;
  await run.call('POST', '/webhooks', { body: { url: rx.url, events: ['customer.created'] } });
  const c = await run.call('POST', '/customers', { body: { firstName: 'B', lastName: 'I', email: 'big@example.com', metadata: { blob: 'x'.repeat(300_000) } } });
  expect(c.status).toBe(201);
  await rx.waitFor(1);
  const e = JSON.parse(rx.received[0]!.body) as ClarityEvent;
  expect(e.data.object).toEqual({ id: c.body.customerId, truncated: true });
  expect(Buffer.byteLength(rx.received[0]!.body)).toBeLessThan(256 * 1024);
  expect((run.emu.state.eventLog().at(-1)!.data.object as { metadata: { blob: string } }).metadata.blob).toHaveLength(300_000);
});
