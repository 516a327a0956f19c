/**
 * Orders: creation with server-computed totals (422 `totals_mismatch` when stated ones differ),
 * lifecycle transitions (409 `invalid_status_transition`), cancel, and stock allocation so that
 * orders move inventory the way spec §4.7's `inventory.changed` example shows (reason `order`).
 */
import { canTransition, deriveFulfillmentStatus, derivePaymentStatus, lineFulfillment, shippedQuantities } from '../domain/order-status';
import { normalizeMoney } from '../domain/money';
import { ClarityProblem, notFound, validation } from '../domain/problem';
import type { OrderDraft } from '../domain/schemas';
import { computeTotals, findMismatches, type TotalsDraft } from '../domain/totals';
import { applyMergePatch, changedTopLevel } from '../domain/merge-patch';
import type { Walk } from '../http/list';
import type { LineItem, Order, OrderStatus, Payment } from '../types';
import type { CatalogStore } from './catalog';
import type { CustomerStore } from './customers';
import type { EventLog } from './events';
import { newId } from './ids';
import { OrderIndexes } from './order-indexes';

interface Allocation { sku: string; locationId: string; qty: number }

export interface OrderPatch { status?: OrderStatus; notes?: string | null; purchaseOrderNumber?: string | null; metadata?: Record<string, string | null> | null; cancelReason?: string }

export class OrderStore {
  readonly byId = new Map<string, Order>();
  private readonly idx = new OrderIndexes();
  private allocations = new Map<string, Allocation[]>();
  private nextNumber = 10001;

  constructor(private readonly events: EventLog, private readonly now: () => Date,
    private readonly catalog: CatalogStore, private readonly customers: CustomerStore) {}

  get(id: string): Order | undefined { return this.byId.get(id); }
  require(id: string): Order {
    const o = this.byId.get(id);
    if (!o) throw notFound('Order', id);
    return o;
  }
  forCustomer(customerId: string): Order[] {
    return [...this.idx.customerIds(customerId)].map((id) => this.byId.get(id)!).filter(Boolean);
  }

  seed(orders: Order[]): void {
    for (const o of orders) {
      const old = this.byId.get(o.orderId);
      if (old) this.idx.remove(old);
      this.byId.set(o.orderId, o);
      const n = /(\d+)$/.exec(o.orderNumber);
      if (n) this.nextNumber = Math.max(this.nextNumber, Number(n[1]) + 1);
    }
    this.idx.load(orders.filter((o) => this.byId.get(o.orderId) === o));
  }

