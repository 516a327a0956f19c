import { alternateKey, type Row } from '../../clients/dataverse';
import type { Link } from '../../store/types';
import type { CustomerFlowDeps } from './deps';

export interface ContactMatch {
  row: Row;
  via: 'link' | 'clarity id' | 'email';
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The contact a Clarity customer corresponds to: the link table first, then the `clar_clarityid` alternate
 * key, then an unlinked contact with the same email (case-insensitive, as Dataverse compares strings), so a
 * CRM's existing contacts are adopted instead of duplicated.
 */
export async function findContact(deps: CustomerFlowDeps, clarityId: string, email: string | undefined, link: Link | undefined, select: string[]): Promise<ContactMatch | undefined> {
  if (link) {
    const row = await deps.dataverse.retrieve('contacts', link.dataverseId, select);
    if (row) return { row, via: 'link' };
  }
  const byKey = await deps.dataverse.retrieve('contacts', alternateKey({ clar_clarityid: clarityId }), select);
  if (byKey) return { row: byKey, via: 'clarity id' };
  if (!email) return undefined;
  const page = await deps.dataverse.query('contacts', {
    select,
    filter: `emailaddress1 eq ${odataString(email.trim())} and clar_clarityid eq null and statecode eq 0`,
    orderby: 'createdon asc',
    top: 1,
  });
  const row = page.value[0];
  return row ? { row, via: 'email' } : undefined;
}
