import type { Order } from '../../clients/clarity';
import { alternateKey, type BatchOperation, type BatchResult, type Row } from '../../clients/dataverse';
import { idFromEntityUrl } from '../../clients/dataverse/keys';
import { ConnectorError } from '../../errors';
import { canonicalHash } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import { forgetSkus, knownSkus } from '../catalog/known-skus';
import { ensurePriceList, ensureUnits } from '../catalog/price-list';
import type { FlowDeps } from '../deps';
import { orderCustomer } from './customer';
import { toSalesOrder, type SalesOrderDraft } from './to-salesorder';

const CREATE_ONLY = ['ordernumber', 'clar_clarityorderid', 'transactioncurrencyid@odata.bind'];

interface OrderSnapshot {
  /** Hashes of the header columns and of the lines last written: a header-only change does not rewrite lines. */
  header: string;
  lines: string;
  statecode: number;
  statuscode: number;
}

interface Plan {
  draft: SalesOrderDraft;
  review: string[];
  header: Row;
  snapshot: OrderSnapshot;
  hash: string;
}

/** What the flow (and the initial load, load/orders.ts) writes and hashes for an order. */
export function planOrder(draft: SalesOrderDraft, extraReview: readonly string[] = []): Plan {
  const review = [...draft.review, ...extraReview];
  const header: Row = { ...draft.header, clar_syncerror: review.length ? review.join('\n') : null };
  const snapshot: OrderSnapshot = { header: canonicalHash(header), lines: canonicalHash(draft.lines), ...draft.state };
  return { draft, review, header, snapshot, hash: canonicalHash(snapshot) };
}

/** Deep insert of the order and its lines, then its state unless active/new (state is not valid on create). */
export function createOperations(plan: Plan): BatchOperation[] {
  const ops: BatchOperation[] = [{ method: 'POST', url: 'salesorders', body: { ...plan.header, order_details: plan.draft.lines }, contentId: '1' }];
  const { statecode, statuscode } = plan.draft.state;
  if (statecode !== 0 || statuscode !== 1) ops.push({ method: 'PATCH', url: '$1', body: { statecode, statuscode }, headers: { 'If-Match': '*' }, contentId: '2' });
  return ops;
}

const failureOf = (results: readonly BatchResult[]) => results.find((r) => r.error)?.error;
/** A create refused because a row with the same alternate key exists (§2.4: 412 `0x80060892`, or `0x80040237`). */
export const isDuplicateKey = (e: ConnectorError) => e.details.upstreamStatus === 412 && (e.details.upstreamCode === '0x80060892' || e.details.upstreamCode === '0x80040237');

/**
 * Clarity order → one salesorder with its lines (steps: customer, price list/units, products, then the order).
 * An order without a link is new to the connector (the link is saved right after every write): it is created
 * as one change set — deep insert of order and lines, then its state — sent together with other jobs' change
 * sets in one `$batch` (DataverseClient.changeSet). The alternate key on clar_clarityorderid makes that create
 * safe to repeat: after a crash between the write and the link, the replay's create answers 412 and the order
 * is read and updated instead. A linked order is read (its state may have moved in CRM) and, while active,
 * updated in one change set: header, lines replaced when they changed, state last. Older versions are skipped;
 * an unchanged order (same content hash in the link) writes nothing.
 */
