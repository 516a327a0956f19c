/**
 * The CRM rows an initial load adopts instead of duplicating, found for a whole batch in one `$batch` request
 * (no read per customer). Same rules as the customer flow's match (flows/customer/match.ts, company.ts): a row
 * already keyed by the Clarity id is the record itself (a resumed load); otherwise an unlinked active contact
 * with the same email (case-insensitive, the oldest first), and an unlinked account with the same account
 * number, else the same name.
 */
import type { Company, Customer } from '../clients/clarity';
import type { Row } from '../clients/dataverse';
import type { FlowDeps } from '../flows/deps';
import { rowsWhere } from './read-back';

const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
const oldestFirst = (a: Row, b: Row) => String(a.createdon ?? '').localeCompare(String(b.createdon ?? '')) || String(a.contactid).localeCompare(String(b.contactid));

/** Customer id → the unlinked contact to adopt (its mapped columns as read now). */
export async function contactsToAdopt(deps: FlowDeps, customers: readonly Customer[], select: readonly string[]): Promise<Map<string, Row>> {
  const emails = customers.map((c) => c.email?.trim()).filter((e): e is string => Boolean(e));
  const columns = [...new Set([...select, 'contactid', 'createdon'])];
  const [keyed = [], byEmail = []] = await rowsWhere(deps, [
    { set: 'contacts', select: ['contactid', 'clar_clarityid'], column: 'clar_clarityid', values: customers.map((c) => c.customerId) },
    { set: 'contacts', select: columns, column: 'emailaddress1', values: emails, where: 'clar_clarityid eq null and statecode eq 0' },
  ]);
  const hasKeyed = new Set(keyed.map((r) => String(r.clar_clarityid)));
  const candidates = new Map<string, Row[]>();
  for (const row of byEmail.sort(oldestFirst)) {
    const list = candidates.get(lower(row.emailaddress1)) ?? [];
    list.push(row);
    candidates.set(lower(row.emailaddress1), list);
  }
  const out = new Map<string, Row>();
  for (const c of customers) {
    if (hasKeyed.has(c.customerId)) continue;
    // One contact per customer: a second customer with the same email gets the next one, or a new contact.
    const row = candidates.get(lower(c.email))?.shift();
    if (row) out.set(c.customerId, row);
  }
  return out;
}

/** Company id → the unlinked account to adopt (by account number, else by exact name). */
export async function accountsToAdopt(deps: FlowDeps, companies: readonly (Company & { companyId: string })[]): Promise<Map<string, string>> {
  const where = 'clar_clarityid eq null';
  const numbers = companies.map((c) => c.accountNumber?.trim()).filter((n): n is string => Boolean(n));
  const names = companies.map((c) => c.name?.trim()).filter((n): n is string => Boolean(n));
  const [keyed = [], byNumber = [], byName = []] = await rowsWhere(deps, [
    { set: 'accounts', select: ['accountid', 'clar_clarityid'], column: 'clar_clarityid', values: companies.map((c) => c.companyId) },
    { set: 'accounts', select: ['accountid', 'accountnumber'], column: 'accountnumber', values: numbers, where },
    { set: 'accounts', select: ['accountid', 'name'], column: 'name', values: names, where },
  ]);
  const hasKeyed = new Set(keyed.map((r) => String(r.clar_clarityid)));
  const first = (rows: Row[], column: string) => {
    const m = new Map<string, string>();
    for (const r of [...rows].sort((a, b) => String(a.accountid).localeCompare(String(b.accountid)))) if (!m.has(lower(r[column]))) m.set(lower(r[column]), String(r.accountid).toLowerCase());
    return m;
  };
  const number = first(byNumber, 'accountnumber');
  const name = first(byName, 'name');
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const c of companies) {
    if (hasKeyed.has(c.companyId)) continue;
    const id = [number.get(lower(c.accountNumber)), name.get(lower(c.name))].find((a) => a !== undefined && !taken.has(a));
    if (!id) continue;
    taken.add(id);
    out.set(c.companyId, id);
  }
  return out;
}
