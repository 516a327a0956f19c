/** Customers and the loyalty ledger over real HTTP (spec §4.3, §4.6, §4.11, §4.12). */
import { startEmulator, type Running } from '../test-support';
import type { ClarityEvent, Customer } from '../types';

let run: Running;
beforeEach(async () => { run = await startEmulator(); });
afterEach(async () => { await run.emu.close(); });

const maria = { firstName: 'Maria', lastName: 'Lopez' };
const addr = (line1: string) => ({ line1, city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US' });

test('create assigns ids (customer, addresses, company) and rejects read-only loyaltyPoints', async () => {
  const r = await run.call('POST', '/customers', { body: { ...maria, email: 'new@example.com', shippingAddresses: [addr('1 Main')], company: { name: 'Lopez Design LLC' } } });
  expect(r.status).toBe(201);
  expect(r.headers.get('etag')).toBe('"1"');
  expect(r.body).toMatchObject({ accountStatus: 'active', loyaltyPoints: 0, version: 1, billingAddresses: [] });
  expect(r.body.shippingAddresses[0].addressId).toMatch(/^adr_/);
  expect(r.body.company.companyId).toMatch(/^cmp_/);
  const ro = await run.call('POST', '/customers', { body: { ...maria, email: 'x@example.com', loyaltyPoints: 5 } });
  expect(ro.status).toBe(422);
  expect(ro.body).toMatchObject({ code: 'read_only_field', errors: [{ field: 'loyaltyPoints', code: 'read_only_field' }] });
});

test('email is unique case-insensitively (409 duplicate_email), on create and on patch', async () => {
  const dup = await run.call('POST', '/customers', { body: { ...maria, email: 'MARIA.LOPEZ@example.com' } });
  expect(dup.status).toBe(409);
  expect(dup.body.code).toBe('duplicate_email');
  const other = await run.call('POST', '/customers', { body: { ...maria, email: 'other@example.com' } });
  const clash = await run.call('PATCH', `/customers/${other.body.customerId}`, { body: { email: 'Maria.Lopez@Example.com' } });
  expect(clash.status).toBe(409);
  const lookup = await run.call('GET', '/customers?email=MARIA.LOPEZ@EXAMPLE.COM');
  expect(lookup.body.data.map((c: Customer) => c.customerId)).toEqual(['cus_2001']);
});

test('merge-patch: spec §4.6 example (If-Match "7" → version 8), arrays replaced, null clears, stale If-Match 412', async () => {
  const p = await run.call('PATCH', '/customers/cus_2001', { body: { phone: '+15125550199', acceptsMarketing: true }, headers: { 'If-Match': '"7"', 'content-type': 'application/merge-patch+json' } });
  expect(p.status).toBe(200);
  expect(p.headers.get('etag')).toBe('"8"');
  expect(p.body).toMatchObject({ phone: '+15125550199', acceptsMarketing: true, version: 8, loyaltyPoints: 1250 });
  const stale = await run.call('PATCH', '/customers/cus_2001', { body: { phone: '+1' }, headers: { 'If-Match': '"7"' } });
  expect(stale.status).toBe(412);
  expect(stale.body).toMatchObject({ code: 'version_mismatch', currentVersion: 8 });
  await run.call('PATCH', '/customers/cus_2001', { body: { shippingAddresses: [addr('1 A'), addr('2 B')], metadata: { a: '1', b: '2' } } });
  const r = await run.call('PATCH', '/customers/cus_2001', { body: { shippingAddresses: [addr('3 C')], metadata: { a: null }, loyaltyTier: null } });
  expect(r.body.shippingAddresses.map((a: { line1: string }) => a.line1)).toEqual(['3 C']);
  expect(r.body.metadata).toEqual({ b: '2' });
  expect(r.body.loyaltyTier).toBeUndefined();
  const e = run.emu.state.eventLog().at(-1) as ClarityEvent<Customer>;
  expect(e.type).toBe('customer.updated');
  expect(Object.keys(e.data.previousAttributes!).sort()).toEqual(['loyaltyTier', 'metadata', 'shippingAddresses', 'updatedAt']);
  const required = await run.call('PATCH', '/customers/cus_2001', { body: { firstName: null } });
  expect(required.body.errors[0]).toMatchObject({ field: 'firstName', code: 'required' });
  const ro = await run.call('PATCH', '/customers/cus_2001', { body: { loyaltyPoints: 99 } });
  expect(ro.body.code).toBe('read_only_field');
  const noop = await run.call('PATCH', '/customers/cus_2001', { body: { firstName: 'Maria' } });
  expect(noop.body.version).toBe(r.body.version); // nothing changed: no new version, no event
});

test('loyalty ledger changes the balance and emits customer.updated with previousAttributes.loyaltyPoints', async () => {
  const tx = await run.call('POST', '/customers/cus_2001/loyalty/transactions', { body: { pointsChange: -250, reason: 'redemption', referenceId: 'ord_1' }, headers: { 'Idempotency-Key': 'l-1' } });
  expect(tx.status).toBe(201);
  expect(tx.body).toMatchObject({ customerId: 'cus_2001', pointsChange: -250, balanceAfter: 1000, reason: 'redemption' });
  expect((await run.call('GET', '/customers/cus_2001')).body.loyaltyPoints).toBe(1000);
  const e = run.emu.state.eventLog().at(-1)!;
  expect(e.data.previousAttributes).toMatchObject({ loyaltyPoints: 1250 });
  const over = await run.call('POST', '/customers/cus_2001/loyalty/transactions', { body: { pointsChange: -5000, reason: 'redemption' }, headers: { 'Idempotency-Key': 'l-2' } });
  expect(over.status).toBe(422);
  const noKey = await run.call('POST', '/customers/cus_2001/loyalty/transactions', { body: { pointsChange: 5, reason: 'promotion' } });
  expect(noKey.status).toBe(400);
  const list = await run.call('GET', '/customers/cus_2001/loyalty/transactions');
  expect(list.body.data.map((t: { transactionId: string }) => t.transactionId)).toEqual([tx.body.transactionId]);
});

test('Idempotency-Key: replay with Idempotent-Replayed, 422 on a different body, 400 when missing', async () => {
  const body = { ...maria, email: 'idem@example.com' };
  const headers = { 'Idempotency-Key': 'cust-create-1' };
  const a = await run.call('POST', '/customers', { body, headers });
  const b = await run.call('POST', '/customers', { body, headers });
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(b.headers.get('idempotent-replayed')).toBe('true');
  expect(b.headers.get('location')).toBe(a.headers.get('location'));
  expect(b.body).toEqual(a.body);
  expect(run.emu.state.customers.byId.size).toBe(2);
  const c = await run.call('POST', '/customers', { body: { ...body, firstName: 'Other' }, headers });
  expect(c.status).toBe(422);
  expect(c.body.code).toBe('idempotency_key_reused');
  const d = await fetch(`${run.base}/api/v1/customers`, { method: 'POST', headers: { authorization: 'Bearer clr_test_sandbox', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(d.status).toBe(400);
});

test('Idempotency-Key: 409 idempotency_in_progress while the first request runs', async () => {
  await run.emu.close();
  // The fault-injection delay holds the first request in its handler while the second arrives.
  run = await startEmulator({ mutationDelayMs: 300 });
  const send = () => run.call('POST', '/customers', { body: { ...maria, email: 'slow@example.com' }, headers: { 'Idempotency-Key': 'slow-1' } });
  const both = await Promise.all([send(), new Promise((r) => setTimeout(r, 30)).then(send)]);
  expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  expect(both.find((r) => r.status === 409)!.body.code).toBe('idempotency_in_progress');
  expect((await send()).headers.get('idempotent-replayed')).toBe('true');
});

test('list filters: phone, accountStatus, updatedAtMin/Max', async () => {
  await run.call('POST', '/customers', { body: { ...maria, email: 'held@example.com', accountStatus: 'on_hold', phone: '+15550001' } });
  const ids = async (q: string) => (await run.call('GET', `/customers${q}`)).body.data.map((c: Customer) => c.email);
  expect(await ids('?accountStatus=on_hold')).toEqual(['held@example.com']);
  expect(await ids('?phone=%2B15125550142')).toEqual(['maria.lopez@example.com']);
  expect(await ids('?updatedAtMin=2025-01-01T00:00:00Z&updatedAtMax=2025-01-01T00:00:01Z')).toEqual(['maria.lopez@example.com']);
  expect(await ids('?updatedAtMin=2025-01-01T00:00:00.001Z')).toEqual(['held@example.com']);
  expect((await run.call('GET', '/customers?accountStatus=zzz')).status).toBe(400);
});
