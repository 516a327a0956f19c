/**
 * Reconcile (design.md "Backfill / reconcile"): finds customer drift that no webhook reported and repairs it
 * through the customer flow, whose three-way merge decides each field. Clarity side: customers updated since
 * the last high-water mark minus 5 minutes (clarity-api.md §4.8 recipe). Dataverse side: contacts changed since
 * the stored delta link (dataverse-webapi.md §8; the first run reads every contact), compared with the link's
 * snapshot so the connector's own writes are not mistaken for drift. Returns: status changes Clarity announces
 * no event for (reconcile-returns.ts).
 */
import type { Row } from '../clients/dataverse';
import { applyContactToClarity, applyCustomerToDataverse } from '../flows/customer';
import { canonicalFields, contactColumns } from '../flows/customer/canonical';
import { MAPPINGS } from '../flows/customer/deps';
import type { FlowDeps } from '../flows/deps';
import { canonicalEqual } from '../mapping';
import { readPosition } from './checkpoint';
import { reconcileReturns } from './reconcile-returns';

export const RECONCILE_CHECKPOINTS = { clarity: 'reconcile:customers', delta: 'reconcile:contacts-delta' } as const;
/** Clarity's recipe overlaps each run by 5 minutes: clocks and in-flight transactions may commit late. */
export const OVERLAP_MS = 5 * 60_000;

export interface ReconcileOptions {
  /** Clarity customers updated at or after this instant (default: last high-water mark − 5 min). */
  since?: Date;
}

export interface ReconcileSummary {
  clarity: { checked: number; repaired: number };
  dataverse: { checked: number; repaired: number };
  /** Clarity returns changed since the last run, applied to their cases (reconcile-returns.ts). */
  returns: { checked: number; repaired: number };
  failed: { side: 'clarity' | 'dataverse' | 'returns'; id: string; error: string }[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** True when the contact's mapped columns differ from what the connector last synced. */
function drifted(row: Row, snapshot: Record<string, unknown> | null, fields: readonly string[]): boolean {
  if (!snapshot) return true;
  return fields.some((f) => !canonicalEqual(row[f] ?? null, snapshot[f] ?? null));
}

async function clarityStart(deps: FlowDeps, since: Date | undefined): Promise<string | undefined> {
  if (since) return since.toISOString();
  const saved = (await deps.store.checkpoints.get(RECONCILE_CHECKPOINTS.clarity)) as { highWater?: string } | null | undefined;
  const mark = saved?.highWater ?? (await readPosition(deps.store, 'customers'))?.updatedAt;
  return mark ? new Date(Date.parse(mark) - OVERLAP_MS).toISOString() : undefined;
}

export async function runReconcile(deps: FlowDeps, options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { clarity: { checked: 0, repaired: 0 }, dataverse: { checked: 0, repaired: 0 }, returns: { checked: 0, repaired: 0 }, failed: [] };

  // 1. Clarity → Dataverse: every customer changed since the mark, compared in full by the flow (force).
  const updatedAtMin = await clarityStart(deps, options.since);
  let highWater: string | undefined;
  for await (const c of deps.clarity.listCustomers({ limit: 250, sort: 'updatedAt', ...(updatedAtMin ? { updatedAtMin } : {}) })) {
    summary.clarity.checked += 1;
    if (!highWater || Date.parse(c.updatedAt) > Date.parse(highWater)) highWater = c.updatedAt;
    try {
      const r = await applyCustomerToDataverse(deps, c, 'reconcile', true);
      if (!r?.skipped) summary.clarity.repaired += 1;
    } catch (e) {
      summary.failed.push({ side: 'clarity', id: c.customerId, error: message(e) });
    }
  }
  if (highWater) await deps.store.checkpoints.set(RECONCILE_CHECKPOINTS.clarity, { highWater });

  // 2. Dataverse → Clarity: contacts changed since the delta link whose values are not what was last synced.
  const policies = canonicalFields(deps.mappings.get(MAPPINGS.customerToContact));
  const fields = Object.keys(policies);
  const deltaLink = (await deps.store.checkpoints.get(RECONCILE_CHECKPOINTS.delta)) as string | null | undefined;
  const changes = await deps.dataverse.changes('contacts', { select: contactColumns(policies), ...(deltaLink ? { deltaLink } : {}) });
  for (const row of changes.value) {
    if (row.reason === 'deleted' || typeof row.contactid !== 'string') continue;
    summary.dataverse.checked += 1;
    const link = await deps.store.links.byDataverse('customer', row.contactid);
    // Contacts never synced and without a Clarity id are CRM-only: the contact flow decides when they qualify.
    if (link && !drifted(row, link.snapshot, fields)) continue;
    if (!link && !row.clar_clarityid) continue;
    try {
      const r = await applyContactToClarity(deps, row.contactid, 'reconcile');
      if (!r?.skipped) summary.dataverse.repaired += 1;
    } catch (e) {
      summary.failed.push({ side: 'dataverse', id: row.contactid, error: message(e) });
    }
  }
  // Saved only after every repair: a failed run re-reads the same changes next time.
  if (summary.failed.length === 0) await deps.store.checkpoints.set(RECONCILE_CHECKPOINTS.delta, changes.deltaLink);

  // 3. Returns whose status moved on in Clarity (no webhook announces that in v1).
  const returns = await reconcileReturns(deps, options.since, OVERLAP_MS);
  summary.returns = { checked: returns.checked, repaired: returns.repaired };
  for (const f of returns.failed) summary.failed.push({ side: 'returns', ...f });
  return summary;
}
