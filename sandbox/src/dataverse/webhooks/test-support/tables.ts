/** Test-only tables: a small contact/account/systemuser schema with the column kinds the webhook body converts. */
import { MetadataRegistry } from '../../metadata/registry';
import { ACTIVE_INACTIVE, auditColumns, ownerColumns, primaryKey, stateColumns } from '../../metadata/tables/common';
import type { TableDef } from '../../metadata/types';
import { WEBHOOK_TABLES } from '../tables';

const systemuser: TableDef = {
  logicalName: 'systemuser',
  entitySetName: 'systemusers',
  primaryId: 'systemuserid',
  primaryName: 'fullname',
  ownership: 'None',
  columns: [primaryKey('systemuserid'), { name: 'fullname', type: 'String', maxLength: 200 }],
};

const account: TableDef = {
  logicalName: 'account',
  entitySetName: 'accounts',
  primaryId: 'accountid',
  primaryName: 'name',
  ownership: 'User',
  columns: [primaryKey('accountid'), { name: 'name', type: 'String', maxLength: 160 }, ...auditColumns(), ...ownerColumns()],
};

const contact: TableDef = {
  logicalName: 'contact',
  entitySetName: 'contacts',
  primaryId: 'contactid',
  primaryName: 'fullname',
  ownership: 'User',
  columns: [
    primaryKey('contactid'),
    { name: 'firstname', type: 'String', maxLength: 50 },
    { name: 'lastname', type: 'String', maxLength: 50 },
    { name: 'fullname', type: 'String', maxLength: 160, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'yomifullname', type: 'String', maxLength: 450, computed: true, validForCreate: false, validForUpdate: false },
    { name: 'description', type: 'Memo', maxLength: 2000 },
    { name: 'emailaddress1', type: 'String', maxLength: 100 },
    { name: 'creditlimit', type: 'Money', precision: 2 },
    { name: 'gendercode', type: 'Picklist', options: { 1: 'Male', 2: 'Female' } },
    { name: 'donotemail', type: 'Boolean', options: { 0: 'Allow', 1: 'Do Not Allow' } },
    { name: 'parentcustomerid', type: 'Customer', targets: ['account'] },
    { name: 'modifiedonbehalfby', type: 'Lookup', targets: ['systemuser'], validForCreate: false, validForUpdate: false },
    ...stateColumns(ACTIVE_INACTIVE),
    ...auditColumns(),
    ...ownerColumns(),
  ],
  states: ACTIVE_INACTIVE,
};

export function testRegistry(): MetadataRegistry {
  return new MetadataRegistry([systemuser, account, contact, ...WEBHOOK_TABLES]);
}
