import type { Customer, CustomerPatch } from '../../clients/clarity';
import type { Row } from '../../clients/dataverse';
import { canonicalEqual, canonicalHash } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import type { Link } from '../../store/types';
import { canonicalFields, contactColumns, mergeCustomerAndContact, pick } from './canonical';
import { recordConflicts } from './conflicts';
import { MAPPINGS, SYNC_STATUS, type CustomerFlowDeps } from './deps';

/** Only the keys whose value differs from the customer as it is (Clarity replaces arrays wholesale). */
function diff(current: Customer, values: Record<string, unknown>): CustomerPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const before = (current as unknown as Record<string, unknown>)[key];
    // In a merge patch null removes a key: for a key the customer does not have, it would be a write that changes nothing.
    if (value === null && before === undefined) continue;
    if (!canonicalEqual(before, value)) patch[key] = value;
  }
  return patch as CustomerPatch;
}

/**
 * Writes canonical contact values to the Clarity customer: reverse-maps them onto the current customer
 * (keeping address ids and the other addresses), sends only what differs, with If-Match on its version, and
 * records the new state as the link's base so the `customer.updated` echo is recognised as already applied.
 */
export async function pushToClarity(deps: CustomerFlowDeps, current: Customer, desired: Record<string, unknown>, link: Omit<Link, 'updatedAt'>): Promise<Customer | undefined> {
  const reverse = deps.mappings.get(MAPPINGS.contactToCustomer);
  const patch = diff(current, reverse.apply(desired, { current }).values);
  if (Object.keys(patch).length === 0) return undefined;
  const updated = await deps.clarity.patchCustomer(current.customerId, patch, { ifMatch: current.version });
  const toContact = deps.mappings.get(MAPPINGS.customerToContact);
  const fields = canonicalFields(toContact);
  await deps.store.links.save({
    ...link,
    hashToClarity: canonicalHash(patch),
    snapshot: pick(toContact.apply(updated).values, fields),
    clarityVersion: updated.version,
  });
  return updated;
}

function clarityIdOf(row: Row): string | undefined {
  return typeof row.clar_clarityid === 'string' && row.clar_clarityid ? row.clar_clarityid : undefined;
}

/**
 * Dataverse contact → Clarity customer. Reads the contact as it is now (a webhook's Target holds only the
 * changed columns), finds or creates the Clarity customer, and merges three ways like the other direction.
 */
export async function applyContactToClarity(deps: CustomerFlowDeps, contactId: string, reason: string): Promise<HandlerResult> {
  const toContact = deps.mappings.get(MAPPINGS.customerToContact);
  const fields = canonicalFields(toContact);
  const contact = await deps.dataverse.retrieve('contacts', contactId, contactColumns(fields));
  if (!contact) return { skipped: true, note: `contact ${contactId} no longer exists (${reason})` };
  let link = await deps.store.links.byDataverse('customer', contactId);
  const clarityId = link?.clarityId ?? clarityIdOf(contact);
  if (!link && clarityId) link = await deps.store.links.byClarity('customer', clarityId);
  const current = clarityId ? await deps.clarity.getCustomer(clarityId) : undefined;
  if (!current) return createInClarity(deps, contact, reason);

  const clarity = pick(toContact.apply(current).values, fields);
  const result = mergeCustomerAndContact({ base: link?.snapshot, customer: current, clarity, contact, fields });
  await recordConflicts(deps, 'customer', current.customerId, contactId, result.conflicts);
  const base: Omit<Link, 'updatedAt'> = {
    entity: 'customer',
    clarityId: current.customerId,
    dataverseTable: 'contact',
    dataverseId: contactId,
    hashToDataverse: link?.hashToDataverse ?? null,
    hashToClarity: link?.hashToClarity ?? null,
    snapshot: result.merged,
    clarityVersion: current.version,
    dataverseVersion: null,
  };
  const updated = Object.keys(result.toClarity).length > 0 ? await pushToClarity(deps, current, { ...clarity, ...result.toClarity }, base) : undefined;
  if (!updated) await deps.store.links.save(base);
  // Clarity won some fields (it was newer, or owns them): put them back on the contact. A contact marked as
  // out of sync by an earlier dead-lettered job is cleared now that it synced; otherwise no status write.
  const clearError = contact.clar_syncstatus === SYNC_STATUS.error;
  if (Object.keys(result.toDataverse).length > 0 || clearError)
    await deps.dataverse.update(
      'contacts',
      contactId,
      { ...result.toDataverse, clar_syncstatus: SYNC_STATUS.synced, clar_syncerror: null, clar_lastsyncedon: deps.now().toISOString() },
      { ifMatch: '*' },
    );
  if (!updated) return { skipped: Object.keys(result.toDataverse).length === 0, note: `customer ${current.customerId} already up to date (${reason})` };
  return { note: `customer ${current.customerId} updated to version ${updated.version} (${reason})` };
}

/** A contact created in CRM becomes a Clarity customer once it has the fields Clarity requires. */
async function createInClarity(deps: CustomerFlowDeps, contact: Row, reason: string): Promise<HandlerResult> {
  const contactId = String(contact.contactid);
  const email = typeof contact.emailaddress1 === 'string' ? contact.emailaddress1.trim() : '';
  if (!email || !contact.lastname) return { skipped: true, note: `contact ${contactId} has no email or last name yet; not created in Clarity (${reason})` };
  let customer: Customer | undefined;
  for await (const found of deps.clarity.listCustomers({ email })) {
    customer = found;
    break;
  }
  if (!customer) {
    const reverse = deps.mappings.get(MAPPINGS.contactToCustomer);
    const mapped = reverse.apply(contact, { current: { shippingAddresses: [], billingAddresses: [] } }).values;
    // On create, null means nothing to send (in a PATCH it would clear the field).
    const draft = Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== null));
    customer = await deps.clarity.createCustomer(
      { firstName: '', ...draft, lastName: String(contact.lastname), email } as never,
      // Deterministic: a replay after a crash cannot create a second customer (clarity-api.md §4.11).
      `d365-contact-${contactId}-create`,
    );
  }
  await deps.dataverse.update('contacts', contactId, { clar_clarityid: customer.customerId, clar_syncstatus: SYNC_STATUS.synced, clar_lastsyncedon: deps.now().toISOString() }, { ifMatch: '*' });
  const toContact = deps.mappings.get(MAPPINGS.customerToContact);
  await deps.store.links.save({
    entity: 'customer',
    clarityId: customer.customerId,
    dataverseTable: 'contact',
    dataverseId: contactId,
    hashToDataverse: null,
    hashToClarity: null,
    snapshot: pick(toContact.apply(customer).values, canonicalFields(toContact)),
    clarityVersion: customer.version,
    dataverseVersion: null,
  });
  return { note: `customer ${customer.customerId} ${customer.createdAt === customer.updatedAt ? 'created' : 'adopted by email'} for contact ${contactId} (${reason})` };
}
