/**
 * One batch of the initial load's orders: each new order is a change set in one `$batch` (deep insert of the
 * order with its lines, then its state, which is not valid on create: all or nothing per order, §3), with the
 * same content hash and link as the order flow writes, so a later `order.updated` of an unchanged order is
 * skipped. Orders already in Dynamics (linked, or found by `clar_clarityorderid` after an interrupted run) and
 * orders whose customer is not linked (guest checkout) go through the order flow one by one.
 */
import type { Order } from '../clients/clarity';
import { alternateKey, type BatchItem, type Row } from '../clients/dataverse';
import { idFromEntityUrl } from '../clients/dataverse/keys';
import { ensurePriceList, ensureUnits } from '../flows/catalog/price-list';
import type { FlowDeps } from '../flows/deps';
import { applyOrderToDataverse, toSalesOrder } from '../flows/order';
import { canonicalHash } from '../mapping';
import type { BatchOutcome } from './customers';
import { idsByColumn } from './read-back';

/** SKUs of every product in Dynamics, read once per load (products are loaded before orders). */
export async function allSkus(deps: FlowDeps): Promise<Set<string>> {
  const skus = new Set<string>();
  for await (const p of deps.dataverse.queryAll<{ productnumber: string }>('products', { select: ['productnumber'], maxPageSize: 5000 })) skus.add(p.productnumber);
  return skus;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function loadOrderBatch(deps: FlowDeps, orders: readonly Order[], knownSkus: ReadonlySet<string>, concurrency = 4): Promise<BatchOutcome> {
  const out: BatchOutcome = { written: 0, unchanged: 0, failed: [] };
  const viaFlow: Order[] = [];
  const fresh: Order[] = [];
  for (const o of orders) {
    const linked = (await deps.store.links.byClarity('order', o.orderId)) !== undefined;
    const customerLinked = o.customerId ? (await deps.store.links.byClarity('customer', o.customerId)) !== undefined : false;
    (linked || !customerLinked ? viaFlow : fresh).push(o);
  }
  if (fresh.length > 0) {
    const existing = await idsByColumn(deps, 'salesorders', 'salesorderid', 'clar_clarityorderid', fresh.map((o) => o.orderId));
    const create = fresh.filter((o) => !existing.has(o.orderId));
    viaFlow.push(...fresh.filter((o) => existing.has(o.orderId)));
    if (create.length > 0) await createOrders(deps, create, knownSkus, out);
  }
  // Bounded concurrency for the few that need the flow's per-order reads.
  let next = 0;
  const worker = async () => {
    for (let o = viaFlow[next++]; o; o = viaFlow[next++]) {
      try {
        const r = await applyOrderToDataverse(deps, o, 'initial load');
        if (r?.skipped) out.unchanged += 1;
        else out.written += 1;
      } catch (e) {
        out.failed.push({ id: o.orderId, error: message(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, viaFlow.length) }, worker));
  return out;
}

async function createOrders(deps: FlowDeps, orders: readonly Order[], knownSkus: ReadonlySet<string>, out: BatchOutcome): Promise<void> {
  const units = await ensureUnits(deps);
  const plans = await Promise.all(
    orders.map(async (order, i) => {
      const prices = await ensurePriceList(deps, order.currency);
      const customerBind = { 'customerid_contact@odata.bind': `/contacts(${alternateKey({ clar_clarityid: order.customerId as string })})` };
      const draft = toSalesOrder(deps.mappings, order, { ...prices, uomid: units.uomid, customerBind, knownSkus });
      // Exactly what applyOrderToDataverse hashes, so the flow recognises these orders as applied.
      const header: Row = { ...draft.header, clar_syncerror: draft.review.length ? draft.review.join('\n') : null };
      const snapshot = { header: canonicalHash(header), lines: canonicalHash(draft.lines), ...draft.state };
      return { order, header, draft, snapshot, hash: canonicalHash(snapshot), createId: String(2 * i + 1), stateId: String(2 * i + 2) };
    }),
  );
  const items: BatchItem[] = plans.map((p) => {
    const ops = [{ method: 'POST' as const, url: 'salesorders', body: { ...p.header, order_details: p.draft.lines }, contentId: p.createId }];
    // Only active orders are created; any other state is written last, in the same transaction.
    if (p.draft.state.statecode !== 0 || p.draft.state.statuscode !== 1)
      return { changeSet: [...ops, { method: 'PATCH' as const, url: `$${p.createId}`, body: { ...p.draft.state }, headers: { 'If-Match': '*' }, contentId: p.stateId }] };
    return { changeSet: ops };
  });
  const results = await deps.dataverse.batch(items, { continueOnError: true });
  const byContentId = new Map(results.filter((r) => r.contentId !== undefined).map((r) => [r.contentId as string, r]));
  for (const p of plans) {
    const failed = [byContentId.get(p.createId), byContentId.get(p.stateId)].find((r) => r?.error);
    const created = byContentId.get(p.createId);
    const orderId = created && !created.error ? idFromEntityUrl(created.headers['odata-entityid'] ?? created.headers.location) : undefined;
    if (failed?.error || !orderId) {
      out.failed.push({ id: p.order.orderId, error: failed?.error?.message ?? 'created without an id' });
      continue;
    }
    await deps.store.links.save({
      entity: 'order', clarityId: p.order.orderId, dataverseTable: 'salesorder', dataverseId: orderId, hashToDataverse: p.hash,
      hashToClarity: null, snapshot: { ...p.snapshot }, clarityVersion: p.order.version, dataverseVersion: null,
    });
    out.written += 1;
  }
}
