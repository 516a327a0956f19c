/**
 * One batch of the initial load's customers: their companies as accounts, then the customers as contacts, each
 * with one UpsertMultiple keyed by `clar_clarityid` (the same mappings and link shape as the customer flow, so
 * later webhooks find the links and skip what is already applied). A customer already linked goes through the
 * flow instead, whose three-way merge keeps edits made in CRM since.
 */
import type { Customer } from '../clients/clarity';
import type { Row } from '../clients/dataverse';
import { ConnectorError } from '../errors';
import { applyCustomerToDataverse } from '../flows/customer';
import { binds, canonicalFields, pick } from '../flows/customer/canonical';
import { MAPPINGS, SYNC_STATUS } from '../flows/customer/deps';
import type { FlowDeps } from '../flows/deps';
import { canonicalHash } from '../mapping';
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
  const pending: { companyId: string; values: Record<string, unknown>; hash: string }[] = [];
  for (const company of companies.values()) {
    const values = mapping.apply(company).values;
    const hash = canonicalHash(values);
    const link = await deps.store.links.byClarity('company', company.companyId);
    if (link?.hashToDataverse === hash) ids.set(company.companyId, link.dataverseId);
    else pending.push({ companyId: company.companyId, values, hash });
  }
  if (pending.length === 0) return ids;
  const at = deps.now().toISOString();
  await deps.dataverse.upsertMultiple(
    'accounts',
    pending.map((p) => ({ '@odata.id': keyed('accounts', p.companyId), ...p.values, clar_clarityid: p.companyId, clar_syncstatus: SYNC_STATUS.synced, clar_lastsyncedon: at })),
  );
  const read = await idsByColumn(deps, 'accounts', 'accountid', 'clar_clarityid', pending.map((p) => p.companyId));
  for (const p of pending) {
    const accountId = read.get(p.companyId);
    if (!accountId) throw new Error(`account for company ${p.companyId} was upserted but cannot be read back`);
    ids.set(p.companyId, accountId);
    const link = await deps.store.links.byClarity('company', p.companyId);
    await deps.store.links.save({
      entity: 'company', clarityId: p.companyId, dataverseTable: 'account', dataverseId: accountId, hashToDataverse: p.hash,
      hashToClarity: link?.hashToClarity ?? null, snapshot: p.values, clarityVersion: null, dataverseVersion: null,
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
  const at = deps.now().toISOString();
  const planned = fresh.map((c) => {
    const mapped = toContact.apply(c).values;
    const clarity = pick(mapped, fields);
    const accountId = c.company?.companyId ? accounts.get(c.company.companyId) : undefined;
    // State is not valid on create (a created row is active): it goes in a second write, below.
    const { statecode, statuscode, ...columns } = clarity;
    const body: Row = {
      '@odata.id': keyed('contacts', c.customerId),
      ...columns,
      ...binds(mapped),
      clar_clarityid: c.customerId,
      clar_syncstatus: SYNC_STATUS.synced,
      clar_lastsyncedon: at,
      clar_syncerror: null,
    };
    const state = statecode !== undefined && statecode !== 0 ? { statecode, statuscode } : undefined;
    return { c, clarity, body, state, hash: canonicalHash({ ...clarity, parent: accountId ?? null }) };
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
  const ids = await idsByColumn(deps, 'contacts', 'contactid', 'clar_clarityid', fresh.map((c) => c.customerId));
  for (const p of planned) {
    const contactId = ids.get(p.c.customerId);
    if (!contactId) {
      out.failed.push({ id: p.c.customerId, error: 'upserted but not found when read back' });
      continue;
    }
    await deps.store.links.save({
      entity: 'customer', clarityId: p.c.customerId, dataverseTable: 'contact', dataverseId: contactId, hashToDataverse: p.hash,
      hashToClarity: null, snapshot: p.clarity, clarityVersion: p.c.version, dataverseVersion: null,
    });
    out.written += 1;
  }
  return out;
}
