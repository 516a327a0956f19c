/**
 * The emulator's whole state. Routes are thin HTTP adapters over these methods; tests and the
 * launcher use the same methods (and `seed`) directly.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedOptions } from '../options';
import type { ClarityDataset, ClarityEvent, Return } from '../types';
import { WebhookDispatcher } from '../webhooks/dispatcher';
import { SubscriptionStore } from '../webhooks/subscriptions';
import { CatalogStore } from './catalog';
import { CustomerStore } from './customers';
import { EventLog } from './events';
import { newId } from './ids';
import { OrderStore } from './orders';

export class ClarityState {
  readonly events: EventLog;
  readonly customers: CustomerStore;
  readonly catalog: CatalogStore;
  readonly orders: OrderStore;
  readonly webhooks: SubscriptionStore;
  readonly dispatcher: WebhookDispatcher;

  constructor(readonly options: ResolvedOptions, log: FastifyBaseLogger) {
    this.events = new EventLog(options.now, options.storeId);
    this.customers = new CustomerStore(this.events, options.now);
    this.catalog = new CatalogStore(this.events, options.now);
    this.orders = new OrderStore(this.events, options.now, this.catalog, this.customers);
    this.webhooks = new SubscriptionStore(options.now, options.allowInsecureWebhookUrls);
    this.dispatcher = new WebhookDispatcher(this.webhooks, options, log);
    this.events.onEvent((e) => this.dispatcher.publish(e));
  }

  /** Bulk load without events or webhooks; records with an existing id replace the old one. */
  seed(d: ClarityDataset): void {
    this.catalog.products.load(d.products ?? []);
    this.catalog.seedInventory(d.inventory ?? [], d.locations ?? []);
    this.customers.seed(d.customers ?? [], d.loyaltyTransactions ?? []);
    this.orders.seed(d.orders ?? []);
    this.catalog.returns.load(d.returns ?? []);
    this.catalog.promotions.load(d.promotions ?? []);
  }

  /** Returns are read-only over the API; the launcher and tests open them here (emits `return.created`). */
  createReturn(r: Omit<Return, 'returnId' | 'createdAt' | 'updatedAt' | 'version'> & { returnId?: string }): Return {
    this.orders.require(r.orderId);
    const at = this.options.now().toISOString();
    const ret: Return = { ...r, returnId: r.returnId ?? newId('ret'), createdAt: at, updatedAt: at, version: 1 };
    this.catalog.returns.load([ret]);
    this.events.emit('return.created', ret);
    return ret;
  }

  /** Events logged so far, oldest first (for tests; `GET /events` pages the same log). */
  eventLog(): ClarityEvent[] {
    return [...this.events.index.walk(false)].map((e) => this.events.byId.get(e.id)!);
  }

  counts(): Record<string, number> {
    return {
      customers: this.customers.byId.size, orders: this.orders.byId.size, products: this.catalog.products.byId.size,
      returns: this.catalog.returns.byId.size, promotions: this.catalog.promotions.byId.size,
      webhooks: this.webhooks.byId.size, events: this.events.byId.size,
    };
  }
}
