/**
 * Orders of one or more Clarity customers for the OrderHistory control: fetched with Clarity's own filters,
 * merged (an account has several customers), sorted and paged with our cursor. The merged list is cached,
 * so following `nextCursor` pages through one consistent snapshot without asking Clarity again.
 */
import type { ClarityClient, Order } from '../clients/clarity';
import type { ControlCache } from './cache';
import { decodeCursor, encodeCursor, filterFingerprint, type OrdersQuery } from './params';
import { withDeadline } from './upstream';
import { orderSummary, type OrderSummary } from './views';

/** A history longer than this shows its newest (or oldest) orders only; a CRM form is no data export. */
const MAX_ORDERS = 1000;

export interface OrdersPage {
  linked: boolean;
  orders: OrderSummary[];
  nextCursor: string | null;
}

export interface OrdersListDeps {
  clarity: Pick<ClarityClient, 'listOrders'>;
  cache: ControlCache;
  timeoutMs: number;
}

async function collect(clarity: OrdersListDeps['clarity'], customerIds: readonly string[], q: OrdersQuery): Promise<OrderSummary[]> {
  const all: OrderSummary[] = [];
  for (const customerId of customerIds) {
    let n = 0;
    for await (const o of clarity.listOrders({ customerId, status: q.status, createdAtMin: q.from, createdAtMax: q.to, sort: '-createdAt', limit: 100 }) as AsyncIterable<Order>) {
      all.push(orderSummary(o));
      if (++n >= MAX_ORDERS) break;
    }
  }
  const dir = q.sort === 'createdAt' ? 1 : -1;
  all.sort((a, b) => dir * (Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0)));
  return all.slice(0, MAX_ORDERS);
}

export async function listOrdersPage(deps: OrdersListDeps, scope: string, customerIds: readonly string[], q: OrdersQuery): Promise<OrdersPage> {
  const fingerprint = filterFingerprint(scope, q);
  const offset = decodeCursor(q.cursor, fingerprint);
  if (customerIds.length === 0) return { linked: false, orders: [], nextCursor: null };
  const key = `orders:${scope}:${[...customerIds].sort().join(',')}:${fingerprint}`;
  const all = await deps.cache.get(key, () => withDeadline('Clarity', deps.timeoutMs, () => collect(deps.clarity, customerIds, q)));
  const orders = all.slice(offset, offset + q.limit);
  const next = offset + orders.length;
  return { linked: true, orders, nextCursor: next < all.length ? encodeCursor(next, fingerprint) : null };
}
