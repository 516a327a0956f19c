/**
 * Returns (RMAs) for delivered orders. A refunded return also refunds the order's payment, so the
 * order's `paymentStatus`, `totalPaid` and `balanceDue` are re-derived and its version bumped.
 */
import type { Order, Return, ReturnStatus } from '../clarity/types';
import { fromCents, toCents } from './cents';
import { settle } from './order-status';
import type { Rng } from './prng';
import { DAY_MS, iso } from './time';

const REASONS = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'no_longer_needed'];
const RECENT: readonly (readonly [ReturnStatus, number])[] = [['requested', 40], ['approved', 30], ['in_transit', 20], ['cancelled', 10]];
const SETTLED: readonly (readonly [ReturnStatus, number])[] = [['refunded', 70], ['received', 6], ['rejected', 14], ['cancelled', 10]];

/** Refund for `q` of a line's units: its share of the discounted line total, plus tax if charged on top. */
function lineRefund(order: Order, lineIndex: number, q: number): number {
  const l = order.lineItems[lineIndex]!;
  const tax = order.taxesIncluded ? 0 : l.taxLines.reduce((a, t) => a + toCents(t.amount), 0);
  return Math.round(((toCents(l.lineTotal) + tax) * q) / l.quantity);
}

export function generateReturns(rng: Rng, orders: readonly Order[], nowMs: number): Return[] {
  const out: Return[] = [];
  for (const order of orders) {
    const delivered = order.shipments.filter((s) => s.status === 'delivered' && s.deliveredAt);
    // Only fully paid orders, so a refund never exceeds what was captured.
    if (delivered.length === 0 || order.paymentStatus !== 'paid' || !rng.chance(0.07)) continue;
    const deliveredMs = Date.parse(delivered[0]!.deliveredAt!);
    const createdMs = Math.min(deliveredMs + rng.int(1, 20) * DAY_MS, nowMs - 3_600_000);
    if (createdMs <= deliveredMs) continue;
    const shippedIds = new Set(delivered.flatMap((s) => s.lineItems.map((l) => l.lineItemId)));
    const candidates = order.lineItems.map((l, i) => [l, i] as const).filter(([l]) => shippedIds.has(l.lineItemId));
    const picked = candidates.slice(0, rng.int(1, Math.min(2, candidates.length)));
    const reason = rng.pick(REASONS);
    const lines = picked.map(([l, i]) => ({ line: l, index: i, q: rng.int(1, l.quantity) }));
    const refund = lines.reduce((a, x) => a + lineRefund(order, x.index, x.q), 0);
    const status = rng.weighted(nowMs - createdMs < 10 * DAY_MS ? RECENT : SETTLED);
    const steps = { requested: 1, approved: 2, in_transit: 3, received: 4, refunded: 5, rejected: 2, cancelled: 2 }[status];
    const updatedMs = Math.min(createdMs + (steps - 1) * rng.int(1, 4) * DAY_MS, nowMs - 60_000);
    const seq = out.length + 1;
    out.push({
      returnId: `ret_${String(seq).padStart(6, '0')}`, returnNumber: `RMA-${100000 + seq}`,
      orderId: order.orderId, ...(order.customerId ? { customerId: order.customerId } : {}),
      status, reason,
      lineItems: lines.map((x) => ({ lineItemId: x.line.lineItemId, sku: x.line.sku, quantity: x.q, reason })),
      refundAmount: fromCents(refund), currency: order.currency,
      ...(status === 'rejected' ? { notes: 'Outside the return window or item used' } : {}),
      createdAt: iso(createdMs), updatedAt: iso(updatedMs), version: steps,
    });
    if (status === 'refunded') refundOrder(order, refund, updatedMs);
  }
  return out;
}

/** Refunds against the captured payment and re-derives the order's money fields. */
function refundOrder(order: Order, cents: number, ms: number): void {
  const p = order.payments.find((x) => x.status === 'captured');
  if (!p) return;
  const refunded = toCents(p.amountRefunded ?? '0') + cents;
  p.amountRefunded = fromCents(refunded);
  p.status = refunded >= toCents(p.amount) ? 'refunded' : 'partially_refunded';
  p.updatedAt = iso(ms);
  settle(order);
  if (ms > Date.parse(order.updatedAt)) order.updatedAt = iso(ms);
  order.version += 1;
}
