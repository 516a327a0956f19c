import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../plugin-proxy/src/config';
import { startProxy, type RunningProxy } from '../../../plugin-proxy/src/runtime';
import { sandboxClients } from '../../../sandbox/src/dataverse/identity/sandbox-clients';
import { startConnectorSandbox, type ConnectorSandbox } from '../support/connector';
import { addFaults } from '../support/faults';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const AUDIENCE = 'api://clarity-connector';
const DYNAMICS = 'https://contoso.crm.dynamics.com';
const RESYNC_ROLE = 'Connector.Resync';
const address = { firstName: 'Cora', lastName: 'Control', line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US' };

/**
 * The control API over real HTTP: Entra-like tokens from the Dataverse emulator's identity platform, checked
 * by the proxy against the emulator's published keys; CORS for the Dynamics origin only; order history,
 * order details, loyalty and resync read from and run against the Clarity emulator; a Clarity outage answers
 * 503 instead of hanging the form.
 */
describe('control API (/api/control)', () => {
  let sb: ConnectorSandbox;
  let proxy: RunningProxy;
  let tenantId: string;
  let issuer: string;
  let seq = 0;

  beforeAll(async () => {
    sb = await startConnectorSandbox({
      inProcessProxy: false,
      dataverse: {
        clients: [
          ...sandboxClients(),
          { clientId: 'control-operator', clientSecret: 'sandbox-secret', objectId: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: 'Operator', appRoles: { [AUDIENCE]: [RESYNC_ROLE] } },
          { clientId: 'control-reader', clientSecret: 'sandbox-secret', objectId: 'a1b2c3d4-0000-4000-8000-000000000002', displayName: 'Reader' },
        ],
      },
    });
    tenantId = sb.dv.emulator.identity.tenantId;
    issuer = `https://localhost/${tenantId}/v2.0`;
    // The JWKS URL names the emulator's port, known only now: the proxy starts here rather than in the harness.
    proxy = await startProxy(
      loadConfig({
        ...sb.env,
        LOG_LEVEL: 'silent',
        CONTROL_JWKS_URL: `${sb.dv.url}/sandbox/discovery/v2.0/keys`,
        CONTROL_ISSUER: issuer,
        CONTROL_AUDIENCE: AUDIENCE,
        CONTROL_TENANT_ID: tenantId,
        CORS_ORIGINS: `${DYNAMICS},https://contoso2.crm.dynamics.com`,
        CONTROL_CACHE_TTL_MS: '0',
        CONTROL_CLARITY_TIMEOUT_MS: '1000',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await sb?.close();
  });

  const settle = async (timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (Date.now() < deadline) {
      await sb.clarity.state.dispatcher.whenIdle();
      await sb.dv.emulator.webhooks.drain();
      const c = await proxy.store.jobs.counts();
      if (c.queued + c.running + c.retry === 0) {
        if (++quiet >= 3) return;
      } else quiet = 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('connector did not settle');
  };
  const token = (clientId = 'control-operator', audience = AUDIENCE, overrides?: Parameters<ConnectorSandbox['dv']['emulator']['identity']['issueToken']>[2]) =>
    sb.dv.emulator.identity.issueToken(clientId, audience, overrides);
  const call = async (method: string, path: string, bearer?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${proxy.url}/api/control${path}`, { method, headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Row) : undefined };
  };
  const get = async (path: string, clientId = 'control-reader') => call('GET', path, await token(clientId));

  const newCustomer = async (tag: string, extra: Row = {}) => {
    const res = await sb.clarityApi('POST', '/customers', { firstName: 'Cora', lastName: `Control${tag}`, email: `cora.${tag}.${Date.now()}@example.com`, ...extra }, { 'idempotency-key': `ctl-cust-${tag}-${Date.now()}` });
    expect(res.status).toBe(201);
    return res.body as Row;
  };
  const contactOf = async (customerId: string) => {
    await settle();
    const link = await proxy.store.links.byClarity('customer', customerId);
    expect(link).toBeDefined();
    return link!.dataverseId;
  };
  const createOrder = async (customerId: string, body: Row = {}) => {
    const res = await sb.clarityApi(
      'POST',
      '/orders',
      { customerId, email: 'cora@example.com', billingAddress: address, shippingAddress: address, currency: 'USD', lineItems: [{ sku: 'CTL-WIDGET', name: 'Widget', quantity: 2, unitPrice: '10.00' }], ...body },
      { 'idempotency-key': `ctl-order-${++seq}-${Date.now()}` },
    );
    expect(res.status).toBe(201);
    await new Promise((r) => setTimeout(r, 5)); // distinct createdAt for the date-range filters
    return res.body as Row;
  };

  describe('authentication and roles', () => {
    const contact = randomUUID();
    test('no token, an expired one, another audience, issuer or tenant, a forged signature → 401 with a Bearer challenge', async () => {
      const expired = await token('control-reader', AUDIENCE, { issuedAtMs: Date.now() - 2 * 3600_000, lifetimeSec: 600 });
      const otherAudience = await token('control-reader', 'api://someone-else');
      const otherIssuer = await token('control-reader', AUDIENCE, { claims: { iss: 'https://localhost/another-tenant/v2.0' } });
      const otherTenant = await token('control-reader', AUDIENCE, { claims: { tid: '00000000-0000-4000-8000-000000000000' } });
      const good = await token('control-reader');
      const [h, p] = good.split('.');
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), roles: [RESYNC_ROLE] })).toString('base64url')}.${good.split('.')[2]}`;
      for (const bearer of [undefined, 'not-a-jwt', expired, otherAudience, otherIssuer, otherTenant, forged]) {
        const res = await call('GET', `/contacts/${contact}/orders`, bearer);
        expect({ status: res.status, code: res.body?.error.code }).toEqual({ status: 401, code: 'CONNECTOR_ERR_UNAUTHORIZED' });
        expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      }
      expect((await call('GET', `/contacts/${contact}/orders`, good)).status).toBe(200);
    });

    test('a valid token without the resync role reads (200) but cannot resync (403)', async () => {
      const reader = await token('control-reader');
      expect((await call('GET', `/contacts/${contact}/loyalty`, reader)).status).toBe(200);
      const res = await call('POST', `/contacts/${contact}/resync`, reader);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { code: 'CONNECTOR_ERR_FORBIDDEN', message: expect.stringContaining(RESYNC_ROLE) } });
      // A delegated token carrying the scope in `scp` is accepted like the app role.
      const delegated = await token('control-reader', AUDIENCE, { claims: { scp: `user_impersonation ${RESYNC_ROLE}` } });
      expect((await call('POST', `/contacts/${contact}/resync`, delegated)).status).toBe(200);
    });

    test('a malformed record id is refused before it reaches Dataverse', async () => {
      const res = await get(`/accounts/x' or 1 eq 1/orders`);
      expect(res.status).toBe(400);
      expect(res.body?.error.code).toBe('CONNECTOR_ERR_MALFORMED');
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(`${proxy.url}/api/control/contacts/${randomUUID()}/orders`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    test('a preflight from a configured Dynamics origin gets the CORS headers; another origin gets none', async () => {
      const ok = await preflight(DYNAMICS);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(DYNAMICS);
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const evil = await preflight('https://evil.example.com');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      expect(evil.headers.get('access-control-allow-headers')).toBeNull();
    });

    test('actual responses (even a 401) carry the header for the allowed origin only', async () => {
      const allowed = await call('GET', `/contacts/${randomUUID()}/orders`, undefined, { origin: DYNAMICS });
      expect(allowed.status).toBe(401);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(DYNAMICS);
      const other = await call('GET', `/contacts/${randomUUID()}/orders`, await token('control-reader'), { origin: 'https://evil.example.com' });
      expect(other.status).toBe(200);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      // Routes outside /api/control get no CORS at all.
      const health = await fetch(`${proxy.url}/healthz`, { headers: { origin: DYNAMICS } });
      expect(health.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('orders, order details, loyalty', () => {
    let customerId: string;
    let contactId: string;
    let orders: Row[];
    beforeAll(async () => {
      customerId = String((await newCustomer('orders')).customerId);
      contactId = await contactOf(customerId);
      const a = await createOrder(customerId, { status: 'confirmed', payments: [{ status: 'captured', method: 'card', amount: '20.00', cardBrand: 'visa', last4: '4242' }] });
      const b = await createOrder(customerId, { status: 'pending' });
      const c = await createOrder(customerId, { status: 'confirmed', payments: [{ status: 'captured', method: 'card', amount: '20.00' }] });
      const shipped = await sb.clarityApi('PATCH', `/orders/${c.orderId}`, { status: 'shipped' }, { 'content-type': 'application/merge-patch+json' });
      expect(shipped.status).toBe(200);
      orders = [a, b, shipped.body as Row];
      await settle();
    }, 60_000);

    const ids = (res: { body?: Row }) => (res.body!.orders as Row[]).map((o) => o.orderNumber);

    test('a linked contact lists its orders newest first with the summary fields', async () => {
      const res = await get(`/contacts/${contactId}/orders`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ linked: true, orders: expect.any(Array), nextCursor: null });
      expect(ids(res)).toEqual([orders[2]!.orderNumber, orders[1]!.orderNumber, orders[0]!.orderNumber]);
      expect(res.body!.orders[2]).toEqual({
        orderId: orders[0]!.orderId,
        orderNumber: orders[0]!.orderNumber,
        createdAt: orders[0]!.createdAt,
        status: 'confirmed',
        paymentStatus: orders[0]!.paymentStatus,
        fulfillmentStatus: orders[0]!.fulfillmentStatus,
        itemCount: 2,
        total: orders[0]!.totalPrice,
        currency: 'USD',
      });
    });

    test('filters by status and date range, sorts oldest first on request', async () => {
      expect(ids(await get(`/contacts/${contactId}/orders?status=shipped`))).toEqual([orders[2]!.orderNumber]);
      expect(ids(await get(`/contacts/${contactId}/orders?status=pending`))).toEqual([orders[1]!.orderNumber]);
      const from = encodeURIComponent(String(orders[1]!.createdAt));
      const to = encodeURIComponent(String(orders[2]!.createdAt));
      expect(ids(await get(`/contacts/${contactId}/orders?from=${from}`))).toEqual([orders[2]!.orderNumber, orders[1]!.orderNumber]);
      expect(ids(await get(`/contacts/${contactId}/orders?to=${to}`))).toEqual([orders[1]!.orderNumber, orders[0]!.orderNumber]);
      expect(ids(await get(`/contacts/${contactId}/orders?from=${from}&to=${to}`))).toEqual([orders[1]!.orderNumber]);
      expect(ids(await get(`/contacts/${contactId}/orders?sort=createdAt`))).toEqual(orders.map((o) => o.orderNumber));
      expect((await get(`/contacts/${contactId}/orders?limit=101`)).status).toBe(400);
      expect((await get(`/contacts/${contactId}/orders?from=yesterday`)).status).toBe(400);
    });

    test('pages with an opaque cursor that is bound to its filters', async () => {
      const first = await get(`/contacts/${contactId}/orders?limit=2`);
      expect(ids(first)).toEqual([orders[2]!.orderNumber, orders[1]!.orderNumber]);
      expect(typeof first.body!.nextCursor).toBe('string');
      const second = await get(`/contacts/${contactId}/orders?limit=2&cursor=${first.body!.nextCursor}`);
      expect(ids(second)).toEqual([orders[0]!.orderNumber]);
      expect(second.body!.nextCursor).toBeNull();
      const asc = await get(`/contacts/${contactId}/orders?limit=2&sort=createdAt&cursor=${first.body!.nextCursor}`);
      expect(asc.status).toBe(400);
      expect((await get(`/contacts/${contactId}/orders?cursor=garbage`)).status).toBe(400);
    });

    test('unlinked contacts and accounts answer linked: false, not an error', async () => {
      expect((await get(`/contacts/${randomUUID()}/orders`)).body).toEqual({ linked: false, orders: [], nextCursor: null });
      expect((await get(`/accounts/${randomUUID()}/orders`)).body).toEqual({ linked: false, orders: [], nextCursor: null });
      expect((await get(`/contacts/${randomUUID()}/loyalty`)).body).toEqual({ linked: false, balance: null, tier: null, nextTier: null, pointsToNextTier: null, progress: null, recent: [] });
    });

    test('order details carry lines, shipments, payments and returns; an unknown order is 404', async () => {
      const res = await get(`/orders/${orders[2]!.orderId}`);
      expect(res.status).toBe(200);
      const d = res.body!;
      expect(d).toMatchObject({ orderId: orders[2]!.orderId, orderNumber: orders[2]!.orderNumber, status: 'shipped', customerId, currency: 'USD', total: orders[2]!.totalPrice, returns: [] });
      expect(d.lines).toEqual([expect.objectContaining({ sku: 'CTL-WIDGET', name: 'Widget', quantity: 2, unitPrice: '10.00' })]);
      expect(d.shipments).toEqual([expect.objectContaining({ status: 'shipped', trackingUrl: null, lines: [expect.objectContaining({ quantity: 2 })] })]);
      expect(d.payments).toEqual([expect.objectContaining({ status: 'captured', method: 'card', amount: '20.00' })]);
      const card = (await get(`/orders/${orders[0]!.orderId}`)).body!;
      expect(card.payments).toEqual([expect.objectContaining({ cardBrand: 'visa', last4: '4242' })]);
      const missing = await get('/orders/ord_does_not_exist');
      expect(missing.status).toBe(404);
      expect(missing.body?.error.code).toBe('CONNECTOR_ERR_NOT_FOUND');
    });

    test('an account shows the orders of its company customers', async () => {
      const member = await newCustomer('acme', { company: { name: `Acme Control ${Date.now()}` } });
      const memberContact = await contactOf(String(member.customerId));
      const row = (await (await sb.dv.request(`contacts(${memberContact})?$select=_parentcustomerid_value`)).json()) as Row;
      const accountId = String(row._parentcustomerid_value);
      expect(accountId).toMatch(/^[0-9a-f-]{36}$/);
      const order = await createOrder(String(member.customerId));
      const res = await get(`/accounts/${accountId}/orders`);
      expect(res.status).toBe(200);
      expect(res.body!.linked).toBe(true);
      expect(ids(res)).toEqual([order.orderNumber]);
    });

    test('loyalty: balance, tier by lifetime points, progress to the next tier and the latest entries', async () => {
      const member = await newCustomer('loyal');
      const cid = String(member.customerId);
      const loyalContact = await contactOf(cid);
      for (const [pointsChange, reason] of [[700, 'promotion'], [-200, 'redemption']] as const) {
        const res = await sb.clarityApi('POST', `/customers/${cid}/loyalty/transactions`, { pointsChange, reason, description: `${reason} test` }, { 'idempotency-key': `ctl-ltx-${cid}-${pointsChange}` });
        expect(res.status).toBe(201);
      }
      const res = await get(`/contacts/${loyalContact}/loyalty`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ linked: true, balance: 500, lifetimePoints: 700, tier: 'silver', nextTier: 'gold', pointsToNextTier: 800, progress: 0.2 });
      expect(res.body!.recent.map((t: Row) => [t.pointsChange, t.balanceAfter, t.reason])).toEqual([
        [-200, 500, 'redemption'],
        [700, 700, 'promotion'],
      ]);
    });
  });

  describe('resync', () => {
    test('a contact whose Dynamics value drifted from Clarity is synced both ways and the outcome reported', async () => {
      const customer = await newCustomer('drift');
      const cid = String(customer.customerId);
      const contactId = await contactOf(cid);
      // Written as the connector's own application user: the proxy ignores it as an echo, so the two sides drift.
      const patch = await sb.dv.request(`contacts(${contactId})`, { method: 'PATCH', body: JSON.stringify({ firstname: 'Coralie' }), headers: { 'if-match': '*' } });
      expect(patch.status).toBe(204);
      await settle();
      expect((await sb.clarityApi('GET', `/customers/${cid}`)).body.firstName).toBe('Cora');

      const res = await call('POST', `/contacts/${contactId}/resync`, await token('control-operator'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ outcome: 'done', note: expect.stringContaining(cid), jobId: expect.any(String) });
      expect((await sb.clarityApi('GET', `/customers/${cid}`)).body.firstName).toBe('Coralie');
      const job = await proxy.store.jobs.get(String(res.body!.jobId));
      expect(job).toMatchObject({ kind: 'resync.contact', recordKey: `customer:${cid}`, source: 'resync', state: 'done' });

      // Nothing drifted any more: a second resync has nothing to write.
      const again = await call('POST', `/contacts/${contactId}/resync`, await token('control-operator'));
      expect(again.body).toMatchObject({ outcome: 'skipped' });
    });

    test('an account resync runs its company to Clarity and queues a resync of each linked contact', async () => {
      const member = await newCustomer('acct-resync', { company: { name: `Resync Co ${Date.now()}` } });
      const memberContact = await contactOf(String(member.customerId));
      const row = (await (await sb.dv.request(`contacts(${memberContact})?$select=_parentcustomerid_value`)).json()) as Row;
      const accountId = String(row._parentcustomerid_value);
      const reader = await call('POST', `/accounts/${accountId}/resync`, await token('control-reader'));
      expect(reader.status).toBe(403);
      const res = await call('POST', `/accounts/${accountId}/resync`, await token('control-operator'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ outcome: expect.stringMatching(/^(done|skipped)$/), note: expect.stringContaining('1 linked contact(s) queued for resync'), jobId: expect.any(String) });
      await settle();
      const contactJobs = await proxy.store.jobs.list({ kind: 'resync.contact', recordKey: `customer:${member.customerId}` });
      expect(contactJobs.map((j) => j.state)).toEqual([expect.stringMatching(/^(done|skipped)$/)]);
    });

    test('an unlinked, unknown contact is skipped with a note, not an error', async () => {
      const res = await call('POST', `/contacts/${randomUUID()}/resync`, await token('control-operator'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'skipped', note: expect.stringContaining('no longer exists') });
    });
  });

  describe('Clarity unavailable', () => {
    afterEach(async () => {
      await fetch(`${sb.clarityUrl}/_sandbox/faults`, { method: 'DELETE' });
    });

    test('errors and slowness behind the deadline answer 503 CONNECTOR_ERR_TRANSIENT at once', async () => {
      const customerId = String((await newCustomer('down')).customerId);
      const contactId = await contactOf(customerId);
      await addFaults(sb.clarityUrl, [{ path: '/api/v1/', errorRate: 1 }]);
      for (const path of [`/contacts/${contactId}/orders`, `/contacts/${contactId}/loyalty`, '/orders/ord_any']) {
        const res = await get(path);
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 503, body: { error: { code: 'CONNECTOR_ERR_TRANSIENT', message: expect.stringMatching(/^Clarity unavailable/) } } });
      }
      await fetch(`${sb.clarityUrl}/_sandbox/faults`, { method: 'DELETE' });
      await addFaults(sb.clarityUrl, [{ path: '/api/v1/', latencyMs: 1600 }]);
      const slow = await get(`/contacts/${contactId}/orders`);
      expect(slow.status).toBe(503);
      expect(slow.body?.error.message).toMatch(/^Clarity unavailable/);
    });
  });
});
