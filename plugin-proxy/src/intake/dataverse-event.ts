/**
 * Which job a Dataverse event becomes: kind by table, and the per-record key shared with Clarity events about
 * the same customer or company (flows/keys.ts), so a CRM edit and a Clarity update of one person never race.
 */
import { JOB_KINDS, recordKeys, type JobKind } from '../flows/keys';
import type { LinkStore } from '../store/types';
import type { DataverseEvent } from './remote-context';

const TABLES: Record<string, { kind: JobKind; entity: 'customer' | 'company' }> = {
  contact: { kind: JOB_KINDS.dataverseContact, entity: 'customer' },
  account: { kind: JOB_KINDS.dataverseAccount, entity: 'company' },
};

export function dataverseTable(table: string): { kind: JobKind; entity: 'customer' | 'company' } | undefined {
  return TABLES[table];
}

export function dataverseIdempotencyKey(e: DataverseEvent): string {
  return `dataverse:${e.operationId}:${e.id}:${e.message}`;
}

/** The Clarity id the row already carries (set by an earlier sync), from the target or any image. */
function clarityIdIn(e: DataverseEvent): string | undefined {
  const sources = [e.target, ...Object.values(e.postImages), ...Object.values(e.preImages)];
  for (const s of sources) {
    const v = s?.attributes.clar_clarityid;
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** Link first (authoritative), then `clar_clarityid` on the row, else the Dataverse id until a link exists. */
export async function dataverseRecordKey(links: Pick<LinkStore, 'byDataverse'>, e: DataverseEvent, entity: 'customer' | 'company'): Promise<string> {
  const toKey = entity === 'customer' ? recordKeys.customer : recordKeys.company;
  const link = await links.byDataverse(entity, e.id);
  if (link) return toKey(link.clarityId);
  const clarityId = clarityIdIn(e);
  if (clarityId) return toKey(clarityId);
  return recordKeys.dataverse(e.table, e.id);
}
