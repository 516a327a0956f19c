/** What the controls need from the connector proxy. Components depend on this interface only. */
import type { EntityName, LoyaltySummary, OrderDetails, OrdersPage, OrdersQuery } from './types';

export interface ControlApi {
  listOrders(entity: EntityName, recordId: string, query: OrdersQuery, signal?: AbortSignal): Promise<OrdersPage>;
  getOrder(orderId: string, signal?: AbortSignal): Promise<OrderDetails>;
  getLoyalty(contactId: string, signal?: AbortSignal): Promise<LoyaltySummary>;
  /**
   * Interactive sign-in (a pop-up), present when the token source can do one. Call it straight from a click
   * handler, or the browser blocks the pop-up; afterwards retry the call that failed with `signInRequired`.
   */
  signIn?(): Promise<void>;
}

/**
 * Expected failures, as a small closed set the components render differently:
 * - notLinked: the record has no Clarity customer (404, or `linked: false`);
 * - unavailable: Clarity is down or throttling (503 / CONNECTOR_ERR_TRANSIENT), worth a retry later;
 * - unauthorized / forbidden: 401 / 403 from the proxy (token missing, expired or not allowed);
 * - signInRequired: no token without the user (single sign-on needs an interactive sign-in: `signIn()`);
 * - notConfigured: no proxy URL (environment variable and input both empty) or no token source;
 * - timeout / network / unknown: anything else.
 */
export type ControlErrorKind =
  | 'notLinked'
  | 'unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'signInRequired'
  | 'notConfigured'
  | 'timeout'
  | 'network'
  | 'unknown';

export class ControlApiError extends Error {
  constructor(
    readonly kind: ControlErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ControlApiError';
  }
}

export function errorKindOf(err: unknown): ControlErrorKind {
  return err instanceof ControlApiError ? err.kind : 'unknown';
}

/** Map an HTTP status and the proxy's `{ error: { code } }` body to an error kind. */
export function kindForStatus(status: number, code?: string): ControlErrorKind {
  if (code === 'CONNECTOR_ERR_TRANSIENT' || status === 503 || status === 429) return 'unavailable';
  if (status === 404) return 'notLinked';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  return 'unknown';
}
