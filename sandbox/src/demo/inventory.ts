/**
 * Stock per product and location (spec §4.4 InventoryLevel). `allocated` is the quantity on open,
 * unshipped orders routed to that location, so the numbers agree with the orders that were generated.
 */
import type { InventoryLevel, Order, Product } from '../clarity/types';
import type { Rng } from './prng';
import { iso } from './time';

/** The first location is the store's default (ClarityDataset.locations). */
export const LOCATIONS = ['loc_austin', 'loc_reno', 'loc_berlin', 'loc_london'] as const;
const OPEN = new Set(['confirmed', 'backordered', 'processing', 'on_hold', 'pending']);

/** Warehouse an order ships from: EU orders from Berlin, UK from London, North America split. */
export function locationFor(order: Order): string {
  if (order.currency === 'EUR') return 'loc_berlin';
  if (order.currency === 'GBP') return 'loc_london';
  const region = order.shippingAddress?.region ?? '';
  return ['CA', 'WA', 'OR', 'CO', 'BC'].includes(region) ? 'loc_reno' : 'loc_austin';
}

export function generateInventory(rng: Rng, products: readonly Product[], orders: readonly Order[], nowMs: number): InventoryLevel[] {
  const allocated = new Map<string, number>();
  for (const o of orders) {
    if (!OPEN.has(o.status)) continue;
    const loc = locationFor(o);
    for (const l of o.lineItems) {
      if (l.requiresShipping === false || l.fulfillmentStatus === 'fulfilled') continue;
      const k = `${l.sku}\u0000${loc}`;
      allocated.set(k, (allocated.get(k) ?? 0) + l.quantity - (l.quantityBackordered ?? 0));
    }
  }
  const out: InventoryLevel[] = [];
  for (const p of products) {
    if (p.requiresShipping === false) continue; // services and gift cards are not stocked
    for (const loc of LOCATIONS) {
      const alloc = allocated.get(`${p.sku}\u0000${loc}`) ?? 0;
      if (alloc === 0 && loc !== LOCATIONS[0] && !rng.chance(0.7)) continue;
      // One level in ten is sold out (available 0); discontinued products run down.
      const spare = !p.active || rng.chance(0.1) ? 0 : rng.int(1, 400);
      const onHand = alloc + spare;
      out.push({
        sku: p.sku, productId: p.productId, locationId: loc, onHand, allocated: alloc, available: onHand - alloc,
        updatedAt: iso(nowMs - rng.int(1, 30 * 24) * 3_600_000), version: 1 + rng.int(0, 40),
      });
    }
  }
  return out;
}
