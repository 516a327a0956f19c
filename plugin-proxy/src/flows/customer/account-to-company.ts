import { canonicalEqual, canonicalHash } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import { MAPPINGS, type CustomerFlowDeps } from './deps';

/**
 * Dataverse account → the company on every linked Clarity customer of that account (Clarity keeps the company
 * on each customer). Accounts not linked to a Clarity company are CRM-only and left alone.
 */
export async function applyAccountToClarity(deps: CustomerFlowDeps, accountId: string, reason: string): Promise<HandlerResult> {
  const link = await deps.store.links.byDataverse('company', accountId);
  if (!link) return { skipped: true, note: `account ${accountId} is not linked to a Clarity company (${reason})` };
  const account = await deps.dataverse.retrieve('accounts', accountId, ['name', 'accountnumber', 'modifiedon']);
  if (!account) return { skipped: true, note: `account ${accountId} no longer exists (${reason})` };
  const company = deps.mappings.get(MAPPINGS.accountToCompany).apply(account).values;
  const hash = canonicalHash(company);
  if (hash === link.hashToClarity) return { skipped: true, note: `company ${link.clarityId} unchanged (${reason})` };
  let updated = 0;
  for await (const contact of deps.dataverse.queryAll('contacts', { select: ['clar_clarityid'], filter: `_parentcustomerid_value eq ${accountId} and clar_clarityid ne null` })) {
    const customer = await deps.clarity.getCustomer(String(contact.clar_clarityid));
    if (!customer?.company || customer.company.companyId !== link.clarityId) continue;
    const next = { ...customer.company, ...company };
    if (canonicalEqual(next, customer.company)) continue;
    await deps.clarity.patchCustomerCompany(customer.customerId, next, { ifMatch: customer.version });
    updated++;
  }
  await deps.store.links.save({ ...link, hashToClarity: hash });
  return { note: `company ${link.clarityId} updated on ${updated} customer(s) (${reason})` };
}
