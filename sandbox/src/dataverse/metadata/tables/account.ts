import type { TableDef } from '../types';
import { ACTIVE_INACTIVE, auditColumns, ownerColumns, primaryKey, stateColumns, YES_NO } from './common';
import { addressColumns } from './contact';

export const account: TableDef = {
  logicalName: 'account',
  entitySetName: 'accounts',
  primaryId: 'accountid',
  primaryName: 'name',
  ownership: 'User',
  changeTracking: true,
  states: ACTIVE_INACTIVE,
  columns: [
    primaryKey('accountid'),
    { name: 'name', type: 'String', maxLength: 160, required: 'ApplicationRequired', indexed: true },
    { name: 'accountnumber', type: 'String', maxLength: 20, indexed: true },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'emailaddress1', type: 'String', maxLength: 100, indexed: true },
    { name: 'telephone1', type: 'String', maxLength: 50 },
    { name: 'telephone2', type: 'String', maxLength: 50 },
    { name: 'fax', type: 'String', maxLength: 50 },
    { name: 'websiteurl', type: 'String', maxLength: 200 },
    { name: 'numberofemployees', type: 'Integer', minValue: 0, maxValue: 1000000000 },
    { name: 'revenue', type: 'Money', precision: 2 },
    { name: 'creditlimit', type: 'Money', precision: 2 },
    { name: 'creditonhold', type: 'Boolean', options: YES_NO },
    { name: 'accountcategorycode', type: 'Picklist', options: { 1: 'Preferred Customer', 2: 'Standard' } },
    {
      name: 'customertypecode',
      type: 'Picklist',
      options: { 1: 'Competitor', 2: 'Consultant', 3: 'Customer', 4: 'Investor', 5: 'Partner', 6: 'Influencer', 7: 'Press', 8: 'Prospect', 9: 'Reseller', 10: 'Supplier', 11: 'Vendor', 12: 'Other' },
    },
    { name: 'primarycontactid', type: 'Lookup', targets: ['contact'] },
    { name: 'parentaccountid', type: 'Lookup', targets: ['account'] },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'] },
    { name: 'defaultpricelevelid', type: 'Lookup', targets: ['pricelevel'] },
    ...addressColumns(1),
    ...addressColumns(2),
    ...stateColumns(ACTIVE_INACTIVE),
    ...ownerColumns(),
    ...auditColumns(),
  ],
  collections: [
    { name: 'contact_customer_accounts', target: 'contact', referencingAttribute: 'parentcustomerid' },
    { name: 'account_parent_account', target: 'account', referencingAttribute: 'parentaccountid' },
    { name: 'order_customer_accounts', target: 'salesorder', referencingAttribute: 'customerid' },
    { name: 'incident_customer_accounts', target: 'incident', referencingAttribute: 'customerid' },
  ],
};
