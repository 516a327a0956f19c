import type { Handler } from '../../queue/worker';
import type { FlowDeps } from '../deps';
import { JOB_KINDS } from '../keys';
import type { ClarityProduct } from './mappers';
import { CATALOG_SYNC_CHECKPOINT } from './schedule';
import { syncCatalog, syncProduct } from './sync';

export { ensurePriceList, ensureUnits, priceListName, type PriceListRef, type UnitsRef } from './price-list';
export { applyProducts, syncCatalog, syncProduct, type ApplyProductsResult, type CatalogProgress } from './sync';
export { CATALOG_SYNC_CHECKPOINT, CATALOG_SYNC_KEY, enqueueCatalogSync, startCatalogSchedule, type CatalogSchedule } from './schedule';

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
    // The full sync: every Clarity product, and Dynamics read back so edits made there are repaired too.
    [JOB_KINDS.catalogSync]: async (job) => {
      const r = await syncCatalog(deps, { verify: true });
      const summary = { at: deps.now().toISOString(), jobId: job.id, processed: r.processed, created: r.created, updated: r.updated, repaired: r.repaired, unchanged: r.unchanged, pricesWritten: r.pricesWritten, failed: r.failed };
      await deps.store.checkpoints.set(CATALOG_SYNC_CHECKPOINT, summary);
      for (const f of r.failed) deps.logger.warn({ sku: f.sku, jobId: job.id }, `full catalog sync: product not synced: ${f.error}`);
      const failed = r.failed.length ? `, ${r.failed.length} failed (${r.failed.map((f) => f.sku).join(', ')})` : '';
      return { note: `full catalog sync: ${r.processed} products, ${r.created} created, ${r.updated} updated, ${r.repaired} repaired in Dynamics, ${r.pricesWritten} price list items written${failed}` };
    },
  };
}
