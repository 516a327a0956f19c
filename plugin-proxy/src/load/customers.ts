/**
 * One batch of the initial load's customers: their companies as accounts, then the customers as contacts, each
 * with one UpsertMultiple keyed by `clar_clarityid` (the same mappings and link shape as the customer flow, so
 * later webhooks find the links and skip what is already applied). Contacts and accounts the CRM already had are
 * adopted, not duplicated: one pre-pass per batch finds them (adopt.ts), and an adopted contact gets the flow's
 * three-way merge (planContact) in the same UpsertMultiple, addressed by its row id. A customer already linked
 * goes through the flow instead, whose merge keeps edits made in CRM since.
 */
import type { Company, Customer } from '../clients/clarity';
import type { Link } from '../store/types';
import type { Row } from '../clients/dataverse';
import { ConnectorError } from '../errors';
import { applyCustomerToDataverse } from '../flows/customer';
import { binds, canonicalFields, contactColumns, pick } from '../flows/customer/canonical';
import { recordConflicts } from '../flows/customer/conflicts';
import { planContact, type ContactPlan } from '../flows/customer/contact-plan';
import { pushToClarity } from '../flows/customer/dataverse-to-clarity';
import { MAPPINGS, SYNC_STATUS } from '../flows/customer/deps';
import type { FlowDeps } from '../flows/deps';
import { canonicalHash } from '../mapping';
import { accountsToAdopt, contactsToAdopt } from './adopt';
import { idsByColumn } from './read-back';

const keyed = (set: string, id: string) => `${set}(clar_clarityid='${id.replace(/'/g, "''")}')`;

export interface BatchOutcome {
  written: number;
  unchanged: number;
  failed: { id: string; error: string }[];
}

async function loadCompanies(deps: FlowDeps, customers: readonly Customer[]): Promise<Map<string, string>> {
  const mapping = deps.mappings.get(MAPPINGS.companyToAccount);
  const companies = new Map<string, NonNullable<Customer['company']> & { companyId: string }>();
  for (const c of customers) if (c.company?.companyId) companies.set(c.company.companyId, { ...c.company, companyId: c.company.companyId });
  const ids = new Map<string, string>();
  const pending: { companyId: string; values: Record<string, unknown>; hash: string; link: Link | undefined }[] = [];
  for (const company of companies.values()) {
    const values = mapping.apply(company).values;
    const hash = canonicalHash(values);
    const link = await deps.store.links.byClarity('company', company.companyId);
    if (link?.hashToDataverse === hash) ids.set(company.companyId, link.dataverseId);
    else pending.push({ companyId: company.companyId, values, hash, link });
  }
  if (pending.length === 0) return ids;
  const adopt = await accountsToAdopt(deps, pending.filter((p) => !p.link).map((p) => companies.get(p.companyId) as Company & { companyId: string }));
  const at = deps.now().toISOString();
  await deps.dataverse.upsertMultiple(
    'accounts',
    pending.map((p) => {
      const adopted = adopt.get(p.companyId);
      const target = adopted ? `accounts(${adopted})` : keyed('accounts', p.companyId);
      return { '@odata.id': target, ...p.values, clar_clarityid: p.companyId, clar_syncstatus: SYNC_STATUS.synced, clar_lastsyncedon: at };
    }),
  );
  const read = await idsByColumn(deps, 'accounts', 'accountid', 'clar_clarityid', pending.map((p) => p.companyId));
  for (const p of pending) {
    const accountId = read.get(p.companyId);
    if (!accountId) throw new Error(`account for company ${p.companyId} was upserted but cannot be read back`);
    ids.set(p.companyId, accountId);
    await deps.store.links.save({
      entity: 'company', clarityId: p.companyId, dataverseTable: 'account', dataverseId: accountId, hashToDataverse: p.hash,
      hashToClarity: p.link?.hashToClarity ?? null, snapshot: p.values, clarityVersion: null, dataverseVersion: null,
    });
  }
  return ids;
}

