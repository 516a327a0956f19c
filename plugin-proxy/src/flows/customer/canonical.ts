import { threeWayMerge, type CompiledMapping, type FieldPolicy, type MergeResult } from '../../mapping';
import type { Customer } from '../../clients/clarity';
import type { Row } from '../../clients/dataverse';

/**
 * Canonical field space = the Dataverse columns the customer→contact mapping writes (mapping/merge.ts).
 * Lookups (`x@odata.bind`) are compared separately: Dataverse reads them back as `_x_value` GUIDs.
 */
export function canonicalFields(mapping: CompiledMapping): Record<string, FieldPolicy> {
  const out: Record<string, FieldPolicy> = {};
  for (const [key, policy] of Object.entries(mapping.policies)) if (!key.includes('@')) out[key] = policy;
  return out;
}

export function pick(values: Readonly<Record<string, unknown>>, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (values[key] !== undefined) out[key] = values[key];
  return out;
}

/** Lookup binds a mapping produced (`parentcustomerid_account@odata.bind` → value). */
export function binds(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (key.endsWith('@odata.bind')) out[key] = value;
  return out;
}

/** Columns to read from a contact: every canonical field plus what the flow itself needs. */
export function contactColumns(fields: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(fields), 'clar_clarityid', 'clar_syncstatus', 'emailaddress1', 'modifiedon', '_parentcustomerid_value'])];
}

export function guidOf(row: Row, column: string): string | undefined {
  const v = row[column];
  return typeof v === 'string' && v ? v.toLowerCase() : undefined;
}

/** The three-way merge of a customer (mapped to canonical fields) and its contact as read, against the last base. */
export function mergeCustomerAndContact(input: {
  base: Readonly<Record<string, unknown>> | null | undefined;
  customer: Pick<Customer, 'updatedAt'>;
  clarity: Readonly<Record<string, unknown>>;
  contact: Row;
  fields: Readonly<Record<string, FieldPolicy>>;
}): MergeResult {
  return threeWayMerge({
    base: input.base ?? null,
    clarity: input.clarity,
    dataverse: pick(input.contact, input.fields),
    fields: input.fields,
    clarityUpdatedAt: input.customer.updatedAt,
    dataverseModifiedOn: typeof input.contact.modifiedon === 'string' ? input.contact.modifiedon : null,
  });
}
