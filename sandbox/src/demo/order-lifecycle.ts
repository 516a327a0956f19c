/**
 * Where an order is in its life (spec §4.5), chosen by its age: yesterday's orders are pending or
 * being processed, last month's have shipped, older ones are completed; a few are cancelled at any
 * age. Payments and shipments are then made to agree with that status.
 */
import type { Order, OrderStatus, Payment, PaymentMethod, Shipment } from '../clarity/types';
import { fromCents, toCents } from './cents';
import type { Rng } from './prng';
import { tracking } from './shipping';
import { DAY_MS, HOUR_MS, iso } from './time';

export interface LifecycleInput {
  rng: Rng;
  b2b: boolean;
  pickup: boolean;
  onHoldAccount: boolean;
  createdMs: number;
  nowMs: number;
  nextId: (prefix: 'pay' | 'shp') => string;
}

type W = readonly (readonly [OrderStatus, number])[];
const FRESH: W = [['pending', 45], ['on_hold', 5], ['confirmed', 30], ['backordered', 5], ['processing', 10], ['cancelled', 5]];
const DAYS: W = [['confirmed', 15], ['backordered', 8], ['processing', 30], ['shipped', 40], ['cancelled', 7]];
const WEEKS: W = [['processing', 4], ['backordered', 2], ['shipped', 60], ['completed', 28], ['cancelled', 6]];
const OLD: W = [['shipped', 3], ['completed', 89], ['cancelled', 8]];
const CANCEL_REASONS = ['customer', 'fraud', 'inventory', 'declined', 'other'];

function chooseStatus(inp: LifecycleInput, shippable: boolean): OrderStatus {
  const age = (inp.nowMs - inp.createdMs) / DAY_MS;
  if (inp.onHoldAccount && age < 30) return 'on_hold';
  let s = inp.rng.weighted(age < 1 ? FRESH : age < 4 ? DAYS : age < 21 ? WEEKS : OLD);
  if (!shippable && (s === 'shipped' || s === 'processing' || s === 'backordered')) s = 'completed';
  if (inp.pickup && s === 'shipped') s = 'ready_for_pickup';
  return s;
}

function paymentMethod(rng: Rng, b2b: boolean): PaymentMethod {
  return b2b ? rng.weighted([['invoice', 40], ['ach', 20], ['card', 40]]) : rng.weighted([['card', 78], ['paypal', 20], ['store_credit', 2]]);
}

function payment(inp: LifecycleInput, method: PaymentMethod, amount: string, currency: string, status: Payment['status'], settledMs: number): Payment {
  const { rng } = inp;
  const p: Payment = {
    paymentId: inp.nextId('pay'), status, method, amount, currency,
    createdAt: iso(inp.createdMs - 2000), updatedAt: iso(Math.max(inp.createdMs - 1000, settledMs)),
  };
  if (method === 'card') {
    Object.assign(p, { gateway: rng.pick(['authorize_net', 'stripe']), transactionId: rng.digits(11), cardBrand: rng.weighted([['visa', 50], ['mastercard', 30], ['amex', 15], ['discover', 5]]), last4: rng.digits(4) });
  } else if (method === 'paypal') {
    Object.assign(p, { gateway: 'paypal', transactionId: rng.alnum(17) });
  } else if (method === 'ach') {
    Object.assign(p, { gateway: 'stripe', transactionId: `py_${rng.alnum(20)}` });
  }
  return p;
}

