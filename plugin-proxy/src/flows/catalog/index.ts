import type { Handler } from '../../queue/worker';
import type { FlowDeps } from '../deps';
import { JOB_KINDS } from '../keys';
import type { ClarityProduct } from './mappers';
import { syncProduct } from './sync';

export { ensurePriceList, ensureUnits, priceListName, type PriceListRef, type UnitsRef } from './price-list';
export { applyProducts, syncCatalog, syncProduct, type ApplyProductsResult, type CatalogProgress } from './sync';

/**
 * A `clarity.product` job: a Clarity `product.*` event envelope (Clarity's v1 contract lists no product
 * events, so these come only if a store adds them), or `{ sku }` from a resync. A summary without a price
 * (truncated or partial) is re-read from Clarity.
 */
interface ProductJob {
  id?: string;
  type?: string;
  sku?: string;
  data?: { object?: Partial<ClarityProduct> & { id?: string; truncated?: boolean } };
}

export function catalogHandlers(deps: FlowDeps): Record<string, Handler> {
  return {
    [JOB_KINDS.clarityProduct]: async (job) => {
      const payload = job.payload as ProductJob;
      const sent = payload.data?.object;
      const reason = payload.type ? `${payload.type} ${payload.id ?? ''}`.trim() : 'resync';
      const complete = sent && !sent.truncated && typeof sent.sku === 'string' && sent.price !== undefined && sent.version !== undefined;
      const sku = sent?.sku ?? payload.sku ?? job.recordKey.replace(/^sku:/, '');
      const product = complete ? (sent as ClarityProduct) : await deps.clarity.getProduct(sku);
      if (!product) return { skipped: true, note: `product ${sku} no longer exists in Clarity (${reason})` };
      return syncProduct(deps, product, reason);
    },
  };
}
