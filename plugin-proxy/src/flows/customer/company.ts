import { alternateKey, type Row } from '../../clients/dataverse';
import type { Company } from '../../clients/clarity';
import { canonicalHash } from '../../mapping';
import { MAPPINGS, SYNC_STATUS, type CustomerFlowDeps } from './deps';

const ACCOUNT_COLUMNS = ['name', 'accountnumber', 'clar_clarityid', 'modifiedon'];

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** An existing CRM account for the company: linked, by Clarity id, by account number, then by exact name. */
async function findAccount(deps: CustomerFlowDeps, company: Company & { companyId: string }): Promise<Row | undefined> {
  const link = await deps.store.links.byClarity('company', company.companyId);
  if (link) {
    const row = await deps.dataverse.retrieve('accounts', link.dataverseId, ACCOUNT_COLUMNS);
    if (row) return row;
  }
  const byKey = await deps.dataverse.retrieve('accounts', alternateKey({ clar_clarityid: company.companyId }), ACCOUNT_COLUMNS);
  if (byKey) return byKey;
  const filters = [
    company.accountNumber ? `accountnumber eq ${odataString(company.accountNumber)}` : undefined,
    company.name ? `name eq ${odataString(company.name)}` : undefined,
  ].filter((f): f is string => f !== undefined);
  for (const filter of filters) {
    const page = await deps.dataverse.query('accounts', { select: ACCOUNT_COLUMNS, filter: `${filter} and clar_clarityid eq null`, top: 1 });
    if (page.value[0]) return page.value[0];
  }
  return undefined;
}

/**
 * Makes sure the customer's company exists as an account (adopting a matching CRM account) and is up to
 * date; returns its id. Writes are skipped when the mapped content hash equals the last one written.
 */
export async function ensureAccount(deps: CustomerFlowDeps, company: Company & { companyId: string }): Promise<string> {
  const mapping = deps.mappings.get(MAPPINGS.companyToAccount);
  const values = mapping.apply(company).values;
  const hash = canonicalHash(values);
  const link = await deps.store.links.byClarity('company', company.companyId);
  const existing = await findAccount(deps, company);
  if (existing && link?.hashToDataverse === hash && link.dataverseId === existing.accountid) return String(existing.accountid);
  const body = { ...values, clar_clarityid: company.companyId, clar_syncstatus: SYNC_STATUS.synced, clar_lastsyncedon: deps.now().toISOString() };
  let accountId: string;
  if (existing) {
    accountId = String(existing.accountid);
    await deps.dataverse.update('accounts', accountId, body, { ifMatch: '*' });
  } else {
    const res = await deps.dataverse.upsert('accounts', alternateKey({ clar_clarityid: company.companyId }), body, { returnRepresentation: true });
    accountId = String(res.row?.accountid ?? res.id);
  }
  await deps.store.links.save({
    entity: 'company',
    clarityId: company.companyId,
    dataverseTable: 'account',
    dataverseId: accountId,
    hashToDataverse: hash,
    hashToClarity: link?.hashToClarity ?? null,
    snapshot: values,
    clarityVersion: null,
    dataverseVersion: null,
  });
  return accountId;
}
