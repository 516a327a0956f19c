import { createHash } from 'node:crypto';
import { ACCOUNT_STATUSES, ORDER_STATUSES, RETURN_STATUSES } from '../clarity/types';
import { sample } from './demo.fixture';
import { generateCustomersOnly, generateDemoData } from './generate';

const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NOW = Date.parse('2026-11-01T12:00:00Z');

describe('determinism', () => {
  test('same options give byte-identical output; another seed gives other data', () => {
    const opts = { customers: 120, seed: 7 };
    const a = hash(generateDemoData(opts));
    expect(hash(generateDemoData(opts))).toBe(a);
    expect(hash(generateDemoData({ ...opts, seed: 8 }))).not.toBe(a);
  });

  test('the CRM options do not reshuffle the Clarity side (one random stream per part)', () => {
    const a = generateDemoData({ customers: 80, seed: 3, crmOverlap: 0.1 });
    const b = generateDemoData({ customers: 80, seed: 3, crmOverlap: 0.5 });
    expect(hash(b.clarity.customers)).toBe(hash(a.clarity.customers));
    expect(b.dataverse.contacts.length).toBeGreaterThan(a.dataverse.contacts.length);
  });

  test('rejects options that cannot make sense', () => {
    expect(() => generateDemoData({ customers: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ customers: 10, crmOverlap: 2 })).toThrow(/crmOverlap/);
    expect(() => generateDemoData({ customers: 10, products: 0 })).toThrow(/products/);
  });
});

describe('customers', () => {
  const customers = sample().clarity.customers!;

  test('ids are sequential and e-mails unique case-insensitively', () => {
    expect(customers[0]!.customerId).toBe('cus_000001');
    const lower = customers.map((c) => c.email.toLowerCase());
    expect(new Set(lower).size).toBe(customers.length);
    expect(customers.some((c) => c.email !== c.email.toLowerCase())).toBe(true);
    for (const c of customers) expect(c.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/i);
  });

  test('phones are E.164, addresses carry ISO country and region codes', () => {
    for (const c of customers) {
      if (c.phone) expect(c.phone).toMatch(/^\+[1-9]\d{7,14}$/);
      for (const a of [...c.shippingAddresses, ...c.billingAddresses]) {
        expect(a.countryCode).toMatch(/^[A-Z]{2}$/);
        expect(a.region).toMatch(/^[A-Z]{2,3}$/);
      }
      expect(c.shippingAddresses.filter((a) => a.isDefault)).toHaveLength(1);
    }
    expect(new Set(customers.map((c) => c.billingAddresses[0]!.countryCode)).size).toBeGreaterThanOrEqual(5);
  });

  test('B2B customers share companies; statuses are mostly active', () => {
    const byCompany = new Map<string, number>();
    for (const c of customers) if (c.company) byCompany.set(c.company.companyId!, (byCompany.get(c.company.companyId!) ?? 0) + 1);
    expect(byCompany.size).toBeGreaterThan(10);
    expect([...byCompany.values()].some((n) => n >= 3)).toBe(true);
    const statuses = sample().summary.accountStatuses;
    expect(Object.keys(statuses)).toEqual([...ACCOUNT_STATUSES]);
    expect(statuses.active! / customers.length).toBeGreaterThan(0.8);
    expect(statuses.pending! + statuses.on_hold! + statuses.disabled!).toBeGreaterThan(0);
  });

  test('timestamps are ISO, within two years before now, updatedAt ≥ createdAt, version ≥ 1', () => {
    const d = sample().clarity;
    const rows = [...d.customers!, ...d.orders!, ...d.returns!, ...d.promotions!, ...d.products!];
    for (const r of rows) {
      expect(r.createdAt).toMatch(ISO);
      expect(r.updatedAt).toMatch(ISO);
      expect(Date.parse(r.updatedAt)).toBeGreaterThanOrEqual(Date.parse(r.createdAt!));
      expect(Date.parse(r.updatedAt)).toBeLessThanOrEqual(NOW);
      expect(r.version).toBeGreaterThanOrEqual(1);
    }
    for (const c of d.customers!) expect(NOW - Date.parse(c.createdAt)).toBeLessThanOrEqual(730 * 86_400_000);
  });
});

