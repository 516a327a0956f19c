/** The Clarity client over real HTTP against the sandbox's Clarity emulator (a test server). */
import { specOrderRequest } from '../../../../sandbox/src/clarity/domain/spec-example.fixture';
import { KEY, T0, customer, demoDataset, startEmulator, type Running } from '../../../../sandbox/src/clarity/test-support';
import { createClarityClient, type ClarityClient } from '.';

let run: Running;
let client: ClarityClient;

const dataset = () => {
  const d = demoDataset();
  return {
    ...d,
    customers: [...(d.customers ?? []), ...Array.from({ length: 120 }, (_, i) => customer(i + 1))],
    loyaltyTransactions: [1, 2, 3].map((n) => ({
      transactionId: `ltx_${n}`, customerId: 'cus_2001', pointsChange: 100 * n, balanceAfter: 100 * n, reason: 'purchase' as const, createdAt: T0,
    })),
    returns: [{ returnId: 'ret_1', orderId: 'ord_1', customerId: 'cus_2001', status: 'requested' as const, lineItems: [], currency: 'USD', createdAt: T0, updatedAt: T0, version: 1 }],
  };
};

beforeEach(async () => {
  run = await startEmulator({}, dataset());
  client = createClarityClient({ baseUrl: `${run.base}/api/v1`, apiKey: KEY });
});
afterEach(async () => {
  await client.close();
  await run.emu.close();
});

