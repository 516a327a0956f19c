/**
 * Proactive pacing against the emulator's service protection (dataverse-webapi.md §4.4) with the limits
 * scaled down (2 s window, 40 requests): counts and states only, no timing assertions.
 */
import { scaledLimits } from '../../../../sandbox/src/dataverse/limits';
import { sandboxClients } from '../../../../sandbox/src/dataverse/identity';
import { startDataverse, type RunningDataverse } from '../../../../sandbox/src/dataverse/test-support/harness';
import { createDataverseClient, type DataverseClient } from '.';

const limits = scaledLimits(2 / 300); // windowMs 2000, 40 requests, 8000 ms execution, 52 concurrent
const connector = sandboxClients().find((c) => c.clientId === 'sandbox-connector')!;
let dv: RunningDataverse;
let client: DataverseClient;

beforeEach(async () => {
  dv = await startDataverse({ limits });
  client = createDataverseClient({
    url: dv.url,
    authority: `${dv.httpsUrl.replace('127.0.0.1', 'localhost')}/sandbox`,
    clientId: 'sandbox-connector',
    clientSecret: 'sandbox-secret',
    ca: dv.caPem,
    limits: { requestsPerWindow: limits.maxRequests, windowMs: limits.windowMs, executionMsPerWindow: limits.maxExecutionMs },
  });
});
afterEach(async () => {
  await client.close();
  await dv.close();
});

it('a burst of 200 requests completes with zero 429s at the emulator', async () => {
  const results = await Promise.all(Array.from({ length: 200 }, () => client.whoAmI()));
  expect(results).toHaveLength(200);
  const usage = dv.emulator.protection!.snapshot(connector.objectId);
  expect(usage.rejected).toEqual({ requests: 0, time: 0, concurrency: 0 });
  expect(client.stats()).toMatchObject({ requests: 200, throttled: 0, inFlight: 0, queued: 0 });
}, 60_000);

it('a 429 surfaces as THROTTLED with retryAfterSec and holds every other request of the client until it passes', async () => {
  dv.emulator.faults.add({ path: '/api/data/v9.2/WhoAmI', throttleRate: 1, retryAfterSec: 1, remaining: 1 });
  await expect(client.whoAmI()).rejects.toMatchObject({ code: 'CONNECTOR_ERR_THROTTLED', details: { retryAfterSec: 1, upstreamStatus: 429, classification: 'throttled' } });
  const seenBefore = dv.emulator.faults.stats().matched;
  // Issued during the pause: queued in the client, not sent.
  const next = client.retrieve('contacts', '00000000-0000-0000-0000-000000000001');
  await new Promise((r) => setImmediate(r));
  expect(client.stats()).toMatchObject({ queued: 1, inFlight: 0 });
  expect(dv.emulator.faults.stats().matched).toBe(seenBefore);
  await expect(next).resolves.toBeUndefined();
  expect(client.stats()).toMatchObject({ throttled: 1, queued: 0 });
});

it('in a 429 storm every call surfaces THROTTLED once; the client itself never retries (the job layer does)', async () => {
  dv.emulator.faults.add({ path: '/api/data/v9.2/WhoAmI', throttleRate: 1, retryAfterSec: 1 });
  const outcomes = await Promise.all([1, 2, 3].map(() => client.whoAmI().catch((e: unknown) => e)));
  for (const e of outcomes) expect(e).toMatchObject({ code: 'CONNECTOR_ERR_THROTTLED', details: { retryAfterSec: 1 } });
  expect(dv.emulator.faults.stats().throttled).toBe(3);
  expect(client.stats()).toMatchObject({ requests: 3, throttled: 3, retries: 0 });
});
