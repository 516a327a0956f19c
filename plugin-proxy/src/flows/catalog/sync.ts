/**
 * Clarity products → Dataverse products and price list items (Clarity is the catalogue's master; nothing is
 * written back). One code path for one product (a `clarity.product` job) and for batches (the initial load
 * and the scheduled full sync), so both skip unchanged products the same way: by the hash of everything the
 * flow would write, kept on the product link.
 */
import { alternateKey, type Row } from '../../clients/dataverse';
import { ConnectorError } from '../../errors';
import type { HandlerResult } from '../../queue/worker';
import type { Link } from '../../store/types';
import type { FlowDeps } from '../deps';
import { planProduct, pricesOf, priceItemChanges, PRODUCT_MAPPING, readPriceItem, type ClarityProduct, type ExistingPriceItem, type ProductPlan } from './mappers';
import { chunks, driftedSkus, FILTER_CHUNK, quoted } from './drift';
import { PRODUCT_LINK, rememberSkus } from './known-skus';
import { ensurePriceList, ensureUnits, type UnitsRef } from './price-list';

export { PRODUCT_LINK };

export interface ApplyProductsResult {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  /** Unchanged in Clarity but edited in Dynamics since (found with `verify`), and written back. */
  repaired: number;
  /** Price list items created or whose amount changed. */
  pricesWritten: number;
}

interface Pending {
  plan: ProductPlan;
  link: Link | undefined;
  repair?: boolean;
}

export interface ApplyOptions {
  /** Write every product, whatever the link hashes say. */
  force?: boolean;
  /** Also read Dataverse for products the hashes call unchanged, and rewrite those edited there (the full sync). */
  verify?: boolean;
}


async function planFor(deps: FlowDeps, product: ClarityProduct, units: UnitsRef): Promise<ProductPlan> {
  const mapped = deps.mappings.get(PRODUCT_MAPPING).apply(product).values;
  // The product's own currency must exist in Dataverse (its price is in it); an extra `metadata.price<CUR>` in a
  // currency the org does not have is left out with a warning rather than failing the product.
  const own = await ensurePriceList(deps, product.currency);
  const items: { pricelevelid: string; amount: number }[] = [];
  for (const price of pricesOf(product)) {
    try {
      items.push({ pricelevelid: (await ensurePriceList(deps, price.currency)).pricelevelid, amount: price.amount });
    } catch (e) {
      if (!(e instanceof ConnectorError && e.code === 'CONNECTOR_ERR_VALIDATION')) throw e;
      deps.logger.warn({ sku: product.sku, currency: price.currency }, `no ${price.currency} price list item: ${e.message}`);
    }
  }
  return planProduct(product.sku, product.version, mapped, units, own.transactioncurrencyid, items);
}

/** Writes what changed for a batch of products (any size; syncCatalog passes ≤ 100). */
export async function applyProducts(deps: FlowDeps, products: readonly ClarityProduct[], options: ApplyOptions = {}): Promise<ApplyProductsResult> {
  const result: ApplyProductsResult = { created: 0, updated: 0, unchanged: 0, stale: 0, repaired: 0, pricesWritten: 0 };
  const units = await ensureUnits(deps);
  const pending: Pending[] = [];
  const same: Pending[] = [];
  for (const product of products) {
    const link = await deps.store.links.byClarity(PRODUCT_LINK, product.sku);
    // A product read earlier than the one already applied (an event delivered late) has nothing new.
    if (!options.force && link?.clarityVersion != null && product.version < link.clarityVersion) {
      result.stale += 1;
      continue;
    }
    const plan = await planFor(deps, product, units);
    (!options.force && link?.hashToDataverse === plan.hash ? same : pending).push({ plan, link });
  }
  const drifted = options.verify ? await driftedSkus(deps, same.map((p) => p.plan), units) : new Set<string>();
  for (const p of same) {
    if (drifted.has(p.plan.sku)) pending.push({ ...p, repair: true });
    else result.unchanged += 1;
  }
  if (pending.length === 0) return result;

  // 1. Products, by SKU (alternate key clar_product_productnumber).
  const rows = new Map<string, { productid: string; statecode: number | undefined }>();
  const only = pending.length === 1 ? pending[0] : undefined;
  if (only) {
    const res = await deps.dataverse.upsert('products', alternateKey({ productnumber: only.plan.sku }), only.plan.body, { returnRepresentation: true });
    rows.set(only.plan.sku, { productid: String(res.row?.productid ?? res.id).toLowerCase(), statecode: res.row?.statecode as number | undefined });
  } else {
    await deps.dataverse.upsertMultiple('products', pending.map((p) => p.plan.body));
    for (const group of chunks(pending, FILTER_CHUNK)) {
      const page = await deps.dataverse.query<{ productid: string; productnumber: string; statecode?: number }>('products', {
        select: ['productid', 'productnumber', 'statecode'],
        filter: group.map((p) => `productnumber eq ${quoted(p.plan.sku)}`).join(' or '),
      });
      for (const r of page.value) rows.set(r.productnumber, { productid: r.productid.toLowerCase(), statecode: r.statecode });
    }
  }

  // 2. State: not valid on create, so a new or changed product gets it in its own write when it differs.
  // (A real org may create API products as Draft; setting statecode 0 here stands for publishing them.)
  for (const { plan } of pending) {
    const row = rows.get(plan.sku);
    if (!row) throw new Error(`product ${plan.sku} was upserted but cannot be read back`);
    if (row.statecode !== plan.state.statecode) await deps.dataverse.update('products', row.productid, plan.state, { ifMatch: '*' });
  }

  // 3. Price list items: one per (price list, product, unit), amount kept equal to Clarity's price.
  const existing: ExistingPriceItem[] = [];
  for (const group of chunks(pending, FILTER_CHUNK)) {
    const filter = group.map((p) => `_productid_value eq ${rows.get(p.plan.sku)?.productid}`).join(' or ');
    for await (const item of deps.dataverse.queryAll('productpricelevels', {
      select: ['productpricelevelid', '_productid_value', '_pricelevelid_value', '_uomid_value', 'amount'],
      filter,
    }))
      existing.push(readPriceItem(item));
  }
  const creates: Row[] = [];
  const updates: Row[] = [];
  for (const { plan } of pending) {
    const changes = priceItemChanges((rows.get(plan.sku) as { productid: string }).productid, plan.prices, existing, units);
    creates.push(...changes.create);
    updates.push(...changes.update);
  }
  if (creates.length === 1) await deps.dataverse.create('productpricelevels', creates[0] as Row);
  else if (creates.length > 1) await deps.dataverse.createMultiple('productpricelevels', creates);
  if (updates.length === 1) {
    const { productpricelevelid, ...body } = updates[0] as Row;
    await deps.dataverse.update('productpricelevels', String(productpricelevelid), body, { ifMatch: '*' });
  } else if (updates.length > 1) await deps.dataverse.upsertMultiple('productpricelevels', updates);
  result.pricesWritten += creates.length + updates.length;

  // 4. Links last: a failure above leaves the old hash, so the retry writes again.
  rememberSkus(deps, pending.map((p) => p.plan.sku));
  for (const { plan, link, repair } of pending) {
    const productid = (rows.get(plan.sku) as { productid: string }).productid;
    await deps.store.links.save({
      entity: PRODUCT_LINK,
      clarityId: plan.sku,
      dataverseTable: 'product',
      dataverseId: productid,
      hashToDataverse: plan.hash,
      hashToClarity: null,
      snapshot: { prices: plan.prices },
      clarityVersion: plan.version,
      dataverseVersion: null,
    });
    if (repair) result.repaired += 1;
    else if (link) result.updated += 1;
    else result.created += 1;
  }
  return result;
}

