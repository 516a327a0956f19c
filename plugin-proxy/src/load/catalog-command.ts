/**
 * `npm run catalog-sync`: the full catalog sync on demand. By default it runs here, with progress; with
 * `--enqueue` it hands one `catalog.sync` job to the running proxies' queue instead (the same job the schedule
 * enqueues, on the same record key, so it never runs alongside a scheduled one).
 */
import { CATALOG_SYNC_KEY, syncCatalog } from '../flows/catalog';
import type { FlowDeps } from '../flows/deps';
import { JOB_KINDS } from '../flows/keys';

export async function runCatalogCommand(deps: FlowDeps, options: { enqueue?: boolean; out?: (line: string) => void }): Promise<{ failed: number }> {
  const out = options.out ?? ((line: string) => console.log(line));
  if (options.enqueue) {
    const at = deps.now().toISOString();
    const { id } = await deps.store.jobs.enqueue({ kind: JOB_KINDS.catalogSync, recordKey: CATALOG_SYNC_KEY, idempotencyKey: `catalog-sync:manual:${at}`, source: 'admin', payload: { requestedAt: at } });
    out(`full catalog sync queued as job ${id}: GET /admin/jobs/${id} shows how it ends`);
    return { failed: 0 };
  }
  const r = await syncCatalog(deps, { verify: true, onProgress: (p) => out(`products ${p.processed}: ${p.created} created, ${p.updated} updated, ${p.repaired} repaired, ${p.unchanged} unchanged`) });
  for (const f of r.failed) out(`  failed ${f.sku}: ${f.error}`);
  out(`full catalog sync: ${r.processed} products, ${r.created} created, ${r.updated} updated, ${r.repaired} repaired in Dynamics, ${r.pricesWritten} price list items written, ${r.failed.length} failed`);
  return { failed: r.failed.length };
}
