/**
 * One batch of the initial load's orders: each new order is one change set (deep insert of the order with its
 * lines, then its state, which is not valid on create: all or nothing per order, §3) submitted through the
 * client's change-set coalescing, so the batch goes out as a few `$batch` requests in flight together; with the
 * same content hash and link as the order flow writes, so a later `order.updated` of an unchanged order is
 * skipped. No read first: the alternate key on clar_clarityorderid refuses a second copy (412), and an order an
 * interrupted run had written without saving its link goes through the order flow, which reads and links it.
 * Orders already linked and orders whose customer is not linked (guest checkout) go through the flow one by one.
 */
import type { Order } from '../clients/clarity';
import { alternateKey } from '../clients/dataverse';
import { idFromEntityUrl } from '../clients/dataverse/keys';
import { rememberSkus } from '../flows/catalog/known-skus';
import { ensurePriceList, ensureUnits } from '../flows/catalog/price-list';
import type { FlowDeps } from '../flows/deps';
import { applyOrderToDataverse, createOperations, isDuplicateKey, planOrder, toSalesOrder } from '../flows/order';
import type { BatchOutcome } from './customers';

/** SKUs of every product in Dynamics, read once per load (products are loaded before orders). */
export async function allSkus(deps: FlowDeps): Promise<Set<string>> {
  const skus = new Set<string>();
  for await (const p of deps.dataverse.queryAll<{ productnumber: string }>('products', { select: ['productnumber'], maxPageSize: 5000 })) skus.add(p.productnumber);
  rememberSkus(deps, skus);
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
  if (fresh.length > 0) viaFlow.push(...(await createOrders(deps, fresh, knownSkus, out)));
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

/** Creates the orders; returns those Dataverse already had (duplicate key), for the flow. */
async function createOrders(deps: FlowDeps, orders: readonly Order[], knownSkus: ReadonlySet<string>, out: BatchOutcome): Promise<Order[]> {
  const units = await ensureUnits(deps);
  const already: Order[] = [];
  const settled = await Promise.allSettled(
    orders.map(async (order) => {
      const prices = await ensurePriceList(deps, order.currency);
      const customerBind = { 'customerid_contact@odata.bind': `/contacts(${alternateKey({ clar_clarityid: order.customerId as string })})` };
      // Exactly what applyOrderToDataverse writes and hashes, so the flow recognises these orders as applied.
      const plan = planOrder(toSalesOrder(deps.mappings, order, { ...prices, uomid: units.uomid, customerBind, knownSkus }));
      const results = await deps.dataverse.changeSet(createOperations(plan));
      const failed = results.find((r) => r.error)?.error;
      if (failed && isDuplicateKey(failed)) {
        already.push(order);
        return;
      }
      const orderId = failed ? undefined : idFromEntityUrl(results[0]?.headers['odata-entityid'] ?? results[0]?.headers.location);
      if (failed || !orderId) {
        out.failed.push({ id: order.orderId, error: failed?.message ?? 'created without an id' });
        return;
      }
      await deps.store.links.save({
        entity: 'order', clarityId: order.orderId, dataverseTable: 'salesorder', dataverseId: orderId, hashToDataverse: plan.hash,
        hashToClarity: null, snapshot: { ...plan.snapshot }, clarityVersion: order.version, dataverseVersion: null,
      });
      out.written += 1;
    }),
  );
  // A request that failed as a whole (throttled, 5xx, network) stops the load like any failed write: it resumes
  // from the checkpoint, and what did commit is found by its key then.
  const thrown = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (thrown) throw thrown.reason;
  return already;
}
