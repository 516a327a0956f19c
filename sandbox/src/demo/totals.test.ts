/**
 * Every generated order is re-added here from its lines in integer cents, without the emulator's
 * helper, so a seeded order can never be rejected as `totals_mismatch` (spec §4.4/§4.6).
 */
import type { Order } from '../clarity/types';
import { cents, sample, taxCents } from './demo.fixture';

function check(o: Order): void {
  const byRate = new Map<string, number>();
  const addTax = (title: string, rate: string, amount: number) => {
    const k = `${title}|${rate}`;
    byRate.set(k, (byRate.get(k) ?? 0) + amount);
  };
  let subtotal = 0;
  let lineDiscounts = 0;
  let tax = 0;
  for (const l of o.lineItems) {
    expect(l.quantity).toBeGreaterThanOrEqual(1);
    const gross = l.quantity * cents(l.unitPrice);
    const disc = l.discountAllocations.reduce((a, d) => a + cents(d.amount), 0);
    expect(cents(l.totalDiscount)).toBe(disc);
    expect(cents(l.lineTotal)).toBe(gross - disc);
    for (const t of l.taxLines) {
      const amount = taxCents(gross - disc, t.rate, o.taxesIncluded);
      expect(cents(t.amount)).toBe(amount);
      tax += amount;
      addTax(t.title, t.rate, amount);
    }
    subtotal += gross;
    lineDiscounts += disc;
  }
  let shipping = 0;
  for (const s of o.shippingLines) {
    shipping += cents(s.price);
    for (const t of s.taxLines) {
      const amount = taxCents(cents(s.price), t.rate, o.taxesIncluded);
      expect(cents(t.amount)).toBe(amount);
      tax += amount;
      addTax(t.title, t.rate, amount);
    }
  }
  // Discounts not carried by any line (free shipping) are added on top of the line allocations.
  const unallocated = o.discounts.filter((d) => d.type === 'free_shipping').reduce((a, d) => a + cents(d.amount), 0);
  const discounts = lineDiscounts + unallocated;
  expect(o.discounts.reduce((a, d) => a + cents(d.amount), 0)).toBe(discounts);
  const fees = cents(o.totalFees ?? '0.00');
  const total = subtotal - discounts + shipping + fees + (o.taxesIncluded ? 0 : tax);
  expect([cents(o.subtotalPrice), cents(o.totalDiscounts), cents(o.totalShipping), cents(o.totalTax), cents(o.totalPrice)])
    .toEqual([subtotal, discounts, shipping, tax, total]);
  expect(Object.fromEntries(o.taxLines.map((t) => [`${t.title}|${t.rate}`, cents(t.amount)]))).toEqual(Object.fromEntries(byRate));
  const paid = o.payments
    .filter((p) => ['captured', 'partially_refunded', 'refunded'].includes(p.status))
    .reduce((a, p) => a + cents(p.amount) - cents(p.amountRefunded ?? '0.00'), 0);
  expect([cents(o.totalPaid), cents(o.balanceDue)]).toEqual([paid, total - paid]);
  expect(total).toBeGreaterThan(0);
}

describe('order totals, recomputed in cents', () => {
  test('every order adds up to the cent', () => {
    const orders = sample().clarity.orders!;
    expect(orders.length).toBeGreaterThan(500);
    for (const o of orders) {
      try {
        check(o);
      } catch (e) {
        throw new Error(`${o.orderId}: ${(e as Error).message}`);
      }
    }
  });

  test('the data exercises discounts, free shipping, fees, multi-rate and tax-inclusive orders', () => {
    const orders = sample().clarity.orders!;
    const types = new Set(orders.flatMap((o) => o.discounts.map((d) => d.type)));
    expect([...types].sort()).toEqual(['buy_x_get_y', 'fixed_amount', 'free_shipping', 'percentage']);
    expect(orders.some((o) => o.taxesIncluded && o.currency !== 'USD')).toBe(true);
    expect(orders.every((o) => o.currency !== 'USD' || !o.taxesIncluded)).toBe(true);
    expect(orders.some((o) => o.lineItems.some((l) => l.taxLines.length === 2))).toBe(true);
    expect(orders.some((o) => o.lineItems.length === 20)).toBe(true);
    expect(orders.some((o) => o.totalFees !== '0.00')).toBe(true);
    expect(orders.some((o) => o.shippingLines.some((s) => s.taxLines.length > 0))).toBe(true);
    const lines = orders.map((o) => o.lineItems.length);
    expect(Math.min(...lines)).toBe(1);
    expect(lines.filter((n) => n !== 20).every((n) => n <= 8)).toBe(true);
  });
});
