import type { ColumnDef, TableDef } from '../types';
import { ACTIVE_INACTIVE, auditColumns, ownerColumns, primaryKey, stateColumns, YES_NO } from './common';

/** Address columns address1_* / address2_* as the real contact and account tables have them. */
export function addressColumns(n: 1 | 2): ColumnDef[] {
  const p = `address${n}_`;
  return [
    { name: `${p}name`, type: 'String', maxLength: 200 },
    { name: `${p}line1`, type: 'String', maxLength: 250 },
    { name: `${p}line2`, type: 'String', maxLength: 250 },
    { name: `${p}line3`, type: 'String', maxLength: 250 },
    { name: `${p}city`, type: 'String', maxLength: 80 },
    { name: `${p}stateorprovince`, type: 'String', maxLength: 50 },
    { name: `${p}postalcode`, type: 'String', maxLength: 20 },
    { name: `${p}country`, type: 'String', maxLength: 80 },
    { name: `${p}telephone1`, type: 'String', maxLength: 50 },
    { name: `${p}latitude`, type: 'Double', minValue: -90, maxValue: 90 },
    { name: `${p}longitude`, type: 'Double', minValue: -180, maxValue: 180 },
    { name: `${p}composite`, type: 'Memo', maxLength: 1000, computed: true, validForCreate: false, validForUpdate: false },
    {
      name: `${p}addresstypecode`,
      type: 'Picklist',
      options: { 1: 'Bill To', 2: 'Ship To', 3: 'Primary', 4: 'Other' },
    },
  ];
}

export const contact: TableDef = {
  logicalName: 'contact',
  entitySetName: 'contacts',
  primaryId: 'contactid',
  primaryName: 'fullname',
  ownership: 'User',
  changeTracking: true,
  states: ACTIVE_INACTIVE,
  columns: [
    primaryKey('contactid'),
    { name: 'firstname', type: 'String', maxLength: 50 },
    { name: 'middlename', type: 'String', maxLength: 50 },
    { name: 'lastname', type: 'String', maxLength: 50, required: 'ApplicationRequired' },
    { name: 'fullname', type: 'String', maxLength: 160, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'yomifullname', type: 'String', maxLength: 450, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'salutation', type: 'String', maxLength: 100 },
    { name: 'jobtitle', type: 'String', maxLength: 100 },
    { name: 'emailaddress1', type: 'String', maxLength: 100, indexed: true },
    { name: 'emailaddress2', type: 'String', maxLength: 100 },
    { name: 'telephone1', type: 'String', maxLength: 50 },
    { name: 'telephone2', type: 'String', maxLength: 50 },
    { name: 'mobilephone', type: 'String', maxLength: 50 },
    { name: 'fax', type: 'String', maxLength: 50 },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'birthdate', type: 'DateTime' },
    { name: 'donotemail', type: 'Boolean', options: { 0: 'Allow', 1: 'Do Not Allow' } },
    { name: 'donotbulkemail', type: 'Boolean', options: { 0: 'Allow', 1: 'Do Not Allow' } },
    { name: 'creditonhold', type: 'Boolean', options: YES_NO },
    { name: 'gendercode', type: 'Picklist', options: { 1: 'Male', 2: 'Female' } },
    { name: 'preferredcontactmethodcode', type: 'Picklist', options: { 1: 'Any', 2: 'Email', 3: 'Phone', 4: 'Fax', 5: 'Mail' }, defaultValue: 1 },
    { name: 'customertypecode', type: 'Picklist', options: { 1: 'Default Value' }, defaultValue: 1 },
    {
      name: 'parentcustomerid',
      type: 'Customer',
      targets: ['account', 'contact'],
      navigation: { account: 'parentcustomerid_account', contact: 'parentcustomerid_contact' },
      indexed: true,
    },
    { name: 'transactioncurrencyid', type: 'Lookup', targets: ['transactioncurrency'] },
    { name: 'creditlimit', type: 'Money', precision: 2 },
    { name: 'annualincome', type: 'Money', precision: 2 },
    ...addressColumns(1),
    ...addressColumns(2),
    ...stateColumns(ACTIVE_INACTIVE),
    ...ownerColumns(),
    ...auditColumns(),
  ],
  collections: [
    { name: 'contact_customer_contacts', target: 'contact', referencingAttribute: 'parentcustomerid' },
    { name: 'account_primary_contact', target: 'account', referencingAttribute: 'primarycontactid' },
    { name: 'order_customer_contacts', target: 'salesorder', referencingAttribute: 'customerid' },
    { name: 'incident_customer_contacts', target: 'incident', referencingAttribute: 'customerid' },
  ],
};
