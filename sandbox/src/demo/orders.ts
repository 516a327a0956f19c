/**
 * Orders for all customers. Order times are drawn per customer, then sorted globally so order ids and
 * numbers increase with time, as they do in a real store; each order is then priced and walked
 * through its lifecycle. Work is O(orders · lines) plus one sort.
 */
import type { Address, Order, OrderSource, Product, Promotion } from '../clarity/types';
import type { CustomerSeed } from './customers';
import { applyLifecycle } from './order-lifecycle';
import { priceOrder } from './order-pricing';
import { deriveFulfillment, settle } from './order-status';
import type { PromotionKey } from './promotions';
import type { Rng } from './prng';
import { DAY_MS, HOUR_MS, iso } from './time';

export interface OrdersInput {
  rng: Rng;
  customers: readonly CustomerSeed[];
  products: readonly Product[];
  promotions: ReadonlyMap<PromotionKey, Promotion>;
  ordersPerCustomer: number;
  companyShare: number;
  nowMs: number;
}

export interface OrdersResult {
  orders: Order[];
  /** Order indices per customer index, oldest first. */
  byCustomer: number[][];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const NOTES = ['Leave at reception', 'Call before delivery', 'Gift - no invoice in the box', 'Deliver to loading dock B'];

/** An order keeps a copy of the address as it was (spec §4.4): no addressId, no list flags. */
function snapshot(a: Address): Address {
  const { addressId: _id, label: _label, isDefault: _def, ...rest } = a;
  return rest;
}

function schedule(inp: OrdersInput): { times: Float64Array; owners: Int32Array } {
  const { rng, customers, nowMs } = inp;
  // B2B buyers order twice as often; normalised so the overall mean stays `ordersPerCustomer`.
  const base = inp.ordersPerCustomer / (1 + inp.companyShare);
  const times: number[] = [];
  const owners: number[] = [];
  customers.forEach((c, i) => {
    if (c.customer.accountStatus === 'pending' || base <= 0) return; // never verified, never ordered
    const k = rng.poisson(c.companyInfo ? 2 * base : base);
    const span = nowMs - 10 * 60_000 - (c.createdMs + HOUR_MS);
    for (let j = 0; j < k; j++) {
      times.push(c.createdMs + HOUR_MS + Math.floor(rng.float() * span));
      owners.push(i);
    }
  });
  const idx = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]! || owners[a]! - owners[b]!);
  return { times: Float64Array.from(idx, (i) => times[i]!), owners: Int32Array.from(idx, (i) => owners[i]!) };
}

export function generateOrders(inp: OrdersInput): OrdersResult {
  const { rng, customers, nowMs } = inp;
  const { times, owners } = schedule(inp);
  const active = inp.products.filter((p) => p.active);
  const byCustomer: number[][] = customers.map(() => []);
  const counters = { li: 0, pay: 0, shp: 0 };
  const nextLineId = () => `li_${pad(++counters.li, 8)}`;
  const nextId = (prefix: 'pay' | 'shp') => `${prefix}_${pad(++counters[prefix], 7)}`;
  const orders: Order[] = new Array<Order>(times.length);

  for (let n = 0; n < times.length; n++) {
    const ms = times[n]!;
    const ci = owners[n]!;
    const seed = customers[ci]!;
    const c = seed.customer;
    const b2b = seed.companyInfo !== undefined;
    const pickup = !b2b && seed.place.country.code === 'US' && rng.chance(0.05);
    // Discontinued products still appear on older orders.
    const catalogue = nowMs - ms > 180 * DAY_MS || active.length === 0 ? inp.products : active;
    const priced = priceOrder({
      rng, catalogue, promotions: inp.promotions, place: seed.place, b2b, pickup, ms,
      firstOrder: byCustomer[ci]!.length === 0, nextLineId,
    });
    const local = c.shippingAddresses.filter((a) => a.countryCode === seed.place.country.code);
    const ship = snapshot(rng.pick(local.length ? local : c.shippingAddresses));
    const source: OrderSource = pickup ? 'on_site' : rng.weighted([['web', 75], ['phone', b2b ? 20 : 5], ['api', b2b ? 10 : 1], ['marketplace', 5]]);
    const order: Order = {
      orderId: `ord_${pad(n + 1, 7)}`, orderNumber: `SO-${100000 + n + 1}`, customerId: c.customerId,
      email: c.email, ...(c.phone ? { phone: c.phone } : {}),
      status: 'pending', paymentStatus: 'pending', fulfillmentStatus: 'unfulfilled', source,
      ...priced,
      ...(pickup ? {} : { shippingAddress: ship }),
      billingAddress: snapshot(c.billingAddresses[0]!),
      totalPaid: '0.00', balanceDue: priced.totalPrice, payments: [], shipments: [],
      ...(b2b && rng.chance(0.7) ? { purchaseOrderNumber: `PO-${rng.digits(5)}` } : {}),
      ...(rng.chance(0.04) ? { notes: rng.pick(NOTES) } : {}),
      createdAt: iso(ms), updatedAt: iso(ms), version: 1,
    };
    applyLifecycle({
      rng, b2b, pickup, onHoldAccount: c.accountStatus === 'on_hold', createdMs: ms, nowMs, nextId,
    }, order);
    deriveFulfillment(order);
    settle(order);
    orders[n] = order;
    byCustomer[ci]!.push(n);
  }
  return { orders, byCustomer };
}