/** Sets status, payments, shipments, timestamps and version on a priced order; returns the last event time. */
export function applyLifecycle(inp: LifecycleInput, order: Order): number {
  const { rng, createdMs, nowMs } = inp;
  // Every event happens after the order and before "now".
  const at = (offsetMs: number): number => Math.min(createdMs + offsetMs, nowMs - 60_000);
  const shippable = order.lineItems.filter((l) => l.requiresShipping !== false);
  const status = chooseStatus(inp, shippable.length > 0);
  const method = paymentMethod(rng, inp.b2b);
  const card = method === 'card' || method === 'paypal' || method === 'store_credit';
  const { totalPrice: total, currency } = order;
  let events = 0;
  let last = createdMs;
  const mark = (ms: number) => { events++; last = Math.max(last, ms); return ms; };

  if (card && rng.chance(0.03)) order.payments.push(payment(inp, method, total, currency, 'failed', createdMs));
  if (status === 'cancelled') {
    const when = mark(at(rng.int(1, 72) * HOUR_MS));
    const captured = card && rng.chance(0.3);
    const p = payment(inp, method, total, currency, captured ? 'refunded' : 'voided', when);
    if (captured) p.amountRefunded = total;
    order.payments.push(p);
    order.cancelledAt = iso(when);
    order.cancelReason = rng.pick(CANCEL_REASONS);
  } else if (status === 'pending' || status === 'on_hold') {
    order.payments.push(payment(inp, method, total, currency, card ? 'authorized' : 'pending', createdMs));
  } else if (!card && status !== 'completed' && (nowMs - createdMs < 30 * DAY_MS || status === 'confirmed')) {
    // Business terms: a deposit now and the rest on invoice, or all of it net 30.
    if (status === 'confirmed' && rng.chance(0.4)) {
      const deposit = Math.round(toCents(total) * 0.3);
      order.payments.push(payment(inp, method, fromCents(deposit), currency, 'captured', mark(at(HOUR_MS))));
      order.payments.push(payment(inp, method, fromCents(toCents(total) - deposit), currency, 'pending', createdMs));
    } else {
      order.payments.push(payment(inp, method, total, currency, 'pending', createdMs));
    }
  } else {
    const authOnly = status === 'backordered' && card && rng.chance(0.5);
    order.payments.push(payment(inp, method, total, currency, authOnly ? 'authorized' : 'captured', mark(at(rng.int(1, 120) * 60_000))));
  }
  if (status !== 'pending') mark(at(rng.int(10, 600) * 60_000)); // accepted, or put on hold

  if (status === 'backordered') {
    const l = rng.pick(shippable);
    l.quantityBackordered = rng.int(1, l.quantity);
  }
  const ship = (lines: typeof shippable, s: Shipment['status'], offsetDays: number): void => {
    const shippedMs = mark(at(offsetDays * DAY_MS + rng.int(1, 8) * HOUR_MS));
    const carrier = order.shippingLines[0]?.carrier;
    const shipment: Shipment = {
      shipmentId: inp.nextId('shp'), status: s, ...(carrier ? { carrier, service: order.shippingLines[0]!.service! } : {}),
      ...(carrier ? tracking(rng, carrier) : {}),
      source: inp.b2b && rng.chance(0.1) ? 'vendor' : 'warehouse',
      lineItems: lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })),
      shippedAt: iso(shippedMs),
    };
    if (s === 'delivered') shipment.deliveredAt = iso(mark(at(offsetDays * DAY_MS + rng.int(2, 6) * DAY_MS)));
    order.shipments.push(shipment);
  };
  const ageDays = (nowMs - createdMs) / DAY_MS;
  if (status === 'processing' && shippable.length > 1 && rng.chance(0.3)) {
    ship(shippable.slice(0, Math.ceil(shippable.length / 2)), 'in_transit', Math.min(1, ageDays / 2));
  } else if (status === 'shipped' || (status === 'completed' && !inp.pickup && shippable.length > 0)) {
    const delivered = status === 'completed' || (ageDays > 6 && rng.chance(0.7));
    const transit = ageDays < 3 ? 'shipped' : rng.chance(0.03) ? 'exception' : 'in_transit';
    const split = shippable.length >= 4 && rng.chance(0.2) ? Math.floor(shippable.length / 2) : shippable.length;
    ship(shippable.slice(0, split), delivered ? 'delivered' : transit, Math.min(1, ageDays / 3));
    if (split < shippable.length) ship(shippable.slice(split), delivered ? 'delivered' : transit, Math.min(2, ageDays / 2));
  } else if (status === 'completed' && inp.pickup) {
    const picked = iso(mark(at(rng.int(1, 5) * DAY_MS)));
    order.shipments.push({ shipmentId: inp.nextId('shp'), status: 'delivered', source: 'store', lineItems: shippable.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })), shippedAt: picked, deliveredAt: picked });
  }
  if (status === 'completed') mark(at(rng.int(8, 30) * DAY_MS));

  order.status = status;
  order.updatedAt = iso(last);
  order.version = 1 + events;
  return last;
}
