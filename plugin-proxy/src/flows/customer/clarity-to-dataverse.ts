import { alternateKey } from '../../clients/dataverse';
import type { Customer } from '../../clients/clarity';
import type { HandlerResult } from '../../queue/worker';
import type { Link } from '../../store/types';
import { binds, canonicalFields, contactColumns, pick } from './canonical';
import { ensureAccount } from './company';
import { planContact } from './contact-plan';
import { MAPPINGS, type CustomerFlowDeps } from './deps';
import { findContact } from './match';
import { pushToClarity } from './dataverse-to-clarity';
import { recordConflicts } from './conflicts';

/**
 * Clarity customer → Dataverse contact (and its company → account). Applies a full customer snapshot:
 * three-way merge against the last synced values so a field edited in CRM since is not overwritten by a
 * stale Clarity value, conflicts settled per field and recorded, and no write when nothing would change.
 */
export async function applyCustomerToDataverse(deps: CustomerFlowDeps, customer: Customer, reason: string, force = false): Promise<HandlerResult> {
  const link = await deps.store.links.byClarity('customer', customer.customerId);
  // Events arrive at least once and unordered (clarity-api.md §4.7): a version already applied — including the
  // echo of our own write to Clarity — has nothing new. A resync forces a full comparison instead.
  if (!force && link?.clarityVersion != null && customer.version <= link.clarityVersion)
    return { skipped: true, note: `already applied: version ${customer.version} ≤ ${link.clarityVersion}` };

  const toContact = deps.mappings.get(MAPPINGS.customerToContact);
  const fields = canonicalFields(toContact);
  const mapped = toContact.apply(customer).values;
  const clarity = pick(mapped, fields);
  const match = await findContact(deps, customer.customerId, customer.email, link, contactColumns(fields));

  let accountId: string | undefined;
  if (customer.company?.companyId) accountId = await ensureAccount(deps, { ...customer.company, companyId: customer.company.companyId });

  const plan = planContact({ customer, link, clarity, binds: binds(mapped), fields, contact: match?.row, accountId, at: deps.now().toISOString() });
  if (match) await recordConflicts(deps, 'customer', customer.customerId, String(match.row.contactid), plan.conflicts);

  let contactId: string;
  if (plan.nothingToWrite && match) {
    contactId = String(match.row.contactid);
  } else if (match) {
    contactId = String(match.row.contactid);
    await deps.dataverse.update('contacts', contactId, plan.body, { ifMatch: '*' });
  } else {
    // A new row always starts Active (statecode is not valid on create, dataverse-webapi.md §5): create it
    // without its state, then set the state with a matching status in a second write when it is not Active.
    const { statecode, statuscode, ...createBody } = plan.body;
    const res = await deps.dataverse.upsert('contacts', alternateKey({ clar_clarityid: customer.customerId }), createBody, { returnRepresentation: true });
    contactId = String(res.row?.contactid ?? res.id);
    if (statecode !== undefined && statecode !== 0)
      await deps.dataverse.update('contacts', contactId, { statecode, ...(statuscode !== undefined ? { statuscode } : {}) }, { ifMatch: '*' });
  }
  const saved: Omit<Link, 'updatedAt'> = { ...plan.link, dataverseId: contactId };
  await deps.store.links.save(saved);
  // CRM edits that won a conflict (or the contact adopted with newer data) go back to Clarity now.
  if (Object.keys(plan.toClarity).length > 0 && match) await pushToClarity(deps, customer, { ...clarity, ...plan.toClarity }, saved);

  if (plan.nothingToWrite) return { skipped: true, note: `unchanged (${reason})` };
  return { note: `${match ? `contact ${match.via === 'link' ? 'updated' : `adopted by ${match.via}`}` : 'contact created'} ${contactId} (${reason})` };
}
