/**
 * Derived order fields (spec §4.5): `paymentStatus` from `payments[]`, `fulfillmentStatus` from
 * `shipments[]` and line quantities, and `totalPaid`/`balanceDue` with the emulator's own rule.
 * Kept apart from the lifecycle so returns can re-derive after a refund.
 */
import { formatMoney, parseMoney } from '../clarity/domain/money';
import { paidUnits } from '../clarity/domain/totals';
import type { FulfillmentStatus, Order, Payment, PaymentStatus } from '../clarity/types';
import { toCents } from './cents';

const CAPTURED = new Set(['captured', 'partially_refunded', 'refunded']);

export function derivePaymentStatus(payments: readonly Payment[], totalPrice: string): PaymentStatus {
  const live = payments.filter((p) => p.status !== 'failed');
  if (live.length > 0 && live.every((p) => p.status === 'voided')) return 'voided';
  let captured = 0;
  let refunded = 0;
  for (const p of live) {
    if (!CAPTURED.has(p.status)) continue;
    captured += toCents(p.amount);
    refunded += toCents(p.amountRefunded ?? '0');
  }
  if (captured > 0) {
    if (refunded >= captured) return 'refunded';
    if (refunded > 0) return 'partially_refunded';
    return captured >= toCents(totalPrice) ? 'paid' : 'partially_paid';
  }
  return live.some((p) => p.status === 'authorized') ? 'authorized' : 'pending';
}

/**
 * Line status from shipped quantities; lines that do not ship count as fulfilled once the order has
 * shipped or completed (a service is delivered with the goods, a gift card by e-mail).
 */
export function deriveFulfillment(order: Order): void {
  const shipped = new Map<string, number>();
  for (const s of order.shipments) {
    if (s.status === 'pending') continue;
    for (const l of s.lineItems) shipped.set(l.lineItemId, (shipped.get(l.lineItemId) ?? 0) + l.quantity);
  }
  const done = order.status === 'shipped' || order.status === 'completed';
  for (const l of order.lineItems) {
    const q = shipped.get(l.lineItemId) ?? 0;
    l.fulfillmentStatus = l.requiresShipping === false
      ? (done ? 'fulfilled' : 'unfulfilled')
      : q >= l.quantity ? 'fulfilled' : q > 0 ? 'partial' : 'unfulfilled';
  }
  const states = new Set<FulfillmentStatus>(order.lineItems.map((l) => l.fulfillmentStatus));
  order.fulfillmentStatus = states.size === 1 && !states.has('partial') ? [...states][0]! : 'partial';
}

/** `totalPaid` is captured money net of refunds; `balanceDue` what remains (emulator's `computeTotals`). */
export function settle(order: Order): void {
  const paid = paidUnits(order.payments);
  order.totalPaid = formatMoney(paid);
  order.balanceDue = formatMoney(parseMoney(order.totalPrice) - paid);
  order.paymentStatus = derivePaymentStatus(order.payments, order.totalPrice);
}