  create(d: OrderDraft): Order {
    if (d.customerId !== undefined) this.customers.require(d.customerId);
    const lines = d.lineItems.map((l, i) => {
      const p = this.catalog.products.byId.get(l.sku);
      const unitPrice = l.unitPrice ?? p?.price;
      const name = l.name ?? p?.name;
      if (unitPrice === undefined || name === undefined) {
        throw validation([{ field: `lineItems[${i}].sku`, code: 'unknown_sku', message: `Unknown SKU '${l.sku}': give name and unitPrice.` }]);
      }
      return { ...l, unitPrice, name, productId: l.productId ?? p?.productId };
    });
    const draft = { ...d, lineItems: lines } as unknown as TotalsDraft;
    const c = computeTotals(draft);
    const mismatches = findMismatches(draft, c);
    if (mismatches.length) {
      throw new ClarityProblem('totals_mismatch', `${mismatches.length} stated total(s) differ from the server's computation.`, {
        errors: mismatches.map((m) => ({ field: m.field, code: 'totals_mismatch', message: `Stated ${m.stated}, computed ${m.computed}.` })),
        computed: { subtotalPrice: c.subtotalPrice, totalDiscounts: c.totalDiscounts, totalShipping: c.totalShipping, totalFees: c.totalFees, totalTax: c.totalTax, totalPrice: c.totalPrice, totalPaid: c.totalPaid, balanceDue: c.balanceDue },
      });
    }
    const at = this.now().toISOString();
    const orderId = newId('ord');
    const lineItems: LineItem[] = lines.map((l, i) => ({
      lineItemId: `li_${i + 1}`, sku: l.sku, ...(l.productId ? { productId: l.productId } : {}), name: l.name,
      quantity: l.quantity, unitPrice: normalizeMoney(l.unitPrice), totalDiscount: c.lines[i]!.totalDiscount,
      discountAllocations: l.discountAllocations.map((a) => ({ ...a, amount: normalizeMoney(a.amount) })),
      taxLines: c.lines[i]!.taxLines, lineTotal: c.lines[i]!.lineTotal, fulfillmentStatus: 'unfulfilled',
      requiresShipping: l.requiresShipping ?? this.catalog.products.byId.get(l.sku)?.requiresShipping ?? true,
    }));
    const payments: Payment[] = d.payments.map((p) => ({
      ...p, paymentId: p.paymentId ?? newId('pay'), amount: normalizeMoney(p.amount), currency: p.currency ?? d.currency,
      createdAt: p.createdAt ?? at, updatedAt: p.updatedAt ?? at,
    }));
    const order: Order = {
      orderId, orderNumber: `SO-${this.nextNumber++}`,
      ...(d.customerId ? { customerId: d.customerId } : {}), email: d.email, ...(d.phone ? { phone: d.phone } : {}),
      status: d.status, paymentStatus: derivePaymentStatus(payments, c.totalPrice), fulfillmentStatus: 'unfulfilled',
      ...(d.source ? { source: d.source } : {}), currency: d.currency, lineItems,
      ...(d.shippingAddress ? { shippingAddress: d.shippingAddress } : {}), billingAddress: d.billingAddress,
      shippingLines: d.shippingLines.map((s, i) => ({ ...s, price: normalizeMoney(s.price), taxLines: c.shippingTaxLines[i]! })),
      discounts: c.discounts, taxLines: c.taxLines, taxesIncluded: d.taxesIncluded,
      subtotalPrice: c.subtotalPrice, totalDiscounts: c.totalDiscounts, totalShipping: c.totalShipping, totalFees: c.totalFees,
      totalTax: c.totalTax, totalPrice: c.totalPrice, totalPaid: c.totalPaid, balanceDue: c.balanceDue,
      payments, shipments: [],
      ...(d.purchaseOrderNumber ? { purchaseOrderNumber: d.purchaseOrderNumber } : {}),
      ...(d.notes ? { notes: d.notes } : {}), ...(d.metadata ? { metadata: d.metadata } : {}),
      createdAt: at, updatedAt: at, version: 1,
    };
    if (order.status !== 'cancelled') this.allocate(order);
    this.byId.set(orderId, order);
    this.idx.add(order);
    this.events.emit('order.created', order);
    return order;
  }

  patch(id: string, p: OrderPatch, expectedVersion?: number): Order {
    const cur = this.require(id);
    if (expectedVersion !== undefined && expectedVersion !== cur.version) {
      throw new ClarityProblem('version_mismatch', `The order is at version ${cur.version}.`, { currentVersion: cur.version });
    }
    let next: Order = { ...cur };
    if (p.notes !== undefined) next = setOpt(next, 'notes', p.notes);
    if (p.purchaseOrderNumber !== undefined) next = setOpt(next, 'purchaseOrderNumber', p.purchaseOrderNumber);
    if (p.metadata !== undefined) {
      const m = applyMergePatch(cur.metadata ?? {}, p.metadata) as Record<string, string> | undefined;
      next = setOpt(next, 'metadata', p.metadata === null || !m || Object.keys(m).length === 0 ? null : m);
    }
    if (p.status !== undefined && p.status !== cur.status) {
      if (!canTransition(cur.status, p.status)) {
        throw new ClarityProblem('invalid_status_transition', `An order cannot go from '${cur.status}' to '${p.status}'.`, { currentStatus: cur.status });
      }
      next = this.applyTransition(next, p.status, p.cancelReason);
    }
    return this.commit(cur, next);
  }