export async function applyOrderToDataverse(deps: FlowDeps, order: Order, reason: string): Promise<HandlerResult> {
  const link = await deps.store.links.byClarity('order', order.orderId);
  if (link?.clarityVersion != null && order.version < link.clarityVersion)
    return { skipped: true, note: `older event: version ${order.version} < ${link.clarityVersion} (${reason})` };

  const customer = await orderCustomer(deps, order);
  const skus = order.lineItems.map((l) => l.sku);
  const [prices, units, known] = await Promise.all([ensurePriceList(deps, order.currency), ensureUnits(deps), knownSkus(deps, skus)]);
  const planWith = (knownSet: ReadonlySet<string>) =>
    planOrder(toSalesOrder(deps.mappings, order, { ...prices, uomid: units.uomid, customerBind: customer.bind, knownSkus: knownSet }), customer.note ? [customer.note] : []);
  let plan = planWith(known);
  if (link?.hashToDataverse === plan.hash) return { skipped: true, note: `unchanged (${reason})` };

  const did: string[] = [];
  let orderId: string | undefined;
  if (!link) {
    let results = await deps.dataverse.changeSet(createOperations(plan));
    let failed = failureOf(results);
    if (failed?.details.upstreamStatus === 404 && known.size > 0) {
      // A product bound by SKU is gone (deleted or renumbered in Dynamics since it was cached): ask again.
      forgetSkus(deps, known);
      plan = planWith(await knownSkus(deps, skus, { fresh: true }));
      results = await deps.dataverse.changeSet(createOperations(plan));
      failed = failureOf(results);
    }
    if (!failed) {
      orderId = idFromEntityUrl(results[0]?.headers['odata-entityid'] ?? results[0]?.headers.location);
      if (!orderId) throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `creating sales order for ${order.orderId} returned no id`, { classification: 'transient' });
      did.push(`created with ${plan.draft.lines.length} lines`);
      if (results.length > 1) did.push(`state ${plan.draft.state.statecode}/${plan.draft.state.statuscode}`);
    } else if (!isDuplicateKey(failed)) {
      throw failed;
    }
    // A duplicate key: the order is there already, written by a run whose link was lost. Update it below.
  }
  if (!orderId) orderId = await updateExisting(deps, order, plan, link?.snapshot as OrderSnapshot | null | undefined, did);

  await deps.store.links.save({
    entity: 'order',
    clarityId: order.orderId,
    dataverseTable: 'salesorder',
    dataverseId: orderId,
    hashToDataverse: plan.hash,
    hashToClarity: null,
    snapshot: { ...plan.snapshot },
    clarityVersion: order.version,
    dataverseVersion: null,
  });
  return { note: `sales order ${orderId} ${did.join(', ') || 'confirmed'}${plan.review.length ? ' (flagged for review)' : ''} (${reason})` };
}

const updatable = (header: Row): Row => Object.fromEntries(Object.entries(header).filter(([k]) => !CREATE_ONLY.includes(k)));

/** An order that may exist: read it, then one change set with what changed (or a create if it is gone). */
async function updateExisting(deps: FlowDeps, order: Order, plan: Plan, prior: OrderSnapshot | null | undefined, did: string[]): Promise<string> {
  const key = alternateKey({ clar_clarityorderid: order.orderId });
  const existing = await deps.dataverse.retrieve<{ salesorderid: string; statecode: number; statuscode: number }>('salesorders', key, ['salesorderid', 'statecode', 'statuscode']);
  if (!existing) {
    // Linked but deleted in Dynamics since: create it again.
    const results = await deps.dataverse.changeSet(createOperations(plan));
    const failed = failureOf(results);
    if (failed) throw failed;
    const id = idFromEntityUrl(results[0]?.headers['odata-entityid'] ?? results[0]?.headers.location);
    if (!id) throw new ConnectorError('CONNECTOR_ERR_TRANSIENT', `creating sales order for ${order.orderId} returned no id`, { classification: 'transient' });
    did.push(`created with ${plan.draft.lines.length} lines`);
    return id;
  }
  const orderId = existing.salesorderid;
  const ops: BatchOperation[] = [];
  const linesChanged = prior?.lines !== plan.snapshot.lines;
  if (linesChanged || prior?.header !== plan.snapshot.header) {
    if (existing.statecode !== 0) {
      did.push(`changes not written: the order is no longer active (state ${existing.statecode})`);
    } else {
      ops.push({ method: 'PATCH', url: `salesorders(${orderId})`, body: updatable(plan.header), headers: { 'If-Match': '*' } });
      if (linesChanged) {
        // Old lines out, new lines in, in the same transaction as the header (all or nothing, §3).
        const old = await deps.dataverse.query<{ salesorderdetailid: string }>('salesorderdetails', { select: ['salesorderdetailid'], filter: `_salesorderid_value eq ${orderId}` });
        ops.push(...old.value.map((l): BatchOperation => ({ method: 'DELETE', url: `salesorderdetails(${l.salesorderdetailid})` })));
        ops.push(...plan.draft.lines.map((l): BatchOperation => ({ method: 'POST', url: 'salesorderdetails', body: { ...l, 'salesorderid@odata.bind': `/salesorders(${orderId})` } })));
        did.push(`updated with ${plan.draft.lines.length} lines`);
      } else {
        did.push('header updated');
      }
    }
  }
  const { statecode, statuscode } = plan.draft.state;
  if (existing.statecode !== statecode || existing.statuscode !== statuscode) {
    // Last: only an active order can be edited.
    ops.push({ method: 'PATCH', url: `salesorders(${orderId})`, body: { statecode, statuscode }, headers: { 'If-Match': '*' } });
    did.push(`state ${statecode}/${statuscode}`);
  }
  const failed = failureOf(await deps.dataverse.changeSet(ops.map((op, i) => ({ ...op, contentId: String(i + 1) }))));
  if (failed) throw failed;
  return orderId;
}
