/**
 * Which SKUs exist as Dataverse products (`productnumber`, the alternate key order lines bind by). Every order
 * asks for its lines' SKUs; reading Dataverse each time would cost a request per order, so answers are kept per
 * deps object (one per process), like the price list and unit ids (price-list.ts):
 * - found: kept for `foundTtlMs` (15 min). A product deleted in Dynamics meanwhile makes the order's create fail
 *   with 404 `0x80060891` (§2.4); the order flow then forgets its SKUs, asks again and retries, so the order is
 *   written with a write-in line instead of being lost;
 * - not found: kept for `missingTtlMs` (1 min). A product added in Dynamics by hand shows within a minute; until
 *   then its lines are write-ins flagged for review (what happened before the cache too, for SKUs not in CRM);
 * - products the catalog flow wrote have a product link (in the store every instance shares): found without a
 *   request; those it writes while running are marked found at once (`rememberSkus`).
 * Lookups from concurrent jobs in the same turn of the event loop share one query per 25 SKUs.
 */
import type { FlowDeps } from '../deps';

/** Link entity for product ↔ product; clarityId is the SKU (the job record key is `sku:<sku>`). */
export const PRODUCT_LINK = 'product';

export const SKU_CACHE_TTL = Object.freeze({ foundMs: 15 * 60_000, missingMs: 60_000 });

/** SKUs per `$filter` (`productnumber eq … or …`): keeps the URL far below request-line limits. */
const FILTER_CHUNK = 25;
const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface Entry {
  found: boolean;
  until: number;
}

interface Cache {
  entries: Map<string, Entry>;
  /** SKUs asked for in this turn, answered together. */
  wanted: Map<string, { resolve: (found: boolean) => void; reject: (e: unknown) => void }[]>;
  scheduled: boolean;
}

const caches = new WeakMap<FlowDeps, Cache>();

function cacheOf(deps: FlowDeps): Cache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = { entries: new Map(), wanted: new Map(), scheduled: false }));
  return cache;
}

async function lookUp(deps: FlowDeps, cache: Cache): Promise<void> {
  cache.scheduled = false;
  const wanted = cache.wanted;
  cache.wanted = new Map();
  const skus = [...wanted.keys()];
  for (let i = 0; i < skus.length; i += FILTER_CHUNK) {
    const chunk = skus.slice(i, i + FILTER_CHUNK);
    try {
      const found = new Set<string>();
      const filter = chunk.map((s) => `productnumber eq ${odataString(s)}`).join(' or ');
      for await (const p of deps.dataverse.queryAll<{ productnumber: string }>('products', { select: ['productnumber'], filter })) found.add(p.productnumber);
      const now = deps.now().getTime();
      for (const sku of chunk) {
        const isFound = found.has(sku);
        cache.entries.set(sku, { found: isFound, until: now + (isFound ? SKU_CACHE_TTL.foundMs : SKU_CACHE_TTL.missingMs) });
        for (const w of wanted.get(sku) ?? []) w.resolve(isFound);
      }
    } catch (e) {
      for (const sku of chunk) for (const w of wanted.get(sku) ?? []) w.reject(e);
    }
  }
}

function ask(deps: FlowDeps, cache: Cache, sku: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const waiting = cache.wanted.get(sku);
    if (waiting) waiting.push({ resolve, reject });
    else cache.wanted.set(sku, [{ resolve, reject }]);
    if (!cache.scheduled) {
      cache.scheduled = true;
      setImmediate(() => void lookUp(deps, cache));
    }
  });
}

/** The SKUs among `skus` that are Dataverse products; `fresh` skips what is cached (after a create failed on one). */
export async function knownSkus(deps: FlowDeps, skus: readonly string[], options: { fresh?: boolean } = {}): Promise<Set<string>> {
  const cache = cacheOf(deps);
  const now = deps.now().getTime();
  const known = new Set<string>();
  const asked: Promise<void>[] = [];
  for (const sku of new Set(skus)) {
    const entry = options.fresh ? undefined : cache.entries.get(sku);
    if (entry && entry.until > now) {
      if (entry.found) known.add(sku);
      continue;
    }
    // A product the catalog flow wrote has a link (shared by every instance): no need to ask Dataverse.
    if (!options.fresh && (await deps.store.links.byClarity(PRODUCT_LINK, sku))) {
      cache.entries.set(sku, { found: true, until: now + SKU_CACHE_TTL.foundMs });
      known.add(sku);
      continue;
    }
    asked.push(ask(deps, cache, sku).then((found) => void (found && known.add(sku))));
  }
  await Promise.all(asked);
  return known;
}

/** SKUs the catalog flow (or the initial load) just wrote or read as products. */
export function rememberSkus(deps: FlowDeps, skus: Iterable<string>): void {
  const cache = cacheOf(deps);
  const until = deps.now().getTime() + SKU_CACHE_TTL.foundMs;
  for (const sku of skus) cache.entries.set(sku, { found: true, until });
}

/** Drops cached answers (a write that relied on them failed). */
export function forgetSkus(deps: FlowDeps, skus: Iterable<string>): void {
  const cache = cacheOf(deps);
  for (const sku of skus) cache.entries.delete(sku);
}
