import type { ClarityClient } from '../clients/clarity';
import type { DataverseClient } from '../clients/dataverse';
import type { Config } from '../config';
import type { Store } from '../store/types';
import type { ControlCache } from './cache';

/** What the control routes get (built once in runtime.ts; tests build their own). */
export interface ControlDeps {
  config: Readonly<Config>;
  store: Store;
  dataverse: Pick<DataverseClient, 'queryAll'>;
  /** A Clarity client with the control's short timeout (CONTROL_CLARITY_TIMEOUT_MS), separate from the worker's. */
  clarity: Pick<ClarityClient, 'getCustomer' | 'listOrders' | 'getOrder' | 'listLoyaltyTransactions' | 'listReturns'>;
  /** Resync: how long the route waits for its job before answering `pending` (default 20 s). */
  resyncWaitMs?: number;
}

export interface RouteDeps extends ControlDeps {
  cache: ControlCache;
  timeoutMs: number;
}
