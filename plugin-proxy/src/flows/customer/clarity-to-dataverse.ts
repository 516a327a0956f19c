import { alternateKey, type Row } from '../../clients/dataverse';
import type { Customer } from '../../clients/clarity';
import { canonicalHash, threeWayMerge } from '../../mapping';
import type { HandlerResult } from '../../queue/worker';
import type { Link } from '../../store/types';
import { binds, canonicalFields, contactColumns, guidOf, pick } from './canonical';
import { ensureAccount } from './company';
import { MAPPINGS, SYNC_STATUS, type CustomerFlowDeps } from './deps';
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
  const wantedBinds = binds(mapped);
  const match = await findContact(deps, customer.customerId, customer.email, link, contactColumns(fields));

  let accountId: string | undefined;
  if (customer.company?.companyId) accountId = await ensureAccount(deps, { ...customer.company, companyId: customer.company.companyId });

  let toWrite: Record<string, unknown> = clarity;
  let merged: Record<string, unknown> = clarity;
  let toClarity: Record<string, unknown> = {};
  if (match) {
    const result = threeWayMerge({
      base: link?.snapshot ?? null,
      clarity,
      dataverse: pick(match.row, fields),
      fields,
      clarityUpdatedAt: customer.updatedAt,
      dataverseModifiedOn: typeof match.row.modifiedon === 'string' ? match.row.modifiedon : null,
    });
    toWrite = result.toDataverse;
    merged = result.merged;
    toClarity = result.toClarity;
    await recordConflicts(deps, 'customer', customer.customerId, String(match.row.contactid), result.conflicts);
  }
  // The parent account is compared by id: Dataverse reads it back as _parentcustomerid_value.
  const parentChanged = accountId !== undefined && (!match || guidOf(match.row, '_parentcustomerid_value') !== accountId);
  const bindsToWrite = parentChanged ? wantedBinds : {};
  const hash = canonicalHash({ ...merged, parent: accountId ?? null });
  const nothingToWrite = match !== undefined && Object.keys(toWrite).length === 0 && !parentChanged && match.row.clar_clarityid === customer.customerId;

  let contactId: string;
  if (nothingToWrite) {
    contactId = String(match.row.contactid);
  } else {
    const body: Row = {
      ...toWrite,
      ...bindsToWrite,
      clar_clarityid: customer.customerId,
      clar_syncstatus: SYNC_STATUS.synced,
      clar_lastsyncedon: deps.now().toISOString(),
      clar_syncerror: null,
    };
    if (match) {
      contactId = String(match.row.contactid);
      await deps.dataverse.update('contacts', contactId, body, { ifMatch: '*' });
    } else {
      // A new row always starts Active (statecode is not valid on create, dataverse-webapi.md §5): create it
      // without its state, then set the state with a matching status in a second write when it is not Active.
      const { statecode, statuscode, ...createBody } = body;
      const res = await deps.dataverse.upsert('contacts', alternateKey({ clar_clarityid: customer.customerId }), createBody, { returnRepresentation: true });
      contactId = String(res.row?.contactid ?? res.id);
      if (statecode !== undefined && statecode !== 0)
        await deps.dataverse.update('contacts', contactId, { statecode, ...(statuscode !== undefined ? { statuscode } : {}) }, { ifMatch: '*' });
    }
  }
  // Until the push below succeeds Clarity does not hold the CRM values that won, so the base keeps the old ones.
  // Otherwise a failed push (412: Clarity moved on past this event) would count as applied, and the next merge
  // would take Clarity's older value for a Clarity-side change and overwrite the CRM edit on both sides.
  const agreed: Record<string, unknown> = { ...merged };
  for (const field of Object.keys(toClarity)) {
    if (link?.snapshot && field in link.snapshot) agreed[field] = link.snapshot[field];
    else delete agreed[field];
  }
  const saved: Omit<Link, 'updatedAt'> = {
    entity: 'customer',
    clarityId: customer.customerId,
    dataverseTable: 'contact',
    dataverseId: contactId,
    hashToDataverse: hash,
    hashToClarity: link?.hashToClarity ?? null,
    snapshot: agreed,
    clarityVersion: customer.version,
    dataverseVersion: null,
  };
  await deps.store.links.save(saved);
  // CRM edits that won a conflict (or the contact adopted with newer data) go back to Clarity now.
  if (Object.keys(toClarity).length > 0 && match) await pushToClarity(deps, customer, { ...clarity, ...toClarity }, saved);

  if (nothingToWrite) return { skipped: true, note: `unchanged (${reason})` };
  return { note: `${match ? `contact ${match.via === 'link' ? 'updated' : `adopted by ${match.via}`}` : 'contact created'} ${contactId} (${reason})` };
}