  cancel(id: string, reason: string | undefined, expectedVersion?: number): Order {
    return this.patch(id, { status: 'cancelled', ...(reason ? { cancelReason: reason } : {}) }, expectedVersion);
  }

  walk(filters: Record<string, string>, desc: boolean): Walk<Order> {
    return this.idx.walk(filters, desc, (id) => this.byId.get(id));
  }

  private applyTransition(o: Order, to: OrderStatus, reason?: string): Order {
    const at = this.now().toISOString();
    let next: Order = { ...o, status: to };
    if (to === 'cancelled') {
      next = { ...next, cancelledAt: at, ...(reason ? { cancelReason: reason } : {}) };
      this.release(o.orderId, 'cancellation');
    }
    if (to === 'shipped' && o.shipments.length === 0) {
      // Shipping without explicit shipments ships everything that ships, consuming the allocation.
      const lines = o.lineItems.filter((l) => l.requiresShipping !== false).map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity }));
      next.shipments = [{ shipmentId: newId('shp'), status: 'shipped', source: 'warehouse', lineItems: lines, shippedAt: at }];
      this.consume(o.orderId);
    }
    const shipped = shippedQuantities(next.shipments);
    next.lineItems = next.lineItems.map((l) => ({ ...l, fulfillmentStatus: lineFulfillment(l, shipped) }));
    next.fulfillmentStatus = deriveFulfillmentStatus(next.lineItems, next.shipments);
    return next;
  }

  private commit(cur: Order, next: Order): Order {
    const prev = changedTopLevel(cur as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>, ['version', 'updatedAt']);
    if (Object.keys(prev).length === 0) return cur;
    const updated: Order = { ...next, updatedAt: this.now().toISOString(), version: cur.version + 1 };
    this.idx.remove(cur);
    this.byId.set(cur.orderId, updated);
    this.idx.add(updated);
    prev.updatedAt = cur.updatedAt;
    this.events.emit('order.updated', updated, { previousAttributes: prev });
    if (updated.status === 'cancelled' && cur.status !== 'cancelled') this.events.emit('order.cancelled', updated);
    return updated;
  }

  /** Reserves stock; what cannot be reserved is reported as `quantityBackordered` on the line. */
  private allocate(o: Order): void {
    const allocs: Allocation[] = [];
    for (const l of o.lineItems) {
      if (l.requiresShipping === false) continue;
      const loc = this.catalog.allocationLocation(l.sku);
      if (!loc) continue;
      const level = this.catalog.inventory.get(l.sku)!.get(loc)!;
      const qty = Math.min(l.quantity, Math.max(0, level.available));
      if (qty < l.quantity) l.quantityBackordered = l.quantity - qty;
      if (qty === 0) continue;
      this.catalog.change(l.sku, loc, { allocated: qty }, 'order', { referenceId: o.orderId });
      allocs.push({ sku: l.sku, locationId: loc, qty });
    }
    this.allocations.set(o.orderId, allocs);
  }

  private release(orderId: string, reason: 'cancellation'): void {
    for (const a of this.allocations.get(orderId) ?? []) this.catalog.change(a.sku, a.locationId, { allocated: -a.qty }, reason, { referenceId: orderId });
    this.allocations.delete(orderId);
  }

  private consume(orderId: string): void {
    for (const a of this.allocations.get(orderId) ?? []) {
      this.catalog.change(a.sku, a.locationId, { onHand: -a.qty, allocated: -a.qty }, 'order', { referenceId: orderId, allowNegative: true });
    }
    this.allocations.delete(orderId);
  }
}

function setOpt<K extends 'notes' | 'purchaseOrderNumber' | 'metadata'>(o: Order, k: K, v: Order[K] | null): Order {
  const next = { ...o };
  if (v === null || v === undefined) delete next[k];
  else next[k] = v;
  return next;
}