/** One product (a `clarity.product` job, or after a change read from Clarity). */
export async function syncProduct(deps: FlowDeps, product: ClarityProduct, reason = 'sync', force = false): Promise<HandlerResult> {
  const r = await applyProducts(deps, [product], { force });
  if (r.stale) return { skipped: true, note: `stale: version ${product.version} is older than the one applied (${reason})` };
  if (r.unchanged) return { skipped: true, note: `unchanged (${reason})` };
  const prices = r.pricesWritten ? `, ${r.pricesWritten} price list item(s) written` : '';
  return { note: `product ${product.sku} ${r.created ? 'created' : 'updated'}${prices} (${reason})` };
}

export interface CatalogProgress extends ApplyProductsResult {
  processed: number;
  /** Products Dataverse refused (validation), each with its reason; the others were synced. */
  failed: { sku: string; error: string }[];
}

const COUNTS = ['created', 'updated', 'unchanged', 'stale', 'repaired', 'pricesWritten'] as const;

/** Every Clarity product, in batches: the initial load and the scheduled full sync (`verify`). */
export async function syncCatalog(
  deps: FlowDeps,
  options: ApplyOptions & { onProgress?: (p: CatalogProgress) => void; batchSize?: number } = {},
): Promise<CatalogProgress> {
  const size = options.batchSize ?? 100;
  const apply: ApplyOptions = { force: options.force, verify: options.verify };
  const total: CatalogProgress = { processed: 0, created: 0, updated: 0, unchanged: 0, stale: 0, repaired: 0, pricesWritten: 0, failed: [] };
  let batch: ClarityProduct[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    let r: ApplyProductsResult;
    try {
      r = await applyProducts(deps, batch, apply);
    } catch (e) {
      // UpsertMultiple is one transaction: one product Dataverse refuses fails its whole batch. Retry the batch
      // one product at a time so the others still sync and each refusal is reported with its SKU.
      if (!(e instanceof ConnectorError) || e.code !== 'CONNECTOR_ERR_VALIDATION') throw e;
      r = { created: 0, updated: 0, unchanged: 0, stale: 0, repaired: 0, pricesWritten: 0 };
      for (const product of batch) {
        try {
          const one = await applyProducts(deps, [product], apply);
          for (const k of COUNTS) r[k] += one[k];
        } catch (err) {
          if (!(err instanceof ConnectorError) || err.code !== 'CONNECTOR_ERR_VALIDATION') throw err;
          total.failed.push({ sku: product.sku, error: err.message });
        }
      }
    }
    total.processed += batch.length;
    for (const k of COUNTS) total[k] += r[k];
    batch = [];
    options.onProgress?.({ ...total, failed: [...total.failed] });
  };
  for await (const product of deps.clarity.listProducts()) {
    batch.push(product);
    if (batch.length >= size) await flush();
  }
  await flush();
  return total;
}