export async function loadCustomerBatch(deps: FlowDeps, customers: readonly Customer[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { written: 0, unchanged: 0, failed: [] };
  const fresh: Customer[] = [];
  for (const c of customers) {
    const link = await deps.store.links.byClarity('customer', c.customerId);
    if (!link) {
      fresh.push(c);
      continue;
    }
    try {
      const r = await applyCustomerToDataverse(deps, c, 'initial load');
      if (r?.skipped) out.unchanged += 1;
      else out.written += 1;
    } catch (e) {
      out.failed.push({ id: c.customerId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (fresh.length === 0) return out;

  const accounts = await loadCompanies(deps, fresh);
  const toContact = deps.mappings.get(MAPPINGS.customerToContact);
  const fields = canonicalFields(toContact);
  const adopt = await contactsToAdopt(deps, fresh, contactColumns(fields));
  const at = deps.now().toISOString();
  const planned = fresh.map((c) => {
    const mapped = toContact.apply(c).values;
    const clarity = pick(mapped, fields);
    const accountId = c.company?.companyId ? accounts.get(c.company.companyId) : undefined;
    const contact = adopt.get(c.customerId);
    const plan: ContactPlan = planContact({ customer: c, link: undefined, clarity, binds: binds(mapped), fields, contact, accountId, at });
    if (contact) {
      // An existing CRM contact, by its row id: the merged changes and the Clarity id (state is valid on update).
      const contactId = String(contact.contactid).toLowerCase();
      return { c, clarity, plan, contactId, body: { '@odata.id': `contacts(${contactId})`, ...plan.body } as Row, state: undefined };
    }
    // State is not valid on create (a created row is active): it goes in a second write, below.
    const { statecode, statuscode, ...columns } = plan.body;
    const state = statecode !== undefined && statecode !== 0 ? { statecode, statuscode } : undefined;
    return { c, clarity, plan, contactId: undefined, body: { '@odata.id': keyed('contacts', c.customerId), ...columns } as Row, state };
  });
  try {
    await deps.dataverse.upsertMultiple('contacts', planned.map((p) => p.body));
  } catch (e) {
    // UpsertMultiple is one transaction: a customer Dataverse refuses fails the batch. Apply those one at a time
    // through the flow, so the others load and each refusal is reported with its id.
    if (!(e instanceof ConnectorError) || e.code !== 'CONNECTOR_ERR_VALIDATION') throw e;
    for (const c of fresh) {
      try {
        await applyCustomerToDataverse(deps, c, 'initial load');
        out.written += 1;
      } catch (err) {
        out.failed.push({ id: c.customerId, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return out;
  }
  const inactive = planned.filter((p) => p.state);
  if (inactive.length > 0) await deps.dataverse.upsertMultiple('contacts', inactive.map((p) => ({ '@odata.id': keyed('contacts', p.c.customerId), ...p.state })));
  const created = planned.filter((p) => !p.contactId);
  const ids = await idsByColumn(deps, 'contacts', 'contactid', 'clar_clarityid', created.map((p) => p.c.customerId));
  for (const p of planned) {
    const contactId = p.contactId ?? ids.get(p.c.customerId);
    if (!contactId) {
      out.failed.push({ id: p.c.customerId, error: 'upserted but not found when read back' });
      continue;
    }
    const saved = { ...p.plan.link, dataverseId: contactId };
    await deps.store.links.save(saved);
    if (p.contactId) await recordConflicts(deps, 'customer', p.c.customerId, contactId, p.plan.conflicts);
    // An adopted contact with CRM values newer than Clarity's sends them to Clarity, as the flow does.
    if (p.contactId && Object.keys(p.plan.toClarity).length > 0) {
      try {
        await pushToClarity(deps, p.c, { ...p.clarity, ...p.plan.toClarity }, saved);
      } catch (e) {
        out.failed.push({ id: p.c.customerId, error: `contact ${contactId} adopted, but its newer CRM values did not reach Clarity: ${e instanceof Error ? e.message : String(e)}` });
        continue;
      }
    }
    out.written += 1;
  }
  return out;
}
