/** The Clarity customers behind a CRM record, through the link table (a record without links is "not linked"). */
import type { Store } from '../store/types';
import type { ControlDeps } from './deps';
import { withDeadline } from './upstream';

export async function customerOfContact(store: Store, contactId: string): Promise<string | undefined> {
  return (await store.links.byDataverse('customer', contactId))?.clarityId;
}

/** An account's orders are its company's customers' orders: the linked contacts whose parent is the account. */
export async function customersOfAccount(deps: Pick<ControlDeps, 'store' | 'dataverse'>, accountId: string, timeoutMs: number): Promise<string[]> {
  const contactIds = await withDeadline('Dataverse', timeoutMs, async () => {
    const ids: string[] = [];
    // accountId is a validated GUID (params.ts), so it is safe inside the filter.
    for await (const row of deps.dataverse.queryAll('contacts', { select: ['contactid'], filter: `_parentcustomerid_value eq ${accountId}`, maxPageSize: 500 })) {
      if (typeof row.contactid === 'string') ids.push(row.contactid);
      if (ids.length >= 2000) break;
    }
    return ids;
  });
  const ids = new Set<string>();
  for (const id of contactIds) {
    const clarityId = await customerOfContact(deps.store, id);
    if (clarityId) ids.add(clarityId);
  }
  return [...ids];
}
