/**
 * Products, inventory levels per location, returns and promotions (spec §4.3). Inventory changes
 * emit `inventory.changed` with `data.change` (spec §4.7) whenever onHand/allocated/available move.
 */
import { ClarityProblem, notFound, validation } from '../domain/problem';
import { SortedIndex, type Entry } from '../domain/sorted-index';
import type { Walk } from '../http/list';
import type { InventoryChangeReason, InventoryLevel, Product, Promotion, Return } from '../types';
import type { EventLog } from './events';

const ms = (iso: string) => Date.parse(iso);

/** A keyed collection with an updatedAt index, for the read-only lists. */
export class Collection<T> {
  readonly byId = new Map<string, T>();
  readonly updatedIdx = new SortedIndex();
  readonly createdIdx = new SortedIndex();
  constructor(private readonly idOf: (t: T) => string, private readonly times: (t: T) => { u: string; c?: string }) {}

  load(items: T[]): void {
    const u: Entry[] = [], c: Entry[] = [];
    for (const it of items) {
      const id = this.idOf(it);
      const old = this.byId.get(id);
      if (old) {
        this.updatedIdx.remove({ t: ms(this.times(old).u), id });
        this.createdIdx.remove({ t: ms(this.times(old).c ?? this.times(old).u), id });
      }
      this.byId.set(id, it);
      u.push({ t: ms(this.times(it).u), id });
      c.push({ t: ms(this.times(it).c ?? this.times(it).u), id });
    }
    this.updatedIdx.load(u);
    this.createdIdx.load(c);
  }

  walk(filters: Record<string, string>, desc: boolean, match: (t: T, f: Record<string, string>) => boolean = () => true): Walk<T> {
    const minT = filters.updatedAtMin ? ms(filters.updatedAtMin) : undefined;
    const maxT = filters.updatedAtMax ? ms(filters.updatedAtMax) : undefined;
    const pick = (id: string) => {
      const it = this.byId.get(id);
      if (!it || !match(it, filters)) return undefined;
      const u = ms(this.times(it).u);
      return (minT !== undefined && u < minT) || (maxT !== undefined && u >= maxT) ? undefined : it;
    };
    return desc ? { index: this.createdIdx, desc, pick } : { index: this.updatedIdx, desc, pick, fromT: minT, stopAtT: maxT };
  }
}

export class CatalogStore {
  readonly products = new Collection<Product>((p) => p.sku, (p) => ({ u: p.updatedAt, c: p.createdAt }));
  readonly returns = new Collection<Return>((r) => r.returnId, (r) => ({ u: r.updatedAt, c: r.createdAt }));
  readonly promotions = new Collection<Promotion>((p) => p.promotionId, (p) => ({ u: p.updatedAt, c: p.createdAt }));
  /** sku → locationId → level */
  readonly inventory = new Map<string, Map<string, InventoryLevel>>();
  readonly locations: string[] = [];

  constructor(private readonly events: EventLog, private readonly now: () => Date) {}

  requireProduct(sku: string): Product {
    const p = this.products.byId.get(sku);
    if (!p) throw notFound('Product', sku);
    return p;
  }

  levels(sku: string): InventoryLevel[] { return [...(this.inventory.get(sku)?.values() ?? [])]; }

  seedInventory(levels: InventoryLevel[], locations: string[] = []): void {
    for (const l of levels) {
      const m = this.inventory.get(l.sku) ?? new Map<string, InventoryLevel>();
      m.set(l.locationId, l);
      this.inventory.set(l.sku, m);
      this.addLocation(l.locationId);
    }
    for (const loc of locations) this.addLocation(loc);
  }

  addLocation(loc: string): void {
    if (!this.locations.includes(loc)) this.locations.push(loc);
  }

  /** `locationId` MAY be omitted only when the store has a single location (spec §4.6). */
  resolveLocation(locationId: string | undefined): string {
    if (locationId !== undefined) {
      if (!this.locations.includes(locationId)) {
        throw validation([{ field: 'locationId', code: 'unknown_location', message: `Unknown location '${locationId}'.` }]);
      }
      return locationId;
    }
    if (this.locations.length === 1) return this.locations[0]!;
    throw validation([{ field: 'locationId', code: 'required', message: 'The store has several locations; name one.' }]);
  }

  /** Applies deltas to a level; emits `inventory.changed` unless nothing moved. */
  change(sku: string, locationId: string, d: { onHand?: number; allocated?: number }, reason: InventoryChangeReason, opts: { referenceId?: string; expectedVersion?: number; allowNegative?: boolean } = {}): InventoryLevel {
    const product = this.requireProduct(sku);
    const m = this.inventory.get(sku) ?? new Map<string, InventoryLevel>();
    const cur = m.get(locationId);
    const at = this.now().toISOString();
    const base: InventoryLevel = cur ?? { sku, productId: product.productId, locationId, onHand: 0, allocated: 0, available: 0, updatedAt: at, version: 0 };
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== base.version) {
      throw new ClarityProblem('version_mismatch', `The inventory level is at version ${base.version}.`, { currentVersion: base.version });
    }
    const onHand = base.onHand + (d.onHand ?? 0);
    const allocated = Math.max(0, base.allocated + (d.allocated ?? 0));
    if (onHand < 0 && !opts.allowNegative) {
      throw validation([{ field: 'onHand', code: 'negative_quantity', message: `onHand would become ${onHand}.` }]);
    }
    if (cur && onHand === cur.onHand && allocated === cur.allocated) return cur;
    const next: InventoryLevel = { ...base, onHand, allocated, available: onHand - allocated, updatedAt: at, version: base.version + 1 };
    m.set(locationId, next);
    this.inventory.set(sku, m);
    this.events.emit('inventory.changed', next, {
      change: { previousAvailable: base.available, delta: next.available - base.available, reason, ...(opts.referenceId ? { referenceId: opts.referenceId } : {}) },
    });
    return next;
  }

  /** Absolute set (`PUT /products/{sku}/inventory`), idempotent. */
  setOnHand(sku: string, locationId: string, onHand: number, reason: InventoryChangeReason, expectedVersion?: number): InventoryLevel {
    const cur = this.inventory.get(sku)?.get(locationId);
    return this.change(sku, locationId, { onHand: onHand - (cur?.onHand ?? 0) }, reason, { expectedVersion });
  }

  /** Default location for order allocation: the first location that stocks the SKU. */
  allocationLocation(sku: string): string | undefined {
    const m = this.inventory.get(sku);
    if (!m || m.size === 0) return undefined;
    return this.locations.find((l) => m.has(l)) ?? m.keys().next().value;
  }
}
