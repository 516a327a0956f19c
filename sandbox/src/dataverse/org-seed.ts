import type { ClientRegistration } from './identity';
import type { DataverseStore, LookupValue } from './store/types';
import { nameBasedGuid } from '../common/guid';

/** A stable GUID from a name, so seeded ids are the same on every run. */
export const stableGuid = nameBasedGuid;

export interface OrgInfo {
  organizationId: string;
  businessUnitId: string;
  name: string;
  domain: string;
  baseCurrency: LookupValue;
  /** Entra object id → systemuserid of the bound (application) user. */
  usersByObjectId: Map<string, string>;
}

const CURRENCIES = [
  { code: 'USD', name: 'US Dollar', symbol: '$' },
  { code: 'EUR', name: 'Euro', symbol: '€' },
  { code: 'GBP', name: 'Pound Sterling', symbol: '£' },
];

/**
 * Rows every org has before anyone uses it: the base currency (plus two more), the "Default Unit" group with
 * its "Primary Unit" (specs/dataverse-webapi.md §5.2), a system administrator, and one systemuser per app
 * registration with a secret (application users bound by Entra object id).
 */
export function seedOrganization(store: DataverseStore, clients: readonly ClientRegistration[], name: string, domain: string): OrgInfo {
  const now = '2024-01-01T00:00:00Z';
  const admin = { id: stableGuid('systemuser:admin'), logicalName: 'systemuser' };
  const audit = { createdon: now, modifiedon: now, createdby: admin, modifiedby: admin };
  const businessUnitId = stableGuid(`businessunit:${name}`);
  store.insert('systemuser', { systemuserid: admin.id, firstname: 'System', lastname: 'Administrator', fullname: 'System Administrator', domainname: `admin@${domain}`, accessmode: 0, isdisabled: false, businessunitid: businessUnitId, ...audit });
  const usersByObjectId = new Map<string, string>();
  // Only confidential clients become application users; a public (SPA) client acts for signed-in users.
  for (const client of clients.filter((c) => c.clientSecret !== undefined)) {
    const id = stableGuid(`systemuser:${client.objectId}`);
    usersByObjectId.set(client.objectId, id);
    store.insert('systemuser', {
      systemuserid: id,
      firstname: '# ' + client.displayName,
      lastname: '',
      fullname: '# ' + client.displayName,
      domainname: `${client.clientId}@${domain}`,
      azureactivedirectoryobjectid: client.objectId,
      accessmode: 4,
      isdisabled: false,
      businessunitid: businessUnitId,
      ...audit,
    });
  }
  for (const c of CURRENCIES)
    store.insert('transactioncurrency', {
      transactioncurrencyid: stableGuid(`currency:${c.code}`),
      currencyname: c.name,
      isocurrencycode: c.code,
      currencysymbol: c.symbol,
      currencyprecision: 2,
      exchangerate: 1,
      statecode: 0,
      statuscode: 1,
      ...audit,
    });
  const scheduleId = stableGuid('uomschedule:default');
  const unitId = stableGuid('uom:primary');
  store.insert('uomschedule', { uomscheduleid: scheduleId, name: 'Default Unit', baseuomname: 'Primary Unit', ...audit });
  store.insert('uom', {
    uomid: unitId,
    name: 'Primary Unit',
    quantity: 1,
    isschedulebaseuom: true,
    baseuom: { id: unitId, logicalName: 'uom' },
    uomscheduleid: { id: scheduleId, logicalName: 'uomschedule' },
    ...audit,
  });
  return {
    organizationId: stableGuid(`organization:${name}`),
    businessUnitId,
    name,
    domain,
    baseCurrency: { id: stableGuid('currency:USD'), logicalName: 'transactioncurrency' },
    usersByObjectId,
  };
}
