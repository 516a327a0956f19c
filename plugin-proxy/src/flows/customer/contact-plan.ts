import type { Customer } from '../../clients/clarity';
import type { Row } from '../../clients/dataverse';
import { canonicalHash, type FieldPolicy, type MergeConflict } from '../../mapping';
import type { Link } from '../../store/types';
import { guidOf, mergeCustomerAndContact } from './canonical';
import { SYNC_STATUS } from './deps';

export interface ContactPlanInput {
  customer: Customer;
  link: Link | undefined;
  /** The customer mapped to canonical contact fields (customer-to-contact, lookups aside). */
  clarity: Record<string, unknown>;
  /** Lookup binds the mapping produced (the parent account). */
  binds: Record<string, unknown>;
  fields: Readonly<Record<string, FieldPolicy>>;
  /** The contact the customer corresponds to, as read now; undefined when one is to be created. */
  contact: Row | undefined;
  /** The company's account, when the customer has a company. */
  accountId: string | undefined;
  /** clar_lastsyncedon of the write. */
  at: string;
}

export interface ContactPlan {
  /** Columns to write (canonical changes, the parent when it changed, the connector's sync columns). */
  body: Row;
  /** Nothing differs and the contact already carries the Clarity id: no write at all. */
  nothingToWrite: boolean;
  /** CRM values that won the merge: they go back to Clarity (pushToClarity). */
  toClarity: Record<string, unknown>;
  conflicts: MergeConflict[];
  /** The link to save once the write succeeded (its dataverseId is filled in by the caller). */
  link: Omit<Link, 'updatedAt' | 'dataverseId'>;
}

/**
 * Clarity customer → contact, decided without I/O: the three-way merge against the link's snapshot (a contact
 * adopted by email has no snapshot, so every differing field is settled by its sourceOfTruth or the newer side),
 * the parent account compared by id (Dataverse reads it back as `_parentcustomerid_value`), the content hash and
 * the base to keep. Shared by the customer flow (one record) and the initial load (a batch).
 */
export function planContact(input: ContactPlanInput): ContactPlan {
  const { customer, link, clarity, fields, contact, accountId } = input;
  let toWrite: Record<string, unknown> = clarity;
  let merged: Record<string, unknown> = clarity;
  let toClarity: Record<string, unknown> = {};
  let conflicts: MergeConflict[] = [];
  if (contact) {
    ({ toDataverse: toWrite, merged, toClarity, conflicts } = mergeCustomerAndContact({ base: link?.snapshot, customer, clarity, contact, fields }));
  }
  const parentChanged = accountId !== undefined && (!contact || guidOf(contact, '_parentcustomerid_value') !== accountId);
  const nothingToWrite = contact !== undefined && Object.keys(toWrite).length === 0 && !parentChanged && contact.clar_clarityid === customer.customerId;
  // Until a push to Clarity succeeds Clarity does not hold the CRM values that won, so the base keeps the old ones.
  // Otherwise a failed push (412: Clarity moved on past this event) would count as applied, and the next merge
  // would take Clarity's older value for a Clarity-side change and overwrite the CRM edit on both sides.
  const agreed: Record<string, unknown> = { ...merged };
  for (const field of Object.keys(toClarity)) {
    if (link?.snapshot && field in link.snapshot) agreed[field] = link.snapshot[field];
    else delete agreed[field];
  }
  return {
    body: {
      ...toWrite,
      ...(parentChanged ? input.binds : {}),
      clar_clarityid: customer.customerId,
      clar_syncstatus: SYNC_STATUS.synced,
      clar_lastsyncedon: input.at,
      clar_syncerror: null,
    },
    nothingToWrite,
    toClarity,
    conflicts,
    link: {
      entity: 'customer',
      clarityId: customer.customerId,
      dataverseTable: 'contact',
      hashToDataverse: canonicalHash({ ...merged, parent: accountId ?? null }),
      hashToClarity: link?.hashToClarity ?? null,
      snapshot: agreed,
      clarityVersion: customer.version,
      dataverseVersion: null,
    },
  };
}
