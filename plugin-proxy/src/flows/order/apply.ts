import type { Order } from '../../clients/clarity';
import { alternateKey, type BatchOperation, type Row } from '../../clients/dataverse';
import { canonicalHash } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import { ensurePriceList, ensureUnits } from '../catalog/price-list';
import type { FlowDeps } from '../deps';
import { orderCustomer } from './customer';
import { toSalesOrder } from './to-salesorder';

const CREATE_ONLY = ['ordernumber', 'clar_clarityorderid', 'transactioncurrencyid@odata.bind'];
const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** SKUs among `skus` that exist as products (productnumber, the alternate key clar_product_productnumber). */
async function knownProducts(deps: FlowDeps, skus: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(skus)];
  const known = new Set<string>();
  for (let i = 0; i < unique.length; i += 25) {
    const filter = unique.slice(i, i + 25).map((s) => `productnumber eq ${odataString(s)}`).join(' or ');
    for await (const p of deps.dataverse.queryAll<{ productnumber: string }>('products', { select: ['productnumber'], filter })) known.add(p.productnumber);
  }
  return known;
}

interface OrderSnapshot {
  /** Hashes of the header columns and of the lines last written: a header-only change does not rewrite lines. */
  header: string;
  lines: string;
  statecode: number;
  statuscode: number;
}

/**
 * Clarity order → one salesorder with its lines (steps: customer, price list/units, products, then the order as
 * one deep insert — a single transaction — or, for an existing active order, one change set replacing header
 * and lines; the state is written last because only active orders can be edited). Older versions are skipped;
 * an unchanged order (same content hash in the link) writes nothing.
 */
export async function applyOrderToDataverse(deps: FlowDeps, order: Order, reason: string): Promise<HandlerResult> {
  const link = await deps.store.links.byClarity('order', order.orderId);
  if (link?.clarityVersion != null && order.version < link.clarityVersion)
    return { skipped: true, note: `older event: version ${order.version} < ${link.clarityVersion} (${reason})` };

  const customer = await orderCustomer(deps, order);
  const [prices, units, knownSkus] = await Promise.all([ensurePriceList(deps, order.currency), ensureUnits(deps), knownProducts(deps, order.lineItems.map((l) => l.sku))]);
  const draft = toSalesOrder(deps.mappings, order, { ...prices, uomid: units.uomid, customerBind: customer.bind, knownSkus });
  const review = [...draft.review, ...(customer.note ? [customer.note] : [])];
  const header: Row = { ...draft.header, clar_syncerror: review.length ? review.join('\n') : null };
  const snapshot: OrderSnapshot = { header: canonicalHash(header), lines: canonicalHash(draft.lines), ...draft.state };
  const hash = canonicalHash(snapshot);
  if (link?.hashToDataverse === hash) return { skipped: true, note: `unchanged (${reason})` };

  const key = alternateKey({ clar_clarityorderid: order.orderId });
  const existing = await deps.dataverse.retrieve<{ salesorderid: string; statecode: number; statuscode: number }>('salesorders', key, ['salesorderid', 'statecode', 'statuscode']);
  let orderId: string;
  const did: string[] = [];
  if (!existing) {
    // Deep insert: the order and every line in one transaction (dataverse-webapi.md §2.1).
    const res = await deps.dataverse.create('salesorders', { ...header, order_details: draft.lines });
    if (!res.id) throw new Error(`creating sales order for ${order.orderId} returned no id`);
    orderId = res.id;
    did.push(`created with ${draft.lines.length} lines`);
  } else {
    orderId = existing.salesorderid;
    const prior = link?.snapshot as OrderSnapshot | null | undefined;
    const linesChanged = prior?.lines !== snapshot.lines;
    if (linesChanged || prior?.header !== snapshot.header) {
      if (existing.statecode !== 0) {
        did.push(`changes not written: the order is no longer active (state ${existing.statecode})`);
      } else if (linesChanged) {
        await replaceContent(deps, orderId, header, draft.lines);
        did.push(`updated with ${draft.lines.length} lines`);
      } else {
        await deps.dataverse.update('salesorders', orderId, updatable(header), { ifMatch: '*' });
        did.push('header updated');
      }
    }
  }
  const current = existing ?? { statecode: 0, statuscode: 1 };
  if (current.statecode !== draft.state.statecode || current.statuscode !== draft.state.statuscode) {
    await deps.dataverse.update('salesorders', orderId, { ...draft.state }, { ifMatch: '*' });
    did.push(`state ${draft.state.statecode}/${draft.state.statuscode}`);
  }
  await deps.store.links.save({
    entity: 'order',
    clarityId: order.orderId,
    dataverseTable: 'salesorder',
    dataverseId: orderId,
    hashToDataverse: hash,
    hashToClarity: null,
    snapshot: { ...snapshot },
    clarityVersion: order.version,
    dataverseVersion: null,
  });
  return { note: `sales order ${orderId} ${did.join(', ') || 'confirmed'}${review.length ? ' (flagged for review)' : ''} (${reason})` };
}

const updatable = (header: Row): Row => Object.fromEntries(Object.entries(header).filter(([k]) => !CREATE_ONLY.includes(k)));

/** One change set: header fields, then the old lines out and the new lines in (all or nothing, §3). */
async function replaceContent(deps: FlowDeps, orderId: string, header: Row, lines: readonly Row[]): Promise<void> {
  const old = await deps.dataverse.query<{ salesorderdetailid: string }>('salesorderdetails', { select: ['salesorderdetailid'], filter: `_salesorderid_value eq ${orderId}` });
  const patch = updatable(header);
  const ops: BatchOperation[] = [
    { method: 'PATCH', url: `salesorders(${orderId})`, body: patch, headers: { 'If-Match': '*' } },
    ...old.value.map((l): BatchOperation => ({ method: 'DELETE', url: `salesorderdetails(${l.salesorderdetailid})` })),
    ...lines.map((l): BatchOperation => ({ method: 'POST', url: 'salesorderdetails', body: { ...l, 'salesorderid@odata.bind': `/salesorders(${orderId})` } })),
  ];
  const results = await deps.dataverse.batch([{ changeSet: ops }]);
  const failed = results.find((r) => r.error);
  if (failed?.error) throw failed.error;
}
