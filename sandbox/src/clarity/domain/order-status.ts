/** Order lifecycle (spec §4.5) as data: allowed transitions, plus derived payment/fulfillment status. */
import type { FulfillmentStatus, LineItem, OrderStatus, Payment, PaymentStatus, Shipment } from '../types';
import { parseMoney, sumUnits } from './money';

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['on_hold', 'confirmed', 'backordered', 'cancelled'],
  on_hold: ['pending', 'confirmed', 'cancelled'],
  confirmed: ['processing', 'shipped', 'ready_for_pickup', 'cancelled'],
  backordered: ['processing', 'shipped', 'ready_for_pickup', 'cancelled'],
  processing: ['shipped', 'ready_for_pickup', 'cancelled'],
  shipped: ['completed'],
  ready_for_pickup: ['completed'],
  completed: [],
  cancelled: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

export function derivePaymentStatus(payments: Pick<Payment, 'status' | 'amount' | 'amountRefunded'>[], totalPrice: string): PaymentStatus {
  if (payments.length === 0) return 'pending';
  if (payments.every((p) => p.status === 'voided')) return 'voided';
  const settled = payments.filter((p) => ['captured', 'partially_refunded', 'refunded'].includes(p.status));
  const captured = sumUnits(settled.map((p) => parseMoney(p.amount)));
  const refunded = sumUnits(settled.map((p) => parseMoney(p.amountRefunded ?? '0')));
  if (captured > 0n && refunded >= captured) return 'refunded';
  if (refunded > 0n) return 'partially_refunded';
  if (captured > 0n && captured >= parseMoney(totalPrice)) return 'paid';
  if (captured > 0n) return 'partially_paid';
  if (payments.some((p) => p.status === 'authorized')) return 'authorized';
  return 'pending';
}

const SHIPPED: ReadonlySet<string> = new Set(['shipped', 'in_transit', 'delivered']);

export function shippedQuantities(shipments: Shipment[]): Map<string, number> {
  const q = new Map<string, number>();
  for (const s of shipments) {
    if (!SHIPPED.has(s.status)) continue;
    for (const l of s.lineItems) q.set(l.lineItemId, (q.get(l.lineItemId) ?? 0) + l.quantity);
  }
  return q;
}

export function lineFulfillment(line: LineItem, shipped: Map<string, number>): FulfillmentStatus {
  const n = shipped.get(line.lineItemId) ?? 0;
  return n <= 0 ? 'unfulfilled' : n >= line.quantity ? 'fulfilled' : 'partial';
}

export function deriveFulfillmentStatus(lines: LineItem[], shipments: Shipment[]): FulfillmentStatus {
  const shipped = shippedQuantities(shipments);
  const states = lines.filter((l) => l.requiresShipping !== false).map((l) => lineFulfillment(l, shipped));
  if (states.length === 0 || states.every((s) => s === 'unfulfilled')) return 'unfulfilled';
  return states.every((s) => s === 'fulfilled') ? 'fulfilled' : 'partial';
}
