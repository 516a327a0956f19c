/** The ControlApi over HTTP: fetch + bearer token + timeout, errors mapped to ControlApiError kinds. */
import { ControlApiError, kindForStatus, type ControlApi } from './ControlApi';
import type { TokenProvider } from './tokenProvider';
import type { EntityName, LoyaltySummary, OrderDetails, OrdersPage, OrdersQuery } from './types';

export interface HttpControlApiOptions {
  /** Resolved lazily: inside Dynamics it comes from an environment variable read through the Web API. */
  baseUrl: () => Promise<string | null>;
  tokens: TokenProvider;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const ENTITY_SETS: Record<EntityName, string> = { contact: 'contacts', account: 'accounts' };

export function ordersPath(entity: EntityName, recordId: string, q: OrdersQuery): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'from', 'to', 'sort', 'limit', 'cursor'] as const) {
    const v = q[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  const qs = params.toString();
  return `/api/control/${ENTITY_SETS[entity]}/${encodeURIComponent(stripBraces(recordId))}/orders${qs ? `?${qs}` : ''}`;
}

/** Dataverse hands out ids as `{GUID}` in some places; the proxy wants the bare GUID. */
export function stripBraces(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}

export class HttpControlApi implements ControlApi {
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpControlApiOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 15000;
  }

  listOrders(entity: EntityName, recordId: string, query: OrdersQuery, signal?: AbortSignal): Promise<OrdersPage> {
    return this.get<OrdersPage>(ordersPath(entity, recordId, query), signal);
  }

  getOrder(orderId: string, signal?: AbortSignal): Promise<OrderDetails> {
    return this.get<OrderDetails>(`/api/control/orders/${encodeURIComponent(orderId)}`, signal);
  }

  getLoyalty(contactId: string, signal?: AbortSignal): Promise<LoyaltySummary> {
    return this.get<LoyaltySummary>(`/api/control/contacts/${encodeURIComponent(stripBraces(contactId))}/loyalty`, signal);
  }

  /** Present only when the token source can sign in interactively (MSAL), so the UI offers the button only then. */
  get signIn(): (() => Promise<void>) | undefined {
    const { tokens } = this.options;
    return tokens.signIn ? () => tokens.signIn!() : undefined;
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const base = await this.options.baseUrl();
    if (!base) throw new ControlApiError('notConfigured', 'The connector proxy URL is not configured (environment variable clar_ProxyBaseUrl)');
    const token = await this.options.tokens.getToken();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    try {
      let res: Response;
      try {
        res = await this.fetchFn(base.replace(/\/+$/, '') + path, {
          method: 'GET',
          headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
      } catch (err) {
        if (timedOut) throw new ControlApiError('timeout', `The connector proxy did not answer within ${this.timeoutMs} ms`);
        throw new ControlApiError('network', `Could not reach the connector proxy: ${(err as Error).message}`);
      }
      const body = (await res.json().catch(() => null)) as unknown;
      if (!res.ok) {
        const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
        throw new ControlApiError(kindForStatus(res.status, error?.code), error?.message ?? `HTTP ${res.status}`, res.status, error?.code);
      }
      if ((body as { linked?: boolean } | null)?.linked === false) throw new ControlApiError('notLinked', 'This record is not linked to a Clarity customer yet');
      return body as T;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
