/**
 * Returns in the reconcile: Clarity's v1 webhooks announce a return only once (`return.created`, clarity-api.md
 * §4.7), so a later status change — approved, received, refunded, rejected — reaches its case by polling
 * `GET /returns?updatedAtMin=` from the last high-water mark minus the overlap (the §4.8 recipe). Each changed
 * return goes through the returns flow, which skips what it already applied (version, content hash) and leaves a
 * case closed in Dynamics alone.
 */
import type { FlowDeps } from '../flows/deps';
import { applyReturnToDataverse } from '../flows/returns';

export const RETURNS_CHECKPOINT = 'reconcile:returns';

export interface ReturnsReconcile {
  checked: number;
  repaired: number;
  failed: { id: string; error: string }[];
}

export async function reconcileReturns(deps: FlowDeps, since: Date | undefined, overlapMs: number): Promise<ReturnsReconcile> {
  const out: ReturnsReconcile = { checked: 0, repaired: 0, failed: [] };
  const saved = (await deps.store.checkpoints.get(RETURNS_CHECKPOINT)) as { highWater?: string } | null | undefined;
  const start = since ?? (saved?.highWater ? new Date(Date.parse(saved.highWater) - overlapMs) : undefined);
  let highWater = saved?.highWater;
  for await (const ret of deps.clarity.listReturns({ limit: 250, sort: 'updatedAt', ...(start ? { updatedAtMin: start.toISOString() } : {}) })) {
    out.checked += 1;
    if (!highWater || Date.parse(ret.updatedAt) > Date.parse(highWater)) highWater = ret.updatedAt;
    try {
      const r = await applyReturnToDataverse(deps, ret, 'reconcile');
      if (!r?.skipped) out.repaired += 1;
    } catch (e) {
      out.failed.push({ id: ret.returnId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  // Not moved past a failure: the next run reads the failed return again.
  if (highWater && out.failed.length === 0) await deps.store.checkpoints.set(RETURNS_CHECKPOINT, { highWater });
  return out;
}
