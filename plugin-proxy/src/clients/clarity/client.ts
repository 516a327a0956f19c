/** A typed client for the Clarity `/api/v1` resources the connector uses (clarity-api.md §4.3). */
import { ConnectorError } from '../../errors';
import { ClarityTransport, type ClarityClientOptions, type ClarityStats } from './transport';
import type {
  Company, Customer, CustomerDraft, CustomerFilters, CustomerPatch, InventoryLevel, InventorySet, ListParams,
  LoyaltyTransaction, Order, OrderFilters, Page, Product, ProductFilters, ProductInventory, Return, ReturnFilters,
  Webhook, WebhookDraft,
} from './types';

export interface ClarityClient {
  getCustomer(customerId: string): Promise<Customer | undefined>;
  listCustomers(filters?: CustomerFilters): AsyncIterable<Customer>;
  /** `idempotencyKey` is required by the API (§4.11): derive it from the source record so a replay is safe. */
  createCustomer(draft: CustomerDraft, idempotencyKey: string): Promise<Customer>;
  /** Merge-patch; `ifMatch` is the customer `version` last read (412 → UPSTREAM_CONFLICT). */
  patchCustomer(customerId: string, patch: CustomerPatch, options?: { ifMatch?: number }): Promise<Customer>;
  /** Sets or clears the customer's B2B company (the Dynamics account side of the link). */
  patchCustomerCompany(customerId: string, company: Partial<Company> | null, options?: { ifMatch?: number }): Promise<Customer>;
  getOrder(orderId: string): Promise<Order | undefined>;
  listOrders(filters?: OrderFilters): AsyncIterable<Order>;
  getProduct(sku: string): Promise<Product | undefined>;
  listProducts(filters?: ProductFilters): AsyncIterable<Product>;
  getInventory(sku: string): Promise<ProductInventory | undefined>;
  /** Absolute set of on-hand quantity at a location; idempotent (§4.3). */
  putInventory(sku: string, level: InventorySet): Promise<InventoryLevel>;
  listLoyaltyTransactions(customerId: string, params?: ListParams): AsyncIterable<LoyaltyTransaction>;
  getReturn(returnId: string): Promise<Return | undefined>;
  listReturns(filters?: ReturnFilters): AsyncIterable<Return>;
  listWebhooks(params?: ListParams): AsyncIterable<Webhook>;
  /** The response carries `secret`, shown once (§4.3). */
  createWebhook(draft: WebhookDraft): Promise<Webhook>;
  /** Returns false when the subscription was already gone. */
  deleteWebhook(webhookId: string): Promise<boolean>;
  rotateWebhookSecret(webhookId: string): Promise<{ secret: string }>;
  stats(): ClarityStats;
  close(): Promise<void>;
}

const seg = (s: string) => encodeURIComponent(s);

function query(params: object | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const versionHeader = (ifMatch?: number) => (ifMatch === undefined ? undefined : { 'if-match': `"${ifMatch}"` });

export function createClarityClient(options: ClarityClientOptions): ClarityClient {
  const t = new ClarityTransport(options);

  const orUndefined = async <T>(p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch (e) {
      if (e instanceof ConnectorError && e.code === 'CONNECTOR_ERR_NOT_FOUND') return undefined;
      throw e;
    }
  };
  const get = <T>(path: string) => orUndefined(t.request<T>({ method: 'GET', path }));

  /**
   * Follows `pagination.nextCursor` (§4.8). Only `limit` and `cursor` go with later pages: the cursor already
   * encodes the first request's filters and sort, and different filters would get 400 cursor_filter_mismatch.
   */
  async function* list<T>(path: string, params?: ListParams & object): AsyncIterable<T> {
    let page = await t.request<Page<T>>({ method: 'GET', path: path + query(params) });
    for (;;) {
      yield* page.data;
      const cursor = page.pagination?.nextCursor;
      if (!cursor) return;
      page = await t.request<Page<T>>({ method: 'GET', path: path + query({ limit: params?.limit, cursor }) });
    }
  }

  const patchCustomer: ClarityClient['patchCustomer'] = (id, patch, o = {}) =>
    t.request<Customer>({ method: 'PATCH', path: `/customers/${seg(id)}`, body: patch, headers: versionHeader(o.ifMatch) });

  return {
    getCustomer: (id) => get<Customer>(`/customers/${seg(id)}`),
    listCustomers: (filters) => list<Customer>('/customers', filters),
    async createCustomer(draft, idempotencyKey) {
      if (!idempotencyKey || idempotencyKey.length > 255) {
        throw new ConnectorError('CONNECTOR_ERR_INTERNAL', 'createCustomer needs an Idempotency-Key of 1–255 characters (§4.11)', { classification: 'internal' });
      }
      return t.request<Customer>({ method: 'POST', path: '/customers', body: draft, headers: { 'idempotency-key': idempotencyKey } });
    },
    patchCustomer,
    patchCustomerCompany: (id, company, o) => patchCustomer(id, { company: company as Company | null }, o),
    getOrder: (id) => get<Order>(`/orders/${seg(id)}`),
    listOrders: (filters) => list<Order>('/orders', filters),
    getProduct: (sku) => get<Product>(`/products/${seg(sku)}`),
    listProducts: (filters) => list<Product>('/products', filters),
    getInventory: (sku) => get<ProductInventory>(`/products/${seg(sku)}/inventory`),
    putInventory: (sku, level) => t.request<InventoryLevel>({ method: 'PUT', path: `/products/${seg(sku)}/inventory`, body: level }),
    listLoyaltyTransactions: (id, params) => list<LoyaltyTransaction>(`/customers/${seg(id)}/loyalty/transactions`, params),
    getReturn: (id) => get<Return>(`/returns/${seg(id)}`),
    listReturns: (filters) => list<Return>('/returns', filters),
    listWebhooks: (params) => list<Webhook>('/webhooks', params),
    createWebhook: (draft) => t.request<Webhook>({ method: 'POST', path: '/webhooks', body: draft }),
    async deleteWebhook(id) {
      return (await orUndefined(t.request<undefined>({ method: 'DELETE', path: `/webhooks/${seg(id)}` }).then(() => true))) ?? false;
    },
    rotateWebhookSecret: (id) => t.request<{ secret: string }>({ method: 'POST', path: `/webhooks/${seg(id)}/rotate-secret` }),
    stats: () => t.stats(),
    close: () => t.close(),
  };
}
