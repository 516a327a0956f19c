/** Secondary indexes over orders: by customer, by lower-cased email, and the two sort orders. */
import { SortedIndex, type Entry } from '../domain/sorted-index';
import type { Walk } from '../http/list';
import type { Order } from '../types';

const ms = (iso: string) => Date.parse(iso);

export class OrderIndexes {
  private byCustomer = new Map<string, Set<string>>();
  private byEmail = new Map<string, Set<string>>();
  private updatedIdx = new SortedIndex();
  private createdIdx = new SortedIndex();

  customerIds(customerId: string): ReadonlySet<string> { return this.byCustomer.get(customerId) ?? new Set(); }

  load(orders: Order[]): void {
    for (const o of orders) this.addLookups(o);
    this.updatedIdx.load(orders.map((o) => ({ t: ms(o.updatedAt), id: o.orderId })));
    this.createdIdx.load(orders.map((o) => ({ t: ms(o.createdAt), id: o.orderId })));
  }

  add(o: Order): void {
    this.addLookups(o);
    this.updatedIdx.insert({ t: ms(o.updatedAt), id: o.orderId });
    this.createdIdx.insert({ t: ms(o.createdAt), id: o.orderId });
  }

  remove(o: Order): void {
    if (o.customerId) this.byCustomer.get(o.customerId)?.delete(o.orderId);
    this.byEmail.get(o.email.toLowerCase())?.delete(o.orderId);
    this.updatedIdx.remove({ t: ms(o.updatedAt), id: o.orderId });
    this.createdIdx.remove({ t: ms(o.createdAt), id: o.orderId });
  }

  walk(f: Record<string, string>, desc: boolean, get: (id: string) => Order | undefined): Walk<Order> {
    const bound = (k: string) => (f[k] ? ms(f[k]) : undefined);
    const [uMin, uMax, cMin, cMax] = [bound('updatedAtMin'), bound('updatedAtMax'), bound('createdAtMin'), bound('createdAtMax')];
    const pick = (id: string): Order | undefined => {
      const o = get(id);
      if (!o) return undefined;
      if (f.status && o.status !== f.status) return undefined;
      if (f.paymentStatus && o.paymentStatus !== f.paymentStatus) return undefined;
      if (f.customerId && o.customerId !== f.customerId) return undefined;
      if (f.email && o.email.toLowerCase() !== f.email.toLowerCase()) return undefined;
      const u = ms(o.updatedAt), c = ms(o.createdAt);
      if ((uMin !== undefined && u < uMin) || (uMax !== undefined && u >= uMax)) return undefined;
      if ((cMin !== undefined && c < cMin) || (cMax !== undefined && c >= cMax)) return undefined;
      return o;
    };
    const key = (o: Order): Entry => ({ t: ms(desc ? o.createdAt : o.updatedAt), id: o.orderId });
    // A customer's or an email's orders are few: sort that subset once per query.
    const subset = f.customerId ? this.byCustomer.get(f.customerId) : f.email ? this.byEmail.get(f.email.toLowerCase()) : undefined;
    if (subset !== undefined || f.customerId || f.email) {
      const es = [...(subset ?? [])].map((id) => get(id)).filter((o): o is Order => !!o).map(key);
      return { index: SortedIndex.from(es), desc, pick };
    }
    if (desc) return { index: this.createdIdx, desc, pick };
    return { index: this.updatedIdx, desc, pick, fromT: uMin, stopAtT: uMax };
  }

  private addLookups(o: Order): void {
    if (o.customerId) add(this.byCustomer, o.customerId, o.orderId);
    add(this.byEmail, o.email.toLowerCase(), o.orderId);
  }
}

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k) ?? new Set<string>();
  s.add(v);
  m.set(k, s);
}
