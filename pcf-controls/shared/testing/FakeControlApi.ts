/** In-memory ControlApi for tests and the preview: same filters, sort and cursor semantics as the proxy. */
import { ControlApiError, type ControlApi, type ControlErrorKind } from '../ControlApi';
import type { EntityName, LoyaltySummary, OrderDetails, OrderSummary, OrdersPage, OrdersQuery } from '../types';

export interface FakeCall {
  method: 'listOrders' | 'getOrder' | 'getLoyalty';
  args: unknown[];
}

export class FakeControlApi implements ControlApi {
  readonly calls: FakeCall[] = [];
  orders: OrderSummary[] = [];
  details = new Map<string, OrderDetails>();
  loyalty: LoyaltySummary | null = null;
  linked = true;
  /** Set it to offer interactive sign-in (the MSAL pop-up) as the HTTP api does. */
  signIn?: () => Promise<void>;
  /** The next N calls fail with this kind (then calls succeed again). */
  private failures: { kind: ControlErrorKind; times: number } | null = null;
  /** When set, calls wait for `release()` so a test can observe the loading state. */
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  failNext(kind: ControlErrorKind, times = 1): this {
    this.failures = { kind, times };
    return this;
  }

  hold(): this {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    this.gate = { promise, open };
    return this;
  }

  release(): void {
    this.gate?.open();
    this.gate = null;
  }

  async listOrders(entity: EntityName, recordId: string, q: OrdersQuery): Promise<OrdersPage> {
    await this.enter('listOrders', [entity, recordId, q]);
    if (!this.linked) throw new ControlApiError('notLinked', 'not linked', 404);
    const dir = q.sort === 'createdAt' ? 1 : -1;
    const all = this.orders
      .filter((o) => !q.status || o.status === q.status)
      .filter((o) => !q.from || o.createdAt >= q.from)
      .filter((o) => !q.to || o.createdAt < q.to)
      .sort((a, b) => dir * a.createdAt.localeCompare(b.createdAt));
    const offset = q.cursor ? Number(q.cursor) : 0;
    const limit = q.limit ?? 25;
    const orders = all.slice(offset, offset + limit);
    return { linked: true, orders, nextCursor: offset + limit < all.length ? String(offset + limit) : null };
  }

  async getOrder(orderId: string): Promise<OrderDetails> {
    await this.enter('getOrder', [orderId]);
    const d = this.details.get(orderId);
    if (!d) throw new ControlApiError('notLinked', 'no such order', 404);
    return d;
  }

  async getLoyalty(contactId: string): Promise<LoyaltySummary> {
    await this.enter('getLoyalty', [contactId]);
    if (!this.linked || !this.loyalty) throw new ControlApiError('notLinked', 'not linked', 404);
    return this.loyalty;
  }

  private async enter(method: FakeCall['method'], args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    if (this.gate) await this.gate.promise;
    if (this.failures && this.failures.times > 0) {
      this.failures.times -= 1;
      const { kind } = this.failures;
      if (this.failures.times === 0) this.failures = null;
      throw new ControlApiError(kind, `fake ${kind}`);
    }
  }
}

/** Deterministic sample orders, newest first by index. */
export function sampleOrders(n: number, start = Date.UTC(2026, 10, 1)): OrderSummary[] {
  const statuses = ['completed', 'shipped', 'processing', 'cancelled'];
  return Array.from({ length: n }, (_, i) => ({
    orderId: `ord_${String(i + 1).padStart(4, '0')}`,
    orderNumber: `CL-${100000 + i + 1}`,
    createdAt: new Date(start - i * 86_400_000).toISOString(),
    status: statuses[i % statuses.length]!,
    paymentStatus: 'paid',
    fulfillmentStatus: i % 4 === 1 ? 'fulfilled' : 'unfulfilled',
    itemCount: (i % 5) + 1,
    total: (19.99 * ((i % 7) + 1)).toFixed(2),
    currency: i % 3 === 0 ? 'EUR' : 'USD',
  }));
}

export function sampleDetails(o: OrderSummary): OrderDetails {
  return {
    ...o,
    lines: [{ sku: 'SKU-1', name: 'Trail shoe', quantity: o.itemCount, unitPrice: '19.99', lineTotal: o.total }],
    shipments: [{ shipmentId: 'shp_1', status: 'in_transit', carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://track.example.com/1Z999' }],
    payments: [{ paymentId: 'pay_1', method: 'card', amount: o.total, status: 'captured', currency: o.currency }],
    returns: [{ returnId: 'ret_1', returnNumber: 'R-1', status: 'requested', reason: 'too small', refundAmount: '19.99', currency: o.currency, createdAt: o.createdAt }],
  };
}