describe('Clarity client', () => {
  it('reads with an API key; a 404 is undefined', async () => {
    expect(await client.getCustomer('cus_2001')).toMatchObject({ firstName: 'Maria', version: 7 });
    expect(await client.getCustomer('cus_nope')).toBeUndefined();
  });

  it('signs in with client credentials and renews nothing while the token is valid', async () => {
    const oauthClient = createClarityClient({
      baseUrl: `${run.base}/api/v1`,
      oauth: { tokenUrl: `${run.base}/oauth/token`, clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', scope: 'customers:read' },
    });
    expect(await oauthClient.getCustomer('cus_2001')).toMatchObject({ customerId: 'cus_2001' });
    expect(await oauthClient.getCustomer('cus_1001')).toMatchObject({ customerId: 'cus_1001' });
    expect(oauthClient.stats()).toMatchObject({ requests: 2, retries: 0 });
    // The token carries only customers:read: a write is 403 → AUTH.
    await expect(oauthClient.patchCustomer('cus_2001', { phone: '+15125550100' })).rejects.toMatchObject({ code: 'CONNECTOR_ERR_AUTH', details: { upstreamStatus: 403 } });
    await oauthClient.close();

    const wrong = createClarityClient({ baseUrl: `${run.base}/api/v1`, oauth: { tokenUrl: `${run.base}/oauth/token`, clientId: 'sandbox-connector', clientSecret: 'nope-secret' } });
    const err = await wrong.getCustomer('cus_2001').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_ERR_AUTH' });
    expect((err as Error).message).not.toContain('nope-secret');
    await wrong.close();
  });

  it('a bad API key is AUTH', async () => {
    const bad = createClarityClient({ baseUrl: `${run.base}/api/v1`, apiKey: 'clr_test_wrong' });
    await expect(bad.getCustomer('cus_2001')).rejects.toMatchObject({ code: 'CONNECTOR_ERR_AUTH', details: { upstreamStatus: 401 } });
    await bad.close();
  });

  it('creates a customer with an Idempotency-Key; a replay answers the same customer and creates nothing', async () => {
    const draft = { firstName: 'Ida', lastName: 'Key', email: 'ida@example.com' };
    const first = await client.createCustomer(draft, 'd365-contact-1-create');
    const replay = await client.createCustomer(draft, 'd365-contact-1-create');
    expect(replay.customerId).toBe(first.customerId);
    const found = [];
    for await (const c of client.listCustomers({ email: 'ida@example.com' })) found.push(c);
    expect(found).toHaveLength(1);
    // Same key, different body: 422 idempotency_key_reused → VALIDATION.
    await expect(client.createCustomer({ ...draft, lastName: 'Other' }, 'd365-contact-1-create')).rejects.toMatchObject({
      code: 'CONNECTOR_ERR_VALIDATION', details: { upstreamCode: 'idempotency_key_reused' },
    });
    // A different key with the same email: 409 duplicate_email → VALIDATION (retrying cannot help).
    await expect(client.createCustomer(draft, 'd365-contact-1-other')).rejects.toMatchObject({
      code: 'CONNECTOR_ERR_VALIDATION', details: { upstreamStatus: 409, upstreamCode: 'duplicate_email' },
    });
    await expect(client.createCustomer(draft, '')).rejects.toMatchObject({ code: 'CONNECTOR_ERR_INTERNAL' });
  });

  it('patches with If-Match: the new version comes back; a stale version is 412 → UPSTREAM_CONFLICT', async () => {
    const patched = await client.patchCustomer('cus_2001', { phone: '+15125550199', acceptsMarketing: true }, { ifMatch: 7 });
    expect(patched).toMatchObject({ version: 8, phone: '+15125550199' });
    await expect(client.patchCustomer('cus_2001', { phone: '+15125550000' }, { ifMatch: 7 })).rejects.toMatchObject({
      code: 'CONNECTOR_ERR_UPSTREAM_CONFLICT', details: { upstreamStatus: 412, classification: 'conflict' },
    });
    const withCompany = await client.patchCustomerCompany('cus_2001', { name: 'Lopez Design LLC', accountNumber: 'ACC-1' }, { ifMatch: 8 });
    expect(withCompany.company).toMatchObject({ name: 'Lopez Design LLC', companyId: expect.any(String) });
  });

  it('maps problem+json validation to VALIDATION naming the field, with our X-Request-Id', async () => {
    const err = await client.createCustomer({ firstName: 'Bad', lastName: 'Mail', email: 'not-an-email' }, 'k-bad-email').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_ERR_VALIDATION', details: { upstreamStatus: 422, classification: 'validation' } });
    expect((err as Error).message).toMatch(/email/);
    expect((err as Error).message).toMatch(/\[req_[0-9a-f-]{36}\]/);
  });

  it('iterates a list across pages following the cursor', async () => {
    const ids: string[] = [];
    for await (const c of client.listCustomers({ limit: 25, accountStatus: 'active' })) ids.push(c.customerId);
    expect(ids).toHaveLength(121);
    expect(new Set(ids).size).toBe(121);
    expect(client.stats().requests).toBe(5);
  });

  it('reads orders, products, inventory, loyalty and returns; sets inventory', async () => {
    const created = await run.call('POST', '/orders', { body: specOrderRequest() });
    const orderId = (created.body as { orderId: string }).orderId;
    expect(await client.getOrder(orderId)).toMatchObject({ orderId, totalPrice: '101.89' });
    const orders = [];
    for await (const o of client.listOrders({ customerId: 'cus_2001' })) orders.push(o);
    expect(orders.map((o) => o.orderId)).toEqual([orderId]);
    expect(await client.getProduct('WID-100-BLU')).toMatchObject({ productId: 'prd_5512' });
    expect(await client.getProduct('NOPE')).toBeUndefined();
    const products = [];
    for await (const p of client.listProducts({ limit: 1 })) products.push(p.sku);
    expect(products.sort()).toEqual(['GAD-200', 'WID-100-BLU']);
    expect(await client.putInventory('GAD-200', { locationId: 'loc_austin', onHand: 25 })).toMatchObject({ onHand: 25, available: 24 }); // the order above allocated one
    expect((await client.getInventory('GAD-200'))?.levels[0]).toMatchObject({ onHand: 25 });
    await expect(client.putInventory('GAD-200', { onHand: -1 })).rejects.toMatchObject({ code: 'CONNECTOR_ERR_VALIDATION' });
    const ledger = [];
    for await (const l of client.listLoyaltyTransactions('cus_2001', { limit: 2 })) ledger.push(l.transactionId);
    expect(ledger).toHaveLength(3);
    expect(await client.getReturn('ret_1')).toMatchObject({ status: 'requested' });
    const returns = [];
    for await (const r of client.listReturns({ customerId: 'cus_2001' })) returns.push(r.returnId);
    expect(returns).toEqual(['ret_1']);
  });

  it('manages webhooks: create (secret once), list, rotate, delete', async () => {
    const hook = await client.createWebhook({ url: 'http://127.0.0.1:9/hooks', events: ['customer.updated'] });
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = [];
    for await (const w of client.listWebhooks()) listed.push(w);
    expect(listed.map((w) => w.webhookId)).toEqual([hook.webhookId]);
    expect(listed[0]!.secret).toBeUndefined();
    expect((await client.rotateWebhookSecret(hook.webhookId)).secret).not.toBe(hook.secret);
    expect(await client.deleteWebhook(hook.webhookId)).toBe(true);
    expect(await client.deleteWebhook(hook.webhookId)).toBe(false);
  });
});

describe('Clarity rate limits', () => {
  it('a 429 surfaces as THROTTLED with Retry-After and pauses the client', async () => {
    const limited = await startEmulator({ rateLimit: { capacity: 2, refillPerSecond: 1 } }, dataset());
    const c = createClarityClient({ baseUrl: `${limited.base}/api/v1`, apiKey: KEY });
    await c.getCustomer('cus_2001');
    await c.getCustomer('cus_2001');
    const err = await c.getCustomer('cus_2001').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTOR_ERR_THROTTLED', details: { upstreamStatus: 429, upstreamCode: 'rate_limited', classification: 'throttled' } });
    expect((err as { details: { retryAfterSec: number } }).details.retryAfterSec).toBeGreaterThanOrEqual(1);
    // Issued during the pause: held in the client, then served once the bucket has refilled.
    const next = c.getCustomer('cus_2001');
    await new Promise((r) => setImmediate(r));
    expect(c.stats()).toMatchObject({ queued: 1, throttled: 1, requests: 3 });
    await expect(next).resolves.toMatchObject({ customerId: 'cus_2001' });
    await c.close();
    await limited.emu.close();
  });
});
