/**
 * Which job a Dataverse event becomes: kind by table, and the per-record key shared with Clarity events about
 * the same record (flows/keys.ts), so a CRM edit and a Clarity update of one person (or one SKU's stock) never
 * race.
 */
import { JOB_KINDS, recordKeys, type JobKind } from '../flows/keys';
import type { LinkStore } from '../store/types';
import type { DataverseEvent } from './remote-context';

export interface TableRoute {
  kind: JobKind;
  /** Link-table entity whose clarityId keys the record (`customer`, `company`; `product` = the SKU). */
  link: string;
  /** The row's column holding that Clarity key, when there is no link yet. */
  keyColumn: string;
  key: (clarityId: string) => string;
}

const TABLES: Record<string, TableRoute> = {
  contact: { kind: JOB_KINDS.dataverseContact, link: 'customer', keyColumn: 'clar_clarityid', key: recordKeys.customer },
  account: { kind: JOB_KINDS.dataverseAccount, link: 'company', keyColumn: 'clar_clarityid', key: recordKeys.company },
  // Only with INVENTORY_DIRECTION=both (the intake checks): a quantity set in CRM, ordered with the SKU's Clarity events.
  product: { kind: JOB_KINDS.dataverseProduct, link: 'product', keyColumn: 'productnumber', key: recordKeys.sku },
};

export function dataverseTable(table: string): TableRoute | undefined {
  return TABLES[table];
}

export function dataverseIdempotencyKey(e: DataverseEvent): string {
  return `dataverse:${e.operationId}:${e.id}:${e.message}`;
}

/** The Clarity key the row already carries (set by an earlier sync), from the target or any image. */
function clarityKeyIn(e: DataverseEvent, column: string): string | undefined {
  const sources = [e.target, ...Object.values(e.postImages), ...Object.values(e.preImages)];
  for (const s of sources) {
    const v = s?.attributes[column];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** Link first (authoritative), then the Clarity key on the row, else the Dataverse id until a link exists. */
export async function dataverseRecordKey(links: Pick<LinkStore, 'byDataverse'>, e: DataverseEvent, route: TableRoute): Promise<string> {
  const link = await links.byDataverse(route.link, e.id);
  if (link) return route.key(link.clarityId);
  const clarityKey = clarityKeyIn(e, route.keyColumn);
  if (clarityKey) return route.key(clarityKey);
  return recordKeys.dataverse(e.table, e.id);
}