describe('orders and referential integrity', () => {
  const d = sample().clarity;
  const customerIds = new Set(d.customers!.map((c) => c.customerId));
  const skus = new Set(d.products!.map((p) => p.sku));
  const orders = new Map(d.orders!.map((o) => [o.orderId, o]));

  test('orders point at customers and products that exist; ids and numbers increase with time', () => {
    let prev = '';
    for (const o of d.orders!) {
      expect(customerIds.has(o.customerId!)).toBe(true);
      for (const l of o.lineItems) expect(skus.has(l.sku)).toBe(true);
      expect(o.createdAt >= prev).toBe(true);
      prev = o.createdAt;
    }
    expect(new Set(d.inventory!.map((i) => i.sku)).size).toBeGreaterThan(0);
    for (const i of d.inventory!) {
      expect(skus.has(i.sku)).toBe(true);
      expect(d.locations).toContain(i.locationId);
      expect(i.available).toBe(i.onHand - i.allocated);
      expect(i.available).toBeGreaterThanOrEqual(0);
    }
    for (const p of d.products!) expect(p.sku).toMatch(/^[A-Z]{3}-\d{3}(-[A-Z0-9]+)?$/);
  });

  test('statuses agree with payments and shipments', () => {
    const seen = new Set(d.orders!.map((o) => o.status));
    expect(seen.size).toBeGreaterThanOrEqual(6);
    for (const o of d.orders!) {
      expect(ORDER_STATUSES).toContain(o.status);
      if (o.status === 'shipped' || o.status === 'completed') {
        expect(o.fulfillmentStatus).toBe('fulfilled');
        if (o.lineItems.some((l) => l.requiresShipping) && o.shippingAddress) {
          expect(o.shipments.length).toBeGreaterThan(0);
          for (const s of o.shipments) {
            expect(s.trackingNumber).toBeTruthy();
            expect(s.trackingUrl).toMatch(/^https:\/\//);
            expect(s.shippedAt).toMatch(ISO);
          }
        }
      }
      if (o.status === 'cancelled') {
        expect(o.cancelledAt).toMatch(ISO);
        expect(o.shipments).toEqual([]);
        expect(['voided', 'refunded']).toContain(o.paymentStatus);
      } else {
        expect(o.cancelledAt).toBeUndefined();
      }
      if (o.status === 'pending' || o.status === 'on_hold') expect(['pending', 'authorized']).toContain(o.paymentStatus);
      if (o.status === 'completed') expect(['paid', 'partially_refunded', 'refunded']).toContain(o.paymentStatus);
      if (o.paymentStatus === 'paid') expect(o.balanceDue).toBe('0.00');
      const shippedIds = new Set(o.shipments.flatMap((s) => s.lineItems.map((l) => l.lineItemId)));
      for (const id of shippedIds) expect(o.lineItems.some((l) => l.lineItemId === id)).toBe(true);
    }
  });

  test('returns reference delivered orders, their lines and their customer', () => {
    expect(d.returns!.length).toBeGreaterThan(10);
    for (const r of d.returns!) {
      expect(RETURN_STATUSES).toContain(r.status);
      const o = orders.get(r.orderId)!;
      expect(o).toBeDefined();
      expect(r.customerId).toBe(o.customerId);
      expect(o.shipments.some((s) => s.status === 'delivered')).toBe(true);
      for (const l of r.lineItems) {
        const line = o.lineItems.find((x) => x.lineItemId === l.lineItemId)!;
        expect(line.sku).toBe(l.sku);
        expect(l.quantity).toBeLessThanOrEqual(line.quantity);
      }
      if (r.status === 'refunded') expect(['partially_refunded', 'refunded']).toContain(o.paymentStatus);
    }
  });

  test('promotion usage counts match the orders that carry them', () => {
    for (const p of d.promotions!) {
      const used = d.orders!.filter((o) => o.discounts.some((x) => x.promotionId === p.promotionId)).length;
      expect(p.usageCount).toBe(used);
    }
  });
});

describe('customers only', () => {
  test('no catalogue and no orders, but the CRM seed is complete', () => {
    const d = generateCustomersOnly({ customers: 200, seed: 5 });
    expect([d.clarity.orders, d.clarity.products, d.clarity.loyaltyTransactions]).toEqual([[], [], expect.any(Array)]);
    expect(d.clarity.customers).toHaveLength(200);
    expect(d.dataverse.contacts).toHaveLength(40 + 20);
  });
});
